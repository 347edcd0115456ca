/**
 * Transactions & refunds: search, pick a payment, then refund (settled) or void (unsettled) with a
 * manager's PIN typed on this screen. Main issues the approval and moves the money; this slice
 * only follows along.
 */
import { create } from 'zustand';
import type {
  BridgeError,
  BridgeResult,
  MoneyReturn,
  ReturnLinePick,
  TerminalProgress,
  TransactionView,
} from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { withManagerApproval } from '../shared/approval-store';
import { forgetOnSignOut } from '../base/forget';

export type Filters = { date: string; amount: string; last4: string; invoiceNumber: string };

type ReturnsSlice = {
  results: TransactionView[] | null;
  searching: boolean;
  selected: TransactionView | null;
  action: 'refund' | 'reverse' | null;
  busy: boolean;
  error: BridgeError | null;
  done: MoneyReturn | null;
  /** A debit refund on the terminal, while the customer presents the card. */
  onTerminal: MoneyReturn | null;
  /** Asks main where the debit refund on the terminal stands (the screen calls it every second). */
  checkTerminal: () => Promise<void>;
  /** The customer walked away from the terminal: main asks Helcim before it believes it. */
  terminalCancelled: () => Promise<void>;
  search: (f: { date?: string; amountCents?: number; last4?: string; invoiceNumber?: string }) => Promise<void>;
  choose: (t: TransactionView, action: 'refund' | 'reverse') => void;
  submit: (p: { amountCents: number; managerId: string; pin: string; lines?: ReturnLinePick[] }) => Promise<void>;
  close: () => void;
  /** Forgets everything: a new person at the counter starts from nothing. */
  reset: () => void;
};

/** The terminal's answer for a debit refund, as the refund screen's result. */
function followTerminal(
  set: (p: Partial<ReturnsSlice>) => void,
  w: MoneyReturn,
  r: BridgeResult<TerminalProgress>,
): void {
  if (!r.ok) return set({ onTerminal: null, error: r.error });
  const p = r.value;
  if (p.state === 'waiting') return;
  if (p.state === 'unknown')
    return set({ onTerminal: null, error: { code: 'helcim_unknown_outcome', message: p.message } });
  set({
    onTerminal: null,
    done: {
      ...w,
      outcome: p.state === 'approved' ? 'approved' : 'declined',
      transactionId: p.transactionId,
      message: p.message,
    },
  });
}

export const useReturns = create<ReturnsSlice>((set, get) => ({
  results: null,
  searching: false,
  selected: null,
  action: null,
  busy: false,
  error: null,
  done: null,
  onTerminal: null,

  checkTerminal: async () => {
    const w = get().onTerminal;
    if (w) followTerminal(set, w, await pos.terminal.check({ attemptId: w.attemptId }));
  },
  terminalCancelled: async () => {
    const w = get().onTerminal;
    if (w) followTerminal(set, w, await pos.terminal.cancel({ attemptId: w.attemptId }));
  },

  search: async (f) => {
    set({ searching: true, error: null });
    set({ searching: false, ...settled(await pos.transactions.search(f), (results) => ({ results })) });
  },

  choose: (t, action) => set({ selected: t, action, error: null, done: null }),

  submit: async ({ amountCents, managerId, pin, lines }) => {
    const { selected: t, action } = get();
    if (!t || !action || get().busy) return;
    set({ busy: true, error: null });
    const r = await withManagerApproval(
      { action, transactionId: t.transactionId, amountCents, managerId, pin, ...(lines ? { lines } : {}) },
      (approvalId) =>
        action === 'refund'
          ? pos.refund.submit({ transactionId: t.transactionId, amountCents, approvalId, ...(lines ? { lines } : {}) })
          : pos.reverse.submit({ transactionId: t.transactionId, approvalId }),
    );
    set({ busy: false, ...settled(r, (done) => (done.outcome === 'waiting' ? { onTerminal: done } : { done })) });
  },

  close: () => set({ selected: null, action: null, error: null, done: null, onTerminal: null }),
  reset: () =>
    set({
      results: null,
      searching: false,
      selected: null,
      action: null,
      busy: false,
      error: null,
      done: null,
      onTerminal: null,
    }),
}));

forgetOnSignOut(() => useReturns.getState().reset());
