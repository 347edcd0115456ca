/**
 * The money guards, each proven on its own: every test changes exactly one value against a case
 * that passes, so removing any single check makes a test here fail (see `npm run mutants`).
 *   - a HelcimPay.js result is recorded only with a genuine hash, for this attempt's amount, type,
 *     currency and invoice, and only an APPROVED status counts as a sale;
 *   - reconciliation leaves a checkout that is still open to its own result message;
 *   - a refund whose outcome is pending or unknown reserves its amount.
 * Signed variants come from the simulator's own PHP-style encoder (`signAsHelcim`), never the app's.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Sender } from '../../main/ipc/dispatch';
import { testCore, type TestCore } from '../support/core';
import { simulateSale } from '../support/simulated-sale';
import {
  channelOf,
  type BridgeResult,
  type CheckoutOutcome,
  type CheckoutStart,
  type OperationName,
  type OverrideApproval,
} from '../../common/contract';

const APP = 'app://counter';
const W = 4;
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
let managerId = '';

const sender = (): Sender => ({ windowId: W, frameUrl: `${APP}/index.html`, isMainFrame: true });
const call = async <T>(op: OperationName, payload: unknown) =>
  (await core.dispatch(channelOf(op), payload, sender())) as BridgeResult<T>;
const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);

before(async () => {
  t = await testCore('guards');
  core = t.core;
  const c = await core.staffStore.create('Casey', 'cashier', '2468');
  managerId = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  core.sessions.signIn(W, { staffId: c.id, name: c.name, role: 'cashier' });
});
after(async () => {
  await t.close();
});

async function startPurchase(cents: number): Promise<CheckoutStart> {
  const s = await call<CheckoutStart>('purchase.start', { amountCents: cents, currency: 'CAD' });
  assert.ok(s.ok, JSON.stringify(s));
  return s.value;
}

/** The customer pays in the simulator's hosted page: the genuine data and hash Helcim sends. */
async function pay(start: CheckoutStart): Promise<{ data: Record<string, string>; hash: string }> {
  const r = await fetch(`${core.simulator!.origin}/helcim-pay/checkout/${start.checkoutToken}/process`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // A new name each time: Helcim declines the same card, name and amount within 5 minutes.
    body: JSON.stringify({
      cardNumber: '4124939999999990',
      cardExpiry: '0128',
      cardCVV: '100',
      cardHolderName: `Guard Test ${randomUUID().slice(0, 8)}`,
    }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await r.json()) as { status: string; data: Record<string, string>; hash: string };
  assert.equal(body.status, 'APPROVED');
  return { data: body.data, hash: body.hash };
}

const finish = (start: CheckoutStart, data: unknown, hash: string) =>
  call<CheckoutOutcome>('checkout.finish', {
    attemptId: start.attemptId,
    event: {
      eventName: `helcim-pay-js-${start.checkoutToken}`,
      eventStatus: 'SUCCESS',
      eventMessage: JSON.stringify({ data: { data, hash } }),
    },
  });

test('a SUCCESS message whose fields all match but whose hash is made up is not a sale', async () => {
  const s = await startPurchase(1234);
  const genuine = await pay(s);
  const garbage = genuine.hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
  assert.equal(codeOf(await finish(s, genuine.data, garbage)), 'checkout_unverified');
  assert.notEqual(core.journal.get(s.attemptId)!.state, 'approved');
  // Control: the same data with Helcim's hash is recorded.
  const ok = await finish(s, genuine.data, genuine.hash);
  assert.ok(ok.ok && ok.value.outcome === 'approved', JSON.stringify(ok));
  assert.equal(core.journal.get(s.attemptId)!.state, 'approved');
});

// One field at a time, each correctly signed by "Helcim": only the attempt comparison can refuse it.
const ONE_FIELD: [string, (d: Record<string, string>) => Record<string, string>][] = [
  ['amount', (d) => ({ ...d, amount: '12.35' })],
  ['type', (d) => ({ ...d, type: 'verify' })],
  ['currency', (d) => ({ ...d, currency: 'USD' })],
  ['invoiceNumber', (d) => ({ ...d, invoiceNumber: 'POS-SOMEONEELSE' })],
];
for (const [field, change] of ONE_FIELD) {
  test(`a genuinely signed result for another ${field} is not recorded against this attempt`, async () => {
    const s = await startPurchase(1234);
    const genuine = await pay(s);
    const other = change(genuine.data);
    assert.equal(Object.keys(other).filter((k) => other[k] !== genuine.data[k]).length, 1, 'exactly one field differs');
    const r = await finish(s, other, core.simulator!.signAsHelcim(s.checkoutToken, other));
    assert.equal(codeOf(r), 'checkout_unverified', JSON.stringify(r));
    assert.notEqual(core.journal.get(s.attemptId)!.state, 'approved');
    assert.ok((await finish(s, genuine.data, genuine.hash)).ok, 'the genuine result still lands');
  });
}

test('a genuinely signed DECLINED result is a decline, not a sale', async () => {
  const s = await startPurchase(1234);
  const genuine = await pay(s);
  const declined = { ...genuine.data, status: 'DECLINED' };
  const r = await finish(s, declined, core.simulator!.signAsHelcim(s.checkoutToken, declined));
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.outcome, 'declined');
  assert.equal(core.journal.get(s.attemptId)!.state, 'declined');
});

