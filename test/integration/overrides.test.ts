/**
 * Refunds, voids and staff operations through the bridge, as a cashier's renderer could call them.
 * A cashier alone must never move money back: not without an approval, not with someone else's,
 * not by replaying one, not after it expires, not for another amount.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testCore, type TestCore } from '../support/core';
import type { Sender } from '../../main/ipc/dispatch';
import { simulateSale } from '../support/simulated-sale';
import {
  channelOf,
  type BridgeResult,
  type MoneyReturn,
  type OperationName,
  type OverrideApproval,
  type TransactionView,
} from '../../common/contract';

const APP = 'app://counter';
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
let clock = Date.now();
const ids = { casey: '', jo: '', morgan: '', riley: '' };

const sender = (windowId: number): Sender => ({ windowId, frameUrl: `${APP}/index.html`, isMainFrame: true });
async function call<T>(windowId: number, op: OperationName, payload: unknown): Promise<BridgeResult<T>> {
  return (await core.dispatch(channelOf(op), payload, sender(windowId))) as BridgeResult<T>;
}
const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);

const sale = (cents: number) => simulateSale(core.simulator!, cents);

const approve = (
  w: number,
  action: 'refund' | 'reverse',
  transactionId: string,
  amountCents: number,
  managerId = ids.morgan,
  pin = '135790',
) => call<OverrideApproval>(w, 'override.approve', { action, transactionId, amountCents, managerId, pin });
const refund = (w: number, transactionId: string, amountCents: number, approvalId: string) =>
  call<MoneyReturn>(w, 'refund.submit', { transactionId, amountCents, approvalId });
const ledgerBack = () => core.simulator!.transactions().filter((t) => t.type === 'refund' || t.type === 'reverse');

before(async () => {
  t = await testCore('overrides', {
    now: () => clock,
  });
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  ids.jo = (await core.staffStore.create('Jo', 'cashier', '97531')).id;
  ids.morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  ids.riley = (await core.staffStore.create('Riley', 'manager', '864209')).id;
  assert.equal(codeOf(await call(1, 'session.signIn', { staffId: ids.casey, pin: '2468' })), 'ok');
  assert.equal(codeOf(await call(2, 'session.signIn', { staffId: ids.jo, pin: '97531' })), 'ok');
  assert.equal(codeOf(await call(3, 'session.signIn', { staffId: ids.riley, pin: '864209' })), 'ok');
});
after(async () => {
  await t.close();
});

test('a cashier calling staff and settings operations directly gets forbidden', async () => {
  const calls: [OperationName, unknown][] = [
    ['staff.list', {}],
    ['staff.add', { name: 'Eve', role: 'manager', pin: '192837' }],
    ['staff.setActive', { staffId: ids.morgan, active: false }],
    ['staff.resetPin', { staffId: ids.morgan, pin: '192837' }],
    ['settings.setIdleLock', { seconds: 3600 }],
  ];
  for (const [op, payload] of calls) assert.equal(codeOf(await call(1, op, payload)), 'forbidden', op);
  assert.equal(
    core.staffStore.list().some((s) => s.name === 'Eve'),
    false,
  );
  // and the first-run door is shut once staff exist
  assert.equal(codeOf(await call(9, 'staff.firstRun', { name: 'Eve', pin: '192837' })), 'forbidden');
});

test('a cashier calling refund or reverse directly, without a manager approval, gets forbidden', async () => {
  const tx = await sale(1000);
  core.simulator!.closeBatch();
  const before = ledgerBack().length;
  assert.equal(codeOf(await refund(1, tx, 1000, randomUUID())), 'forbidden');
  assert.equal(codeOf(await call(1, 'reverse.submit', { transactionId: tx, approvalId: randomUUID() })), 'forbidden');
  assert.equal(codeOf(await call(1, 'refund.submit', { transactionId: tx, amountCents: 1000 })), 'invalid_payload');
  // A signed-in manager needs the same approval: the rule is per operation, not per role.
  assert.equal(codeOf(await refund(3, tx, 1000, randomUUID())), 'forbidden');
  assert.equal(ledgerBack().length, before);
  assert.equal(core.journal.returnsAgainst(tx).length, 0);
});

test('only a real manager’s right PIN issues an approval', async () => {
  const tx = await sale(1500);
  assert.equal(codeOf(await approve(1, 'refund', tx, 500, ids.morgan, '999999')), 'wrong_pin');
  assert.equal(codeOf(await approve(1, 'refund', tx, 500, ids.casey, '2468')), 'forbidden', 'a cashier cannot approve');
  assert.equal(codeOf(await approve(1, 'refund', tx, 500, ids.jo, '97531')), 'forbidden');
  assert.equal(codeOf(await approve(1, 'refund', tx, 500, randomUUID(), '135790')), 'forbidden');
  const ok = await approve(1, 'refund', tx, 500);
  assert.ok(ok.ok);
  assert.equal(ok.value.managerName, 'Morgan');
  const audit = core.audit.entries().map((r) => `${r.actor} ${r.action} ${r.detail}`);
  assert.ok(audit.some((l) => l.startsWith(`${ids.casey} override.refused refund ${tx}: wrong_pin`)));
  assert.ok(audit.some((l) => l === `${ids.casey} override.approved refund ${tx} 500 by ${ids.morgan}`));
});

test('partial refund with approval; then replay, wrong amount, other cashier and over-refund are refused', async () => {
  const tx = await sale(5000);
  core.simulator!.closeBatch();
  const a = await approve(1, 'refund', tx, 2000);
  assert.ok(a.ok);
  const r = await refund(1, tx, 2000, a.value.approvalId);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.outcome, 'approved');
  const back = ledgerBack().filter((t) => t.originalTransactionId === Number(tx));
  assert.deepEqual(
    back.map((t) => [t.type, t.amount]),
    [['refund', 20]],
  );
  const row = core.journal.get(r.value.attemptId)!;
  assert.deepEqual(
    [row.kind, row.state, row.amountCents, row.staffId, row.approverId, row.originalTransactionId],
    ['refund', 'approved', 2000, ids.casey, ids.morgan, tx],
  );

  // Replay of a used approval.
  assert.equal(codeOf(await refund(1, tx, 2000, a.value.approvalId)), 'forbidden');
  // Approval for one amount, submit another.
  const b = await approve(1, 'refund', tx, 3000);
  assert.ok(b.ok);
  assert.equal(codeOf(await refund(1, tx, 2500, b.value.approvalId)), 'forbidden');
  assert.equal(codeOf(await refund(1, tx, 3000, b.value.approvalId)), 'forbidden', 'burned by the failed try');
  // Approval issued to Casey's window, used by Jo's.
  const c = await approve(1, 'refund', tx, 3000);
  assert.ok(c.ok);
  assert.equal(codeOf(await refund(2, tx, 3000, c.value.approvalId)), 'forbidden');
  // More than remains: 30.00 left after 20.00.
  const d = await approve(1, 'refund', tx, 3001);
  assert.ok(d.ok);
  assert.equal(codeOf(await refund(1, tx, 3001, d.value.approvalId)), 'transaction_not_eligible');
  const view = await call<TransactionView[]>(1, 'transactions.search', { amountCents: 5000 });
  assert.ok(view.ok);
  const v = view.value.find((t) => t.transactionId === tx)!;
  assert.deepEqual(
    [v.settled, v.returnedCents, v.refundableCents, v.canRefund, v.canReverse],
    [true, 2000, 3000, true, false],
  );
  // The rest, in full.
  const e = await approve(1, 'refund', tx, 3000);
  assert.ok(e.ok);
  assert.equal(codeOf(await refund(1, tx, 3000, e.value.approvalId)), 'ok');
  assert.equal(
    ledgerBack()
      .filter((t) => t.originalTransactionId === Number(tx))
      .reduce((s, t) => s + t.amount, 0),
    50,
  );
});

test('an approval expires after 60 seconds', async () => {
  const tx = await sale(800);
  core.simulator!.closeBatch();
  const a = await approve(1, 'refund', tx, 800);
  assert.ok(a.ok);
  clock += 61_000;
  assert.equal(codeOf(await refund(1, tx, 800, a.value.approvalId)), 'forbidden');
  assert.equal(ledgerBack().filter((t) => t.originalTransactionId === Number(tx)).length, 0);
});

test('void (reverse) only before settlement and only for the whole amount; refund only after', async () => {
  const open = await sale(2500);
  const r1 = await approve(1, 'refund', open, 2500);
  assert.ok(r1.ok);
  assert.equal(codeOf(await refund(1, open, 2500, r1.value.approvalId)), 'transaction_not_eligible');
  const partial = await approve(1, 'reverse', open, 1000);
  assert.ok(partial.ok);
  assert.equal(
    codeOf(await call(1, 'reverse.submit', { transactionId: open, approvalId: partial.value.approvalId })),
    'forbidden',
  );
  const full = await approve(1, 'reverse', open, 2500);
  assert.ok(full.ok);
  const v = await call<MoneyReturn>(1, 'reverse.submit', { transactionId: open, approvalId: full.value.approvalId });
  assert.ok(v.ok, JSON.stringify(v));
  assert.equal(v.value.outcome, 'approved');
  assert.deepEqual(
    ledgerBack()
      .filter((t) => t.originalTransactionId === Number(open))
      .map((t) => [t.type, t.amount]),
    [['reverse', 25]],
  );
  const again = await approve(1, 'reverse', open, 2500);
  assert.ok(again.ok);
  assert.equal(
    codeOf(await call(1, 'reverse.submit', { transactionId: open, approvalId: again.value.approvalId })),
    'transaction_not_eligible',
  );

  const settled = await sale(700);
  core.simulator!.closeBatch();
  const s = await approve(1, 'reverse', settled, 700);
  assert.ok(s.ok);
  assert.equal(
    codeOf(await call(1, 'reverse.submit', { transactionId: settled, approvalId: s.value.approvalId })),
    'transaction_not_eligible',
  );
});

test('idle lock: a window unused past the configured period is signed out', async () => {
  assert.equal(codeOf(await call(3, 'settings.setIdleLock', { seconds: 120 })), 'ok');
  assert.equal(codeOf(await call(1, 'session.touch', {})), 'ok');
  clock += 119_000;
  assert.equal(codeOf(await call(1, 'session.touch', {})), 'ok', 'activity keeps it open');
  clock += 121_000;
  const st = await call<{ session: unknown; lockedReason: string | null }>(1, 'app.status', {});
  assert.ok(st.ok);
  assert.equal(st.value.session, null);
  assert.match(st.value.lockedReason!, /Locked after 2 minute/);
  assert.equal(codeOf(await call(1, 'purchase.start', { amountCents: 100, currency: 'CAD' })), 'not_signed_in');
  assert.equal(codeOf(await call(1, 'session.signIn', { staffId: ids.casey, pin: '2468' })), 'ok');
});

test('disabling a staff member ends their sessions at once', async () => {
  assert.equal(codeOf(await call(2, 'session.touch', {})), 'not_signed_in', 'Jo was idle-locked above');
  assert.equal(codeOf(await call(3, 'session.signIn', { staffId: ids.riley, pin: '864209' })), 'ok');
  assert.equal(codeOf(await call(2, 'session.signIn', { staffId: ids.jo, pin: '97531' })), 'ok');
  assert.equal(codeOf(await call(3, 'staff.setActive', { staffId: ids.jo, active: false })), 'ok');
  assert.equal(codeOf(await call(2, 'purchase.start', { amountCents: 100, currency: 'CAD' })), 'not_signed_in');
  assert.equal(codeOf(await call(2, 'session.signIn', { staffId: ids.jo, pin: '97531' })), 'forbidden');
});

test('lookups: a cashier sees today only; a manager any day', async () => {
  const yesterday = new Date(clock - 86_400_000 - new Date(clock).getTimezoneOffset() * 60_000)
    .toISOString()
    .slice(0, 10);
  assert.equal(codeOf(await call(1, 'session.signIn', { staffId: ids.casey, pin: '2468' })), 'ok');
  assert.equal(codeOf(await call(1, 'transactions.search', { date: yesterday })), 'forbidden');
  assert.equal(codeOf(await call(1, 'history.search', { date: yesterday })), 'forbidden');
  assert.equal(codeOf(await call(1, 'transactions.search', {})), 'ok');
  assert.equal(codeOf(await call(3, 'transactions.search', { date: yesterday })), 'ok');
  assert.equal(codeOf(await call(3, 'history.search', { date: yesterday })), 'ok');
});

test('through the bridge, an approval works only for its own transaction, action, cashier and window (one value changed at a time)', async () => {
  // Casey is signed in on window 1 and, for this test, on window 5 too.
  core.sessions.signIn(5, { staffId: ids.casey, name: 'Casey', role: 'cashier' });
  const a = await sale(1200);
  const b = await sale(1200);
  core.simulator!.closeBatch();
  const backFor = (tx: string) => ledgerBack().filter((x) => x.originalTransactionId === Number(tx)).length;

  // Transaction: approved for sale A, used on sale B (same amount, cashier, window).
  const forA = await approve(1, 'refund', a, 1200);
  assert.ok(forA.ok);
  assert.equal(codeOf(await refund(1, b, 1200, forA.value.approvalId)), 'forbidden');
  // Window: same cashier, her second window.
  const w = await approve(1, 'refund', a, 1200);
  assert.ok(w.ok);
  assert.equal(codeOf(await refund(5, a, 1200, w.value.approvalId)), 'forbidden');
  // Action: approved as a refund, used for a void (on an open-batch sale, where a void is eligible).
  const open = await sale(900);
  const asRefund = await approve(1, 'refund', open, 900);
  assert.ok(asRefund.ok);
  assert.equal(
    codeOf(await call(1, 'reverse.submit', { transactionId: open, approvalId: asRefund.value.approvalId })),
    'forbidden',
  );
  // Cashier: the same window, now signed in as Jo.
  await core.staffStore.setActive(ids.jo, true);
  const c = await approve(1, 'refund', a, 1200);
  assert.ok(c.ok);
  core.sessions.signIn(1, { staffId: ids.jo, name: 'Jo', role: 'cashier' });
  assert.equal(codeOf(await refund(1, a, 1200, c.value.approvalId)), 'forbidden');
  core.sessions.signIn(1, { staffId: ids.casey, name: 'Casey', role: 'cashier' });
  assert.equal([backFor(a), backFor(b), backFor(open)].join(), '0,0,0');
  // Control: the same approval flow with every value matching moves the money.
  const ok = await approve(1, 'refund', a, 1200);
  assert.ok(ok.ok);
  assert.equal(codeOf(await refund(1, a, 1200, ok.value.approvalId)), 'ok');
  assert.equal(backFor(a), 1);
});

test('a cashier typing wrong manager PINs into the override prompt cannot lock the manager out; it is audited and the manager is told', async () => {
  const tx = await sale(600);
  core.simulator!.closeBatch();
  for (let i = 0; i < 6; i++) await approve(1, 'refund', tx, 600, ids.riley, '000000');
  assert.equal(
    codeOf(await approve(1, 'refund', tx, 600, ids.riley, '864209')),
    'locked',
    'Riley’s overrides are locked for a while',
  );
  const audit = core.audit.entries().filter((r) => r.action === 'override.refused' && r.detail.includes(ids.riley));
  assert.ok(audit.length >= 6);
  // Riley can still sign in, and is told.
  const s = await call<{ notice: string | null }>(3, 'session.signIn', { staffId: ids.riley, pin: '864209' });
  assert.ok(s.ok, JSON.stringify(s));
  assert.match(s.value.notice ?? '', /7 PIN attempts were refused for your manager approval/);
  // Morgan's overrides are unaffected.
  assert.equal(codeOf(await approve(1, 'refund', tx, 600)), 'ok');
});
