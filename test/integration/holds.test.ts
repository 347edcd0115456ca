/**
 * Holds and captures through the real router and the simulator over HTTP: a hold placed through
 * HelcimPay.js (preauth), listed as open, captured up to the held amount, released behind a manager's
 * override while its batch is open — and refused, in plain words, everywhere else. Each guard has a
 * test that changes only the value it guards.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Sender } from '../../main/ipc/dispatch';
import { Journal } from '../../main/journal/journal';
import { testCore, type TestCore } from '../support/core';
import { simulateHold, simulateSale } from '../support/simulated-sale';
import {
  channelOf,
  type BridgeResult,
  type CheckoutOutcome,
  type CheckoutStart,
  type DayReport,
  type HoldView,
  type MoneyReturn,
  type OperationName,
  type OverrideApproval,
  type TransactionView,
} from '../../preload/contract';

const APP = 'app://counter';
const W = 1;
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
const ids = { casey: '', morgan: '' };

const sender = (w: number): Sender => ({ windowId: w, frameUrl: `${APP}/index.html`, isMainFrame: true });
const call = async <T>(op: OperationName, payload: unknown, w = W) => (await core.dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);
const sim = () => core.simulator!;
const rowsOf = (type: string, original: string) =>
  sim()
    .transactions()
    .filter((x) => x.type === type && String(x.originalTransactionId) === original);

const approve = (action: 'refund' | 'reverse' | 'release', transactionId: string, amountCents: number) =>
  call<OverrideApproval>('override.approve', { action, transactionId, amountCents, managerId: ids.morgan, pin: '135790' });
const release = (transactionId: string, approvalId: string) => call<MoneyReturn>('release.submit', { transactionId, approvalId });
const capture = (transactionId: string, amountCents: number) => call<MoneyReturn>('capture.submit', { transactionId, amountCents });
const openHolds = async () => {
  const r = await call<HoldView[]>('holds.list', {});
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
};

/** A hold placed through the app, as the cashier does it: preauth.start, the card in Helcim's form, the result relayed. */
async function placeHold(cents: number): Promise<{ outcome: CheckoutOutcome; start: CheckoutStart }> {
  const s = await call<CheckoutStart>('preauth.start', { amountCents: cents, currency: 'CAD' });
  assert.ok(s.ok, JSON.stringify(s));
  assert.equal(s.value.kind, 'preauth');
  const paid = (await fetch(`${sim().origin}/helcim-pay/checkout/${s.value.checkoutToken}/process`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cardNumber: '5413330089099130', cardExpiry: '0128', cardCVV: '100', cardHolderName: `Hold ${randomUUID().slice(0, 6)}` }),
    signal: AbortSignal.timeout(5000),
  }).then((r) => r.json())) as { data: unknown; hash: string };
  const f = await call<CheckoutOutcome>('checkout.finish', {
    attemptId: s.value.attemptId,
    event: {
      eventName: `helcim-pay-js-${s.value.checkoutToken}`,
      eventStatus: 'SUCCESS',
      eventMessage: JSON.stringify({ data: { data: paid.data, hash: paid.hash } }),
    },
  });
  assert.ok(f.ok, JSON.stringify(f));
  return { outcome: f.value, start: s.value };
}

before(async () => {
  t = await testCore('holds');
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  ids.morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  assert.equal(codeOf(await call('session.signIn', { staffId: ids.casey, pin: '2468' })), 'ok');
});
after(async () => {
  await t.close();
});

test('a hold placed through HelcimPay.js is journaled as a preauth, listed as open, and moves no money in the X report', { timeout: 30_000 }, async () => {
  const { outcome } = await placeHold(15_000);
  assert.equal(outcome.outcome, 'approved');
  assert.equal(outcome.kind, 'preauth');
  assert.match(outcome.message, /Hold approved/);
  const atHelcim = sim()
    .transactions()
    .find((x) => String(x.transactionId) === outcome.transactionId)!;
  assert.equal(atHelcim.type, 'preauth', 'HelcimPay.js was asked for a preauth, not a purchase');
  assert.equal(core.journal.get(outcome.attemptId)!.kind, 'preauth');
  const holds = await openHolds();
  const mine = holds.find((h) => h.transactionId === outcome.transactionId)!;
  assert.equal(mine.amountCents, 15_000);
  assert.equal(mine.releasable, true);
  assert.equal(mine.cardLast4, '9130');
  // Signed in as a manager for the X report: the hold is its own line and counts nothing in net sales.
  assert.equal(codeOf(await call('session.signIn', { staffId: ids.morgan, pin: '135790' }, 2)), 'ok');
  const x = await call<DayReport>('report.x', {}, 2);
  assert.ok(x.ok, JSON.stringify(x));
  assert.deepEqual(
    x.value.byType.find((l) => l.key === 'preauth'),
    { key: 'preauth', count: 1, cents: 15_000 },
  );
  assert.equal(x.value.netCents, 0);
});

