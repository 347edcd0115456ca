/**
 * What a row of Helcim's list means for an attempt (main/payments/helcim-result.ts), whoever finds it:
 * what a purchase really took (a tip above the amount asked, a partial approval below it, never the
 * amount asked when Helcim says otherwise), and the journal's only two changes — a pending or unknown
 * attempt settled, a cancelled one approved after all. On a real journal in a SQLite file; the
 * expected values are written out here, one rule changed at a time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { amountsOf, recordHelcimRow, siblingUnresolved } from '../../main/payments/helcim-result';
import { Journal, type AttemptKind } from '../../main/journal/journal';
import type { CardTransaction } from '../../main/helcim/client';
import { cardRow } from '../support/card-rows';

/** An approval with the card's brand, masked number and approval code, as Helcim lists it. */
const row = (amount: number | string, status = 'APPROVED', over: Partial<CardTransaction> = {}) =>
  cardRow(amount, status, { cardType: 'VI', cardNumber: '4111********1111', approvalCode: 'T5Y6U7', ...over });

function withJournal(use: (j: Journal) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-result-'));
  const j = new Journal(path.join(dir, 'journal.sqlite'));
  try {
    use(j);
  } finally {
    j.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
function begin(j: Journal, cents: number, kind: AttemptKind = 'purchase'): string {
  const id = randomUUID();
  j.begin({
    id,
    kind,
    amountCents: cents,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId: 's',
    approverId: kind === 'purchase' ? null : 'm',
    ...(kind === 'purchase' ? {} : { originalTransactionId: '6001' }),
    mode: 'training',
  });
  return id;
}

test('what a purchase took: above the amount asked the rest is a tip, below it a partial approval, unreadable the amount asked', () => {
  assert.deepEqual(amountsOf('purchase', 20_00, row(23.5)), { amountCents: 23_50, tipCents: 3_50 });
  assert.deepEqual(amountsOf('purchase', 20_00, row(12)), { amountCents: 12_00, tipCents: 0 });
  assert.deepEqual(amountsOf('purchase', 20_00, row(20)), { amountCents: 20_00, tipCents: 0 });
  assert.deepEqual(amountsOf('purchase', 20_00, row('lots')), { amountCents: 20_00, tipCents: 0 });
  // A return or a capture moves exactly what was asked, whatever the row says.
  for (const kind of ['refund', 'reverse', 'capture', 'release'] as const)
    assert.deepEqual(amountsOf(kind, 20_00, row(23.5)), { amountCents: 20_00, tipCents: 0 }, kind);
});

test('a pending purchase approved with a tip: approved at what Helcim took, the tip apart, the card’s brand, last four and approval code', () => {
  withJournal((j) => {
    const id = begin(j, 20_00);
    const r = recordHelcimRow(j, id, row(23.5), 'found by the test');
    assert.equal(r.change, 'settled');
    const a = j.get(id)!;
    assert.deepEqual(
      [a.state, a.helcimTransactionId, a.amountCents, a.tipCents, a.cardType, a.cardLast4, a.approvalCode, a.detail],
      ['approved', '7001', 23_50, 3_50, 'VI', '1111', 'T5Y6U7', 'found by the test'],
    );
    assert.deepEqual(r.attempt, a);
  });
});

test('a pending purchase declined: declined, with Helcim’s status in the detail, the amount asked kept', () => {
  withJournal((j) => {
    const id = begin(j, 20_00);
    const r = recordHelcimRow(j, id, row(20, 'DECLINED'), 'found by the test');
    assert.equal(r.change, 'settled');
    const a = j.get(id)!;
    assert.deepEqual(
      [a.state, a.helcimTransactionId, a.amountCents, a.tipCents, a.detail],
      ['declined', '7001', 20_00, 0, 'found by the test: DECLINED'],
    );
  });
});

test('an attempt whose answer was lost (unknown) is settled the same way', () => {
  withJournal((j) => {
    const id = begin(j, 20_00);
    j.settle(id, 'unknown', { detail: 'the answer was lost' });
    const r = recordHelcimRow(j, id, row(12), 'reconciliation');
    assert.equal(r.change, 'settled');
    assert.deepEqual([j.get(id)!.state, j.get(id)!.amountCents], ['approved', 12_00]);
  });
});

test('a refund approved moves what was asked, not the row’s amount', () => {
  withJournal((j) => {
    const id = begin(j, 5_00, 'refund');
    recordHelcimRow(j, id, row(9, 'APPROVED', { type: 'refund' }), 'found');
    assert.deepEqual([j.get(id)!.state, j.get(id)!.amountCents, j.get(id)!.tipCents], ['approved', 5_00, 0]);
  });
});

test('a purchase marked cancelled, then approved at Helcim: approved after all, at what was taken; a decline changes nothing', () => {
  withJournal((j) => {
    const id = begin(j, 35_00);
    j.settle(id, 'cancelled', { detail: 'customer cancelled' });
    const declined = recordHelcimRow(j, id, row(35, 'DECLINED'), 'sweep');
    assert.equal(declined.change, null);
    assert.equal(j.get(id)!.state, 'cancelled');
    const late = recordHelcimRow(j, id, row(39.5), 'sweep');
    assert.equal(late.change, 'late');
    const a = j.get(id)!;
    assert.deepEqual(
      [a.state, a.helcimTransactionId, a.amountCents, a.tipCents, a.cardLast4, a.approvalCode],
      ['approved', '7001', 39_50, 4_50, '1111', 'T5Y6U7'],
    );
    assert.deepEqual(late.attempt, a);
  });
});

test('a final attempt is never changed by a row: approved or declined stays, and nothing is said to have changed', () => {
  withJournal((j) => {
    for (const [first, second] of [
      ['APPROVED', 'DECLINED'],
      ['DECLINED', 'APPROVED'],
      ['APPROVED', 'APPROVED'],
    ]) {
      const id = begin(j, 20_00);
      recordHelcimRow(j, id, row(20, first, { transactionId: '1' }), 'first');
      const before = j.get(id)!;
      const r = recordHelcimRow(j, id, row(25, second, { transactionId: '2' }), 'second');
      assert.equal(r.change, null);
      assert.deepEqual(j.get(id), before);
      assert.deepEqual(r.attempt, before);
    }
  });
});

test('no such attempt: said, nothing written', () => {
  withJournal((j) => {
    assert.throws(() => recordHelcimRow(j, 'a-missing-id', row(20), 'x'), { message: 'no attempt a-missing-id' });
    assert.equal(j.list().length, 0);
  });
});

test('another part of the same sale still being settled holds a late approval back only when both name the same invoice', () => {
  withJournal((j) => {
    const sale = randomUUID();
    const part = (reference: string | null) => {
      const id = randomUUID();
      j.begin({
        id,
        kind: 'purchase',
        amountCents: 10_00,
        currency: 'CAD',
        idempotencyKey: randomUUID(),
        staffId: 's',
        approverId: null,
        saleId: sale,
        ...(reference ? { reference } : {}),
        mode: 'training',
      });
      return j.get(id)!;
    };
    const a = part('C1A2B3C4D-0000000001');
    const b = part('C1A2B3C4D-0000000001');
    assert.equal(siblingUnresolved(j, a), true, 'the other part under the same invoice is pending');
    j.settle(b.id, 'unknown', { detail: 'lost' });
    assert.equal(siblingUnresolved(j, a), true, 'unknown');
    j.settle(b.id, 'approved', { detail: 'found', helcimTransactionId: '9' });
    assert.equal(siblingUnresolved(j, a), false, 'settled');
    // Parts without an invoice number name none: two of them pending are not each other's.
    const c = part(null);
    part(null);
    assert.equal(siblingUnresolved(j, c), false);
  });
});
