/**
 * Helcim API V2 client. The same code talks to Helcim and to the simulator; only baseUrl differs.
 * Tokens are passed per call (main reads them from the vault) and never appear in an error.
 * Confirmed against devdocs.helcim.com ("API Message Format"): JSON bodies, `api-token` header,
 * `idempotency-key` on Payment API calls.
 */
import { z } from 'zod';
import { helcimDaysCovering, instantFromHelcim } from './mountain';
import type { Currency } from '../../common/contract';
import { DEVICE_CODE } from '../../common/limits';
import { PosError } from '../errors';
import { centsToHelcimAmount } from '../money';
import { mapHelcimHttpError, mapHelcimTransportError, type CallKind } from './errors';

export type HelcimClientOptions = {
  /** e.g. https://api.helcim.com/v2/ (trailing slash optional). */
  baseUrl: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  retry?: RetryPolicy;
  /** Sees every answer's headers (the rate budget reads Helcim's remaining-calls counts). */
  observe?: (headers: Headers) => void;
};

/**
 * Retries: a timeout, a dropped connection, a 5xx that is not a decline, or a 429 is tried again
 * with the same idempotency key (so Helcim answers a repeat with the first result instead of
 * acting twice). A decline or any other 4xx is never retried.
 */
export type RetryPolicy = {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
};
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxDelayMs: 5000 };

export type CallOptions<T> = {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  kind: CallKind;
  schema: z.ZodType<T>;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  idempotencyKey?: string;
  /** Send once, never repeat (connection-test probes: a probe that posts to a money endpoint). */
  noRetry?: boolean;
};

export const initializeResponseSchema = z.object({
  checkoutToken: z.string().min(1).max(200),
  secretToken: z.string().min(1).max(200),
});
export type InitializeResponse = z.infer<typeof initializeResponseSchema>;

const idLike = z.union([z.string().min(1).max(40), z.number().int()]).transform(String);
const cardTransactionRow = z.looseObject({
  transactionId: idLike,
  dateCreated: z.string(),
  status: z.string(),
  type: z.string(),
  amount: z.union([z.number(), z.string()]),
  currency: z.string(),
  cardNumber: z.string().optional(),
  cardType: z.string().optional(),
  approvalCode: z.string().optional(),
  invoiceNumber: z.string().optional(),
});
/**
 * A row of Helcim's transaction list, plus `createdAt`: the real instant (ISO) of its Mountain Time
 * `dateCreated`, converted here at the client edge and nowhere else (null if Helcim sent no readable time).
 */
export const cardTransactionSchema = cardTransactionRow.transform((r) => ({
  ...r,
  createdAt: instantFromHelcim(r.dateCreated)?.toISOString() ?? null,
}));
export type CardTransaction = z.output<typeof cardTransactionSchema>;

export const cardBatchSchema = z.looseObject({
  id: idLike,
  closed: z.boolean(),
});
export type CardBatch = z.infer<typeof cardBatchSchema>;

/**
 * One of Helcim's invoices as the Invoice API answers it (HELCIM.md, "Invoices"): only the fields the
 * counter compares with what it sent are read; Helcim's others pass through untouched.
 */
const invoiceLineSchema = z.looseObject({
  description: z.string().max(500).optional(),
  quantity: z.union([z.number(), z.string()]).optional(),
  price: z.union([z.number(), z.string()]).optional(),
  sku: z.string().max(200).optional(),
});
export const helcimInvoiceSchema = z.looseObject({
  invoiceId: idLike,
  invoiceNumber: z.string().max(100),
  amount: z.union([z.number(), z.string()]).optional(),
  amountPaid: z.union([z.number(), z.string()]).optional(),
  status: z.string().max(40).optional(),
  currency: z.string().max(3).optional(),
  lineItems: z.array(invoiceLineSchema).max(100).optional(),
});
export type HelcimInvoice = z.infer<typeof helcimInvoiceSchema>;

/** One of Helcim's customers (the Customer API reference, HELCIM.md "Invoices and customers"). */
export const helcimCustomerSchema = z.looseObject({
  id: idLike,
  customerCode: z.string().min(1).max(100),
  contactName: z.string().max(200).optional().default(''),
  businessName: z.string().max(200).optional().default(''),
  cellPhone: z.string().max(40).optional().default(''),
});
export type HelcimCustomer = z.infer<typeof helcimCustomerSchema>;

/** A card in a customer's vault: its id, its token, first six and last four digits. */
export const savedCardSchema = z.looseObject({
  id: z.number().int(),
  cardToken: z.string().min(1).max(100),
  cardF6L4: z.string().max(20),
  cardHolderName: z.string().max(200).optional(),
});
export type SavedCard = z.infer<typeof savedCardSchema>;

