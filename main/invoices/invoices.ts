/**
 * The sale's itemized invoice in Helcim (issue 29, DESIGN.md §12): created once, before the first card
 * part of a sale with cart lines is pushed to the terminal or opened in a card form; every card part
 * of the sale (a split sale has several) pays against its invoice number.
 *
 * Never sent twice: the invoice's number is ours (this counter's prefix and a random part) and is
 * written here, state `sending`, before the request leaves. Helcim documents no idempotency key for
 * the Invoice API, so a request whose answer was lost is never repeated blindly: the number is looked
 * up first (`GET /invoices?invoiceNumber=`), and only an answer that proves it is not there lets it
 * be sent again.
 *
 * An invoice is help for the shop's books, not money: a sale whose invoice cannot be made (the token
 * may not create invoices, Helcim refused the body, Helcim did not answer) still sells — its card
 * part is sent as a payment alone, exactly as before invoices — and the X/Z's differences with Helcim
 * name it. Reconciliation there compares Helcim's invoices with what was sent and with what the
 * journal took under their numbers.
 *
 * Why the Invoice API for the card form too, and not HelcimPay.js's own `invoiceRequest` (lines sent
 * with initialize): whether `invoiceRequest` needs General access on the sales token is not documented
 * (a guess either way — the question is in `npm run helcim:check`), while the Invoice API's needs are
 * (General Read & Write), and one invoice then serves every card part of a split sale, terminal or form.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { HelcimClient, HelcimInvoice } from '../helcim/client';
import { helcimDaysCovering } from '../helcim/mountain';
import { helcimAmountToCentsOrNull } from '../money';
import type { TokenSlot } from '../policy/table';
import type { Journal } from '../journal/journal';
import { invoiceFor, type InvoiceSale } from './invoice-body';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sale_invoices (
  sale_id TEXT PRIMARY KEY,
  invoice_number TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('sending','created','refused','unknown')),
  helcim_invoice_id TEXT,
  lines_sent INTEGER NOT NULL CHECK (lines_sent >= 0),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
  grouped INTEGER NOT NULL CHECK (grouped IN (0,1)),
  why TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sale_invoices_created ON sale_invoices (created_at);`;

type Row = {
  sale_id: string;
  invoice_number: string;
  state: 'sending' | 'created' | 'refused' | 'unknown';
  helcim_invoice_id: string | null;
  lines_sent: number;
  total_cents: number;
  grouped: 0 | 1;
  why: string | null;
  created_at: string;
};

/** Why a sale has no invoice in Helcim, as the differences list says it. */
export type InvoiceWhy = 'permission' | 'refused' | 'no_answer' | 'not_adding_up' | 'no_token';

/** The most pages of Helcim's invoice list one reconciliation reads (its page size is not documented). */
export const MAX_INVOICE_PAGES = 25;

export type SaleInvoicesDeps = {
  db: Db;
  client: () => HelcimClient;
  token: (slot: TokenSlot) => Promise<string>;
  /** The token that creates invoices: the Helcim API token (General Read & Write) if stored, else the sales token. */
  slot: () => TokenSlot | null;
  sale: (saleId: string) => InvoiceSale;
  /** A cart line's department (a sale of more than 100 lines goes to Helcim grouped by department). */
  departmentOf: (line: InvoiceSale['lines'][number]) => string;
  invoicePrefix: string;
  now: () => number;
  audit: (actor: string, action: string, detail: string) => void;
  /** The sale's customer at Helcim (their id; null: none attached). */
  customerIdOf?: (saleId: string) => number | null;
  /** When the sale's first tender was journaled (null: none): a sale's invoice belongs to that tender's period. */
  firstTenderAt: (saleId: string) => string | null;
  /** The journal's sale parts and what went back against them: what Helcim's invoice was paid is compared with it. */
  journal?: Pick<Journal, 'bySale' | 'returnsAgainst'>;
};

/** What a card part of a sale pays against: the sale's invoice number, or null (a payment alone). */
export type InvoiceForPart = { invoiceNumber: string; grouped: boolean } | null;

export class SaleInvoices {
  constructor(private readonly deps: SaleInvoicesDeps) {
    deps.db.exec(SCHEMA);
  }

  private row(saleId: string): Row | null {
    return (
      (this.deps.db.prepare('SELECT * FROM sale_invoices WHERE sale_id = ?').get(saleId) as Row | undefined) ?? null
    );
  }

  private set(saleId: string, state: Row['state'], more: { id?: string; why?: InvoiceWhy | string } = {}): void {
    this.deps.db
      .prepare(
        'UPDATE sale_invoices SET state = ?, helcim_invoice_id = coalesce(?, helcim_invoice_id), why = ?, updated_at = ? WHERE sale_id = ?',
      )
      .run(state, more.id ?? null, more.why ?? null, new Date(this.deps.now()).toISOString(), saleId);
  }

