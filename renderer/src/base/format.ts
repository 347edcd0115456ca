import type { Currency } from '../../../common/contract';
import { MAX_AMOUNT_CENTS } from '../../../common/limits';
import { localDay } from '../../../common/days';
import type { Translator } from '../../../common/i18n/locales';
import { speaking } from './catalogs';
import { formattingLocale } from './format-locale';

const tr = (): Translator => speaking(formattingLocale());

/** 1234 -> "$12.34" in en-CA, "12,34 $" in fr-CA (USD: "US$12.34", "12,34 $ US"). */
export function formatCents(cents: number, currency: Currency): string {
  return tr().money(cents, currency);
}

/** A card brand's name (Visa, Mastercard, Interac…), or the word for "card" when unknown. */
export const brandName = (cardType: string | null | undefined): string => tr().brand(cardType);

/** A card as a list shows it: "Visa •••• 1234"; without its last four, the brand alone (or `none`, when given). */
export function cardLabel(
  cardType: string | null | undefined,
  last4: string | null | undefined,
  none?: string,
): string {
  if (last4) return `${brandName(cardType)} •••• ${last4}`;
  return none ?? brandName(cardType);
}

/**
 * What a person typed as an amount, read or explained. Accepts a dot or a comma as the decimal mark
 * (Canadian French writes 12,50) and spaces between thousands; says in plain words what is wrong
 * otherwise, so no button is disabled without a reason next to it. `tooMuch`: above the limit given,
 * so a screen can say what that limit is (what can still be refunded, what is due…).
 */
export function readAmount(
  text: string,
  maxCents = MAX_AMOUNT_CENTS,
): { cents: number } | { error: string; tooMuch?: true } {
  const { t } = tr();
  const typed = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (typed === '') return { error: t('amount.empty') };
  // A minus sign (ASCII or the typographic one) is never a refund or a discount here: each screen
  // says what it takes, so say why instead of "use digits".
  if (/^[-\u2212]/.test(typed)) return { error: t('amount.negative') };
  // ".5" and ",5" are how people type fifty cents: read them as 0.50.
  const m = /^(\d{0,9})(?:[.,](\d*))?$/.exec(typed);
  if (!m || (m[1] === '' && !m[2])) return { error: t('amount.shape') };
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { error: t('amount.decimals') };
  const cents = Number(m[1] || '0') * 100 + Number(decimals.padEnd(2, '0'));
  if (cents > maxCents) return { error: t('amount.most', { max: formatCents(maxCents, 'CAD') }), tooMuch: true };
  return { cents };
}

/** "12.34" | "12,34" | "12" | ".5" -> cents; anything else -> null. */
export function parseAmount(text: string): number | null {
  const r = readAmount(text);
  return 'cents' in r ? r.cents : null;
}

/** Today, as the shop's calendar says. */
export const today = () => localDay();
