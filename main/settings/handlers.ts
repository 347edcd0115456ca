/**
 * The bridge handlers that change a shop setting from a screen: the idle lock, a blind drawer close,
 * the shop's language. Each is a manager's (policy table), saved through Settings' own schema, and
 * audited with who changed it to what.
 */
import type { Handlers } from '../router';
import type { Settings } from './settings';

type SettingsOps = 'settings.setIdleLock' | 'settings.setBlindClose' | 'settings.setLanguage';

export function settingsHandlers(deps: {
  settings: Settings;
  audit: (staffId: string, kind: string, detail: string) => void;
}): Pick<Handlers, SettingsOps> {
  const { settings, audit } = deps;
  return {
    'settings.setIdleLock': async (p, ctx) => {
      settings.set('idle_lock_seconds', p.seconds);
      audit(ctx.session.staffId, 'settings.idle_lock', String(p.seconds));
      return null;
    },
    'settings.setBlindClose': async (p, ctx) => {
      settings.set('drawer.blind_close', p.blind);
      audit(ctx.session.staffId, 'settings.blind_close', String(p.blind));
      return null;
    },
    'settings.setLanguage': async (p, ctx) => {
      settings.set('shop.language', p.language);
      audit(ctx.session.staffId, 'settings.language', p.language);
      return null;
    },
  };
}