test('reconciliation leaves a checkout that is still open alone; its real approval is then recorded', async () => {
  const s = await startPurchase(2500);
  // The customer is still typing: Helcim has nothing for this invoice yet.
  await core.reconciler.run();
  assert.equal(core.journal.get(s.attemptId)!.state, 'pending', 'not settled as cancelled while open');
  const genuine = await pay(s);
  const r = await finish(s, genuine.data, genuine.hash);
  assert.ok(r.ok && r.value.outcome === 'approved', JSON.stringify(r));
  assert.equal(core.journal.get(s.attemptId)!.state, 'approved');
});

for (const state of ['pending', 'unknown'] as const) {
  test(`a refund whose outcome is ${state} reserves its amount: no second refund past the rest`, async () => {
    const tx = await simulateSale(core.simulator!, 3000);
    core.simulator!.closeBatch();
    // The simulator trusts the app here, so only the app's own guard can refuse the second refund.
    core.simulator!.trustApp(true);
    try {
      // A refund of 20.00 whose answer never came (a crash before the answer, or a lost answer).
      const lostId = randomUUID();
      core.journal.begin({
        id: lostId,
        kind: 'refund',
        amountCents: 2000,
        currency: 'CAD',
        idempotencyKey: randomUUID(),
        staffId: 'earlier',
        approverId: managerId,
        originalTransactionId: tx,
        mode: 'training',
      });
      if (state === 'unknown') core.journal.settle(lostId, 'unknown', { detail: 'answer lost' });
      const a = await call<OverrideApproval>('override.approve', {
        action: 'refund',
        transactionId: tx,
        amountCents: 1001,
        managerId,
        pin: '135790',
      });
      assert.ok(a.ok, JSON.stringify(a));
      const r = await call('refund.submit', { transactionId: tx, amountCents: 1001, approvalId: a.value.approvalId });
      assert.equal(codeOf(r), 'transaction_not_eligible', JSON.stringify(r));
      assert.equal(core.simulator!.transactions().filter((x) => x.originalTransactionId === Number(tx)).length, 0);
      // Control: the 10.00 that is certainly left can be refunded.
      const b = await call<OverrideApproval>('override.approve', {
        action: 'refund',
        transactionId: tx,
        amountCents: 1000,
        managerId,
        pin: '135790',
      });
      assert.ok(b.ok);
      assert.equal(
        codeOf(await call('refund.submit', { transactionId: tx, amountCents: 1000, approvalId: b.value.approvalId })),
        'ok',
      );
      core.journal.settle(lostId, 'cancelled', { detail: 'test cleanup' });
    } finally {
      core.simulator!.trustApp(false);
    }
  });
}
