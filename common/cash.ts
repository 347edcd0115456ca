/**
 * The cash rounding rule, one copy for main (which records it) and the renderer (whose cash screen
 * shows what cash settles a sale): plain code, no imports.
 */

/**
 * Cash rounding (Canada has had no pennies since 2013; a setting for US shops): what a cash amount
 * becomes at the drawer, to the nearest 5¢ — 1 and 2¢ down, 3 and 4¢ up, 6 and 7¢ down, 8 and 9¢ up
 * (the Royal Canadian Mint's rule). Only a cash part is rounded, after tax; a card part never is.
 * The difference is its own "Rounding" line wherever the amount shows.
 */
export function cashRoundedCents(cents: number): number {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError('an amount in cents');
  const last = cents % 5;
  return last <= 2 ? cents - last : cents + (5 - last);
}
