/**
 * A receipt's words, in the receipt's own language (the customer's): one list of label/value rows
 * for paper (ESC/POS), the printed page and the receipt shown on the counter's screen.
 */
import type { Receipt } from '../contract';
import { translator, type MessageKey } from './translator';
import { discountTextIn, nameIn, quantityIn, taxLabelIn } from './lines';

/** The closing line of a receipt, by what it was for. */
export function footerKey(r: Pick<Receipt, 'kind' | 'cash'>): MessageKey {
  if (r.kind === 'preauth') return 'receipt.footer.preauth';
  if (r.kind === 'release') return 'receipt.footer.release';
  if (r.kind === 'refund' || r.kind === 'reverse')
    return r.cash ? 'receipt.footer.cashBack' : 'receipt.footer.moneyBack';
  return 'receipt.footer.approved';
}

/**
 * The amount a receipt's headline shows: for a sale paid by several tenders, the sale's total with
 * every tip added on it (what the customer paid in all), never just the tender printed; a
 * verification, $0; else this payment. Paper, page and screen all use it.
 */
export function receiptHeadlineCents(r: Pick<Receipt, 'kind' | 'amountCents' | 'sale'>): number {
  if (r.kind === 'verify') return 0;
  if (r.sale) return r.sale.totalCents + saleTipsCents(r.sale);
  return r.amountCents;
}

const saleTipsCents = (sale: NonNullable<Receipt['sale']>) => sale.tenders.reduce((n, x) => n + (x.tipCents ?? 0), 0);

/** One row: what it is (`id`, stable for tests and styling), its label and its value (undefined: not on this receipt). */
export type ReceiptRow = { id: string; label: string; value: string | undefined };

export function receiptRows(r: Receipt): ReceiptRow[] {
  const { t, money, brand } = translator(r.locale);
  const m = (cents: number) => money(cents, r.currency);
  const how = (x: NonNullable<Receipt['sale']>['tenders'][number]) =>
    x.tender === 'cash' ? t('receipt.cash') : `${brand(x.cardType)}${x.cardLast4 ? ` •••• ${x.cardLast4}` : ''}`;
  const row = (id: string, label: string, value: string | undefined): ReceiptRow => ({ id, label, value });
  // A split sale: the tips of all its tenders; else this payment's own tip.
  const tipCents = r.sale ? saleTipsCents(r.sale) : (r.tipCents ?? 0);
  return [
    // What was sold, each line as priced at the sale: "Milk 2%, 2 × $4.29   $8.58".
    ...(r.lines ?? []).flatMap((l) => [
      row(
        'line',
        l.soldBy === 'unit' && l.quantityMilli === 1000
          ? nameIn(l, r.locale)
          : `${nameIn(l, r.locale)}, ${quantityIn(l, r.locale)} × ${m(l.unitPriceCents)}${l.soldBy === 'unit' ? '' : `/${l.soldBy}`}`,
        m(l.lineTotalCents),
      ),
      // A line's own discount under it, with its reason (and the manager who approved it).
      ...(l.discount?.cents
        ? [row('line-discount', discountTextIn(l.discount, r.locale, r.currency), `−${m(l.discount.cents)}`)]
        : []),
    ]),
    // The sale's own discount, on what the lines came to after theirs.
    ...(r.discount?.cents
      ? [
          row(
            'sale-discount',
            t('discount.onSale', { reason: discountTextIn(r.discount, r.locale, r.currency) }),
            `−${m(r.discount.cents)}`,
          ),
        ]
      : []),
    // What the discounts add up to, and the subtotal they leave, when there were any and no tax lists it.
    ...((r.discountsCents ?? 0) > 0 && !(r.taxes && r.taxes.length > 0)
      ? [row('subtotal', t('cart.subtotal'), m(r.subtotalCents ?? 0))]
      : []),
    // The taxes, each with its rate (added to the lines, or — prices that hold the tax — part of them),
    // and what a customer claims them with: the shop's legal name and registration numbers.
    ...(r.taxes && r.taxes.length > 0
      ? [
          row('subtotal', t('cart.subtotal'), m(r.subtotalCents ?? 0)),
          ...r.taxes.map((x) => row('tax', taxLabelIn(x, r.locale), m(x.taxCents))),
          row('tax-name', t('receipt.row.legalName'), r.taxNumbers?.legalName ?? undefined),
          row('gst-number', t('receipt.row.gstHst'), r.taxNumbers?.gstHst ?? undefined),
          row('qst-number', t('receipt.row.qst'), r.taxNumbers?.qst ?? undefined),
        ]
      : []),
    ...(r.sale
      ? [
          row('sale-total', t('receipt.row.saleTotal', { number: r.sale.number }), m(r.sale.totalCents)),
          // Each tender as charged: its part of the sale and the tip the customer added on it.
          ...r.sale.tenders.map((x) =>
            row('tender', t('receipt.row.paidBy', { how: how(x) }), m(x.amountCents + (x.tipCents ?? 0))),
          ),
        ]
      : []),
    row('sale', t('receipt.row.sale'), !r.sale && tipCents ? m(r.amountCents - tipCents) : undefined),
    row('tip', t('receipt.row.tip'), tipCents ? m(tipCents) : undefined),
    row('total', t('receipt.row.total'), tipCents ? m(receiptHeadlineCents(r)) : undefined),
    // Cash rounded to 5¢: its own line, signed (what the drawer took, or gave, beyond the amount).
    row(
      'rounding',
      t('receipt.row.rounding'),
      r.cash?.roundingCents ? `${r.cash.roundingCents > 0 ? '+' : '−'}${m(Math.abs(r.cash.roundingCents))}` : undefined,
    ),
    row('tendered', t('receipt.row.cashTendered'), r.cash?.tenderedCents ? m(r.cash.tenderedCents) : undefined),
    row('change', t('receipt.row.change'), r.cash?.tenderedCents ? m(r.cash.changeCents) : undefined),
    row('card', t('receipt.row.card'), r.cardLast4 ? `${brand(r.cardType)} •••• ${r.cardLast4}` : undefined),
    row('approval', t('receipt.row.approval'), r.approvalCode),
    row('transaction', t('receipt.row.transaction'), r.transactionId),
    row(
      'invoice',
      t('receipt.row.invoice'),
      r.invoice
        ? r.invoice.grouped
          ? t('receipt.invoiceGrouped', { number: r.invoice.number })
          : r.invoice.number
        : undefined,
    ),
    row('original', t('receipt.row.original'), r.originalTransactionId),
    row('cashier', t('receipt.row.cashier'), r.cashier),
    row('approver', t('receipt.row.authorizedBy'), r.approver),
  ];
}
