/**
 * A sale and its tenders. A sale has a total and is paid by one or more tenders — a card on the
 * terminal, a keyed card (HelcimPay.js), cash — each an attempt in the journal that names the sale.
 * What is paid and what is still due are always computed from those attempts, never kept as a
 * running figure that could drift from them: an approval lower than asked (a partial approval), a
 * decline, a tender still being checked with Helcim — each counts exactly as the journal says.
 *
 * A sale abandoned half paid never just disappears: its card parts are voided (refunded if their
 * batch has closed), its cash parts handed back from the drawer, behind one manager's approval bound
 * to the sale and to what goes back; every part is journaled. A sale with nothing paid is simply
 * discarded.
 */
import { randomUUID } from 'node:crypto';
import type {
  Currency,
  SaleCustomer,
  SaleDiscount,
  SaleLine,
  SaleTax,
  SaleView,
  TenderLine,
  Mode,
} from '../../common/contract';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { Attempt, Journal } from '../journal/journal';
import type { TokenSlot } from '../policy/table';
import type { Session } from '../session';
import type { Approval } from '../policy/approvals';
import type { ReturnsService } from './returns';
import { amount, type Locale, type MessageKey, type MessageValues } from '../../common/i18n';
import { say } from '../language';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sales (
  number INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  total_cents INTEGER NOT NULL CHECK (total_cents > 0),
  currency TEXT NOT NULL CHECK (currency IN ('CAD','USD')),
  mode TEXT NOT NULL CHECK (mode IN ('training','live')),
  state TEXT NOT NULL CHECK (state IN ('open','paid','abandoned')),
  approver_id TEXT,
  language TEXT NOT NULL DEFAULT 'en-CA' CHECK (language IN ('en-CA','fr-CA'))
);
CREATE INDEX IF NOT EXISTS sales_open ON sales (state) WHERE state = 'open';`;

type SaleRow = {
  number: number;
  id: string;
  created_at: string;
  updated_at: string;
  staff_id: string;
  total_cents: number;
  currency: Currency;
  mode: Mode;
  state: SaleView['state'];
  language: Locale;
};

const unresolved = (a: Attempt) => a.state === 'pending' || a.state === 'unknown';

export type SalesDeps = {
  db: Db;
  journal: Journal;
  now: () => number;
  mode: () => Mode;
  audit: (actor: string, action: string, detail: string) => void;
  returns: Pick<ReturnsService, 'giveBack'>;
  /** The token a void may use for this session (the same rule as `reverse.submit`), or why not. */
  voidToken: (session: Session) => { slot: TokenSlot } | { refused: { key: MessageKey; values?: MessageValues } };
  /** What the open drawer should hold now (null: no drawer open), so cash is never handed back beyond it. */
  cashInDrawer: () => number | null;
  /** The shop's language: a sale's customer language unless chosen. */
  shopLanguage: () => Locale;
  /** Opens the drawer through the receipt printer for cash handed back. */
  openDrawer: (why: { attemptId: string; for: 'cash back' }) => Promise<unknown>;
  /** The sale's cart lines (none for a typed total). */
  linesOf: (saleId: string) => SaleLine[];
  /** A cash part's rounding to 5¢ (payments/rounding.ts; 0: none). */
  roundingOf?: (attemptId: string) => number;
  /** The sale's taxes, as its receipt lists them (none for a typed total), and its lines' total. */
  taxesOf: (saleId: string) => SaleTax[];
  subtotalOf: (saleId: string) => number;
  /** The sale's own discount (null: none); a line's is on the line. */
  saleDiscountOf: (saleId: string) => SaleDiscount | null;
  /** The customer attached to the sale (main/customers; null: none). */
  customerOf?: (saleId: string) => SaleCustomer | null;
};

/**
 * The sale a tender is for; `create` writes it when it is new (run inside the tender's journal
 * transaction); `dueCents`: what is still due on it (a new sale: this tender's amount).
 */
/** What a tender that opens its sale says of it: the total (a first part may pay less) and the customer's language. */
export type NewSale = { totalCents: number; language?: Locale };

export type SaleForTender = {
  saleId: string;
  create?: () => void;
  dueCents: number;
  /** The sale's Helcim invoice this card part pays against (main/invoices); none: a payment alone. */
  invoiceNumber?: string;
  /** The sale's customer (main/customers); none: Helcim makes one for the payment, as its docs say. */
  customerCode?: string;
};

export class SalesService {
  constructor(private readonly deps: SalesDeps) {
    deps.db.exec(SCHEMA);
    // Sales written before languages came: the column is added (ALTER TABLE keeps its CHECK).
    const columns = (deps.db.prepare("SELECT name FROM pragma_table_info('sales')").all() as { name: string }[]).map(
      (c) => c.name,
    );
    if (!columns.includes('language'))
      deps.db.exec(
        "ALTER TABLE sales ADD COLUMN language TEXT NOT NULL DEFAULT 'en-CA' CHECK (language IN ('en-CA','fr-CA'))",
      );
  }

  private row(where: 'id' | 'number', value: string | number): SaleRow | null {
    return (this.deps.db.prepare(`SELECT * FROM sales WHERE ${where} = ?`).get(value) as SaleRow | undefined) ?? null;
  }

  private must(where: 'id' | 'number', value: string | number): SaleRow {
    const r = this.row(where, value);
    if (!r) throw new PosError('invalid_payload', 'error.sale.noSuch');
    return r;
  }

  /** Opens a sale of this total, in the customer's language (the shop's unless chosen); tenders are then taken against it until nothing is due. */
  open(totalCents: number, currency: Currency, session: Session, language?: Locale): SaleView {
    const id = randomUUID();
    this.insert(id, totalCents, currency, session, language);
    return this.view(id);
  }

  private insert(id: string, totalCents: number, currency: Currency, session: Session, language?: Locale): void {
    const now = new Date(this.deps.now()).toISOString();
    this.deps.db
      .prepare(
        `INSERT INTO sales (id, created_at, updated_at, staff_id, total_cents, currency, mode, state, language) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
      )
      .run(id, now, now, session.staffId, totalCents, currency, this.deps.mode(), language ?? this.deps.shopLanguage());
  }

  /**
   * A new total for a sale whose cart changed: only while it is open and no tender has been taken
   * (not even one that was declined: the journal names the sale, and its total is what was asked).
   */
  /** A cart's sale, changed before its first tender: its total, and the customer's language if told. */
  retotal(saleId: string, totalCents: number, currency: Currency, language?: Locale): void {
    const s = this.must('id', saleId);
    if (s.state !== 'open') throw new PosError('invalid_payload', 'error.sale.closed', { state: s.state });
    if (s.currency !== currency) throw new PosError('invalid_payload', 'error.sale.currency', { currency: s.currency });
    if (this.deps.journal.bySale(saleId).length > 0) throw new PosError('invalid_payload', 'error.cart.tendersTaken');
    this.deps.db
      .prepare('UPDATE sales SET total_cents = ?, language = coalesce(?, language), updated_at = ? WHERE id = ?')
      .run(totalCents, language ?? null, new Date(this.deps.now()).toISOString(), saleId);
  }

  /**
   * The sale a new tender is for, checked before anything is journaled or sent: it must be open, in
   * the same currency, with no tender still being checked, and the tender no more than is due.
   * Without a sale, the tender is a sale of its own for its amount (a sale paid by one tender).
   */
  tenderFor(
    saleId: string | undefined,
    amountCents: number,
    currency: Currency,
    session: Session,
    newSale?: NewSale,
  ): SaleForTender {
    if (saleId === undefined) {
      // A sale opened by its first tender: written with the tender's own journal row, in its transaction
      // (one fsync, and no empty sale left behind when the tender is refused before it is journaled).
      // Its total is the one the screen typed (a part may pay less), else this tender's amount.
      const totalCents = newSale?.totalCents ?? amountCents;
      if (amountCents > totalCents)
        throw new PosError('invalid_payload', 'error.sale.moreThanDue', {
          due: amount(totalCents, currency),
          amount: amount(amountCents, currency),
        });
      const id = randomUUID();
      return {
        saleId: id,
        create: () => this.insert(id, totalCents, currency, session, newSale?.language),
        dueCents: totalCents,
      };
    }
    const v = this.view(this.must('id', saleId).id);
    if (v.state !== 'open') throw new PosError('invalid_payload', 'error.sale.closed', { state: v.state });
    if (v.currency !== currency) throw new PosError('invalid_payload', 'error.sale.currency', { currency: v.currency });
    if (v.checkingCents > 0)
      throw new PosError('helcim_unknown_outcome', 'error.sale.checking', {
        amount: amount(v.checkingCents, v.currency),
      });
    if (amountCents > v.dueCents)
      throw new PosError('invalid_payload', 'error.sale.moreThanDue', {
        due: amount(v.dueCents, v.currency),
        amount: amount(amountCents, v.currency),
      });
    return { saleId: v.saleId, dueCents: v.dueCents };
  }

  /** Whether a sale of this id was written (a tender that opened one may have been refused before it was). */
  exists(saleId: string): boolean {
    return this.row('id', saleId) !== null;
  }

  /** Where a sale stands, computed from its tenders in the journal (and recorded once it is paid). */
  view(saleId: string): SaleView {
    const s = this.must('id', saleId);
    const parts = this.deps.journal.bySale(s.id);
    // Cash handed back for the sale (a manager's refund, an abandon) is written approved at once: no call can fail.
    const cashBack = parts
      .filter((a) => a.kind === 'refund' && a.tender === 'cash')
      .reduce((n, a) => n + a.amountCents, 0);
    const tenders: TenderLine[] = parts
      .filter((a) => a.kind === 'purchase')
      .map((a) => ({
        attemptId: a.id,
        tender: a.tender,
        state: a.state,
        amountCents: a.amountCents - a.tipCents,
        tipCents: a.tipCents,
        ...(a.tenderedCents !== null ? { tenderedCents: a.tenderedCents } : {}),
        ...(a.tender === 'cash' && this.deps.roundingOf?.(a.id) ? { roundingCents: this.deps.roundingOf(a.id) } : {}),
        ...(a.cardType ? { cardType: a.cardType } : {}),
        ...(a.cardLast4 ? { cardLast4: a.cardLast4 } : {}),
        returned: this.givenBack(a),
      }));
    const approved = tenders.filter((t) => t.state === 'approved');
    const paidCents = approved.reduce((n, t) => n + t.amountCents, 0);
    const checkingCents = tenders
      .filter((t) => t.state === 'pending' || t.state === 'unknown')
      .reduce((n, t) => n + t.amountCents, 0);
    const cashPaid = approved.filter((t) => t.tender === 'cash').reduce((n, t) => n + t.amountCents, 0);
    const cardBack = approved
      .filter((t) => t.tender === 'card' && !t.returned)
      .reduce((n, t) => n + t.amountCents + t.tipCents, 0);
    let state = s.state;
    if (state === 'open' && paidCents >= s.total_cents && checkingCents === 0) {
      state = 'paid';
      this.deps.db
        .prepare(`UPDATE sales SET state = 'paid', updated_at = ? WHERE id = ? AND state = 'open'`)
        .run(new Date(this.deps.now()).toISOString(), s.id);
    }
    const dueCents = state === 'open' ? Math.max(0, s.total_cents - paidCents) : 0;
    const lines = this.deps.linesOf(s.id);
    const view: Omit<SaleView, 'message'> = {
      saleId: s.id,
      language: s.language,
      number: s.number,
      totalCents: s.total_cents,
      paidCents,
      dueCents,
      checkingCents,
      backCents: state === 'open' ? cardBack + Math.max(0, cashPaid - cashBack) : 0,
      cashRefundableCents: Math.max(0, cashPaid - cashBack),
      currency: s.currency,
      state,
      tenders,
      lines,
      taxes: this.deps.taxesOf(s.id),
      subtotalCents: this.deps.subtotalOf(s.id),
      discount: this.deps.saleDiscountOf(s.id),
      discountsCents: lines.reduce((n, l) => n + l.discountCents, 0),
      customer: (() => {
        const c = this.deps.customerOf?.(s.id);
        return c ? { customerCode: c.customerCode, name: c.name } : null;
      })(),
    };
    return { ...view, message: saleWords(view) };
  }

  /** A card part voided or refunded, approved (cash parts have no Helcim transaction: never). */
  private givenBack(a: Attempt): boolean {
    // Stryker disable next-line ConditionalExpression: equivalent — no return is journaled against no transaction (SQL's = NULL matches nothing).
    return a.helcimTransactionId !== null && this.returns(a.helcimTransactionId).some((r) => r.state === 'approved');
  }

  /** Voids and refunds of a card payment that moved money or may have (approved, pending, unknown). */
  private returns(helcimTransactionId: string): Attempt[] {
    return this.deps.journal.returnsAgainst(helcimTransactionId);
  }

  /** A sale with nothing paid and nothing being checked: closed with no money to give back. */
  discard(saleId: string, session: Session): SaleView {
    const v = this.view(saleId);
    if (v.state !== 'open') return v;
    if (v.paidCents > 0 || v.checkingCents > 0)
      throw new PosError('invalid_payload', 'error.sale.cannotDrop', {
        amount: amount(v.paidCents + v.checkingCents, v.currency),
      });
    this.close(saleId, null);
    this.deps.audit(session.staffId, 'sale.discarded', `sale ${v.number} ${v.totalCents}, nothing paid`);
    return this.view(saleId);
  }

  /**
   * Abandons a half-paid sale behind the manager's approval the router has consumed (bound to the
   * sale's number and to what goes back): each card part voided or refunded through Helcim, each cash
   * part handed back from the drawer, every one journaled. A part that fails stops the abandon with
   * the sale still open; asking again skips the parts already given back.
   */
  async abandon(saleNumber: string, session: Session, approval: Approval): Promise<SaleView> {
    const s = this.must('number', Number(saleNumber));
    const v = this.view(s.id);
    if (v.state !== 'open') throw new PosError('invalid_payload', 'error.sale.cannotAbandon', { state: v.state });
    if (v.checkingCents > 0) throw new PosError('helcim_unknown_outcome', 'error.sale.checkingAbandon');
    if (approval.amountCents !== v.backCents) throw new PosError('forbidden', 'error.approval.otherAmountSale');
    // The sale's approved card payments (cash has no Helcim transaction).
    const cardParts = this.deps.journal
      .bySale(s.id)
      .filter((a) => a.kind === 'purchase' && a.state === 'approved' && a.helcimTransactionId);
    // A void whose answer was lost may have gone through: nothing more until Helcim says (never twice).
    if (cardParts.some((a) => this.returns(a.helcimTransactionId!).some(unresolved)))
      throw new PosError('helcim_unknown_outcome', 'error.sale.voidChecking');
    // Any return left against a part is approved (one still being checked stopped the abandon above).
    const toReturn = cardParts.filter((a) => this.returns(a.helcimTransactionId!).length === 0);
    const cashOwed = v.cashRefundableCents;
    if (cashOwed > 0) {
      const inDrawer = this.deps.cashInDrawer();
      if (inDrawer !== null && cashOwed > inDrawer)
        throw new PosError('invalid_payload', 'error.drawer.cannotHandBack', {
          inDrawer: amount(inDrawer, v.currency),
          amount: amount(cashOwed, v.currency),
        });
    }
    if (toReturn.length > 0) {
      const token = this.deps.voidToken(session);
      if ('refused' in token) throw new PosError('token_missing', token.refused.key, token.refused.values);
      for (const part of toReturn) {
        const r = await this.deps.returns.giveBack(part.helcimTransactionId!, session, approval.managerId, token.slot);
        if (r.outcome !== 'approved')
          throw new PosError('helcim_declined', 'error.sale.partNotBack', {
            amount: amount(part.amountCents, v.currency),
            why: r.message,
          });
      }
    }
    const cashBack = randomUUID();
    if (cashOwed > 0)
      this.deps.journal.recordCashRefund({
        id: cashBack,
        amountCents: cashOwed,
        currency: v.currency,
        staffId: session.staffId,
        approverId: approval.managerId,
        saleId: s.id,
        mode: this.deps.mode(),
        why: `sale ${s.number} abandoned`,
      });
    this.close(s.id, approval.managerId);
    if (cashOwed > 0) await this.deps.openDrawer({ attemptId: cashBack, for: 'cash back' });
    this.deps.audit(
      session.staffId,
      'sale.abandoned',
      `sale ${s.number}: ${v.backCents} given back (${toReturn.length} card, ${cashOwed} cash) approved by ${approval.managerId}`,
    );
    return this.view(s.id);
  }

  private close(saleId: string, approverId: string | null): void {
    this.deps.db
      .prepare(`UPDATE sales SET state = 'abandoned', approver_id = ?, updated_at = ? WHERE id = ? AND state = 'open'`)
      .run(approverId, new Date(this.deps.now()).toISOString(), saleId);
  }

  private openSales(): SaleView[] {
    const open = this.deps.db.prepare(`SELECT id FROM sales WHERE state = 'open' ORDER BY number`).all() as {
      id: string;
    }[];
    return open.map(({ id }) => this.view(id)).filter((v) => v.state === 'open');
  }

  /** Open sales with money taken or being checked: the counter shows them until they are finished or abandoned. */
  /** Sales still open on this counter (a cart being rung up, or paid in part): an update waits for them. */
  openCount(): number {
    return (this.deps.db.prepare("SELECT COUNT(*) AS n FROM sales WHERE state = 'open'").get() as { n: number }).n;
  }

  halfPaid(): SaleView[] {
    return this.openSales().filter((v) => v.paidCents > 0 || v.checkingCents > 0);
  }

  /** The latest sale on this counter, for the customer display (null: none yet). */
  latest(): { sale: SaleView; updatedAt: string; staffId: string } | null {
    const r = this.deps.db.prepare('SELECT id FROM sales ORDER BY number DESC LIMIT 1').get() as
      { id: string } | undefined;
    if (!r) return null;
    const sale = this.view(r.id); // first: it records a sale that has just been paid
    const row = this.must('id', r.id);
    return { sale, updatedAt: row.updated_at, staffId: row.staff_id };
  }

  /** The sale with this number, for a cash refund (its cash parts, less what went back already). */
  byNumber(saleNumber: string): SaleView {
    return this.view(this.must('number', Number(saleNumber)).id);
  }

  /**
   * Before a Z report: sales still open with money taken (or being checked) stop it; open sales with
   * nothing taken are discarded, as the cashier walked away from them.
   */
  settleBeforeZ(closedBy: string): void {
    for (const v of this.openSales())
      if (v.paidCents === 0 && v.checkingCents === 0) {
        this.close(v.saleId, null);
        this.deps.audit(closedBy, 'sale.discarded', `sale ${v.number} ${v.totalCents}, nothing paid (end of day)`);
      }
    const halfPaid = this.halfPaid();
    if (halfPaid.length > 0) {
      const s = halfPaid[0]!;
      if (s.paidCents === 0)
        throw new PosError('invalid_payload', 'error.sale.zCardOpen', {
          number: s.number,
          amount: amount(s.checkingCents, s.currency),
        });
      throw new PosError('invalid_payload', 'error.sale.zHalfPaid', {
        number: s.number,
        paid: amount(s.paidCents, s.currency),
        total: amount(s.totalCents, s.currency),
        more: halfPaid.length - 1,
      });
    }
  }
}

/** Where the sale stands, in the cashier's words. */
function saleWords(v: Omit<SaleView, 'message'>): string {
  if (v.state === 'paid') return say('sale.words.paid');
  if (v.state === 'abandoned') return say(v.paidCents > 0 ? 'sale.words.abandonedBack' : 'sale.words.abandonedNothing');
  if (v.checkingCents > 0) return say('sale.words.checking', { amount: amount(v.checkingCents, v.currency) });
  if (v.paidCents === 0) return say('sale.words.due', { due: amount(v.dueCents, v.currency) });
  return say('sale.words.part', { paid: amount(v.paidCents, v.currency), due: amount(v.dueCents, v.currency) });
}
