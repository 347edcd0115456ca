/**
 * The bridge handlers of the payments feature: card checkouts, lookups, refunds and voids. The rule
 * that nobody charges a card while an earlier outcome is unknown lives here, with the charges.
 */
import { localDay } from '../../common/days';
import { PosError } from '../errors';
import { ATTEMPT_KINDS, type Journal } from '../journal/journal';
import { assertLookupDay } from '../policy/table';
import type { Handlers } from '../router';
import type { CheckoutService } from './checkout';
import type { Reconciler } from './reconcile';
import type { HoldsService } from './holds';
import type { TerminalService } from './terminal';
import type { CashService } from './cash';
import type { DrawerService } from './drawer';
import type { ReturnsService } from './returns';
import type { SaleForTender, SalesService } from './sales';
import type { CheckoutOutcome, Currency, ReturnLinePick, SaleView, SavedCardView } from '../../common/contract';
import type { Session } from '../session';
import type { TokenSlot } from '../policy/table';

type PaymentOps =
  | 'purchase.start'
  | 'verify.start'
  | 'preauth.start'
  | 'checkout.finish'
  | 'transactions.search'
  | 'refund.submit'
  | 'reverse.submit'
  | 'holds.list'
  | 'terminal.start'
  | 'cash.sale'
  | 'cash.refund'
  | 'sale.open'
  | 'sale.get'
  | 'sale.discard'
  | 'sale.abandon'
  | 'drawer.status'
  | 'drawer.open'
  | 'drawer.payIn'
  | 'drawer.payOut'
  | 'drawer.close'
  | 'terminal.check'
  | 'terminal.cancel'
  | 'terminal.devices'
  | 'terminal.pair'
  | 'terminal.unpair'
  | 'capture.submit'
  | 'release.submit'
  | 'customers.saveCard'
  | 'sale.chargeSavedCard';

/**
 * Returns by line (main/cart/returns.ts), as the money paths use them: the lines a return gives back,
 * written with the attempt that moves the money.
 */
export type ReturnsByLine = {
  saleOf(transactionId: string): SaleView | null;
  saleToReturn(by: { saleNumber: string } | { transactionId: string }): SaleView;
  givingBack(
    sale: SaleView,
    picks: readonly ReturnLinePick[],
    approvedCents: number,
  ): { record: (attemptId: string) => void };
  givingBackAll(sale: SaleView): { record: (attemptId: string) => void } | undefined;
};

export type PaymentsDeps = {
  byLine: ReturnsByLine;
  /** The sale's Helcim invoice, made before its first card part (main/invoices); null: a payment alone. */
  invoices: { forCardPart(saleId: string, staffId: string): Promise<{ invoiceNumber: string } | null> };
  /** The sale's customer, if one is attached (main/customers). */
  customerOf: (saleId: string) => { customerCode: string } | null;
  /** Saved cards (main/customers): the customer's consent recorded, a saved card charged. */
  savedCards: {
    recordConsent(customerCode: string, verifyAttemptId: string, staffId: string): void;
    cards(customerCode: string): Promise<SavedCardView[]>;
    chargeSaved(
      p: { saleId: string; invoiceNumber: string | null; cardId: number; amountCents: number },
      currency: Currency,
      session: Session,
      slot: TokenSlot,
      invoicePrefix: string,
    ): Promise<CheckoutOutcome>;
  };
  invoicePrefix: string;
  checkout: CheckoutService;
  returns: ReturnsService;
  holds: HoldsService;
  terminal: TerminalService;
  cash: CashService;
  sales: SalesService;
  drawer: DrawerService;
  audit: (actor: string, action: string, detail: string) => void;
  reconciler: Reconciler;
  journal: Journal;
  now: () => number;
};

/**
 * Attempts whose outcome is still being established, for the status bar: card forms and terminal
 * sales on the screen of whoever started them excepted (that screen shows them); a terminal sale
 * whose session ended counts until main has its result.
 */
export const unresolvedCount = (deps: Pick<PaymentsDeps, 'journal' | 'checkout' | 'terminal'>) =>
  deps.journal.unresolvedIds(ATTEMPT_KINDS).filter((id) => !deps.checkout.isLive(id) && !deps.terminal.onScreen(id))
    .length;

/**
 * A card part of a cart's sale pays against the sale's itemized invoice in Helcim, for the sale's
 * customer if one is attached; a sale written with this tender (a typed total) has no lines, no
 * invoice and no customer. The invoice never stops the sale.
 */
