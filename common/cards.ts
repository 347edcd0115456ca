/**
 * Small rules about cards and Helcim's answers, one copy for all three rooms (plain code, no zod,
 * so the renderer can import it cheaply). Main and the renderer both use these; nobody repeats them.
 */

/** Helcim's `cardType` codes (HELCIM.md), in words. */
export const BRAND_NAMES: Record<string, string> = {
  VI: 'Visa',
  MC: 'Mastercard',
  AX: 'American Express',
  DI: 'Discover',
  DCI: 'Diners Club',
  JCB: 'JCB',
  UP: 'UnionPay',
  IN: 'Interac',
  DB: 'Debit',
};

/** "VI" → "Visa"; an unknown code stays as Helcim sent it; nothing at all → `fallback`. */
export const brandName = (cardType: string | null | undefined, fallback = 'Card'): string =>
  cardType ? (BRAND_NAMES[cardType] ?? cardType) : fallback;

/** The last four digits of what Helcim shows of a card (first 6 + last 4, or masked), if it has them. */
export const lastFourOf = (cardNumber: string | null | undefined): string | undefined =>
  cardNumber && /\d{4}$/.test(cardNumber) ? cardNumber.slice(-4) : undefined;

/** Whether a Helcim status means approved ("APPROVED"; one old example says "APPROVAL"). */
export const isApproved = (status: string | null | undefined): boolean => {
  const s = (status ?? '').toUpperCase();
  return s === 'APPROVED' || s === 'APPROVAL';
};

/** Helcim rows that are a sale the customer paid: a purchase, or the capture of a hold. */
export const isSaleType = (type: string | null | undefined): boolean => {
  const t = (type ?? '').toLowerCase();
  return t === 'purchase' || t === 'capture';
};

/**
 * An in-person debit card (Interac, debit): after its batch closes it can be refunded only with the
 * card present on a Helcim terminal, never through the Payment API (HELCIM.md).
 */
export const isDebitCard = (cardType: string | null | undefined): boolean => cardType === 'IN' || cardType === 'DB';

/**
 * Helcim's `cardType` code for a card number's first digits (a saved card is listed by its first six
 * and last four, with no brand): the card networks' published ranges. Null: not one we name.
 */
export function cardTypeOfNumber(digits: string | null | undefined): string | null {
  const d = (digits ?? '').replace(/\D/g, '');
  if (/^4/.test(d)) return 'VI';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(d)) return 'MC';
  if (/^3[47]/.test(d)) return 'AX';
  if (/^(6011|65|64[4-9])/.test(d)) return 'DI';
  return null;
}
