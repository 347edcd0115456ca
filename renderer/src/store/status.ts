import { create } from 'zustand';
import type { AppStatus, BridgeError, Roster } from '../../../common/contract';
import { pos } from '../pos';
import { useSale } from './sale';
import { useHistory } from './history';
import { useReceipt } from './receipt';
import { useReturns } from './returns';
import { useHolds } from './holds';
import { useDrawer } from './drawer';
import { usePrinter } from './printer';
import { useShop } from './shop';

/** Nothing of one person's work is left for the next: amount, result, receipt, searches, card form. */
export function forgetPersonalState(): void {
  useSale.getState().newSale();
  useHistory.getState().reset();
  useReceipt.getState().close();
  useReturns.getState().reset();
  useHolds.getState().reset();
  useDrawer.getState().reset();
  usePrinter.getState().reset();
  useShop.getState().reset();
  useNav.getState().go('sale');
}

type StatusSlice = {
  status: AppStatus | null;
  roster: Roster | null;
  error: BridgeError | null;
  refresh: () => Promise<void>;
  /** Signs in on this counter; answers the error to show, or null once signed in. */
  signIn: (staffId: string, pin: string) => Promise<BridgeError | null>;
  /** The shop's first run: creates the first manager and signs them in. */
  firstRun: (name: string, pin: string) => Promise<BridgeError | null>;
  signOut: () => Promise<void>;
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
    const r = await pos.app.status({});
    if (!r.ok) return set({ error: r.error });
    set({ status: r.value, error: null });
    // The sign-in screen needs the roster; fetch it only when signed out.
    if (!r.value.session) {
      const roster = await pos.staff.roster({});
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
  signOut: async () => {
    // The card form leaves the screen first; main then closes it and confirms with Helcim's list.
    forgetPersonalState();
    await pos.session.signOut({});
    await get().refresh();
  },
}));

export type Screen = 'sale' | 'transactions' | 'history' | 'drawer' | 'reports' | 'staff' | 'helcim';
export const useNav = create<{ screen: Screen; go: (s: Screen) => void }>((set) => ({
  screen: 'sale',
  go: (screen) => set({ screen }),
}));