  /** The sale's invoice as a receipt names it (created ones only). */
  of(saleId: string): { invoiceNumber: string; grouped: boolean } | null {
    const r = this.row(saleId);
    return r && r.state === 'created' ? { invoiceNumber: r.invoice_number, grouped: r.grouped === 1 } : null;
  }

  /**
   * Before a card part of this sale is sent: the sale's invoice, created now if it is the first card
   * part (or looked up, if an earlier try lost its answer). Null: this part goes as a payment alone.
   * Never throws for Helcim's sake: the sale goes on.
   */
  async forCardPart(saleId: string, staffId: string): Promise<InvoiceForPart> {
    const r = this.row(saleId);
    if (!r) {
      const sale = this.deps.sale(saleId);
      if (sale.lines.length === 0) return null; // a typed total: nothing to itemize
      const invoiceNumber = `${this.deps.invoicePrefix}-${randomBytes(5).toString('hex').toUpperCase()}`;
      let built: ReturnType<typeof invoiceFor>;
      let why: string | null = null;
      try {
        built = invoiceFor(sale, invoiceNumber, this.deps.departmentOf, this.deps.customerIdOf?.(saleId) ?? undefined);
      } catch (err) {
        if (!(err instanceof PosError)) throw err;
        built = null;
        why = 'not_adding_up';
      }
      const at = new Date(this.deps.now()).toISOString();
      // Written before anything is sent: the number is ours from now on, whatever Helcim answers.
      this.deps.db
        .prepare(
          `INSERT INTO sale_invoices (sale_id, invoice_number, state, lines_sent, total_cents, grouped, why, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          saleId,
          invoiceNumber,
          why ? 'refused' : 'sending',
          built?.body.lineItems.length ?? 0,
          sale.totalCents,
          built?.grouped ? 1 : 0,
          why,
          at,
          at,
        );
      if (!built) {
        this.deps.audit(staffId, 'invoice.not_sent', `${invoiceNumber}: the invoice's amounts did not add up`);
        return null;
      }
      return this.send(saleId, staffId, built.body, built.grouped);
    }
    if (r.state === 'created') {
      // The cart is fixed once a tender is journaled; should it differ all the same, no part pays an invoice that is not the sale's.
      if (this.deps.sale(saleId).totalCents !== r.total_cents) return null;
      return { invoiceNumber: r.invoice_number, grouped: r.grouped === 1 };
    }
    if (r.state === 'refused') return null;
    // An earlier try lost its answer: Helcim may have it. Look first; send again only if it is not there.
    const found = await this.lookUp(r.invoice_number);
    if (found === 'unreachable') return null;
    if (found) {
      this.set(saleId, 'created', { id: found.invoiceId });
      return { invoiceNumber: r.invoice_number, grouped: r.grouped === 1 };
    }
    const sale = this.deps.sale(saleId);
    const built = invoiceFor(
      sale,
      r.invoice_number,
      this.deps.departmentOf,
      this.deps.customerIdOf?.(saleId) ?? undefined,
    );
    if (!built) return null;
    return this.send(saleId, staffId, built.body, built.grouped);
  }

  private async send(
    saleId: string,
    staffId: string,
    body: Parameters<HelcimClient['createInvoice']>[1],
    grouped: boolean,
  ): Promise<InvoiceForPart> {
    const slot = this.deps.slot();
    if (!slot) {
      this.set(saleId, 'refused', { why: 'no_token' });
      return null;
    }
    try {
      const made = await this.deps.client().createInvoice(await this.deps.token(slot), body);
      this.set(saleId, 'created', { id: made.invoiceId });
      this.deps.audit(staffId, 'invoice.created', `${body.invoiceNumber} (${body.lineItems.length} lines)`);
      return { invoiceNumber: body.invoiceNumber, grouped };
    } catch (err) {
      const code = err instanceof PosError ? err.code : 'internal';
      if (code === 'helcim_permission' || code === 'helcim_unauthorized' || code === 'token_missing') {
        this.set(saleId, 'refused', { why: 'permission' });
        this.deps.audit(staffId, 'invoice.refused', `${body.invoiceNumber}: the token may not create invoices`);
        return null;
      }
      if (err instanceof PosError && code === 'helcim_bad_request') {
        this.set(saleId, 'refused', { why: 'refused' });
        this.deps.audit(staffId, 'invoice.refused', `${body.invoiceNumber}: ${err.message}`);
        return null;
      }
      // No answer, a 5xx or an unreadable one: Helcim may have made it. Ask once now; else later.
      const found = await this.lookUp(body.invoiceNumber);
      if (found && found !== 'unreachable') {
        this.set(saleId, 'created', { id: found.invoiceId });
        return { invoiceNumber: body.invoiceNumber, grouped };
      }
      this.set(saleId, 'unknown', { why: 'no_answer' });
      this.deps.audit(staffId, 'invoice.unknown', `${body.invoiceNumber}: no answer from Helcim (${code})`);
      return null;
    }
  }

