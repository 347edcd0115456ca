/**
 * A Helcim API V2 simulator on 127.0.0.1: training mode runs on it, and so does every test.
 * It answers as Helcim does for the surface this app uses (../shared/HELCIM.md): tokens with Access
 * Restrictions, connection-test, HelcimPay.js initialize + hosted checkout page + start.js,
 * card-transactions, idempotency keys. Split in three: the ledger (state), the routes (HTTP), the
 * faults (what the fault matrix injects). Its ledger is the ground truth tests check the app against.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults, type Fault } from './faults';
import { json } from './http';
import { SimLedger, type SimTransaction, type TokenProfile } from './ledger';
import { invoiceView } from './invoices';
import { customerView } from './customers';
import { createRoutes } from './routes';
import { SimTerminals, type SimDevice, type TerminalAction } from './terminal';

export { FAULT_KINDS, type Fault } from './faults';
export { TERMINAL_CARDS, type TerminalAction, type SimDevice } from './terminal';
export type { AccessLevel, SimTransaction, TokenProfile } from './ledger';

export type Simulator = {
  /** API base, e.g. http://127.0.0.1:PORT/v2/ */
  baseUrl: string;
  origin: string;
  /** HelcimPay.js start.js for this simulator. */
  scriptUrl: string;
  createToken(profile: TokenProfile): string;
  /** What a manager does in Helcim's API Access Configuration: change a token's Access Restrictions. */
  setTokenProfile(token: string, profile: TokenProfile): void;
  transactions(): readonly SimTransaction[];
  /** The merchant's invoices, as the Invoice API answers them (amounts in dollars). */
  invoices(): readonly Record<string, unknown>[];
  /** The merchant's customers with their saved cards, as `GET /customers?includeCards=yes` answers. */
  customers(): readonly Record<string, unknown>[];
  /** Someone edits an invoice in Helcim's own screens: its total becomes `cents` (reconciliation must notice). */
  editInvoice(invoiceNumber: string, cents: number): void;
  /** What a manager does in Helcim for every token at once: set their General restriction (tests of invoices refused). */
  setGeneralAccess(level: TokenProfile['general']): void;
  /** How many API calls were refused with 429 (only with enforceRateLimits). */
  rateLimited(): number;
  /** API calls made in the minute and hour before `at` (the simulator's clock). */
  apiCalls(at: number): { minute: number; hour: number };
  /** Every API request answered, in order (method, path, query string). */
  apiRequests(): { method: string; path: string; search: string }[];
  /** Closes the open card batch (settlement) and opens a new one. */
  closeBatch(): void;
  /** Sets a transaction back in time (its dateCreated and age), as if made `ms` ago: a hold 8 days old. */
  backdate(transactionId: string, ms: number): void;
  /** A Smart Terminal on the merchant's account (API mode on and awake unless said otherwise). */
  addTerminal(code: string, o?: { apiMode?: boolean; asleep?: boolean }): void;
  /** A terminal's live state: tests put it to sleep or turn API mode off, and see what it shows. */
  terminal(code: string): SimDevice;
  /** The customer acts on the terminal; returns the transaction made (none for a cancel). */
  terminalAct(code: string, action: TerminalAction): SimTransaction | null;
  /** The next `times` requests whose method and path start as given get `fault`. */
  injectFault(match: { method: 'GET' | 'POST'; path: string }, fault: Fault, times?: number): void;
  clearFaults(): void;
  /**
   * Signs `data` with a checkout's secretToken exactly as Helcim would (its own PHP-style encoder):
   * tests use it to build messages that pass the hash check but differ from the attempt in one
   * field, so each of the app's other checks is proven on its own.
   */
  signAsHelcim(checkoutToken: string, data: Record<string, unknown>): string;
  /**
   * Trusting mode: refunds, voids and captures are applied whatever is asked (no over-refund,
   * repeated-void or repeated-capture refusal). Real Helcim refuses those too, but the fault matrix runs once in this mode so that
   * only the app's own guards stand between a lost answer and a second refund.
   */
  trustApp(on: boolean): void;
  /** Every API token and secretToken it has issued: tests scan for these where they must not be. */
  secrets(): string[];
  close(): Promise<void>;
};

export async function startSimulator(
  opts: { port?: number; now?: () => number; enforceRateLimits?: boolean } = {},
): Promise<Simulator> {
  const ledger = new SimLedger(opts.now);
  ledger.enforceLimits = opts.enforceRateLimits ?? false;
  const faults = new Faults();
  let origin = '';
  const terminals = new SimTerminals(ledger);
  const route = createRoutes(ledger, terminals, () => origin);
  const server: Server = createServer((req, res) => {
    faults
      .apply(req, res)
      .then((stop) => (stop ? undefined : route(req, res)))
      .catch(() => {
        if (!res.headersSent) json(res, 500, { errors: 'Internal simulator error' });
        else res.destroy();
      });
  });
  // Idle keep-alive connections stay open longer than any client keeps them (Node's 5 s default is
  // shorter than Chromium's): otherwise a client may reuse a socket just as the server closes it, and a
  // trainee's tap on the training terminal is lost to a connection reset.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}/v2/`,
    origin,
    scriptUrl: `${origin}/helcim-pay/start.js`,
    createToken: (profile: TokenProfile) => ledger.createToken(profile),
    injectFault: (match, fault: Fault, times = 1) => faults.inject(match, fault, times),
    clearFaults: () => faults.clear(),
    setTokenProfile(token, profile) {
      if (!ledger.tokens.has(token)) throw new Error('unknown simulator token');
      ledger.tokens.set(token, { ...profile });
    },
    transactions: (): SimTransaction[] => ledger.transactions.map((t) => ({ ...t })),
    invoices: () => ledger.invoices.map(invoiceView),
    customers: () => ledger.customers.map((c) => customerView(c, true)),
    editInvoice(invoiceNumber, cents) {
      const x = ledger.invoices.find((i) => i.invoiceNumber === invoiceNumber);
      if (!x) throw new Error('no such simulator invoice');
      x.amountCents = cents;
    },
    setGeneralAccess(level) {
      for (const p of ledger.tokens.values()) p.general = level;
    },
    rateLimited: () => ledger.refused,
    apiCalls: (at) => ledger.usage(at),
    apiRequests: () => ledger.requestLog.map((r) => ({ ...r })),
    closeBatch: () => ledger.closeBatch(),
    backdate: (transactionId, ms) => {
      const t = ledger.transactions.find((x) => String(x.transactionId) === transactionId);
      if (!t) throw new Error(`no simulator transaction ${transactionId}`);
      t.placedAtMs = ledger.now() - ms;
      t.dateCreated = ledger.helcimDate(t.placedAtMs);
    },
    addTerminal: (code, o) => {
      terminals.add(code, o);
    },
    terminal: (code) => {
      const d = terminals.devices.get(code);
      if (!d) throw new Error(`no terminal ${code}`);
      return d;
    },
    terminalAct: (code, action) => {
      const tx = terminals.act(code, action);
      return tx ? { ...tx } : null;
    },
    signAsHelcim(checkoutToken, data) {
      const checkout = ledger.checkouts.get(checkoutToken);
      if (!checkout) throw new Error('unknown checkout');
      return ledger.sign(data, checkout.secretToken);
    },
    trustApp(on) {
      ledger.trusting = on;
    },
    secrets: () => [...ledger.tokens.keys(), ...[...ledger.checkouts.values()].map((c) => c.secretToken)],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
