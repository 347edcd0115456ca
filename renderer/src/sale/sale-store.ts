/**
 * The sale in progress: amount entry -> one or more tenders (terminal, keyed card, cash) -> result.
 * A sale is opened in main with its total when the first tender starts; each tender names it, and
 * main answers what is paid and what is still due (a partial approval, a part paid in cash). Decisions
 * about what is allowed and what happened are main's; this slice only follows them.
 */
import { cashRoundedCents } from '../../../common/cash';
import { create } from 'zustand';
import type {
  BridgeError,
  BridgeResult,
  CartLine,
  CheckoutEvent,
  CheckoutOutcome,
  CheckoutStart,
  Currency,
  PrintResult,
  SaleDiscountAsk,
  SaleView,
  TerminalProgress,
  TerminalStart,
} from '../../../common/contract';
import { MAX_AMOUNT_CENTS } from '../../../common/limits';
import type { Locale } from '../../../common/i18n/index';
import { pos } from '../base/pos';
import { withManagerApproval } from '../shared/approval-store';
import { currentT } from '../base/i18n';
import { formatCents } from '../base/format';
import { useNav, useStatus } from '../base/status-store';
import { addTypedLine, attachCart, resendCart, type CartState } from './cart-store';
import { forgetOnSignOut } from '../base/forget';

/**
 * `terminal`: the customer is at the Smart Terminal; main looks the result up. `cash`: counting the
 * cash. `tender`: a sale with money taken and some still due — the next tender is chosen.
 */
export type Phase = 'entry' | 'tender' | 'starting' | 'checkout' | 'finishing' | 'terminal' | 'cash' | 'result';

type SaleSlice = {
  phase: Phase;
  /** The sale's total as typed. */
  amountCents: number;
  /**
   * The sale in main: opened with its total when the first tender starts (a typed total), or with
   * the cart's first line (cart-actions.ts). What is paid, what is due, the lines as main priced them.
   */
  sale: SaleView | null;
  /** What the cart asks main for, line by line (main prices them: `sale.lines`). */
  cart: CartLine[];
  /** The sale's own discount as asked (main works out its cents: `sale.discount`); null: none. */
  saleDiscount: SaleDiscountAsk | null;
  /** An item picked that needs a number typed on the keypad first: an open price, or a weight. */
  pending: CartState['pending'];
  /** A scanned code no item has: said, and a manager may add the item on the spot. */
  unknownCode: CartState['unknownCode'];
  /** A part of what is due for the next tender only (splitting the bill); null: all that is due. */
  partCents: number | null;
  /** What the last tender did, shown above the next one (a partial approval, a decline, cash taken). */
  lastWords: string | null;
  /** The sale's tenders screen is where the cashier returns to (a split, money taken): not the amount. */
  tendering: boolean;
  /** The customer's language for this sale (receipt, customer display); null: the shop's. */
  language: Locale | null;
  setLanguage: (language: Locale) => void;
  checkout: CheckoutStart | null;
  /** The sale on the terminal, while the customer is at it. */
  terminal: TerminalStart | null;
  /** The result screen's facts; a tip added on the terminal comes with it. */
  outcome:
    | (CheckoutOutcome & {
        tipCents?: number;
        cash?: { tenderedCents: number; changeCents: number };
        drawer?: PrintResult | null;
      })
    | null;
  error: BridgeError | null;
  pressKey: (key: string) => void;
  charge: (currency: Currency) => Promise<void>;
  /** Places a hold (pre-authorization) for the amount: nothing is charged until it is captured. */
  hold: (currency: Currency) => Promise<void>;
  verify: (currency: Currency) => Promise<void>;
  /** Opens the cash screen for the amount. */
  startCash: () => void;
  /** Records the cash sale with what the customer handed over; the result shows the change. */
  payCash: (tenderedCents: number, currency: Currency) => Promise<void>;
  /** Back to the amount (or to the sale's tenders) from the cash screen (nothing recorded). */
  backToEntry: () => void;
  /** Splits the bill: the next tender takes only this much of what is due. */
  setPart: (cents: number | null) => void;
  /** Goes on to choose how to pay (a split from the start, or after a decline). */
  chooseTender: (currency: Currency) => Promise<void>;
  /** Loads a half-paid sale (from the status bar's list) to finish or abandon it. */
  resume: (saleId: string) => Promise<void>;
  /**
   * The sale on the tender screen, as main has it now: another window may have paid or abandoned it
   * (then this screen says so and returns to a new sale), or taken a part (the figures follow).
   */
  refreshOpenSale: () => Promise<void>;
  /** Abandons the sale: with nothing taken it is discarded; with money taken a manager gives it all back. */
  abandon: (approval?: { managerId: string; pin: string }) => Promise<void>;
  /** Pushes the amount to this counter's terminal (the default once one is paired). */
  chargeOnTerminal: (currency: Currency) => Promise<void>;
  /** Charges a saved card of the sale's customer (phone orders, house accounts). */
  chargeSavedCard: (cardId: number, currency: Currency) => Promise<void>;
  /** Opens Helcim's card form to save the customer's card (their consent recorded by main first). */
  saveCard: (customerCode: string, currency: Currency) => Promise<void>;
  /** A card form that saves a customer's card, not a tender: its result returns to the sale. */
  savingCard: boolean;
  /** The sale again from main (its customer changed). */
  reloadSale: () => Promise<void>;
  /** Asks main where the terminal sale stands (the screen calls it every second). */
  checkTerminal: () => Promise<void>;
  /** The cashier says the customer cancelled on the terminal: main asks Helcim before it believes it. */
  customerCancelled: () => Promise<void>;
  finish: (event: CheckoutEvent) => Promise<void>;
  fail: (message: string) => void;
  /** Escape or ×: the same confirmed cancel as Helcim's own close button (main asks Helcim's list). */
  cancelCheckout: () => Promise<void>;
  newSale: () => void;
  /** Tells main the amount typed so far (0: none), so the customer display shows it before any tender starts. */
  showTyped: (amountCents: number, currency: Currency) => void;
};

