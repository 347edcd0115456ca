/**
 * Which Helcim main talks to and with which tokens: training (the embedded simulator, with
 * least-privilege training tokens) or live (Helcim, with the shop's tokens from the keychain).
 * Owns the connection test that measures what each live token may do, and lowers a token's
 * recorded level when Helcim refuses it a call, so the UI disables that operation until a new
 * test passes. Token values are read from the vault per call and never leave this module except
 * in the api-token header.
 */
import type { CapabilityCheck, ConnectionReport, Mode, TokenStatus } from '../../common/contract';
import { PosError } from '../errors';
import {
  TX_LEVEL_LABEL,
  TX_LEVELS,
  tokenFor,
  type HelcimAccess,
  type TokenSlot,
  type TokenUse,
  type TxLevel,
} from '../policy/table';
import { startSimulator, type Simulator } from '../simulator/server';
import type { Settings } from '../settings/settings';
import type { TokenVault } from '../vault/vault';
import { HelcimClient, type RetryPolicy } from './client';
import { helcimDay } from './mountain';
import type { RateBudget } from './rate-budget';
import { randomUUID } from 'node:crypto';
import { TRAINING_HELCIM_ORIGIN } from '../../common/checkout-host';
import { say } from '../language';
import type { MessageKey } from '../../common/i18n';

/** Helcim's production endpoints (devdocs.helcim.com). */
export const HELCIM_API_BASE = 'https://api.helcim.com/v2/';
export const HELCIM_PAY_SCRIPT = 'https://secure.helcim.app/helcim-pay/services/start.js';

/**
 * The probes of a connection test: none of them can move money. A HelcimPay.js initialize takes no
 * card; the money endpoints are asked about transaction 0, which cannot exist, and sent once, never
 * retried. Helcim checks the token's level before it looks for the transaction, so "not found"
 * means allowed and "No access permission" means not.
 */
type Probe = {
  operation: CapabilityCheck['operation'];
  level: TxLevel;
  run: (c: HelcimClient, token: string) => Promise<unknown>;
  /** What to change when refused, if not the Transaction Processing level. */
  fix?: MessageKey;
};
const initialize =
  (paymentType: 'verify' | 'purchase' | 'preauth', amountCents: number) => (c: HelcimClient, token: string) =>
    c.initializeCheckout(token, {
      paymentType,
      amountCents,
      currency: 'CAD',
      invoiceNumber: `POS-TEST-${randomUUID().slice(0, 8)}`,
      idempotencyKey: randomUUID(),
    });
const NO_SUCH = { ipAddress: '127.0.0.1', idempotencyKey: '' };
const PROBES: Probe[] = [
  { operation: 'verify', level: 'auth', run: initialize('verify', 0) },
  { operation: 'preauth', level: 'auth', run: initialize('preauth', 100) },
  { operation: 'purchase', level: 'positive', run: initialize('purchase', 100) },
  {
    operation: 'capture',
    level: 'positive',
    run: (c, token) =>
      c.capture(
        token,
        { ...NO_SUCH, preAuthTransactionId: '0', amountCents: 1, idempotencyKey: randomUUID() },
        { noRetry: true },
      ),
  },
  {
    operation: 'lookup',
    level: 'auth',
    run: (c, token) => {
      const today = helcimDay(Date.now());
      return c.listCardTransactionsPage(token, { dateFrom: today, dateTo: today }, 1);
    },
  },
  {
    operation: 'refund',
    level: 'admin',
    run: (c, token) =>
      c.refund(
        token,
        { ...NO_SUCH, originalTransactionId: '0', amountCents: 1, idempotencyKey: randomUUID() },
        { noRetry: true },
      ),
  },
  {
    operation: 'release',
    level: 'admin',
    run: (c, token) =>
      c.reverse(token, { ...NO_SUCH, cardTransactionId: '0', idempotencyKey: randomUUID() }, { noRetry: true }),
  },
  // The Smart Terminal: the first feature that needs more than Transaction Processing. Listing
  // terminals (to pair one by picking it) needs General Read and Settings Read (HELCIM.md).
  {
    operation: 'devices',
    level: 'none',
    run: (c, token) => c.listDevices(token),
    fix: 'helcim.fix.devices',
  },
  {
    operation: 'terminal',
    level: 'positive',
    run: (c, token) => c.probeDevicePurchase(token, randomUUID()),
  },
  // Itemized invoices (issue 29) are General objects: General Read & Write. Probed with an invoice of no
  // lines, which Helcim refuses as invalid once the token may create invoices (guess: the permission is
  // checked first, as for the other probes; listed in helcim:check) — nothing is ever created.
  {
    operation: 'invoices',
    level: 'none',
    run: (c, token) =>
      c.createInvoice(token, {
        invoiceNumber: `POS-TEST-${randomUUID().slice(0, 8)}`,
        currency: 'CAD',
        type: 'INVOICE',
        lineItems: [],
      }),
    fix: 'helcim.fix.invoices',
  },
];

