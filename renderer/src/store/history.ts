import { create } from 'zustand';
import type { BridgeError, HistoryRow, Receipt } from '../../../preload/contract';
import { pos } from '../pos';

type HistorySlice = {
  rows: HistoryRow[] | null;
  receipt: Receipt | null;
  notice: string;
  error: BridgeError | null;
  search: (f: { date?: string; amountCents?: number; last4?: string }) => Promise<void>;
  open: (attemptId: string) => Promise<void>;
  print: () => Promise<void>;
  savePdf: () => Promise<void>;
  close: () => void;
  /** Forgets everything: a new person at the counter starts from nothing. */
  reset: () => void;
};

export const useHistory = create<HistorySlice>((set, get) => ({
  rows: null,
  receipt: null,
  notice: '',
  error: null,
  search: async (f) => {
    const r = await pos.history.search(f);
    set(r.ok ? { rows: r.value, error: null } : { error: r.error });
  },
  open: async (attemptId) => {
    const r = await pos.receipt.get({ attemptId });
    set(r.ok ? { receipt: r.value, error: null, notice: '' } : { error: r.error });
  },
  print: async () => {
    const id = get().receipt?.attemptId;
    if (!id) return;
    const r = await pos.receipt.print({ attemptId: id });
    set(r.ok ? { notice: r.value.printed ? 'Sent to the printer.' : 'Printing was cancelled.' } : { error: r.error });
  },
  savePdf: async () => {
    const id = get().receipt?.attemptId;
    if (!id) return;
    const r = await pos.receipt.savePdf({ attemptId: id });
    set(r.ok ? { notice: r.value.path ? `Saved as ${r.value.path}` : 'Not saved.' } : { error: r.error });
  },
  close: () => set({ receipt: null, notice: '' }),
  reset: () => set({ rows: null, receipt: null, notice: '', error: null }),
}));
