/**
 * Approvals that arrive after the counter stopped waiting (main/payments/late-approvals.ts), one rule
 * at a time on a real journal: only an approval is recorded, never while another part of the sale
 * under the same invoice is unsettled; each is told to every window for 10 minutes and audited; a sale
 * already abandoned or paid says what to give back; the day-long sweep asks Helcim once, for the
 * window its candidates need, and never takes a row another attempt recorded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { LateApprovals } from '../../main/payments/late-approvals';
import { Journal } from '../../main/journal/journal';
import type { CardTransaction, HelcimClient } from '../../main/helcim/client';
import type { SaleView } from '../../common/contract';
import { cardRow } from '../support/card-rows';

const PREFIX = 'C1A2B3C4D';

function setUp(start: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-late-'));
  const clock = { now: start };
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => clock.now);
  const audits: string[] = [];
  const sales = new Map<string, SaleView>();
  const late = new LateApprovals({
    journal,
    now: () => clock.now,
    audit: (actor, action, detail) => audits.push(`${actor} ${action} ${detail}`),
    // As SalesService.view: a sale that does not exist is an error, never a guess.
    saleOf: (id) => {
      const found = sales.get(id);
      if (!found) throw new Error(`no sale ${id}`);
      return found;
    },
  });
  const asked: { from: number; to: number }[] = [];
  const helcim = { rows: [] as CardTransaction[], fail: false };
  const client = {
    listCardTransactions: async (_t: string, f: { between: { from: Date; to: Date } }) => {
      asked.push({ from: f.between.from.getTime(), to: f.between.to.getTime() });
      if (helcim.fail) throw new Error('Helcim did not answer');
      return helcim.rows;
    },
  } as unknown as HelcimClient;
  const watched = new Set<string>();
  const sweep = () =>
    late.sweep({
      client: () => client,
      token: async () => 'the-token',
      invoicePrefix: PREFIX,
      mode: 'training',
      watchedElsewhere: (id) => watched.has(id),
    });
  /** A card purchase sent to Helcim under `reference`, then marked cancelled ("customer cancelled"). */
  const cancelled = (cents: number, reference: string, saleId?: string) => {
    const id = begin(cents, reference, saleId);
    journal.settle(id, 'cancelled', { detail: 'customer cancelled' });
    return id;
  };
  const begin = (cents: number, reference: string, saleId?: string) => {
    const id = randomUUID();
    journal.begin({
      id,
      kind: 'purchase',
      amountCents: cents,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: 's',
      approverId: null,
      reference,
      ...(saleId ? { saleId } : {}),
      mode: 'training',
    });
    return id;
  };
  const done = () => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { clock, journal, late, audits, sales, asked, helcim, watched, sweep, cancelled, begin, done };
}
const approval = (dollars: number, invoiceNumber: string, transactionId = '7001') =>
  cardRow(dollars, 'APPROVED', { invoiceNumber, transactionId });
const sale = (over: Partial<SaleView>): SaleView =>
  ({ number: 12, totalCents: 20_00, paidCents: 20_00, state: 'paid', ...over }) as SaleView;

test('an approval found late is recorded at what Helcim took, told on every window and audited; a decline is not', () => {
  const s = setUp(Date.parse('2026-12-07T15:00:00Z'));
  try {
    const id = s.cancelled(20_00, `${PREFIX}-0000000001`);
    assert.equal(
      s.late.record(id, cardRow(20, 'DECLINED', { invoiceNumber: `${PREFIX}-0000000001` }), 'late.terminal', 'x'),
      null,
    );
    assert.equal(s.journal.get(id)!.state, 'cancelled');
    assert.deepEqual(s.late.notices(), []);
    // A decline found for an attempt still waiting is not this path's to record: the waiting path does.
    const waiting = s.begin(20_00, `${PREFIX}-0000000011`);
    assert.equal(
      s.late.record(waiting, cardRow(20, 'DECLINED', { invoiceNumber: `${PREFIX}-0000000011` }), 'late.found', 'x'),
      null,
    );
    assert.equal(s.journal.get(waiting)!.state, 'pending');
    const a = s.late.record(id, approval(23, `${PREFIX}-0000000001`), 'late.terminal', 'found');
    assert.equal(a?.state, 'approved');
    assert.equal(s.journal.get(id)!.amountCents, 23_00);
    assert.deepEqual(s.late.notices(), [
      `The $23.00 sale marked “customer cancelled” was approved on the terminal after all (invoice ${PREFIX}-0000000001). The customer has paid: do not charge again.`,
    ]);
    assert.deepEqual(s.audits, [`system payment.late_approval ${id} 7001 2300 (late.terminal)`]);
    // Found again: nothing changes, nothing is said twice.
    assert.equal(s.late.record(id, approval(23, `${PREFIX}-0000000001`), 'late.terminal', 'found'), null);
    assert.equal(s.late.notices().length, 1);
  } finally {
    s.done();
  }
});

