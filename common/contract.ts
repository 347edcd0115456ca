/**
 * The bridge contract: the one list of operations the renderer may ask main for.
 *
 * Both sides import this module. preload builds `window.pos` from it (one function per operation,
 * nothing else); main validates every payload against the same schema before the router sees it.
 * Adding an operation means: add it here, add its row to main/policy/table.ts, add its handler.
 */
import { z } from 'zod';

import {
  CURRENCIES,
  DEVICE_CODE,
  FINGERPRINT,
  MAX_AMOUNT_CENTS,
  PAPER_WIDTHS,
  PRINTER_CODEPAGES,
  PRINTER_COLUMNS,
  PRINTER_HOST,
  PRINTER_KINDS,
  SOLD_BY,
  TAX_CODES,
  JURISDICTIONS,
  BUILT_IN_TAX_CATEGORIES,
  TOKEN_SLOTS,
  type Currency,
  type TokenSlot,
  type TxLevel,
} from './limits';
import { LOCALES, type Locale } from './i18n';
import { OPERATION_NAMES, channelOf, type OperationName } from './operations';
import { checkoutHostProblem } from './checkout-host';

export { CURRENCIES, MAX_AMOUNT_CENTS, OPERATION_NAMES, channelOf, type Currency, type OperationName };

export type Role = 'cashier' | 'manager';
export type Mode = 'training' | 'live';

const amountCents = z
  .number()
  .int('amount must be a whole number of cents')
  .min(1, 'amount must be at least 1 cent')
  .max(MAX_AMOUNT_CENTS, 'amount is above the counter limit');
const currency = z.enum(CURRENCIES);
const noPayload = z.strictObject({});
const staffId = z.uuid();
const pin = z.string().regex(/^\d{4,12}$/, 'a PIN is 4 to 12 digits');
const staffName = z.string().trim().min(1).max(40);
const role = z.enum(['cashier', 'manager']);
const transactionId = z.string().regex(/^\d{1,20}$/, 'a Helcim transaction id is a number');
/** A drawer session's number on this counter (`DrawerView.sessionId`). */
const drawerSession = z.string().regex(/^\d{1,20}$/, 'a drawer session is a number');
/** Money paid into or out of the drawer: the manager's approval is bound to the session's number and the amount. */
const drawerMove = z.strictObject({
  drawerSession,
  amountCents,
  reason: z.string().trim().min(2, 'say why (a reason)').max(80),
  approvalId: z.uuid(),
});
const tokenSlot = z.enum(TOKEN_SLOTS);
const saleId = z.uuid();
/**
 * A tender that opens its sale (no saleId): the sale's total and the customer's language come with
 * it, so the screen's first tender is one call and one journal transaction (issue 31). A tender of an
 * open sale names it instead; never both.
 */
const newSale = z.strictObject({ totalCents: amountCents, language: z.enum(LOCALES).optional() });
const oneSale = (d: { saleId?: string; newSale?: unknown }) => d.saleId === undefined || d.newSale === undefined;
const oneSaleMessage = { message: 'a tender names its open sale or opens one, not both', path: ['newSale'] };
/** Helcim's customer codes (CST1000…): letters, digits and a few marks, as Helcim makes them. */
const customerCode = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a customer code');
const customerText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^\P{Cc}*$/u, 'no control characters');
/** A sale's number on this counter (`SaleView.number`). */
const saleNumber = z.string().regex(/^\d{1,12}$/, 'a sale number is a number');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
export { SOLD_BY };
/** A name, a SKU or a department: printed on receipts, so no control characters. */
const itemText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^\P{Cc}*$/u, 'no control characters');
/** The most lines a cart holds; the most of one line (9,999 pieces or kg or lb, main/cart/rules.ts). */
export const MAX_CART_LINES = 200;
/** A discount's reason: one of the list the manager keeps (`settings.discounts`). */
const reasonId = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a reason is a short lower-case name');
/**
 * A discount as the screen asks for it (main/cart/discounts.ts works out its cents): a percent in
 * hundredths (10 % = 1000), an amount off, or — on a line only — a lower unit price (a price override).
 */
const percentOff = z.strictObject({
  kind: z.literal('percent'),
  basisPoints: z.number().int().min(1).max(10_000),
  reasonId,
});
const amountOff = z.strictObject({
  kind: z.literal('amount'),
  cents: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
  reasonId,
});
const priceOverride = z.strictObject({
  kind: z.literal('price'),
  unitPriceCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS),
  reasonId,
});
export const lineDiscountSchema = z.discriminatedUnion('kind', [percentOff, amountOff, priceOverride]);
export const saleDiscountSchema = z.discriminatedUnion('kind', [percentOff, amountOff]);
export type LineDiscountAsk = z.output<typeof lineDiscountSchema>;
export type SaleDiscountAsk = z.output<typeof saleDiscountSchema>;
const cartLine = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('item'),
    itemId: z.uuid(),
    /** Thousandths of the item's unit; one piece when absent. */
    quantityMilli: z.number().int().min(1).max(9_999_000).optional(),
    /** Only for an item with an open price. */
    priceCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS).optional(),
    /** A scale label as scanned: main reads its price or weight again. */
    label: z
      .string()
      .regex(/^\d{12,13}$/, 'a label is 12 or 13 digits')
      .optional(),
    discount: lineDiscountSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('open'),
    amountCents: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
    note: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^\P{Cc}*$/u, 'no control characters')
      .optional(),
    discount: lineDiscountSchema.optional(),
  }),
]);
export const itemDraftSchema = z
  .strictObject({
    sku: itemText(40).pipe(z.string().min(1, 'an item needs a SKU')),
    name: z.strictObject({ en: itemText(80), fr: itemText(80) }),
    priceCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS).nullable(),
    taxCategory: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a tax category is a short lower-case name'),
    department: itemText(40),
    soldBy: z.enum(SOLD_BY),
    barcodes: z
      .array(
        z
          .string()
          .trim()
          .regex(/^\d{8,14}$/, 'a barcode is 8 to 14 digits'),
      )
      .max(20),
  })
  .refine((d) => d.name.en !== '' || d.name.fr !== '', { message: 'an item needs a name', path: ['name'] });

/** What HelcimPay.js posts to the page; relayed untouched so main can check its hash. */
export const checkoutEventSchema = z.strictObject({
  eventName: z.string().max(200),
  eventStatus: z.enum(['SUCCESS', 'ABORTED', 'HIDE']),
  eventMessage: z.union([z.string().max(20_000), z.record(z.string(), z.unknown())]).optional(),
});
export type CheckoutEvent = z.infer<typeof checkoutEventSchema>;

// ---- result types -------------------------------------------------------------------------

export type SessionView = {
  name: string;
  role: Role;
  /** Computed in main from the permission table; the renderer only displays it. */
  capabilities: Record<OperationName, boolean>;
  /** Shown once signed in, e.g. "3 wrong PINs were typed for your manager approval…". */
  notice: string | null;
  /** The language of their screens: their own, else the shop's. */
  locale: Locale;
};

/** A counter linked to the shop database: reached or not (since when), and rows still to ship. */
export type ShopDatabaseState = {
  linked: boolean;
  online: boolean;
  offlineSince: string | null;
  backlog: number;
  lastShippedAt: string | null;
  tls: boolean | null;
  /** The SHA-256 fingerprint of the server certificate this counter is pinned to (null: none pinned). */
  pinned: string | null;
  /** That certificate was pinned the first time this version reached the server of an older link, not confirmed by a manager. */
  pinnedOnFirstUse: boolean;
  /** This counter does not connect to its shop database at all: an older link to a server without TLS (a manager links again). */
  refused: boolean;
  /** Shipping stopped with rows still waiting, and why (a batch not forgotten after its commit): null when it is not. */
  stuck: string | null;
  /** A newer Counter POS updated the shop database to this schema: this counter writes nothing there until it is updated. */
  newerSchema: number | null;
};

/** What the shop database's server presents before linking: TLS or not, and its certificate's SHA-256 fingerprint. */
export type ShopProbe = { tls: boolean; fingerprint: string | null };

