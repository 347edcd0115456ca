/**
 * Open holds (pre-authorizations) on the transactions screen: capture up to the held amount, or
 * release one with a manager's PIN while its batch is open. Main checks and moves the money; this
 * slice only follows along.
 */
import { create } from 'zustand';
import type { BridgeError, HoldView, MoneyReturn } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { withManagerApproval } from '../shared/approval-store';
import { forgetOnSignOut } from '../base/forget';

type HoldsSlice = {
  holds: HoldView[] | null;
  error: BridgeError | null;
  selected: HoldView | null;
  action: 'capture' | 'release' | null;
  busy: boolean;
  done: MoneyReturn | null;
  load: () => Promise<void>;
  choose: (h: HoldView, action: 'capture' | 'release') => void;
  capture: (amountCents: number) => Promise<void>;
  release: (managerId: string, pin: string) => Promise<void>;
  close: () => void;
  /** Forgets everything: a new person at the counter starts from nothing. */
  reset: () => void;
};

export const useHolds = create<HoldsSlice>((set, get) => ({
  holds: null,
  error: null,
  selected: null,
  action: null,
  busy: false,
  done: null,

  load: async () => set(settled(await pos.holds.list({}), (holds) => ({ holds }))),
  choose: (h, action) => set({ selected: h, action, error: null, done: null }),

  capture: async (amountCents) => {
    const h = get().selected;
    if (!h || get().busy) return;
    set({ busy: true, error: null });
    set({
      busy: false,
      ...settled(await pos.capture.submit({ transactionId: h.transactionId, amountCents }), (done) => ({ done })),
    });
  },

  release: async (managerId, pin) => {
    const h = get().selected;
    if (!h || get().busy) return;
    set({ busy: true, error: null });
    const r = await withManagerApproval(
      { action: 'release', transactionId: h.transactionId, amountCents: h.amountCents, managerId, pin },
      (approvalId) => pos.release.submit({ transactionId: h.transactionId, approvalId }),
    );
    set({ busy: false, ...settled(r, (done) => ({ done })) });
  },

  close: () => set({ selected: null, action: null, error: null, done: null }),
  reset: () => set({ holds: null, error: null, selected: null, action: null, busy: false, done: null }),
}));

forgetOnSignOut(() => useHolds.getState().reset());
