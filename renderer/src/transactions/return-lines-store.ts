/**
 * A return by line, from the screen's side: the sale's lines with what is left of each, what the
 * cashier picks, and what main says that comes to (returns.quote). The screen never adds it up.
 */
import { create } from 'zustand';
import type { BridgeError, ReturnableSale, ReturnLinePick, ReturnQuote } from '../../../common/contract';
import { pos } from '../base/pos';
import { forgetOnSignOut } from '../base/forget';

type ReturnLinesSlice = {
  /** The sale's lines (null: a payment of no cart, given back by amount). */
  sale: ReturnableSale | null;
  /** How much of each line (by position) comes back, in thousandths of its unit. */
  picks: Record<number, number>;
  quote: ReturnQuote | null;
  error: BridgeError | null;
  load: (by: { saleNumber: string } | { transactionId: string }) => Promise<void>;
  pick: (position: number, quantityMilli: number) => Promise<void>;
  clear: () => void;
};

/** The picks as main takes them: the lines with something coming back, by position. */
export const pickedLines = (picks: Record<number, number>): ReturnLinePick[] =>
  Object.entries(picks)
    .filter(([, q]) => q > 0)
    .map(([position, quantityMilli]) => ({ position: Number(position), quantityMilli }));

export const useReturnLines = create<ReturnLinesSlice>((set, get) => ({
  sale: null,
  picks: {},
  quote: null,
  error: null,
  load: async (by) => {
    set({ sale: null, picks: {}, quote: null, error: null });
    const r = await pos.returns.lines(by);
    // No lines (a typed total, a payment of another counter): the amount is typed as before.
    set({ sale: r.ok ? r.value : null });
  },
  pick: async (position, quantityMilli) => {
    const sale = get().sale;
    if (!sale) return;
    const picks = { ...get().picks, [position]: quantityMilli };
    set({ picks });
    const lines = pickedLines(picks);
    if (lines.length === 0) return set({ quote: null, error: null });
    const r = await pos.returns.quote({ saleNumber: sale.saleNumber, lines });
    if (get().picks !== picks) return; // picked on meanwhile: a newer quote is on its way
    set(r.ok ? { quote: r.value, error: null } : { quote: null, error: r.error });
  },
  clear: () => set({ sale: null, picks: {}, quote: null, error: null }),
}));

/**
 * The amount a return gives back and what is wrong with it (null: nothing): main's figure for the
 * lines picked, or the amount typed (`read`) for a payment with no lines. `tooMuch` and `zero` are
 * the screen's own words for those two cases.
 */
export function amountToReturn(
  byLine: boolean,
  quote: ReturnQuote | null,
  read: { cents: number } | { error: string; tooMuch?: true },
  words: { pickFirst: string; tooMuch: string; zero: string },
): { cents: number | null; error: string | null } {
  if (byLine) return quote ? { cents: quote.amountCents, error: null } : { cents: null, error: words.pickFirst };
  if ('error' in read) return { cents: null, error: read.tooMuch ? words.tooMuch : read.error };
  return { cents: read.cents, error: read.cents === 0 ? words.zero : null };
}

forgetOnSignOut(() => useReturnLines.getState().clear());
