/** History: one day's payments, from this counter's journal and Helcim's list side by side; cash refunds of cash sales. */
import { create } from 'zustand';
import type { BridgeError, CashRefund, HistoryRow, ReturnLinePick, ShopHistoryRow } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { withManagerApproval } from '../shared/approval-store';
import { forgetOnSignOut } from '../base/forget';

type HistorySlice = {
  rows: HistoryRow[] | null;
  error: BridgeError | null;
  /** The same search over every counter (a linked counter's manager), or null: not asked. */
  shopRows: ShopHistoryRow[] | null;
  shopError: BridgeError | null;
  /** The cash sale whose cash is being handed back, and how that went. */
  refunding: HistoryRow | null;
  refunded: CashRefund | null;
  refundError: BridgeError | null;
  search: (f: { date?: string; amountCents?: number; last4?: string }) => Promise<void>;
  searchShop: (f: { date?: string; amountCents?: number; last4?: string }) => Promise<void>;
  startCashRefund: (row: HistoryRow | null) => void;
  /** Cash back for a cash sale: the manager's approval (bound to the sale and the amount), then the refund. */
  refundCash: (amountCents: number, managerId: string, pin: string, lines?: ReturnLinePick[]) => Promise<void>;
  /** Forgets everything: a new person at the counter starts from nothing. */
  reset: () => void;
};

export const useHistory = create<HistorySlice>((set, get) => ({
  rows: null,
  error: null,
  shopRows: null,
  shopError: null,
  refunding: null,
  refunded: null,
  refundError: null,
  search: async (f) => set(settled(await pos.history.search(f), (rows) => ({ rows }))),
  searchShop: async (f) => {
    const r = await pos.history.shop(f);
    set(r.ok ? { shopRows: r.value, shopError: null } : { shopRows: null, shopError: r.error });
  },
  startCashRefund: (row) => set({ refunding: row, refunded: null, refundError: null }),
  refundCash: async (amountCents, managerId, pin, lines) => {
    const n = get().refunding?.saleNumber;
    if (n === undefined) return;
    const saleNumber = String(n);
    const r = await withManagerApproval(
      { action: 'cash_refund', saleNumber, amountCents, managerId, pin, ...(lines ? { lines } : {}) },
      (approvalId) => pos.cash.refund({ saleNumber, amountCents, approvalId, ...(lines ? { lines } : {}) }),
    );
    set(r.ok ? { refunded: r.value, refundError: null } : { refundError: r.error });
  },
  reset: () =>
    set({
      rows: null,
      error: null,
      shopRows: null,
      shopError: null,
      refunding: null,
      refunded: null,
      refundError: null,
    }),
}));

forgetOnSignOut(() => useHistory.getState().reset());