test('a pending attempt settled by a late find is told too; one whose sale has another unsettled part under its invoice waits', () => {
  const s = setUp(Date.parse('2026-12-07T15:00:00Z'));
  try {
    const saleId = randomUUID();
    const a = s.begin(10_00, `${PREFIX}-0000000002`, saleId);
    const b = s.begin(10_00, `${PREFIX}-0000000002`, saleId);
    s.sales.set(saleId, sale({ totalCents: 20_00, paidCents: 10_00, state: 'open' }));
    assert.equal(s.late.record(a, approval(10, `${PREFIX}-0000000002`), 'late.found', 'found'), null, 'b is unsettled');
    assert.equal(s.journal.get(a)!.state, 'pending');
    s.journal.settle(b, 'declined', { detail: 'declined' });
    assert.equal(s.late.record(a, approval(10, `${PREFIX}-0000000002`), 'late.found', 'found')?.state, 'approved');
    assert.equal(s.late.notices().length, 1, 'told; the sale was not overpaid, so nothing to give back');
  } finally {
    s.done();
  }
});

test('a sale already abandoned gives the whole late payment back; one paid another way gives back what it took beyond its total', () => {
  const s = setUp(Date.parse('2026-12-07T15:00:00Z'));
  try {
    const abandoned = randomUUID();
    s.sales.set(abandoned, sale({ number: 7, state: 'abandoned', paidCents: 0 }));
    const a = s.cancelled(15_00, `${PREFIX}-0000000003`, abandoned);
    s.late.record(a, approval(15, `${PREFIX}-0000000003`, '801'), 'late.found', 'found');
    const paid = randomUUID();
    // Paid $20 in cash for a $20 sale, then the $15 card payment turned out approved: paid $35 of $20.
    s.sales.set(paid, sale({ number: 8, state: 'paid', totalCents: 20_00, paidCents: 35_00 }));
    const b = s.cancelled(15_00, `${PREFIX}-0000000004`, paid);
    s.late.record(b, approval(15, `${PREFIX}-0000000004`, '802'), 'late.found', 'found');
    const giveBack = s.late.notices().filter((n) => n.startsWith('Sale #'));
    assert.deepEqual(giveBack, [
      'Sale #7 was already abandoned: give back $15.00 — void or refund transaction 801 under Transactions, with a manager.',
      'Sale #8 was already paid: give back $15.00 — void or refund transaction 802 under Transactions, with a manager.',
    ]);
    assert.deepEqual(
      s.audits.filter((x) => x.includes('sale.paid_twice')),
      [
        'system sale.paid_twice sale 7: 1500 more than its total, transaction 801',
        'system sale.paid_twice sale 8: 1500 more than its total, transaction 802',
      ],
    );
  } finally {
    s.done();
  }
});

test('give back no more than the late payment, nor than the sale took beyond its total', () => {
  const s = setUp(Date.parse('2026-12-07T15:00:00Z'));
  try {
    const over = randomUUID();
    // $5 beyond the total: give back $5, not the whole $15.
    s.sales.set(over, sale({ number: 9, totalCents: 30_00, paidCents: 35_00 }));
    const a = s.cancelled(15_00, `${PREFIX}-0000000005`, over);
    s.late.record(a, approval(15, `${PREFIX}-0000000005`, '901'), 'late.found', 'found');
    const exact = randomUUID();
    s.sales.set(exact, sale({ number: 10, totalCents: 30_00, paidCents: 30_00 }));
    const b = s.cancelled(15_00, `${PREFIX}-0000000006`, exact);
    s.late.record(b, approval(15, `${PREFIX}-0000000006`, '902'), 'late.found', 'found');
    assert.deepEqual(
      s.late.notices().filter((n) => n.startsWith('Sale #')),
      [
        'Sale #9 was already paid: give back $5.00 — void or refund transaction 901 under Transactions, with a manager.',
      ],
    );
  } finally {
    s.done();
  }
});

test('a notice stays on the screens for exactly 10 minutes', () => {
  const s = setUp(Date.parse('2026-12-07T15:00:00Z'));
  try {
    s.late.tell('late.found', { amount: { cents: 5_00, currency: 'CAD' }, invoice: 'X-1' });
    s.clock.now += 600_000;
    assert.equal(s.late.notices().length, 1, '10 min: still shown');
    s.clock.now += 1;
    assert.equal(s.late.notices().length, 0, '10 min and 1 ms: gone');
  } finally {
    s.done();
  }
});

