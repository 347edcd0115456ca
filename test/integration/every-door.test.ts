/**
 * Every door that gives money back or moves the drawer, tried with the same four wrong approvals
 * (issue 25, "one door only": a guard tested where it was first written, not on the other paths that
 * rely on it). For a card refund, a void, a hold's release, cash handed back, a half-paid sale
 * abandoned, the opening float, paid in and paid out: a manager's approval for the sibling action, for
 * another transaction, for another amount, or given to another window of the same cashier is refused
 * (`forbidden`) and moves nothing; the approval that matches in every value goes through.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls } from '../support/bridge-calls';
import { placeHoldThroughApp, simulateSale } from '../support/simulated-sale';
import { approvalAsk } from '../support/approval-ask';
import type {
  BridgeResult,
  CashSale,
  DrawerView,
  OperationName,
  OverrideApproval,
  SaleView,
} from '../../common/contract';
import type { OverrideAction } from '../../main/policy/approvals';

const CASHIER = 1;
/** The same cashier's second window: an approval given to window 1 is not window 2's. */
const OTHER_WINDOW = 2;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
const ids = { casey: '', morgan: '' };
const { ok, call } = bridgeCalls(() => core);
const sim = () => core.simulator!;

const approve = (action: OverrideAction, subject: string, amountCents: number) =>
  ok<OverrideApproval>(CASHIER, 'override.approve', approvalAsk(action, subject, amountCents, ids.morgan, '135790'));

/** What could move: Helcim's rows, the drawer's expected cash, every sale's state and what it still holds. */
async function snapshot(): Promise<string> {
  const drawer = await ok<DrawerView>(CASHIER, 'drawer.status', {});
  const sales = core.db.prepare('SELECT number, state FROM sales ORDER BY number').all();
  return JSON.stringify({
    helcim: sim().transactions().length,
    drawer: [drawer.open, drawer.expectedCents, drawer.sessionId],
    sales,
    journal: core.journal.list(100_000).length,
  });
}

/** One door: the operation, the approval it needs, and a fresh case to try it on. */
type Door = {
  op: OperationName;
  action: OverrideAction;
  /** The action of the sibling door an approval must not open this one with. */
  sibling: OverrideAction;
  /** A fresh case: what the approval is bound to, and the payload given an approval. */
  setup: () => Promise<{
    /** The number the approval is bound to: a Helcim transaction, a sale or a drawer session. */
    subject: string;
    amountCents: number;
    payload: (approvalId: string, o?: { subject?: string; amountCents?: number }) => unknown;
  }>;
};

/** A card sale made at Helcim by this counter's cashier, of `cents`. */
const cardSale = (cents: number) => simulateSale(sim(), cents);

