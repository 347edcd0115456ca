/**
 * Money going back (main/payments/returns.ts), one rule at a time, on a real journal with Helcim's
 * rows written here: the refund screen's search (which rows, which order, how many, one batch asked
 * once), what a payment's view says may be done with it (void while its batch is open, refund once
 * it has closed, a debit card only on a terminal, never above what was taken less what went back),
 * and the three doors that send money back — refund, void, an abandoned sale's give-back — each
 * refused in its own words when the view says no. The whole path over HTTP is in
 * test/integration/money-rules.test.ts and the refund screen's in test/e2e.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ReturnsService, batchClosed, type BatchCache } from '../../main/payments/returns';
import { Journal, type AttemptKind, type AttemptState } from '../../main/journal/journal';
import type { CardTransaction, HelcimClient, TransactionFilters } from '../../main/helcim/client';
import type { Approval } from '../../main/policy/approvals';
import type { MoneyReturn, TransactionView } from '../../common/contract';
import { counterIp } from '../../main/payments/money-call';
import { cardRow } from '../support/card-rows';
import { journaled, refusal } from '../support/journal-rows';

const CASEY = { staffId: 'casey', name: 'Casey', role: 'cashier' as const };
// Noon in the shop on 7 December 2026 (whatever zone the test runs in): "today" for a search with no date.
const NOW = new Date(2026, 11, 7, 12, 0, 0).getTime();

type Sent = { kind: 'refund' | 'reverse'; token: string; body: Record<string, unknown> };

function setUp(o: { paired?: boolean; closedBatches?: string[] } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-returns-'));
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => NOW);
  const rows = new Map<string, CardTransaction>();
  const listed: CardTransaction[] = [];
  const asked = {
    lists: [] as { token: string; f: TransactionFilters }[],
    batches: [] as string[],
    reads: [] as string[],
  };
  const tokens: string[] = [];
  const sent: Sent[] = [];
  const onTerminal: { v: TransactionView; amountCents: number; approval: Approval; slot: string }[] = [];
  const closed = new Set(o.closedBatches ?? []);
  const client = {
    listCardTransactions: async (token: string, f: TransactionFilters) => {
      asked.lists.push({ token, f });
      return listed;
    },
    getCardTransaction: async (token: string, id: string) => {
      asked.reads.push(`${token} ${id}`);
      const r = rows.get(id);
      assert.ok(r, `no row ${id}`);
      return r;
    },
    getCardBatch: async (_token: string, id: string) => {
      asked.batches.push(id);
      return { id, closed: closed.has(id) };
    },
    refund: async (token: string, body: Record<string, unknown>) => {
      sent.push({ kind: 'refund', token, body });
      return cardRow(1, 'APPROVED', { transactionId: `R${sent.length}`, type: 'refund' });
    },
    reverse: async (token: string, body: Record<string, unknown>) => {
      sent.push({ kind: 'reverse', token, body });
      return cardRow(1, 'APPROVED', { transactionId: `V${sent.length}`, type: 'reverse' });
    },
  } as unknown as HelcimClient;
  const terminalAnswer = { outcome: 'approved' } as MoneyReturn;
  const returns = new ReturnsService({
    client: () => client,
    journal,
    token: async (slot) => (tokens.push(slot), `token-${slot}`),
    audit: () => undefined,
    mode: () => 'training',
    reconcile: async (id) => journal.get(id)!,
    now: () => NOW,
    terminalRefund: async (v, amountCents, _session, approval, slot) => {
      onTerminal.push({ v, amountCents, approval, slot });
      return terminalAnswer;
    },
    terminalPaired: () => o.paired ?? false,
  });
  /** Helcim's row for a payment, readable by id (`batch`: its card batch; '9' is closed when listed so). */
  const payment = (id: string, dollars: number | string, over: Partial<CardTransaction> & { batch?: string } = {}) => {
    const { batch, ...rest } = over;
    const row = cardRow(dollars, 'APPROVED', {
      transactionId: id,
      cardType: 'VI',
      cardNumber: '4242424242',
      ...(batch === undefined ? {} : ({ cardBatchId: batch } as object)),
      ...rest,
    });
    rows.set(id, row);
    return row;
  };
  /** Money already gone back (or still being checked) against `original`, as the journal holds it. */
  const returned = (original: string, cents: number, state: AttemptState, kind: AttemptKind = 'refund') =>
    journaled(journal, { kind, cents, state, original, approverId: 'morgan' });
  const done = () => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { journal, rows, listed, asked, tokens, sent, onTerminal, terminalAnswer, returns, payment, returned, done };
}

