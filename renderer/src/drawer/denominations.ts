/** Canadian cash, largest first (no pennies since 2013): what a drawer is counted in. */
export const CAD_DENOMINATIONS = [10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5] as const;

/** The total of a count by denomination, in cents; a blank or bad count is refused (null), never read as 0. */
export function countTotal(counts: Record<number, string>): number | null {
  let total = 0;
  for (const d of CAD_DENOMINATIONS) {
    const text = (counts[d] ?? '').trim();
    if (text === '') continue;
    if (!/^\d{1,5}$/.test(text)) return null;
    total += d * Number(text);
  }
  return total;
}

/** The amount typed so far after one numpad key, in cents (digits shift in from the right, like the Sale screen). */
export function afterKey(cents: number, key: string, max: number): number {
  const next = /^\d$/.test(key)
    ? cents * 10 + Number(key)
    : key === '00'
      ? cents * 100
      : key === 'Backspace'
        ? Math.floor(cents / 10)
        : cents;
  return next <= max ? next : cents;
}
