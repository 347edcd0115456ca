/**
 * The counter's screens fetch only the language in use (issue 31): each catalog is its own chunk,
 * with FormatJS beside it in a chunk of its own, loaded the first time someone needs it (the shop's at
 * start, a French cashier's when they sign in, a customer's receipt in the other language) and then
 * kept. Until it arrives the screens speak the one already loaded; the store tells them to draw again
 * when it does. Nothing here imports FormatJS: the page's first script stays React and the sign-in
 * screen (main/electron/static-site.ts preloads the shop's language beside it).
 */
import { create } from 'zustand';
import type { Locale, Translator } from '../../../common/i18n/locales';

type Language = { translator: (locale: Locale) => Translator };

const LOADERS: Record<Locale, () => Promise<Language>> = {
  'en-CA': () => import('./languages/en-CA'),
  'fr-CA': () => import('./languages/fr-CA'),
};

const loading = new Map<Locale, Promise<void>>();
/** FormatJS's `translator`, once the first language has brought it. */
let translatorOf: Language['translator'] | null = null;

/** Languages whose catalog is here; a component that reads it draws again when one arrives. */
export const useCatalogs = create<{ loaded: Locale[] }>(() => ({ loaded: [] }));

/**
 * Before the first catalog arrives (the page has just opened; the screen says "Starting…" until main's
 * status and the language are here), words are empty rather than wrong.
 */
const NOTHING_YET: Translator = {
  locale: 'en-CA',
  t: () => '',
  money: () => '',
  dateTime: () => '',
  time: () => '',
  brand: () => '',
};

/** The translator of a language, once any catalog is here (a missing one speaks another that is). */
export function speaking(locale: Locale): Translator {
  return translatorOf ? translatorOf(locale) : NOTHING_YET;
}

/** Fetches a language's catalog once (every later call shares the same fetch). */
export function loadCatalog(locale: Locale): Promise<void> {
  let p = loading.get(locale);
  if (!p) {
    p = LOADERS[locale]().then(
      (language) => {
        translatorOf = language.translator;
        useCatalogs.setState((s) => ({ loaded: [...s.loaded, locale] }));
      },
      (err: unknown) => {
        loading.delete(locale); // asked again, it is fetched again
        throw err;
      },
    );
    loading.set(locale, p);
  }
  return p;
}
