/**
 * Wires main's domain together with no Electron import, so the Electron entry, the Node tests and
 * the Chromium harness all run this same code. Electron adds only windows, protocol and IPC.
 */
import type { AppStatus, Currency } from '../preload/contract';
import { openDatabase } from './db';
import { PosError } from './errors';
import { HelcimGateway } from './helcim/gateway';
import { lookupDayAllowed, tokenFor } from './policy/table';
import type { RetryPolicy } from './helcim/client';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { Journal } from './journal/journal';
import { CheckoutService } from './payments/checkout';
import { ReturnsService } from './payments/returns';
import { Reports } from './reports/reports';
import { receiptHtml, reportCsv, reportHtml } from './reports/render';
import { NO_OUTPUT, type OutputPort } from './reports/output';
import { Reconciler } from './payments/reconcile';
import { createRouter, type HandlerContext, type Handlers } from './router';
import { SessionRegistry, type Session } from './session';
import type { Simulator } from './simulator/server';
import { ApprovalStore } from './staff/approvals';
import { StaffService } from './staff/service';
import { StaffStore } from './staff/store';
import type { Keychain } from './vault/vault';
import { openDatabaseKeys } from './vault/database-keys';

export { HELCIM_API_BASE, HELCIM_PAY_SCRIPT } from './helcim/gateway';

export type CoreOptions = {
  /** The renderer's origin; the only one allowed to call the bridge (e.g. app://counter). */
  appOrigin: string;
  /** The checkout host page, on an origin of its own (e.g. app://checkout/host.html). */
  checkoutHostUrl: string;
  /** The app database (journal, staff, audit, settings). */
  journalFile: string;
  /** The OS keychain; every entry the core uses is bound to this database's id. */
  vault: Keychain;
  currency?: Currency;
  /** Overrides for a Helcim developer test account (and the tests' "live" simulator). */
  live?: { apiBase?: string; scriptUrl?: string };
  /** Clock, for tests of lockouts, idle lock and approval expiry. */
  now?: () => number;
  /** Helcim client timeout and retries (tests shorten them). */
  http?: { timeoutMs?: number; retry?: RetryPolicy };
  /** Printer and file output for receipts and reports. */
  output?: OutputPort;
  shopName?: string;
  log?: (line: string) => void;
};

export type PosCore = {
  readonly mode: 'training' | 'live';
  dispatch: Dispatch;
  sessions: SessionRegistry;
  /** The origin the checkout host must be allowed to load Helcim's script and frame from (changes with the mode). */
  helcimOrigin(): string;
  /** Present in training mode: the embedded simulator (tests read its ledger). */
  readonly simulator: Simulator | null;
  gateway: HelcimGateway;
  journal: Journal;
  staff: StaffService;
  staffStore: StaffStore;
  reconciler: Reconciler;
  /** This database's random id: its keychain entries are named after it. */
  readonly databaseId: string;
  close(): Promise<void>;
};

