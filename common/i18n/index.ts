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

/** An amount in a message: formatted by the reader's locale (fr-CA « 12,34 $ »), never pre-formatted. */
export type MoneyValue = { cents: number; currency: string };
export type MessageValue = string | number | MoneyValue;
export type MessageValues = Record<string, MessageValue>;
/** `{amount}` in a message, for integer cents (CAD unless the sale says otherwise). */
export const amount = (cents: number, currency = 'CAD'): MoneyValue => ({ cents, currency });

export type Translator = {
  locale: Locale;
  t: (key: MessageKey, values?: MessageValues) => string;
  money: (cents: number, currency: string) => string;
  dateTime: (iso: string) => string;
  /**
   * The time of day, hours and minutes, as this language writes it ("2:05 p.m.", "14 h 05"): every
   * screen that shows a time uses this one, so a sale shows the same time on each. Takes an instant
   * (ISO with its zone) or the shop's wall time ("YYYY-MM-DD HH:MM[:SS]", no zone: read as local).
   */
  time: (isoOrWall: string) => string;
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
  const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const formatMoney = (cents: number, currency: string) => {
    let f = money.get(currency);
    if (!f) money.set(currency, (f = new Intl.NumberFormat(locale, { style: 'currency', currency })));
    return f.format(cents / 100);
  };
  const made: Translator = {
    locale,
    t: (key, values) =>
      intl.formatMessage(
        { id: key },
        values &&
          Object.fromEntries(
            Object.entries(values).map(([k, v]) => [k, typeof v === 'object' ? formatMoney(v.cents, v.currency) : v]),
          ),
      ) as string,
    money: formatMoney,
    dateTime: (iso) => dates.format(new Date(iso)),
    time: (when) => times.format(new Date(/^\d{4}-\d{2}-\d{2} \d/.test(when) ? when.replace(' ', 'T') : when)),
    brand: (cardType) => (cardType ? (BRAND_NAMES[cardType] ?? cardType) : intl.formatMessage({ id: 'receipt.card' })),
  };
  translators.set(locale, made);
  return made;
}
