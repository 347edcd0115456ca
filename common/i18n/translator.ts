/**
 * Translators over the shop's languages' catalogs: FormatJS (ICU messages, plurals), and money, dates
 * and card brands formatted by locale with Intl (fr-CA money: « 12,34 $ »). The catalogs are
 * registered, not imported here: main and the customer display register both (index.ts), the counter's
 * screens only the language in use, fetched when it is needed (renderer/src/base/catalogs.ts).
 */
import { createIntl, createIntlCache } from '@formatjs/intl';
import type { MessageKey } from './en-CA';
import { BRAND_NAMES } from '../cards';

export const LOCALES = ['en-CA', 'fr-CA'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

/** Each language's name in itself (a language menu shows every one, whatever is loaded). */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'en-CA': 'English', 'fr-CA': 'Français' };

const catalogs = new Map<Locale, Record<MessageKey, string>>();

/** Makes a language's catalog available to `translator`. */
export function registerCatalog(locale: Locale, messages: Record<MessageKey, string>): void {
  catalogs.set(locale, messages);
}

/** Whether this language's catalog is registered (else `translator` speaks another registered one). */
export const hasCatalog = (locale: Locale): boolean => catalogs.has(locale);

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

/**
 * The translator of a language. A language not registered yet (the counter's screens fetch it on
 * demand) is spoken in one that is, until it arrives; with none registered at all, a programming error.
 */
export function translator(wanted: Locale): Translator {
  const locale = catalogs.has(wanted) ? wanted : [...catalogs.keys()][0];
  if (!locale) throw new Error('no language catalog registered');
  const known = translators.get(locale);
  if (known) return known;
  const intl = createIntl({ locale, messages: catalogs.get(locale)!, onError: () => undefined }, cache);
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
