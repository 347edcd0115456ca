/**
 * The simulator's HTTP routes, following ../shared/HELCIM.md: connection-test, HelcimPay.js
 * initialize + hosted checkout page + start.js, refunds and voids, card-transactions, card batches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { amountInCents } from './amounts';
import { TEST_CARDS, declineFor, maskCard } from './cards';
import { json, readBody, text } from './http';
import {
  CHECKOUT_TTL_MS,
  HELCIM_TX_LEVELS,
  type Checkout,
  type TxLevel,
  type SimLedger,
  type SimTransaction,
  type TokenProfile,
} from './ledger';
import { terminalRoutes, type SimTerminals } from './terminal';
import { invoiceRoutes } from './invoices';
import { customerRoutes } from './customers';
import { checkoutPageHtml, checkoutPageScript, refusedPageHtml, startScript } from './pages';

/** HELCIM.md: a preauthorization can be captured only within 7 days. Written here, not taken from the app. */
const CAPTURE_WINDOW_MS = 7 * 24 * 3_600_000;

/** How long Helcim remembers an idempotency key (HELCIM.md: 5 minutes). */
const IDEMPOTENCY_MEMORY_MS = 5 * 60_000;

/** The request handler for one simulator: its ledger, and its own origin once it listens. */
export function createRoutes(
  L: SimLedger,
  T: SimTerminals,
  origin: () => string,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const authorize = (req: IncomingMessage, res: ServerResponse, need?: TxLevel): TokenProfile | null => {
    const token = req.headers['api-token'];
    const profile = typeof token === 'string' ? L.tokens.get(token) : undefined;
    if (!profile || profile.legacy) {
      json(res, 401, { errors: 'Unauthorized' });
      return null;
    }
    if (need && HELCIM_TX_LEVELS.indexOf(profile.transactions) < HELCIM_TX_LEVELS.indexOf(need)) {
      // HELCIM.md: documented as 401 on one page and 403 on another. The simulator answers both
      // (403 to reads, 401 to posts) so the app must tell it from "Unauthorized" by its text.
      json(res, req.method === 'GET' ? 403 : 401, { errors: 'No access permission' });
      return null;
    }
    return profile;
  };

  /** Same idempotency-key, same path: the first answer again (Helcim keeps keys for 5 minutes). */
  /**
   * Idempotency as HELCIM.md states it: the key is 25–36 characters of [A-Za-z0-9_-] (missing or
   * malformed: 400); the same key with the same body within 5 minutes gets the first successful
   * answer again; the same key with another body gets 409. Keys are forgotten after 5 minutes.
   * (Guess, listed for helcim:check: only successful answers are remembered, so a key whose request
   * failed may be used again.)
   */
  const withIdempotency = async (
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    run: () => Promise<{ status: number; body: unknown }>,
  ) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{25,36}$/.test(key))
      return json(res, 400, { errors: { 'idempotency-key': 'Missing or invalid idempotency-key' } });
    const scoped = `${req.headers['api-token']}|${key}`;
    const fingerprint = `${req.url}|${JSON.stringify(body)}`;
    const seen = L.idempotency.get(scoped);
    if (seen && Date.now() - seen.at < IDEMPOTENCY_MEMORY_MS) {
      if (seen.fingerprint !== fingerprint)
        return json(res, 409, { errors: 'Idempotency key already used for another request' });
      return json(res, seen.status, seen.body);
    }
    const answer = await run();
    if (answer.status >= 200 && answer.status < 300)
      L.idempotency.set(scoped, { ...answer, fingerprint, at: Date.now() });
    json(res, answer.status, answer.body);
  };

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
    await withIdempotency(req, res, body, async () => {
      const amountCents = amountInCents(body.amount);
      const amount = amountCents === null ? NaN : amountCents / 100;
      const errors: Record<string, string> = {};
      if (amountCents === null) errors.amount = 'Invalid amount';
      else if (paymentType !== 'verify' && amountCents === 0) errors.amount = 'Amount must be greater than 0';
      if (body.currency !== 'CAD' && body.currency !== 'USD') errors.currency = 'Currency must be CAD or USD';
      const customerCode = typeof body.customerCode === 'string' ? body.customerCode : undefined;
      if (customerCode !== undefined && !L.customers.some((c) => c.customerCode === customerCode))
        errors.customerCode = 'Customer not found';
      if (Object.keys(errors).length) return { status: 400, body: { errors } };
      const checkout: Checkout = {
        checkoutToken: randomBytes(12).toString('hex'),
        secretToken: randomBytes(16).toString('hex'),
        paymentType,
        amount,
        currency: String(body.currency),
        invoiceNumber:
          typeof body.invoiceNumber === 'string' ? body.invoiceNumber.slice(0, 40) : `INV${L.nextTransactionId}`,
        ...(customerCode ? { customerCode } : {}),
        state: 'open',
        expiresAt: Date.now() + CHECKOUT_TTL_MS,
      };
      L.checkouts.set(checkout.checkoutToken, checkout);
      return { status: 200, body: { checkoutToken: checkout.checkoutToken, secretToken: checkout.secretToken } };
    });
  }

  /** The hosted page posts the card here; the card never leaves the simulator's own origin. */
  async function processCheckout(checkoutToken: string, req: IncomingMessage, res: ServerResponse) {
    const checkout = L.checkouts.get(checkoutToken);
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

    // HELCIM.md: Helcim declines a payment whose card number, cardholder name and amount match one
    // approved in the last 5 minutes, even with a new key. (Guess: verifications do not count.)
    const duplicate =
      checkout.paymentType !== 'verify' &&
      L.transactions.some(
        (t) =>
          t.status === 'APPROVED' &&
          t.type === checkout.paymentType &&
          t.cardNumber === maskCard(pan) &&
          t.cardHolderName === holder &&
          t.amount === checkout.amount &&
          L.now() - (L.createdAt.get(t.transactionId) ?? 0) < 5 * 60_000,
      );
    const decline = duplicate ? 'DECLINED - Suspected duplicate transaction in the last 5 minutes.' : declineFor(cvv);
    checkout.state = 'done';
    const tx: SimTransaction = {
      transactionId: L.nextTransactionId++,
      dateCreated: L.helcimDate(),
      cardBatchId: L.openBatchId,
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
      customerCode: checkout.customerCode ?? '',
      invoiceNumber: checkout.invoiceNumber,
      warning: '',
    };
    // The customer named at initialize, or — none — one Helcim makes for this payment (HELCIM.md).
    if (!decline) tx.customerCode = L.customerFor(checkout.customerCode, tx)?.customerCode ?? '';
    L.record(tx);
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
    json(res, 200, { status: 'APPROVED', data, hash: L.sign(data, checkout.secretToken) });
  }

  const cents = (n: number) => Math.round(n * 100);
  const returnedCents = (original: SimTransaction) =>
    L.transactions
      .filter((t) => t.originalTransactionId === original.transactionId && t.status === 'APPROVED')
      .reduce((sum, t) => sum + cents(t.amount), 0);

  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown> | null> => {
    try {
      const body = await readBody(req);
      return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };

  /** A new row made from an earlier one (refund, reverse, capture), in the open batch. */
  const followUp = (
    original: SimTransaction,
    type: SimTransaction['type'],
    amount: number,
    invoiceNumber: string,
  ): SimTransaction => ({
    ...original,
    transactionId: L.nextTransactionId++,
    dateCreated: L.helcimDate(),
    cardBatchId: L.openBatchId,
    type,
    amount,
    approvalCode: `T${randomBytes(3).toString('hex').toUpperCase().slice(0, 5)}`,
    invoiceNumber,
    originalTransactionId: original.transactionId,
    reversed: undefined,
    captured: undefined,
  });

  /**
   * Payment API refund and reverse (devdocs.helcim.com: refund needs a closed batch, reverse an open
   * one). Sales (purchases and captures) can be refunded or reversed; a preauthorization only
   * reversed, which releases the hold (guess, listed in helcim:check: the docs say reverse works on
   * "a transaction" and do not name preauths outright), and only while it is not captured.
   */
  async function moneyBack(kind: 'refund' | 'reverse', req: IncomingMessage, res: ServerResponse) {
    if (!authorize(req, res, 'admin')) return;
    const body = await readJson(req);
    if (!body) return json(res, 400, { errors: 'Invalid request body' });
    await withIdempotency(req, res, body, async () => {
      const field = kind === 'refund' ? 'originalTransactionId' : 'cardTransactionId';
      const id = Number(body[field]);
      const original = L.transactions.find((t) => t.transactionId === id);
      if (typeof body.ipAddress !== 'string' || !body.ipAddress)
        return { status: 400, body: { errors: { ipAddress: 'ipAddress is required' } } };
      const returnable = kind === 'refund' ? ['purchase', 'capture'] : ['purchase', 'capture', 'preauth'];
      if (!original || original.status !== 'APPROVED' || !returnable.includes(original.type))
        return { status: 400, body: { errors: { [field]: 'Transaction not found or not refundable' } } };
      const settled = L.closedBatches.has(original.cardBatchId);
      let amount: number;
      if (kind === 'refund') {
        if (!settled) return { status: 400, body: { errors: 'Transaction batch is still open; use reverse' } };
        // HELCIM.md: in-person debit cannot be refunded through the Payment API (wording: a guess).
        if (original.cardType === 'IN' || original.cardType === 'DB')
          return {
            status: 400,
            body: { errors: 'Debit transactions must be refunded on a terminal with the card present' },
          };
        const askedCents = amountInCents(body.amount);
        if (askedCents === null || askedCents === 0)
          return { status: 400, body: { errors: { amount: 'Invalid amount' } } };
        amount = askedCents / 100;
        if (!L.trusting && (original.reversed || askedCents > cents(original.amount) - returnedCents(original)))
          return {
            status: 400,
            body: { errors: { amount: 'Refund amount exceeds the remaining amount of the original transaction' } },
          };
      } else {
        if (settled) return { status: 400, body: { errors: 'Transaction batch is closed; use refund' } };
        if (!L.trusting && (original.reversed || original.captured || returnedCents(original) > 0))
          return {
            status: 400,
            body: { errors: original.captured ? 'Preauthorization already captured' : 'Transaction already reversed' },
          };
        amount = original.amount;
        original.reversed = true;
      }
      const tx = followUp(original, kind, amount, '');
      L.record(tx);
      return { status: 200, body: tx };
    });
  }

  /**
   * Payment API purchase and preauth with a card on file (HELCIM.md: `cardData: {cardToken}`; a full
   * card number only for merchants approved for it — refused here as Helcim refuses it by default).
   * The token is one Helcim issued for an earlier transaction of this merchant.
   */
  async function charge(kind: 'purchase' | 'preauth', req: IncomingMessage, res: ServerResponse) {
    if (!authorize(req, res, kind === 'purchase' ? 'positive' : 'auth')) return;
    const body = await readJson(req);
    if (!body) return json(res, 400, { errors: 'Invalid request body' });
    await withIdempotency(req, res, body, async () => {
      if (typeof body.ipAddress !== 'string' || !body.ipAddress)
        return { status: 400, body: { errors: { ipAddress: 'ipAddress is required' } } };
      if (body.currency !== 'CAD' && body.currency !== 'USD')
        return { status: 400, body: { errors: { currency: 'Currency must be CAD or USD' } } };
      const askedCents = amountInCents(body.amount);
      if (askedCents === null || askedCents === 0)
        return { status: 400, body: { errors: { amount: 'Invalid amount' } } };
      const card = (body.cardData ?? {}) as Record<string, unknown>;
      if (typeof card.cardNumber === 'string')
        return { status: 401, body: { errors: 'Not allowed to send full card number' } };
      const onFile = L.transactions.find((t) => typeof card.cardToken === 'string' && t.cardToken === card.cardToken);
      if (!onFile) return { status: 500, body: { errors: 'Failed to process transaction: invalid card token' } };
      // HELCIM.md: a bad customer code fails the request (500 "Failed to process transaction").
      const customerCode = typeof body.customerCode === 'string' ? body.customerCode : undefined;
      if (customerCode !== undefined && !L.customers.some((c) => c.customerCode === customerCode))
        return { status: 500, body: { errors: 'Failed to process transaction: invalid customer code' } };
      const tx: SimTransaction = {
        ...followUp(
          onFile,
          kind,
          askedCents / 100,
          typeof body.invoiceNumber === 'string' ? body.invoiceNumber.slice(0, 40) : `INV${L.nextTransactionId}`,
        ),
        status: 'APPROVED',
        currency: String(body.currency),
        originalTransactionId: undefined,
        ...(customerCode ? { customerCode } : {}),
      };
      L.record(tx);
      return { status: 200, body: tx };
    });
  }

  /**
   * Payment API capture (HELCIM.md): `preAuthTransactionId`, `amount`, `ipAddress`; Positive level.
   * A preauthorization is captured in part or in full, several times, up to its amount, and only
   * within 7 days (HELCIM.md, confirmed). Guess, listed in helcim:check: the capture row keeps the
   * preauth's invoice number.
   */
  async function capture(req: IncomingMessage, res: ServerResponse) {
    if (!authorize(req, res, 'positive')) return;
    const body = await readJson(req);
    if (!body) return json(res, 400, { errors: 'Invalid request body' });
    await withIdempotency(req, res, body, async () => {
      if (typeof body.ipAddress !== 'string' || !body.ipAddress)
        return { status: 400, body: { errors: { ipAddress: 'ipAddress is required' } } };
      const preauth = L.transactions.find((t) => t.transactionId === Number(body.preAuthTransactionId));
      if (!preauth || preauth.type !== 'preauth' || preauth.status !== 'APPROVED')
        return { status: 400, body: { errors: { preAuthTransactionId: 'Preauthorization not found' } } };
      if (!L.trusting && preauth.reversed)
        return { status: 400, body: { errors: 'Preauthorization already released' } };
      if (!L.trusting && L.now() - (preauth.placedAtMs ?? L.now()) > CAPTURE_WINDOW_MS)
        return { status: 400, body: { errors: 'Preauthorization has expired (older than 7 days)' } };
      const askedCents = amountInCents(body.amount);
      if (askedCents === null || askedCents === 0)
        return { status: 400, body: { errors: { amount: 'Invalid amount' } } };
      const already = L.trusting ? 0 : (preauth.capturedCents ?? 0);
      if (askedCents > cents(preauth.amount) - already)
        return { status: 400, body: { errors: { amount: 'Capture amount exceeds the preauthorized amount' } } };
      preauth.captured = true;
      preauth.capturedCents = (preauth.capturedCents ?? 0) + askedCents;
      const tx = followUp(preauth, 'capture', askedCents / 100, preauth.invoiceNumber);
      L.record(tx);
      return { status: 200, body: tx };
    });
  }

  function listTransactions(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const from = q.get('dateFrom');
    const to = q.get('dateTo');
    const invoice = q.get('invoiceNumber');
    const rows = L.transactions.filter(
      (t) =>
        (!from || t.dateCreated.slice(0, 10) >= from) &&
        (!to || t.dateCreated.slice(0, 10) <= to) &&
        (!invoice || t.invoiceNumber === invoice),
    );
    // Pages of `limit` rows (HELCIM.md: at most and by default 1000), `page` counted from 1.
    const limit = Math.min(1000, Math.max(1, Number(q.get('limit') ?? 1000) || 1000));
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    json(res, 200, rows.slice((page - 1) * limit, page * limit));
  }

  const terminals = terminalRoutes(L, T, authorize);
  const invoices = invoiceRoutes(L, (req, res) => authorize(req, res));
  const customers = customerRoutes(L, (req, res) => authorize(req, res));

  async function route(req: IncomingMessage, res: ServerResponse) {
    // Helcim's per-merchant limits (HELCIM.md): 5 calls in flight, 100 a minute, 3000 an hour, over →
    // 429. Reported on every API answer; refused only when the test asked for enforcement (a refused
    // call is not counted: a guess). Pages and scripts (HelcimPay.js, the training terminal) are not API calls.
    if ((req.url ?? '').startsWith('/v2/')) {
      const at = L.now();
      const used = L.usage(at);
      const headers = (u: { minute: number; hour: number }) => {
        res.setHeader('minute-limit-remaining', String(Math.max(0, 100 - u.minute)));
        res.setHeader('hour-limit-remaining', String(Math.max(0, 3000 - u.hour)));
      };
      if (L.enforceLimits && (used.minute >= 100 || used.hour >= 3000 || L.inFlight >= 5)) {
        headers(used);
        L.refused += 1;
        return json(res, 429, { errors: 'Too Many Requests' });
      }
      headers(L.countCall(at));
      L.inFlight += 1;
      res.once('close', () => (L.inFlight -= 1));
    }
    const url = new URL(req.url ?? '/', origin());
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith('/v2/')) L.requestLog.push({ method, path, search: url.search });
    if (await terminals(req, res, method, path)) return;
    if (await invoices(req, res, method, url)) return;
    if (await customers(req, res, method, url)) return;
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
    if (method === 'POST' && path === '/v2/payment/capture') return capture(req, res);
    if (method === 'POST' && path === '/v2/payment/purchase') return charge('purchase', req, res);
    if (method === 'POST' && path === '/v2/payment/preauth') return charge('preauth', req, res);
    const batch = /^\/v2\/card-batches\/(\d{1,20})$/.exec(path);
    if (method === 'GET' && batch) {
      if (!authorize(req, res, 'auth')) return;
      const id = Number(batch[1]);
      if (id !== L.openBatchId && !L.closedBatches.has(id)) return json(res, 404, { errors: 'Card batch not found' });
      return json(res, 200, { id, closed: L.closedBatches.has(id), terminalId: 54181, batchNumber: id % 1000 });
    }
    if (method === 'GET' && path === '/v2/card-transactions') {
      if (authorize(req, res, 'auth')) listTransactions(url, res);
      return;
    }
    const one = /^\/v2\/card-transactions\/(\d{1,20})$/.exec(path);
    if (method === 'GET' && one) {
      if (!authorize(req, res, 'auth')) return;
      const tx = L.transactions.find((t) => String(t.transactionId) === one[1]);
      return tx ? json(res, 200, tx) : json(res, 404, { errors: 'Transaction not found' });
    }
    // Helcim's own path, and the shorter one the simulator has always answered.
    if (method === 'GET' && (path === '/helcim-pay/start.js' || path === '/helcim-pay/services/start.js'))
      return text(res, 200, 'text/javascript', startScript(), { 'access-control-allow-origin': '*' });
    if (method === 'GET' && path === '/helcim-pay/checkout.js')
      return text(res, 200, 'text/javascript', checkoutPageScript());
    if (method === 'GET' && path === '/helcim-pay/refused')
      return text(res, 200, 'text/html; charset=utf-8', refusedPageHtml());
    const page = /^\/helcim-pay\/checkout\/([0-9a-f]{24})(\/process)?$/.exec(path);
    if (page) {
      const checkout = L.checkouts.get(page[1]!);
      if (method === 'POST' && page[2]) return processCheckout(page[1]!, req, res);
      if (method === 'GET' && !page[2] && checkout)
        return text(res, 200, 'text/html; charset=utf-8', checkoutPageHtml(checkout), {
          'content-security-policy':
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors *",
        });
    }
    json(res, 404, { errors: 'Not found' });
  }

  return route;
}
