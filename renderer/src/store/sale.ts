/**
 * The sale in progress: amount entry -> checkout (HelcimPay.js) -> result. Decisions about what is
 * allowed and what happened are main's; this slice only follows them.
 */
import { create } from 'zustand';
import type {
  BridgeError,
  BridgeResult,
  CheckoutEvent,
  CheckoutOutcome,
  CheckoutStart,
  Currency,
  TerminalProgress,
  TerminalStart,
} from '../../../preload/contract';
import { MAX_AMOUNT_CENTS } from '../../../preload/limits';
import { pos } from '../pos';
import { formatCents } from '../format';

/** `terminal`: the customer is at the Smart Terminal; main looks the result up. `cash`: counting the cash. */
export type Phase = 'entry' | 'starting' | 'checkout' | 'finishing' | 'terminal' | 'cash' | 'result';

type SaleSlice = {
  phase: Phase;
  amountCents: number;
  checkout: CheckoutStart | null;
  /** The sale on the terminal, while the customer is at it. */
  terminal: TerminalStart | null;
  /** The result screen's facts; a tip added on the terminal comes with it. */
  outcome: (CheckoutOutcome & { tipCents?: number; cash?: { tenderedCents: number; changeCents: number } }) | null;
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
  /** Back to the amount from the cash screen (nothing recorded). */
  backToEntry: () => void;
  /** Pushes the amount to this counter's terminal (the default once one is paired). */
  chargeOnTerminal: (currency: Currency) => Promise<void>;
  /** Asks main where the terminal sale stands (the screen calls it every second). */
  checkTerminal: () => Promise<void>;
  /** The cashier says the customer cancelled on the terminal: main asks Helcim before it believes it. */
  customerCancelled: () => Promise<void>;
  finish: (event: CheckoutEvent) => Promise<void>;
  fail: (message: string) => void;
  /** Escape or ×: the same confirmed cancel as Helcim's own close button (main asks Helcim's list). */
  cancelCheckout: () => Promise<void>;
  newSale: () => void;
};

/** A card form is on screen (or about to be): tabs and sign-out wait for it. */
export const inCheckout = (phase: Phase) => phase === 'starting' || phase === 'checkout' || phase === 'finishing' || phase === 'terminal';

const initial = { phase: 'entry' as Phase, amountCents: 0, checkout: null, terminal: null, outcome: null, error: null };

/** A terminal answer on the result screen, in the same shape as a card form's (plus its tip). */
function showTerminal(set: (p: Partial<SaleSlice>) => void, t: TerminalStart, r: BridgeResult<TerminalProgress>): void {
  if (!r.ok) return set({ phase: 'result', outcome: null, error: r.error });
  const p = r.value;
  if (p.state === 'waiting') return;
  if (p.state === 'unknown') return set({ phase: 'result', outcome: null, error: { code: 'helcim_unknown_outcome', message: p.message } });
  set({
    phase: 'result',
    error: null,
    outcome: {
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
  });
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
    else set({ error: { code: 'invalid_payload', message: `The most one sale can be is ${formatCents(MAX_AMOUNT_CENTS, 'CAD')}. That digit was not added.` } });
  },

  charge: async (currency) => {
    const { phase, amountCents } = get();
    if (phase !== 'entry') return;
    if (amountCents <= 0)
      return set({ error: { code: 'invalid_payload', message: 'Type the amount first. To check a card without charging it, use Verify card.' } });
    set({ phase: 'starting', error: null });
    const r = await pos.purchase.start({ amountCents, currency });
    set(r.ok ? { phase: 'checkout', checkout: r.value } : { phase: 'entry', error: r.error }); // the phase differs on each side
  },

  hold: async (currency) => {
    const { phase, amountCents } = get();
    if (phase !== 'entry') return;
    if (amountCents <= 0) return set({ error: { code: 'invalid_payload', message: 'Type the amount to hold first.' } });
    set({ phase: 'starting', error: null });
    const r = await pos.preauth.start({ amountCents, currency });
    set(r.ok ? { phase: 'checkout', checkout: r.value } : { phase: 'entry', error: r.error });
  },

  verify: async (currency) => {
    if (get().phase !== 'entry') return;
    set({ phase: 'starting', error: null });
    const r = await pos.verify.start({ currency });
    set(r.ok ? { phase: 'checkout', checkout: r.value } : { phase: 'entry', error: r.error });
  },

  startCash: () => {
    if (get().phase !== 'entry') return;
    if (get().amountCents <= 0) return set({ error: { code: 'invalid_payload', message: 'Type the amount first.' } });
    set({ phase: 'cash', error: null });
  },

  payCash: async (tenderedCents, currency) => {
    const { phase, amountCents } = get();
    if (phase !== 'cash') return;
    const r = await pos.cash.sale({ amountCents, tenderedCents, currency });
    if (!r.ok) return set({ error: r.error });
    const c = r.value;
    set({
      phase: 'result',
      error: null,
      outcome: {
        attemptId: c.attemptId,
        kind: 'purchase',
        outcome: 'approved',
        amountCents: c.amountCents,
        currency: c.currency,
        message: `Cash sale recorded. Change due: ${formatCents(c.changeCents, c.currency)}.`,
        cash: { tenderedCents: c.tenderedCents, changeCents: c.changeCents },
      },
    });
  },

  backToEntry: () => {
    if (get().phase === 'cash') set({ phase: 'entry', error: null });
  },

  chargeOnTerminal: async (currency) => {
    const { phase, amountCents } = get();
    if (phase !== 'entry') return;
    if (amountCents <= 0) return set({ error: { code: 'invalid_payload', message: 'Type the amount first.' } });
    set({ phase: 'starting', error: null });
    const r = await pos.terminal.start({ amountCents, currency });
    set(r.ok ? { phase: 'terminal', terminal: r.value } : { phase: 'entry', error: r.error });
  },

  checkTerminal: async () => {
    const t = get().terminal;
    if (!t || get().phase !== 'terminal') return;
    showTerminal(set, t, await pos.terminal.check({ attemptId: t.attemptId }));
  },

  customerCancelled: async () => {
    const t = get().terminal;
    if (!t || get().phase !== 'terminal') return;
    showTerminal(set, t, await pos.terminal.cancel({ attemptId: t.attemptId }));
  },

  finish: async (event) => {
    const c = get().checkout;
    if (!c || get().phase !== 'checkout') return;
    set({ phase: 'finishing' });
    const r = await pos.checkout.finish({ attemptId: c.attemptId, event });
    if (r.ok) set({ phase: 'result', outcome: r.value, error: null });
    else set({ phase: 'result', outcome: null, error: r.error });
  },

  fail: (message) => set({ phase: 'result', outcome: null, error: { code: 'internal', message } }),

  cancelCheckout: async () => {
    const c = get().checkout;
    if (!c || get().phase !== 'checkout') return;
    await get().finish({ eventName: `helcim-pay-js-${c.checkoutToken}`, eventStatus: 'HIDE', eventMessage: '' });
  },

  newSale: () => set({ ...initial }),
}));
