import type { Currency } from '../../preload/contract';
import { MAX_AMOUNT_CENTS } from '../../preload/limits';
import { localDay } from '../../preload/days';

const formatters = new Map<Currency, Intl.NumberFormat>();

/** 1234 -> "$12.34" (en-CA; USD shows as "US$12.34"). */
export function formatCents(cents: number, currency: Currency): string {
  let f = formatters.get(currency);
  if (!f) formatters.set(currency, (f = new Intl.NumberFormat('en-CA', { style: 'currency', currency })));
  return f.format(cents / 100);
}

export { brandName } from '../../preload/cards';

/**
 * What a person typed as an amount, read or explained. Accepts a dot or a comma as the decimal mark
 * (Canadian French writes 12,50) and spaces between thousands; says in plain words what is wrong
 * otherwise, so no button is disabled without a reason next to it.
 */
export function readAmount(text: string, maxCents = MAX_AMOUNT_CENTS): { cents: number } | { error: string } {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return { error: 'Type an amount.' };
  const m = /^(\d{1,9})(?:[.,](\d*))?$/.exec(t);
  if (!m) return { error: 'Use digits and one decimal mark only, like 12.50 or 12,50.' };
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { error: 'At most two digits after the decimal mark (cents).' };
  const cents = Number(m[1]) * 100 + Number(decimals.padEnd(2, '0'));
  if (cents > maxCents) return { error: `The most is ${formatCents(maxCents, 'CAD').replace('CA', '')}.` };
  return { cents };
}

/** "12.34" | "12,34" | "12" -> cents; anything else -> null. */
export function parseAmount(text: string): number | null {
  const r = readAmount(text);
  return 'cents' in r ? r.cents : null;
}

/** Today, as the shop's calendar says. */
export const today = () => localDay();