/** A card form is on screen (or about to be): tabs and sign-out wait for it. */
export const inCheckout = (phase: Phase) =>
  phase === 'starting' || phase === 'checkout' || phase === 'finishing' || phase === 'terminal';

const initial = {
  phase: 'entry' as Phase,
  amountCents: 0,
  sale: null,
  cart: [] as CartLine[],
  saleDiscount: null as SaleDiscountAsk | null,
  pending: null,
  unknownCode: null,
  partCents: null,
  lastWords: null,
  tendering: false,
  language: null as Locale | null,
  checkout: null,
  savingCard: false,
  terminal: null,
  outcome: null,
  error: null,
};

type Set = (p: Partial<SaleSlice>) => void;
type Get = () => SaleSlice;

/**
 * What Charge takes on the Sale screen: the cart's total plus an amount typed and not yet added as a
 * line (added when the tender starts), or the typed total when there is no cart.
 */
export const chargeCents = (s: Pick<SaleSlice, 'sale' | 'cart' | 'amountCents' | 'pending'>) =>
  s.pending ? 0 : s.cart.length > 0 && s.sale ? s.sale.dueCents + s.amountCents : s.amountCents;

/** What the next tender takes: a part the cashier typed, else all that is due (or the typed total before any tender). */
export const tenderCents = (s: Pick<SaleSlice, 'sale' | 'partCents' | 'amountCents'>) =>
  s.sale ? (s.partCents ?? s.sale.dueCents) : s.amountCents;

/**
 * What cash settles this tender at the drawer: where cash is rounded to 5¢ (the status says so) and
 * this tender is all that is due, the rounded amount (common/cash.ts, the rule main records); a part
 * that leaves some due is taken as typed (main takes it in 5¢ steps).
 */