const DOORS: Door[] = [
  {
    op: 'refund.submit',
    action: 'refund',
    sibling: 'reverse',
    setup: async () => {
      const tx = await cardSale(12_00);
      sim().closeBatch();
      return {
        subject: tx,
        amountCents: 5_00,
        payload: (approvalId, o = {}) => ({
          transactionId: o.subject ?? tx,
          amountCents: o.amountCents ?? 5_00,
          approvalId,
        }),
      };
    },
  },
  {
    op: 'reverse.submit',
    action: 'reverse',
    sibling: 'refund',
    setup: async () => {
      const tx = await cardSale(13_00);
      return {
        subject: tx,
        amountCents: 13_00,
        payload: (approvalId, o = {}) => ({ transactionId: o.subject ?? tx, approvalId }),
      };
    },
  },
  {
    op: 'release.submit',
    action: 'release',
    sibling: 'reverse',
    setup: async () => {
      const { outcome } = await placeHoldThroughApp(sim(), (op, p) => call(CASHIER, op, p), 14_00);
      const tx = outcome.transactionId!;
      return {
        subject: tx,
        amountCents: 14_00,
        payload: (approvalId, o = {}) => ({ transactionId: o.subject ?? tx, approvalId }),
      };
    },
  },
  {
    op: 'cash.refund',
    action: 'cash_refund',
    sibling: 'abandon',
    setup: async () => {
      const s = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 15_00, currency: 'CAD' });
      await ok<CashSale>(CASHIER, 'cash.sale', {
        amountCents: 15_00,
        tenderedCents: 15_00,
        currency: 'CAD',
        saleId: s.saleId,
      });
      const n = String(s.number);
      return {
        subject: n,
        amountCents: 4_00,
        payload: (approvalId, o = {}) => ({
          saleNumber: o.subject ?? n,
          amountCents: o.amountCents ?? 4_00,
          approvalId,
        }),
      };
    },
  },
  {
    op: 'sale.abandon',
    action: 'abandon',
    sibling: 'cash_refund',
    setup: async () => {
      const s = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 30_00, currency: 'CAD' });
      await ok<CashSale>(CASHIER, 'cash.sale', {
        amountCents: 10_00,
        tenderedCents: 10_00,
        currency: 'CAD',
        saleId: s.saleId,
      });
      const n = String(s.number);
      return {
        subject: n,
        amountCents: 10_00,
        payload: (approvalId, o = {}) => ({
          saleNumber: o.subject ?? n,
          amountCents: o.amountCents ?? 10_00,
          approvalId,
        }),
      };
    },
  },
  {
    op: 'drawer.payIn',
    action: 'paid_in',
    sibling: 'paid_out',
    setup: async () => {
      const d = (await ok<DrawerView>(CASHIER, 'drawer.status', {})).sessionId!;
      return {
        subject: d,
        amountCents: 2_00,
        payload: (approvalId, o = {}) => ({
          drawerSession: o.subject ?? d,
          amountCents: o.amountCents ?? 2_00,
          reason: 'coins from the bank',
          approvalId,
        }),
      };
    },
  },
  {
    op: 'drawer.payOut',
    action: 'paid_out',
    sibling: 'paid_in',
    setup: async () => {
      const d = (await ok<DrawerView>(CASHIER, 'drawer.status', {})).sessionId!;
      return {
        subject: d,
        amountCents: 3_00,
        payload: (approvalId, o = {}) => ({
          drawerSession: o.subject ?? d,
          amountCents: o.amountCents ?? 3_00,
          reason: 'window cleaner',
          approvalId,
        }),
      };
    },
  },
  {
    op: 'drawer.open',
    action: 'float',
    sibling: 'paid_in',
    setup: async () => {
      // Close the open drawer (counted as expected) so that the next one needs its float.
      const open = await ok<DrawerView>(CASHIER, 'drawer.status', {});
      if (open.open) await ok(CASHIER, 'drawer.close', { countedCents: open.expectedCents });
      const next = (await ok<DrawerView>(CASHIER, 'drawer.status', {})).sessionId!;
      return {
        subject: next,
        amountCents: 100_00,
        payload: (approvalId, o = {}) => ({
          drawerSession: o.subject ?? next,
          amountCents: o.amountCents ?? 100_00,
          approvalId,
        }),
      };
    },
  },
];

before(async () => {
  t = await testCore('every-door');
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  ids.morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  for (const w of [CASHIER, OTHER_WINDOW]) await ok(w, 'session.signIn', { staffId: ids.casey, pin: '2468' });
  // A drawer with cash in it for the doors that hand cash back.
  const next = (await ok<DrawerView>(CASHIER, 'drawer.status', {})).sessionId!;
  const float = await approve('float', next, 200_00);
  await ok(CASHIER, 'drawer.open', { drawerSession: next, amountCents: 200_00, approvalId: float.approvalId });
});
after(async () => {
  await t.close();
});

const refused = (r: BridgeResult<unknown>) => (r.ok ? 'went through' : r.error.code);

for (const door of DOORS)
  test(
    `${door.op}: an approval for ${door.sibling}, another transaction, another amount or another window is refused and moves nothing; the matching one goes through`,
    { timeout: 60_000 },
    async () => {
      const c = await door.setup();
      const before = await snapshot();
      // Another action: the sibling door's approval, every other value the same.
      const sibling = await approve(door.sibling, c.subject, c.amountCents);
      assert.equal(
        refused(await call(CASHIER, door.op, c.payload(sibling.approvalId))),
        'forbidden',
        'the sibling action’s approval',
      );
      // Another transaction (a number no case here has).
      const other = String(Number(c.subject) + 7_000);
      const elsewhere = await approve(door.action, other, c.amountCents);
      assert.equal(
        refused(await call(CASHIER, door.op, c.payload(elsewhere.approvalId))),
        'forbidden',
        'an approval for another transaction',
      );
      // Another amount: bound to one cent more (where the payload carries the amount, the payload says the case's).
      const more = await approve(door.action, c.subject, c.amountCents + 1);
      assert.equal(
        refused(await call(CASHIER, door.op, c.payload(more.approvalId))),
        'forbidden',
        'an approval for another amount',
      );
      // Another window of the same cashier.
      const mine = await approve(door.action, c.subject, c.amountCents);
      assert.equal(
        refused(await call(OTHER_WINDOW, door.op, c.payload(mine.approvalId))),
        'forbidden',
        'an approval given to another window',
      );
      assert.equal(await snapshot(), before, 'nothing moved');
      // The one that matches in every value.
      const right = await approve(door.action, c.subject, c.amountCents);
      const r = await call(CASHIER, door.op, c.payload(right.approvalId));
      assert.ok(r.ok, JSON.stringify(r));
      assert.notEqual(await snapshot(), before, 'the matching approval moved it');
    },
  );
