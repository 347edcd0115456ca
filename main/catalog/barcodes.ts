/**
 * What a scanner typed, read: a product's GTIN (UPC-A, UPC-E, EAN-8, EAN-13, GTIN-14), or a scale's
 * label with the price or the weight in it. Check digits are verified here and nowhere else, so a
 * misread never finds an item; every form of one product is stored and looked up as its GTIN-14
 * (a UPC-A and the EAN-13 with a leading 0 are one product).
 *
 * The GTIN check digits and UPC-E's expansion come from the `gtin` package; the price (or weight)
 * verifier digit inside a scale label is GS1's own calculation (General Specifications, 7.9.3), which
 * that package does not offer, so it is written out below.
 */
import { isValid, upcE } from 'gtin';

/**
 * How a scale prints its labels: the EAN-13 starts with `prefix` (a UPC-A "2" label reads as EAN-13
 * "02"), then the item's code, an optional verifier digit for the value, the value, the check digit.
 * `decimals`: where the value's decimal point is (a price of 2 decimals is cents; a weight of 3
 * decimals is grams of a kg item, thousandths of a lb for a lb item).
 */
export type LabelPattern = {
  prefix: string;
  itemDigits: number;
  verifier: boolean;
  valueDigits: 4 | 5;
  value: 'price' | 'weight';
  decimals: number;
};

/** The labels North American scales print: UPC-A, number system 2, item code, price verifier, price in cents. */
export const DEFAULT_LABELS: LabelPattern[] = [
  { prefix: '02', itemDigits: 5, verifier: true, valueDigits: 4, value: 'price', decimals: 2 },
];

/** A pattern that does not add up to an EAN-13 is never used (settings validate it too). */
export function labelPatternFits(p: LabelPattern): boolean {
  return (
    /^\d{1,3}$/.test(p.prefix) &&
    p.prefix.length + p.itemDigits + (p.verifier ? 1 : 0) + p.valueDigits + 1 === 13 &&
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — with at most 3 prefix digits, a verifier and 5 value digits, no item code shorter than 3 digits adds up to 13.
    p.itemDigits >= 1 &&
    p.decimals >= 0 &&
    p.decimals <= 3
  );
}

export type BarcodeRead =
  /** A product code: the GTIN-14s it may be (an 8-digit code can be an EAN-8 or a UPC-E: both, when both check). */
  | { kind: 'product'; gtins: string[] }
  /**
   * A scale's label: the item is found by its key (the label with the value and verifier zeroed, as
   * a GTIN-14), the value read in the pattern's unit (cents, or thousandths of a kg or lb).
   */
  | { kind: 'label'; key: string; value: 'price' | 'weight'; amount: number; decimals: number }
  /** Not a code this counter can trust: the reason, in a word the screen turns into a sentence. */
  | { kind: 'unreadable'; reason: 'not_digits' | 'length' | 'check_digit' | 'value_check' };

const toGtin14 = (digits: string) => digits.padStart(14, '0');

/** The check digit of a GTIN body (all digits but the last), GS1's modulo-10 with weights 3 and 1 from the right. */
export function gtinCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Stryker disable next-line ArithmeticOperator: equivalent — only the parity of the distance from the right counts, and L - 1 - i, L + 1 - i and L - 1 + i share it.
    const fromRight = body.length - 1 - i;
    sum += Number(body[i]) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return String((10 - (sum % 10)) % 10);
}

// GS1 General Specifications 7.9.3: each digit of a 4- or 5-digit price (or weight) is weighted by
// one of these products — "2-": times 2, tens digit taken from the units digit; "3": times 3;
// "5+": times 5, tens digit added to the units digit; "5-": times 5, tens digit taken from the units.
const TWO_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const THREE = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const FIVE_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const FIVE_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

