/**
 * The discount rules, one function each (DESIGN.md §12): what a line's discount or a sale's discount
 * comes to, how a sale's discount is shared among its lines (so tax is computed on what each tax
 * category really sold for, and a return gives back what a line was really paid), and how much a
 * cashier may give without a manager. The cart (cart.ts) applies them; the screen, the receipt, the
 * customer display and the reports show what they returned, kept with the sale.
 *
 * Order: a line's own discount first, then the sale's discount on what the lines come to after
 * theirs, then tax on what is left (issue 28: "tax is computed after discounts").
 */
import { PosError } from '../errors';
import { lineTotalCents } from './rules';

export type DiscountAsk =
  | { kind: 'percent'; basisPoints: number }
  | { kind: 'amount'; cents: number }
  | { kind: 'price'; unitPriceCents: number };

/**
 * A percent of an amount, half up to the cent (10 % of $0.05 = 0.5¢ -> 1¢): the way a customer works
 * a percent out by hand, and the way the tax rule rounds. Exact in integers (at most 10^7 × 10^4).
 */
export function percentOfCents(cents: number, basisPoints: number): number {
  return Math.floor((cents * basisPoints + 5_000) / 10_000);
}

/**
 * What a line's own discount takes off the line's total. An amount may not be more than the line; a
 * price override must be lower than the price (a higher price is a catalog change, made by a manager
 * in the catalog) and takes off the difference over the line's quantity, by the one line rule.
 */
export function lineDiscountCents(
  line: { unitPriceCents: number; quantityMilli: number; lineTotalCents: number },
  ask: DiscountAsk,
): number {
  if (ask.kind === 'percent') return percentOfCents(line.lineTotalCents, ask.basisPoints);
  if (ask.kind === 'amount') {
    if (ask.cents > line.lineTotalCents) throw new PosError('invalid_payload', 'error.discount.moreThanLine');
    return ask.cents;
  }
  if (ask.unitPriceCents >= line.unitPriceCents) throw new PosError('invalid_payload', 'error.discount.priceNotLower');
  return line.lineTotalCents - lineTotalCents(ask.unitPriceCents, line.quantityMilli);
}

/** What a sale's own discount takes off what its lines come to after their own discounts. */
export function saleDiscountCents(linesCents: number, ask: DiscountAsk): number {
  if (ask.kind === 'percent') return percentOfCents(linesCents, ask.basisPoints);
  if (ask.kind === 'amount') {
    if (ask.cents > linesCents) throw new PosError('invalid_payload', 'error.discount.moreThanSale');
    return ask.cents;
  }
  throw new PosError('invalid_payload', 'error.discount.priceOnLine');
}

/**
 * A sale's discount shared among its lines in proportion to what each comes to, in whole cents that
 * add up to the discount exactly: each line gets the floor of its share, and the cents left over go
 * one each to the lines with the largest remainders (the first such line on a tie). No line gets more
 * than it comes to, since its share is at most its amount.
 */
export function shareOfSaleDiscount(discountCents: number, amounts: readonly number[]): number[] {
  const total = amounts.reduce((a, b) => a + b, 0);
  // Stryker disable next-line ConditionalExpression: equivalent for a zero discount — every share is then floor(0) and no cent is left over.
  if (discountCents === 0 || total === 0) return amounts.map(() => 0);
  const shares = amounts.map((a) => Math.floor((a * discountCents) / total));
  const remainders = amounts.map((a, i) => ({ i, r: (a * discountCents) % total }));
  let left = discountCents - shares.reduce((a, b) => a + b, 0);
  // Largest remainder first; on a tie the earlier line first (sort is stable since ES2019: ties keep line order).
  remainders.sort((x, y) => y.r - x.r);
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i] = shares[i]! + 1;
    left -= 1;
  }
  return shares;
}

/**
 * The most a cashier may take off an amount alone: the manager's limit (basis points of the amount
 * discounted), rounded down — a limit is never passed by a rounding.
 */
export function cashierAllowanceCents(amountCents: number, limitBasisPoints: number): number {
  return Math.floor((amountCents * limitBasisPoints) / 10_000);
}
