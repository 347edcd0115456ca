/**
 * Reconciliation's rules one by one (issue 25: "its checks are only ever asserted silent"): a real
 * journal on a real SQLite file, and Helcim's list as rows this test writes (each shape the docs
 * allow), so every check is made to report — a difference found, a row refused, a window's edges, who
 * is told. The end-to-end paths (lost answers, restarts, the fault matrix) are tested elsewhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Journal, LOST_ANSWER, type Attempt, type AttemptKind } from '../../main/journal/journal';
import { Reconciler } from '../../main/payments/reconcile';
import type { CardTransaction, HelcimClient, TransactionFilters } from '../../main/helcim/client';
import type { Mode } from '../../common/contract';

const T0 = Date.parse('2026-12-07T15:00:00.000Z');

/** One reconciler over a fresh journal; Helcim's list answers `rows` and records what it was asked. */
function setup(o: { mode?: Mode; open?: string[] } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-reconcile-'));
  let clock = T0;
  const journal = new Journal(path.join(dir, 'j.sqlite'), () => clock);
  const asked: TransactionFilters[] = [];
  const tokens: string[] = [];
  let rows: Partial<CardTransaction>[] = [];
  let unreachable = false;
  const announced: string[] = [];
  const logs: string[] = [];
  const client = {
    listCardTransactions: async (_token: string, f: TransactionFilters) => {
      asked.push(f);
      if (unreachable) throw new Error('offline');
      return rows as CardTransaction[];
    },
  } as unknown as HelcimClient;
  const reconciler = new Reconciler({
    journal,
    client: () => client,
    token: async (use) => (tokens.push(use), 'token'),
    mode: () => o.mode ?? 'live',
    isOpen: (id) => (o.open ?? []).includes(id),
    log: (line) => logs.push(line),
    now: () => clock,
    announce: (a) => announced.push(a.id),
  });
  const begin = (
    kind: AttemptKind,
    cents: number,
    extra: { reference?: string; originalTransactionId?: string; mode?: Mode } = {},
  ): Attempt =>
    journal.begin({
      id: randomUUID(),
      kind,
      amountCents: cents,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: 's1',
      approverId: null,
      mode: extra.mode ?? 'live',
      ...(extra.reference ? { reference: extra.reference } : {}),
      ...(extra.originalTransactionId ? { originalTransactionId: extra.originalTransactionId } : {}),
    });
  return {
    journal,
    reconciler,
    asked,
    tokens,
    announced,
    logs,
    begin,
    setRows: (r: Partial<CardTransaction>[]) => (rows = r),
    offline: (on: boolean) => (unreachable = on),
    advance: (ms: number) => (clock += ms),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const row = (o: Partial<CardTransaction>): Partial<CardTransaction> => ({
  transactionId: '40000001',
  status: 'APPROVED',
  type: 'purchase',
  amount: 10,
  currency: 'CAD',
  cardType: 'VI',
  cardNumber: '4111111111',
  approvalCode: 'A1',
  invoiceNumber: '',
  createdAt: null,
  ...o,
});

test('a final attempt, or one still open in a checkout frame, is not looked up nor changed', async () => {
  const s = setup();
  const done = s.begin('purchase', 10_00, { reference: 'INV-1' });
  s.journal.settle(done.id, 'approved', { helcimTransactionId: '41', detail: 'ok' });
  s.setRows([]);
  assert.equal((await s.reconciler.one(done.id)).state, 'approved');
  const open = setup({ open: [] });
  const a = s.begin('purchase', 10_00, { reference: 'INV-2' });
  const withOpen = new Reconciler({
    journal: s.journal,
    client: () => {
      throw new Error('no call for an open attempt');
    },
    token: async () => 't',
    mode: () => 'live',
    isOpen: (id) => id === a.id,
    log: () => {},
  });
  assert.equal((await withOpen.one(a.id)).state, 'pending');
  assert.equal(s.asked.length, 0, 'Helcim was not asked for the final attempt');
  s.close();
  open.close();
});

test('another mode: a training attempt with the simulator gone is cancelled; a live one waits for live mode', async () => {
  const s = setup({ mode: 'live' });
  const training = s.begin('purchase', 5_00, { reference: 'TR-1', mode: 'training' });
  const after = await s.reconciler.one(training.id);
  assert.equal(after.state, 'cancelled');
  assert.match(after.detail ?? '', /training session ended before a result/);
  s.close();
  const t = setup({ mode: 'training' });
  const live = t.begin('purchase', 5_00, { reference: 'LV-1', mode: 'live' });
  assert.equal((await t.reconciler.one(live.id)).state, 'pending');
  assert.equal(t.asked.length, 0);
  t.close();
});

test('a sale is looked up by its invoice; a refund by a window of 10 minutes either side of it', async () => {
  const s = setup();
  const sale = s.begin('purchase', 10_00, { reference: 'INV-W' });
  s.setRows([]);
  await s.reconciler.one(sale.id);
  assert.deepEqual(s.asked.at(-1), { invoiceNumber: 'INV-W' });
  assert.deepEqual(s.tokens, ['lookup'], 'asked with the lookup token');
  const refund = s.begin('refund', 3_00, { originalTransactionId: '40000001' });
  s.setRows([]);
  const before = Date.now();
  await s.reconciler.one(refund.id);
  const after = Date.now();
  const w = s.asked.at(-1)!.between!;
  assert.equal(w.from.toISOString(), new Date(T0 - 600_000).toISOString());
  // To 10 minutes after whichever is later, the attempt or now (Helcim's clock is real time).
  assert.ok(w.to.getTime() >= before + 600_000 && w.to.getTime() <= after + 600_000, w.to.toISOString());
  s.close();
});

test('Helcim unreachable: the attempt stays as it was, asked again later', async () => {
  const s = setup();
  const a = s.begin('purchase', 10_00, { reference: 'INV-U' });
  s.offline(true);
  assert.equal((await s.reconciler.one(a.id)).state, 'pending');
  s.close();
});

test('found: an approval is recorded with its card, and every window told — only for a card sale newly approved', async () => {
  const s = setup();
  const a = s.begin('purchase', 10_00, { reference: 'INV-A' });
  s.setRows([row({ transactionId: '42', invoiceNumber: 'INV-A', amount: 10 })]);
  const after = await s.reconciler.one(a.id);
  assert.deepEqual([after.state, after.helcimTransactionId], ['approved', '42']);
  assert.deepEqual(s.announced, [a.id]);
  assert.equal(after.detail, 'reconciled: APPROVED');
  assert.ok(
    s.journal.events(a.id).some((e) => e.kind === 'reconciled' && e.detail === 'found at Helcim: 42 APPROVED'),
    'the journal says what was found',
  );
  // Declined: recorded, nobody told it was approved.
  const d = s.begin('purchase', 7_00, { reference: 'INV-D' });
  s.setRows([row({ transactionId: '43', invoiceNumber: 'INV-D', amount: 7, status: 'DECLINED' })]);
  assert.equal((await s.reconciler.one(d.id)).state, 'declined');
  // A refund approved is money going back, not a sale: not announced.
  const r = s.begin('refund', 3_00, { originalTransactionId: '42' });
  s.setRows([row({ transactionId: '44', type: 'refund', amount: 3, originalTransactionId: '42' } as never)]);
  assert.equal((await s.reconciler.one(r.id)).state, 'approved');
  // A verification approved is no sale either.
  const v = s.begin('verify', 0, { reference: 'INV-V' });
  s.setRows([row({ transactionId: '45', type: 'verify', amount: 0, invoiceNumber: 'INV-V' })]);
  assert.equal((await s.reconciler.one(v.id)).state, 'approved');
  assert.deepEqual(s.announced, [a.id]);
  // A hold by its invoice; a capture and a release (Helcim's reverse) by their type.
  const hold = s.begin('preauth', 20_00, { reference: 'INV-H' });
  s.setRows([row({ transactionId: '70', type: 'preauth', amount: 20, invoiceNumber: 'INV-H' })]);
  assert.equal((await s.reconciler.one(hold.id)).helcimTransactionId, '70');
  const capture = s.begin('capture', 20_00, { originalTransactionId: '70' });
  s.setRows([row({ transactionId: '71', type: 'capture', amount: 20, originalTransactionId: '70' } as never)]);
  assert.equal((await s.reconciler.one(capture.id)).helcimTransactionId, '71');
  const release = s.begin('release', 20_00, { originalTransactionId: '70' });
  s.setRows([row({ transactionId: '72', type: 'reverse', amount: 20, originalTransactionId: '70' } as never)]);
  assert.equal((await s.reconciler.one(release.id)).helcimTransactionId, '72');
  const reverse = s.begin('reverse', 10_00, { originalTransactionId: '42' });
  s.setRows([row({ transactionId: '73', type: 'reverse', amount: 10, originalTransactionId: '42' } as never)]);
  assert.equal((await s.reconciler.one(reverse.id)).helcimTransactionId, '73');
  s.close();
  // With nobody to tell (no window open to announce to), the approval is still recorded.
  const quiet = setup();
  const alone = new Reconciler({
    journal: quiet.journal,
    client: () =>
      ({
        listCardTransactions: async () => [row({ transactionId: '74', invoiceNumber: 'INV-Q', amount: 10 })],
      }) as never,
    token: async () => 't',
    mode: () => 'live',
    isOpen: () => false,
    log: () => {},
  });
  const q = quiet.begin('purchase', 10_00, { reference: 'INV-Q' });
  assert.equal((await alone.one(q.id)).state, 'approved');
  quiet.close();
});

test('one Helcim row settles one attempt: a row another attempt recorded is not this one’s', async () => {
  const s = setup();
  const first = s.begin('purchase', 10_00, { reference: 'INV-S' });
  const second = s.begin('purchase', 10_00, { reference: 'INV-S' });
  s.setRows([row({ transactionId: '46', invoiceNumber: 'INV-S', amount: 10 })]);
  assert.equal((await s.reconciler.one(first.id)).state, 'approved');
  s.advance(120_000);
  const again = await s.reconciler.one(second.id);
  assert.notEqual(again.helcimTransactionId, '46');
  assert.equal(again.state, 'cancelled', 'not at Helcim: the only row is the other attempt’s');
  s.close();
});

test('a refund or void is matched by its type, its original, its amount and an approval — each checked', async () => {
  const base = { transactionId: '50', type: 'refund', amount: 3, status: 'APPROVED', originalTransactionId: '42' };
  const cases: [string, Record<string, unknown>][] = [
    ['another type', { type: 'purchase' }],
    ['another original', { originalTransactionId: '99' }],
    ['another amount', { amount: 3.01 }],
    ['declined', { status: 'DECLINED' }],
  ];
  for (const [what, change] of cases) {
    const s = setup();
    const r = s.begin('refund', 3_00, { originalTransactionId: '42' });
    s.setRows([row({ ...base, ...change } as never)]);
    s.advance(120_000);
    const after = await s.reconciler.one(r.id);
    assert.notEqual(after.helcimTransactionId, '50', what);
    assert.equal(after.state === 'approved', false, what);
    s.close();
  }
  // The row as it should be is matched (the control).
  const s = setup();
  const r = s.begin('refund', 3_00, { originalTransactionId: '42' });
  s.setRows([row(base as never)]);
  assert.equal((await s.reconciler.one(r.id)).helcimTransactionId, '50');
  // A row already recorded by another refund is not this one's.
  const twin = s.begin('refund', 3_00, { originalTransactionId: '42' });
  s.advance(120_000);
  assert.notEqual((await s.reconciler.one(twin.id)).helcimTransactionId, '50');
  s.close();
});

test('rows that do not name their original: a refund cannot be ruled out, a manager must look — other kinds’ rows do not count', async () => {
  const s = setup();
  const r = s.begin('refund', 3_00, { originalTransactionId: '42' });
  s.setRows([row({ transactionId: '51', type: 'refund', amount: 4 })]);
  const after = await s.reconciler.one(r.id);
  assert.equal(after.state, 'unknown');
  assert.equal(after.detail, 'needs a manager to match it in Helcim');
  assert.ok(
    s.journal
      .events(r.id)
      .some(
        (e) => e.kind === 'reconcile_ambiguous' && e.detail === 'Helcim rows do not name their original transaction',
      ),
  );
  // Only purchases without the field: nothing of the refund's kind to doubt; not found → in time, cancelled.
  const q = s.begin('refund', 3_00, { originalTransactionId: '42' });
  s.setRows([row({ transactionId: '52', type: 'purchase', amount: 3 })]);
  s.advance(120_000);
  assert.equal((await s.reconciler.one(q.id)).state, 'cancelled');
  s.close();
});

test('not at Helcim: a money call whose answer was lost is given 120 s to land; a card form’s sale is cancelled at once', async () => {
  const s = setup();
  const lost = s.begin('purchase', 10_00, { reference: 'INV-L' });
  s.journal.settle(lost.id, 'unknown', { detail: LOST_ANSWER });
  s.setRows([]);
  s.advance(119_999);
  assert.equal((await s.reconciler.one(lost.id)).state, 'unknown', 'at 119.999 s it may still land');
  assert.ok(
    s.journal
      .events(lost.id)
      .some((e) => e.kind === 'not_yet_at_helcim' && e.detail === 'not in Helcim’s list yet; asked again later'),
  );
  s.advance(1);
  const gone = await s.reconciler.one(lost.id);
  assert.equal(gone.state, 'cancelled', 'at 120 s, nothing moved');
  assert.equal(gone.detail, 'reconciled: Helcim has no such transaction; nothing moved');
  assert.ok(s.journal.events(lost.id).some((e) => e.kind === 'reconciled' && e.detail === 'not at Helcim'));
  // A sale through a card form that never reached Helcim (no lost answer): nothing to wait for.
  const form = s.begin('purchase', 10_00, { reference: 'INV-F' });
  assert.equal((await s.reconciler.one(form.id)).state, 'cancelled');
  // A refund is a money call: it waits too.
  const refund = s.begin('refund', 2_00, { originalTransactionId: '42' });
  s.setRows([]);
  assert.equal((await s.reconciler.one(refund.id)).state, 'pending');
  s.close();
});

test('a run counts what it checked, resolved and left, and says so', async () => {
  const s = setup();
  const found = s.begin('purchase', 10_00, { reference: 'INV-R1' });
  const left = s.begin('refund', 1_00, { originalTransactionId: '42' });
  // The refund's rows do not name their original: it is left unknown (for a manager), not resolved.
  const found2 = s.begin('purchase', 12_00, { reference: 'INV-R2' });
  s.setRows([
    row({ transactionId: '60', invoiceNumber: 'INV-R1', amount: 10 }),
    row({ transactionId: '62', invoiceNumber: 'INV-R2', amount: 12 }),
    row({ transactionId: '61', type: 'refund', amount: 1 }),
  ]);
  // A capture not in the list yet, within its 120 s: still pending, not resolved either.
  const waiting = s.begin('capture', 5_00, { originalTransactionId: '42' });
  const summary = await s.reconciler.run();
  assert.deepEqual(summary, { checked: 4, resolved: 2, unresolved: 2 });
  assert.equal(s.journal.get(found.id)!.state, 'approved');
  assert.equal(s.journal.get(found2.id)!.state, 'approved');
  assert.equal(s.journal.get(left.id)!.state, 'unknown');
  assert.equal(s.journal.get(waiting.id)!.state, 'pending');
  assert.deepEqual(s.logs, ['[pos] reconciliation: 4 checked, 2 resolved, 2 still unknown']);
  // Nothing open: nothing said.
  const quiet = setup();
  assert.deepEqual(await quiet.reconciler.run(), { checked: 0, resolved: 0, unresolved: 0 });
  assert.deepEqual(quiet.logs, []);
  s.close();
  quiet.close();
});
