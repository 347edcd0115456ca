/**
 * The composition root: builds main's domain and wires each feature's bridge handlers to the router.
 * No Electron import, so the Electron entry, the Node tests and the Chromium harness all run this
 * same code. Rules live in their features (payments, staff, helcim, reports, policy), not here.
 */
import { openDatabase } from './db';
import { HelcimGateway } from './helcim/gateway';
import { RateBudget } from './helcim/rate-budget';
import { helcimHandlers, HelcimReachability } from './helcim/handlers';
import { createDispatcher } from './ipc/dispatch';
import { AuditLog } from './journal/audit';
import { Journal } from './journal/journal';
import { CheckoutService } from './payments/checkout';
import { paymentHandlers, unresolvedCount } from './payments/handlers';
import { Reconciler } from './payments/reconcile';
import { HoldsService } from './payments/holds';
import { LOOKUP_EVERY_MS, TerminalService } from './payments/terminal';
import { LateApprovals } from './payments/late-approvals';
import type { SaleView } from '../common/contract';
import { CashService } from './payments/cash';
import { DrawerService } from './payments/drawer';
import { ReturnsService } from './payments/returns';
import { SalesService } from './payments/sales';
import { decide, tokenFor } from './policy/table';
import { reportHandlers } from './reports/handlers';
import { hardwareHandlers, PrinterService } from './hardware/printer';
import { AmountsBeingTyped, customerView } from './hardware/customer-display';
import { NO_OUTPUT } from './reports/output';
import { Reports } from './reports/reports';
import { createRouter } from './router';
import { SessionRegistry } from './session';
import { Settings } from './settings/settings';
import { ApprovalStore } from './policy/approvals';
import { staffHandlers } from './staff/handlers';
import { StaffService } from './staff/service';
import { StaffStore } from './staff/store';
import { statusHandlers } from './status/handlers';
import { openDatabaseKeys } from './vault/database-keys';
import { ShopLinkService } from './shop/service';
import { shopHandlers } from './shop/handlers';
import { registerInternals, type CoreOptions, type PosCore } from './core-api';

export { HELCIM_API_BASE, HELCIM_PAY_SCRIPT } from './helcim/gateway';
export { coreInternals, type CoreInternals, type CoreOptions, type PosCore } from './core-api';

/**
 * Keeps one number in the keychain, written in the background after each change (the audit trail's
 * rows are written synchronously; the keychain is async): one write at a time, the newest value last.
 */
class KeychainCounter {
  private pending: number | null = null;
  private writing: Promise<void> | null = null;

  constructor(private readonly write: (n: number) => Promise<void>) {}

  keep(n: number): void {
    this.pending = n;
    this.writing ??= (async () => {
      while (this.pending !== null) {
        const value = this.pending;
        this.pending = null;
        await this.write(value).catch(() => undefined);
      }
      this.writing = null;
    })();
  }

  settled(): Promise<void> {
    return this.writing ?? Promise.resolve();
  }
}

