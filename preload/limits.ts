/** Plain constants shared by all three rooms (no zod here, so the renderer can import them cheaply). */
export const CURRENCIES = ['CAD', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Largest single sale the counter accepts, in cents ($100,000.00). */
export const MAX_AMOUNT_CENTS = 10_000_000;
