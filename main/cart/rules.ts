/**
 * The cart's money rules, one function each: what a line costs, what a cart comes to. Quantities are
 * integer thousandths of the item's unit (1000 = one piece, or 1 kg / 1 lb of a weighed item), so a
 * weighed line and a counted one follow the same rule. The screen, the receipt, the customer display
 * and the reports show what these return; nothing else multiplies a price.
 */
import { PosError } from '../errors';
import { MAX_AMOUNT_CENTS } from '../../common/limits';

/** The most of one line: 9,999 pieces, or 9,999 kg / lb. */
export const MAX_QUANTITY_MILLI = 9_999_000;

/**
 * A line's total: unit price × quantity, rounded half up to the cent ($1.01 × 0.500 kg = 50.5¢ -> 51¢).
 * Half up, because it is what a shopper works out by hand and what scales print; the amounts here
 * are never negative, so "half up" and "half away from zero" agree. Exact in integers: the product
 * is at most 10^7 × 10^7, far below 2^53.
 */
export function lineTotalCents(unitPriceCents: number, quantityMilli: number): number {
  if (!Number.isSafeInteger(unitPriceCents) || unitPriceCents < 0 || unitPriceCents > MAX_AMOUNT_CENTS)
    throw new PosError('invalid_payload', 'error.cart.price');
  if (!Number.isSafeInteger(quantityMilli) || quantityMilli <= 0 || quantityMilli > MAX_QUANTITY_MILLI)
    throw new PosError('invalid_payload', 'error.cart.quantity');
  return Math.floor((unitPriceCents * quantityMilli + 500) / 1000);
}

/** What a line comes to after what comes off it (its own discount and its share of the sale's). */
export function lineNetCents(line: { lineTotalCents: number; discountCents?: number }): number {
  return line.lineTotalCents - (line.discountCents ?? 0);
}

/** A cart's total: the sum of its lines after their discounts, at most the largest sale the counter accepts. */
export function cartTotalCents(lines: readonly { lineTotalCents: number; discountCents?: number }[]): number {
  const total = lines.reduce((n, l) => n + lineNetCents(l), 0);
  if (total > MAX_AMOUNT_CENTS) throw new PosError('invalid_payload', 'error.cart.tooMuch');
  return total;
}

/**
 * What giving back `quantityMilli` of a line returns, given what of it went back already. The last of
 * a line returns exactly what is left of what it was paid (after its discounts), so all the returns of
 * a line together give it back to the cent — never a cent more (rounding each part up) nor less. A
 * part of an undiscounted line returns its own line rule's amount; of a discounted line, its share of
 * what the line was paid (half up); at most what is left. Refused: more than is left, or part of a piece.
 */
export function lineReturnCents(
  line: {
    quantityMilli: number;
    unitPriceCents: number;
    lineTotalCents: number;
    discountCents?: number;
    soldBy: string;
  },
  returned: { quantityMilli: number; cents: number },
  quantityMilli: number,
): number {
  const leftMilli = line.quantityMilli - returned.quantityMilli;
  const paid = lineNetCents(line);
  const leftCents = paid - returned.cents;
  if (!Number.isSafeInteger(quantityMilli) || quantityMilli <= 0 || quantityMilli > leftMilli)
    throw new PosError('invalid_payload', 'error.returns.lineLeft');
  if (line.soldBy === 'unit' && quantityMilli % 1000 !== 0)
    throw new PosError('invalid_payload', 'error.returns.wholePieces');
  if (quantityMilli === leftMilli) return leftCents;
  const part =
    paid === line.lineTotalCents
      ? lineTotalCents(line.unitPriceCents, quantityMilli)
      : Math.floor((2 * paid * quantityMilli + line.quantityMilli) / (2 * line.quantityMilli));
  return Math.min(part, leftCents);
}