const LEVEL_KEY = { sales: 'helcim.level.sales', admin: 'helcim.level.admin' } as const;
const REPORT_KEY = { sales: 'helcim.report.sales', admin: 'helcim.report.admin' } as const;

/** The training simulator's Smart Terminal (its device code). */
export const TRAINING_TERMINAL = 'TRN1';

/** What each slot is for: the level its connection test must prove. */
export const SLOT_NEEDS: Record<TokenSlot, TxLevel> = { sales: 'positive', admin: 'admin' };

export type GatewayOptions = {
  vault: TokenVault;
  /** Client timeout and retry policy (tests shorten them). */
  http?: { timeoutMs?: number; retry?: RetryPolicy };
  settings: Settings;
  live?: { apiBase?: string; scriptUrl?: string };
  log: (line: string) => void;
  /** Reads Helcim's rate-limit headers from every answer (training and live). */
  budget?: RateBudget;
  /**
   * The counter's clock, which training mode's simulated Helcim keeps too: its rows are dated on the
   * same clock as the journal (tests that move the counter's clock move Helcim's with it).
   */
  now?: () => number;
  /** This counter was restored from a backup (which never holds tokens): what it was restored from, or null. */
  restoredFrom?: () => string | null;
};

/** Refusals that come after Helcim's permission check: the call itself was allowed. */
const PAST_PERMISSION: readonly string[] = [
  'helcim_bad_request',
  'helcim_declined',
  'terminal_not_found',
  'terminal_not_listening',
];

export class HelcimGateway {
  private simulator: Simulator | null = null;
  private readonly trainingTokens: Record<TokenSlot, string | null> = { sales: null, admin: null };
  private readonly liveClient: HelcimClient;
  private readonly liveScript: string;
  private trainingClient: HelcimClient | null = null;
  private stored: Record<TokenSlot, boolean> = { sales: false, admin: false };
  mode: Mode = 'training';

  private constructor(private readonly options: GatewayOptions) {
    this.liveClient = new HelcimClient({
      baseUrl: options.live?.apiBase ?? HELCIM_API_BASE,
      ...options.http,
      observe: (h) => options.budget?.observe(h),
    });
    this.liveScript = options.live?.scriptUrl ?? HELCIM_PAY_SCRIPT;
  }

  /** Live only if a manager switched to live and a token is still in the keychain; else training. */
  static async open(options: GatewayOptions): Promise<HelcimGateway> {
    const g = new HelcimGateway(options);
    try {
      g.stored = {
        sales: (await options.vault.get('sales')) !== null,
        admin: (await options.vault.get('admin')) !== null,
      };
    } catch (err) {
      options.log(
        `[pos] keychain unavailable at start-up (${err instanceof PosError ? err.code : 'error'}); opening in training mode`,
      );
    }
    const wantLive = options.settings.get('helcim.mode') === 'live';
    if (wantLive && (g.stored.sales || g.stored.admin)) g.mode = 'live';
    else await g.startTraining();
    return g;
  }

  get trainingSimulator(): Simulator | null {
    return this.simulator;
  }

  client(): HelcimClient {
    return this.mode === 'live' ? this.liveClient : this.trainingClient!;
  }

  /** HelcimPay.js for the checkout host: Helcim's, or in training the simulator's behind its https name. */
  scriptUrl(): string {
    return this.mode === 'live' ? this.liveScript : `${TRAINING_HELCIM_ORIGIN}/helcim-pay/start.js`;
  }

  /** Where the training simulator's https name is forwarded to (null in live mode). */
  trainingTarget(): string | null {
    return this.mode === 'training' && this.simulator ? this.simulator.origin : null;
  }

  helcimOrigin(): string {
    return new URL(this.scriptUrl()).origin;
  }

  /** What the tokens may do: fixed in training; in live, what the last connection tests proved. */
  access(): HelcimAccess {
    if (this.mode === 'training') return { sales: 'positive', admin: 'admin' };
    return {
      sales: this.stored.sales ? this.level('sales') : null,
      admin: this.stored.admin ? this.level('admin') : null,
    };
  }

