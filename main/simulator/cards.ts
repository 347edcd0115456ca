/**
 * Helcim's published developer test cards (devdocs.helcim.com/docs/test-credit-card-numbers) and
 * their decline triggers (devdocs.helcim.com/docs/testing-declines-and-avs: a CVV of 200 or more
 * forces the decline listed for it).
 */
export const TEST_CARDS: Record<string, { brand: string; cardType: string }> = {
  '5413330089099130': { brand: 'Mastercard', cardType: 'MC' },
  '5413330089020011': { brand: 'Mastercard', cardType: 'MC' },
  '4124939999999990': { brand: 'Visa', cardType: 'VI' },
  '4000000000000028': { brand: 'Visa', cardType: 'VI' },
  '374245001751006': { brand: 'American Express', cardType: 'AX' },
  '6011973700000005': { brand: 'Discover', cardType: 'DI' },
  '6011450103333333': { brand: 'Discover', cardType: 'DI' },
};

export const DECLINES_BY_CVV: Record<string, string> = {
  '200': 'DECLINE CVV2 - Do not honor due to CVV2 mismatch\\failure',
  '201': 'PICK UP CARD - Pick up card',
  '202': 'AMOUNT ERROR - Tran Amount Error',
  '203': 'AMT OVER SVC LMT - Amount is more than established service limit',
  '205': 'DO NOT HONOR - Cannot convert',
  '209': 'DO NOT HONOR - Do not honor',
  '210': 'EXPIRED CARD - Expired card',
  '212': 'INVALID CARD - Invalid card',
};

/** A CVV at or above 200 declines; unknown codes in that range decline as "Do not honor". */
export function declineFor(cvv: string): string | null {
  if (!/^\d{3,4}$/.test(cvv) || Number(cvv) < 200 || cvv.length === 4) return null;
  return DECLINES_BY_CVV[cvv] ?? DECLINES_BY_CVV['209']!;
}

/** Helcim shows the first six and last four digits, as in its examples ("4000000028"). */
export const maskCard = (pan: string): string => pan.slice(0, 6) + pan.slice(-4);