export async function withInvoice(
  deps: Pick<PaymentsDeps, 'invoices' | 'customerOf'>,
  sale: SaleForTender,
  staffId: string,
): Promise<SaleForTender> {
  if (sale.create) return sale;
  const customer = deps.customerOf(sale.saleId);
  const invoice = await deps.invoices.forCardPart(sale.saleId, staffId);
  return {
    ...sale,
    ...(invoice ? { invoiceNumber: invoice.invoiceNumber } : {}),
    ...(customer ? { customerCode: customer.customerCode } : {}),
  };
}

/**
 * A card tender, with the sale it pays in its answer. A tender that opened its sale and was then refused
 * (the sale was written with its cancelled attempt) closes that sale again: the screen never learnt its
 * number, so it would stay open with nothing paid. One still being checked stays, for reconciliation.
 */
async function firstTender<T extends object>(
  deps: Pick<PaymentsDeps, 'sales'>,
  sale: SaleForTender,
  session: Session,
  start: () => Promise<T>,
): Promise<T & { saleId: string }> {
  try {
    return { ...(await start()), saleId: sale.saleId };
  } catch (err) {
    if (sale.create && deps.sales.exists(sale.saleId)) {
      // Its one part was refused, so nothing was taken on it; one still being checked keeps it open.
      if (deps.sales.view(sale.saleId).checkingCents === 0) deps.sales.discard(sale.saleId, session);
    }
    throw err;
  }
}

/** Nobody charges a card again while an earlier payment's outcome is still unknown. */
async function settledFirst(deps: PaymentsDeps): Promise<void> {
  const stuck = () =>
    deps.journal.unresolvedIds(['purchase', 'verify', 'preauth']).filter((id) => !deps.checkout.isLive(id));
  if (stuck().length === 0) return;
  await deps.reconciler.run();
  if (stuck().length > 0) throw new PosError('helcim_unknown_outcome', 'error.payment.earlierChecking');
}