test('capture: more than the hold is refused (by one cent), the held amount or less is taken once', { timeout: 30_000 }, async () => {
  const { outcome } = await placeHold(8_000);
  const hold = outcome.transactionId!;
  const over = await capture(hold, 8_001);
  assert.equal(codeOf(over), 'transaction_not_eligible');
  assert.match(over.ok ? '' : over.error.message, /At most \$80\.00/);
  assert.equal(rowsOf('capture', hold).length, 0, 'nothing was sent to Helcim');

  const done = await capture(hold, 6_250);
  assert.ok(done.ok, JSON.stringify(done));
  assert.equal(done.value.outcome, 'approved');
  assert.equal(rowsOf('capture', hold).length, 1);
  assert.equal(rowsOf('capture', hold)[0]!.amount, 62.5);
  const attempt = core.journal.get(done.value.attemptId)!;
  assert.equal(attempt.kind, 'capture');
  assert.equal(attempt.originalTransactionId, hold);
  assert.equal(attempt.approverId, null, 'a capture needs no manager');

  // Captured once: a second capture, or a release, is refused before anything is sent.
  assert.equal(codeOf(await capture(hold, 100)), 'transaction_not_eligible');
  const a = await approve('release', hold, 8_000);
  assert.ok(a.ok);
  assert.equal(codeOf(await release(hold, a.value.approvalId)), 'transaction_not_eligible');
  assert.equal(rowsOf('capture', hold).length, 1);
  assert.equal(rowsOf('reverse', hold).length, 0);
  assert.equal(
    (await openHolds()).some((h) => h.transactionId === hold),
    false,
    'a captured hold is no longer open',
  );

  // The capture is a sale: it is found on the transactions screen and can be voided like one.
  const found = await call<TransactionView[]>('transactions.search', { amountCents: 6_250 });
  assert.ok(found.ok, JSON.stringify(found));
  const sale = found.value.find((v) => v.transactionId === done.value.transactionId)!;
  assert.equal(sale.canReverse, true);
});

test('capture of a transaction that is not a hold is refused', { timeout: 30_000 }, async () => {
  const purchase = await simulateSale(sim(), 4_000);
  const r = await capture(purchase, 4_000);
  assert.equal(codeOf(r), 'transaction_not_eligible');
  assert.match(r.ok ? '' : r.error.message, /not an approved card hold/);
  assert.equal(rowsOf('capture', purchase).length, 0);
});

test('release needs a manager’s approval bound to this hold, its whole amount and the release action', { timeout: 30_000 }, async () => {
  const hold = await simulateHold(sim(), 5_000);
  const other = await simulateHold(sim(), 5_000, '4000000000000028');
  // No approval at all.
  assert.equal(codeOf(await release(hold, randomUUID())), 'forbidden');
  // Approved for one cent less.
  const lower = await approve('release', hold, 4_999);
  assert.ok(lower.ok);
  assert.equal(codeOf(await release(hold, lower.value.approvalId)), 'forbidden');
  // Approved as a void (another action), same hold and amount.
  const asVoid = await approve('reverse', hold, 5_000);
  assert.ok(asVoid.ok);
  assert.equal(codeOf(await release(hold, asVoid.value.approvalId)), 'forbidden');
  // Approved for another hold.
  const forOther = await approve('release', other, 5_000);
  assert.ok(forOther.ok);
  assert.equal(codeOf(await release(hold, forOther.value.approvalId)), 'forbidden');
  assert.equal(rowsOf('reverse', hold).length, 0, 'nothing was released');

  const ok = await approve('release', hold, 5_000);
  assert.ok(ok.ok);
  const r = await release(hold, ok.value.approvalId);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.outcome, 'approved');
  assert.equal(r.value.kind, 'release');
  assert.equal(rowsOf('reverse', hold).length, 1);
  const attempt = core.journal.get(r.value.attemptId)!;
  assert.equal(attempt.kind, 'release');
  assert.equal(attempt.approverId, ids.morgan);
  // Released: it cannot be captured any more.
  assert.equal(codeOf(await capture(hold, 100)), 'transaction_not_eligible');
  assert.equal(rowsOf('capture', hold).length, 0);
});

