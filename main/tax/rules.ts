/**
 * The sales tax rule, written once (DESIGN.md §12): every screen, receipt, display and report shows
 * what `saleTaxes` returns, and a sale keeps what it returned when it was paid.
 *
 * Each tax is computed on the sale's total per tax category — not line by line — and rounded half up
 * to the cent. Why: the CRA (GST/HST memorandum 2-2, "rounding") and Revenu Québec (the QST's
 * calculation guide) both accept tax worked out on the total of the taxable supplies of a sale, with a
 * fraction of a cent of one half or more counted as a cent; it is also the rule a customer checks by
 * hand on the receipt's subtotal. Computing per line instead makes the receipt's tax differ from its
 * subtotal × rate by a cent on many baskets (Odoo #6224, OpenSourcePOS #1962).
 *
 * Prices can be tax-excluded (the default: tax is added) or tax-included (the shop's prices hold the
 * tax; it is taken out of them). QST is charged on the price before GST, as every tax here is.
 */
import { PosError } from '../errors';
import { MAX_AMOUNT_CENTS } from '../../common/limits';
import type { TaxCode } from './rates';

/** One tax a category pays, at its rate. */
export type CategoryTax = { code: TaxCode; rateMillionths: number };

/** One line of tax on a receipt: a code at a rate, the base it was computed on and the tax. */
export type TaxLine = { code: TaxCode; rateMillionths: number; baseCents: number; taxCents: number };

/**
 * One tax of one category of a sale, as the sale keeps it: what a return of that category's lines
 * gives back a share of (taxBackCents). `linesCents`: the category's lines as priced.
 */
export type CategoryTaxLine = TaxLine & { category: string; linesCents: number };

export type SaleTaxes = {
  /** The lines' total as priced (tax included in it, when prices include tax). */
  linesCents: number;
  /** Per category and tax (kept with the sale); `taxes` adds them up per code and rate (the receipt's lines). */
  byCategory: CategoryTaxLine[];
  taxes: TaxLine[];
  /** All the tax of the sale. */
  taxCents: number;
  /** What the customer pays (before any cash rounding). */
  totalCents: number;
};

/** value × rate, half up to the cent (amounts are never negative, so half up is half away from zero). */
export function taxOn(baseCents: number, rateMillionths: number): number {
  return Math.floor((baseCents * rateMillionths + 500_000) / 1_000_000);
}

/**
 * A sale's taxes. `taxesOf` says which taxes a category pays (none: zero-rated or exempt); `included`:
 * the prices already hold the tax.
 */
export function saleTaxes(
  lines: readonly { taxCategory: string; amountCents: number }[],
  taxesOf: (category: string) => readonly CategoryTax[],
  included: boolean,
): SaleTaxes {
  const byCategory = new Map<string, number>();
  for (const l of lines) byCategory.set(l.taxCategory, (byCategory.get(l.taxCategory) ?? 0) + l.amountCents);
  const linesCents = [...byCategory.values()].reduce((a, b) => a + b, 0);
  const byCategoryLines: CategoryTaxLine[] = [];
  const add = (category: string, linesCents: number, t: CategoryTax, baseCents: number, taxCents: number) =>
    byCategoryLines.push({ category, linesCents, code: t.code, rateMillionths: t.rateMillionths, baseCents, taxCents });
  // By category name, so a receipt lists its taxes in one order whatever the order of its lines (names are unique).
  // Stryker disable next-line EqualityOperator: equivalent — two categories never have the same name (they are a map's keys).
  for (const [category, amount] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const own = taxesOf(category);
    if (amount === 0) continue;
    if (!included) {
      for (const t of own) add(category, amount, t, amount, taxOn(amount, t.rateMillionths));
      continue;
    }
    // Included: the price before tax is the amount over (1 + every rate), half up; the tax is the rest,
    // each tax its share of the price before tax, the last one taking what is left so they add up.
    const sum = own.reduce((n, t) => n + t.rateMillionths, 0);
    const before = Math.floor((amount * 1_000_000 + Math.floor((1_000_000 + sum) / 2)) / (1_000_000 + sum));
    let left = amount - before;
    own.forEach((t, i) => {
      const tax = i === own.length - 1 ? left : Math.min(left, taxOn(before, t.rateMillionths));
      left -= tax;
      add(category, amount, t, before, tax);
    });
  }
  const taxes = receiptTaxes(byCategoryLines);
  const taxCents = taxes.reduce((n, t) => n + t.taxCents, 0);
  const totalCents = included ? linesCents : linesCents + taxCents;
  if (totalCents > MAX_AMOUNT_CENTS) throw new PosError('invalid_payload', 'error.cart.tooMuch');
  return { linesCents, byCategory: byCategoryLines, taxes, taxCents, totalCents };
}

/** A sale's taxes as a receipt lists them: one line per code and rate, in the order first charged. */
export function receiptTaxes(byCategory: readonly CategoryTaxLine[]): TaxLine[] {
  const taxes = new Map<string, TaxLine>();
  for (const t of byCategory) {
    const key = `${t.code} ${t.rateMillionths}`;
    const had = taxes.get(key) ?? { code: t.code, rateMillionths: t.rateMillionths, baseCents: 0, taxCents: 0 };
    taxes.set(key, { ...had, baseCents: had.baseCents + t.baseCents, taxCents: had.taxCents + t.taxCents });
  }
  return [...taxes.values()];
}

/**
 * What a return of some of a category's lines gives back of one of its taxes: that tax's share of
 * what comes back (half up), never more than is left of it; the return that brings back the last of
 * the category gives back exactly the rest — so all the returns of a sale together give back its tax
 * to the cent, never a cent more.
 */
export function taxBackCents(
  charged: { linesCents: number; taxCents: number },
  before: { linesCents: number; taxCents: number },
  returningCents: number,
): number {
  const left = charged.taxCents - before.taxCents;
  if (before.linesCents + returningCents >= charged.linesCents) return left;
  const share = Math.floor((2 * charged.taxCents * returningCents + charged.linesCents) / (2 * charged.linesCents));
  return Math.min(share, left);
}
