/**
 * Money is integer cents inside the app. These two functions are the only place it becomes
 * Helcim's decimal amount and back.
 */
import { PosError } from './errors';

/** 1234 -> 12.34 (a JSON number, as Helcim's API takes it). */
export function centsToHelcimAmount(cents: number): number {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new PosError('invalid_payload', 'error.money.wholeCents');
  return Number((cents / 100).toFixed(2));
}

/** What anything but a number or a string reads as: text the amount pattern never matches. */
// Stryker disable next-line StringLiteral: equivalent — any text here fails the amount pattern alike ("" or "Stryker was here!").
const NOT_AN_AMOUNT = '';

/** "15.45" | 15.45 | "100" -> 1545 | 1545 | 10000. Rejects anything that is not a plain amount. */
export function helcimAmountToCents(amount: unknown): number {
  const text =
    typeof amount === 'number' ? amount.toString() : typeof amount === 'string' ? amount.trim() : NOT_AN_AMOUNT;
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new PosError('helcim_bad_response', 'error.money.unreadable');
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(2, '0'));
  return whole * 100 + frac;
}

/** The same, for comparing and filtering: an unreadable amount is null instead of an error. */
export function helcimAmountToCentsOrNull(amount: unknown): number | null {
  try {
    return helcimAmountToCents(amount);
  } catch {
    return null;
  }
}

// Cash rounding is written once for main and the renderer (the cash screen shows it): common/cash.ts.
export { cashRoundedCents } from '../common/cash';