  async token(use: TokenUse): Promise<string> {
    const t = tokenFor(use, this.access());
    if (!t) throw new PosError('token_missing', 'error.token.none');
    const value = this.mode === 'training' ? this.trainingTokens[t.slot] : await this.options.vault.get(t.slot);
    if (!value) throw new PosError('token_missing', 'error.token.gone', { slot: t.slot });
    return value;
  }

  /** Helcim refused `slot` a call needing `needed`: record that, so the UI disables it until a new test passes. */
  recordPermissionDenied(slot: TokenSlot, needed: TxLevel, what: MessageKey): PosError {
    if (this.mode === 'live') {
      const below = TX_LEVELS[Math.max(0, TX_LEVELS.indexOf(needed) - 1)]!;
      if (TX_LEVELS.indexOf(this.level(slot) ?? 'none') >= TX_LEVELS.indexOf(needed))
        this.options.settings.set(LEVEL_KEY[slot], below);
    }
    return new PosError('helcim_permission', 'error.token.refused', {
      slot,
      what: say(what),
      level: TX_LEVEL_LABEL[needed],
    });
  }

  // ---- setup: connection test, save, remove, mode -------------------------------------------

  async status(): Promise<TokenStatus> {
    const report = (slot: TokenSlot) => this.report(slot);
    const slots = {
      sales: { stored: this.stored.sales, report: this.stored.sales ? report('sales') : null },
      admin: { stored: this.stored.admin, report: this.stored.admin ? report('admin') : null },
    };
    const warnings: string[] = [];
    // After a restore the wizard says why the tokens are asked for again (a backup never holds them).
    const restored = this.options.restoredFrom?.() ?? null;
    if (restored && !this.stored.sales && !this.stored.admin)
      warnings.push(say('helcim.warn.restored', { from: restored }));
    if (!this.stored.sales && slots.admin.report?.passed) warnings.push(say('helcim.warn.oneAdmin'));
    if (slots.sales.report?.level === 'admin') warnings.push(say('helcim.warn.salesAdmin'));
    // Invoices are made with the admin token when there is one (main/invoices): then the sales token needs no General access.
    if (this.stored.admin && slots.sales.report?.generalAccess) warnings.push(say('helcim.warn.general'));
    const invoicing: TokenSlot | null = this.stored.admin ? 'admin' : this.stored.sales ? 'sales' : null;
    const invoicesRow = invoicing ? slots[invoicing].report?.checks.find((c) => c.operation === 'invoices') : undefined;
    if (invoicing && invoicesRow?.ok === false) warnings.push(say('helcim.warn.noInvoices', { slot: invoicing }));
    const salesOk = slots.sales.report?.passed ?? false;
    const adminOk = slots.admin.report?.passed ?? false;
    const canGoLive = (salesOk || (!this.stored.sales && adminOk)) && (!this.stored.admin || adminOk);
    return {
      mode: this.mode,
      liveApi: this.liveClient.origin,
      slots,
      warnings,
      canGoLive,
      checkoutHost: this.options.settings.get('checkout.host'),
    };
  }

  /** Tests a token against live Helcim; saves it to the keychain only if Helcim accepted it. */
  async save(slot: TokenSlot, token: string): Promise<ConnectionReport> {
    const report = await this.probe(slot, token);
    if (!report.accepted) return report; // nothing stored: a refused token is of no use
    await this.options.vault.set(slot, token);
    this.stored[slot] = true;
    this.remember(report);
    return report;
  }

  async test(slot: TokenSlot): Promise<ConnectionReport> {
    const token = await this.options.vault.get(slot);
    if (!token) throw new PosError('token_missing', 'error.token.notStored', { slot });
    const report = await this.probe(slot, token);
    this.remember(report);
    return report;
  }

  async remove(slot: TokenSlot): Promise<TokenStatus> {
    await this.options.vault.remove(slot);
    this.stored[slot] = false;
    this.options.settings.set(REPORT_KEY[slot], null);
    this.options.settings.set(LEVEL_KEY[slot], null);
    if (this.mode === 'live' && !this.stored.sales && !this.stored.admin) await this.setMode('training');
    return this.status();
  }

  async setMode(mode: Mode): Promise<TokenStatus> {
    if (mode === 'live') {
      const s = await this.status();
      if (!s.canGoLive) throw new PosError('forbidden', 'error.token.liveNeedsTest');
      this.mode = 'live';
    } else {
      await this.startTraining();
      this.mode = 'training';
    }
    this.options.settings.set('helcim.mode', mode);
    return this.status();
  }

  async close(): Promise<void> {
    await this.simulator?.close();
  }

