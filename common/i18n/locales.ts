/**
 * The shop's languages and what a translator is, without FormatJS: the counter's first screen and its
 * language menus use these before any catalog (and FormatJS, which comes with it) is fetched
 * (renderer/src/base/catalogs.ts, issue 31). The translators themselves are in translator.ts.
 */
import type { MessageKey } from './en-CA';

export type { MessageKey };
export const LOCALES = ['en-CA', 'fr-CA'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in itself (a language menu shows every one, whatever is loaded). */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'en-CA': 'English', 'fr-CA': 'Français' };

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
