/** The shop's sales tax as a manager sets it (main/tax/): read, and saved through main (which audits it). */
import { create } from 'zustand';
import type { BridgeError, TaxSettings } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { forgetOnSignOut } from '../base/forget';

type TaxSlice = {
  tax: TaxSettings | null;
  error: BridgeError | null;
  saved: boolean;
  load: () => Promise<void>;
  save: (t: TaxSettings) => Promise<boolean>;
  reset: () => void;
};

export const useTax = create<TaxSlice>((set) => ({
  tax: null,
  error: null,
  saved: false,
  load: async () => set(settled(await pos.settings.tax({}), (tax) => ({ tax, error: null }))),
  save: async (t) => {
    const r = await pos.settings.setTax(t);
    set({ saved: r.ok, ...settled(r, (tax) => ({ tax, error: null })) });
    return r.ok;
  },
  reset: () => set({ tax: null, error: null, saved: false }),
}));

forgetOnSignOut(() => useTax.getState().reset());
