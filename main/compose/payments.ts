/**
 * The payments feature, built for core.ts: card forms, the Smart Terminal, cash and the drawer, split
 * sales, refunds and voids, holds, late approvals and reconciliation — and their handlers. Main owns
 * every money state to its end: a session that ends hands its open work over here.
 */
import { CashRounding } from '../payments/rounding';
import { SaleLines } from '../cart/lines';
import type { SaleView } from '../../common/contract';
import type { Foundation } from './foundation';
import type { HardwareFeature } from './hardware';
import type { HelcimFeature } from './helcim';
import type { ShopFeature } from './shop';
import { SharedLookups } from '../payments/shared-lookups';
import { decide } from '../policy/table';
import { CashService } from '../payments/cash';
import { CheckoutService } from '../payments/checkout';
import { DrawerService } from '../payments/drawer';
import { LineReturns } from '../cart/returns';
import { paymentHandlers } from '../payments/handlers';
import { HoldsService } from '../payments/holds';
import { LateApprovals } from '../payments/late-approvals';
import { Reconciler } from '../payments/reconcile';
import { ReturnsService } from '../payments/returns';
import { SalesService } from '../payments/sales';
import { TerminalService } from '../payments/terminal';
import { SaleInvoices } from '../invoices/invoices';
import { Customers } from '../customers/customers';
import { customerHandlers } from '../customers/handlers';
import { counterIp } from '../payments/money-call';