export const cashDueCents = (s: Pick<SaleSlice, 'sale' | 'partCents' | 'amountCents'>, rounding: boolean) => {
  const cents = tenderCents(s);
  const settles = !s.sale || cents === s.sale.dueCents;
  return rounding && settles ? cashRoundedCents(cents) : cents;
};

/** Where the cashier goes back to when a tender does not start: the amount, or the sale's tenders. */
const idlePhase = (s: Pick<SaleSlice, 'tendering'>): Phase => (s.tendering ? 'tender' : 'entry');

/**
 * The sale a tender pays: the open one, or — a typed total with no sale yet — a new one the tender
 * itself opens in main (its total and language go with it: one call, one journal transaction).
 */
async function saleForTender(
  get: Get,
  set: Set,
  currency: Currency,
): Promise<{ saleId: string } | { newSale: { totalCents: number; language?: Locale } } | null> {
  const { sale, cart, amountCents, language } = get();
  if (!sale && cart.length === 0) return { newSale: { totalCents: amountCents, ...(language ? { language } : {}) } };
  const open = await ensureSale(get, set, currency);
  return open ? { saleId: open.saleId } : null;
}

/** The sale in main, opened with the typed total before a tender is chosen (a split from the start). */
async function ensureSale(get: Get, set: Set, currency: Currency): Promise<SaleView | null> {
  const open = get().sale;
  // A cart with an amount typed after its lines: that amount is one more (open) line, then the tender.
  if (open && get().cart.length > 0 && get().amountCents > 0 && open.paidCents === 0) {
    const added = await addTypedLine(currency);
    if (!added) set({ phase: 'entry' });
    return added ? get().sale : null;
  }
  if (open) return open;
  const language = get().language;
  const r = await pos.sale.open({ amountCents: get().amountCents, currency, ...(language ? { language } : {}) });
  if (!r.ok) {
    set({ phase: 'entry', error: r.error });
    return null;
  }
  set({ sale: r.value });
  return r.value;
}

/**
 * After a tender: main says where the sale stands. Paid in full → the result. Money taken and some
 * still due (a partial approval, a part in cash) → the next tender, with what happened above it.
 * Nothing taken (a decline, a cancel) → the result of that tender, from where another way to pay can
 * be chosen.
 */
async function afterTender(
  get: Get,
  set: Set,
  outcome: NonNullable<SaleSlice['outcome']>,
  id: string | undefined = get().sale?.saleId,
): Promise<void> {
  const r = id ? await pos.sale.get({ saleId: id }) : null;
  const sale = r?.ok ? r.value : get().sale;
  if (sale && sale.state === 'open' && sale.paidCents > 0)
    return set({
      phase: 'tender',
      tendering: true,
      sale,
      partCents: null,
      outcome: null,
      error: null,
      lastWords: `${outcome.message} ${sale.message}${outcome.drawer ? ` ${outcome.drawer.message}` : ''}`,
    });
  set({ phase: 'result', sale, partCents: null, outcome, error: null });
}

/** A terminal answer, in the same shape as a card form's (plus its tip). */
async function showTerminal(get: Get, set: Set, t: TerminalStart, r: BridgeResult<TerminalProgress>): Promise<void> {
  if (!r.ok) return set({ phase: 'result', outcome: null, error: r.error });
  const p = r.value;
  if (p.state === 'waiting') return;
  if (p.state === 'unknown')
    return set({ phase: 'result', outcome: null, error: { code: 'helcim_unknown_outcome', message: p.message } });
  set({ terminal: null }); // answered: a second answer still in flight is dropped (see checkTerminal)
  await afterTender(
    get,
    set,
    {
      attemptId: t.attemptId,
      kind: 'purchase',
      outcome: p.state,
      amountCents: p.amountCents,
      currency: p.currency,
      transactionId: p.transactionId,
      approvalCode: p.approvalCode,
      cardType: p.cardType,
      cardLast4: p.cardLast4,
      message: p.message,
      tipCents: p.tipCents,
    },
    t.saleId ?? get().sale?.saleId,
  );
}

