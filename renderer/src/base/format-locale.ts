import type { Locale } from '../../../common/i18n/locales';

/**
 * Whose language format.ts speaks: set by `i18n.ts` to the signed-in person's (their own, else the
 * shop's). A plain function, so format.ts needs no store (and runs in plain Node); its own file, so
 * the first screen (which sets it) does not bring format.ts's amount rules with it (issue 31).
 */
let localeNow: () => Locale = () => 'en-CA';

export function formatIn(source: () => Locale): void {
  localeNow = source;
}

export const formattingLocale = (): Locale => localeNow();
