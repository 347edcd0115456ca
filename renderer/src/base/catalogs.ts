/**
 * The counter's screens fetch only the language in use (issue 31): each catalog is its own chunk,
 * loaded the first time someone needs it (the shop's at start, a French cashier's when they sign in,
 * a customer's receipt in the other language) and then kept. Until it arrives the screens speak the
 * one already loaded; the store tells them to draw again when it does.
 */
import { create } from 'zustand';
import { hasCatalog, registerCatalog, translator, type Locale, type Translator } from '../../../common/i18n/translator';

const LOADERS: Record<Locale, () => Promise<void>> = {
  'en-CA': () => import('../../../common/i18n/en-CA').then((m) => registerCatalog('en-CA', m.EN_CA)),
  'fr-CA': () => import('../../../common/i18n/fr-CA').then((m) => registerCatalog('fr-CA', m.FR_CA)),
};

const loading = new Map<Locale, Promise<void>>();

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

/** The translator of a language, once any catalog is here (see `translator`: a missing one speaks another). */
export function speaking(locale: Locale): Translator {
  return useCatalogs.getState().loaded.length || hasCatalog(locale) ? translator(locale) : NOTHING_YET;
}

/** Fetches a language's catalog once (every later call shares the same fetch). */
export function loadCatalog(locale: Locale): Promise<void> {
  if (hasCatalog(locale)) return Promise.resolve();
  let p = loading.get(locale);
  if (!p) {
    p = LOADERS[locale]().then(
      () => useCatalogs.setState((s) => ({ loaded: [...s.loaded, locale] })),
      (err: unknown) => {
        loading.delete(locale); // asked again, it is fetched again
        throw err;
      },
    );
    loading.set(locale, p);
  }
  return p;
}
