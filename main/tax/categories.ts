/**
 * Which taxes an item's tax category pays (DESIGN.md §12). Three categories every shop has:
 * `standard` (every tax in force where the shop is), `zero_rated` (taxable at 0 % — basic groceries,
 * prescription drugs: no tax, but the shop still claims its input credits) and `exempt` (no tax at
 * all). A shop adds its own, each a list of taxes: a code at the rate in force (`{ code: 'GST' }`) or at
 * a rate of its own (BC liquor: `{ code: 'PST', rateMillionths: 100_000 }`; Ontario's point-of-sale
 * rebate of the provincial part: `{ code: 'HST', rateMillionths: 50_000 }`). A US shop's `standard`
 * is the rates it typed.
 */
import type { CategoryTax } from './rules';
import { taxesOn, type Jurisdiction, type TaxCode } from './rates';

export type ShopCategory = { name: string; taxes: { code: TaxCode; rateMillionths?: number }[] };

export type TaxSetup = {
  jurisdiction: Jurisdiction;
  /** A US shop's own rates (its state's and city's), for `standard`; ignored in Canada. */
  usRates: readonly CategoryTax[];
  categories: readonly ShopCategory[];
};

/** What a category pays on a day; an unknown category pays as `standard` would (never less tax by a typo). */
export function categoryTaxes(setup: TaxSetup, category: string, day: string): CategoryTax[] {
  if (category === 'zero_rated' || category === 'exempt') return [];
  const inForce =
    setup.jurisdiction === 'US'
      ? [...setup.usRates]
      : taxesOn(setup.jurisdiction, day).map((r) => ({ code: r.code, rateMillionths: r.rateMillionths }));
  const own = setup.categories.find((c) => c.name === category);
  if (!own || category === 'standard') return inForce;
  return own.taxes.flatMap((t) => {
    if (t.rateMillionths !== undefined) return [{ code: t.code, rateMillionths: t.rateMillionths }];
    const found = inForce.find((r) => r.code === t.code);
    return found ? [found] : [];
  });
}
