/** History: one day's payments, from this counter's journal and Helcim's list side by side. */
import { create } from 'zustand';
import type { BridgeError, HistoryRow } from '../../../preload/contract';
import { pos, settled } from '../pos';

type HistorySlice = {
  rows: HistoryRow[] | null;
  error: BridgeError | null;
  search: (f: { date?: string; amountCents?: number; last4?: string }) => Promise<void>;
  /** Forgets everything: a new person at the counter starts from nothing. */
  reset: () => void;
};

export const useHistory = create<HistorySlice>((set) => ({
  rows: null,
  error: null,
  search: async (f) => set(settled(await pos.history.search(f), (rows) => ({ rows }))),
  reset: () => set({ rows: null, error: null }),
}));