const approval = (amountCents: number, over: Partial<Approval> = {}): Approval => ({
  id: 'ap-1',
  action: 'refund',
  subject: '5001',
  amountCents,
  lines: null,
  cashierId: 'casey',
  windowId: 1,
  managerId: 'morgan',
  managerName: 'Morgan',
  expiresAt: NOW + 60_000,
  ...over,
});

const VOID_NOTE = 'Its card batch is still open: it is voided whole, and the customer is never charged.';
const REFUND_NOTE = 'Its card batch has closed: the money goes back to the credit card through Helcim.';
const DEBIT_ON_TERMINAL =
  'A debit card, and its batch has closed: Helcim refunds debit only with the card present, so the refund goes to the terminal and the customer inserts or taps the card there.';
const DEBIT_NO_TERMINAL =
  'A debit card, and its batch has closed: Helcim refunds debit only with the card present on a terminal. Pair a terminal under Helcim setup to refund it.';

test('a batch is asked of Helcim once per search, only by a number; no batch number means still open', async () => {
  const s = setUp({ closedBatches: ['9'] });
  try {
    const client = (s.returns as unknown as { deps: { client: () => HelcimClient } }).deps.client();
    const cache: BatchCache = new Map();
    const withBatch = (batch: unknown) => cardRow(1, 'APPROVED', { cardBatchId: batch } as Partial<CardTransaction>);
    assert.equal(await batchClosed(client, 't', withBatch('9'), cache), true);
    assert.equal(await batchClosed(client, 't', withBatch(9), cache), true, 'a number Helcim sends as a number');
    assert.equal(await batchClosed(client, 't', withBatch('8'), cache), false);
    assert.deepEqual(s.asked.batches, ['9', '8'], 'batch 9 asked once, for both rows');
    for (const shape of [undefined, '', 'abc', '9x', ' 9', '-9'])
      assert.equal(await batchClosed(client, 't', withBatch(shape), cache), false, `batch ${String(shape)}`);
    assert.deepEqual(s.asked.batches, ['9', '8'], 'nothing asked for a batch that is not a number');
    assert.deepEqual([...cache.keys()], ['9', '8', '', 'abc', '9x', ' 9', '-9']);
  } finally {
    s.done();
  }
});

test('search: today in the shop when no date is given, the given day otherwise, with the invoice number and the slot’s token', async () => {
  const s = setUp();
  try {
    assert.deepEqual(await s.returns.search({}, 'admin'), []);
    await s.returns.search({ date: '2026-11-30', invoiceNumber: 'C1A2B3C4D-000042' }, 'sales');
    assert.deepEqual(s.tokens, ['admin', 'sales']);
    const [today, other] = s.asked.lists;
    assert.equal(today!.token, 'token-admin');
    assert.deepEqual(today!.f, {
      between: { from: new Date(2026, 11, 7), to: new Date(2026, 11, 8) },
      invoiceNumber: undefined,
    });
    assert.equal(other!.token, 'token-sales');
    assert.deepEqual(other!.f, {
      between: { from: new Date(2026, 10, 30), to: new Date(2026, 11, 1) },
      invoiceNumber: 'C1A2B3C4D-000042',
    });
  } finally {
    s.done();
  }
});

