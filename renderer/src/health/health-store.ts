/** The manager's Health card and the support file, from the screen's side: main measures and writes; this asks and shows. */
import { create } from 'zustand';
import type { BridgeError, HealthView } from '../../../common/contract';
import { pos, settled } from '../base/pos';

type HealthSlice = {
  view: HealthView | null;
  error: BridgeError | null;
  savedTo: string | null;
  load: () => Promise<void>;
  saveSupport: () => Promise<void>;
};

export const useHealth = create<HealthSlice>((set) => ({
  view: null,
  error: null,
  savedTo: null,
  load: async () => set(settled(await pos.health.get({}), (view) => ({ view }))),
  saveSupport: async () => {
    set({ savedTo: null });
    set(settled(await pos.support.save({}), (r) => ({ savedTo: r.path })));
  },
}));
