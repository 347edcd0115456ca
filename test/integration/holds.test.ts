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
import { BEFORE_HOLDS } from '../support/old-journals';
import { testCore, type TestCore } from '../support/core';
import { cardFormPays, placeHoldThroughApp, simulateHold, simulateSale } from '../support/simulated-sale';
import { CAPTURE_WINDOW_MS, HOLD_LOOKBACK_MS } from '../../main/payments/holds';
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
} from '../../common/contract';

const APP = 'app://counter';
const W = 1;
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
const ids = { casey: '', morgan: '' };

const sender = (w: number): Sender => ({ windowId: w, frameUrl: `${APP}/index.html`, isMainFrame: true });
const call = async <T>(op: OperationName, payload: unknown, w = W) =>
  (await core.dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);
const sim = () => core.simulator!;
const rowsOf = (type: string, original: string) =>
  sim()
    .transactions()
    .filter((x) => x.type === type && String(x.originalTransactionId) === original);

const approve = (action: 'refund' | 'reverse' | 'release', transactionId: string, amountCents: number) =>
  call<OverrideApproval>('override.approve', {
    action,
    transactionId,
    amountCents,
    managerId: ids.morgan,
    pin: '135790',
  });
const release = (transactionId: string, approvalId: string) =>
  call<MoneyReturn>('release.submit', { transactionId, approvalId });
const capture = (transactionId: string, amountCents: number) =>
  call<MoneyReturn>('capture.submit', { transactionId, amountCents });
const openHolds = async () => {
  const r = await call<HoldView[]>('holds.list', {});
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
};

