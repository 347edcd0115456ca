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
import type { SalesService } from './sales';

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
  | 'release.submit';

export type PaymentsDeps = {
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
export const unresolvedCount = (d: Pick<PaymentsDeps, 'journal' | 'checkout' | 'terminal'>) =>
  d.journal.unresolvedIds(ATTEMPT_KINDS).filter((id) => !d.checkout.isLive(id) && !d.terminal.onScreen(id)).length;

/** Nobody charges a card again while an earlier payment's outcome is still unknown. */
async function settledFirst(d: PaymentsDeps): Promise<void> {
  const stuck = () => d.journal.unresolvedIds(['purchase', 'verify', 'preauth']).filter((id) => !d.checkout.isLive(id));
  if (stuck().length === 0) return;
  await d.reconciler.run();
  if (stuck().length > 0) throw new PosError('helcim_unknown_outcome', 'error.payment.earlierChecking');
}

export function paymentHandlers(d: PaymentsDeps): Pick<Handlers, PaymentOps> {
  return {
    'purchase.start': async (p, ctx) => {
      await settledFirst(d);
      const sale = d.sales.tenderFor(p.saleId, p.amountCents, p.currency, ctx.session);
      return d.checkout.start('purchase', p.amountCents, p.currency, ctx.session, ctx.windowId, ctx.token, sale);
    },
    'verify.start': async (p, ctx) => {
      await settledFirst(d);
      return d.checkout.start('verify', 0, p.currency, ctx.session, ctx.windowId, ctx.token);
    },
    'preauth.start': async (p, ctx) => {
      await settledFirst(d);
      return d.checkout.start('preauth', p.amountCents, p.currency, ctx.session, ctx.windowId, ctx.token);
    },
    // No session needed: the attempt is bound to its window, a result to its hash (see CheckoutService).
    'checkout.finish': async (p, ctx) => d.checkout.finish(p.attemptId, p.event, ctx.session, ctx.windowId),
    'transactions.search': async (p, ctx) => {
      assertLookupDay(ctx.session.role, p.date, localDay(d.now()));
      return d.returns.search(p, ctx.token);
    },
    'refund.submit': async (p, ctx) =>
      d.returns.refund(p.transactionId, p.amountCents, ctx.session, ctx.approval, ctx.token),
    'reverse.submit': async (p, ctx) => d.returns.reverse(p.transactionId, ctx.session, ctx.approval, ctx.token),
    'holds.list': async (_p, ctx) => d.holds.list(ctx.token),
    'terminal.start': async (p, ctx) => {
      await settledFirst(d);
      const sale = d.sales.tenderFor(p.saleId, p.amountCents, p.currency, ctx.session);
      return d.terminal.start(p.amountCents, p.currency, ctx.session, ctx.windowId, ctx.token, sale);
    },
    'cash.sale': async (p, ctx) => d.cash.sale(p.amountCents, p.tenderedCents, p.currency, ctx.session, p.saleId),
    'cash.refund': async (p, ctx) => d.cash.refund(p.transactionId, p.amountCents, ctx.session, ctx.approval),
    'sale.open': async (p, ctx) => d.sales.open(p.amountCents, p.currency, ctx.session, p.language),
    'sale.get': async (p) => d.sales.view(p.saleId),
    'sale.discard': async (p, ctx) => d.sales.discard(p.saleId, ctx.session),
    'sale.abandon': async (p, ctx) => d.sales.abandon(p.transactionId, ctx.session, ctx.approval),
    'drawer.status': async (_p, ctx) => d.drawer.view(ctx.session.role),
    'drawer.open': async (p, ctx) => d.drawer.open(p.amountCents, ctx.session, ctx.approval),
    'drawer.payIn': async (p, ctx) => d.drawer.move('in', p.amountCents, p.reason, ctx.session, ctx.approval),
    'drawer.payOut': async (p, ctx) => d.drawer.move('out', p.amountCents, p.reason, ctx.session, ctx.approval),
    'drawer.close': async (p, ctx) => d.drawer.close(p.countedCents, ctx.session),
    'terminal.check': async (p, ctx) => d.terminal.check(p.attemptId, ctx.windowId),
    'terminal.cancel': async (p, ctx) => d.terminal.cancel(p.attemptId, ctx.windowId),
    'terminal.devices': async (_p, ctx) => d.terminal.devices(ctx.token),
    'terminal.pair': async (p, ctx) => {
      const r = await d.terminal.pair(p.deviceCode, ctx.token);
      d.audit(ctx.session.staffId, 'terminal.paired', p.deviceCode);
      return r;
    },
    'terminal.unpair': async (_p, ctx) => {
      d.audit(ctx.session.staffId, 'terminal.unpaired', d.terminal.info().deviceCode ?? '');
      return d.terminal.unpair();
    },
    'capture.submit': async (p, ctx) => d.holds.capture(p.transactionId, p.amountCents, ctx.session, ctx.token),
    'release.submit': async (p, ctx) => d.holds.release(p.transactionId, ctx.session, ctx.approval, ctx.token),
  };
}
