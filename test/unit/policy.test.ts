/**
 * Every cell of the permission table: operation x signed-in role x Helcim token capabilities
 * (sales token level x admin token level, each possibly absent). The expected answers are written
 * out by hand here, not computed with the code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATION_NAMES, type OperationName, type Role } from '../../preload/contract';
import { capabilitiesFor, decide, lookupDayAllowed, POLICY, type HelcimAccess, type TxLevel } from '../../main/policy/table';

type Want = { role: Role | null; token?: { use: 'sales' | 'admin' | 'lookup'; level: TxLevel }; override?: 'refund' | 'reverse' };
const EXPECTED: Record<OperationName, Want> = {
  'app.status': { role: null },
  'staff.roster': { role: null },
  'staff.firstRun': { role: null },
  'session.signIn': { role: null },
  'session.signOut': { role: null },
  'session.touch': { role: 'cashier' },
  'staff.list': { role: 'manager' },
  'staff.add': { role: 'manager' },
  'staff.setActive': { role: 'manager' },
  'staff.resetPin': { role: 'manager' },
  'settings.setIdleLock': { role: 'manager' },
  'purchase.start': { role: 'cashier', token: { use: 'sales', level: 'positive' } },
  'verify.start': { role: 'cashier', token: { use: 'sales', level: 'auth' } },
  'checkout.finish': { role: 'cashier' },
  'transactions.search': { role: 'cashier', token: { use: 'lookup', level: 'auth' } },
  'override.approve': { role: 'cashier', token: { use: 'admin', level: 'admin' } },
  'refund.submit': { role: 'cashier', token: { use: 'admin', level: 'admin' }, override: 'refund' },
  'reverse.submit': { role: 'cashier', token: { use: 'admin', level: 'admin' }, override: 'reverse' },
  'helcim.status': { role: 'manager' },
  'helcim.saveToken': { role: 'manager' },
  'helcim.testToken': { role: 'manager' },
  'helcim.removeToken': { role: 'manager' },
  'helcim.setMode': { role: 'manager' },
  'history.search': { role: 'cashier', token: { use: 'lookup', level: 'auth' } },
  'receipt.get': { role: 'cashier' },
  'receipt.print': { role: 'cashier' },
  'receipt.savePdf': { role: 'cashier' },
  'report.x': { role: 'manager', token: { use: 'lookup', level: 'auth' } },
  'report.z': { role: 'manager', token: { use: 'lookup', level: 'auth' } },
  'report.export': { role: 'manager' },
};

const ROLES: (Role | null)[] = [null, 'cashier', 'manager'];
const LEVELS: (TxLevel | null)[] = [null, 'none', 'auth', 'positive', 'admin'];
const rank = (l: TxLevel) => ['none', 'auth', 'positive', 'admin'].indexOf(l);
const roleRank = (r: Role | null) => (r === null ? 0 : r === 'cashier' ? 1 : 2);

/** Which stored token a use picks: sales falls back to admin; lookup prefers admin; admin is admin only. */
function pick(use: 'sales' | 'admin' | 'lookup', a: HelcimAccess): { slot: 'sales' | 'admin'; level: TxLevel } | null {
  if (use === 'sales') return a.sales ? { slot: 'sales', level: a.sales } : a.admin ? { slot: 'admin', level: a.admin } : null;
  if (use === 'lookup') return a.admin ? { slot: 'admin', level: a.admin } : a.sales ? { slot: 'sales', level: a.sales } : null;
  return a.admin ? { slot: 'admin', level: a.admin } : null;
}

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
            assert.deepEqual([d.allowed, !d.allowed && d.code], [false, role === null ? 'not_signed_in' : 'forbidden'], cell);
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
            assert.match(!d.allowed ? d.message : '', /All Tools → Integrations → API Access Configuration/, cell);
            continue;
          }
          assert.deepEqual(d, { allowed: true, token: t.slot, ...(want.override ? { override: want.override } : {}) }, cell);
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
  assert.ok(OPERATION_NAMES.every((op) => mgr[op]), 'a manager with both tokens may do everything');
  const out = capabilitiesFor(null, { sales: 'admin', admin: 'admin' });
  assert.deepEqual(
    OPERATION_NAMES.filter((op) => out[op]).sort(),
    ['app.status', 'session.signIn', 'session.signOut', 'staff.firstRun', 'staff.roster'],
  );
});

test('lookup days: cashiers today only, managers any day', () => {
  assert.equal(lookupDayAllowed('cashier', undefined, '2026-11-25'), true);
  assert.equal(lookupDayAllowed('cashier', '2026-11-25', '2026-11-25'), true);
  assert.equal(lookupDayAllowed('cashier', '2026-11-24', '2026-11-25'), false);
  assert.equal(lookupDayAllowed('manager', '2026-01-01', '2026-11-25'), true);
});
