/** Plain constants shared by all three rooms (no zod here, so the renderer can import them cheaply). */
export const CURRENCIES = ['CAD', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Largest single sale the counter accepts, in cents ($100,000.00). */
export const MAX_AMOUNT_CENTS = 10_000_000;

/** Helcim "Transaction Processing" access restriction; each level includes the ones before it. */
export const TX_LEVELS = ['none', 'auth', 'positive', 'admin'] as const;
export type TxLevel = (typeof TX_LEVELS)[number];

/** The two Helcim token entries in the keychain. */
export const TOKEN_SLOTS = ['sales', 'admin'] as const;
export type TokenSlot = (typeof TOKEN_SLOTS)[number];

/** A Helcim Smart Terminal's device code: the 4 characters it shows in API mode (HELCIM.md). */
export const DEVICE_CODE = /^[A-Z0-9]{4}$/;

/**
 * The most change a counter gives on a cash sale: more means the amount tendered was mistyped (an
 * extra zero), so the sale is refused before anything is recorded.
 */
export const MAX_CHANGE_CENTS = 500_00;

// ---- receipt printers (PrinterConfig in the contract) ----
export const PRINTER_KINDS = ['none', 'network', 'os'] as const;
/** A printer's host name or IPv4 address: dot-separated labels of letters, digits and inner hyphens. */
/** A certificate's SHA-256 fingerprint as Node and OpenSSL print it: 32 hex pairs joined by colons. */
export const FINGERPRINT = /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;
export const PRINTER_HOST =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
export const PAPER_WIDTHS = [58, 80] as const;
export const PRINTER_COLUMNS = [32, 42, 48] as const;
export const PRINTER_CODEPAGES = ['windows1252', 'cp858', 'cp437'] as const;
/** How an item is sold: by the piece, or weighed in kilograms or pounds. */
export const SOLD_BY = ['unit', 'kg', 'lb'] as const;

/** Where a shop charges tax: a province or territory, or a US shop that types its own rates (main/tax/rates.ts). */
export const JURISDICTIONS = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
  'US',
] as const;
/** The sales taxes a receipt names. SALES: a US shop's sales tax (state, county and city together, as it typed them). */
export const TAX_CODES = ['GST', 'HST', 'PST', 'QST', 'RST', 'SALES'] as const;

/** The tax categories every shop has (main/tax/categories.ts); a shop adds its own beside them. */
export const BUILT_IN_TAX_CATEGORIES = ['standard', 'zero_rated', 'exempt'] as const;