export function paymentHandlers(deps: PaymentsDeps): Pick<Handlers, PaymentOps> {
  return {
    'purchase.start': async (p, ctx) => {
      await settledFirst(deps);
      const sale = await withInvoice(
        deps,
        deps.sales.tenderFor(p.saleId, p.amountCents, p.currency, ctx.session, p.newSale),
        ctx.session.staffId,
      );
      return firstTender(deps, sale, ctx.session, () =>
        deps.checkout.start('purchase', p.amountCents, p.currency, ctx.session, ctx.windowId, ctx.token, sale),
      );
    },
    'verify.start': async (p, ctx) => {
      await settledFirst(deps);
      return deps.checkout.start('verify', 0, p.currency, ctx.session, ctx.windowId, ctx.token);
    },
    'preauth.start': async (p, ctx) => {
      await settledFirst(deps);
      return deps.checkout.start('preauth', p.amountCents, p.currency, ctx.session, ctx.windowId, ctx.token);
    },
    // No session needed: the attempt is bound to its window, a result to its hash (see CheckoutService).
    'checkout.finish': async (p, ctx) => deps.checkout.finish(p.attemptId, p.event, ctx.session, ctx.windowId),
    'transactions.search': async (p, ctx) => {
      assertLookupDay(ctx.session.role, p.date, localDay(deps.now()));
      return deps.returns.search(p, ctx.token);
    },
    // With lines: main works the amount out from them (it must be the approved one) and writes them
    // with the refund's attempt, in the journal's transaction.
    'refund.submit': async (p, ctx) => {
      const lines = p.lines
        ? deps.byLine.givingBack(deps.byLine.saleToReturn({ transactionId: p.transactionId }), p.lines, p.amountCents)
        : undefined;
      return deps.returns.refund(p.transactionId, p.amountCents, ctx.session, ctx.approval, ctx.token, lines?.record);
    },
    // A void gives the whole payment back: when that payment paid the whole of a cart, every line comes back.
    'reverse.submit': async (p, ctx) => {
      const sale = deps.byLine.saleOf(p.transactionId);
      const all = sale && ctx.approval.amountCents >= sale.totalCents ? deps.byLine.givingBackAll(sale) : undefined;
      return deps.returns.reverse(p.transactionId, ctx.session, ctx.approval, ctx.token, all?.record);
    },
    'holds.list': async (_p, ctx) => deps.holds.list(ctx.token),
    'terminal.start': async (p, ctx) => {
      await settledFirst(deps);
      deps.terminal.paired(); // no terminal: refused before an invoice is made for nothing
      const sale = await withInvoice(
        deps,
        deps.sales.tenderFor(p.saleId, p.amountCents, p.currency, ctx.session, p.newSale),
        ctx.session.staffId,
      );
      return firstTender(deps, sale, ctx.session, () =>
        deps.terminal.start(p.amountCents, p.currency, ctx.session, ctx.windowId, ctx.token, sale),
      );
    },
    'cash.sale': async (p, ctx) =>
      deps.cash.sale(p.amountCents, p.tenderedCents, p.currency, ctx.session, p.saleId, p.newSale),
    'cash.refund': async (p, ctx) => {
      const lines = p.lines
        ? deps.byLine.givingBack(deps.byLine.saleToReturn({ saleNumber: p.saleNumber }), p.lines, p.amountCents)
        : undefined;
      return deps.cash.refund(p.saleNumber, p.amountCents, ctx.session, ctx.approval, lines?.record);
    },
    'sale.open': async (p, ctx) => deps.sales.open(p.amountCents, p.currency, ctx.session, p.language),
    'sale.get': async (p) => deps.sales.view(p.saleId),
    'sale.discard': async (p, ctx) => deps.sales.discard(p.saleId, ctx.session),
    'sale.abandon': async (p, ctx) => deps.sales.abandon(p.saleNumber, ctx.session, ctx.approval),
    'drawer.status': async (_p, ctx) => deps.drawer.view(ctx.session.role),
    'drawer.open': async (p, ctx) => deps.drawer.open(p.amountCents, ctx.session, ctx.approval),
    'drawer.payIn': async (p, ctx) => deps.drawer.move('in', p.amountCents, p.reason, ctx.session, ctx.approval),
    'drawer.payOut': async (p, ctx) => deps.drawer.move('out', p.amountCents, p.reason, ctx.session, ctx.approval),
    'drawer.close': async (p, ctx) => deps.drawer.close(p.countedCents, ctx.session),
    'terminal.check': async (p, ctx) => deps.terminal.check(p.attemptId, ctx.windowId),
    'terminal.cancel': async (p, ctx) => deps.terminal.cancel(p.attemptId, ctx.windowId),
    'terminal.devices': async (_p, ctx) => deps.terminal.devices(ctx.token),
    'terminal.pair': async (p, ctx) => {
      const r = await deps.terminal.pair(p.deviceCode, ctx.token);
      deps.audit(ctx.session.staffId, 'terminal.paired', p.deviceCode);
      return r;
    },
    'terminal.unpair': async (_p, ctx) => {
      deps.audit(ctx.session.staffId, 'terminal.unpaired', deps.terminal.info().deviceCode ?? '');
      return deps.terminal.unpair();
    },
    'capture.submit': async (p, ctx) => deps.holds.capture(p.transactionId, p.amountCents, ctx.session, ctx.token),
    'release.submit': async (p, ctx) => deps.holds.release(p.transactionId, ctx.session, ctx.approval, ctx.token),
    // A verification through HelcimPay.js under the customer's code saves their card; their consent is
    // recorded with it (who, when), the card itself once Helcim approves it.
    'customers.saveCard': async (p, ctx) => {
      await settledFirst(deps);
      await deps.savedCards.cards(p.customerCode); // the customer exists (Helcim would refuse the form otherwise)
      const start = await deps.checkout.start(
        'verify',
        0,
        p.currency,
        ctx.session,
        ctx.windowId,
        ctx.token,
        undefined,
        p.customerCode,
      );
      deps.savedCards.recordConsent(p.customerCode, start.attemptId, ctx.session.staffId);
      return start;
    },
    // A card part of the sale on a saved card of its customer (phone orders, house accounts).
    'sale.chargeSavedCard': async (p, ctx) => {
      await settledFirst(deps);
      const sale = await withInvoice(
        deps,
        deps.sales.tenderFor(p.saleId, p.amountCents, p.currency, ctx.session),
        ctx.session.staffId,
      );
      return deps.savedCards.chargeSaved(
        { saleId: p.saleId, invoiceNumber: sale.invoiceNumber ?? null, cardId: p.cardId, amountCents: p.amountCents },
        p.currency,
        ctx.session,
        ctx.token,
        deps.invoicePrefix,
      );
    },
  };
}