/** Staff & settings → Shop database: where this counter ships, and the link code for the next counter. */
export type ShopLinkView = {
  link: { host: string; port: number; database: string; user: string } | null;
  state: ShopDatabaseState | null;
  /** Only on the counter that founded the shop (to link the others); null elsewhere. */
  linkCode: string | null;
};

/** A payment found in the shop database: any counter's, named by its invoice prefix. */
export type ShopHistoryRow = {
  counter: string;
  thisCounter: boolean;
  attemptId: string;
  time: string;
  kind: string;
  state: string;
  tender: 'card' | 'cash';
  amountCents: number;
  currency: Currency;
  cardType?: string;
  cardLast4?: string;
  staffName?: string;
};

/** The shop's Z: each counter's Z reports it took in (by invoice prefix), and the sum. */
export type ShopZ = {
  number: number;
  closedAt: string;
  counters: { invoicePrefix: string; zNumbers: number[]; netCents: number }[];
  netCents: number;
} & ShopLines;

/** A shop's tax, rounding and discount lines, every counter's added up (keys as in DayReport): what the shop files from. */
export type ShopLines = {
  taxCollected: ReportLine[];
  taxRefunded: ReportLine[];
  rounding: ReportLine[];
  discountsByReason: ReportLine[];
  discountsByCashier: ReportLine[];
};

/** The whole shop's day: each counter (by its invoice prefix) and the sum. */
export type ShopReport = {
  date: string;
  currency: Currency;
  counters: {
    counterId: string;
    invoicePrefix: string;
    thisCounter: boolean;
    netCents: number;
    cardCents: number;
    cashCents: number;
  }[];
  netCents: number;
  /** Rows of the day in the shop database that no counter of this shop sealed (written or changed there): left out of the sums. */
  unsealedRows: number;
  /** Counters whose payments the shop database holds fewer of than they sealed as shipped (deleted there): the sums are short. */
  missingRows: { invoicePrefix: string; payments: number }[];
} & ShopLines;

export type AppStatus = {
  mode: Mode;
  currency: Currency;
  helcimReachable: boolean | null;
  /** Since when Helcim has not answered (ISO), or null: card payments are off meanwhile, cash goes on. */
  helcimDownSince: string | null;
  session: SessionView | null;
  /** Seconds without activity before main locks the counter. */
  idleLockSeconds: number;
  /** Why the last session ended, if main ended it (idle lock). */
  lockedReason: string | null;
  /** Money attempts whose outcome main is still checking with Helcim. */
  unresolved: number;
  /** Things the cashier must know now, e.g. a sale marked cancelled that the terminal approved after all. */
  notices: string[];
  /** This counter's paired terminal, if any: sales go to it by default. */
  terminalCode: string | null;
  /** The shop's language (a manager's setting): each sale's customer language starts as it. */
  shopLanguage: Locale;
  /** Cash that settles a sale is rounded to 5¢ here (no pennies: a Canadian shop, or a US shop that asked). */
  cashRounding: boolean;
  /** A mail server is set up on this counter: receipts can be emailed. */
  emailReceipts: boolean;
  /** This counter's receipt printer kind: receipts print by themselves unless it is `none`. */
  printer: PrinterConfig['kind'];
  /** Sales with money taken and some still due (or being checked): to be finished or abandoned, never forgotten. */
  halfPaidSales: { saleId: string; number: number; paidCents: number; totalCents: number }[];
  /** Managers only: whether the keyed audit trail verified at start-up. */
  audit: { ok: boolean; message: string } | null;
  /** The shop database this counter ships its rows to (null: a counter alone, or nobody signed in). */
  shopDatabase: ShopDatabaseState | null;
  /** Managers only: whether backups need a person (and when the last good one was made). */
  backup: { problem: BackupProblem; lastGoodAt: string | null } | null;
};

export type SoldBy = (typeof SOLD_BY)[number];
/** standard, zero_rated, exempt, or a category the shop defines (the tax table maps each to its taxes). */
export type TaxCategory = string;

/** An item as a manager writes it (add and change send every field). */
export type ItemDraft = {
  sku: string;
  /** At least one of the two; a screen shows its language's, else the other. */
  name: { en: string; fr: string };
  /** Per unit, or per kg or lb; null: an open price, typed by the cashier at the sale. */
  priceCents: number | null;
  taxCategory: TaxCategory;
  department: string;
  soldBy: SoldBy;
  /** As typed or scanned; stored as GTIN-14. */
  barcodes: string[];
};

export type ItemView = ItemDraft & {
  id: string;
  active: boolean;
};

/** The most quick keys on one department's page (a grid that fits beside the cart). */
export const MAX_QUICK_KEYS = 24;
/** One department's quick keys, in the order a manager arranged them (items out of sale left out). */
export type QuickKeyPage = { department: string; items: ItemView[] };

/** What a scan found. */
export type ScanResult =
  /** An item; from a scale's label, the price or the weight printed on it too. */
  | {
      found: 'item';
      item: ItemView;
      /** A price label: the line's price, in cents. */
      labelPriceCents?: number;
      /** A weight label: thousandths of the item's unit (grams of a kg item). */
      labelQuantityMilli?: number;
    }
  /** A code that checks but no item has: a manager may add one with it (`code` is its GTIN-14). */
  | { found: 'unknown'; code: string; message: string }
  /** Not a code to trust (a misread, a typo): say so, find nothing. */
  | { found: 'unreadable'; message: string };

/** What one row of an imported file does. */
export type ImportRow = {
  /** The file's line (the header is line 1). */
  line: number;
  sku: string;
  outcome: 'add' | 'change' | 'same' | 'refused';
  /** Why a row is refused, in plain words. */
  why?: string;
};

/** A catalog import's preview (or, once confirmed, what was written). */
export type ImportPreview = {
  token: string;
  rows: ImportRow[];
  added: number;
  changed: number;
  same: number;
  refused: number;
};

export type StaffRecord = {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  locked: boolean;
  /** Their own language for the counter's screens; null: the shop's. */
  language: Locale | null;
};
export type Roster = { firstRun: boolean; staff: { id: string; name: string; role: Role }[] };

export type TransactionView = {
  transactionId: string;
  dateCreated: string;
  type: string;
  status: string;
  amountCents: number;
  currency: Currency;
  cardType?: string;
  cardLast4?: string;
  invoiceNumber?: string;
  /** Closed batch: only a refund is possible; open batch: only a void (reverse) of the whole amount. */
  settled: boolean;
  /** Money already returned or on its way back (refunds and voids this counter made). */
  returnedCents: number;
  refundableCents: number;
  canRefund: boolean;
  canReverse: boolean;
  /**
   * How money goes back, and why, in words for the refund screen: a void while the batch is open; a
   * Payment API refund for a credit card after it closed; a refund on the terminal, card present,
   * for a debit card after it closed.
   */
  returnBy: 'void' | 'refund' | 'terminal-refund' | null;
  returnNote: string;
};

export type { TokenSlot, TxLevel } from './limits';

/** One row of a connection test: can this token do this operation, and if not, what to change. */
/** `ok: null`: Helcim gave no clear answer to the probe (a 5xx, a timeout, an unreadable answer) — could not tell. */
export const CAPABILITY_OPERATIONS = [
  'verify',
  'preauth',
  'purchase',
  'capture',
  'lookup',
  'refund',
  'release',
  'devices',
  'terminal',
  'invoices',
] as const;
export type CapabilityCheck = {
  operation: (typeof CAPABILITY_OPERATIONS)[number];
  label: string;
  ok: boolean | null;
  fix?: string;
};

export type ConnectionReport = {
  slot: TokenSlot;
  testedAt: string;
  reachable: boolean;
  accepted: boolean;
  /** Highest Transaction Processing level the probes proved. */
  level: TxLevel | null;
  checks: CapabilityCheck[];
  /** It can read General objects (customers, invoices…): more than either token needs. */
  generalAccess: boolean;
  /** The token can do what its slot is for (sales: purchase; admin: refund and void). */
  passed: boolean;
  message: string;
};