/** A hold placed through the app, as the cashier does it (test/support/simulated-sale.ts). */
async function placeHold(cents: number): Promise<{ outcome: CheckoutOutcome; start: CheckoutStart }> {
  const placed = await placeHoldThroughApp(sim(), call, cents);
  assert.equal(placed.start.kind, 'preauth');
  return placed;
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

test(
  'a hold placed through HelcimPay.js is journaled as a preauth, listed as open, and moves no money in the X report',
  { timeout: 30_000 },
  async () => {
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
  },
);

test(
  'capture: more than the hold is refused (by one cent); parts are taken, several times, up to the held amount (HELCIM.md)',
  { timeout: 30_000 },
  async () => {
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

    // Part captured: the rest can be captured — by one cent less than too much — and the hold can no longer be released.
    const listed = (await openHolds()).find((h) => h.transactionId === hold)!;
    assert.deepEqual([listed.capturableCents, listed.releasable], [1_750, false]);
    assert.match(listed.note, /\$62\.50 captured so far; up to \$17\.50 more/);
    const tooMuch = await capture(hold, 1_751);
    assert.equal(codeOf(tooMuch), 'transaction_not_eligible');
    assert.match(tooMuch.ok ? '' : tooMuch.error.message, /At most \$17\.50/);
    const a = await approve('release', hold, 8_000);
    assert.ok(a.ok);
    assert.equal(codeOf(await release(hold, a.value.approvalId)), 'transaction_not_eligible');
    const rest = await capture(hold, 1_750);
    assert.ok(rest.ok && rest.value.outcome === 'approved', JSON.stringify(rest));
    assert.deepEqual(
      rowsOf('capture', hold).map((x) => x.amount),
      [62.5, 17.5],
    );
    // Captured in full: nothing more is sent.
    assert.equal(codeOf(await capture(hold, 100)), 'transaction_not_eligible');
    assert.equal(rowsOf('capture', hold).length, 2);
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
  },
);

test(
  'capture of a transaction that is not a hold, or of a hold another counter placed, is refused',
  { timeout: 30_000 },
  async () => {
    const purchase = await simulateSale(sim(), 4_000);
    const r = await capture(purchase, 4_000);
    assert.equal(codeOf(r), 'transaction_not_eligible');
    assert.match(r.ok ? '' : r.error.message, /not a hold placed at this counter/);
    assert.equal(rowsOf('capture', purchase).length, 0);
    // Helcim's own row decides too: a journal that took a purchase for a hold still captures nothing.
    const mistaken = randomUUID();
    core.journal.begin({
      id: mistaken,
      kind: 'preauth',
      amountCents: 4_000,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: ids.casey,
      approverId: null,
      mode: 'training',
    });
    core.journal.settle(mistaken, 'approved', {
      helcimTransactionId: purchase,
      detail: 'test: a purchase recorded as a hold',
    });
    const r3 = await capture(purchase, 4_000);
    assert.equal(codeOf(r3), 'transaction_not_eligible');
    assert.match(r3.ok ? '' : r3.error.message, /not an approved card hold/);
    assert.equal(rowsOf('capture', purchase).length, 0);
    // A hold at Helcim that this counter never placed (another counter's): not captured here, manager or not.
    const elsewhere = await simulateHold(sim(), 3_000);
    const r2 = await capture(elsewhere, 3_000);
    assert.equal(codeOf(r2), 'transaction_not_eligible');
    assert.match(r2.ok ? '' : r2.error.message, /not a hold placed at this counter/);
    assert.equal(rowsOf('capture', elsewhere).length, 0);
  },
);

test(
  'a hold older than Helcim’s 7-day capture window is shown as lapsed and never offered or sent for capture',
  { timeout: 30_000 },
  async () => {
    const { outcome } = await placeHold(4_200);
    const hold = outcome.transactionId!;
    sim().backdate(hold, 7 * 24 * 3_600_000 - 60_000); // 7 days less a minute: still capturable
    const young = (await openHolds()).find((h) => h.transactionId === hold)!;
    assert.deepEqual([young.lapsed, young.capturableCents], [false, 4_200]);
    sim().backdate(hold, 7 * 24 * 3_600_000 + 60_000); // 7 days and a minute
    const old = (await openHolds()).find((h) => h.transactionId === hold)!;
    assert.deepEqual([old.lapsed, old.capturableCents, old.releasable], [true, 0, false]);
    assert.match(old.note, /more than 7 days ago/);
    const r = await capture(hold, 4_200);
    assert.equal(codeOf(r), 'transaction_not_eligible');
    assert.match(r.ok ? '' : r.error.message, /more than 7 days ago/);
    assert.equal(rowsOf('capture', hold).length, 0, 'nothing sent to Helcim');
  },
);

test(
  'release needs a manager’s approval bound to this hold, its whole amount and the release action',
  { timeout: 30_000 },
  async () => {
    // Holds this counter placed (another counter's is not this counter's to release or capture).
    const hold = (await placeHold(5_000)).outcome.transactionId!;
    const other = (await placeHold(5_000)).outcome.transactionId!;
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
  },
);

test(
  'after its batch closes a hold cannot be released: the app says it lapses on its own, and it can still be captured',
  { timeout: 30_000 },
  async () => {
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
  },
);

test(
  'a capture whose answer is lost is reconciled, never sent twice, and the hold stays blocked meanwhile',
  { timeout: 30_000 },
  async () => {
    const hold = (await placeHold(7_000)).outcome.transactionId!;
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
  },
);

test(
  'a journal written before holds existed is migrated: old rows kept, the new kinds accepted',
  { timeout: 30_000 },
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pos-migrate-'));
    try {
      const file = path.join(dir, 'old.sqlite');
      const old = new Database(file);
      old.pragma('foreign_keys = ON');
      old.exec(BEFORE_HOLDS);
      old.exec(
        `INSERT INTO attempt_events (attempt_id, at, kind, detail) VALUES ('a1','2026-01-01T10:00:00.000Z','begin','purchase 1234 CAD');`,
      );
      assert.throws(() => old.prepare(`UPDATE attempts SET kind = 'preauth'`).run(), /CHECK constraint/);
      old.close();
      const j = new Journal(file);
      try {
        const kept = j.get('a1')!;
        assert.equal(kept.amountCents, 1234);
        assert.equal(kept.helcimTransactionId, '4001');
        assert.equal(kept.cardLast4, '9990');
        assert.deepEqual(
          [kept.tipCents, kept.tender, kept.tenderedCents],
          [0, 'card', null],
          'columns added later take their defaults',
        );
        assert.equal(j.events('a1').length, 1);
        for (const kind of ['preauth', 'capture', 'release'] as const)
          j.begin({
            id: `n-${kind}`,
            kind,
            amountCents: 100,
            currency: 'CAD',
            idempotencyKey: `k-${kind}`,
            staffId: 's1',
            approverId: null,
            mode: 'training',
          });
        assert.equal(j.get('n-release')!.kind, 'release');
        // Still refuses what was never a kind.
        assert.throws(
          () => j.db.prepare(`UPDATE attempts SET kind = 'steal' WHERE id = 'a1'`).run(),
          /CHECK constraint/,
        );
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
  },
);

test(
  'never two of something: a hold captured in two parts, then nothing more; one released, then nothing; each refusal names what was done',
  { timeout: 60_000 },
  async () => {
    // Two parts: $40.00 then the last $60.00; the list says what is left between them, and nothing after.
    const first = (await placeHold(10_000)).outcome.transactionId!;
    assert.ok((await capture(first, 4_000)).ok);
    const partly = (await openHolds()).find((h) => h.transactionId === first)!;
    assert.deepEqual([partly.capturableCents, partly.releasable], [6_000, false]);
    assert.match(partly.note, /\$40\.00 captured so far; up to \$60\.00 more/);
    assert.equal(partly.invoiceNumber, core.journal.byHelcimTransaction(first)!.reference, 'its invoice number');
    const a = await approve('release', first, 10_000);
    assert.ok(a.ok);
    const refusedRelease = await release(first, a.value.approvalId);
    assert.equal(codeOf(refusedRelease), 'transaction_not_eligible');
    assert.match(refusedRelease.ok ? '' : refusedRelease.error.message, /already captured/);
    assert.ok((await capture(first, 6_000)).ok);
    assert.equal(
      (await openHolds()).find((h) => h.transactionId === first),
      undefined,
      'captured in full: gone',
    );
    const third = await capture(first, 1);
    assert.match(third.ok ? '' : third.error.message, /already captured/);
    assert.equal(rowsOf('capture', first).length, 2, 'two captures at Helcim, no third');

    // Released: gone from the list, and neither captured nor released again — said as released.
    const second = (await placeHold(2_500)).outcome.transactionId!;
    const r = await approve('release', second, 2_500);
    assert.ok(r.ok);
    assert.ok((await release(second, r.value.approvalId)).ok);
    assert.equal(
      (await openHolds()).find((h) => h.transactionId === second),
      undefined,
    );
    const after = await capture(second, 100);
    assert.equal(codeOf(after), 'transaction_not_eligible');
    assert.match(after.ok ? '' : after.error.message, /already released/);

    // A card purchase this counter made is not a hold: not listed, not captured, said so.
    const start = await call<CheckoutStart>('purchase.start', { amountCents: 1_000, currency: 'CAD' });
    assert.ok(start.ok, JSON.stringify(start));
    const bought = await cardFormPays(sim(), call, start.value);
    assert.equal(bought.outcome, 'approved');
    assert.equal(
      (await openHolds()).find((h) => h.transactionId === bought.transactionId),
      undefined,
    );
    const notHold = await capture(bought.transactionId!, 100);
    assert.equal(codeOf(notHold), 'transaction_not_eligible');
    assert.match(notHold.ok ? '' : notHold.error.message, /not a hold placed at this counter/);
  },
);

test('the windows as documented, written out: a hold is captured within 7 days (HELCIM.md); the list looks back 31 days', () => {
  assert.equal(CAPTURE_WINDOW_MS, 7 * 24 * 60 * 60 * 1000);
  assert.equal(HOLD_LOOKBACK_MS, 31 * 24 * 60 * 60 * 1000);
});