test('the sweep: nothing to look for, no call; a day back and not a millisecond more; what a screen still watches is left to it', async () => {
  // The counter's clock a year behind the machine's: the window starts from the oldest candidate.
  const s = setUp(Date.parse('2025-12-07T15:00:00Z'));
  try {
    assert.equal(await s.sweep(), 0);
    assert.equal(s.asked.length, 0, 'no candidate: Helcim is not asked');
    const tooOld = s.cancelled(10_00, `${PREFIX}-0000000007`);
    s.clock.now += 1;
    const oldest = s.clock.now;
    const dayOld = s.cancelled(11_00, `${PREFIX}-0000000008`);
    const watched = s.cancelled(12_00, `${PREFIX}-0000000009`);
    s.clock.now += 1_000;
    const later = s.cancelled(14_00, `${PREFIX}-0000000012`);
    s.cancelled(13_00, 'C0F0F0F0F-0000000001'); // another counter's invoice: not this counter's to find
    s.watched.add(watched);
    s.clock.now = oldest + 24 * 60 * 60_000;
    s.helcim.rows = [
      approval(10, `${PREFIX}-0000000007`, '1'),
      approval(11, `${PREFIX}-0000000008`, '2'),
      approval(12, `${PREFIX}-0000000009`, '3'),
      approval(13, 'C0F0F0F0F-0000000001', '4'),
      approval(14, `${PREFIX}-0000000012`, '5'),
    ];
    assert.equal(await s.sweep(), 2);
    assert.equal(s.asked.length, 1, 'one list call for all of them');
    assert.equal(s.asked[0]!.from, oldest - 60_000, 'a minute before the oldest candidate');
    assert.deepEqual(
      [
        s.journal.get(tooOld)!.state,
        s.journal.get(dayOld)!.state,
        s.journal.get(watched)!.state,
        s.journal.get(later)!.state,
      ],
      ['cancelled', 'approved', 'cancelled', 'approved'],
    );
  } finally {
    s.done();
  }
});

test('the sweep asks up to a minute past now, never takes a row another attempt recorded, and tries again after Helcim fails', async () => {
  // The counter's clock a year ahead of the machine's: the window ends a minute after the counter's now.
  const s = setUp(Date.parse('2027-12-07T15:00:00Z'));
  try {
    const recorded = s.begin(10_00, `${PREFIX}-0000000010`);
    s.journal.settle(recorded, 'approved', { detail: 'paid', helcimTransactionId: '55' });
    const id = s.cancelled(10_00, `${PREFIX}-0000000010`);
    s.helcim.fail = true;
    assert.equal(await s.sweep(), 0);
    s.helcim.fail = false;
    s.helcim.rows = [approval(10, `${PREFIX}-0000000010`, '55')];
    assert.equal(await s.sweep(), 0, 'transaction 55 is the other attempt’s');
    assert.equal(s.asked.at(-1)!.to, s.clock.now + 60_000);
    s.helcim.rows.push(approval(10, `${PREFIX}-0000000010`, '56'));
    assert.equal(await s.sweep(), 1);
    assert.equal(s.journal.get(id)!.helcimTransactionId, '56');
    // A terminal sale that had Helcim's id when it was marked cancelled: that row is its own, not another's.
    const own = s.begin(12_00, `${PREFIX}-0000000013`);
    s.journal.settle(own, 'cancelled', { detail: 'customer cancelled', helcimTransactionId: '60' });
    s.helcim.rows.push(approval(12, `${PREFIX}-0000000013`, '60'));
    assert.equal(await s.sweep(), 1);
    assert.equal(s.journal.get(own)!.state, 'approved');
  } finally {
    s.done();
  }
});

test('an approval without an invoice of ours names Helcim’s transaction; without a sale service nothing is asked of one', () => {
  const s = setUp(Date.parse('2026-12-07T15:00:00Z'));
  try {
    const plain = new LateApprovals({ journal: s.journal, now: () => s.clock.now, audit: () => undefined });
    const saleId = randomUUID();
    const id = s.cancelled(9_00, `${PREFIX}-0000000014`, saleId);
    assert.equal(plain.record(id, approval(9, `${PREFIX}-0000000014`, '70'), 'late.found', 'x')?.state, 'approved');
    const a = { ...s.journal.get(id)!, reference: null };
    plain.announce(a, 'late.checkout');
    assert.match(plain.notices().at(-1)!, /\(invoice 70\)/);
    plain.announce({ ...a, reference: null, helcimTransactionId: null }, 'late.checkout');
    assert.match(plain.notices().at(-1)!, /\(invoice \)/);
    // A sale overpaid, told about an approval with no transaction id: the give-back names none.
    s.sales.set(saleId, sale({ number: 3, state: 'abandoned', paidCents: 0 }));
    s.late.announce({ ...a, helcimTransactionId: null }, 'late.checkout');
    assert.match(s.late.notices().at(-1)!, /void or refund transaction {2}under Transactions/);
  } finally {
    s.done();
  }
});