export const useSale = create<SaleSlice>((set, get) => ({
  ...initial,

  pressKey: (key) => {
    if (get().phase !== 'entry') return;
    const cents = get().amountCents;
    let next = cents;
    if (/^\d$/.test(key)) next = cents * 10 + Number(key);
    else if (key === '00') next = cents * 100;
    else if (key === 'Backspace') next = Math.floor(cents / 10);
    else if (key === 'Clear') next = 0;
    if (next <= MAX_AMOUNT_CENTS) set({ amountCents: next, error: null });
    else
      set({
        error: {
          code: 'invalid_payload',
          message: currentT().t('sale.mostDigit', { max: formatCents(MAX_AMOUNT_CENTS, 'CAD') }),
        },
      });
  },

  charge: async (currency) => {
    const { phase } = get();
    if (phase !== 'entry' && phase !== 'tender') return;
    if (phase === 'entry' && chargeCents(get()) <= 0)
      return set({ error: { code: 'invalid_payload', message: currentT().t('sale.typeFirstVerify') } });
    set({ phase: 'starting', error: null });
    const sale = await saleForTender(get, set, currency);
    if (!sale) return;
    const r = await pos.purchase.start({ amountCents: tenderCents(get()), currency, ...sale });
    set(r.ok ? { phase: 'checkout', checkout: r.value } : { phase: idlePhase(get()), error: r.error }); // the phase differs on each side
  },

  hold: async (currency) => {
    const { phase, amountCents } = get();
    // A hold is a deposit typed on the keypad, not a cart's sale.
    if (phase !== 'entry' || get().cart.length > 0) return;
    if (amountCents <= 0)
      return set({ error: { code: 'invalid_payload', message: currentT().t('sale.typeHoldFirst') } });
    set({ phase: 'starting', error: null });
    const r = await pos.preauth.start({ amountCents, currency });
    set(r.ok ? { phase: 'checkout', checkout: r.value } : { phase: 'entry', error: r.error });
  },

  verify: async (currency) => {
    if (get().phase !== 'entry' || get().cart.length > 0) return;
    set({ phase: 'starting', error: null });
    const r = await pos.verify.start({ currency });
    set(r.ok ? { phase: 'checkout', checkout: r.value } : { phase: 'entry', error: r.error });
  },

  startCash: () => {
    const phase = get().phase;
    if (phase !== 'entry' && phase !== 'tender') return;
    if (phase === 'entry' && chargeCents(get()) <= 0)
      return set({ error: { code: 'invalid_payload', message: currentT().t('sale.typeFirst') } });
    set({ phase: 'cash', error: null });
  },

  payCash: async (tenderedCents, currency) => {
    if (get().phase !== 'cash') return;
    const sale = await saleForTender(get, set, currency);
    if (!sale) return set({ phase: 'cash' });
    // Less than this tender handed over: taken as a part of the sale, the rest stays due. What settles
    // it in cash (rounded to 5¢ where pennies are gone) pays all of it: main rounds and records that.
    const settles = tenderedCents >= cashDueCents(get(), useStatus.getState().status?.cashRounding ?? false);
    const amountCents = settles ? tenderCents(get()) : Math.min(tenderCents(get()), tenderedCents);
    const r = await pos.cash.sale({ amountCents, tenderedCents, currency, ...sale });
    if (!r.ok) return set({ error: r.error });
    const c = r.value;
    set({ sale: c.sale });
    await afterTender(get, set, {
      attemptId: c.attemptId,
      kind: 'purchase',
      outcome: 'approved',
      amountCents: c.amountCents,
      currency: c.currency,
      message: (() => {
        const { t, money } = currentT();
        return t('cash.recorded', {
          amount: money(c.amountCents, c.currency),
          change: money(c.changeCents, c.currency),
        });
      })(),
      cash: { tenderedCents: c.tenderedCents, changeCents: c.changeCents },
      drawer: c.drawer,
    });
  },

  backToEntry: () => {
    if (get().phase === 'cash') set({ phase: idlePhase(get()), error: null });
  },

  setPart: (cents) => set({ partCents: cents, error: null }),

  setLanguage: (language) => {
    const { sale, cart } = get();
    if (!sale) return set({ language });
    // A cart's sale, nothing taken yet: main takes the language with the lines (the display follows).
    if (cart.length > 0 && sale.paidCents === 0 && get().phase === 'entry') {
      set({ language });
      void resendCart();
    }
  },

  chooseTender: async (currency) => {
    const { phase } = get();
    if (phase === 'entry' && chargeCents(get()) <= 0)
      return set({ error: { code: 'invalid_payload', message: currentT().t('sale.typeFirst') } });
    if (phase !== 'entry' && phase !== 'result') return;
    if (!(await ensureSale(get, set, currency))) return;
    set({
      phase: 'tender',
      tendering: true,
      outcome: null,
      error: null,
      lastWords: get().outcome ? `${get().outcome!.message}` : null,
    });
  },

  resume: async (saleId) => {
    if (get().phase !== 'entry') return;
    const r = await pos.sale.get({ saleId });
    if (!r.ok) return set({ error: r.error });
    const open = r.value.state === 'open';
    set({
      ...initial,
      phase: open ? 'tender' : 'entry',
      tendering: open,
      sale: r.value,
      amountCents: r.value.totalCents,
      lastWords: r.value.message,
    });
  },

  refreshOpenSale: async () => {
    const { phase, sale } = get();
    if (phase !== 'tender' || !sale) return;
    const r = await pos.sale.get({ saleId: sale.saleId });
    // Only if nothing moved on here meanwhile (this window's own tender settles it through afterTender).
    if (!r.ok || get().phase !== 'tender' || get().sale?.saleId !== sale.saleId) return;
    const now = r.value;
    if (now.state !== 'open')
      return set({
        ...initial,
        lastWords: currentT().t('sale.finishedElsewhere', { number: now.number, state: now.state }),
      });
    if (now.paidCents !== sale.paidCents || now.checkingCents !== sale.checkingCents || now.dueCents !== sale.dueCents)
      set({ sale: now });
  },

  abandon: async (approval) => {
    const sale = get().sale;
    if (!sale) return set({ ...initial });
    if (!approval) {
      const r = await pos.sale.discard({ saleId: sale.saleId });
      return set(r.ok ? { ...initial } : { error: r.error });
    }
    const saleNumber = String(sale.number);
    const ask = {
      action: 'abandon',
      saleNumber,
      amountCents: sale.backCents,
      managerId: approval.managerId,
      pin: approval.pin,
    } as const;
    const r = await withManagerApproval(ask, (approvalId) =>
      pos.sale.abandon({ saleNumber, amountCents: sale.backCents, approvalId }),
    );
    if (!r.ok) {
      // What is due may have changed meanwhile (a late approval): the screen shows main's view again.
      const again = await pos.sale.get({ saleId: sale.saleId });
      return set({ error: r.error, ...(again.ok ? { sale: again.value } : {}) });
    }
    set({
      ...initial,
      lastWords: currentT().t('sale.abandonedWords', {
        number: r.value.number,
        amount: formatCents(sale.backCents, sale.currency),
        words: r.value.message,
      }),
    });
  },

  chargeOnTerminal: async (currency) => {
    const { phase } = get();
    if (phase !== 'entry' && phase !== 'tender') return;
    if (phase === 'entry' && chargeCents(get()) <= 0)
      return set({ error: { code: 'invalid_payload', message: currentT().t('sale.typeFirst') } });
    set({ phase: 'starting', error: null });
    const sale = await saleForTender(get, set, currency);
    if (!sale) return;
    const r = await pos.terminal.start({ amountCents: tenderCents(get()), currency, ...sale });
    set(r.ok ? { phase: 'terminal', terminal: r.value } : { phase: idlePhase(get()), error: r.error });
  },

  chargeSavedCard: async (cardId, currency) => {
    const { phase, sale } = get();
    if ((phase !== 'entry' && phase !== 'tender') || !sale) return;
    set({ phase: 'starting', error: null });
    const r = await pos.sale.chargeSavedCard({
      saleId: sale.saleId,
      cardId,
      amountCents: tenderCents(get()),
      currency,
    });
    if (!r.ok) return set({ phase: idlePhase(get()), error: r.error });
    await afterTender(get, set, r.value);
  },

  saveCard: async (customerCode, currency) => {
    const { phase } = get();
    if (phase !== 'entry' && phase !== 'tender') return;
    set({ phase: 'starting', error: null });
    const r = await pos.customers.saveCard({ customerCode, currency, consent: true });
    set(
      r.ok ? { phase: 'checkout', checkout: r.value, savingCard: true } : { phase: idlePhase(get()), error: r.error },
    );
  },

  reloadSale: async () => {
    const sale = get().sale;
    if (!sale) return;
    const r = await pos.sale.get({ saleId: sale.saleId });
    if (r.ok && get().sale?.saleId === sale.saleId) set({ sale: r.value });
  },

  checkTerminal: async () => {
    const t = get().terminal;
    if (!t || get().phase !== 'terminal') return;
    const r = await pos.terminal.check({ attemptId: t.attemptId });
    // A second answer (the screen asks every second) may arrive once the first moved on.
    if (get().phase === 'terminal' && get().terminal === t) await showTerminal(get, set, t, r);
  },

  customerCancelled: async () => {
    const t = get().terminal;
    if (!t || get().phase !== 'terminal') return;
    const r = await pos.terminal.cancel({ attemptId: t.attemptId });
    if (get().phase === 'terminal' && get().terminal === t) await showTerminal(get, set, t, r);
  },

  finish: async (event) => {
    const c = get().checkout;
    if (!c || get().phase !== 'checkout') return;
    set({ phase: 'finishing' });
    const r = await pos.checkout.finish({ attemptId: c.attemptId, event });
    // Saving a customer's card is no tender: whatever Helcim said, back to the sale with its words.
    if (get().savingCard)
      return set({
        phase: idlePhase(get()),
        checkout: null,
        savingCard: false,
        error: r.ok ? null : r.error,
        lastWords: r.ok ? r.value.message : null,
      });
    if (!r.ok) return set({ phase: 'result', outcome: null, error: r.error });
    // Verify and hold are no tender of a sale.
    if (r.value.kind !== 'purchase') return set({ phase: 'result', outcome: r.value, error: null });
    await afterTender(get, set, r.value, c.saleId ?? get().sale?.saleId);
  },

  fail: (message) => set({ phase: 'result', outcome: null, error: { code: 'internal', message } }),

  cancelCheckout: async () => {
    const c = get().checkout;
    if (!c || get().phase !== 'checkout') return;
    await get().finish({ eventName: `helcim-pay-js-${c.checkoutToken}`, eventStatus: 'HIDE', eventMessage: '' });
  },

  showTyped: (amountCents, currency) => void pos.display.typed({ amountCents, currency }),
  newSale: () => {
    // A sale left with nothing taken (a decline, a cancel) is discarded; main refuses if anything was taken.
    const s = get().sale;
    if (s && s.state === 'open' && s.paidCents === 0) void pos.sale.discard({ saleId: s.saleId });
    set({ ...initial });
  },
}));

attachCart({ get: useSale.getState, set: useSale.setState });

// The shell's tabs wait while a card form is on screen (see useNav's cardFormOpen).
useSale.subscribe((s) => {
  const open = inCheckout(s.phase);
  if (useNav.getState().cardFormOpen !== open) useNav.setState({ cardFormOpen: open });
});

forgetOnSignOut(() => useSale.getState().newSale());