/** What `POST /invoices` is sent (main/invoices/invoice-body.ts builds it from the sale). */
export type InvoiceRequest = {
  invoiceNumber: string;
  currency: Currency;
  type: 'INVOICE';
  /** The sale's customer (Helcim's customer id), when one is attached. */
  customerId?: number;
  lineItems: { description: string; quantity: number; price: number; sku?: string; discountAmount?: number }[];
  tax?: { amount: number; details: string };
  discount?: { amount: number; details: string };
  notes?: string;
};

/** Helcim's own query filters: `dateFrom`/`dateTo` are Mountain Time days (see mountain.ts). */
export type TransactionQuery = {
  dateFrom?: string;
  dateTo?: string;
  invoiceNumber?: string;
};

/** What callers ask for: real instants (Mountain days are worked out here), and/or an invoice number. */
export type TransactionFilters = {
  /** Transactions created at or after `from` and before `to`. */
  between?: { from: Date; to: Date };
  invoiceNumber?: string;
};

/** Helcim's page size for card-transactions (its maximum and its default). */
export const CARD_TRANSACTIONS_PAGE = 1000;
/** The most pages one list may take (25,000 rows): far beyond a shop's day, and still bounded. */
export const MAX_LIST_PAGES = 25;

/** A device code goes into a URL path: only the documented 4 characters, never anything else. */
function deviceCode(code: string): string {
  if (!DEVICE_CODE.test(code)) throw new PosError('invalid_payload', 'error.terminal.codeShape');
  return code;
}

