/** Updates, from the screen's side: what main says (version, what is ready, what it waits for) and the shop's feed. */
import { create } from 'zustand';
import type { BridgeError, UpdateView } from '../../../common/contract';
import { pos, settled } from '../base/pos';

type UpdatesSlice = {
  view: UpdateView | null;
  error: BridgeError | null;
  saved: boolean;
  load: () => Promise<void>;
  setFeed: (feed: string | null) => Promise<void>;
};

export const useUpdates = create<UpdatesSlice>((set) => ({
  view: null,
  error: null,
  saved: false,
  load: async () => set(settled(await pos.updates.get({}), (view) => ({ view }))),
  setFeed: async (feed) => {
    const r = await pos.updates.setFeed({ feed });
    set({ saved: r.ok, ...settled(r, (view) => ({ view })) });
  },
}));