export type TokenStatus = {
  mode: Mode;
  liveApi: string;
  slots: Record<TokenSlot, { stored: boolean; report: ConnectionReport | null }>;
  warnings: string[];
  canGoLive: boolean;
  /** The https host name the card form runs on (common/checkout-host.ts). */
  checkoutHost: string;
};

export type HistoryRow = {
  /** Journal attempt (absent for a payment made outside this app). */
  attemptId?: string;
  transactionId?: string;
  time: string;
  kind: string;
  /** approved | declined | cancelled | unknown | pending (journal) or Helcim's status. */
  state: string;
  amountCents: number;
  currency: Currency;
  cardType?: string;
  cardLast4?: string;
  staffName?: string;
  approverName?: string;
  /** Where the row comes from: both agree, only our journal, or only Helcim's list. */
  source: 'both' | 'journal' | 'helcim';
  /** How it was paid (journal rows). */
  tender?: 'card' | 'cash';
  /** A cash sale's number: what a cash refund (and the manager's approval for it) names. */
  saleNumber?: number;
  /** A cash sale: what is left to hand back (its cash, less what went back already). */
  cashRefundableCents?: number;
  training: boolean;
};

export type Receipt = {
  attemptId: string;
  /** The language it is printed in: the customer's for the sale, else the shop's. */
  locale: Locale;
  shop: string;
  /** The shop's address, printed under its name (may be empty). */
  shopAddress: string;
  kind: 'purchase' | 'verify' | 'preauth' | 'capture' | 'refund' | 'reverse' | 'release';
  amountCents: number;
  currency: Currency;
  time: string;
  cardType?: string;
  cardLast4?: string;
  approvalCode?: string;
  /** A tip added on the terminal: included in amountCents, shown on its own line. */
  tipCents?: number;
  /**
   * Cash: what the customer handed over, and the change given back; the rounding to 5¢ the drawer took
   * or gave beyond the amount (absent: none). A cash refund has only its rounding.
   */
  cash?: { tenderedCents: number; changeCents: number; roundingCents?: number };
  /** A cart's sale: what it sold, line by line, as main priced it (none for a typed total). */
  lines?: SaleLine[];
  /** The cart's taxes, one per tax and rate, as charged (none: no tax), and the lines' total they are on. */
  taxes?: SaleTax[];
  subtotalCents?: number;
  /** The sale's own discount, and all its discounts together (a line's is on the line). */
  discount?: SaleDiscount | null;
  discountsCents?: number;
  /** What a customer claims tax with: the shop's legal name and registration numbers (null: not set). */
  taxNumbers?: { legalName: string | null; gstHst: string | null; qst: string | null };
  /** A card part paid against the sale's itemized Helcim invoice; `grouped`: Helcim has it by department (over 100 lines). */
  invoice?: { number: string; grouped: boolean };
  /** A sale paid by several tenders: its total and every tender that paid it (this one among them). */
  sale?: {
    number: number;
    totalCents: number;
    /** `label` in the staff's words (the screen); the printed receipt words it in its own language. */
    /** `amountCents`: the tender's part of the sale; `tipCents`: a tip added on it (charged on top). */
    tenders: {
      label: string;
      tender: 'card' | 'cash';
      cardType?: string;
      cardLast4?: string;
      amountCents: number;
      tipCents?: number;
    }[];
  };
  transactionId?: string;
  originalTransactionId?: string;
  cashier: string;
  approver?: string;
  training: boolean;
};

/** A report's line. `names`: what the key is called in each language, where it is a code (a discount's reason). */
export type ReportLine = { key: string; count: number; cents: number; names?: { en: string; fr: string } };
export type DayReport = {
  kind: 'x' | 'z';
  /** Z reports are numbered; an X report has no number. */
  number: number | null;
  from: string;
  to: string;
  generatedAt: string;
  currency: Currency;
  byType: ReportLine[];
  byCashier: ReportLine[];
  byBrand: ReportLine[];
  /** Card (through Helcim) and cash: money taken minus money given back, by how it was paid. */
  byTender: ReportLine[];
  /** The same, per cashier (`cash · Casey`). */
  byTenderCashier: ReportLine[];
  /** This counter's cash drawer (the open one, or the last closed), or null if none was ever opened. */
  drawer: DrawerLine | null;
  /** Sales minus refunds and voids, in cents. */
  netCents: number;
  /** Tips customers added on the terminal: already inside the sales above, reported apart. */
  tips: ReportLine;
  /**
   * Sales tax collected on the sales paid in the period and given back by the returns made in it, per
   * tax and rate (key: "GST 50000"; count: sales or returns): what a shop files from.
   */
  taxCollected?: ReportLine[];
  taxRefunded?: ReportLine[];
  /** Cash rounded to 5¢ in the period: rounded attempts and the cents, signed (into the drawer less out of it). */
  rounding?: ReportLine;
  /**
   * Discounts given on the sales paid in the period, by reason (key: the reason's id, with its names)
   * and by the cashier who gave them (key: the name; count: discounts).
   */
  discountsByReason?: ReportLine[];
  discountsByCashier?: ReportLine[];
  reconciliation: {
    checked: boolean;
    matched: number;
    /** Approved in our journal, not in Helcim's list. */
    missingAtHelcim: string[];
    /** In Helcim's list for the period, not in our journal. */
    notInJournal: string[];
    /** In Helcim's list, made by another counter of the shop (its invoice prefix): not a discrepancy. */
    otherCounters: string[];
    /** Present in both with different amounts. */
    amountMismatch: string[];
    /**
     * Debit refunds the terminal paid to another card than the sale's (from the journal, checked or
     * not against Helcim): money went out to a card a manager must look at.
     */
    refundsToOtherCard: string[];
    /**
     * Sales whose itemized invoice Helcim does not hold as sent (none made, and why; another total;
     * another number of lines), each in plain words (main/invoices). Absent on Z reports closed before invoices.
     */
    invoices?: string[];
    message: string;
  };
};

export type OverrideApproval = { approvalId: string; expiresAt: string; managerName: string };

/** The answer to a call on an earlier transaction: money back (refund, void) or a hold's capture or release. */
export type MoneyReturn = {
  attemptId: string;
  kind: 'refund' | 'reverse' | 'capture' | 'release';
  /** `waiting`: a debit refund is on the terminal; the customer presents the card (follow it with terminal.check). */
  outcome: 'approved' | 'declined' | 'waiting';
  originalTransactionId: string;
  amountCents: number;
  currency: Currency;
  transactionId?: string;
  message: string;
};

/** This counter's cash drawer. `expectedCents` is null for a cashier when closes are blind. */
export type DrawerView = {
  open: boolean;
  /** The drawer session's number (a manager's paid-in/out approval is bound to it); while closed, the next one's (the float's approval). */
  sessionId: string | null;
  openedAt: string | null;
  floatCents: number | null;
  expectedCents: number | null;
  currency: Currency;
  blind: boolean;
};
export type DrawerClose = { expectedCents: number; countedCents: number; overShortCents: number; currency: Currency };
export type DrawerLine = {
  open: boolean;
  floatCents: number;
  cashSalesCents: number;
  /** Cash rounded to 5¢: what the drawer took beyond the sales less what it gave beyond refunds (absent: none). */
  roundingCents?: number;
  paidInCents: number;
  paidOutCents: number;
  expectedCents: number;
  countedCents: number | null;
  overShortCents: number | null;
};

/**
 * What the customer display shows: only what the customer may see — the shop, amounts, where the
 * payment stands, and who served them. No ids, no card data, no other staff, never a token. The
 * words for each state are the display page's own.
 */