export function paymentsFeature(
  foundation: Foundation,
  helcim: HelcimFeature,
  hardware: HardwareFeature,
  shop: ShopFeature,
) {
  const { journal, now, settings, invoicePrefix, record: audit } = foundation;
  const { client, token, mode, gateway } = helcim;
  const options = foundation.options;
  // The counter's one record of approvals found after it stopped waiting (card forms, terminal, reconciliation).
  // `sales` is built further down (from the drawer and printer); nothing is recorded late before it exists.
  const late = new LateApprovals({ journal, now, audit, saleOf: (id): SaleView => sales.view(id) });
  const checkout = new CheckoutService({
    late,
    client,
    journal,
    token,
    mode,
    scriptUrl: () => gateway.scriptUrl(),
    hostUrl: () => `${helcim.checkoutOrigin()}/host.html`,
    now,
    invoicePrefix,
  });
  // A card form open in a window holds off its idle lock; a session that ends closes its card forms.
  foundation.sessions.setBusy((windowId) => checkout.liveIn(windowId));
  // Linked counters: one of them looks every counter's terminal sales up (issue 31); alone: nothing shared.
  const shared = new SharedLookups({
    board: () => shop.shop.terminalBoard(),
    counterId: foundation.keys.databaseId,
    sealer: () => shop.shop.sealer(),
    client,
    token,
    lookupSlot: helcim.lookupSlot,
    mode,
    now,
    spacingMs: (base, own, busy, leadingSince) => helcim.budget.leadSpacingMs(base, own, busy, leadingSince),
    log: foundation.log,
    leaseMs: options.sharedLeaseMs,
    staleMs: options.sharedStaleMs,
    lookEveryMs: options.terminalLookupMs,
  });
  const terminal = new TerminalService({
    shared,
    late,
    audit,
    client,
    journal,
    token,
    mode,
    now,
    deviceCode: () => settings.get('terminal.code'),
    setDeviceCode: (code) => settings.set('terminal.code', code),
    invoicePrefix,
    lookupSlot: helcim.lookupSlot,
    lookupEveryMs: options.terminalLookupMs,
    lateWatchMs: options.terminalWatchMs,
    answerMs: options.terminalAnswerMs,
    spacingMs: (base) => helcim.budget.backgroundSpacingMs(base),
  });
  // A session that ends (sign-out, idle lock, window closed) hands its open money work to main.
  foundation.sessions.onEnd((windowId) => {
    checkout.abandon(windowId);
    terminal.handOver(windowId);
    hardware.typing.forget(windowId);
  });
  const reconciler = new Reconciler({
    journal,
    client,
    token: (use) => gateway.token(use),
    mode,
    // A card form on screen, or a customer at the terminal: their own result settles them.
    isOpen: (id) => checkout.isOpen(id) || terminal.isLive(id),
    log: foundation.log,
    now,
    lateArrivalMs: options.lateArrivalMs,
    announce: (a) => late.announce(a, 'late.found'),
  });
  const moneyCalls = { client, journal, token, mode, audit, reconcile: (id: string) => reconciler.one(id), now };
  // Customers at the counter and their saved cards (main/customers): Helcim's, read with the General token.
  const customers = new Customers({
    db: foundation.db,
    journal,
    client,
    token,
    slot: helcim.lookupSlot,
    now,
    mode,
    audit,
    staffName: (id) => foundation.staffStore.list().find((s) => s.id === id)?.name ?? '—',
    reconcile: (id) => reconciler.one(id),
    ipAddress: counterIp,
  });
  const returns = new ReturnsService({
    ...moneyCalls,
    terminalPaired: () => settings.get('terminal.code') !== null,
    terminalRefund: (v, cents, session, approval, slot, within) =>
      terminal.refund(v, cents, session, approval, slot, approval.windowId, within),
  });
  const holds = new HoldsService(moneyCalls);
  // Cash to 5¢ where pennies are gone: a shop in Canada (its place on the Sales tax card), or a US shop that asked for it.
  const rounding = new CashRounding({
    db: foundation.db,
    applies: (currency) => {
      const { jurisdiction, roundCash } = settings.get('tax');
      return jurisdiction === 'US' ? roundCash : jurisdiction !== null && currency === 'CAD';
    },
  });
  const drawer = new DrawerService({
    db: foundation.db,
    journal,
    currency: foundation.currency,
    now,
    blindClose: () => settings.get('drawer.blind_close'),
    audit,
    roundingBetween: (from, to) => rounding.between(from, to).cents,
  });
  const saleLines = new SaleLines(foundation.db);
  const sales = new SalesService({
    db: foundation.db,
    journal,
    now,
    mode,
    audit,
    returns,
    // Voiding an abandoned sale's card parts needs exactly what a void needs: one rule, the policy table's.
    voidToken: (session) => {
      const d = decide('reverse.submit', session.role, gateway.access());
      return d.allowed && d.token
        ? { slot: d.token }
        : { refused: d.allowed ? { key: 'error.token.noVoid' } : { key: d.key, values: d.values } };
    },
    cashInDrawer: () => drawer.cashInDrawer(),
    openDrawer: (why) => hardware.printer.openDrawer(why),
    shopLanguage: () => settings.get('shop.language'),
    linesOf: (saleId) => saleLines.of(saleId),
    taxesOf: (saleId) => saleLines.taxesOf(saleId),
    roundingOf: (attemptId) => rounding.of(attemptId),
    subtotalOf: (saleId) => saleLines.subtotalOf(saleId),
    saleDiscountOf: (saleId) => saleLines.discountsOf(saleId).get(0) ?? null,
    customerOf: (saleId) => customers.of(saleId),
  });
  // Returns by line: what of each line of a sale went back, written with the attempt that gave it back.
  const lineReturns = new LineReturns({
    db: foundation.db,
    sales,
    saleOfTransaction: (transactionId) => journal.byHelcimTransaction(transactionId)?.saleId ?? null,
    taxesByCategory: (saleId) => saleLines.taxesByCategory(saleId),
  });
  // The sale's itemized invoice in Helcim, made before its first card part (main/invoices).
  // A line's department comes from the catalog, composed after payments (core.ts sets it).
  let departmentOf: (itemId: string) => string = () => '';
  const invoices = new SaleInvoices({
    db: foundation.db,
    client,
    token,
    slot: helcim.lookupSlot,
    sale: (saleId) => sales.view(saleId),
    departmentOf: (line) => (line.itemId ? departmentOf(line.itemId) : ''),
    invoicePrefix,
    now,
    audit,
    customerIdOf: (saleId) => {
      const id = Number(customers.of(saleId)?.customerId);
      return Number.isSafeInteger(id) && id > 0 ? id : null;
    },
    journal,
    firstTenderAt: (saleId) =>
      journal
        .bySale(saleId)
        .map((a) => a.createdAt)
        .sort()[0] ?? null,
  });
  const cash = new CashService({
    journal,
    sales,
    mode,
    cashInDrawer: () => drawer.cashInDrawer(),
    drawerInUse: () => drawer.inUse(),
    audit,
    openDrawer: (why) => hardware.printer.openDrawer(why),
    rounding,
  });
  /** One pass of the late-approval sweep: approvals of sales recorded as cancelled, found whenever Helcim lists them. */
  const sweepLate = () =>
    late.sweep({
      client,
      token: () => gateway.token('lookup'),
      invoicePrefix,
      mode: mode(),
      watchedElsewhere: (id) => checkout.isOpen(id) || terminal.watching(id),
    });
  return {
    invoices,
    /** Where a sale's lines come from, for an invoice grouped by department (core.ts, once the catalog exists). */
    useDepartments: (f: (itemId: string) => string) => {
      departmentOf = f;
    },
    late,
    checkout,
    terminal,
    shared,
    reconciler,
    returns,
    holds,
    drawer,
    sales,
    saleLines,
    lineReturns,
    cash,
    rounding,
    sweepLate,
    customers,
    handlers: {
      ...customerHandlers({ customers, sales, journal }),
      ...paymentHandlers({
        invoices,
        customerOf: (saleId) => customers.of(saleId),
        savedCards: customers,
        invoicePrefix,
        byLine: lineReturns,
        checkout,
        returns,
        holds,
        terminal,
        cash,
        sales,
        drawer,
        reconciler,
        journal,
        now,
        audit,
      }),
    },
  };
}
export type PaymentsFeature = ReturnType<typeof paymentsFeature>;
