/**
 * Wires main's domain together with no Electron import, so the Electron entry, the Node tests and
 * the Chromium harness all run this same code. Electron adds only windows, protocol and IPC.
 */
import type { AppStatus, Currency, Mode } from '../preload/contract';
import { PosError } from './errors';
import { HelcimClient } from './helcim/client';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { openDatabase } from './db';
import { Journal } from './journal/journal';
import { CheckoutService } from './payments/checkout';
import { ReturnsService } from './payments/returns';
import { tokenFor, type HelcimAccess, type TokenSlot } from './policy/table';
import { createRouter, type HandlerContext, type Handlers } from './router';
import { SessionRegistry, type Session } from './session';
import { ApprovalStore } from './staff/approvals';
import { StaffService } from './staff/service';
import { StaffStore } from './staff/store';
import { startSimulator, type Simulator } from './simulator/server';
import type { TokenVault } from './vault/vault';

/** Helcim's production endpoints (devdocs.helcim.com). */
export const HELCIM_API_BASE = 'https://api.helcim.com/v2/';
export const HELCIM_PAY_SCRIPT = 'https://secure.helcim.app/helcim-pay/services/start.js';

export type CoreOptions = {
  /** The renderer's origin; the only one allowed to call the bridge (e.g. app://counter). */
  appOrigin: string;
  /** The checkout host page, on an origin of its own (e.g. app://checkout/host.html). */
  checkoutHostUrl: string;
  /** The app database (journal, staff, audit, settings). */
  journalFile: string;
  vault: TokenVault;
  /** Clock, for tests of lockouts, idle lock and approval expiry. */
  now?: () => number;
  currency?: Currency;
  /** Overrides for a Helcim developer test account. */
  live?: { apiBase?: string; scriptUrl?: string };
  log?: (line: string) => void;
};

export type PosCore = {
  mode: Mode;
  dispatch: Dispatch;
  sessions: SessionRegistry;
  /** Origins the checkout host must be allowed to load Helcim's script and frame from. */
  helcimOrigin: string;
  helcimScriptUrl: string;
  /** Present in training mode: the embedded simulator (tests read its ledger). */
  simulator: Simulator | null;
  journal: Journal;
  staff: StaffService;
  staffStore: StaffStore;
  close(): Promise<void>;
};