export type CustomerView = {
  shop: string;
  /** The customer's language for this sale (the shop's when there is none). */
  locale: Locale;
  /** welcome: no sale; due: amount to pay; card: pay on the terminal; keyed: the cashier enters the card (a phone order); declined; paid: thank you (with change). */
  state: 'welcome' | 'due' | 'card' | 'keyed' | 'declined' | 'paid';
  totalCents: number;
  paidCents: number;
  dueCents: number;
  changeCents: number;
  currency: Currency;
  /** The first name of the cashier of the sale ("Served by"). */
  servedBy: string | null;
  /** The cart's last lines (at most CUSTOMER_LINES), in the customer's language; none for a typed total. */
  lines: CustomerLine[];
  /** How many lines the cart has in all (the display says how many more there are above). */
  lineCount: number;
  /** The cart's taxes as the receipt names them, in the customer's language (none: no tax). */
  taxes: { label: string; taxCents: number }[];
  /** Paid: the cash rounded to 5¢ beyond the amount (0: none). */
  roundingCents: number;
  /** All the sale's discounts together (0: none): "You save". */
  discountsCents: number;
};

/** The most cart lines the customer display shows (the latest ones). */
export const CUSTOMER_LINES = 6;

/** A cart line as the customer sees it. */
export type CustomerLine = {
  name: string;
  soldBy: SoldBy;
  quantityMilli: number;
  lineTotalCents: number;
  /** What comes off the line (its own discount and its share of the sale's; 0: none). */
  discountCents: number;
};

/** A second screen facing the customer: on or off, and which screen (1 = the counter's own). */
export type CustomerDisplaySetting = { enabled: boolean; screen: number };

/** What a printer did with a job (a receipt, a test page, a drawer pulse), in plain words. */
export type PrintResult = { printed: boolean; message: string };

/** A cash tender: recorded at once (no Helcim call), with the change to hand back and where its sale stands. */
export type CashSale = {
  attemptId: string;
  amountCents: number;
  tenderedCents: number;
  changeCents: number;
  /** What the drawer took beyond the amount, rounded to 5¢ where pennies are gone (−2¢ to +2¢; 0: none). */
  roundingCents: number;
  currency: Currency;
  sale: SaleView;
  /** The drawer pulse sent through the receipt printer (null: no network printer to send it to). */
  drawer: PrintResult | null;
};

/** A sale's line as a return sees it: what was sold, and what is left to give back. */
export type ReturnableLine = SaleLine & { leftMilli: number; leftCents: number };
export type ReturnableSale = { saleNumber: string; currency: Currency; lines: ReturnableLine[] };
/**
 * What a return of some lines gives back, line by line (main/cart/rules.ts), and its share of each of
 * the sale's taxes (main/tax/rules.ts `taxBackCents`): `amountCents` is the lines and their tax (the
 * lines alone when the prices held the tax; `taxCents` is then the part of them that was tax).
 */
export type ReturnQuote = {
  amountCents: number;
  lines: { position: number; quantityMilli: number; cents: number }[];
  taxCents: number;
  taxes: { category: string; code: (typeof TAX_CODES)[number]; rateMillionths: number; cents: number }[];
};
/** Lines picked for a return, as the screen sends them. */
export type ReturnLinePick = { position: number; quantityMilli: number };

/** Cash handed back from the drawer for a cash sale (a manager's refund). */
export type CashRefund = {
  attemptId: string;
  saleNumber: number;
  amountCents: number;
  /** What was handed back beyond the amount, rounded to 5¢ where pennies are gone (0: none). */
  roundingCents: number;
  currency: Currency;
  message: string;
  drawer: PrintResult | null;
};

/**
 * This counter's receipt printer. `network`: raw ESC/POS to host:port (the drawer through it too);
 * `os`: a printer installed with its driver, printed silently from an 80/58 mm page (the drawer then
 * follows the driver's own setting); `none`: receipts go to the print dialog.
 */
export type PrinterConfig = {
  kind: (typeof PRINTER_KINDS)[number];
  host: string;
  port: number;
  paper: (typeof PAPER_WIDTHS)[number];
  columns: (typeof PRINTER_COLUMNS)[number];
  codepage: (typeof PRINTER_CODEPAGES)[number];
  /** The OS printer's name (kind `os`). */
  deviceName: string;
  /** Printed under the shop's name. */
  shopAddress: string;
};

/** One tender of a sale. `amountCents` is what it paid toward the sale; a terminal tip is apart. */
export type TenderLine = {
  attemptId: string;
  tender: 'card' | 'cash';
  state: 'pending' | 'approved' | 'declined' | 'cancelled' | 'unknown';
  amountCents: number;
  tipCents: number;
  tenderedCents?: number;
  /** Cash rounded to 5¢: what the drawer took beyond this part (absent: none). */
  roundingCents?: number;
  cardType?: string;
  cardLast4?: string;
  /** A card part given back (voided or refunded). */
  returned: boolean;
};

/** A sale and its tenders, as main computes them from the journal. */
export type SaleView = {
  saleId: string;
  /** The customer's language: their receipt and the customer display. */
  language: Locale;
  /** The sale's number on this counter: a manager's approval to abandon it is bound to it. */
  number: number;
  totalCents: number;
  paidCents: number;
  dueCents: number;
  /** Card parts Helcim has not confirmed yet: nothing more is taken until they are. */
  checkingCents: number;
  /** What abandoning the sale gives back (card parts with their tips, cash parts). */
  backCents: number;
  /** Cash paid on this sale and not handed back yet (what a cash refund may return). */
  cashRefundableCents: number;
  currency: Currency;
  state: 'open' | 'paid' | 'abandoned';
  tenders: TenderLine[];
  /** The cart's lines, priced in main (none for a typed total). */
  lines: SaleLine[];
  /** The cart's taxes, one per tax and rate (main/tax/rules.ts); none for a typed total or a shop without tax. */
  taxes: SaleTax[];
  /** The lines' total after discounts, before the taxes are added (main/cart/rules.ts `cartTotalCents`); 0 for a typed total. */
  subtotalCents: number;
  /** The sale's own discount (null: none); each line's is on the line. */
  discount: SaleDiscount | null;
  /** All the discounts of the sale together (lines' and the sale's). */
  discountsCents: number;
  /** The customer attached to the sale (null: none; Helcim makes one per payment then, as its docs say). */
  customer: SaleCustomer | null;
  /** Plain words: where the sale stands. */
  message: string;
};

/** A shop's own tax categories (main/tax/categories.ts): names that are not built in, each once, and their taxes. */
export const taxCategoriesSchema = z
  .array(
    z.strictObject({
      name: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,31}$/, 'a tax category is a short lower-case name')
        .refine((n) => !BUILT_IN_TAX_CATEGORIES.includes(n as (typeof BUILT_IN_TAX_CATEGORIES)[number]), {
          message: 'standard, zero_rated and exempt are already there',
        }),
      taxes: z
        .array(
          z.strictObject({
            code: z.enum(TAX_CODES),
            rateMillionths: z.number().int().min(0).max(300_000).optional(),
          }),
        )
        .max(4),
    }),
  )
  .max(20)
  .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, { message: 'each category once' });

/**
 * The shop's sales tax as a manager sets it (main/tax/): where the shop is (null: no tax), whether its
 * prices include tax, a US shop's own rate, and what a receipt names so a customer can claim the tax.
 * (A shop's own categories — BC liquor, a point-of-sale rebate — are kept in the same setting.)
 */
export const taxSettingsSchema = z.strictObject({
  jurisdiction: z.enum(JURISDICTIONS).nullable(),
  pricesInclude: z.boolean(),
  /** A US shop's sales tax, in millionths (8.875 % = 88 750); ignored in Canada. */
  usRateMillionths: z.number().int().min(0).max(300_000),
  /** A US shop's cash rounded to 5¢ too (Canada's always is). */
  usCashRounding: z.boolean(),
  legalName: z
    .string()
    .trim()
    .max(80)
    .regex(/^\P{Cc}*$/u, 'no control characters'),
  /** The CRA's business number and program account: 123456789 RT 0001 (empty: none). */
  gstHstNumber: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^\d{9} ?RT ?\d{4}$/, 'like 123456789 RT 0001'),
  ]),
  /** Revenu Québec's: 1234567890 TQ 0001 (empty: none). */
  qstNumber: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^\d{10} ?TQ ?\d{4}$/, 'like 1234567890 TQ 0001'),
  ]),
  /**
   * The shop's own tax categories (BC liquor: GST and 10 % PST; Ontario's point-of-sale rebate: 5 % HST),
   * each a list of taxes — a code at the rate in force where the shop is, or at a rate of its own.
   * Absent: the shop's categories stay as they are.
   */
  categories: taxCategoriesSchema.optional(),
});

