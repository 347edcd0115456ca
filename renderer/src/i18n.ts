/**
 * The signed-in person's language for the counter's screens (their own, else the shop's), as a
 * translator: `const { t, money } = useT();`. Screens moved to the catalogs use it for every word.
 */
import { translator, type Translator } from '../../preload/i18n';
import { useStatus } from './store/status';

export function useT(): Translator {
  return translator(useStatus((s) => s.status?.session?.locale ?? s.status?.shopLanguage ?? 'en-CA'));
}

/** The same, outside a component (a store's action): the signed-in person's language now. */
export function currentT(): Translator {
  const s = useStatus.getState().status;
  return translator(s?.session?.locale ?? s?.shopLanguage ?? 'en-CA');
}
