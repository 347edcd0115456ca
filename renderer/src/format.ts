import type { Currency } from '../../preload/contract';

const formatters = new Map<Currency, Intl.NumberFormat>();

/** 1234 -> "$12.34" (en-CA; USD shows as "US$12.34"). */
export function formatCents(cents: number, currency: Currency): string {
  let f = formatters.get(currency);
  if (!f) formatters.set(currency, (f = new Intl.NumberFormat('en-CA', { style: 'currency', currency })));
  return f.format(cents / 100);
}

const BRANDS: Record<string, string> = { VI: 'Visa', MC: 'Mastercard', AX: 'American Express', DI: 'Discover' };
export const brandName = (cardType?: string) => (cardType ? BRANDS[cardType] ?? cardType : 'Card');

/** "12.34" | "12" | "12.3" -> cents; anything else -> null. */
export function parseAmount(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const today = () => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};