export type TaxSettings = z.infer<typeof taxSettingsSchema>;

/** One tax of a sale: its code, rate (millionths: 9.975 % = 99 750), the base and the tax; `included`: taken out of the prices. */
export type SaleTax = {
  code: (typeof TAX_CODES)[number];
  rateMillionths: number;
  baseCents: number;
  taxCents: number;
  included: boolean;
};

/** A line of a sale's cart, priced by main (main/cart/rules.ts). */
export type SaleLine = {
  position: number;
  /** Null: an open amount typed on the keypad. */
  itemId: string | null;
  sku: string | null;
  /** The item's names when the line was priced. */
  name: { en: string; fr: string };
  soldBy: SoldBy;
  taxCategory: TaxCategory;
  /** Thousandths of the unit: 2000 is two pieces, 347 is 0.347 kg. */
  quantityMilli: number;
  unitPriceCents: number;
  /** The quantity at the unit price, before any discount (main/cart/rules.ts). */
  lineTotalCents: number;
  /** The line's own discount (null: none), with its cents. */
  discount: SaleDiscount | null;
  /** All that comes off the line: its own discount and its share of the sale's. Tax is on what is left. */
  discountCents: number;
};

/** A discount on a sale or a line as kept with it: what was asked, its reason's names then, its cents. */
export type SaleDiscount = {
  kind: 'percent' | 'amount' | 'price';
  /** Basis points, cents off, or the unit price given, by kind. */
  value: number;
  reasonId: string;
  reason: { en: string; fr: string };
  cents: number;
  /** The manager who approved it (null: within the cashier's limit, or given by a manager signed in). */
  approvedBy: string | null;
};

/**
 * What a discount comes to before it is given, and whether this person may give it alone
 * (`sale.discountQuote`): position 0 is the sale's discount. A manager's approval for one is asked
 * with action `discount`, the sale's number, these cents and — for a line — the line's position and
 * quantity.
 */
export type DiscountQuote = {
  saleNumber: number;
  discounts: { position: number; quantityMilli: number; cents: number; needsManager: boolean }[];
};

/** The discounts the manager allows: the reasons to pick from and how much a cashier may give alone. */
export const discountSettingsSchema = z.strictObject({
  /** Of the amount discounted (a line, the sale), in basis points: 0 = a cashier gives none alone. */
  cashierLimitBasisPoints: z.number().int().min(0).max(10_000),
  reasons: z
    .array(
      z.strictObject({
        id: reasonId,
        name: z.strictObject({ en: itemText(40).pipe(z.string().min(1)), fr: itemText(40).pipe(z.string().min(1)) }),
      }),
    )
    .max(30)
    .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, { message: 'each reason once' }),
});
export type DiscountSettings = z.output<typeof discountSettingsSchema>;

/**
 * The shop's own mail server, for receipts by email (main/mail/): where it is, how the connection is
 * protected — TLS from the start (usually port 465), STARTTLS (587), or none (a relay on the shop's own
 * network, and then no password is ever sent) — the user, and the address receipts come from. The
 * password is kept in the keychain, never here.
 */
export const mailServerSchema = z.strictObject({
  host: z.string().trim().min(1).max(253).regex(PRINTER_HOST, 'a host name or an IP address'),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  user: z
    .string()
    .trim()
    .max(254)
    .regex(/^\P{Cc}*$/u, 'no control characters'),
  from: z.email('the address receipts come from').max(254),
});
export type MailServer = z.output<typeof mailServerSchema>;
/** The mail server as the manager's card shows it: never the password, only whether one is kept. */
export type MailView = { server: MailServer | null; passwordSet: boolean };

/** One backup made (or tried): main/backup/backups.ts. */
export type BackupRun = {
  id: string;
  at: string;
  reason: 'z' | 'nightly' | 'update' | 'manager';
  /** The file's name in each place (null: none written). */
  file: string | null;
  bytes: number | null;
  sha256: string | null;
  ok: boolean;
  /** The copy in the second place: none set, written and checked, or failed. */
  second: 'none' | 'ok' | 'failed';
  /** What went wrong, in words (null: nothing). */
  problem: string | null;
};
/** What needs a person about backups: each but `none` is red on a manager's status bar. */
export type BackupProblem = 'none' | 'no_passphrase' | 'failed' | 'overdue' | 'second_failed';
/** The Backups card: never the passphrase nor its key, only whether one is set. */
export type BackupStatus = {
  passphraseSet: boolean;
  secondFolder: string | null;
  keep: number;
  /** The data folder's backups folder on this PC. */
  folder: string;
  last: BackupRun | null;
  lastGoodAt: string | null;
  problem: BackupProblem;
};
/** The manager's Health card (main/support/health.ts): each figure, and whether it needs a person. */
export type HealthView = {
  backup: { lastGoodAt: string | null; problem: BackupProblem; red: boolean };
  /** The last answered update check (null: none yet). */
  updateCheck: { at: string | null; red: boolean };
  disk: { freeBytes: number | null; red: boolean };
  logs: { bytes: number; red: boolean };
  /** Rows waiting for the shop database (null: a counter alone). */
  outbox: { depth: number | null; red: boolean };
  unresolved: { count: number; red: boolean };
};
/** Updates as a manager sees them (main/updates/updates.ts). */
export type UpdateView = {
  current: string;
  feed: string;
  lastCheckAt: string | null;
  /** The last check the feed answered (signed and readable). */
  lastAnsweredAt: string | null;
  problem: string | null;
  /** A newer version this counter is offered (in its rollout stage). */
  offered: string | null;
  /** Downloaded and checked: installs at the Z or at quit. */
  ready: string | null;
  /** What keeps a ready update from installing now. */
  waitingFor: ('sales' | 'cardForms' | 'terminalPushes' | 'unresolved' | 'drawerCount')[];
};
/** What a restore brought back (shown before the counter restarts into it). */
export type RestoredSummary = {
  createdAt: string;
  counter: string;
  staff: number;
  payments: number;
  unresolved: number;
  /** Whether main restarts the app itself now (false: the person closes and opens it). */
  restarting: boolean;
};
/** An address a customer gives for their receipt. */
const emailAddress = z.email('an email address, like name@example.com').max(254);
/**
 * A receipt sent by email, as the screen sees it. `queued`: waiting to be sent (again, after an
 * outage); `sending`; `sent`; `failed`: the mail server refused it (said why); `unknown`: the counter
 * stopped or the connection broke while the server was taking it — it may have arrived, and a person
 * decides whether to send it again. The address is shown masked.
 */
export type EmailView = {
  id: string;
  attemptId: string;
  to: string;
  state: 'queued' | 'sending' | 'sent' | 'failed' | 'unknown';
  tries: number;
  at: string;
  sentAt: string | null;
  message: string;
};

/** What the screen asks for a line: never a price for an item that has one, never a total. */
export type CartLine = z.output<typeof cartLine>;

/** A sale pushed to this counter's Helcim Smart Terminal. */
export type TerminalStart = {
  attemptId: string;
  /** The sale this tender pays (the one it opened, when it opened one). */
  saleId?: string;
  amountCents: number;
  currency: Currency;
  deviceCode: string;
  invoiceNumber: string;
};

/** Where a terminal sale stands. `amountCents` is the sale; a tip the customer added is apart. */
export type TerminalProgress = {
  attemptId: string;
  state: 'waiting' | 'approved' | 'declined' | 'cancelled' | 'unknown';
  amountCents: number;
  tipCents: number;
  currency: Currency;
  transactionId?: string;
  approvalCode?: string;
  cardType?: string;
  cardLast4?: string;
  /** A debit refund the terminal paid to another card than the sale's (recorded, audited, on the X/Z). */
  otherCard?: boolean;
  message: string;
};

/** This counter's terminal, for Helcim setup. */
export type TerminalInfo = { deviceCode: string | null; answered: boolean; message: string };

