/**
 * Every cell of the permission table: operation x signed-in role x Helcim token capability.
 * The expected answers are written out by hand here, not computed with the code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATION_NAMES, type OperationName, type Role } from '../../preload/contract';
import { capabilitiesFor, decide, POLICY, TX_LEVELS, type HelcimAccess, type TxLevel } from '../../main/policy/table';

const ROLES: (Role | null)[] = [null, 'cashier', 'manager'];
const LEVELS: (TxLevel | null)[] = [null, ...TX_LEVELS];

// Minimum role and minimum sales-token level, by hand, per operation.
const EXPECTED: Record<OperationName, { role: Role | null; sales: TxLevel | null }> = {
  'app.status': { role: null, sales: null },
  'purchase.start': { role: 'cashier', sales: 'positive' },
  'verify.start': { role: 'cashier', sales: 'auth' },
  'checkout.finish': { role: 'cashier', sales: null },
};
const rank = (l: TxLevel | null) => (l === null ? -1 : ['none', 'auth', 'positive', 'admin'].indexOf(l));
const roleRank = (r: Role | null) => (r === null ? 0 : r === 'cashier' ? 1 : 2);

test('the table covers exactly the contract’s operations', () => {
  assert.deepEqual(Object.keys(POLICY).sort(), [...OPERATION_NAMES].sort());
  assert.deepEqual(Object.keys(EXPECTED).sort(), [...OPERATION_NAMES].sort());
});

for (const op of OPERATION_NAMES) {
  for (const role of ROLES) {
    for (const sales of LEVELS) {
      for (const admin of [null, 'admin'] as const) {
        const access: HelcimAccess = { sales, admin };
        test(`${op} | role=${role ?? 'signed-out'} | sales=${sales ?? 'no token'} | admin=${admin ?? 'no token'}`, () => {
          const want = EXPECTED[op];
          const d = decide(op, role, access);
          if (roleRank(role) < roleRank(want.role)) {
            assert.equal(d.allowed, false);
            assert.equal(!d.allowed && d.code, role === null ? 'not_signed_in' : 'forbidden');
            return;
          }
          if (want.sales === null) return assert.equal(d.allowed, true);
          // The sales slot falls back to the admin token when no sales token is stored.
          const effective = sales ?? admin;
          if (effective === null) return assert.deepEqual([d.allowed, !d.allowed && d.code], [false, 'token_missing']);
          if (rank(effective) < rank(want.sales)) {
            assert.equal(d.allowed, false);
            assert.equal(!d.allowed && d.code, 'token_insufficient');
            assert.match(!d.allowed ? d.message : '', /All Tools → Integrations → API Access Configuration/);
            return;
          }
          assert.deepEqual(d, { allowed: true, token: sales !== null ? 'sales' : 'admin' });
        });
      }
    }
  }
}

test('capabilities shown to the renderer are the table’s own answers', () => {
  const caps = capabilitiesFor('cashier', { sales: 'auth', admin: null });
  assert.deepEqual(caps, { 'app.status': true, 'purchase.start': false, 'verify.start': true, 'checkout.finish': true });
  assert.deepEqual(capabilitiesFor(null, { sales: 'admin', admin: 'admin' }), {
    'app.status': true, 'purchase.start': false, 'verify.start': false, 'checkout.finish': false,
  });
});
