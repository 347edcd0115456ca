import { create } from 'zustand';
import type { AppStatus, BridgeError } from '../../../preload/contract';
import { pos } from '../pos';

type StatusSlice = {
  status: AppStatus | null;
  error: BridgeError | null;
  refresh: () => Promise<void>;
};

export const useStatus = create<StatusSlice>((set) => ({
  status: null,
  error: null,
  refresh: async () => {
    const r = await pos.app.status({});
    set(r.ok ? { status: r.value, error: null } : { error: r.error });
  },
}));