/** A hold (preauthorization) this counter placed that is neither captured nor released. */
export type HoldView = {
  transactionId: string;
  attemptId: string;
  /** Shop time the hold was placed. */
  time: string;
  amountCents: number;
  currency: Currency;
  cardType?: string;
  cardLast4?: string;
  invoiceNumber?: string;
  /** Its card batch is still open and nothing was captured: Helcim can release it now (a reverse). */
  releasable: boolean;
  /** What can still be captured (the held amount less what was captured; 0 once it lapsed). */
  capturableCents: number;
  /** Placed more than 7 days ago: Helcim no longer captures it (HELCIM.md). */
  lapsed: boolean;
  /** Plain words: what can be done with it. */
  note: string;
};

/** What a checkout does: charge, check a card for $0, or hold an amount to capture later. */
export type CheckoutKind = 'purchase' | 'verify' | 'preauth';

export type CheckoutStart = {
  attemptId: string;
  /** The sale this card form pays (the one it opened, when it opened one); none for a hold or a verification. */
  saleId?: string;
  kind: CheckoutKind;
  amountCents: number;
  currency: Currency;
  checkoutToken: string;
  /** HelcimPay.js start.js to load inside the sandboxed checkout host. */
  scriptUrl: string;
  /** The checkout host page, on an origin of its own (never the app's). */
  hostUrl: string;
};

/** One of Helcim's customers as the counter shows it: a name to tell them apart, never their whole phone number. */
export type HelcimCustomerView = {
  customerCode: string;
  name: string;
  /** The business, when the customer has a contact name too. */
  business: string | null;
  phoneLast4: string | null;
};

/** The customer attached to a sale. */
export type SaleCustomer = { customerCode: string; name: string };

/** A card saved in a customer's vault at Helcim, by brand and last four; `consent`: who recorded the customer's consent here, and when. */
export type SavedCardView = {
  cardId: number;
  brand: string;
  last4: string;
  consent?: { by: string; at: string };
};

export type CheckoutOutcome = {
  attemptId: string;
  kind: CheckoutKind;
  outcome: 'approved' | 'declined' | 'cancelled';
  amountCents: number;
  currency: Currency;
  transactionId?: string;
  approvalCode?: string;
  cardType?: string;
  cardLast4?: string;
  /** Plain words for the cashier. */
  message: string;
};

// ---- the operations ------------------------------------------------------------------------

/** What a lookup (transactions, history) filters by: a day, an amount, the card's last four digits. */
const lookupFilters = {
  date: day.optional(),
  amountCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS).optional(),
  last4: z
    .string()
    .regex(/^\d{4}$/, 'last four digits')
    .optional(),
};

/**
 * A manager's override is bound to one number, and which kind of number follows from its action:
 * a Helcim transaction (refund, void, hold release), a drawer session (float, paid in, paid out) or
 * a sale on this counter (abandoned sale, cash back). The payload field is named after the kind.
 */
const HELCIM_TRANSACTION_ACTIONS = ['refund', 'reverse', 'release'] as const;
const DRAWER_SESSION_ACTIONS = ['float', 'paid_in', 'paid_out'] as const;
// `discount`: a discount above the cashier's limit, bound to the sale, the line (`lines`, none for the
// sale's own discount) and the discount's cents.
const SALE_NUMBER_ACTIONS = ['abandon', 'cash_refund', 'discount'] as const;
export type OverrideAction =
  | (typeof HELCIM_TRANSACTION_ACTIONS)[number]
  | (typeof DRAWER_SESSION_ACTIONS)[number]
  | (typeof SALE_NUMBER_ACTIONS)[number];
type SubjectFor<A extends OverrideAction> = A extends (typeof HELCIM_TRANSACTION_ACTIONS)[number]
  ? 'transactionId'
  : A extends (typeof DRAWER_SESSION_ACTIONS)[number]
    ? 'drawerSession'
    : 'saleNumber';
/** The payload field that carries the number an approval for this action is bound to. */
export const APPROVAL_SUBJECT = Object.freeze({
  ...Object.fromEntries(HELCIM_TRANSACTION_ACTIONS.map((a) => [a, 'transactionId'])),
  ...Object.fromEntries(DRAWER_SESSION_ACTIONS.map((a) => [a, 'drawerSession'])),
  ...Object.fromEntries(SALE_NUMBER_ACTIONS.map((a) => [a, 'saleNumber'])),
}) as { readonly [A in OverrideAction]: SubjectFor<A> };
/**
 * Lines of a sale to give back, by position, and how much of each (thousandths of its unit). Main
 * works out the amount from what was sold; positions are each named once (checked in main).
 */
const returnLines = z
  .array(
    z.strictObject({
      position: z.number().int().min(1).max(MAX_CART_LINES),
      quantityMilli: z.number().int().min(1).max(9_999_000),
    }),
  )
  .min(1)
  .max(MAX_CART_LINES);
const approvalAsk = {
  // Zero is allowed only because a drawer may open with no float; every other operation an
  // approval is for takes at least a cent, so a zero approval for them can never be used.
  amountCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS),
  managerId: staffId,
  pin,
  /** A return by line: the approval is bound to these lines as well as to the amount. */
  lines: returnLines.optional(),
};

/** Declares an operation: its result type R and its payload schema. */
const op =
  <R>() =>
  <S extends z.ZodType>(payload: S) => ({ payload, result: undefined as unknown as R });