/** The verifier digit of a 4- or 5-digit price or weight inside a label (GS1 7.9.3). */
export function valueVerifierDigit(value: string): string {
  const d = [...value].map(Number);
  if (d.length === 4) {
    // Weights 2-, 2-, 3, 5-; the verifier is the units digit of three times the sum.
    const sum = TWO_MINUS[d[0]!]! + TWO_MINUS[d[1]!]! + THREE[d[2]!]! + FIVE_MINUS[d[3]!]!;
    return String((sum * 3) % 10);
  }
  // Weights 5+, 2-, 5-, 5+, 2-; the verifier is the digit whose "5-" product is what the sum lacks
  // to reach a multiple of ten.
  const sum = FIVE_PLUS[d[0]!]! + TWO_MINUS[d[1]!]! + FIVE_MINUS[d[2]!]! + FIVE_PLUS[d[3]!]! + TWO_MINUS[d[4]!]!;
  const wanted = (10 - (sum % 10)) % 10;
  return String(FIVE_MINUS.indexOf(wanted));
}

/**
 * A label's printed value with `to` decimals: 2 for a price in cents, 3 for a weight in thousandths.
 * A label printing more decimals than that is rounded half up (no scale prints fractions of a cent).
 */
export function labelAmountIn(read: { amount: number; decimals: number }, to: number): number {
  return read.decimals <= to
    ? read.amount * 10 ** (to - read.decimals)
    : Math.floor(read.amount / 10 ** (read.decimals - to) + 0.5);
}

/** The GTIN-14 an item is stored under for a label: the value (and its verifier) zeroed, check digit redone. */
export function labelKey(ean13: string, p: LabelPattern): string {
  const head = ean13.slice(0, p.prefix.length + p.itemDigits);
  const body = head + '0'.repeat(13 - 1 - head.length);
  return toGtin14(body + gtinCheckDigit(body));
}

function readLabel(ean13: string, patterns: readonly LabelPattern[]): BarcodeRead | null {
  const p = patterns.find((x) => labelPatternFits(x) && ean13.startsWith(x.prefix));
  if (!p) return null;
  const valueAt = p.prefix.length + p.itemDigits + (p.verifier ? 1 : 0);
  const value = ean13.slice(valueAt, valueAt + p.valueDigits);
  if (p.verifier && ean13[valueAt - 1] !== valueVerifierDigit(value))
    return { kind: 'unreadable', reason: 'value_check' };
  return { kind: 'label', key: labelKey(ean13, p), value: p.value, amount: Number(value), decimals: p.decimals };
}

/**
 * Reads what a scanner sent. Spaces and a trailing line feed are the scanner's, not the code's.
 * An 8-digit code is an EAN-8 when its check digit holds, and a UPC-E (0 or 1 first) when its
 * expansion's does; a code that is both is looked up as both.
 */
export function readBarcode(text: string, patterns: readonly LabelPattern[] = DEFAULT_LABELS): BarcodeRead {
  // Stryker disable next-line Regex: equivalent — removing white space one character or one run at a time leaves the same digits.
  const code = text.replace(/\s+/g, '');
  if (!/^\d+$/.test(code)) return { kind: 'unreadable', reason: 'not_digits' };
  if (code.length === 8) {
    const gtins: string[] = [];
    if (isValid(code)) gtins.push(toGtin14(code));
    if (code[0] === '0' || code[0] === '1') {
      const upcA = upcE.expand(code);
      if (isValid(upcA)) gtins.push(toGtin14(upcA));
    }
    return gtins.length ? { kind: 'product', gtins } : { kind: 'unreadable', reason: 'check_digit' };
  }
  if (code.length !== 12 && code.length !== 13 && code.length !== 14) return { kind: 'unreadable', reason: 'length' };
  if (!isValid(code)) return { kind: 'unreadable', reason: 'check_digit' };
  const gtin14 = toGtin14(code);
  // A scale label is an EAN-13 (a UPC-A label is one with a leading 0); a GTIN-14 with an indicator is not.
  if (gtin14[0] === '0') {
    const label = readLabel(gtin14.slice(1), patterns);
    if (label) return label;
  }
  return { kind: 'product', gtins: [gtin14] };
}

/**
 * A barcode a manager types for an item, read to the GTIN-14s it is stored under: a product code
 * (an 8-digit code that checks as both an EAN-8 and a UPC-E is stored as both, so either scan finds
 * it), or a scale label (any value: the item is keyed by its code). Null when it does not check.
 */
export function storedBarcodes(text: string, patterns: readonly LabelPattern[] = DEFAULT_LABELS): string[] | null {
  const read = readBarcode(text, patterns);
  if (read.kind === 'label') return [read.key];
  if (read.kind === 'product') return read.gtins;
  return null;
}