test('search: sales only (purchases and captures), by amount and by last four, newest first', async () => {
  const s = setUp();
  try {
    s.listed.push(
      cardRow('10.00', 'APPROVED', {
        transactionId: 'p1',
        createdAt: '2026-12-07T15:00:00Z',
        cardNumber: '4242****1111',
      }),
      cardRow('10.00', 'APPROVED', { transactionId: 'c1', type: 'capture', createdAt: '2026-12-07T17:00:00Z' }),
      cardRow('10.00', 'APPROVED', { transactionId: 'r1', type: 'refund', createdAt: '2026-12-07T18:00:00Z' }),
      cardRow('10.00', 'APPROVED', { transactionId: 'h1', type: 'preauth', createdAt: '2026-12-07T18:00:00Z' }),
      cardRow('10.00', 'APPROVED', { transactionId: 'v1', type: 'verify', createdAt: '2026-12-07T18:00:00Z' }),
      cardRow('12.50', 'DECLINED', {
        transactionId: 'p2',
        createdAt: '2026-12-07T16:00:00Z',
        cardNumber: '5454****2222',
      }),
      cardRow('12.50', 'APPROVED', { transactionId: 'p3', createdAt: null, cardNumber: '5454****1111' }),
    );
    const ids = async (f: Parameters<ReturnsService['search']>[0]) =>
      (await s.returns.search(f, 'admin')).map((v) => v.transactionId);
    assert.deepEqual(await ids({}), ['c1', 'p2', 'p1', 'p3'], 'newest first; a row with no time last');
    assert.deepEqual(await ids({ amountCents: 10_00 }), ['c1', 'p1']);
    assert.deepEqual(await ids({ amountCents: 12_50 }), ['p2', 'p3']);
    assert.deepEqual(await ids({ amountCents: 12_49 }), []);
    assert.deepEqual(await ids({ amountCents: 0 }), [], 'an amount of zero is a filter too');
    assert.deepEqual(await ids({ last4: '1111' }), ['p1', 'p3']);
    assert.deepEqual(await ids({ last4: '2222', amountCents: 12_50 }), ['p2']);
    assert.deepEqual(await ids({ last4: '2222', amountCents: 10_00 }), []);
    assert.deepEqual(await ids({ last4: '4242' }), [], 'the last four, not the first');
    // A row with no time first in Helcim's list goes last too (the sort compares it from either side).
    s.listed.unshift(s.listed.pop()!);
    assert.deepEqual(await ids({}), ['c1', 'p2', 'p1', 'p3']);
  } finally {
    s.done();
  }
});

test('search: at most 100 rows, the newest, and each card batch asked once for all of them', async () => {
  const s = setUp({ closedBatches: ['9'] });
  try {
    for (let i = 0; i < 101; i++)
      s.listed.push(
        cardRow(1, 'APPROVED', {
          transactionId: `t${i}`,
          createdAt: new Date(Date.UTC(2026, 11, 7, 12, 0, i)).toISOString(),
          cardBatchId: i % 2 ? '9' : '8',
        } as Partial<CardTransaction>),
      );
    const views = await s.returns.search({}, 'admin');
    assert.equal(views.length, 100);
    assert.equal(views[0]!.transactionId, 't100');
    assert.equal(views[99]!.transactionId, 't1', 'the oldest is the one left out');
    assert.deepEqual(s.asked.batches.sort(), ['8', '9']);
    assert.deepEqual([views[0]!.settled, views[1]!.settled], [false, true]);
  } finally {
    s.done();
  }
});