test('after its batch closes a hold cannot be released: the app says it lapses on its own, and it can still be captured', { timeout: 30_000 }, async () => {
  const { outcome } = await placeHold(2_500);
  const hold = outcome.transactionId!;
  sim().closeBatch();
  const listed = (await openHolds()).find((h) => h.transactionId === hold)!;
  assert.equal(listed.releasable, false);
  assert.match(listed.note, /lapses on its own/);
  const a = await approve('release', hold, 2_500);
  assert.ok(a.ok);
  const r = await release(hold, a.value.approvalId);
  assert.equal(codeOf(r), 'transaction_not_eligible');
  assert.match(r.ok ? '' : r.error.message, /lapses on its own/);
  assert.equal(rowsOf('reverse', hold).length, 0);
  const c = await capture(hold, 2_500);
  assert.ok(c.ok, JSON.stringify(c));
});

test('a capture whose answer is lost is reconciled, never sent twice, and the hold stays blocked meanwhile', { timeout: 30_000 }, async () => {
  const hold = await simulateHold(sim(), 7_000);
  // Helcim does the capture but every answer is lost, and the list is unreachable for the lookup too.
  sim().injectFault({ method: 'POST', path: '/v2/payment/capture' }, { kind: 'lost' }, 1);
  sim().injectFault({ method: 'POST', path: '/v2/payment/capture' }, { kind: 'status', status: 503 }, 5);
  // (The first read, of the hold itself, goes through; the lookups after the lost answer do not.)
  sim().injectFault({ method: 'GET', path: '/v2/card-transactions' }, { kind: 'latency', ms: 0 }, 1);
  sim().injectFault({ method: 'GET', path: '/v2/card-transactions' }, { kind: 'status', status: 503 }, 10);
  const r = await capture(hold, 7_000);
  assert.equal(codeOf(r), 'helcim_unknown_outcome');
  sim().clearFaults();
  // While it is unknown nobody may capture or release it again.
  const again = await capture(hold, 7_000);
  assert.equal(codeOf(again), 'helcim_unknown_outcome');
  assert.equal(rowsOf('capture', hold).length, 1, 'captured once at Helcim');
  await core.reconciler.run();
  const [attempt] = core.journal.returnsAgainst(hold);
  assert.equal(attempt!.state, 'approved', 'reconciliation found the capture at Helcim');
  assert.equal(codeOf(await capture(hold, 7_000)), 'transaction_not_eligible');
  assert.equal(rowsOf('capture', hold).length, 1);
});

test('a journal written before holds existed is migrated: old rows kept, the new kinds accepted', { timeout: 30_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-migrate-'));
  try {
    const file = path.join(dir, 'old.sqlite');
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    old.exec(`CREATE TABLE attempts (
      id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('purchase','verify','refund','reverse')),
      amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0), currency TEXT NOT NULL CHECK (currency IN ('CAD','USD')),
      idempotency_key TEXT NOT NULL UNIQUE, staff_id TEXT NOT NULL, approver_id TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending','approved','declined','cancelled','unknown')),
      helcim_transaction_id TEXT, original_transaction_id TEXT, reference TEXT,
      mode TEXT NOT NULL DEFAULT 'training' CHECK (mode IN ('training','live')),
      card_type TEXT, card_last4 TEXT, approval_code TEXT, detail TEXT);
      CREATE TABLE attempt_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, attempt_id TEXT NOT NULL REFERENCES attempts(id), at TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL);
      INSERT INTO attempts VALUES ('a1','2026-01-01T10:00:00.000Z','2026-01-01T10:00:01.000Z','purchase',1234,'CAD','k-old-1','s1',NULL,'approved','4001',NULL,'POS-OLD','live','VI','9990','T1','ok');
      INSERT INTO attempt_events (attempt_id, at, kind, detail) VALUES ('a1','2026-01-01T10:00:00.000Z','begin','purchase 1234 CAD');`);
    assert.throws(() => old.prepare(`UPDATE attempts SET kind = 'preauth'`).run(), /CHECK constraint/);
    old.close();
    const j = new Journal(file);
    try {
      const kept = j.get('a1')!;
      assert.equal(kept.amountCents, 1234);
      assert.equal(kept.helcimTransactionId, '4001');
      assert.equal(kept.cardLast4, '9990');
      assert.deepEqual([kept.tipCents, kept.tender, kept.tenderedCents], [0, 'card', null], 'columns added later take their defaults');
      assert.equal(j.events('a1').length, 1);
      for (const kind of ['preauth', 'capture', 'release'] as const)
        j.begin({ id: `n-${kind}`, kind, amountCents: 100, currency: 'CAD', idempotencyKey: `k-${kind}`, staffId: 's1', approverId: null, mode: 'training' });
      assert.equal(j.get('n-release')!.kind, 'release');
      // Still refuses what was never a kind.
      assert.throws(() => j.db.prepare(`UPDATE attempts SET kind = 'steal' WHERE id = 'a1'`).run(), /CHECK constraint/);
    } finally {
      j.close();
    }
    // Opening it again changes nothing (the migration runs once).
    const again = new Journal(file);
    assert.equal(again.list().length, 4);
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
