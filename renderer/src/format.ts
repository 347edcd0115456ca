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
