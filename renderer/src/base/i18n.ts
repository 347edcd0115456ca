/**
 * The signed-in person's language for the counter's screens (their own, else the shop's), as a
 * translator: `const { t, money } = useT();`. Every word on a screen comes from it.
 */
import { translator, type Locale, type Translator } from '../../../common/i18n/index';
import { formatIn } from './format';
import { useStatus } from './status-store';

const localeOf = (s: ReturnType<typeof useStatus.getState>): Locale =>
  s.status?.session?.locale ?? s.status?.shopLanguage ?? 'en-CA';

// Amounts, card brands and amount-field errors (format.ts) speak the same language.
formatIn(() => localeOf(useStatus.getState()));

export function useT(): Translator {
  return translator(useStatus(localeOf));
}

/** The same, outside a component (a store's action): the signed-in person's language now. */
export function currentT(): Translator {
  return translator(localeOf(useStatus.getState()));
}