export async function createPosCore(o: CoreOptions): Promise<PosCore> {
  const log = o.log ?? ((line: string) => console.error(line));
  const currency = o.currency ?? 'CAD';
  const now = o.now ?? Date.now;
  const db = openDatabase(o.journalFile);
  let keys;
  try {
    keys = await openDatabaseKeys(db, o.vault);
  } catch (err) {
    db.close();
    throw err;
  }
  const journal = new Journal(db);
  const staffStore = new StaffStore(db, { pepper: keys.pepper, audit: keys.audit, now });
  if (keys.adopted.length) staffStore.audit('system', 'keychain.tokens_bound', `${keys.adopted.join(' ')} bound to database ${keys.databaseId}`);
  // Checked once at start; managers see the result in the status (edits, deletions, a cut-off tail).
  const auditCheck = staffStore.auditLog.verify();
  if (!auditCheck.ok) log(`[pos] audit trail check failed: ${auditCheck.reason}`);
  const auditStatus = auditCheck.ok
    ? { ok: true, message: `Audit trail verified at start-up (${auditCheck.rows} entries).` }
    : { ok: false, message: `The audit trail was altered: ${auditCheck.reason}. Keep this database for investigation and tell the owner.` };
  const gateway = await HelcimGateway.open({ vault: keys.keychain, settings: staffStore, live: o.live, http: o.http, log });
  const approvals = new ApprovalStore(now);
  const idleMs = () => Number(staffStore.setting('idle_lock_seconds') ?? 300) * 1000;
  const sessions = new SessionRegistry(idleMs, now);
  const staff = new StaffService(staffStore, sessions, approvals, () => gateway.access());

  let helcimReachable: boolean | null = null;
  const ping = async () => {
    try {
      await gateway.client().connectionTest(await gateway.token('sales'));
      helcimReachable = true;
    } catch {
      helcimReachable = false;
    }
  };
  void ping();

  const token = (slot: 'sales' | 'admin') => gateway.token(slot);
  const mode = () => gateway.mode;
  const checkout = new CheckoutService({
    client: () => gateway.client(),
    journal,
    token,
    mode,
    scriptUrl: () => gateway.scriptUrl(),
    hostUrl: () => o.checkoutHostUrl,
    now,
  });
  // A card form open in a window holds off its idle lock; a session that ends closes its card forms.
  sessions.setBusy((windowId) => checkout.liveIn(windowId));
  sessions.onEnd((windowId) => checkout.abandon(windowId));
  const reconciler = new Reconciler({
    journal,
    client: () => gateway.client(),
    token: (use) => gateway.token(use),
    mode,
    isOpen: (id) => checkout.isOpen(id),
    log,
  });
  const returns = new ReturnsService({
    client: () => gateway.client(),
    journal,
    token,
    mode,
    audit: (a, b, c) => staffStore.audit(a, b, c),
    reconcile: (id) => reconciler.one(id),
  });
  const output = o.output ?? NO_OUTPUT;
  const shopName = () => staffStore.setting('shop.name') ?? o.shopName ?? 'Counter POS';
  const reports = new Reports({ db, journal, staff: staffStore, client: () => gateway.client(), token, shopName, currency, now });
  const lookupSlot = () => tokenFor('lookup', gateway.access())?.slot ?? null;

  const todayOnlyForCashiers = (s: Session, day: string | undefined) => {
    const d = new Date(now());
    const today = new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
    if (!lookupDayAllowed(s.role, day, today))
      throw new PosError('forbidden', 'Cashiers can look up today’s payments. Ask a manager for other days.');
  };

  /** Nobody charges a card again while an earlier payment's outcome is still unknown. */
  const settledFirst = async () => {
    const stuck = () => journal.unresolvedIds(['purchase', 'verify']).filter((id) => !checkout.isLive(id));
    if (stuck().length === 0) return;
    await reconciler.run();
    if (stuck().length > 0)
      throw new PosError(
        'helcim_unknown_outcome',
        'An earlier payment is still being checked with Helcim (the connection dropped). Wait until the status bar stops saying “Checking”, so no card is charged twice.',
      );
  };

  // Crash recovery: every unfinished attempt is settled with Helcim before the counter opens.
  await reconciler.run();
  const timer = setInterval(() => {
    void reconciler.run();
    void ping();
  }, 30_000);
  timer.unref();

  // The router has already checked role and token for each of these (main/policy/table.ts).
  const need = (ctx: HandlerContext): Session => {
    if (!ctx.session) throw new PosError('not_signed_in', 'Sign in first.');
    return ctx.session;
  };
  const audited = async <T>(ctx: HandlerContext, action: string, detail: string, f: () => Promise<T>): Promise<T> => {
    const r = await f();
    staffStore.audit(need(ctx).staffId, action, detail);
    return r;
  };

  const handlers: Handlers = {
    'app.status': async (_p, ctx): Promise<AppStatus> => ({
      mode: gateway.mode,
      currency,
      helcimReachable,
      session: ctx.session ? staff.view(ctx.session) : null,
      idleLockSeconds: staff.idleLockSeconds(),
      unresolved: journal.unresolvedIds(['purchase', 'verify', 'refund', 'reverse']).filter((id) => !checkout.isLive(id)).length,
      lockedReason: ctx.session ? null : sessions.lockedReason(ctx.windowId),
      audit: ctx.session?.role === 'manager' ? auditStatus : null,
    }),
    'staff.roster': async () => staff.roster(),
    'staff.firstRun': async (p, ctx) => staff.firstRun(ctx.windowId, p.name, p.pin),
    'session.signIn': async (p, ctx) => staff.signIn(ctx.windowId, p.staffId, p.pin),
    'session.signOut': async (_p, ctx) => staff.signOut(ctx.windowId),
    'session.touch': async () => null,
    'staff.list': async () => staff.list(),
    'staff.add': async (p, ctx) => staff.add(need(ctx), p.name, p.role, p.pin),
    'staff.setActive': async (p, ctx) => staff.setActive(need(ctx), p.staffId, p.active),
    'staff.resetPin': async (p, ctx) => staff.resetPin(need(ctx), p.staffId, p.pin),
    'settings.setIdleLock': async (p, ctx) => staff.setIdleLock(need(ctx), p.seconds),
    'purchase.start': async (p, ctx) => {
      await settledFirst();
      return checkout.start('purchase', p.amountCents, p.currency, need(ctx), ctx.windowId, ctx.token!);
    },
    'verify.start': async (p, ctx) => {
      await settledFirst();
      return checkout.start('verify', 0, p.currency, need(ctx), ctx.windowId, ctx.token!);
    },
    // No session needed: the attempt is bound to its window, a result to its hash (see CheckoutService).
    'checkout.finish': async (p, ctx) => checkout.finish(p.attemptId, p.event, ctx.session, ctx.windowId),
    'transactions.search': async (p, ctx) => {
      todayOnlyForCashiers(need(ctx), p.date);
      return returns.search(p, ctx.token!);
    },
    'override.approve': async (p, ctx) => staff.approveOverride(need(ctx), ctx.windowId, p),
    'refund.submit': async (p, ctx) => returns.refund(p.transactionId, p.amountCents, need(ctx), ctx.approval!, ctx.token!),
    'reverse.submit': async (p, ctx) => returns.reverse(p.transactionId, need(ctx), ctx.approval!, ctx.token!),
    'helcim.status': async () => gateway.status(),
    // Audit rows name the slot and the outcome, never the token.
    'helcim.saveToken': async (p, ctx) =>
      audited(ctx, 'helcim.token_saved', p.slot, async () => {
        const r = await gateway.save(p.slot, p.token);
        void ping();
        return r;
      }),
    'helcim.testToken': async (p, ctx) => audited(ctx, 'helcim.token_tested', p.slot, () => gateway.test(p.slot)),
    'helcim.removeToken': async (p, ctx) => audited(ctx, 'helcim.token_removed', p.slot, () => gateway.remove(p.slot)),
    'history.search': async (p, ctx) => {
      todayOnlyForCashiers(need(ctx), p.date);
      return reports.history(p, ctx.token!);
    },
    'receipt.get': async (p) => reports.receipt(p.attemptId),
    'receipt.print': async (p, ctx) =>
      audited(ctx, 'receipt.print', p.attemptId, async () => ({ printed: await output.print(receiptHtml(reports.receipt(p.attemptId)), 'Receipt') })),
    'receipt.savePdf': async (p) => {
      const r = reports.receipt(p.attemptId);
      return { path: await output.savePdf(receiptHtml(r), `receipt-${r.transactionId ?? r.attemptId}.pdf`) };
    },
    'report.x': async () => reports.x(lookupSlot()),
    'report.z': async (_p, ctx) => audited(ctx, 'report.z', 'day closed', () => reports.z(need(ctx).staffId, lookupSlot())),
    'report.export': async (p) => {
      const r = p.number === null ? await reports.x(lookupSlot()) : reports.stored(p.number);
      const name = `${r.kind === 'z' ? `z-report-${r.number}` : 'x-report'}-${r.to.slice(0, 10)}`;
      return {
        path: p.format === 'csv' ? await output.saveText(reportCsv(r), `${name}.csv`) : await output.savePdf(reportHtml(r, shopName()), `${name}.pdf`),
      };
    },
    'helcim.setMode': async (p, ctx) =>
      audited(ctx, 'helcim.mode', p.mode, async () => {
        const r = await gateway.setMode(p.mode);
        void ping();
        return r;
      }),
  };

  const route = createRouter(handlers, {
    access: () => gateway.access(),
    approvals,
    permissionDenied: (slot, level, op) => gateway.recordPermissionDenied(slot, level, op),
  });
  const dispatch = createDispatcher({ appOrigin: o.appOrigin, route, sessions, log });

  return {
    get mode() {
      return gateway.mode;
    },
    dispatch,
    sessions,
    helcimOrigin: () => gateway.helcimOrigin(),
    get simulator() {
      return gateway.trainingSimulator;
    },
    gateway,
    journal,
    staff,
    staffStore,
    reconciler,
    databaseId: keys.databaseId,
    async close() {
      clearInterval(timer);
      db.close();
      await gateway.close();
    },
  };
}
