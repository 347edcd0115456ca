/**
 * The signed-in person's language for the counter's screens (their own, else the shop's), as a
 * translator: `const { t, money } = useT();`. Every word on a screen comes from it.
 */
import type { Locale, Translator } from '../../../common/i18n/locales';
import { speaking, useCatalogs } from './catalogs';
import { formatIn } from './format-locale';
import { useStatus } from './status-store';

const localeOf = (s: ReturnType<typeof useStatus.getState>): Locale =>
  s.status?.session?.locale ?? s.status?.shopLanguage ?? 'en-CA';

// Amounts, card brands and amount-field errors (format.ts) speak the same language.
formatIn(() => localeOf(useStatus.getState()));

export function useT(): Translator {
  useCatalogs((s) => s.loaded.length); // a catalog that arrives draws the screen again
  return speaking(useStatus(localeOf));
}

/** The same, outside a component (a store's action): the signed-in person's language now. */
export function currentT(): Translator {
  return speaking(localeOf(useStatus.getState()));
}