test('a payment’s view: every field, in the shop’s time, with its card and invoice', async () => {
  const s = setUp();
  try {
    s.payment('5001', '25.00', {
      createdAt: '2026-12-07T17:30:00Z',
      invoiceNumber: 'C1A2B3C4D-000007',
      cardType: 'MC',
      cardNumber: '5454545454',
      batch: '8',
    });
    const v = await s.returns.view('5001', 'admin');
    assert.deepEqual(s.asked.reads, ['token-admin 5001']);
    assert.deepEqual(v, {
      transactionId: '5001',
      dateCreated: (() => {
        const d = new Date('2026-12-07T17:30:00Z');
        return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().replace('T', ' ').slice(0, 19);
      })(),
      type: 'purchase',
      status: 'APPROVED',
      amountCents: 25_00,
      currency: 'CAD',
      cardType: 'MC',
      cardLast4: '5454',
      invoiceNumber: 'C1A2B3C4D-000007',
      settled: false,
      returnedCents: 0,
      refundableCents: 25_00,
      canRefund: false,
      canReverse: true,
      returnBy: 'void',
      returnNote: VOID_NOTE,
    });
    // No instant from Helcim: its own date as it sent it; no invoice: none; a currency we do not take: CAD.
    s.payment('5002', 3, { dateCreated: '2026-12-07 09:00:00', createdAt: null, invoiceNumber: '', currency: 'EUR' });
    const w = await s.returns.view('5002', 'admin');
    assert.deepEqual([w.dateCreated, w.invoiceNumber, w.currency], ['2026-12-07 09:00:00', undefined, 'CAD']);
    s.payment('5003', 3, { currency: 'USD' });
    assert.equal((await s.returns.view('5003', 'admin')).currency, 'USD');
  } finally {
    s.done();
  }
});

test('what went back counts while it is pending, unknown or approved — never when declined or cancelled', async () => {
  const s = setUp({ closedBatches: ['9'] });
  try {
    s.payment('5001', 50, { batch: '9' });
    s.returned('5001', 10_00, 'approved');
    s.returned('5001', 5_00, 'pending');
    s.returned('5001', 2_00, 'unknown');
    s.returned('5001', 7_00, 'declined');
    s.returned('5001', 3_00, 'cancelled');
    s.returned('5999', 1_00, 'approved');
    const v = await s.returns.view('5001', 'admin');
    assert.deepEqual([v.returnedCents, v.refundableCents, v.canRefund], [17_00, 33_00, true]);
    s.returned('5001', 33_00, 'approved');
    const all = await s.returns.view('5001', 'admin');
    assert.deepEqual([all.returnedCents, all.refundableCents, all.canRefund], [50_00, 0, false], 'nothing left');
    s.returned('5001', 1_00, 'approved');
    const over = await s.returns.view('5001', 'admin');
    assert.deepEqual([over.returnedCents, over.refundableCents], [51_00, 0], 'never below nothing');
  } finally {
    s.done();
  }
});

test('only an approved sale can go back: a declined one, or a refund row, can neither be refunded nor voided', async () => {
  const s = setUp({ closedBatches: ['9'] });
  try {
    s.payment('6001', 20, { status: 'DECLINED', batch: '8' });
    s.payment('6002', 20, { type: 'refund', batch: '8' });
    s.payment('6003', 20, { status: 'DECLINED', batch: '9' });
    s.payment('6004', 20, { status: 'APPROVAL', batch: '8' }); // one old example of Helcim's says so
    for (const id of ['6001', '6002', '6003']) {
      const v = await s.returns.view(id, 'admin');
      assert.deepEqual(
        [v.refundableCents, v.canRefund, v.canReverse, v.returnBy, v.returnNote],
        [0, false, false, null, ''],
        id,
      );
    }
    const old = await s.returns.view('6004', 'admin');
    assert.deepEqual([old.refundableCents, old.canReverse, old.returnBy], [20_00, true, 'void']);
  } finally {
    s.done();
  }
});

