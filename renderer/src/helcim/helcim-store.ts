/** Managers: Helcim setup — token status, save/test/remove a token, the mode. */
import { create } from 'zustand';
import type {
  BridgeError,
  BridgeResult,
  ConnectionReport,
  Mode,
  TokenSlot,
  TokenStatus,
} from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { useStatus } from '../base/status-store';

type SlotState = { busy: boolean; error: BridgeError | null; last: ConnectionReport | null };
const idle: SlotState = { busy: false, error: null, last: null };

type HelcimSlice = {
  status: TokenStatus | null;
  error: BridgeError | null;
  slots: Record<TokenSlot, SlotState>;
  load: () => Promise<void>;
  save: (slot: TokenSlot, token: string) => Promise<void>;
  test: (slot: TokenSlot) => Promise<void>;
  remove: (slot: TokenSlot) => Promise<void>;
  setMode: (mode: Mode) => Promise<void>;
  /** The checkout host's name; answers the error to show by the field, or null once saved. */
  setCheckoutHost: (host: string) => Promise<BridgeError | null>;
};

export const useHelcim = create<HelcimSlice>((set, get) => {
  const slot = (s: TokenSlot, patch: Partial<SlotState>) =>
    set({ slots: { ...get().slots, [s]: { ...get().slots[s], ...patch } } });
  /** A connection test (on save or on request): its report stays on the card; then status again. */
  const probe = async (s: TokenSlot, call: () => Promise<BridgeResult<ConnectionReport>>) => {
    slot(s, { busy: true });
    const r = await call();
    slot(s, r.ok ? { busy: false, last: r.value, error: null } : { busy: false, error: r.error });
    await get().load();
  };
  return {
    status: null,
    error: null,
    slots: { sales: idle, admin: idle },
    load: async () => {
      set(settled(await pos.helcim.status({}), (status) => ({ status })));
      await useStatus.getState().refresh();
    },
    save: (s, token) => probe(s, () => pos.helcim.saveToken({ slot: s, token })),
    test: (s) => probe(s, () => pos.helcim.testToken({ slot: s })),
    remove: async (s) => {
      const r = await pos.helcim.removeToken({ slot: s });
      slot(s, { last: null });
      set(settled(r, (status) => ({ status })));
      await useStatus.getState().refresh();
    },
    setMode: async (mode) => {
      set(settled(await pos.helcim.setMode({ mode }), (status) => ({ status })));
      await useStatus.getState().refresh();
    },
    setCheckoutHost: async (host) => {
      const r = await pos.helcim.setCheckoutHost({ host });
      if (r.ok) set({ status: r.value });
      return r.ok ? null : r.error;
    },
  };
});
