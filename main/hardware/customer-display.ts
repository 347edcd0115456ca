/**
 * The customer display's view, worked out from this counter's latest sale in the journal (so it is
 * right after a restart too, and has no state of its own to drift): the amount due, "tap, insert or
 * swipe on the terminal" while a card payment is on it, declined, then paid with the change and a
 * thank-you for a little while, then the welcome screen again. Only customer-facing facts leave.
 * Before any tender starts, the amount the cashier is typing is shown too (`AmountsBeingTyped`):
 * the customer sees the total while it is keyed in, not only once they are asked to pay.
 */
import { nameIn, taxLabelIn } from '../../common/i18n/lines';
import { CUSTOMER_LINES, type CustomerView, type Currency, type SaleView } from '../../common/contract';
import type { Locale } from '../../common/i18n';

/** How long "thank you" (and the change) stays up after a sale is paid. */
export const THANKS_MS = 20_000;

/** What a cashier is typing on the Sale screen before any sale is opened: one per window, in main's memory. */
export type TypedAmount = { amountCents: number; currency: Currency; staffId: string; at: number };

export class AmountsBeingTyped {
  private readonly byWindow = new Map<number, TypedAmount>();

  /** The amount on a window's Sale screen now (0: cleared). */
  set(windowId: number, typed: TypedAmount): void {
    if (typed.amountCents > 0) this.byWindow.set(windowId, typed);
    else this.byWindow.delete(windowId);
  }

  forget(windowId: number): void {
    this.byWindow.delete(windowId);
  }

  /**
   * The newest amount still being typed by the person signed in at its window (a signed-out or
   * locked window's amount is nobody's any more), or null.
   */
  newest(signedIn: (windowId: number) => string | null): TypedAmount | null {
    let newest: TypedAmount | null = null;
    for (const [windowId, typed] of this.byWindow)
      if (signedIn(windowId) === typed.staffId && (!newest || typed.at > newest.at)) newest = typed;
    return newest;
  }
}

export type DisplayDeps = {
  shopName: () => string;
  currency: Currency;
  shopLanguage: () => Locale;
  /** The latest sale on this counter with when it last changed and who opened it, or null. */
  latestSale: () => { sale: SaleView; updatedAt: string; staffId: string } | null;
  staffName: (staffId: string) => string | null;
  now: () => number;
  /** Whether a card part being checked is on the terminal (else the cashier keys it in: a phone order). */
  onTerminal?: (attemptId: string) => boolean;
  /** The amount a cashier is typing before any tender starts (see AmountsBeingTyped), or null. */
  typed?: () => TypedAmount | null;
};

export function customerView(deps: DisplayDeps): CustomerView {
  const base: CustomerView = {
    shop: deps.shopName(),
    locale: deps.shopLanguage(),
    state: 'welcome',
    totalCents: 0,
    paidCents: 0,
    dueCents: 0,
    changeCents: 0,
    currency: deps.currency,
    servedBy: null,
    lines: [],
    taxes: [],
    roundingCents: 0,
    discountsCents: 0,
    lineCount: 0,
  };
  const latest = deps.latestSale();
  const typed = deps.typed?.() ?? null;
  // A sale being paid always shows; otherwise an amount typed after the last sale changed does.
  const saleOpen = latest !== null && latest.sale.state !== 'paid' && latest.sale.state !== 'abandoned';
  if (typed && !saleOpen && (!latest || typed.at > Date.parse(latest.updatedAt)))
    return {
      ...base,
      state: 'due',
      totalCents: typed.amountCents,
      dueCents: typed.amountCents,
      currency: typed.currency,
      servedBy: deps.staffName(typed.staffId)?.split(/\s+/)[0] ?? null,
    };
  if (!latest || latest.sale.state === 'abandoned') return base;
  const { sale } = latest;
  const paid = sale.state === 'paid';
  if (paid && deps.now() - Date.parse(latest.updatedAt) > THANKS_MS) return base;
  const last = sale.tenders.at(-1);
  const lastCash = [...sale.tenders].reverse().find((t) => t.tender === 'cash' && t.state === 'approved');
  const state: CustomerView['state'] = paid
    ? 'paid'
    : last && (last.state === 'pending' || last.state === 'unknown')
      ? // Only a sale on the terminal asks the customer to tap; a keyed card (phone order) is the cashier's to enter.
        deps.onTerminal?.(last.attemptId)
        ? 'card'
        : 'keyed'
      : last?.state === 'declined'
        ? 'declined'
        : 'due';
  return {
    ...base,
    locale: sale.language,
    state,
    totalCents: sale.totalCents,
    paidCents: sale.paidCents,
    dueCents: sale.dueCents,
    changeCents:
      paid && lastCash?.tenderedCents !== undefined
        ? lastCash.tenderedCents - lastCash.amountCents - (lastCash.roundingCents ?? 0)
        : 0,
    // The cash that paid it rounded to 5¢: its own line on the display, as on the receipt.
    roundingCents: paid ? (lastCash?.roundingCents ?? 0) : 0,
    currency: sale.currency,
    servedBy: deps.staffName(latest.staffId)?.split(/\s+/)[0] ?? null,
    // The latest lines, named in the customer's language (the other one when an item has none in it).
    lines: sale.lines.slice(-CUSTOMER_LINES).map((l) => ({
      name: nameIn(l, sale.language),
      soldBy: l.soldBy,
      quantityMilli: l.quantityMilli,
      lineTotalCents: l.lineTotalCents,
      discountCents: l.discountCents,
    })),
    discountsCents: sale.discountsCents,
    lineCount: sale.lines.length,
    taxes: sale.taxes.map((x) => ({ label: taxLabelIn(x, sale.language), taxCents: x.taxCents })),
  };
}
