/**
 * A sale's Helcim invoice, as its receipt shows it (issue 29): the lines with their quantities and unit
 * prices, each line's own discount, the sale's discount, and the taxes — built from the sale as main
 * priced it (main/cart/rules.ts, main/tax/rules.ts), never priced again here.
 *
 * How Helcim reads it (the Invoice API reference, HELCIM.md "Invoices"): `price` is a unit price before
 * tax and discounts; `quantity` has at most 2 decimals; `discountAmount` is a line's own; the invoice's
 * `tax` and `discount` are the invoice-level amounts, which "do not include item-level" ones.
 * Guess, listed in `npm run helcim:check`: Helcim's `amount` is Σ quantity × price − Σ discountAmount
 * − discount.amount + tax.amount. The counter sends only amounts for which that sum is exactly the
 * sale's total, and refuses to send one that is not (`error.invoice.notAddingUp`).
 *
 * Two choices, said here because Helcim has no field for them:
 * - a weighed line (0.347 kg) is one line of quantity 1 at its line total, its weight and unit price
 *   in the description (Helcim keeps 2 decimals of a quantity; our weights have 3);
 * - a tax that prices already hold (`included`) is not added again: it is named in the tax details,
 *   with its amount, and the invoice's tax amount is what was added to the lines.
 */
import type { SaleView } from '../../common/contract';
import { translator } from '../../common/i18n';
import { discountTextIn, nameIn, quantityIn, taxLabelIn } from '../../common/i18n/lines';
import type { InvoiceRequest } from '../helcim/client';
import { PosError } from '../errors';
import { centsToHelcimAmount } from '../money';

/** Helcim's Invoice API takes 1 to 100 line items. */
export const HELCIM_INVOICE_MAX_LINES = 100;

export type InvoiceSale = Pick<
  SaleView,
  'number' | 'lines' | 'taxes' | 'discount' | 'totalCents' | 'currency' | 'language'
>;

type Item = { description: string; quantity: number; priceCents: number; sku?: string; discountCents: number };

/**
 * The body of `POST /invoices` for a sale, or null for a typed total (no lines: nothing to itemize,
 * and the payment alone says the amount). `departmentOf`: a line's department, for a sale of more
 * than 100 lines, which Helcim gets grouped by department (and the receipt says so).
 */
export function invoiceFor(
  sale: InvoiceSale,
  invoiceNumber: string,
  departmentOf: (line: InvoiceSale['lines'][number]) => string,
  /** The sale's customer at Helcim (their id), if one is attached. */
  customerId?: number,
): { body: InvoiceRequest; grouped: boolean } | null {
  if (sale.lines.length === 0) return null;
  const locale = sale.language;
  const { t, money } = translator(locale);
  const m = (cents: number) => money(cents, sale.currency);
  const items: Item[] = sale.lines.map((l) => {
    const whole = l.quantityMilli % 1000 === 0 && (l.quantityMilli / 1000) * l.unitPriceCents === l.lineTotalCents;
    return {
      description: whole
        ? nameIn(l, locale)
        : `${nameIn(l, locale)}, ${quantityIn(l, locale)} × ${m(l.unitPriceCents)}/${l.soldBy}`,
      quantity: whole ? l.quantityMilli / 1000 : 1,
      priceCents: whole ? l.unitPriceCents : l.lineTotalCents,
      ...(l.sku ? { sku: l.sku } : {}),
      discountCents: l.discount?.cents ?? 0,
    };
  });
  const grouped = items.length > HELCIM_INVOICE_MAX_LINES;
  const lines = grouped ? byDepartment(sale, departmentOf, t) : items;
  const addedTaxCents = sale.taxes.filter((x) => !x.included).reduce((n, x) => n + x.taxCents, 0);
  const saleDiscountCents = sale.discount?.cents ?? 0;
  // The one check that matters to Helcim's books: these amounts add up to the sale's total.
  const sum =
    lines.reduce((n, l) => n + l.quantity * l.priceCents - l.discountCents, 0) - saleDiscountCents + addedTaxCents;
  if (sum !== sale.totalCents)
    throw new PosError('invalid_payload', 'error.invoice.notAddingUp', {
      sum: m(sum),
      total: m(sale.totalCents),
    });
  const body: InvoiceRequest = {
    invoiceNumber,
    currency: sale.currency,
    type: 'INVOICE',
    ...(customerId ? { customerId } : {}),
    lineItems: lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      price: centsToHelcimAmount(l.priceCents),
      ...(l.sku ? { sku: l.sku } : {}),
      ...(l.discountCents > 0 ? { discountAmount: centsToHelcimAmount(l.discountCents) } : {}),
    })),
    ...(sale.taxes.length > 0
      ? {
          tax: {
            amount: centsToHelcimAmount(addedTaxCents),
            details: sale.taxes.map((x) => `${taxLabelIn(x, locale)}: ${m(x.taxCents)}`).join('; '),
          },
        }
      : {}),
    ...(sale.discount && saleDiscountCents > 0
      ? {
          discount: {
            amount: centsToHelcimAmount(saleDiscountCents),
            details: discountTextIn(sale.discount, locale, sale.currency),
          },
        }
      : {}),
    notes: t(grouped ? 'invoice.notesGrouped' : 'invoice.notes', { number: sale.number }),
  };
  return { body, grouped };
}

/** More than 100 lines: one line per department (its lines' totals and own discounts), the rest together after 99. */
function byDepartment(
  sale: InvoiceSale,
  departmentOf: (line: InvoiceSale['lines'][number]) => string,
  t: ReturnType<typeof translator>['t'],
): Item[] {
  const groups = new Map<string, { count: number; cents: number; discountCents: number }>();
  for (const l of sale.lines) {
    const name = departmentOf(l).trim() || t('invoice.noDepartment');
    const g = groups.get(name) ?? { count: 0, cents: 0, discountCents: 0 };
    g.count += 1;
    g.cents += l.lineTotalCents;
    g.discountCents += l.discount?.cents ?? 0;
    groups.set(name, g);
  }
  const all = [...groups.entries()];
  const kept = all.length > HELCIM_INVOICE_MAX_LINES ? all.slice(0, HELCIM_INVOICE_MAX_LINES - 1) : all;
  const rest = all.slice(kept.length);
  if (rest.length > 0)
    kept.push([
      t('invoice.otherDepartments'),
      rest.reduce(
        (n, [, g]) => ({
          count: n.count + g.count,
          cents: n.cents + g.cents,
          discountCents: n.discountCents + g.discountCents,
        }),
        { count: 0, cents: 0, discountCents: 0 },
      ),
    ]);
  return kept.map(([name, g]) => ({
    description: t('invoice.department', { name, count: g.count }),
    quantity: 1,
    priceCents: g.cents,
    discountCents: g.discountCents,
  }));
}
