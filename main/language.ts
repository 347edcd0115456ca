/**
 * The language main speaks in: the language of the person whose call is being answered. The
 * dispatcher runs each bridge call inside `speaking(locale, …)` (the signed-in person's language,
 * else the shop's), and every message main builds — a PosError's words, a result's message — comes
 * from the catalogs through `say()`. AsyncLocalStorage carries the locale through awaits and the
 * timers a call starts (a terminal's result polling answers in the language of the sale's cashier).
 * Outside any call (start-up, a test calling a service directly) main speaks en-CA.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { translator, type Locale, type MessageKey, type MessageValues } from '../common/i18n';

const callLocale = new AsyncLocalStorage<Locale>();

export function speaking<T>(locale: Locale, f: () => T): T {
  return callLocale.run(locale, f);
}

export function speakingNow(): Locale {
  return callLocale.getStore() ?? 'en-CA';
}

/** A catalog message in the language of the call being answered. */
export function say(key: MessageKey, values?: MessageValues): string {
  return translator(speakingNow()).t(key, values);
}
