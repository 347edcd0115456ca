/**
 * A Helcim API V2 simulator on 127.0.0.1: training mode runs on it, and so does every test.
 * It answers as Helcim does for the surface this app uses: tokens with Access Restrictions,
 * connection-test, HelcimPay.js initialize + hosted checkout page + start.js, card-transactions,
 * idempotency keys. Its ledger is the ground truth tests check the app against.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TX_LEVELS, type TxLevel } from '../policy/table';
import { phpJsonEncodeIndependent } from './php-json';
import { amountInCents } from './amounts';
import { TEST_CARDS, declineFor, maskCard } from './cards';
import { checkoutPageHtml, checkoutPageScript, startScript } from './pages';

export type AccessLevel = 'none' | 'read' | 'write';

/** Faults the simulator can inject into its next matching request(s). */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'hang' } // never answers: the client times out
  | { kind: 'reset' } // drops the connection before doing anything
  | { kind: 'status'; status: 500 | 502 | 503 } // answers an error without doing anything
  | { kind: 'rate-limit'; retryAfterSeconds: number } // 429 without doing anything
  | { kind: 'lost'; hang?: boolean }; // does the work, then drops (or never sends) the answer

export const FAULT_KINDS = ['latency', 'hang', 'reset', 'status-500', 'status-502', 'status-503', 'rate-limit', 'lost'] as const;
export type TokenProfile = { general: AccessLevel; settings: AccessLevel; transactions: TxLevel; legacy?: boolean };

export type SimTransaction = {
  transactionId: number;
  dateCreated: string;
  cardBatchId: number;
  status: 'APPROVED' | 'DECLINED';
  user: string;
  type: 'purchase' | 'verify' | 'refund' | 'reverse';
  amount: number;
  currency: string;
  avsResponse: string;
  cvvResponse: string;
  approvalCode: string;
  cardToken: string;
  cardNumber: string;
  cardHolderName: string;
  cardType: string;
  customerCode: string;
  invoiceNumber: string;
  warning: string;
  /** Refund / reverse: the transaction it returns money from. */
  originalTransactionId?: number;
  /** A purchase that has been reversed. */
  reversed?: boolean;
};

type Checkout = {
  checkoutToken: string;
  secretToken: string;
  paymentType: 'purchase' | 'verify';
  amount: number;
  currency: string;
  invoiceNumber: string;
  state: 'open' | 'done';
  expiresAt: number;
};

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
  /** Closes the open card batch (settlement) and opens a new one. */
  closeBatch(): void;
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
   * Trusting mode: refunds and voids are applied whatever is asked (no over-refund or repeated-void
   * refusal). Real Helcim refuses those too, but the fault matrix runs once in this mode so that
   * only the app's own guards stand between a lost answer and a second refund.
   */
  trustApp(on: boolean): void;
  /** Every API token and secretToken it has issued: tests scan for these where they must not be. */
  secrets(): string[];
  close(): Promise<void>;
};

/** How long a HelcimPay.js checkout session stays usable (Helcim: 60 minutes). */
const CHECKOUT_TTL_MS = 60 * 60 * 1000;

