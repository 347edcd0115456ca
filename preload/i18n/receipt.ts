/**
 * A receipt's words, in the receipt's own language (the customer's): one list of label/value rows
 * for paper (ESC/POS), the printed page and the receipt shown on the counter's screen.
 */
import type { Receipt } from '../contract';
import { translator, type MessageKey } from './index';

/** The closing line of a receipt, by what it was for. */
export function footerKey(r: Pick<Receipt, 'kind' | 'cash'>): MessageKey {
  if (r.kind === 'preauth') return 'receipt.footer.preauth';
  if (r.kind === 'release') return 'receipt.footer.release';
  if (r.kind === 'refund' || r.kind === 'reverse') return r.cash ? 'receipt.footer.cashBack' : 'receipt.footer.moneyBack';
  return 'receipt.footer.approved';
}

/** One row: what it is (`id`, stable for tests and styling), its label and its value (undefined: not on this receipt). */
export type ReceiptRow = { id: string; label: string; value: string | undefined };

export function receiptRows(r: Receipt): ReceiptRow[] {
  const { t, money, brand } = translator(r.locale);
  const m = (cents: number) => money(cents, r.currency);
  const how = (x: NonNullable<Receipt['sale']>['tenders'][number]) =>
    x.tender === 'cash' ? t('receipt.cash') : `${brand(x.cardType)}${x.cardLast4 ? ` •••• ${x.cardLast4}` : ''}`;
  const row = (id: string, label: string, value: string | undefined): ReceiptRow => ({ id, label, value });
  return [
    ...(r.sale
      ? [
          row('sale-total', t('receipt.row.saleTotal', { number: r.sale.number }), m(r.sale.totalCents)),
          ...r.sale.tenders.map((x) => row('tender', t('receipt.row.paidBy', { how: how(x) }), m(x.amountCents))),
        ]
      : []),
    row('sale', t('receipt.row.sale'), r.tipCents ? m(r.amountCents - r.tipCents) : undefined),
    row('tip', t('receipt.row.tip'), r.tipCents ? m(r.tipCents) : undefined),
    row('total', t('receipt.row.total'), r.tipCents ? m(r.amountCents) : undefined),
    row('tendered', t('receipt.row.cashTendered'), r.cash ? m(r.cash.tenderedCents) : undefined),
    row('change', t('receipt.row.change'), r.cash ? m(r.cash.changeCents) : undefined),
    row('card', t('receipt.row.card'), r.cardLast4 ? `${brand(r.cardType)} •••• ${r.cardLast4}` : undefined),
    row('approval', t('receipt.row.approval'), r.approvalCode),
    row('transaction', t('receipt.row.transaction'), r.transactionId),
    row('original', t('receipt.row.original'), r.originalTransactionId),
    row('cashier', t('receipt.row.cashier'), r.cashier),
    row('approver', t('receipt.row.authorizedBy'), r.approver),
  ];
}