export const contract = {
  'app.status': op<AppStatus>()(noPayload),
  'staff.roster': op<Roster>()(noPayload),
  'staff.firstRun': op<SessionView>()(z.strictObject({ name: staffName, pin })),
  'session.signIn': op<SessionView>()(z.strictObject({ staffId, pin })),
  'session.signOut': op<null>()(noPayload),
  'session.touch': op<null>()(noPayload),
  'staff.list': op<StaffRecord[]>()(noPayload),
  'staff.add': op<StaffRecord>()(z.strictObject({ name: staffName, role, pin })),
  'staff.setActive': op<StaffRecord>()(z.strictObject({ staffId, active: z.boolean() })),
  'staff.resetPin': op<StaffRecord>()(z.strictObject({ staffId, pin })),
  'staff.setLanguage': op<StaffRecord>()(z.strictObject({ staffId, language: z.enum(LOCALES).nullable() })),
  'settings.setIdleLock': op<null>()(z.strictObject({ seconds: z.number().int().min(30).max(3600) })),
  'purchase.start': op<CheckoutStart>()(
    z
      .strictObject({ amountCents, currency, saleId: saleId.optional(), newSale: newSale.optional() })
      .refine(oneSale, oneSaleMessage),
  ),
  'verify.start': op<CheckoutStart>()(z.strictObject({ currency })),
  'preauth.start': op<CheckoutStart>()(z.strictObject({ amountCents, currency })),
  'checkout.finish': op<CheckoutOutcome>()(z.strictObject({ attemptId: z.uuid(), event: checkoutEventSchema })),
  'transactions.search': op<TransactionView[]>()(
    z.strictObject({ ...lookupFilters, invoiceNumber: z.string().trim().min(1).max(40).optional() }),
  ),
  // One shape per kind of number an approval binds to (APPROVAL_SUBJECT), so each field means one thing.
  'override.approve': op<OverrideApproval>()(
    z.discriminatedUnion('action', [
      z.strictObject({ action: z.enum(HELCIM_TRANSACTION_ACTIONS), transactionId, ...approvalAsk }),
      z.strictObject({ action: z.enum(DRAWER_SESSION_ACTIONS), drawerSession, ...approvalAsk }),
      z.strictObject({ action: z.enum(SALE_NUMBER_ACTIONS), saleNumber, ...approvalAsk }),
    ]),
  ),
  'refund.submit': op<MoneyReturn>()(
    z.strictObject({ transactionId, amountCents, approvalId: z.uuid(), lines: returnLines.optional() }),
  ),
  'reverse.submit': op<MoneyReturn>()(z.strictObject({ transactionId, approvalId: z.uuid() })),
  'holds.list': op<HoldView[]>()(noPayload),
  'terminal.start': op<TerminalStart>()(
    z
      .strictObject({ amountCents, currency, saleId: saleId.optional(), newSale: newSale.optional() })
      .refine(oneSale, oneSaleMessage),
  ),
  'cash.sale': op<CashSale>()(
    z
      .strictObject({
        amountCents,
        tenderedCents: amountCents,
        currency,
        saleId: saleId.optional(),
        newSale: newSale.optional(),
      })
      .refine(oneSale, oneSaleMessage),
  ),
  'cash.refund': op<CashRefund>()(
    z.strictObject({ saleNumber, amountCents, approvalId: z.uuid(), lines: returnLines.optional() }),
  ),
  // A sale's lines with what is left to give back of each (by its number, or a card payment's).
  'returns.lines': op<ReturnableSale>()(z.union([z.strictObject({ saleNumber }), z.strictObject({ transactionId })])),
  // What giving these lines back comes to, by main's rule (the screen never adds it up).
  'returns.quote': op<ReturnQuote>()(z.strictObject({ saleNumber, lines: returnLines })),
  'sale.open': op<SaleView>()(z.strictObject({ amountCents, currency, language: z.enum(LOCALES).optional() })),
  'sale.get': op<SaleView>()(z.strictObject({ saleId })),
  // The cart's lines, priced in main; a new sale when saleId is absent, else the open sale's lines
  // replaced (until its first tender).
  'sale.cart': op<SaleView>()(
    z.strictObject({
      saleId: saleId.optional(),
      currency,
      language: z.enum(LOCALES).optional(),
      lines: z.array(cartLine).min(1).max(MAX_CART_LINES),
      discount: saleDiscountSchema.optional(),
      /** A manager's approval for the one discount above the cashier's limit (action `discount`). */
      approvalId: z.uuid().optional(),
    }),
  ),
  // What the discounts of this cart come to and which need a manager, before anything is written.
  'sale.discountQuote': op<DiscountQuote>()(
    z.strictObject({
      saleId,
      currency,
      lines: z.array(cartLine).min(1).max(MAX_CART_LINES),
      discount: saleDiscountSchema.optional(),
    }),
  ),
  'sale.discard': op<SaleView>()(z.strictObject({ saleId })),
  'sale.abandon': op<SaleView>()(z.strictObject({ saleNumber, amountCents, approvalId: z.uuid() })),
  'drawer.status': op<DrawerView>()(noPayload),
  // The float counted into the drawer (zero is a float too), confirmed by a manager's PIN bound to
  // the next session's number (`DrawerView.sessionId` while closed) and the amount.
  'drawer.open': op<DrawerView>()(
    z.strictObject({ drawerSession, amountCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS), approvalId: z.uuid() }),
  ),
  // Paid in and paid out are two operations with two kinds of approval, so a manager's PIN given
  // for money put into the drawer can never take money out of it (and the other way round).
  'drawer.payIn': op<DrawerView>()(drawerMove),
  'drawer.payOut': op<DrawerView>()(drawerMove),
  'drawer.close': op<DrawerClose>()(z.strictObject({ countedCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS) })),
  'settings.setBlindClose': op<null>()(z.strictObject({ blind: z.boolean() })),
  'terminal.check': op<TerminalProgress>()(z.strictObject({ attemptId: z.uuid() })),
  'terminal.cancel': op<TerminalProgress>()(z.strictObject({ attemptId: z.uuid() })),
  'terminal.devices': op<{ code: string }[]>()(noPayload),
  'terminal.pair': op<TerminalInfo>()(
    z.strictObject({ deviceCode: z.string().regex(DEVICE_CODE, 'a terminal code is 4 letters and digits') }),
  ),
  'terminal.unpair': op<TerminalInfo>()(noPayload),
  'capture.submit': op<MoneyReturn>()(z.strictObject({ transactionId, amountCents })),
  'release.submit': op<MoneyReturn>()(z.strictObject({ transactionId, approvalId: z.uuid() })),
  'helcim.status': op<TokenStatus>()(noPayload),
  // The token travels renderer -> main once, here, and never back.
  'helcim.saveToken': op<ConnectionReport>()(
    z.strictObject({ slot: tokenSlot, token: z.string().trim().min(1).max(512) }),
  ),
  'helcim.testToken': op<ConnectionReport>()(z.strictObject({ slot: tokenSlot })),
  'helcim.removeToken': op<TokenStatus>()(z.strictObject({ slot: tokenSlot })),
  'helcim.setMode': op<TokenStatus>()(z.strictObject({ mode: z.enum(['training', 'live']) })),
  'helcim.setCheckoutHost': op<TokenStatus>()(
    z.strictObject({
      host: z
        .string()
        .max(253)
        .refine((h) => checkoutHostProblem(h) === null, { message: 'not a usable checkout host name' }),
    }),
  ),
  'history.search': op<HistoryRow[]>()(z.strictObject(lookupFilters)),
  'receipt.get': op<Receipt>()(z.strictObject({ attemptId: z.uuid() })),
  'receipt.print': op<PrintResult>()(z.strictObject({ attemptId: z.uuid() })),
  'printer.get': op<PrinterConfig>()(noPayload),
  'printer.configure': op<PrinterConfig>()(
    z.strictObject({
      kind: z.enum(PRINTER_KINDS),
      host: z.union([z.literal(''), z.string().regex(PRINTER_HOST, 'a host name or IP address')]),
      port: z.number().int().min(1).max(65535),
      paper: z.union([z.literal(58), z.literal(80)]),
      columns: z.union([z.literal(32), z.literal(42), z.literal(48)]),
      codepage: z.enum(PRINTER_CODEPAGES),
      deviceName: z.string().trim().max(120),
      // Printed under the shop's name: no control characters (printer commands), line feeds aside.
      shopAddress: z
        .string()
        .trim()
        .max(200)
        .regex(/^(?:\n|\P{Cc})*$/u, 'no control characters'),
    }),
  ),
  'printer.testPage': op<PrintResult>()(noPayload),
  'settings.setLanguage': op<null>()(z.strictObject({ language: z.enum(LOCALES) })),
  'settings.tax': op<TaxSettings>()(noPayload),
  'settings.setTax': op<TaxSettings>()(taxSettingsSchema),
  'settings.discounts': op<DiscountSettings>()(noPayload),
  'mail.get': op<MailView>()(noPayload),
  // The password travels renderer -> main once, here, and never back; absent: kept as it is; empty: removed.
  'mail.configure': op<MailView>()(
    z.strictObject({ server: mailServerSchema.nullable(), password: z.string().max(512).optional() }),
  ),
  // A test message sent now (not queued), and what the mail server said, in plain words.
  'mail.test': op<{ sent: boolean; message: string }>()(z.strictObject({ address: emailAddress })),
  // A payment's receipt queued for an address the customer gives (no customer record made).
  'receipt.email': op<EmailView>()(z.strictObject({ attemptId: z.uuid(), address: emailAddress })),
  'receipt.emails': op<EmailView[]>()(z.strictObject({ attemptId: z.uuid().optional() })),
  // A receipt that failed or may not have arrived, sent once more because a person decided so.
  'receipt.emailAgain': op<EmailView>()(z.strictObject({ id: z.uuid() })),
  'settings.setDiscounts': op<DiscountSettings>()(discountSettingsSchema),
  // Backups (main/backup): the passphrase travels renderer -> main here once, never back.
  'backup.status': op<BackupStatus>()(noPayload),
  'backup.setPassphrase': op<BackupStatus>()(z.strictObject({ passphrase: z.string().min(1).max(256) })),
  'backup.setFolder': op<BackupStatus>()(
    z.strictObject({
      folder: z
        .string()
        .trim()
        .min(1)
        .max(400)
        .regex(/^\P{Cc}*$/u, 'no control characters')
        .nullable(),
    }),
  ),
  'backup.now': op<BackupRun>()(noPayload),
  'health.get': op<HealthView>()(noPayload),
  'updates.get': op<UpdateView>()(noPayload),
  // The shop's own update feed (null: the default one); main checks the address again (https).
  'updates.setFeed': op<UpdateView>()(z.strictObject({ feed: z.string().trim().min(1).max(300).nullable() })),
  // The support file, saved where the counter saves files (its path answered); nothing secret in it.
  'support.save': op<{ path: string }>()(noPayload),
  // Only on a fresh install (main refuses otherwise): a backup file on this PC and its passphrase.
  'backup.restore': op<RestoredSummary>()(
    z.strictObject({
      file: z
        .string()
        .trim()
        .min(1)
        .max(1000)
        .regex(/^\P{Cc}*$/u, 'no control characters'),
      passphrase: z.string().min(1).max(256),
    }),
  ),
  // Customers at the counter (main/customers): Helcim's, found by name, business or phone.
  'customers.search': op<HelcimCustomerView[]>()(
    z.strictObject({
      text: z
        .string()
        .trim()
        .min(2)
        .max(60)
        .regex(/^\P{Cc}*$/u, 'no control characters'),
    }),
  ),
  // A new customer in Helcim, only with the customer's consent (said out loud, ticked by the cashier).
  'customers.add': op<HelcimCustomerView>()(
    z
      .strictObject({
        contactName: customerText(80),
        businessName: customerText(80),
        cellPhone: z
          .string()
          .trim()
          .regex(/^(\+?[0-9 ().-]{10,20})?$/, 'a phone number of 10 to 15 digits, or nothing'),
        consent: z.literal(true),
      })
      .refine((c) => c.contactName || c.businessName, { message: 'a name or a business name' }),
  ),
  // Attaches a customer to a sale (null: none) before its first tender.
  'sale.setCustomer': op<SaleCustomer | null>()(z.strictObject({ saleId, customerCode: customerCode.nullable() })),
  'customers.cards': op<SavedCardView[]>()(z.strictObject({ customerCode })),
  // Opens HelcimPay.js to save the customer's card (a verification under their code), their consent recorded first.
  'customers.saveCard': op<CheckoutStart>()(z.strictObject({ customerCode, currency, consent: z.literal(true) })),
  'customers.removeCard': op<SavedCardView[]>()(
    z.strictObject({ customerCode, cardId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
  ),
  // Charges a saved card of the sale's customer (phone orders, house accounts): a card part of the sale.
  'sale.chargeSavedCard': op<CheckoutOutcome>()(
    z.strictObject({ saleId, cardId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), amountCents, currency }),
  ),
  'display.get': op<CustomerDisplaySetting>()(noPayload),
  'display.configure': op<CustomerDisplaySetting>()(
    z.strictObject({ enabled: z.boolean(), screen: z.number().int().min(1).max(8) }),
  ),
  // The amount on the Sale screen as it is typed, before any tender starts: for the customer display only.
  'display.typed': op<null>()(z.strictObject({ amountCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS), currency })),
  'drawer.kick': op<PrintResult>()(noPayload),
  'receipt.savePdf': op<{ path: string | null }>()(z.strictObject({ attemptId: z.uuid() })),
  'report.x': op<DayReport>()(noPayload),
  'report.z': op<DayReport>()(z.strictObject({ confirm: z.literal(true) })),
  'report.export': op<{ path: string | null }>()(
    z.strictObject({ number: z.number().int().min(1).nullable(), format: z.enum(['csv', 'pdf']) }),
  ),
  'shop.get': op<ShopLinkView>()(noPayload),
  /** A new link code for the next counter, shown once; the previous code stops working. */
  'shop.newLinkCode': op<ShopLinkView>()(noPayload),
  'shop.link': op<ShopLinkView>()(
    z.strictObject({
      host: z.string().regex(PRINTER_HOST, 'a host name or IP address'),
      port: z.number().int().min(1).max(65535),
      database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/, 'a database name'),
      user: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.$-]{0,62}$/, 'a user name'),
      password: z.string().min(1).max(200),
      linkCode: z.string().max(40).optional(),
      /** The server certificate's SHA-256 fingerprint the manager compared and confirmed (see shop.probe). */
      certificate: z.string().regex(FINGERPRINT, 'a SHA-256 fingerprint').optional(),
      /** The server has no TLS and the manager accepts an unencrypted connection. */
      plaintext: z.literal(true).optional(),
    }),
  ),
  /** Before linking: does the server speak TLS, and which certificate does it present (sends no user or password). */
  'shop.probe': op<ShopProbe>()(
    z.strictObject({
      host: z.string().regex(PRINTER_HOST, 'a host name or IP address'),
      port: z.number().int().min(1).max(65535),
    }),
  ),
  'report.shop': op<ShopReport>()(z.strictObject({ date: day.optional() })),
  'report.shopZ': op<ShopZ>()(z.strictObject({ confirm: z.literal(true) })),
  'history.shop': op<ShopHistoryRow[]>()(z.strictObject(lookupFilters)),
  // Inactive items are listed for managers only (the handler reads the role).
  'catalog.search': op<ItemView[]>()(
    z.strictObject({ query: z.string().max(100), includeInactive: z.boolean().optional() }),
  ),
  // What a scanner typed: digits, as the scanner sent them (checked and read in main).
  'catalog.scan': op<ScanResult>()(
    z.strictObject({
      code: z
        .string()
        .trim()
        .regex(/^\d{1,20}$/, 'digits only'),
    }),
  ),
  'catalog.add': op<ItemView>()(itemDraftSchema),
  'catalog.update': op<ItemView>()(z.strictObject({ id: z.uuid(), item: itemDraftSchema })),
  // A CSV file's text (UTF-8): every row's outcome, nothing written; then the preview confirmed.
  'catalog.importPreview': op<ImportPreview>()(z.strictObject({ csv: z.string().min(1).max(32_000_000) })),
  'catalog.importConfirm': op<ImportPreview>()(z.strictObject({ token: z.uuid() })),
  'catalog.export': op<{ csv: string }>()(noPayload),
  // The same file, saved where the manager chooses (null: they cancelled).
  'catalog.saveExport': op<{ path: string | null; items: number }>()(noPayload),
  'catalog.setActive': op<ItemView>()(z.strictObject({ id: z.uuid(), active: z.boolean() })),
  'catalog.quickKeys': op<QuickKeyPage[]>()(noPayload),
  'catalog.addAtCounter': op<ItemView>()(z.strictObject({ item: itemDraftSchema, managerId: staffId, pin })),
  'catalog.arrangeQuickKeys': op<QuickKeyPage[]>()(
    z.strictObject({ department: itemText(40), itemIds: z.array(z.uuid()).max(MAX_QUICK_KEYS) }),
  ),
} as const satisfies Record<OperationName, { payload: z.ZodType; result: unknown }>;