export async function startSimulator(opts: { port?: number } = {}): Promise<Simulator> {
  const tokens = new Map<string, TokenProfile>();
  const checkouts = new Map<string, Checkout>();
  const ledger: SimTransaction[] = [];
  const idempotency = new Map<string, { status: number; body: unknown }>();
  let nextTransactionId = 40_000_000 + Math.floor(Math.random() * 1_000_000);
  let openBatchId = 6_005_228;
  const closedBatches = new Set<number>();
  let origin = '';
  let faults: { method: string; path: string; fault: Fault; left: number }[] = [];
  let trusting = false;
  const sign = (data: Record<string, unknown>, secretToken: string) =>
    createHash('sha256')
      .update(phpJsonEncodeIndependent(data) + secretToken, 'utf8')
      .digest('hex');

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const text = (res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
    res.end(body);
  };

  const authorize = (req: IncomingMessage, res: ServerResponse, need?: TxLevel): TokenProfile | null => {
    const token = req.headers['api-token'];
    const profile = typeof token === 'string' ? tokens.get(token) : undefined;
    if (!profile || profile.legacy) {
      json(res, 401, { errors: 'Unauthorized' });
      return null;
    }
    if (need && TX_LEVELS.indexOf(profile.transactions) < TX_LEVELS.indexOf(need)) {
      json(res, 401, { errors: 'No access permission' });
      return null;
    }
    return profile;
  };

  const readBody = (req: IncomingMessage): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 64 * 1024) reject(new Error('body too large'));
        else chunks.push(c);
      });
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        if (!raw) return resolve({});
        try {
          resolve(JSON.parse(raw));
        } catch {
          reject(new Error('invalid JSON'));
        }
      });
      req.on('error', reject);
    });

  /** Same idempotency-key, same path: the first answer again (Helcim keeps keys for 5 minutes). */
  const withIdempotency = async (req: IncomingMessage, res: ServerResponse, run: () => Promise<{ status: number; body: unknown }>) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !/^[\w-]{16,64}$/.test(key)) return json(res, 400, { errors: { 'idempotency-key': 'Missing or invalid idempotency-key' } });
    const scoped = `${req.headers['api-token']}|${req.url}|${key}`;
    const seen = idempotency.get(scoped);
    if (seen) return json(res, seen.status, seen.body);
    const answer = await run();
    idempotency.set(scoped, answer);
    json(res, answer.status, answer.body);
  };

  /** Helcim reports times in the merchant's local time, "YYYY-MM-DD HH:MM:SS". */
  const helcimDate = (d = new Date()) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().replace('T', ' ').slice(0, 19);

  async function initialize(req: IncomingMessage, res: ServerResponse) {
    let body: Record<string, unknown>;
    try {
      body = (await readBody(req)) as Record<string, unknown>;
    } catch {
      return json(res, 400, { errors: 'Invalid request body' });
    }
    const paymentType = body.paymentType;
    if (paymentType !== 'purchase' && paymentType !== 'verify' && paymentType !== 'preauth')
      return json(res, 400, { errors: { paymentType: 'paymentType must be purchase, preauth or verify' } });
    if (!authorize(req, res, paymentType === 'purchase' ? 'positive' : 'auth')) return;
    await withIdempotency(req, res, async () => {
      const amountCents = amountInCents(body.amount);
      const amount = amountCents === null ? NaN : amountCents / 100;
      const errors: Record<string, string> = {};
      if (amountCents === null) errors.amount = 'Invalid amount';
      else if (paymentType !== 'verify' && amountCents === 0) errors.amount = 'Amount must be greater than 0';
      if (body.currency !== 'CAD' && body.currency !== 'USD') errors.currency = 'Currency must be CAD or USD';
      if (Object.keys(errors).length) return { status: 400, body: { errors } };
      const checkout: Checkout = {
        checkoutToken: randomBytes(12).toString('hex'),
        secretToken: randomBytes(16).toString('hex'),
        paymentType: paymentType === 'preauth' ? 'purchase' : paymentType,
        amount,
        currency: String(body.currency),
        invoiceNumber: typeof body.invoiceNumber === 'string' ? body.invoiceNumber.slice(0, 40) : `INV${nextTransactionId}`,
        state: 'open',
        expiresAt: Date.now() + CHECKOUT_TTL_MS,
      };
      checkouts.set(checkout.checkoutToken, checkout);
      return { status: 200, body: { checkoutToken: checkout.checkoutToken, secretToken: checkout.secretToken } };
    });
  }

  /** The hosted page posts the card here; the card never leaves the simulator's own origin. */
  async function processCheckout(checkoutToken: string, req: IncomingMessage, res: ServerResponse) {
    const checkout = checkouts.get(checkoutToken);
    if (!checkout || checkout.state !== 'open' || checkout.expiresAt < Date.now())
      return json(res, 400, { status: 'ERROR', message: 'This checkout session has ended.' });
    let body: Record<string, unknown>;
    try {
      body = (await readBody(req)) as Record<string, unknown>;
    } catch {
      return json(res, 400, { status: 'ERROR', message: 'Invalid request.' });
    }
    const pan = String(body.cardNumber ?? '').replace(/\D/g, '');
    const cvv = String(body.cardCVV ?? '').trim();
    const expiry = String(body.cardExpiry ?? '').replace(/\D/g, '');
    const holder = String(body.cardHolderName ?? '')
      .trim()
      .slice(0, 60);
    const card = TEST_CARDS[pan];
    if (!card) return json(res, 200, { status: 'ERROR', message: 'Card number is not valid.' });
    if (!/^\d{4}$/.test(expiry)) return json(res, 200, { status: 'ERROR', message: 'Expiry must be MM/YY.' });
    if (!/^\d{3,4}$/.test(cvv)) return json(res, 200, { status: 'ERROR', message: 'CVV must be 3 or 4 digits.' });

    const decline = declineFor(cvv);
    checkout.state = 'done';
    const tx: SimTransaction = {
      transactionId: nextTransactionId++,
      dateCreated: helcimDate(),
      cardBatchId: openBatchId,
      status: decline ? 'DECLINED' : 'APPROVED',
      user: 'Helcim System',
      type: checkout.paymentType,
      amount: checkout.paymentType === 'verify' ? 0 : checkout.amount,
      currency: checkout.currency,
      avsResponse: 'X',
      cvvResponse: decline ? 'N' : 'M',
      approvalCode: decline ? '' : `T${randomBytes(3).toString('hex').toUpperCase().slice(0, 5)}`,
      cardToken: randomBytes(11).toString('base64url'),
      cardNumber: maskCard(pan),
      cardHolderName: holder,
      cardType: card.cardType,
      customerCode: `CST${1000 + ledger.length}`,
      invoiceNumber: checkout.invoiceNumber,
      warning: '',
    };
    ledger.push(tx);
    if (decline) return json(res, 200, { status: 'DECLINED', message: `Transaction Declined: ${decline}` });
    // As HelcimPay.js sends it: every value a string, in this order.
    const data = {
      transactionId: String(tx.transactionId),
      dateCreated: tx.dateCreated,
      cardBatchId: String(tx.cardBatchId),
      status: tx.status,
      type: tx.type,
      amount: tx.amount.toFixed(2),
      currency: tx.currency,
      avsResponse: tx.avsResponse,
      cvvResponse: tx.cvvResponse,
      approvalCode: tx.approvalCode,
      cardToken: tx.cardToken,
      cardNumber: tx.cardNumber,
      cardHolderName: tx.cardHolderName,
      cardType: tx.cardType,
      customerCode: tx.customerCode,
      invoiceNumber: tx.invoiceNumber,
      warning: tx.warning,
    };
    json(res, 200, { status: 'APPROVED', data, hash: sign(data, checkout.secretToken) });
  }

  const cents = (n: number) => Math.round(n * 100);
  const returnedCents = (original: SimTransaction) =>
    ledger.filter((t) => t.originalTransactionId === original.transactionId && t.status === 'APPROVED').reduce((sum, t) => sum + cents(t.amount), 0);

  /** Payment API refund and reverse (devdocs.helcim.com: refund needs a closed batch, reverse an open one). */
  async function moneyBack(kind: 'refund' | 'reverse', req: IncomingMessage, res: ServerResponse) {
    if (!authorize(req, res, 'admin')) return;
    let body: Record<string, unknown>;
    try {
      body = (await readBody(req)) as Record<string, unknown>;
    } catch {
      return json(res, 400, { errors: 'Invalid request body' });
    }
    await withIdempotency(req, res, async () => {
      const id = Number(kind === 'refund' ? body.originalTransactionId : body.cardTransactionId);
      const original = ledger.find((t) => t.transactionId === id);
      if (typeof body.ipAddress !== 'string' || !body.ipAddress) return { status: 400, body: { errors: { ipAddress: 'ipAddress is required' } } };
      if (!original || original.status !== 'APPROVED' || original.type !== 'purchase')
        return {
          status: 400,
          body: { errors: { [kind === 'refund' ? 'originalTransactionId' : 'cardTransactionId']: 'Transaction not found or not refundable' } },
        };
      const settled = closedBatches.has(original.cardBatchId);
      let amount: number;
      if (kind === 'refund') {
        if (!settled) return { status: 400, body: { errors: 'Transaction batch is still open; use reverse' } };
        const askedCents = amountInCents(body.amount);
        if (askedCents === null || askedCents === 0) return { status: 400, body: { errors: { amount: 'Invalid amount' } } };
        amount = askedCents / 100;
        if (!trusting && (original.reversed || askedCents > cents(original.amount) - returnedCents(original)))
          return { status: 400, body: { errors: { amount: 'Refund amount exceeds the remaining amount of the original transaction' } } };
      } else {
        if (settled) return { status: 400, body: { errors: 'Transaction batch is closed; use refund' } };
        if (!trusting && (original.reversed || returnedCents(original) > 0)) return { status: 400, body: { errors: 'Transaction already reversed' } };
        amount = original.amount;
        original.reversed = true;
      }
      const tx: SimTransaction = {
        ...original,
        transactionId: nextTransactionId++,
        dateCreated: helcimDate(),
        cardBatchId: openBatchId,
        type: kind,
        amount,
        approvalCode: `T${randomBytes(3).toString('hex').toUpperCase().slice(0, 5)}`,
        invoiceNumber: '',
        originalTransactionId: original.transactionId,
        reversed: undefined,
      };
      ledger.push(tx);
      return { status: 200, body: tx };
    });
  }

  function listTransactions(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const from = q.get('dateFrom');
    const to = q.get('dateTo');
    const invoice = q.get('invoiceNumber');
    const rows = ledger.filter(
      (t) => (!from || t.dateCreated.slice(0, 10) >= from) && (!to || t.dateCreated.slice(0, 10) <= to) && (!invoice || t.invoiceNumber === invoice),
    );
    json(res, 200, rows);
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/v2/connection-test') {
      if (authorize(req, res)) json(res, 200, { message: 'Connection successful' });
      return;
    }
    if (method === 'POST' && path === '/v2/helcim-pay/initialize') return initialize(req, res);
    if (method === 'GET' && path === '/v2/customers') {
      // General objects (customers, invoices, products) need General: read or better.
      const profile = authorize(req, res);
      if (!profile) return;
      return profile.general === 'none' ? json(res, 401, { errors: 'No access permission' }) : json(res, 200, []);
    }
    if (method === 'POST' && path === '/v2/payment/refund') return moneyBack('refund', req, res);
    if (method === 'POST' && path === '/v2/payment/reverse') return moneyBack('reverse', req, res);
    const batch = /^\/v2\/card-batches\/(\d{1,20})$/.exec(path);
    if (method === 'GET' && batch) {
      if (!authorize(req, res, 'auth')) return;
      const id = Number(batch[1]);
      if (id !== openBatchId && !closedBatches.has(id)) return json(res, 404, { errors: 'Card batch not found' });
      return json(res, 200, { id, closed: closedBatches.has(id), terminalId: 54181, batchNumber: id % 1000 });
    }
    if (method === 'GET' && path === '/v2/card-transactions') {
      if (authorize(req, res, 'auth')) listTransactions(url, res);
      return;
    }
    const one = /^\/v2\/card-transactions\/(\d{1,20})$/.exec(path);
    if (method === 'GET' && one) {
      if (!authorize(req, res, 'auth')) return;
      const tx = ledger.find((t) => String(t.transactionId) === one[1]);
      return tx ? json(res, 200, tx) : json(res, 404, { errors: 'Transaction not found' });
    }
    if (method === 'GET' && path === '/helcim-pay/start.js')
      return text(res, 200, 'text/javascript', startScript(origin), { 'access-control-allow-origin': '*' });
    if (method === 'GET' && path === '/helcim-pay/checkout.js') return text(res, 200, 'text/javascript', checkoutPageScript());
    const page = /^\/helcim-pay\/checkout\/([0-9a-f]{24})(\/process)?$/.exec(path);
    if (page) {
      const checkout = checkouts.get(page[1]!);
      if (method === 'POST' && page[2]) return processCheckout(page[1]!, req, res);
      if (method === 'GET' && !page[2] && checkout)
        return text(res, 200, 'text/html; charset=utf-8', checkoutPageHtml(checkout), {
          'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors *",
        });
    }
    json(res, 404, { errors: 'Not found' });
  }

  /** Applies an injected fault; returns true when the request must not be processed further. */
  async function applyFault(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const f = faults.find((x) => x.left > 0 && x.method === req.method && path.startsWith(x.path));
    if (!f) return false;
    f.left -= 1;
    const fault = f.fault;
    switch (fault.kind) {
      case 'latency':
        await new Promise((r) => setTimeout(r, fault.ms));
        return false;
      case 'hang':
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'status':
        json(res, fault.status, { errors: fault.status === 500 ? 'Internal Server Error' : 'Service Unavailable' });
        return true;
      case 'rate-limit':
        res.setHeader('retry-after', String(fault.retryAfterSeconds));
        json(res, 429, { errors: 'Too Many Requests' });
        return true;
      case 'lost':
        // Process for real, but swallow the answer and cut the connection.
        res.writeHead = (() => res) as unknown as ServerResponse['writeHead'];
        res.end = (() => {
          if (!fault.hang) req.socket.destroy();
          return res;
        }) as unknown as ServerResponse['end'];
        return false;
    }
  }

  const server: Server = createServer((req, res) => {
    applyFault(req, res)
      .then((stop) => (stop ? undefined : route(req, res)))
      .catch(() => {
        if (!res.headersSent) json(res, 500, { errors: 'Internal simulator error' });
        else res.destroy();
      });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}/v2/`,
    origin,
    scriptUrl: `${origin}/helcim-pay/start.js`,
    createToken(profile) {
      // Real V2 tokens are long opaque strings; the simulator's look alike but can't be mistaken for real ones.
      const token = `sim_${randomUUID().replace(/-/g, '')}${randomBytes(8).toString('hex')}`;
      tokens.set(token, { ...profile });
      return token;
    },
    injectFault(match, fault, times = 1) {
      faults.push({ method: match.method, path: match.path, fault, left: times });
    },
    clearFaults() {
      faults = [];
    },
    setTokenProfile(token, profile) {
      if (!tokens.has(token)) throw new Error('unknown simulator token');
      tokens.set(token, { ...profile });
    },
    transactions: () => ledger.map((t) => ({ ...t })),
    closeBatch() {
      closedBatches.add(openBatchId);
      openBatchId += 1;
    },
    signAsHelcim(checkoutToken, data) {
      const checkout = checkouts.get(checkoutToken);
      if (!checkout) throw new Error('unknown checkout');
      return sign(data, checkout.secretToken);
    },
    trustApp(on) {
      trusting = on;
    },
    secrets: () => [...tokens.keys(), ...[...checkouts.values()].map((c) => c.secretToken)],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