export async function createPosCore(o: CoreOptions): Promise<PosCore> {
  const log = o.log ?? ((line: string) => console.error(line));
  const currency = o.currency ?? 'CAD';
  const now = o.now ?? Date.now;
  const db = openDatabase(o.journalFile);
  const keys = await openDatabaseKeys(db, o.vault).catch((err: unknown) => {
    db.close();
    throw err;
  });

  const journal = new Journal(db, now);
  // The audit trail's length, kept in the keychain after each row: a trail cut short in the file is found.
  const auditCount = new KeychainCounter((n) => keys.keychain.setSecret('audit-count', String(n)));
  const audit = new AuditLog(db, keys.audit, now, {
    knownCount: Number((await keys.keychain.secret('audit-count')) ?? 0) || 0,
    keepCount: (n) => auditCount.keep(n),
  });
  // This counter's invoice prefix: in Helcim's list, its sales are told from another counter's by it.
  const invoicePrefix = `C${keys.databaseId.replace(/-/g, '').slice(0, 4).toUpperCase()}`;
  const settings = new Settings(db, log);
  const staffStore = new StaffStore(db, {
    pepper: keys.pepper,
    now,
    // A staff row changed outside the app (its seal does not hold): refused at sign-in, and recorded here.
    onTampered: (id, why) => audit.record('system', 'staff.tampered', `${id}: ${why}`),
  });
  if (keys.adopted.length) audit.record('system', 'keychain.tokens_bound', `${keys.adopted.join(' ')} bound to database ${keys.databaseId}`);
  const auditCheck = audit.startupCheck(log);

  const checkoutOrigin = () => `https://${settings.get('checkout.host')}`;
  const budget = new RateBudget(now);
  const gateway = await HelcimGateway.open({ vault: keys.keychain, settings, live: o.live, http: o.http, log, budget, now });
  const reachability = new HelcimReachability(gateway, now);
  const mode = () => gateway.mode;
  const token = (slot: 'sales' | 'admin') => gateway.token(slot);
  const client = () => gateway.client();

  const approvals = new ApprovalStore(now);
  const sessions = new SessionRegistry(() => settings.get('idle_lock_seconds') * 1000, now);
  const shop = new ShopLinkService({
    db,
    settings,
    keychain: keys.keychain,
    staff: staffStore,
    localPepper: keys.pepper,
    counterId: keys.databaseId,
    invoicePrefix,
    now,
    audit: (a, b, c) => audit.record(a, b, c),
    signOut: (staffId, why) => sessions.signOutStaff(staffId, why),
    afterCommit: o.shopAfterCommit,
    verifyAuditChain: (rows) => audit.verifyChain(rows),
  });
  await shop.start();
  // With the shop's pepper in use (a linked counter), rows from before seals are sealed — once per database.
  await staffStore.sealOnce(keys.keychain);
  const staff = new StaffService(
    staffStore,
    sessions,
    approvals,
    () => gateway.access(),
    audit,
    settings,
    (id, change) => shop.shared(id, change),
  );

  // The counter's one record of approvals found after it stopped waiting (card forms, terminal, reconciliation).
  // `sales` is built further down (from the drawer and printer); nothing is recorded late before it exists.
  const late = new LateApprovals({ journal, now, audit: (a, b, c) => audit.record(a, b, c), saleOf: (id): SaleView => sales.view(id) });
  const checkout = new CheckoutService({
    late,
    client,
    journal,
    token,
    mode,
    scriptUrl: () => gateway.scriptUrl(),
    hostUrl: () => `${checkoutOrigin()}/host.html`,
    now,
    invoicePrefix,
  });
  // A card form open in a window holds off its idle lock; a session that ends closes its card forms.
  sessions.setBusy((windowId) => checkout.liveIn(windowId));
  const terminal = new TerminalService({
    late,
    audit: (a, b, c) => audit.record(a, b, c),
    client,
    journal,
    token,
    mode,
    now,
    deviceCode: () => settings.get('terminal.code'),
    setDeviceCode: (code) => settings.set('terminal.code', code),
    invoicePrefix,
    lookupSlot: () => tokenFor('lookup', gateway.access())?.slot ?? null,
    lookupEveryMs: o.terminalLookupMs,
    lateWatchMs: o.terminalWatchMs,
    answerMs: o.terminalAnswerMs,
    spacingMs: (base) => budget.backgroundSpacingMs(base),
  });
  // A session that ends (sign-out, idle lock, window closed) hands its open money work to main.
  // What a cashier types before a sale opens, for the customer display (nobody's once they sign out).
  const typing = new AmountsBeingTyped();
  sessions.onEnd((windowId) => {
    checkout.abandon(windowId);
    terminal.handOver(windowId);
    typing.forget(windowId);
  });
  const reconciler = new Reconciler({
    journal,
    client,
    token: (use) => gateway.token(use),
    mode,
    // A card form on screen, or a customer at the terminal: their own result settles them.
    isOpen: (id) => checkout.isOpen(id) || terminal.isLive(id),
    log,
    now,
    lateArrivalMs: o.lateArrivalMs,
    announce: (a) => late.announce(a, 'late.found'),
  });
  const moneyCalls = {
    client,
    journal,
    token,
    mode,
    audit: (a: string, b: string, c: string) => audit.record(a, b, c),
    reconcile: (id: string) => reconciler.one(id),
    now,
  };
  const returns = new ReturnsService({
    ...moneyCalls,
    terminalPaired: () => settings.get('terminal.code') !== null,
    terminalRefund: (v, cents, session, approval, slot) => terminal.refund(v, cents, session, approval, slot, approval.windowId),
  });
  const holds = new HoldsService(moneyCalls);
  const shopName = () => settings.get('shop.name') ?? o.shopName ?? 'Counter POS';
  const output = o.output ?? NO_OUTPUT;
  const printer = new PrinterService({
    settings,
    output,
    shopName,
    audit: (a, b, c) => audit.record(a, b, c),
    note: (id, kind, detail) => journal.event(id, kind, detail),
    send: o.printerSend,
  });
  const drawer = new DrawerService({
    db,
    journal,
    currency,
    now,
    blindClose: () => settings.get('drawer.blind_close'),
    audit: (a, b, c) => audit.record(a, b, c),
  });
  const sales = new SalesService({
    db,
    journal,
    now,
    mode,
    audit: (a, b, c) => audit.record(a, b, c),
    returns,
    // Voiding an abandoned sale's card parts needs exactly what a void needs: one rule, the policy table's.
    voidToken: (session) => {
      const d = decide('reverse.submit', session.role, gateway.access());
      return d.allowed && d.token ? { slot: d.token } : { refused: d.allowed ? { key: 'error.token.noVoid' } : { key: d.key, values: d.values } };
    },
    cashInDrawer: () => drawer.cashInDrawer(),
    openDrawer: (why) => printer.openDrawer(why),
    shopLanguage: () => settings.get('shop.language'),
  });
  const reports = new Reports({
    shopPrefixes: () => shop.shopPrefixes(),
    db,
    journal,
    invoicePrefix,
    staff: staffStore,
    client,
    token,
    shopName,
    currency,
    now,
    drawerLine: () => drawer.reportLine(),
    assertDrawerClosed: () => drawer.assertClosed(),
    settleSales: (closedBy) => sales.settleBeforeZ(closedBy),
    saleOf: (saleId) => sales.view(saleId),
    shopAddress: () => settings.get('printer').shopAddress,
    shopLanguage: () => settings.get('shop.language'),
  });

  const route = createRouter(
    {
      ...statusHandlers({
        mode,
        currency,
        sessions,
        auditCheck,
        auditCopyCheck: () => shop.auditCopyCheck(),
        reachable: () => reachability.reachable,
        downSince: () => (reachability.downSince === null ? null : new Date(reachability.downSince).toISOString()),
        view: (s) => staff.view(s),
        idleLockSeconds: () => staff.idleLockSeconds(),
        unresolved: () => unresolvedCount({ journal, checkout, terminal }),
        notices: () => late.notices(),
        terminalCode: () => settings.get('terminal.code'),
        printer: () => printer.config().kind,
        shopLanguage: () => settings.get('shop.language'),
        shopDatabase: () => shop.state(),
        halfPaidSales: () => sales.halfPaid().map((s) => ({ saleId: s.saleId, number: s.number, paidCents: s.paidCents, totalCents: s.totalCents })),
      }),
      ...staffHandlers(staff),
      ...paymentHandlers({
        checkout,
        returns,
        holds,
        terminal,
        cash: new CashService({
          journal,
          sales,
          mode,
          cashInDrawer: () => drawer.cashInDrawer(),
          drawerInUse: () => drawer.inUse(),
          audit: (a, b, c) => audit.record(a, b, c),
          openDrawer: (why) => printer.openDrawer(why),
        }),
        sales,
        drawer,
        setBlindClose: (blind) => settings.set('drawer.blind_close', blind),
        reconciler,
        journal,
        now,
        audit: (a, b, c) => audit.record(a, b, c),
      }),
      ...helcimHandlers({ gateway, audit, reachability, settings }),
      ...hardwareHandlers(printer, settings, (a, b, c) => audit.record(a, b, c), { amounts: typing, now }),
      ...shopHandlers({ shop, settings, currency, counterId: keys.databaseId, staffName: (id) => staffStore.record(id)?.name }),
      ...reportHandlers({ reports, audit, output, printer, shopName, now, lookupSlot: () => tokenFor('lookup', gateway.access())?.slot ?? null }),
    },
    { access: () => gateway.access(), approvals, permissionDenied: (slot, level, op) => gateway.recordPermissionDenied(slot, level, op) },
  );
  const dispatch = createDispatcher({ appOrigin: o.appOrigin, route, sessions, log, localeOf: (s) => staff.localeOf(s) });

  // Crash recovery: every unfinished attempt is settled with Helcim before the counter opens.
  void reachability.ping();
  await reconciler.run();
  // Every 30 s; when the merchant's shared Helcim budget runs low, every 2 minutes (money calls first).
  let tick = 0;
  const timer = setInterval(() => {
    if (budget.low() && tick++ % 4 !== 0) return;
    void reconciler.run();
    void terminal.watch();
    void checkout.watch();
    void reachability.ping();
    // Approvals of sales recorded as cancelled, found whenever Helcim lists them (every 2 minutes: one list call).
    if (sweeps++ % 4 === 0) void sweepLate();
  }, 30_000);
  timer.unref();
  let sweeps = 0;
  const sweepLate = () =>
    late.sweep({
      client,
      token: () => gateway.token('lookup'),
      invoicePrefix,
      mode: mode(),
      watchedElsewhere: (id) => checkout.isOpen(id) || terminal.watching(id),
    });
  // Main follows every terminal sale at its own pace, whatever the screens do (see TerminalService).
  const terminalTimer = setInterval(() => void terminal.tick(), o.terminalTickMs ?? LOOKUP_EVERY_MS);
  terminalTimer.unref();
  // The outbox ships every 2 s while linked: a disabled cashier or a sale reaches the shop within seconds.
  const shipTimer = setInterval(() => void shop.tick(), o.shopShipEveryMs ?? 2_000);
  shipTimer.unref();

  const core: PosCore = {
    get mode() {
      return gateway.mode;
    },
    dispatch,
    sessions,
    helcimOrigin: () => gateway.helcimOrigin(),
    checkoutOrigin,
    httpsRoutes: () => ({ checkoutHost: settings.get('checkout.host'), trainingTarget: gateway.trainingTarget() }),
    customerView: () =>
      customerView({
        shopName,
        currency,
        shopLanguage: () => settings.get('shop.language'),
        latestSale: () => sales.latest(),
        staffName: (id) => staffStore.record(id)?.name ?? null,
        now,
        onTerminal: (id) => terminal.watching(id),
        typed: () => typing.newest((w) => sessions.get(w)?.staffId ?? null),
      }),
    customerDisplay: () => settings.get('display.customer'),
    async close() {
      clearInterval(timer);
      clearInterval(shipTimer);
      clearInterval(terminalTimer);
      await shop.close();
      await auditCount.settled();
      db.close();
      await gateway.close();
    },
  };
  registerInternals(core, {
    get simulator() {
      return gateway.trainingSimulator;
    },
    gateway,
    journal,
    audit,
    settings,
    staff,
    staffStore,
    reconciler,
    terminal,
    checkout,
    late,
    sweepLate,
    reachability,
    databaseId: keys.databaseId,
    shop,
    db,
  });
  return core;
}