test('the way back: void while the batch is open (not once anything went back), refund once closed, debit on a terminal only', async () => {
  const unpaired = setUp({ closedBatches: ['9'] });
  const paired = setUp({ closedBatches: ['9'], paired: true });
  try {
    for (const s of [unpaired, paired]) {
      s.payment('7001', 20, { batch: '8' });
      s.payment('7002', 20, { batch: '9' });
      s.payment('7003', 20, { batch: '9', cardType: 'IN' });
      s.payment('7004', 20, { batch: '9', cardType: 'DB' });
      s.payment('7005', 20, { batch: '8', cardType: 'IN' });
      s.payment('7006', 20, { batch: '8' });
      s.returned('7006', 1_00, 'pending');
    }
    const way = async (s: ReturnType<typeof setUp>, id: string) => {
      const v = await s.returns.view(id, 'admin');
      return [v.settled, v.canRefund, v.canReverse, v.returnBy, v.returnNote];
    };
    for (const s of [unpaired, paired]) {
      assert.deepEqual(await way(s, '7001'), [false, false, true, 'void', VOID_NOTE]);
      assert.deepEqual(await way(s, '7002'), [true, true, false, 'refund', REFUND_NOTE]);
      assert.deepEqual(await way(s, '7005'), [false, false, true, 'void', VOID_NOTE], 'debit, batch open: a void');
      assert.deepEqual(await way(s, '7006'), [false, false, false, 'void', VOID_NOTE], 'partly given back: no void');
    }
    assert.deepEqual(await way(unpaired, '7003'), [true, false, false, 'terminal-refund', DEBIT_NO_TERMINAL]);
    assert.deepEqual(await way(unpaired, '7004'), [true, false, false, 'terminal-refund', DEBIT_NO_TERMINAL]);
    assert.deepEqual(await way(paired, '7003'), [true, true, false, 'terminal-refund', DEBIT_ON_TERMINAL]);
    assert.deepEqual(await way(paired, '7004'), [true, true, false, 'terminal-refund', DEBIT_ON_TERMINAL]);
  } finally {
    unpaired.done();
    paired.done();
  }
});

test('refund: a credit card through Helcim’s refund, with the original, the amount, the counter’s address and a key', async () => {
  const s = setUp({ closedBatches: ['9'] });
  try {
    s.payment('5001', 40, { batch: '9' });
    s.returned('5001', 15_00, 'approved');
    const r = await s.returns.refund('5001', 25_00, CASEY, approval(25_00), 'admin');
    assert.equal(r.outcome, 'approved');
    assert.equal(s.sent.length, 1);
    const [sent] = s.sent;
    assert.equal(sent!.kind, 'refund');
    assert.equal(sent!.token, 'token-admin');
    const { idempotencyKey, ...body } = sent!.body;
    assert.deepEqual(body, { originalTransactionId: '5001', amountCents: 25_00, ipAddress: counterIp() });
    const a = s.journal.get(r.attemptId)!;
    assert.deepEqual(
      [a.kind, a.amountCents, a.originalTransactionId, a.idempotencyKey, a.approverId, a.staffId],
      ['refund', 25_00, '5001', idempotencyKey, 'morgan', 'casey'],
    );
    assert.deepEqual(s.onTerminal, []);
  } finally {
    s.done();
  }
});

