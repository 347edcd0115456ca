/**
 * The simulator's state: the tokens it issued with their Access Restrictions, open HelcimPay.js
 * checkouts, card batches, idempotency answers, and the transactions — the ground truth tests check
 * the app against.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { phpJsonEncodeIndependent } from './php-json';

export type AccessLevel = 'none' | 'read' | 'write';

/**
 * Helcim's Transaction Processing levels, lowest first, each including the lower (HELCIM.md, "Tokens
 * and permissions"): the simulator's own copy, so the app's model of the levels is checked against it
 * rather than borrowed by it.
 */
export const HELCIM_TX_LEVELS = ['none', 'auth', 'positive', 'admin'] as const;
export type TxLevel = (typeof HELCIM_TX_LEVELS)[number];

export type TokenProfile = { general: AccessLevel; settings: AccessLevel; transactions: TxLevel; legacy?: boolean };

export type SimTransaction = {
  transactionId: number;
  dateCreated: string;
  cardBatchId: number;
  status: 'APPROVED' | 'DECLINED';
  user: string;
  type: 'purchase' | 'verify' | 'preauth' | 'capture' | 'refund' | 'reverse';
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
  /**
   * Refund / reverse / capture: the transaction it returns money from or captures. (Guess: HELCIM.md
   * documents no such field; the app must not rely on it, and helcim:check reports what Helcim sends.)
   */
  originalTransactionId?: number;
  /** A purchase, capture or preauthorization that has been reversed (voided / released). */
  reversed?: boolean;
  /** A preauthorization that has been captured (in part or in full). */
  captured?: boolean;
  /** How much of a preauthorization has been captured so far (several captures, up to its amount: HELCIM.md). */
  capturedCents?: number;
  /** When it was made, if a test set it back in time (`backdate`); otherwise it was made just now. */
  placedAtMs?: number;
};

/** An invoice of the Invoice API (invoices.ts). */
export type SimInvoiceLine = {
  description: string;
  quantity: number;
  price: number;
  sku?: string;
  taxAmount?: number;
  discountAmount?: number;
};

export type SimInvoice = {
  invoiceId: number;
  invoiceNumber: string;
  token: string;
  type: string;
  status: string;
  currency: string;
  customerId: number;
  lineItems: SimInvoiceLine[];
  tax?: { amount: number; details: string };
  discount?: { amount: number; details: string };
  notes: string;
  dateCreated: string;
  amountCents: number;
  amountPaidCents: number;
};

/** A customer of the Customer API (customers.ts) and the cards saved in their vault. */
export type SimCard = {
  id: number;
  cardToken: string;
  cardF6L4: string;
  cardHolderName: string;
  cardExpiry: string;
  dateCreated: string;
};
export type SimCustomer = {
  id: number;
  customerCode: string;
  contactName: string;
  businessName: string;
  cellPhone: string;
  cards: SimCard[];
};

/** HELCIM.md: at most 10 cards per customer. */
export const MAX_CARDS_PER_CUSTOMER = 10;

export type Checkout = {
  checkoutToken: string;
  secretToken: string;
  paymentType: 'purchase' | 'verify' | 'preauth';
  amount: number;
  currency: string;
  invoiceNumber: string;
  /** `customerCode` at initialize: the payment is that customer's (none: Helcim makes one, HELCIM.md). */
  customerCode?: string;
  state: 'open' | 'done';
  expiresAt: number;
};

/** How long a HelcimPay.js checkout session stays usable (Helcim: 60 minutes). */
export const CHECKOUT_TTL_MS = 60 * 60 * 1000;

export class SimLedger {
  readonly tokens = new Map<string, TokenProfile>();
  readonly checkouts = new Map<string, Checkout>();
  readonly transactions: SimTransaction[] = [];
  /** Answers by (token, path, idempotency-key): the same key gets the first answer again. */
  readonly idempotency = new Map<string, { status: number; body: unknown; fingerprint: string; at: number }>();
  nextTransactionId = 40_000_000 + Math.floor(Math.random() * 1_000_000);
  openBatchId = 6_005_228;
  readonly closedBatches = new Set<number>();
  /** Trusting mode (see Simulator.trustApp). */
  trusting = false;

  createToken(profile: TokenProfile): string {
    // Real V2 tokens are long opaque strings; the simulator's look alike but can't be mistaken for real ones.
    const token = `sim_${randomUUID().replace(/-/g, '')}${randomBytes(8).toString('hex')}`;
    this.tokens.set(token, { ...profile });
    return token;
  }

  /** Closes the open card batch (settlement) and opens a new one. */
  closeBatch(): void {
    this.closedBatches.add(this.openBatchId);
    this.openBatchId += 1;
  }

  /** HelcimPay.js's hash, computed the way Helcim's PHP does (its own encoder, not the app's). */
  sign(data: Record<string, unknown>, secretToken: string): string {
    return createHash('sha256')
      .update(phpJsonEncodeIndependent(data) + secretToken, 'utf8')
      .digest('hex');
  }

  private readonly calls: number[] = [];

  /** When each transaction was made, by the simulator's clock (for the 5-minute duplicate rule). */
  readonly createdAt = new Map<number, number>();

  /** Customers (customers.ts). */
  readonly customers: SimCustomer[] = [];
  nextCustomerId = 2_400_000 + Math.floor(Math.random() * 100_000);
  private nextCardId = 160_000;

