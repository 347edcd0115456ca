/**
 * How the simulator reads an `amount` from a request body: Helcim takes a decimal number of
 * dollars with at most two decimals. Compared as decimal text, in cents — never as floats
 * (19.99 × 100 is 1998.9999999999998, which once made training refuse $19.99).
 * Written apart from the app's own conversion (main/money.ts) so the simulator can catch it.
 */
export function amountInCents(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  // JavaScript writes a JSON number's shortest form: 19.99 → "19.99", 1e21 → "1e+21" (refused).
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(String(value));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}