test('refund: refused while the batch is open, above what is left by a cent, and a debit card without a terminal — nothing sent', async () => {
  const s = setUp({ closedBatches: ['9'] });
  try {
    s.payment('5001', 40, { batch: '8' });
    s.payment('5002', 40, { batch: '9' });
    s.returned('5002', 15_00, 'approved');
    s.payment('5003', 40, { batch: '9', cardType: 'IN' });
    assert.deepEqual(await refusal(s.returns.refund('5001', 1_00, CASEY, approval(1_00), 'admin')), {
      code: 'transaction_not_eligible',
      key: 'error.returns.notSettled',
      message: 'This payment has not settled yet, so it cannot be refunded. Void it instead (the whole amount).',
    });
    assert.deepEqual(await refusal(s.returns.refund('5002', 25_01, CASEY, approval(25_01), 'admin')), {
      code: 'transaction_not_eligible',
      key: 'error.returns.atMost',
      message: 'At most $25.00 can still be refunded on this payment.',
    });
    assert.deepEqual(await refusal(s.returns.refund('5003', 1_00, CASEY, approval(1_00), 'admin')), {
      code: 'transaction_not_eligible',
      key: 'returns.debitNoTerminal',
      message: DEBIT_NO_TERMINAL,
    });
    assert.deepEqual(s.sent, []);
    assert.deepEqual(s.onTerminal, []);
    assert.deepEqual(
      s.journal.list().map((a) => a.amountCents),
      [15_00],
      'nothing journaled for a refusal',
    );
  } finally {
    s.done();
  }
});

test('refund: nothing left to refund is refused even for an amount of nothing', async () => {
  const s = setUp({ closedBatches: ['9'] });
  try {
    s.payment('5002', 40, { batch: '9' });
    s.returned('5002', 40_00, 'approved');
    const r = await refusal(s.returns.refund('5002', 0, CASEY, approval(0), 'admin'));
    assert.deepEqual(
      [r.key, r.message],
      ['error.returns.atMost', 'At most $0.00 can still be refunded on this payment.'],
    );
    assert.deepEqual(s.sent, []);
  } finally {
    s.done();
  }
});

test('refund: a settled debit card goes to the paired terminal, card present, never to Helcim’s refund', async () => {
  for (const cardType of ['IN', 'DB']) {
    const s = setUp({ closedBatches: ['9'], paired: true });
    try {
      s.payment('5003', 40, { batch: '9', cardType });
      const ok = approval(40_00);
      const r = await s.returns.refund('5003', 40_00, CASEY, ok, 'admin');
      assert.equal(r, s.terminalAnswer);
      assert.deepEqual(s.sent, [], cardType);
      assert.equal(s.onTerminal.length, 1);
      const [t] = s.onTerminal;
      assert.deepEqual([t!.v.transactionId, t!.amountCents, t!.approval, t!.slot], ['5003', 40_00, ok, 'admin']);
      const over = await refusal(s.returns.refund('5003', 40_01, CASEY, approval(40_01), 'admin'));
      assert.equal(over.key, 'error.returns.atMost', 'the same limit on the terminal door');
    } finally {
      s.done();
    }
  }
});

test('void: the whole amount through Helcim’s reverse, bound to an approval for exactly that amount', async () => {
  const s = setUp();
  try {
    s.payment('5001', 40, { batch: '8' });
    const wrong = await refusal(s.returns.reverse('5001', CASEY, approval(39_99, { action: 'reverse' }), 'admin'));
    assert.deepEqual(wrong, {
      code: 'forbidden',
      key: 'error.approval.otherAmountPayment',
      message: 'The manager’s approval was for a different amount than this payment.',
    });
    assert.equal((await refusal(s.returns.reverse('5001', CASEY, approval(40_01), 'admin'))).code, 'forbidden');
    assert.deepEqual(s.sent, []);
    const r = await s.returns.reverse('5001', CASEY, approval(40_00, { action: 'reverse' }), 'admin');
    assert.equal(r.outcome, 'approved');
    const sent = s.sent[0] as Sent | undefined; // (the refusals above narrowed s.sent to empty)
    const { idempotencyKey, ...body } = sent!.body;
    assert.equal(sent!.kind, 'reverse');
    assert.deepEqual(body, { cardTransactionId: '5001', ipAddress: counterIp() });
    const a = s.journal.get(r.attemptId)!;
    assert.deepEqual(
      [a.kind, a.amountCents, a.originalTransactionId, a.idempotencyKey, a.approverId],
      ['reverse', 40_00, '5001', idempotencyKey, 'morgan'],
    );
  } finally {
    s.done();
  }
});

