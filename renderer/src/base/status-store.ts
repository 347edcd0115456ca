/**
 * Who is signed in (main's AppStatus), the roster for the sign-in screen, and which screen is open.
 * It imports no other store: the stores read the language from here (i18n.ts), so sign-out, which
 * resets them all, lives in session-store.ts instead.
 */
import { create } from 'zustand';
import type { AppStatus, BridgeError, Roster } from '../../../common/contract';
import { pos } from './pos';
import { loadCatalog, useCatalogs } from './catalogs';

type StatusSlice = {
  status: AppStatus | null;
  roster: Roster | null;
  error: BridgeError | null;
  refresh: () => Promise<void>;
  /** Signs in on this counter; answers the error to show, or null once signed in. */
  signIn: (staffId: string, pin: string) => Promise<BridgeError | null>;
  /** The shop's first run: creates the first manager and signs them in. */
  firstRun: (name: string, pin: string) => Promise<BridgeError | null>;
  /** Tells main the counter is in use; if main has ended the session meanwhile, the screen follows. */
  touch: () => Promise<void>;
};

export const useStatus = create<StatusSlice>((set, get) => ({
  touch: async () => {
    const r = await pos.session.touch({});
    if (!r.ok) await get().refresh();
  },
  status: null,
  roster: null,
  error: null,
  refresh: async () => {
    // The first screen needs main's status, its language's words and (signed out) the roster. The words
    // are preloaded with the page (main/electron/static-site.ts `counterPage`); the roster is asked the
    // first time beside the status, as if signed out, so the sign-in screen waits for one round trip,
    // not two in a row (issue 31).
    const early = get().status === null ? pos.staff.roster({}) : null;
    const r = await pos.app.status({});
    if (!r.ok) return set({ error: r.error });
    // The screens speak the person's language (else the shop's): its catalog is here before they draw.
    const locale = r.value.session?.locale ?? r.value.shopLanguage;
    // Never expected to fail (the app's own files); if it does, the language already here speaks, and
    // with none yet the screen stays at "Starting…" until the next refresh tries again.
    await loadCatalog(locale).catch(() => undefined);
    if (!useCatalogs.getState().loaded.length) return;
    set({ status: r.value, error: null });
    // The sign-in screen needs the roster; fetch it only when signed out.
    if (!r.value.session) {
      const roster = await (early ?? pos.staff.roster({}));
      if (roster.ok) set({ roster: roster.value });
    } else if (get().roster) set({ roster: null });
  },
  signIn: async (staffId, pin) => {
    const r = await pos.session.signIn({ staffId, pin });
    if (r.ok) await get().refresh();
    return r.ok ? null : r.error;
  },
  firstRun: async (name, pin) => {
    const r = await pos.staff.firstRun({ name, pin });
    if (r.ok) await get().refresh();
    return r.ok ? null : r.error;
  },
}));

export type Screen = 'sale' | 'transactions' | 'history' | 'drawer' | 'reports' | 'catalog' | 'staff' | 'helcim';
export const useNav = create<{
  screen: Screen;
  go: (s: Screen) => void;
  /**
   * A card form is on screen (or about to be): the tabs wait for it. The sale store sets it, so the
   * shell reads it without importing the Sale screen's code (fetched after sign-in, issue 31).
   */
  cardFormOpen: boolean;
}>((set) => ({
  screen: 'sale',
  go: (screen) => set({ screen }),
  cardFormOpen: false,
}));
