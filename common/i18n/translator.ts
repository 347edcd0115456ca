/**
 * Translators over the shop's languages' catalogs: FormatJS (ICU messages, plurals), and money, dates
 * and card brands formatted by locale with Intl (fr-CA money: « 12,34 $ »). The catalogs are
 * registered, not imported here: main and the customer display register both (index.ts), the counter's
 * screens only the language in use, fetched when it is needed (renderer/src/base/catalogs.ts).
 */
import { createIntl, createIntlCache } from '@formatjs/intl';
import { BRAND_NAMES } from '../cards';
import type { Locale, MessageKey, Translator } from './locales';

export * from './locales';

const catalogs = new Map<Locale, Record<MessageKey, string>>();

/** Makes a language's catalog available to `translator`. */
export function registerCatalog(locale: Locale, messages: Record<MessageKey, string>): void {
  catalogs.set(locale, messages);
}

/** Whether this language's catalog is registered (else `translator` speaks another registered one). */
export const hasCatalog = (locale: Locale): boolean => catalogs.has(locale);

const cache = createIntlCache();

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
