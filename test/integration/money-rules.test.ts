/**
 * Money rules a new engineer could break without another test noticing (issue 25's list): the
 * journal's final states, and reconciliation pairing one Helcim row with one attempt of the same
 * amount. Each test names the bug it guards; the values are literals written here, not the code's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../main/db';
import { Journal } from '../../main/journal/journal';
import { Reconciler } from '../../main/payments/reconcile';

const journalAt = () =>
  new Journal(openDatabase(path.join(mkdtempSync(path.join(tmpdir(), 'pos-rules-')), 'app.sqlite')));

function begin(
  journal: Journal,
  kind: 'purchase' | 'refund' | 'reverse',
  amountCents: number,
  original?: string,
): string {
  const id = randomUUID();
  journal.begin({
    id,
    kind,
    amountCents,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId: 's',
    approverId: kind === 'purchase' ? null : 'm',
    ...(original ? { originalTransactionId: original } : {}),
    ...(kind === 'purchase' ? { reference: `C0001-${id.slice(0, 8)}` } : {}),
    mode: 'live',
  });
  return id;
}

test('the journal never lets a final state change: approved stays approved, declined and cancelled stay as they are', () => {
  const journal = journalAt();
  for (const final of ['approved', 'declined', 'cancelled'] as const) {
    const id = begin(journal, 'purchase', 12_00);
    journal.settle(id, final, {
      detail: 'first answer',
      helcimTransactionId: final === 'approved' ? '700' : undefined,
    });
    const events = journal.events(id).length;
    for (const later of ['approved', 'declined', 'cancelled', 'unknown'] as const) {
      if (later === final) continue;
      const after = journal.settle(id, later, { detail: `a later ${later}`, helcimTransactionId: '999' });
      assert.equal(after.state, final, `${final} overwritten by ${later}`);
    }
    const a = journal.get(id)!;
    assert.equal(a.helcimTransactionId, final === 'approved' ? '700' : null, 'nor its Helcim transaction');
    assert.equal(journal.events(id).length, events, 'and no event claims it changed');
  }
  // Unknown is not final: it settles once, then stays.
  const unknown = begin(journal, 'purchase', 5_00);
  journal.settle(unknown, 'unknown', { detail: 'no answer' });
  assert.equal(journal.settle(unknown, 'approved', { detail: 'found', helcimTransactionId: '701' }).state, 'approved');
  assert.equal(journal.settle(unknown, 'cancelled', { detail: 'too late' }).state, 'approved');
});

const base = { dateCreated: '2026-11-25 10:00:00', status: 'APPROVED', currency: 'CAD' };
const reconcileWith = (journal: Journal, rows: object[], now = Date.now) =>
  new Reconciler({
    journal,
    client: () => ({ listCardTransactions: async () => rows }) as never,
    token: async () => 't',
    mode: () => 'live',
    isOpen: () => false,
    log: () => {},
    now,
  });

test('reconciliation pairs one Helcim row with one attempt: two refunds of the same amount on one payment, one row, one settled', async () => {
  const journal = journalAt();
  const first = begin(journal, 'refund', 5_00, '123');
  const second = begin(journal, 'refund', 5_00, '123');
  const rows = [{ ...base, transactionId: '900', type: 'refund', amount: 5, originalTransactionId: 123 }];
  const run = reconcileWith(journal, rows);
  const a = await run.one(first);
  const b = await run.one(second);
  assert.deepEqual([a.state, a.helcimTransactionId], ['approved', '900']);
  assert.equal(b.state, 'pending', 'the second refund is not settled by the row the first one took');
  assert.equal(b.helcimTransactionId, null);
  // Its own row lands later: now it settles, on that row.
  const both = [...rows, { ...base, transactionId: '901', type: 'refund', amount: 5, originalTransactionId: 123 }];
  const settled = await reconcileWith(journal, both).one(second);
  assert.deepEqual([settled.state, settled.helcimTransactionId], ['approved', '901']);
});

test('reconciliation matches a refund or a void only at its own amount', async () => {
  const journal = journalAt();
  const refund = begin(journal, 'refund', 7_00, '124');
  const reverse = begin(journal, 'reverse', 30_00, '125');
  const rows = [
    { ...base, transactionId: '910', type: 'refund', amount: 5, originalTransactionId: 124 },
    { ...base, transactionId: '911', type: 'reverse', amount: 29.99, originalTransactionId: 125 },
  ];
  assert.equal(
    (await reconcileWith(journal, rows).one(refund)).state,
    'pending',
    'a $5.00 refund row is not this $7.00 refund',
  );
  assert.equal(
    (await reconcileWith(journal, rows).one(reverse)).state,
    'pending',
    'a $29.99 void row is not this $30.00 void',
  );
  const right = [...rows, { ...base, transactionId: '912', type: 'refund', amount: 7, originalTransactionId: 124 }];
  assert.deepEqual([(await reconcileWith(journal, right).one(refund)).helcimTransactionId], ['912']);
});

test('the journal keeps what an answer says, in its bounds: card type, last four digits, approval code, tip, the event', () => {
  const journal = journalAt();
  const id = begin(journal, 'purchase', 20_00);
  const a = journal.settle(id, 'approved', {
    detail: 'approved',
    helcimTransactionId: '800',
    card: { type: 'VISA-DEBIT', last4: '9990', approvalCode: 'T1234567890123' },
    tip: { amountCents: 23_00, tipCents: 3_00 },
  });
  assert.deepEqual(
    [a.cardType, a.cardLast4, a.approvalCode, a.amountCents, a.tipCents, a.reference],
    ['VISA', '9990', 'T12345678901', 23_00, 3_00, `C0001-${id.slice(0, 8)}`],
  );
  assert.deepEqual(
    journal.events(id).map((e) => [e.kind, e.detail]),
    [
      ['begin', 'purchase 2000 CAD'],
      ['approved', 'approved'],
    ],
    'each answer that changed the attempt is an event',
  );
  // Anything that is not exactly four digits is not kept as the last four.
  for (const last4 of ['12345', '123', 'abcd', '12a4']) {
    const other = begin(journal, 'purchase', 1_00);
    assert.equal(journal.settle(other, 'approved', { detail: 'x', card: { last4 } }).cardLast4, null, last4);
  }
  // No tip given: the amount asked stands.
  const plain = begin(journal, 'purchase', 5_00);
  assert.deepEqual(
    (({ amountCents, tipCents }) => [amountCents, tipCents])(
      journal.settle(plain, 'approved', { detail: 'x', helcimTransactionId: '801' }),
    ),
    [5_00, 0],
  );
  // An event's detail is kept to 500 characters.
  journal.event(plain, 'note', 'y'.repeat(600));
  assert.equal(journal.events(plain).at(-1)!.detail.length, 500);
  // A flag for a manager's eyes is kept, and listed.
  journal.flag(id, 'refund_other_card', 'the refund went to another card');
  assert.equal(journal.get(id)!.flag, 'refund_other_card');
});

test('the journal’s searches narrow by each filter, tips count only approved tips, unresolved lists only the kinds asked', () => {
  const journal = journalAt();
  const from = new Date(Date.now() - 60_000).toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();
  const p1 = begin(journal, 'purchase', 10_00);
  journal.settle(p1, 'approved', {
    detail: 'x',
    helcimTransactionId: '1',
    tip: { amountCents: 12_00, tipCents: 2_00 },
  });
  const p2 = begin(journal, 'purchase', 10_00);
  journal.settle(p2, 'declined', { detail: 'x' });
  // A tip the customer keyed before the card was declined is no tip (written as a stray row would be).
  journal.db.prepare('UPDATE attempts SET tip_cents = 100 WHERE id = ?').run(p2);
  const r1 = begin(journal, 'refund', 3_00, '1');
  const open = begin(journal, 'purchase', 7_00);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  assert.deepEqual(ids(journal.search({ from, to })), [p1, p2, r1, open].sort());
  assert.deepEqual(
    ids(journal.search({ from, to, amountCents: 10_00 })),
    [p2].sort(),
    'by amount (p1 is 12.00 with its tip)',
  );
  assert.deepEqual(ids(journal.search({ from, to, kind: 'refund' })), [r1]);
  assert.deepEqual(ids(journal.search({ from, to, state: 'declined' })), [p2]);
  assert.deepEqual(ids(journal.search({ from, to, staffId: 'nobody' })), []);
  assert.deepEqual(ids(journal.search({ from, to, staffId: 's' })).length, 4);
  assert.deepEqual(journal.tips(from, to), { count: 1, cents: 2_00 }, 'the declined tip is no tip');
  assert.deepEqual(journal.unresolvedIds(['purchase']), [open]);
  assert.deepEqual(journal.unresolvedIds(['refund']), [r1]);
  assert.deepEqual(journal.unresolvedIds(['capture']), []);
});

test('a late approval is the one change of a final state: only over a cancel, once, with what Helcim approved and an event that says so', () => {
  const journal = journalAt();
  const id = begin(journal, 'purchase', 35_00);
  journal.settle(id, 'cancelled', { detail: 'customer cancelled' });
  const card = { type: 'VISA-DEBIT', last4: '9990', approvalCode: 'T1234567890123' };
  const late = journal.lateApproval(id, { helcimTransactionId: '950', card, amountCents: 38_00, tipCents: 3_00 });
  assert.deepEqual(
    [
      late.state,
      late.helcimTransactionId,
      late.cardType,
      late.cardLast4,
      late.approvalCode,
      late.amountCents,
      late.tipCents,
    ],
    ['approved', '950', 'VISA', '9990', 'T12345678901', 38_00, 3_00],
  );
  assert.deepEqual(
    journal
      .events(id)
      .map((e) => [e.kind, e.detail])
      .at(-1),
    ['late_approval', 'Helcim approved 950 after the sale was marked cancelled'],
  );
  // Never twice, never over an approval or a decline: nothing changes, no event.
  const events = journal.events(id).length;
  assert.equal(
    journal.lateApproval(id, { helcimTransactionId: '951', card, amountCents: 1_00, tipCents: 0 }).helcimTransactionId,
    '950',
  );
  assert.equal(journal.events(id).length, events);
  const declined = begin(journal, 'purchase', 5_00);
  journal.settle(declined, 'declined', { detail: 'declined' });
  assert.equal(
    journal.lateApproval(declined, { helcimTransactionId: '952', card, amountCents: 5_00, tipCents: 0 }).state,
    'declined',
  );
  // The last four: exactly four digits, or nothing.
  for (const last4 of ['12345', '123', 'abcd', '12a4']) {
    const other = begin(journal, 'purchase', 1_00);
    journal.settle(other, 'cancelled', { detail: 'x' });
    assert.equal(
      journal.lateApproval(other, { helcimTransactionId: `9${last4}`, card: { last4 }, amountCents: 1_00, tipCents: 0 })
        .cardLast4,
      null,
      last4,
    );
  }
});

test('cash in the journal: written approved at once with what was handed over, refunds taken off the cash taken, each with its event', () => {
  const journal = journalAt();
  const from = new Date(Date.now() - 60_000).toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();
  const sale = randomUUID();
  const cash = journal.recordCash({
    id: randomUUID(),
    amountCents: 18_00,
    tenderedCents: 20_00,
    currency: 'CAD',
    staffId: 's',
    saleId: sale,
    mode: 'live',
  });
  assert.deepEqual(
    [cash.kind, cash.tender, cash.state, cash.amountCents, cash.tenderedCents, cash.saleId],
    ['purchase', 'cash', 'approved', 18_00, 20_00, sale],
  );
  assert.deepEqual(
    journal.events(cash.id).map((e) => [e.kind, e.detail]),
    [['cash', 'cash 1800 tendered 2000']],
  );
  const back = journal.recordCashRefund({
    id: randomUUID(),
    amountCents: 5_00,
    currency: 'CAD',
    staffId: 's',
    approverId: 'm',
    saleId: sale,
    mode: 'live',
    why: 'wrong size',
  });
  assert.deepEqual(
    [back.kind, back.tender, back.state, back.approverId, back.detail],
    ['refund', 'cash', 'approved', 'm', 'wrong size'],
  );
  assert.deepEqual(
    journal.events(back.id).map((e) => [e.kind, e.detail]),
    [['cash_refund', 'cash 500 back: wrong size']],
  );
  // A card payment in the same range is not cash.
  const card = begin(journal, 'purchase', 50_00);
  journal.settle(card, 'approved', { detail: 'x', helcimTransactionId: '960' });
  assert.equal(journal.cashBetween(from, to), 13_00);
  assert.equal(journal.cashBetween(to, new Date(Date.now() + 120_000).toISOString()), 0, 'nothing outside the range');
  assert.equal(journal.countBetween(from, to), 3);
  assert.deepEqual(
    journal.bySale(sale).map((a) => a.kind),
    ['purchase', 'refund'],
  );
});

test('a closed journal is closed: nothing more is read or written through it', () => {
  const journal = journalAt();
  begin(journal, 'purchase', 1_00);
  journal.close();
  assert.throws(() => journal.list(1), /not open/);
});