test('void: refused once settled, and once anything went back, in words that say which', async () => {
  const s = setUp({ closedBatches: ['9'] });
  try {
    s.payment('5001', 40, { batch: '9' });
    s.payment('5002', 40, { batch: '8' });
    s.returned('5002', 1_00, 'unknown');
    s.payment('5003', 40, { batch: '8', status: 'DECLINED' });
    assert.deepEqual(await refusal(s.returns.reverse('5001', CASEY, approval(40_00), 'admin')), {
      code: 'transaction_not_eligible',
      key: 'error.returns.settled',
      message: 'This payment has already settled, so it cannot be voided. Refund it instead.',
    });
    for (const id of ['5002', '5003'])
      assert.deepEqual(await refusal(s.returns.reverse(id, CASEY, approval(40_00), 'admin')), {
        code: 'transaction_not_eligible',
        key: 'error.returns.cannotVoid',
        message: 'This payment cannot be voided (already voided or partly returned).',
      });
    assert.deepEqual(s.sent, []);
  } finally {
    s.done();
  }
});

test('an abandoned sale’s card part: voided whole while open, refunded what is left once closed', async () => {
  const s = setUp({ closedBatches: ['9'] });
  try {
    s.payment('5001', 40, { batch: '8' });
    s.payment('5002', 40, { batch: '9' });
    s.returned('5002', 15_00, 'approved');
    const voided = await s.returns.giveBack('5001', CASEY, 'morgan', 'admin');
    const refunded = await s.returns.giveBack('5002', CASEY, 'morgan', 'admin');
    assert.deepEqual(
      s.sent.map((x) => [x.kind, x.body.cardTransactionId ?? x.body.originalTransactionId, x.body.amountCents]),
      [
        ['reverse', '5001', undefined],
        ['refund', '5002', 25_00],
      ],
    );
    assert.deepEqual(
      [voided, refunded].map((r) => {
        const a = s.journal.get(r.attemptId)!;
        return [a.kind, a.amountCents, a.approverId];
      }),
      [
        ['reverse', 40_00, 'morgan'],
        ['refund', 25_00, 'morgan'],
      ],
    );
  } finally {
    s.done();
  }
});

test('an abandoned sale’s card part that cannot go back by itself: refused in words, nothing sent', async () => {
  const unpaired = setUp({ closedBatches: ['9'] });
  const paired = setUp({ closedBatches: ['9'], paired: true });
  try {
    for (const s of [unpaired, paired]) {
      s.payment('5001', 40, { batch: '9', cardType: 'IN' });
      s.payment('5002', 40, { batch: '8' });
      s.returned('5002', 1_00, 'pending'); // partly given back: no void
      s.payment('5003', 40, { batch: '9' });
      s.returned('5003', 40_00, 'approved'); // all given back: nothing to refund
      s.payment('5004', 40, { batch: '9', status: 'DECLINED' });
    }
    assert.deepEqual(await refusal(unpaired.returns.giveBack('5001', CASEY, 'morgan', 'admin')), {
      code: 'transaction_not_eligible',
      key: 'returns.debitNoTerminal',
      message: DEBIT_NO_TERMINAL,
    });
    assert.deepEqual(await refusal(paired.returns.giveBack('5001', CASEY, 'morgan', 'admin')), {
      code: 'transaction_not_eligible',
      key: 'returns.debitOnTerminal',
      message: DEBIT_ON_TERMINAL,
    });
    for (const id of ['5002', '5003', '5004'])
      assert.deepEqual(await refusal(unpaired.returns.giveBack(id, CASEY, 'morgan', 'admin')), {
        code: 'transaction_not_eligible',
        key: 'error.returns.notAutomatic',
        message: 'This card payment cannot be given back automatically.',
      });
    assert.deepEqual([...unpaired.sent, ...paired.sent], []);
  } finally {
    unpaired.done();
    paired.done();
  }
});