  private async startTraining(): Promise<void> {
    if (this.simulator) return;
    this.simulator = await startSimulator({ now: this.options.now });
    this.trainingClient = new HelcimClient({
      baseUrl: this.simulator.baseUrl,
      ...this.options.http,
      observe: (h) => this.options.budget?.observe(h),
    });
    // Training tokens follow Helcim's least-privilege advice, exactly as a live shop should.
    this.trainingTokens.sales = this.simulator.createToken({
      general: 'none',
      settings: 'none',
      transactions: 'positive',
    });
    this.trainingTokens.admin = this.simulator.createToken({
      general: 'write',
      settings: 'write',
      transactions: 'admin',
    });
    // A Smart Terminal to pair in training: the trainee plays the customer on the on-screen one.
    this.simulator.addTerminal(TRAINING_TERMINAL);
  }

  private level(slot: TokenSlot): TxLevel | null {
    return this.options.settings.get(LEVEL_KEY[slot]);
  }

  private report(slot: TokenSlot): ConnectionReport | null {
    return this.options.settings.get(REPORT_KEY[slot]);
  }

  private remember(r: ConnectionReport): void {
    this.options.settings.set(REPORT_KEY[r.slot], r);
    this.options.settings.set(LEVEL_KEY[r.slot], r.level ?? 'none');
  }

  /** Measures what a token may do, with calls that cannot move money. */
  private async probe(slot: TokenSlot, token: string): Promise<ConnectionReport> {
    const c = this.liveClient;
    const base = { slot, testedAt: new Date().toISOString() };
    try {
      await c.connectionTest(token);
    } catch (err) {
      const code = err instanceof PosError ? err.code : 'internal';
      if (code === 'helcim_unauthorized')
        return {
          ...base,
          reachable: true,
          accepted: false,
          level: null,
          checks: [],
          generalAccess: false,
          passed: false,
          message: say('helcim.test.notAccepted'),
        };
      return {
        ...base,
        reachable: false,
        accepted: false,
        level: null,
        checks: [],
        generalAccess: false,
        passed: false,
        message: say('helcim.test.unreachable'),
      };
    }
    /** true: allowed; false: refused for permission; null: Helcim gave no clear answer (could not tell). */
    const allowed = async (f: () => Promise<unknown>): Promise<boolean | null> => {
      try {
        await f();
        return true;
      } catch (err) {
        if (err instanceof PosError && err.code === 'helcim_permission') return false;
        // Any other refusal (e.g. "no such transaction" for the refund probe) got past the permission check.
        if (err instanceof PosError && PAST_PERMISSION.includes(err.code)) return true;
        // A 5xx, a timeout, a lost answer or an unreadable one says nothing about permissions.
        return null;
      }
    };
    let results: (boolean | null)[];
    let generalAccess: boolean | null;
    try {
      results = [];
      for (const p of PROBES) results.push(await allowed(() => p.run(c, token)));
      generalAccess = await allowed(() => c.listCustomers(token));
    } catch {
      return {
        ...base,
        reachable: false,
        accepted: true,
        level: null,
        checks: [],
        generalAccess: false,
        passed: false,
        message: say('helcim.test.dropped'),
      };
    }
    const checks: CapabilityCheck[] = PROBES.map((p, i) => ({
      operation: p.operation,
      label: say(`helcim.probe.${p.operation}`),
      ok: results[i]!,
      ...(results[i] === null
        ? { fix: say('helcim.fix.unclear') }
        : results[i]
          ? {}
          : { fix: say(p.fix ?? 'helcim.fix.level', { level: TX_LEVEL_LABEL[p.level] }) }),
    }));
    const proved = (op: CapabilityCheck['operation']) => checks.find((k) => k.operation === op)?.ok === true;
    // Only the slot's own operations make a test unclear; the terminal rows are shown beside them.
    const unclear = PROBES.some(
      (p, i) =>
        results[i] === null && p.operation !== 'devices' && p.operation !== 'terminal' && p.operation !== 'invoices',
    );
    // The level is what the slot's own operations proved; the hold rows are shown beside it.
    const level: TxLevel = proved('refund')
      ? 'admin'
      : proved('purchase')
        ? 'positive'
        : proved('verify')
          ? 'auth'
          : 'none';
    const passed = TX_LEVELS.indexOf(level) >= TX_LEVELS.indexOf(SLOT_NEEDS[slot]);
    const message = passed
      ? say('helcim.test.passed', { slot })
      : unclear
        ? say('helcim.test.unclear')
        : say('helcim.test.tooLow', { slot, level: TX_LEVEL_LABEL[SLOT_NEEDS[slot]] });
    return {
      ...base,
      reachable: true,
      accepted: true,
      level,
      checks,
      generalAccess: generalAccess === true,
      passed,
      message,
    };
  }
}
