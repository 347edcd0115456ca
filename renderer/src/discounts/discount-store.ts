/**
 * The discounts the manager allows (main keeps them, `settings.discounts`): the reasons a cashier picks
 * from on the Sale screen, and the manager's card that changes the list and the cashier's limit.
 */
import { create } from 'zustand';
import type { BridgeError, DiscountSettings } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { forgetOnSignOut } from '../base/forget';

type DiscountSlice = {
  settings: DiscountSettings | null;
  error: BridgeError | null;
  saved: boolean;
  load: () => Promise<void>;
  save: (s: DiscountSettings) => Promise<boolean>;
  reset: () => void;
};

export const useDiscounts = create<DiscountSlice>((set) => ({
  settings: null,
  error: null,
  saved: false,
  load: async () => set(settled(await pos.settings.discounts({}), (settings) => ({ settings }))),
  save: async (s) => {
    const r = await pos.settings.setDiscounts(s);
    set({ saved: r.ok, ...settled(r, (settings) => ({ settings })) });
    return r.ok;
  },
  reset: () => set({ settings: null, error: null, saved: false }),
}));

forgetOnSignOut(() => useDiscounts.getState().reset());