export type Contract = typeof contract;
export type PayloadOf<K extends OperationName> = z.input<Contract[K]['payload']>;
export type ResultOf<K extends OperationName> = Contract[K]['result'];

// ---- errors that cross the bridge ------------------------------------------------------------

export const ERROR_CODES = [
  'invalid_payload',
  'bad_sender',
  'unknown_operation',
  'not_signed_in',
  'forbidden',
  'wrong_pin',
  'locked',
  'transaction_not_eligible',
  'token_missing',
  'token_insufficient',
  'keychain_unavailable',
  'helcim_unauthorized',
  'helcim_legacy_token',
  'helcim_permission',
  'helcim_declined',
  'helcim_bad_request',
  'helcim_rate_limited',
  'helcim_unavailable',
  'helcim_unknown_outcome',
  'helcim_bad_response',
  'too_many_results',
  'checkout_invalid',
  'terminal_not_paired',
  'terminal_not_listening',
  'terminal_not_found',
  'checkout_unverified',
  'database_unreadable',
  'backup_refused',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Errors are data, never exceptions with stacks. */
export type BridgeError = { code: ErrorCode; message: string };
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

type GroupOf<K> = K extends `${infer G}.${string}` ? G : never;
type MethodOf<K, G extends string> = K extends `${G}.${infer M}` ? M : never;

/** `window.pos`: one async function per operation, grouped by the part before the dot. */
export type PosApi = {
  [G in GroupOf<OperationName>]: {
    [K in OperationName as MethodOf<K, G>]: (payload: PayloadOf<K>) => Promise<BridgeResult<ResultOf<K>>>;
  };
};
