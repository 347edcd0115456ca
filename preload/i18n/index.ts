/**
 * The shop's languages: en-CA and fr-CA catalogs read through FormatJS (ICU messages, plurals), and
 * money, dates and card brands formatted by locale with Intl (fr-CA money: « 12,34 $ »). Shared by
 * main (receipts, printed in the customer's language) and the renderer (the customer display).
 */
import { createIntl, createIntlCache } from '@formatjs/intl';
import { EN_CA, type MessageKey } from './en-CA';
import { FR_CA } from './fr-CA';
import { BRAND_NAMES } from '../cards';

export const LOCALES = ['en-CA', 'fr-CA'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

export const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'en-CA': EN_CA, 'fr-CA': FR_CA };

const cache = createIntlCache();

export type Translator = {
  locale: Locale;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  money: (cents: number, currency: string) => string;
  dateTime: (iso: string) => string;
  /** A card brand's name (Visa, Mastercard, Interac…), or the word for "card" when unknown. */
  brand: (cardType: string | null | undefined) => string;
};

const translators = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  const known = translators.get(locale);
  if (known) return known;
  const intl = createIntl({ locale, messages: CATALOGS[locale], onError: () => undefined }, cache);
  const money = new Map<string, Intl.NumberFormat>();
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const made: Translator = {
    locale,
    t: (key, values) => intl.formatMessage({ id: key }, values) as string,
    money: (cents, currency) => {
      let f = money.get(currency);
      if (!f) money.set(currency, (f = new Intl.NumberFormat(locale, { style: 'currency', currency })));
      return f.format(cents / 100);
    },
    dateTime: (iso) => dates.format(new Date(iso)),
    brand: (cardType) => (cardType ? (BRAND_NAMES[cardType] ?? cardType) : intl.formatMessage({ id: 'receipt.card' })),
  };
  translators.set(locale, made);
  return made;
}