  /** Helcim's invoice with this number, null if it has none, 'unreachable' if it could not be asked. */
  private async lookUp(invoiceNumber: string): Promise<HelcimInvoice | null | 'unreachable'> {
    const slot = this.deps.slot();
    if (!slot) return 'unreachable';
    try {
      const rows = await this.deps.client().findInvoices(await this.deps.token(slot), { invoiceNumber });
      return rows.find((x) => x.invoiceNumber.toUpperCase() === invoiceNumber.toUpperCase()) ?? null;
    } catch {
      return 'unreachable';
    }
  }

  /**
   * The differences between this period's sales and Helcim's invoices, for the X/Z: a sale whose card
   * parts went without an invoice (and why), and an invoice Helcim holds with another total or another
   * number of lines than was sent, or not at all. Null: Helcim's invoices could not be read (the
   * report says so in its reconciliation message, as for transactions).
   */
  async differences(
    from: string,
    to: string,
  ): Promise<{ saleId: string; invoiceNumber: string; what: string }[] | null> {
    // An invoice is made just before its sale's first card part is journaled, so it is counted in the
    // period of the sale's first tender (a day of margin bounds the query), never in two.
    const ours = (
      this.deps.db
        .prepare('SELECT * FROM sale_invoices WHERE created_at >= ? AND created_at < ? ORDER BY created_at')
        .all(new Date(Date.parse(from) - 86_400_000).toISOString(), to) as Row[]
    ).filter((r) => {
      const first = this.deps.firstTenderAt(r.sale_id);
      // Stryker disable next-line ConditionalExpression: equivalent — null compares neither >= nor < any ISO time.
      return first !== null && first >= from && first < to;
    });
    const out: { saleId: string; invoiceNumber: string; what: string }[] = [];
    const created = ours.filter((r) => r.state === 'created');
    for (const r of ours)
      if (r.state !== 'created')
        out.push({ saleId: r.sale_id, invoiceNumber: r.invoice_number, what: r.why ?? r.state });
    if (created.length === 0) return out;
    const theirs = await this.listBetween(from, to);
    if (theirs === null) return null;
    const byNumber = new Map(theirs.map((x) => [x.invoiceNumber.toUpperCase(), x]));
    for (const r of created) {
      const x = byNumber.get(r.invoice_number.toUpperCase());
      if (!x) out.push({ saleId: r.sale_id, invoiceNumber: r.invoice_number, what: 'missing' });
      else if (helcimAmountToCentsOrNull(x.amount) !== r.total_cents)
        out.push({ saleId: r.sale_id, invoiceNumber: r.invoice_number, what: 'total' });
      else if (x.lineItems !== undefined && x.lineItems.length !== r.lines_sent)
        out.push({ saleId: r.sale_id, invoiceNumber: r.invoice_number, what: 'lines' });
      else if (this.paidDiffers(r, x)) out.push({ saleId: r.sale_id, invoiceNumber: r.invoice_number, what: 'paid' });
    }
    return out;
  }

  /**
   * What Helcim says the invoice was paid, against the journal's approved card parts under its number
   * (their approved amounts, tips included). A part given back (a void or a refund) is left out of the
   * comparison altogether: whether Helcim lowers an invoice's amountPaid for it is not documented.
   */
  private paidDiffers(r: Row, x: HelcimInvoice): boolean {
    const journal = this.deps.journal;
    const theirs = helcimAmountToCentsOrNull(x.amountPaid);
    if (!journal || theirs === null) return false;
    const parts = journal
      .bySale(r.sale_id)
      .filter((a) => a.kind === 'purchase' && a.state === 'approved' && a.reference === r.invoice_number);
    if (parts.some((a) => a.helcimTransactionId && journal.returnsAgainst(a.helcimTransactionId).length > 0))
      return false;
    return parts.reduce((n, a) => n + a.amountCents, 0) !== theirs;
  }

  /**
   * Helcim's invoices of the Mountain days the period touches, page by page. The page size is not
   * documented (a question in helcim:check): a page shorter than the longest one seen, or an empty
   * one, is the last; at most MAX_INVOICE_PAGES pages, else the list is refused rather than cut.
   */
  private async listBetween(from: string, to: string): Promise<HelcimInvoice[] | null> {
    const slot = this.deps.slot();
    if (!slot) return null;
    const days = helcimDaysCovering(new Date(Date.parse(from) - 86_400_000), new Date(Date.parse(to) + 86_400_000));
    const all: HelcimInvoice[] = [];
    let longest = 0;
    try {
      const token = await this.deps.token(slot);
      for (let page = 1; page <= MAX_INVOICE_PAGES; page++) {
        const rows = await this.deps
          .client()
          .findInvoices(token, { dateStart: days.dateFrom, dateEnd: days.dateTo, page });
        all.push(...rows);
        if (rows.length === 0 || rows.length < longest) return all;
        longest = Math.max(longest, rows.length);
      }
    } catch {
      // Unreadable, or Helcim did not answer: the report says the invoices could not be compared.
    }
    return null;
  }
}
