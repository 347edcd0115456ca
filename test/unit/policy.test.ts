/**
 * Every cell of the permission table: operation x signed-in role x Helcim token capabilities
 * (sales token level x admin token level, each possibly absent). The expected answers are written
 * out by hand here, not computed with the code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATION_NAMES, type Role } from '../../common/contract';
import { capabilitiesFor, decide, lookupDayAllowed, POLICY, type TxLevel } from '../../main/policy/table';
import { EXPECTED, pick, rank, roleRank } from '../support/expected-policy';
import { translator } from '../../common/i18n';

const ROLES: (Role | null)[] = [null, 'cashier', 'manager'];
const LEVELS: (TxLevel | null)[] = [null, 'none', 'auth', 'positive', 'admin'];

test('the table covers exactly the contract’s operations', () => {
  assert.deepEqual(Object.keys(POLICY).sort(), [...OPERATION_NAMES].sort());
  assert.deepEqual(Object.keys(EXPECTED).sort(), [...OPERATION_NAMES].sort());
});

for (const op of OPERATION_NAMES) {
  for (const role of ROLES) {
    test(`${op} as ${role ?? 'signed-out'}: all 25 token combinations`, () => {
      const want = EXPECTED[op];
      let cells = 0;
      for (const sales of LEVELS) {
        for (const admin of LEVELS) {
          const cell = `${op} | ${role ?? 'signed-out'} | sales=${sales ?? '-'} | admin=${admin ?? '-'}`;
          const d = decide(op, role, { sales, admin });
          cells++;
          if (roleRank(role) < roleRank(want.role)) {
            assert.deepEqual(
              [d.allowed, !d.allowed && d.code],
              [false, role === null ? 'not_signed_in' : 'forbidden'],
              cell,
            );
            continue;
          }
          if (!want.token) {
            assert.deepEqual(d, { allowed: true, ...(want.override ? { override: want.override } : {}) }, cell);
            continue;
          }
          const t = pick(want.token.use, { sales, admin });
          if (!t) {
            assert.deepEqual([d.allowed, !d.allowed && d.code], [false, 'token_missing'], cell);
            continue;
          }
          if (rank(t.level) < rank(want.token.level)) {
            assert.deepEqual([d.allowed, !d.allowed && d.code], [false, 'token_insufficient'], cell);
            assert.match(
              !d.allowed ? translator('en-CA').t(d.key, d.values) : '',
              /All Tools → Integrations → API Access Configuration/,
              cell,
            );
            continue;
          }
          assert.deepEqual(
            d,
            { allowed: true, token: t.slot, ...(want.override ? { override: want.override } : {}) },
            cell,
          );
        }
      }
      assert.equal(cells, 25);
    });
  }
}

test('capabilities shown to the renderer are the table’s own answers', () => {
  const caps = capabilitiesFor('cashier', { sales: 'auth', admin: null });
  assert.equal(caps['purchase.start'], false);
  assert.equal(caps['verify.start'], true);
  assert.equal(caps['refund.submit'], false);
  assert.equal(caps['staff.add'], false);
  const mgr = capabilitiesFor('manager', { sales: 'positive', admin: 'admin' });
  assert.ok(
    OPERATION_NAMES.every((op) => mgr[op]),
    'a manager with both tokens may do everything',
  );
  const out = capabilitiesFor(null, { sales: 'admin', admin: 'admin' });
  assert.deepEqual(OPERATION_NAMES.filter((op) => out[op]).sort(), [
    'app.status',
    // Only on a fresh install (main/backup/restore.ts refuses otherwise), like staff.firstRun.
    'backup.restore',
    'checkout.finish',
    'session.signIn',
    'session.signOut',
    'staff.firstRun',
    'staff.roster',
    // Bound to the window that started the terminal sale, like checkout.finish.
    'terminal.cancel',
    'terminal.check',
  ]);
});

test('lookup days: cashiers today only, managers any day', () => {
  assert.equal(lookupDayAllowed('cashier', undefined, '2026-11-25'), true);
  assert.equal(lookupDayAllowed('cashier', '2026-11-25', '2026-11-25'), true);
  assert.equal(lookupDayAllowed('cashier', '2026-11-24', '2026-11-25'), false);
  assert.equal(lookupDayAllowed('manager', '2026-01-01', '2026-11-25'), true);
});