export class HelcimClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly retry: RetryPolicy;
  private readonly observe: (headers: Headers) => void;

  constructor(options: HelcimClientOptions) {
    this.observe = options.observe ?? (() => {});
    this.base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  /** The origin requests go to; shown in status, never secret. */
  get origin(): string {
    return new URL(this.base).origin;
  }

  async call<T>(token: string, o: CallOptions<T>): Promise<T> {
    const sleep = this.retry.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    // Without an idempotency key a POST (or a DELETE) is never repeated: Helcim could act on it twice.
    const attempts = o.noRetry || (o.method !== 'GET' && !o.idempotencyKey) ? 1 : Math.max(1, this.retry.attempts);
    let uncertain = false; // a money request may have been applied although we got no answer
    for (let attempt = 1; ; attempt++) {
      const r = await this.once(token, o);
      if (r.ok) return r.value;
      if (r.error.code === 'helcim_unknown_outcome') uncertain = true;
      if (!r.retryable || attempt >= attempts) {
        // e.g. lost answer, then 429s: the first try may have gone through, so the outcome is unknown.
        // (Only a money call's answer can be unknown — errors.ts — so `uncertain` means a money call.)
        if (uncertain && r.error.code === 'helcim_rate_limited')
          throw new PosError('helcim_unknown_outcome', 'error.helcim.notConfirmed');
        throw r.error;
      }
      const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
      await sleep(r.retryAfterMs !== undefined ? Math.min(this.retry.maxDelayMs, r.retryAfterMs) : backoff);
    }
  }

  private async once<T>(
    token: string,
    o: CallOptions<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; error: PosError; retryable: boolean; retryAfterMs?: number }> {
    const redact = (s: string) => (token ? s.split(token).join('[redacted]') : s);
    const url = new URL(o.path.replace(/^\//, ''), this.base);
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', 'api-token': token };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;

    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(url, {
        method: o.method,
        headers,
        // Stryker disable next-line ConditionalExpression: equivalent — JSON.stringify(undefined) is undefined too; written out so the reader need not know it.
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      this.observe(res.headers);
      text = await res.text();
    } catch (err) {
      return { ok: false, error: mapHelcimTransportError(err, o.kind), retryable: true };
    }
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text.slice(0, 300);
      }
    }
    if (!res.ok) {
      const error = mapHelcimHttpError(res.status, body, o.kind, redact);
      const retryable = res.status === 429 || (res.status >= 500 && error.code !== 'helcim_declined');
      const after = Number(res.headers.get('retry-after'));
      return {
        ok: false,
        error,
        retryable,
        ...(res.status === 429 && after > 0 ? { retryAfterMs: after * 1000 } : {}),
      };
    }
    const parsed = o.schema.safeParse(body);
    if (!parsed.success)
      return {
        ok: false,
        error: new PosError('helcim_bad_response', 'error.helcim.unreadable'),
        retryable: false,
      };
    return { ok: true, value: parsed.data };
  }

  /** A read (GET): never moves money, so repeated freely, and its failures read as "Helcim unavailable". */
  private get<T>(token: string, path: string, schema: z.ZodType<T>, query?: CallOptions<T>['query']): Promise<T> {
    return this.call(token, {
      method: 'GET',
      path,
      // Stryker disable next-line StringLiteral: equivalent — errors.ts tells only 'money' apart from every other kind.
      kind: 'read',
      schema,
      query,
    });
  }

  /** Lists customers: only used by the connection test, to see whether a token has General access. */
  listCustomers(token: string): Promise<unknown> {
    return this.get(token, 'customers', z.unknown(), { limit: 1 });
  }

  /**
   * Creates the sale's invoice (General Read & Write). No idempotency key is documented for the Invoice
   * API, so it is sent once and never repeated here: after a lost answer, main looks the invoice number
   * up (`findInvoices`) before it would ever send it again (main/invoices/invoices.ts).
   */
  createInvoice(token: string, body: InvoiceRequest): Promise<HelcimInvoice> {
    return this.call(token, {
      method: 'POST',
      path: 'invoices',
      // Stryker disable next-line StringLiteral: equivalent — errors.ts tells only 'money' apart from every other kind.
      kind: 'setup',
      schema: helcimInvoiceSchema,
      body,
      noRetry: true,
    });
  }

  /**
   * Helcim's invoices with this exact number (case-insensitive, the Invoice API reference), or one
   * page of those created between two Mountain Time dates.
   */
  findInvoices(
    token: string,
    f: { invoiceNumber: string } | { dateStart: string; dateEnd: string; page: number },
  ): Promise<HelcimInvoice[]> {
    return this.get(token, 'invoices', z.array(helcimInvoiceSchema).max(CARD_TRANSACTIONS_PAGE), f);
  }

  /** Customers whose name, business, code, city, phone or email contains `search`; or the one with this code. */
  searchCustomers(
    token: string,
    q: ({ search: string } | { customerCode: string }) & { limit: number },
  ): Promise<HelcimCustomer[]> {
    return this.get(token, 'customers', z.array(helcimCustomerSchema).max(100), q);
  }

  /** A new customer (General Read & Write). Sent once: there is no idempotency key for customers. */
  createCustomer(
    token: string,
    c: { contactName: string; businessName: string; cellPhone: string },
  ): Promise<HelcimCustomer> {
    return this.call(token, {
      method: 'POST',
      path: 'customers',
      // Stryker disable next-line StringLiteral: equivalent — errors.ts tells only 'money' apart from every other kind.
      kind: 'setup',
      schema: helcimCustomerSchema,
      body: {
        ...(c.contactName ? { contactName: c.contactName } : {}),
        ...(c.businessName ? { businessName: c.businessName } : {}),
        ...(c.cellPhone ? { cellPhone: c.cellPhone } : {}),
      },
    });
  }

  /** The cards saved in a customer's vault. */
  customerCards(token: string, customerId: string): Promise<SavedCard[]> {
    if (!/^\d{1,20}$/.test(customerId)) throw new PosError('helcim_bad_response', 'error.helcim.idShape');
    return this.get(token, `customers/${customerId}/cards`, z.array(savedCardSchema).max(100));
  }

  /** Removes a card from a customer's vault (204). Sent once. */
  async deleteCustomerCard(token: string, customerId: string, cardId: string): Promise<void> {
    if (!/^\d{1,20}$/.test(customerId) || !/^\d{1,20}$/.test(cardId))
      throw new PosError('helcim_bad_response', 'error.helcim.idShape');
    await this.call(token, {
      method: 'DELETE',
      path: `customers/${customerId}/cards/${cardId}`,
      // Stryker disable next-line StringLiteral: equivalent — errors.ts tells only 'money' apart from every other kind.
      kind: 'setup',
      schema: z.unknown(),
    });
  }

  /**
   * Payment API purchase on a saved card (`cardData: {cardToken}`, Positive): a money call, journaled by
   * the caller before it is sent; repeated after a lost answer only with the same idempotency key.
   */
  purchaseWithCardToken(
    token: string,
    p: {
      amountCents: number;
      currency: Currency;
      cardToken: string;
      customerCode: string;
      invoiceNumber: string;
      ipAddress: string;
      idempotencyKey: string;
    },
  ): Promise<CardTransaction> {
    return this.call(token, {
      method: 'POST',
      path: 'payment/purchase',
      kind: 'money',
      schema: cardTransactionSchema,
      body: {
        amount: centsToHelcimAmount(p.amountCents),
        currency: p.currency,
        ipAddress: p.ipAddress,
        cardData: { cardToken: p.cardToken },
        customerCode: p.customerCode,
        invoiceNumber: p.invoiceNumber,
        ecommerce: false,
      },
      idempotencyKey: p.idempotencyKey,
    });
  }

  connectionTest(token: string): Promise<unknown> {
    return this.get(token, 'connection-test', z.unknown());
  }

  /** HelcimPay.js checkout session. No money moves here; the card is taken in Helcim's iframe. */
  initializeCheckout(
    token: string,
    p: {
      paymentType: 'purchase' | 'verify' | 'preauth';
      amountCents: number;
      currency: Currency;
      invoiceNumber: string;
      idempotencyKey: string;
      /** The sale's customer; none: Helcim makes one for the payment (HELCIM.md). */
      customerCode?: string;
    },
  ): Promise<InitializeResponse> {
    return this.call(token, {
      method: 'POST',
      path: 'helcim-pay/initialize',
      // Stryker disable next-line StringLiteral: equivalent — errors.ts tells only 'money' apart from every other kind.
      kind: 'setup',
      schema: initializeResponseSchema,
      body: {
        paymentType: p.paymentType,
        amount: centsToHelcimAmount(p.amountCents),
        currency: p.currency,
        invoiceNumber: p.invoiceNumber,
        ...(p.customerCode ? { customerCode: p.customerCode } : {}),
      },
      idempotencyKey: p.idempotencyKey,
    });
  }

  /** One page of Helcim's transaction list (HELCIM.md: `limit` at most and by default 1000, `page` from 1). */
  listCardTransactionsPage(token: string, f: TransactionQuery, page: number): Promise<CardTransaction[]> {
    return this.get(token, 'card-transactions', z.array(cardTransactionSchema).max(CARD_TRANSACTIONS_PAGE), {
      ...f,
      limit: CARD_TRANSACTIONS_PAGE,
      page,
    });
  }

  /**
   * Every row that matches, page by page, up to MAX_LIST_PAGES pages. A list longer than that is
   * refused with a typed error rather than silently cut: History, search, end of day and
   * reconciliation must not act on part of the day as if it were all of it.
   */
  async listCardTransactions(token: string, f: TransactionFilters = {}): Promise<CardTransaction[]> {
    // Helcim filters by Mountain Time days: ask for every Mountain day the window touches, then keep
    // the rows whose real instant is inside it (a row with no readable time is kept, not lost).
    const query: TransactionQuery = {
      invoiceNumber: f.invoiceNumber,
      ...(f.between ? helcimDaysCovering(f.between.from, f.between.to) : {}),
    };
    // Helcim's times are whole seconds: the window starts at the whole second `from` falls in.
    const from = f.between && new Date(Math.floor(f.between.from.getTime() / 1000) * 1000).toISOString();
    const inWindow = (r: CardTransaction) =>
      !f.between || r.createdAt === null || (r.createdAt >= from! && r.createdAt < f.between.to.toISOString());
    const rows: CardTransaction[] = [];
    for (let page = 1; page <= MAX_LIST_PAGES; page++) {
      const batch = await this.listCardTransactionsPage(token, query, page);
      rows.push(...batch.filter(inWindow));
      if (batch.length < CARD_TRANSACTIONS_PAGE) return rows;
    }
    throw new PosError('too_many_results', 'error.helcim.tooMany', { max: MAX_LIST_PAGES * CARD_TRANSACTIONS_PAGE });
  }

  async getCardTransaction(token: string, id: string): Promise<CardTransaction> {
    if (!/^\d{1,20}$/.test(id)) throw new PosError('invalid_payload', 'error.helcim.idShape');
    return this.get(token, `card-transactions/${id}`, cardTransactionSchema);
  }

  /** A card batch: transactions in a closed one can only be refunded, in an open one only reversed. */
  async getCardBatch(token: string, id: string): Promise<CardBatch> {
    if (!/^\d{1,20}$/.test(id)) throw new PosError('helcim_bad_response', 'error.helcim.batchIdShape');
    return this.get(token, `card-batches/${id}`, cardBatchSchema);
  }

  /** Payment API refund (closed batch only; partial allowed up to the original amount). */
  refund(
    token: string,
    p: { originalTransactionId: string; amountCents: number; ipAddress: string; idempotencyKey: string },
    o: { noRetry?: boolean } = {},
  ): Promise<CardTransaction> {
    return this.call(token, {
      method: 'POST',
      path: 'payment/refund',
      kind: 'money',
      schema: cardTransactionSchema,
      body: {
        originalTransactionId: Number(p.originalTransactionId),
        amount: centsToHelcimAmount(p.amountCents),
        ipAddress: p.ipAddress,
        ecommerce: false,
      },
      idempotencyKey: p.idempotencyKey,
      noRetry: o.noRetry,
    });
  }

  /** Payment API reverse (void, or the release of a hold): the full amount, open batch only. */
  reverse(
    token: string,
    p: { cardTransactionId: string; ipAddress: string; idempotencyKey: string },
    o: { noRetry?: boolean } = {},
  ): Promise<CardTransaction> {
    return this.call(token, {
      method: 'POST',
      path: 'payment/reverse',
      kind: 'money',
      schema: cardTransactionSchema,
      body: { cardTransactionId: Number(p.cardTransactionId), ipAddress: p.ipAddress, ecommerce: false },
      idempotencyKey: p.idempotencyKey,
      noRetry: o.noRetry,
    });
  }

  // ---- Payment Hardware API (Smart Terminal) -------------------------------------------------

  /** The merchant's terminals; needs General Read and Settings Read (HELCIM.md). */
  listDevices(token: string): Promise<{ code: string; dateCreated?: string }[]> {
    return this.get(
      token,
      'devices',
      z.array(z.looseObject({ code: z.string().regex(DEVICE_CODE), dateCreated: z.string().optional() })).max(500),
    );
  }

  /** Lights the terminal up so the manager sees the right one answered (202). */
  async pingDevice(token: string, code: string): Promise<unknown> {
    return this.get(token, `devices/${deviceCode(code)}/ping`, z.unknown());
  }

  /**
   * Shows a purchase or a (debit, card-present) refund on the terminal: 202 with no body; the result
   * comes only through the transaction list. Sent once, never repeated: whether Helcim honours the
   * idempotency-key on device pushes is open (helcim:check), and a repeat could put a second charge on
   * the terminal. A lost answer is an unknown outcome that the invoice lookup settles.
   */
  async pushToDevice(
    token: string,
    code: string,
    p:
      | {
          kind: 'purchase';
          amountCents: number;
          currency: Currency;
          invoiceNumber: string;
          idempotencyKey: string;
          customerCode?: string;
        }
      | { kind: 'refund'; amountCents: number; originalTransactionId: string; idempotencyKey: string },
  ): Promise<unknown> {
    const body =
      p.kind === 'purchase'
        ? {
            currency: p.currency,
            transactionAmount: centsToHelcimAmount(p.amountCents),
            invoiceNumber: p.invoiceNumber,
            ...(p.customerCode ? { customerCode: p.customerCode } : {}),
          }
        : {
            transactionAmount: centsToHelcimAmount(p.amountCents),
            originalTransactionId: Number(p.originalTransactionId),
          };
    return this.call(token, {
      method: 'POST',
      path: `devices/${deviceCode(code)}/payment/${p.kind}`,
      kind: 'money',
      schema: z.unknown(),
      body,
      idempotencyKey: p.idempotencyKey,
      noRetry: true,
    });
  }

  /**
   * Connection-test probe for "charge on terminal": a $0 purchase pushed to device "0", which no
   * terminal can be (codes are 4 characters), so no customer is ever asked to pay. Helcim checks the
   * token's level first (guess, listed in helcim:check): "No access permission" means not allowed,
   * "Device Not Found" or a validation error means allowed. Sent once.
   */
  probeDevicePurchase(token: string, idempotencyKey: string): Promise<unknown> {
    return this.call(token, {
      method: 'POST',
      path: 'devices/0/payment/purchase',
      kind: 'money',
      schema: z.unknown(),
      body: { currency: 'CAD', transactionAmount: 0 },
      idempotencyKey,
      noRetry: true,
    });
  }

  /** Payment API capture of a preauthorization (HELCIM.md): up to the held amount, Positive level. */
  capture(
    token: string,
    p: { preAuthTransactionId: string; amountCents: number; ipAddress: string; idempotencyKey: string },
    o: { noRetry?: boolean } = {},
  ): Promise<CardTransaction> {
    return this.call(token, {
      method: 'POST',
      path: 'payment/capture',
      kind: 'money',
      schema: cardTransactionSchema,
      body: {
        preAuthTransactionId: Number(p.preAuthTransactionId),
        amount: centsToHelcimAmount(p.amountCents),
        ipAddress: p.ipAddress,
        ecommerce: false,
      },
      idempotencyKey: p.idempotencyKey,
      noRetry: o.noRetry,
    });
  }
}
