/**
 * The composition root, as a table of contents: each feature has one builder in main/compose/
 * (`compose/payments.ts` builds the payment services and returns their handlers, and so on), on top
 * of what every feature stands on (`compose/foundation.ts`). This file lists them in the order they
 * depend on each other, hands the handlers to the router, and runs the background work. No Electron
 * import, so the Electron entry, the Node tests and the Chromium harness all run this same code.
 * Rules live in the feature folders, not here nor in compose/.
 */
import { openFoundation } from './compose/foundation';
import { helcimFeature } from './compose/helcim';
import { shopFeature } from './compose/shop';
import { staffFeature } from './compose/staff';
import { firstScreenHtml } from './staff/first-screen';
import { hardwareFeature } from './compose/hardware';
import { paymentsFeature } from './compose/payments';
import { reportsFeature } from './compose/reports';
import { statusFeature } from './compose/status';
import { catalogFeature } from './compose/catalog';
import { cartFeature } from './compose/cart';
import { mailFeature } from './compose/mail';
import { backupFeature } from './compose/backup';
import { supportFeature } from './compose/support';
import { updatesFeature } from './compose/updates';
import { settingsHandlers } from './settings/handlers';
import { customerView } from './hardware/customer-display';
import { LOOKUP_EVERY_MS } from './payments/terminal';
import { createDispatcher } from './ipc/dispatch';
import { createRouter } from './router';
import { registerInternals, type CoreOptions, type PosCore } from './core-api';

export { HELCIM_API_BASE, HELCIM_PAY_SCRIPT } from './helcim/gateway';
export { coreInternals, type CoreInternals, type CoreOptions, type PosCore } from './core-api';

export async function createPosCore(options: CoreOptions): Promise<PosCore> {
  // 1. What everything stands on: database and keys, journal, audit trail, settings, staff records, sessions.
  const f = await openFoundation(options);
  // 2. The features, each on those before it.
  const backup = await backupFeature(f);
  const helcim = await helcimFeature(f);
  const shop = await shopFeature(f);
  const staff = staffFeature(f, helcim, shop);
  const hardware = hardwareFeature(f);
  const payments = paymentsFeature(f, helcim, hardware, shop);
  const updated = updatesFeature(f, payments, backup);
  const { updates } = updated;
  const reports = reportsFeature(f, helcim, shop, payments, hardware, updated.afterZ);
  const status = statusFeature(f, helcim, staff, shop, payments, hardware, backup);
  const catalog = catalogFeature(f, staff, shop);
  payments.useDepartments((itemId) => catalog.catalog.get(itemId)?.department ?? '');
  const cart = cartFeature(f, catalog, payments);
  const mail = mailFeature(f, reports);
  const support = supportFeature(f, helcim, shop, payments, hardware, backup, () => updates.view().lastAnsweredAt);

  // 3. Every operation's handler, behind the router's checks (session, role, policy row, token, approval).
  const { gateway, reachability, budget } = helcim;
  const route = createRouter(
    {
      ...status.handlers,
      ...staff.handlers,
      ...settingsHandlers({ settings: f.settings, audit: f.record }),
      ...payments.handlers,
      ...helcim.handlers,
      ...hardware.handlers,
      ...shop.handlers,
      ...reports.handlers,
      ...catalog.handlers,
      ...cart.handlers,
      ...mail.handlers,
      ...backup.handlers,
      ...support.handlers,
      ...updated.handlers,
    },
    {
      access: () => gateway.access(),
      approvals: f.approvals,
      permissionDenied: (slot, level, op) => gateway.recordPermissionDenied(slot, level, op),
    },
  );
  const dispatch = createDispatcher({
    appOrigin: options.appOrigin,
    route,
    sessions: f.sessions,
    log: f.log,
    localeOf: (s) => staff.staff.localeOf(s),
  });

  // 4. Crash recovery: every unfinished attempt is settled with Helcim before the counter opens.
  const { reconciler, terminal, checkout, sweepLate } = payments;
  void reachability.ping();
  await reconciler.run();

  // 5. Background work, whatever the screens do. Every 30 s; when the merchant's shared Helcim budget
  // runs low, every 2 minutes (money calls first).
  let tick = 0;
  let sweeps = 0;
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
  // Main follows every terminal sale at its own pace, whatever the screens do (see TerminalService).
  const terminalTimer = setInterval(() => void terminal.tick(), options.terminalTickMs ?? LOOKUP_EVERY_MS);
  terminalTimer.unref();
  // The outbox ships every 2 s while linked: a disabled cashier or a sale reaches the shop within seconds.
  const shipTimer = setInterval(() => void shop.shop.tick(), options.shopShipEveryMs ?? 2_000);
  shipTimer.unref();
  // Receipts by email go out as they are queued; what waits (the mail server away) is tried again from here.
  const mailTimer = setInterval(() => void mail.mail.tick(), options.mailEveryMs ?? 10_000);
  mailTimer.unref();
  // The nightly backup: made when the last good one is 20 hours old (looked at every 10 minutes and at start).
  const backupTimer = setInterval(() => void backup.backups.backUpIfDue(), options.backupCheckEveryMs ?? 600_000);
  backupTimer.unref();

  // 6. What the Electron shell uses.
  const { settings } = f;
  const core: PosCore = {
    get mode() {
      return gateway.mode;
    },
    log: f.log,
    updates,
    dispatch,
    sessions: f.sessions,
    helcimOrigin: () => gateway.helcimOrigin(),
    checkoutOrigin: helcim.checkoutOrigin,
    shopLanguage: () => settings.get('shop.language'),
    firstScreen: () =>
      f.sessions.signedInAnywhere()
        ? null
        : firstScreenHtml({
            locale: settings.get('shop.language'),
            training: gateway.mode === 'training',
            roster: staff.staff.roster(),
          }),
    httpsRoutes: () => ({ checkoutHost: settings.get('checkout.host'), trainingTarget: gateway.trainingTarget() }),
    customerView: () =>
      customerView({
        shopName: f.shopName,
        currency: f.currency,
        shopLanguage: () => settings.get('shop.language'),
        latestSale: () => payments.sales.latest(),
        staffName: (id) => f.staffStore.record(id)?.name ?? null,
        now: f.now,
        onTerminal: (id) => terminal.watching(id),
        typed: () => hardware.typing.newest((w) => f.sessions.get(w)?.staffId ?? null),
      }),
    customerDisplay: () => settings.get('display.customer'),
    async close() {
      clearInterval(timer);
      clearInterval(shipTimer);
      clearInterval(terminalTimer);
      clearInterval(mailTimer);
      clearInterval(backupTimer);
      await backup.backups.settled();
      // The shop's lookups pass to another counter at once, not when this one's lease runs out.
      await payments.shared.resign();
      await shop.shop.close();
      await f.settled();
      f.db.close();
      await gateway.close();
    },
  };
  registerInternals(core, {
    get simulator() {
      return gateway.trainingSimulator;
    },
    gateway,
    journal: f.journal,
    audit: f.audit,
    settings,
    staff: staff.staff,
    staffStore: f.staffStore,
    reconciler,
    terminal,
    shared: payments.shared,
    checkout,
    late: payments.late,
    sweepLate,
    reachability,
    databaseId: f.keys.databaseId,
    invoicePrefix: f.invoicePrefix,
    shop: shop.shop,
    db: f.db,
    catalog: catalog.catalog,
    quickKeys: catalog.quickKeys,
    mail: mail.mail,
    backups: backup.backups,
    redactor: f.redactor,
  });
  return core;
}