export async function createPosCore(o: CoreOptions): Promise<PosCore> {
  const log = o.log ?? ((line: string) => console.error(line));
  const currency = o.currency ?? 'CAD';
  const stored: Record<TokenSlot, string | null> = { sales: null, admin: null };
  try {
    stored.sales = await o.vault.get('sales');
    stored.admin = await o.vault.get('admin');
  } catch (err) {
    // No keychain: nothing live can run. Training mode still works and says why in the log.
    log(`[pos] keychain unavailable at start-up (${err instanceof PosError ? err.code : 'error'}); opening in training mode`);
  }
  const mode: Mode = stored.sales || stored.admin ? 'live' : 'training';

  let simulator: Simulator | null = null;
  let apiBase: string;
  let scriptUrl: string;
  let access: HelcimAccess;
  const trainingTokens: Record<TokenSlot, string | null> = { sales: null, admin: null };
  if (mode === 'training') {
    simulator = await startSimulator();
    apiBase = simulator.baseUrl;
    scriptUrl = simulator.scriptUrl;
    // Training tokens follow Helcim's least-privilege advice, exactly as a live shop should.
    trainingTokens.sales = simulator.createToken({ general: 'none', settings: 'none', transactions: 'positive' });
    trainingTokens.admin = simulator.createToken({ general: 'write', settings: 'write', transactions: 'admin' });
    access = { sales: 'positive', admin: 'admin' };
  } else {
    apiBase = o.live?.apiBase ?? HELCIM_API_BASE;
    scriptUrl = o.live?.scriptUrl ?? HELCIM_PAY_SCRIPT;
    // Until the connection test of issue 4 measures them, a stored token is taken at its slot's level.
    access = { sales: stored.sales ? 'positive' : null, admin: stored.admin ? 'admin' : null };
  }

  const now = o.now ?? Date.now;
  const client = new HelcimClient({ baseUrl: apiBase });
  const db = openDatabase(o.journalFile);
  const journal = new Journal(db);
  const staffStore = new StaffStore(db, now);
  const approvals = new ApprovalStore(now);
  let staff: StaffService | null = null;
  const sessions = new SessionRegistry(() => (staff?.idleLockSeconds() ?? 300) * 1000, now);
  staff = new StaffService(staffStore, sessions, approvals, () => access);
  const staffService = staff;

  const token = async (slot: TokenSlot): Promise<string> => {
    const resolved = tokenFor(slot, access);
    if (!resolved) throw new PosError('token_missing', `No Helcim ${slot} token is set up.`);
    const value = mode === 'training' ? trainingTokens[resolved.slot] : await o.vault.get(resolved.slot);
    if (!value) throw new PosError('token_missing', `The Helcim ${resolved.slot} token is no longer in the keychain.`);
    return value;
  };

  let helcimReachable: boolean | null = null;
  const ping = async () => {
    try {
      await client.connectionTest(await token('sales'));
      helcimReachable = true;
    } catch {
      helcimReachable = false;
    }
  };
  void ping();

  const checkout = new CheckoutService({
    client,
    journal,
    token,
    scriptUrl: () => scriptUrl,
    hostUrl: () => o.checkoutHostUrl,
  });

  const returns = new ReturnsService({ client, journal, token, audit: (a, b, c) => staffStore.audit(a, b, c) });

  // The router has already checked role and token for each of these (main/policy/table.ts).
  const need = (ctx: HandlerContext): Session => {
    if (!ctx.session) throw new PosError('not_signed_in', 'Sign in first.');
    return ctx.session;
  };

  const handlers: Handlers = {
    'app.status': async (_p, ctx): Promise<AppStatus> => ({
      mode,
      currency,
      helcimReachable,
      session: ctx.session ? staffService.view(ctx.session) : null,
      idleLockSeconds: staffService.idleLockSeconds(),
      lockedReason: ctx.session ? null : sessions.lockedReason(ctx.windowId),
    }),
    'staff.roster': async () => staffService.roster(),
    'staff.firstRun': async (p, ctx) => staffService.firstRun(ctx.windowId, p.name, p.pin),
    'session.signIn': async (p, ctx) => staffService.signIn(ctx.windowId, p.staffId, p.pin),
    'session.signOut': async (_p, ctx) => staffService.signOut(ctx.windowId),
    'session.touch': async () => null,
    'staff.list': async () => staffService.list(),
    'staff.add': async (p, ctx) => staffService.add(need(ctx), p.name, p.role, p.pin),
    'staff.setActive': async (p, ctx) => staffService.setActive(need(ctx), p.staffId, p.active),
    'staff.resetPin': async (p, ctx) => staffService.resetPin(need(ctx), p.staffId, p.pin),
    'settings.setIdleLock': async (p, ctx) => staffService.setIdleLock(need(ctx), p.seconds),
    'transactions.search': async (p, ctx) => returns.search(p, ctx.token!),
    'override.approve': async (p, ctx) => staffService.approveOverride(need(ctx), ctx.windowId, p),
    'refund.submit': async (p, ctx) => returns.refund(p.transactionId, p.amountCents, need(ctx), ctx.approval!, ctx.token!),
    'reverse.submit': async (p, ctx) => returns.reverse(p.transactionId, need(ctx), ctx.approval!, ctx.token!),
    'purchase.start': async (p, ctx) => checkout.start('purchase', p.amountCents, p.currency, need(ctx), ctx.windowId, ctx.token!),
    'verify.start': async (p, ctx) => checkout.start('verify', 0, p.currency, need(ctx), ctx.windowId, ctx.token!),
    'checkout.finish': async (p, ctx) => checkout.finish(p.attemptId, p.event, need(ctx), ctx.windowId),
  };

  const route = createRouter(handlers, () => access, approvals);
  const dispatch = createDispatcher({ appOrigin: o.appOrigin, route, sessions, log });

  return {
    mode,
    dispatch,
    sessions,
    helcimOrigin: new URL(scriptUrl).origin,
    helcimScriptUrl: scriptUrl,
    simulator,
    journal,
    staff: staffService,
    staffStore,
    async close() {
      db.close();
      await simulator?.close();
    },
  };
}