  addCustomer(c: Omit<SimCustomer, 'id' | 'cards'>): SimCustomer {
    const id = this.nextCustomerId++;
    const made: SimCustomer = { ...c, id, customerCode: c.customerCode || `CST${id}`, cards: [] };
    this.customers.push(made);
    return made;
  }

  /**
   * The customer a payment belongs to: the one named by its code, or — no code given — a new one made
   * for the payment (HELCIM.md: Helcim creates a customer). A card approved for a customer is saved to
   * their vault (guess, helcim:check), once per card token, at most MAX_CARDS_PER_CUSTOMER.
   * Null: a code that names no customer (the caller refuses the payment).
   */
  customerFor(
    code: string | undefined,
    card: { cardToken: string; cardNumber: string; cardHolderName: string } | null,
  ): SimCustomer | null {
    const c = code
      ? this.customers.find((x) => x.customerCode === code)
      : this.addCustomer({
          customerCode: '',
          contactName: card?.cardHolderName ?? '',
          businessName: '',
          cellPhone: '',
        });
    if (!c) return null;
    if (card && !c.cards.some((k) => k.cardToken === card.cardToken) && c.cards.length < MAX_CARDS_PER_CUSTOMER)
      c.cards.push({
        id: this.nextCardId++,
        cardToken: card.cardToken,
        cardF6L4: card.cardNumber,
        cardHolderName: card.cardHolderName,
        cardExpiry: '0128',
        dateCreated: this.helcimDate(),
      });
    return c;
  }

  /** Invoices (invoices.ts). */
  readonly invoices: SimInvoice[] = [];
  nextInvoiceId = 28_000_000 + Math.floor(Math.random() * 1_000_000);

  /** A new invoice from a checked `POST /invoices` body; `cents`: its total as invoices.ts works it out. */
  addInvoice(body: Record<string, unknown>, invoiceNumber: string, cents: number): SimInvoice {
    const x: SimInvoice = {
      invoiceId: this.nextInvoiceId++,
      invoiceNumber: invoiceNumber || `INV${this.nextInvoiceId}`,
      token: randomBytes(11).toString('hex'),
      type: typeof body.type === 'string' ? body.type : 'INVOICE',
      status: 'DUE',
      currency: String(body.currency),
      customerId: typeof body.customerId === 'number' ? body.customerId : 0,
      lineItems: body.lineItems as SimInvoice['lineItems'],
      ...(body.tax ? { tax: body.tax as SimInvoice['tax'] } : {}),
      ...(body.discount ? { discount: body.discount as SimInvoice['discount'] } : {}),
      notes: typeof body.notes === 'string' ? body.notes : '',
      dateCreated: this.helcimDate(),
      amountCents: cents,
      amountPaidCents: 0,
    };
    this.invoices.push(x);
    return x;
  }

  /**
   * A transaction made. An approved purchase or capture under an invoice's number is paid towards it.
   * `fromDevice`: a terminal sale, whose unknown invoice number Helcim creates (HELCIM.md, Payment
   * Hardware API) — an invoice of one line, the amount.
   */
  record(tx: SimTransaction, o: { fromDevice?: boolean } = {}): void {
    this.transactions.push(tx);
    this.createdAt.set(tx.transactionId, this.now());
    if (!tx.invoiceNumber || (tx.type !== 'purchase' && tx.type !== 'capture')) return;
    const cents = Math.round(tx.amount * 100);
    let invoice = this.invoices.find((x) => x.invoiceNumber.toUpperCase() === tx.invoiceNumber.toUpperCase());
    if (!invoice && o.fromDevice)
      invoice = this.addInvoice(
        { currency: tx.currency, lineItems: [{ description: 'Payment', quantity: 1, price: tx.amount }] },
        tx.invoiceNumber,
        cents,
      );
    if (!invoice || tx.status !== 'APPROVED') return;
    invoice.amountPaidCents += cents;
    invoice.status = invoice.amountPaidCents >= invoice.amountCents ? 'PAID' : 'DUE';
  }

  /** Counts an API call; answers how many were made in the last minute and hour (for the rate-limit headers). */
  countCall(at: number): { minute: number; hour: number } {
    this.calls.push(at);
    return this.usage(at);
  }

  /** API calls made in the minute and the hour before `at`. */
  usage(at: number): { minute: number; hour: number } {
    while (this.calls.length && this.calls[0]! <= at - 3_600_000) this.calls.shift();
    return { minute: this.calls.filter((t) => t > at - 60_000).length, hour: this.calls.length };
  }

  /** Every API request answered (not refused with 429), in order: tests count who asked Helcim what. */
  readonly requestLog: { method: string; path: string; search: string }[] = [];

  /** Helcim's per-merchant limits enforced (startSimulator's `enforceRateLimits`); off, only reported. */
  enforceLimits = false;
  /** API calls being answered right now (Helcim allows 5 at once per merchant). */
  inFlight = 0;
  /** How many calls were refused with 429 (the rate-budget test counts them). */
  refused = 0;

  /** The simulator's clock (tests move it to a shop's midnight or a DST change). */
  constructor(readonly now: () => number = Date.now) {}

  /**
   * Helcim writes times in Mountain Time, "YYYY-MM-DD HH:MM:SS", whatever the merchant's zone
   * (HELCIM.md). Formatted with the platform's own zone data, independently of the app's parser.
   */
  helcimDate(at: number = this.now()): string {
    return new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'America/Edmonton',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(at));
  }
}
