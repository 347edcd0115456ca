/**
 * The lookup rule when a sale's card parts share its invoice number (main/payments/helcim-result.ts):
 * a row another attempt recorded never counts; an approval wins over a decline whatever the order;
 * among rows of the same standing, the one for the amount this part asked comes first; and a late
 * approval waits while another part of the same sale under the same number is still being settled.
 * One negative test per guarded value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowForInvoice, siblingUnresolved } from '../../main/payments/helcim-result';
import type { CardTransaction } from '../../main/helcim/client';
import { cardRow } from '../support/card-rows';
import type { Attempt, Journal } from '../../main/journal/journal';

const row = (id: string, amount: number, status = 'APPROVED', over: Partial<CardTransaction> = {}) =>
  cardRow(amount, status, { transactionId: id, invoiceNumber: 'C1A2B-0123456789', ...over });
const INV = 'C1A2B-0123456789';

test('the row for the amount asked comes first among approvals, whatever the order', () => {
  const rows = [row('1', 30), row('2', 20)];
  assert.equal(rowForInvoice(rows, INV, 'purchase', () => false, 2000)?.transactionId, '2');
  assert.equal(rowForInvoice(rows, INV, 'purchase', () => false, 3000)?.transactionId, '1');
  // Without an amount asked, the first approval, as before invoices were shared.
  assert.equal(rowForInvoice(rows, INV, 'purchase')?.transactionId, '1');
});

test('an approval for another amount (a tip, a partial approval) still wins over a decline of the amount asked', () => {
  const rows = [row('1', 20, 'DECLINED'), row('2', 12)];
  assert.equal(rowForInvoice(rows, INV, 'purchase', () => false, 2000)?.transactionId, '2');
});

test('among declines alone, the one for the amount asked', () => {
  const rows = [row('1', 30, 'DECLINED'), row('2', 20, 'DECLINED')];
  assert.equal(rowForInvoice(rows, INV, 'purchase', () => false, 2000)?.transactionId, '2');
});

test('a row another attempt recorded never counts, even at the amount asked', () => {
  const rows = [row('1', 20), row('2', 25)];
  assert.equal(rowForInvoice(rows, INV, 'purchase', (id) => id === '1', 2000)?.transactionId, '2');
  assert.equal(
    rowForInvoice(rows, INV, 'purchase', () => true, 2000),
    null,
  );
});

test('another invoice number or another type never counts', () => {
  assert.equal(rowForInvoice([row('1', 20, 'APPROVED', { invoiceNumber: 'C1A2B-X' })], INV, 'purchase'), null);
  assert.equal(rowForInvoice([row('1', 20, 'APPROVED', { type: 'preauth' })], INV, 'purchase'), null);
});

const attempt = (over: Partial<Attempt>): Attempt =>
  ({ id: 'a', saleId: 's', reference: INV, state: 'cancelled', ...over }) as Attempt;
const journalOf = (all: Attempt[]) =>
  ({ bySale: (id: string) => all.filter((a) => a.saleId === id) }) as unknown as Journal;

test('a late approval waits while another part of the sale under the same number is unresolved', () => {
  const me = attempt({});
  for (const state of ['pending', 'unknown'] as const)
    assert.equal(siblingUnresolved(journalOf([me, attempt({ id: 'b', state })]), me), true, state);
});

test('…and only then: settled, another number, another sale, or itself do not hold it', () => {
  const me = attempt({ state: 'unknown' });
  for (const other of [
    attempt({ id: 'b', state: 'approved' }),
    attempt({ id: 'b', state: 'declined' }),
    attempt({ id: 'b', state: 'pending', reference: 'C1A2B-OTHER' }),
    attempt({ id: 'b', state: 'pending', saleId: 't' }),
  ])
    assert.equal(siblingUnresolved(journalOf([me, other]), me), false, JSON.stringify(other));
  assert.equal(siblingUnresolved(journalOf([me]), me), false, 'itself');
  assert.equal(
    siblingUnresolved(journalOf([me, attempt({ id: 'b', state: 'pending' })]), { ...me, saleId: null }),
    false,
  );
});
