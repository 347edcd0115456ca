/**
 * History, receipts and end-of-day. History and reports merge our journal with Helcim's
 * transaction list (by Helcim transaction id); receipts come from the journal alone and show no
 * more of a card than its brand and last four digits. An X report runs from the last Z to now;
 * a Z report closes that period for good (stored, numbered).
 */
import type { Currency, DayReport, HistoryRow, Receipt, ReportLine, SaleView, TenderLine } from '../../common/contract';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { CardTransaction, HelcimClient } from '../helcim/client';
import { SIGN, type Attempt, type Journal } from '../journal/journal';
import { helcimAmountToCentsOrNull } from '../money';
import { brandName, isApproved, lastFourOf } from '../../common/cards';
import { localDay, localDayBounds } from '../../common/days';
import type { TokenSlot } from '../policy/table';
import type { Locale } from '../../common/i18n';
import type { StaffStore } from '../staff/store';
import { say } from '../language';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS z_reports (
  number INTEGER PRIMARY KEY AUTOINCREMENT,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  data TEXT NOT NULL
);`;

/**
 * How far apart Helcim's clock and the counter's may be, for reconciliation: 5 minutes (a PC whose
 * clock drifts further than that shows its payments as differences, which is then right to say).
 */
export const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

/**
 * An invoice of another counter of the shop: its prefix is one of the shop's counters' (as the shop
 * database lists them), not this one's. A counter in no shop has no other counters: a `C####-`
 * invoice it did not make is a real difference, whatever its prefix looks like.
 */
export function isOtherCounter(
  invoice: string | undefined,
  mine: string | undefined,
  shopPrefixes: ReadonlySet<string> | null = null,
): boolean {
  // A counter's prefix has four hex digits (counters made first) or eight (main/invoices/prefix.ts).
  // Stryker disable next-line StringLiteral: equivalent — no invoice and any text without a counter's prefix match alike.
  const m = /^(C[0-9A-F]{4}(?:[0-9A-F]{4})?)-/.exec(invoice ?? '');
  return !!m && m[1] !== mine && !!shopPrefixes?.has(m[1]!);
}

/** A cash sale's number and what is left to hand back (the sale's own rule: SalesService.view). */
const cashRefundOf = (s: SaleView) => ({ saleNumber: s.number, cashRefundableCents: s.cashRefundableCents });

export type ReportsDeps = {
  /** The invoice prefixes of the shop's counters (from the shop database), or null for a counter alone. */
  shopPrefixes?: () => ReadonlySet<string> | null;
  db: Db;
  journal: Journal;
  staff: StaffStore;
  client: () => HelcimClient;
  token: (slot: TokenSlot) => Promise<string>;
  shopName: () => string;
  currency: Currency;
  now?: () => number;
  /** The cash drawer's line for X/Z reports, and the rule that a Z needs it closed. */
  drawerLine?: () => DayReport['drawer'];
  assertDrawerClosed?: () => void;
  shopAddress?: () => string;
  /** A cash attempt's rounding to 5¢ (payments/rounding.ts; 0: none), and a period's, signed. */
  roundingOf?: (attemptId: string) => number;
  roundingBetween?: (from: string, to: string) => { count: number; cents: number };
  /** Discounts given on the sales paid in a period, by reason (with its names) and by cashier. */
  discountsBetween?: (from: string, to: string) => { byReason: ReportLine[]; byCashier: ReportLine[] };
  /** Sales tax collected (sales paid) and given back (returns) in a period, per tax and rate. */
  taxesBetween?: (from: string, to: string) => { collected: ReportLine[]; refunded: ReportLine[] };
  /** The shop's legal name and tax registration numbers, for a receipt that shows tax. */
  taxNumbers?: () => NonNullable<Receipt['taxNumbers']>;
  /** The shop's language: receipts of payments that belong to no sale are printed in it. */
  shopLanguage?: () => Locale;
  /** This counter's invoice prefix (`C1A2B`), to tell another counter's sales in Helcim's list. */
  invoicePrefix?: string;
  /** A sale's tenders, for the receipt of one of them. */
  saleOf?: (saleId: string) => SaleView;
  /** The sale's Helcim invoice, if one was made (main/invoices). */
  invoiceOf?: (saleId: string) => { invoiceNumber: string; grouped: boolean } | null;
  /** The period's sales whose invoice Helcim does not hold as sent (main/invoices); null: Helcim's invoices unread. */
  invoiceDifferences?: (
    from: string,
    to: string,
  ) => Promise<{ saleId: string; invoiceNumber: string; what: string }[] | null>;
  /** Refuses a Z while a sale is half paid (and discards open sales with nothing taken). */
  settleSales?: (closedBy: string) => void;
};

export class Reports {
  private readonly now: () => number;

  constructor(private readonly deps: ReportsDeps) {
    deps.db.exec(SCHEMA);
    this.now = deps.now ?? Date.now;
  }

  // ---- history -------------------------------------------------------------------------------

  async history(f: { date?: string; amountCents?: number; last4?: string }, slot: TokenSlot): Promise<HistoryRow[]> {
    const date = f.date ?? localDay(new Date(this.now()));
    const day = localDayBounds(date);
    const attempts = this.deps.journal.search({
      from: day.from.toISOString(),
      to: day.to.toISOString(),
      amountCents: f.amountCents,
      limit: 1000,
    });
    // Stryker disable next-line ArrayDeclaration: equivalent — only read when the list failed, and a non-row there is skipped like no row.
    let helcim: CardTransaction[] = [];
    try {
      helcim = await this.deps.client().listCardTransactions(await this.deps.token(slot), { between: day });
    } catch {
      // History still shows the journal when Helcim is unreachable; rows are marked as journal-only.
    }
    const names = this.staffNames();
    const byTx = new Map(helcim.map((t) => [t.transactionId, t]));
    const rows: HistoryRow[] = attempts.map((a) => {
      const h = a.helcimTransactionId ? byTx.get(a.helcimTransactionId) : undefined;
      if (h) byTx.delete(h.transactionId);
      return {
        attemptId: a.id,
        transactionId: a.helcimTransactionId ?? undefined,
        time: a.createdAt,
        kind: a.kind,
        state: a.state,
        amountCents: a.amountCents,
        currency: a.currency,
        cardType: a.cardType ?? h?.cardType,
        cardLast4: a.cardLast4 ?? lastFourOf(h?.cardNumber),
        staffName: names.get(a.staffId),
        approverName: a.approverId ? names.get(a.approverId) : undefined,
        source: h ? 'both' : 'journal',
        training: a.mode === 'training',
        tender: a.tender,
        ...(a.tender === 'cash' && a.kind === 'purchase' && a.saleId && this.deps.saleOf
          ? cashRefundOf(this.deps.saleOf(a.saleId))
          : {}),
      };
    });
    for (const h of byTx.values()) {
      const amountCents = helcimAmountToCentsOrNull(h.amount);
      if (amountCents === null) continue;
      rows.push({
        transactionId: h.transactionId,
        time: h.createdAt ?? h.dateCreated,
        kind: h.type.toLowerCase(),
        state: h.status.toLowerCase(),
        amountCents,
        // Stryker disable next-line LogicalOperator: equivalent — Helcim's rows always carry a currency (the client's schema requires one).
        currency: (h.currency as Currency) ?? this.deps.currency,
        cardType: h.cardType,
        cardLast4: lastFourOf(h.cardNumber),
        source: 'helcim',
        training: false,
      });
    }
    return rows
      .filter((r) => f.amountCents === undefined || r.amountCents === f.amountCents)
      .filter((r) => f.last4 === undefined || r.cardLast4 === f.last4)
      .sort((a, b) => b.time.localeCompare(a.time));
  }

  // ---- receipts ------------------------------------------------------------------------------

  receipt(attemptId: string): Receipt {
    const a = this.deps.journal.get(attemptId);
    if (!a || a.state !== 'approved') throw new PosError('invalid_payload', 'error.report.receiptApprovedOnly');
    const names = this.staffNames();
    return {
      attemptId: a.id,
      shop: this.deps.shopName(),
      locale:
        a.saleId && this.deps.saleOf ? this.deps.saleOf(a.saleId).language : (this.deps.shopLanguage?.() ?? 'en-CA'),
      shopAddress: this.deps.shopAddress?.() ?? '',
      kind: a.kind,
      amountCents: a.amountCents,
      currency: a.currency,
      time: a.updatedAt,
      cardType: a.cardType ?? undefined,
      cardLast4: a.cardLast4 ?? undefined,
      approvalCode: a.approvalCode ?? undefined,
      ...(a.tipCents > 0 ? { tipCents: a.tipCents } : {}),
      ...this.cashOf(a),
      ...this.splitOf(a),
      ...this.linesOf(a),
      ...this.invoiceFor(a),
      transactionId: a.helcimTransactionId ?? undefined,
      originalTransactionId: a.originalTransactionId ?? undefined,
      cashier: names.get(a.staffId) ?? 'Staff',
      approver: a.approverId ? names.get(a.approverId) : undefined,
      training: a.mode === 'training',
    };
  }

  /** Cash: what was handed over, the change, and the rounding to 5¢ (the drawer took amount + rounding). */
  private cashOf(a: Attempt): Pick<Receipt, 'cash'> {
    const roundingCents = a.tender === 'cash' ? (this.deps.roundingOf?.(a.id) ?? 0) : 0;
    if (a.tender === 'cash' && a.tenderedCents !== null)
      return {
        cash: {
          tenderedCents: a.tenderedCents,
          changeCents: a.tenderedCents - a.amountCents - roundingCents,
          ...(roundingCents ? { roundingCents } : {}),
        },
      };
    return roundingCents ? { cash: { tenderedCents: 0, changeCents: 0, roundingCents } } : {};
  }

  /** What the sale sold, line by line, and its taxes, on the receipt of a payment of a cart's sale. */
  private linesOf(
    a: Attempt,
  ): Pick<Receipt, 'lines' | 'taxes' | 'subtotalCents' | 'taxNumbers' | 'discount' | 'discountsCents'> {
    if (!a.saleId || a.kind !== 'purchase' || !this.deps.saleOf) return {};
    const { lines, taxes, subtotalCents, discount, discountsCents } = this.deps.saleOf(a.saleId);
    return {
      ...(lines.length > 0 ? { lines } : {}),
      ...(discountsCents > 0 ? { discount, discountsCents, subtotalCents } : {}),
      ...(taxes.length > 0
        ? {
            taxes,
            subtotalCents,
            taxNumbers: this.deps.taxNumbers?.() ?? { legalName: null, gstHst: null, qst: null },
          }
        : {}),
    };
  }

  /** A card part paid against the sale's Helcim invoice: its number (and whether Helcim has it by department). */
  private invoiceFor(a: Attempt): Pick<Receipt, 'invoice'> {
    if (!a.saleId || a.kind !== 'purchase' || a.tender !== 'card' || !this.deps.invoiceOf) return {};
    const inv = this.deps.invoiceOf(a.saleId);
    return inv && inv.invoiceNumber === a.reference
      ? { invoice: { number: inv.invoiceNumber, grouped: inv.grouped } }
      : {};
  }

  /** The sale's tenders, when this payment is one of several that paid it. */
  private splitOf(a: Attempt): Pick<Receipt, 'sale'> {
    if (!a.saleId || a.kind !== 'purchase' || !this.deps.saleOf) return {};
    const s = this.deps.saleOf(a.saleId);
    const paid = s.tenders.filter((t) => t.state === 'approved');
    if (paid.length < 2) return {};
    const label = (t: TenderLine) =>
      t.tender === 'cash' ? 'Cash' : `${brandName(t.cardType)}${t.cardLast4 ? ` •••• ${t.cardLast4}` : ''}`;
    return {
      sale: {
        number: s.number,
        totalCents: s.totalCents,
        tenders: paid.map((t) => ({
          label: label(t),
          tender: t.tender,
          ...(t.cardType ? { cardType: t.cardType } : {}),
          ...(t.cardLast4 ? { cardLast4: t.cardLast4 } : {}),
          amountCents: t.amountCents,
          ...(t.tipCents > 0 ? { tipCents: t.tipCents } : {}),
        })),
      },
    };
  }

  // ---- end of day ----------------------------------------------------------------------------

  async x(slot: TokenSlot | null): Promise<DayReport> {
    const last = this.deps.db.prepare('SELECT period_to FROM z_reports ORDER BY number DESC LIMIT 1').get() as
      { period_to: string } | undefined;
    const from = last?.period_to ?? this.deps.journal.earliest() ?? new Date(this.now()).toISOString();
    return this.build('x', null, from, new Date(this.now()).toISOString(), slot);
  }

  /**
   * Closes the period: one Z per period, enforced here and not only by the button. Requests that
   * overlap run one after the other; the second finds the period already closed.
   */
  z(closedBy: string, slot: TokenSlot | null): Promise<DayReport> {
    const run = this.closing.catch(() => undefined).then(() => this.closePeriod(closedBy, slot));
    this.closing = run;
    return run;
  }

  private closing: Promise<unknown> = Promise.resolve();

  private async closePeriod(closedBy: string, slot: TokenSlot | null): Promise<DayReport> {
    // A half-paid sale first (abandoning it may hand cash back from the drawer), then the drawer.
    this.deps.settleSales?.(closedBy);
    this.deps.assertDrawerClosed?.();
    const x = await this.x(slot);
    if (this.deps.journal.countBetween(x.from, x.to) === 0)
      throw new PosError('invalid_payload', 'error.report.nothingToClose');
    return this.deps.db.transaction(() => {
      // Still the same open period? (Another counter window may have closed it meanwhile.)
      const last = this.deps.db
        .prepare('SELECT number, period_to FROM z_reports ORDER BY number DESC LIMIT 1')
        .get() as { number: number; period_to: string } | undefined;
      if (last && last.period_to > x.from)
        throw new PosError('invalid_payload', 'error.report.alreadyClosed', { number: last.number });
      const info = this.deps.db
        .prepare('INSERT INTO z_reports (period_from, period_to, closed_by, data) VALUES (?, ?, ?, ?)')
        // Stryker disable next-line StringLiteral: equivalent — a placeholder, replaced just below in the same transaction.
        .run(x.from, x.to, closedBy, '{}');
      const z: DayReport = { ...x, kind: 'z', number: Number(info.lastInsertRowid) };
      this.deps.db.prepare('UPDATE z_reports SET data = ? WHERE number = ?').run(JSON.stringify(z), z.number);
      return z;
    })();
  }

  stored(number: number): DayReport {
    const r = this.deps.db.prepare('SELECT data FROM z_reports WHERE number = ?').get(number) as
      { data: string } | undefined;
    if (!r) throw new PosError('invalid_payload', 'error.report.noSuchZ', { number });
    const stored = JSON.parse(r.data) as DayReport;
    // Z reports closed before tips were reported have no tips line: they had none.
    return {
      ...stored,
      // Stryker disable next-line StringLiteral: equivalent — the tips line's key is never shown (its label is the group's).
      tips: stored.tips ?? { key: 'tips', count: 0, cents: 0 },
      byTender: stored.byTender ?? [],
      // Z reports closed before tax was reported: the shop charged none then.
      taxCollected: stored.taxCollected ?? [],
      taxRefunded: stored.taxRefunded ?? [],
      // Z reports closed before discounts: none were given then.
      discountsByReason: stored.discountsByReason ?? [],
      discountsByCashier: stored.discountsByCashier ?? [],
      byTenderCashier: stored.byTenderCashier ?? [],
      drawer: stored.drawer ?? null,
      reconciliation: {
        ...stored.reconciliation,
        otherCounters: stored.reconciliation.otherCounters ?? [],
        refundsToOtherCard: stored.reconciliation.refundsToOtherCard ?? [],
        invoices: stored.reconciliation.invoices ?? [],
      },
    };
  }

  /** Totals straight from the journal (indexed by time), then checked against Helcim's list. */
  private async build(
    kind: 'x' | 'z',
    number: number | null,
    from: string,
    to: string,
    slot: TokenSlot | null,
  ): Promise<DayReport> {
    const groups = this.deps.journal.totals(from, to);
    const names = this.staffNames();
    type Group = (typeof groups)[number];
    /** Lines by a key; `signed`: money in minus money back, over the kinds that move money only. */
    const sum = (key: (g: Group) => string, signed = false): ReportLine[] => {
      const m = new Map<string, ReportLine>();
      for (const g of groups) {
        if (signed && SIGN[g.kind] === 0) continue;
        const k = key(g);
        const line = m.get(k) ?? { key: k, count: 0, cents: 0 };
        line.count += g.count;
        line.cents += signed ? SIGN[g.kind] * g.cents : g.cents;
        m.set(k, line);
      }
      return [...m.values()].sort((a, b) => a.key.localeCompare(b.key));
    };
    const tenderOf = (g: Group) => (g.tender === 'cash' ? 'cash' : 'card');
    const netCents = groups.reduce((n, g) => n + SIGN[g.kind] * g.cents, 0);
    return {
      kind,
      number,
      from,
      to,
      generatedAt: new Date(this.now()).toISOString(),
      currency: this.deps.currency,
      byType: sum((g) => g.kind),
      // Money in minus money back, as the net: a hold, its release or a refund never adds to a cashier or a brand.
      byCashier: sum((g) => names.get(g.staffId) ?? g.staffId, true),
      byBrand: sum((g) => (g.tender === 'cash' ? 'Cash' : brandName(g.cardType, 'Unknown')), true),
      byTender: sum(tenderOf, true),
      byTenderCashier: sum((g) => `${tenderOf(g)} · ${names.get(g.staffId) ?? g.staffId}`, true),
      netCents,
      tips: { key: 'tips', ...this.deps.journal.tips(from, to) },
      ...(() => {
        const tax = this.deps.taxesBetween?.(from, to) ?? { collected: [], refunded: [] };
        return { taxCollected: tax.collected, taxRefunded: tax.refunded };
      })(),
      rounding: { key: 'rounding', ...(this.deps.roundingBetween?.(from, to) ?? { count: 0, cents: 0 }) },
      ...(() => {
        const d = this.deps.discountsBetween?.(from, to) ?? { byReason: [], byCashier: [] };
        return { discountsByReason: d.byReason, discountsByCashier: d.byCashier };
      })(),
      drawer: this.deps.drawerLine?.() ?? null,
      reconciliation: {
        ...(await this.reconcile(from, to, slot, await this.invoiceLines(from, to))),
        refundsToOtherCard: this.deps.journal
          .flagged(from, to)
          // Stryker disable next-line ConditionalExpression: equivalent while refund_other_card is the only flag (the journal's CHECK allows no other).
          .filter((a) => a.flag === 'refund_other_card')
          .map((a) => a.helcimTransactionId ?? a.id),
      },
    };
  }

  /** The period's invoice differences, in the reader's words (one line each). */
  private async invoiceLines(from: string, to: string): Promise<string[]> {
    const found = await this.deps.invoiceDifferences?.(from, to);
    if (found === undefined) return [];
    if (found === null) return [say('report.recon.invoicesUnread')];
    return found.map((d) =>
      say('report.recon.invoice', {
        number: this.deps.saleOf?.(d.saleId).number ?? '?',
        invoice: d.invoiceNumber,
        what: d.what,
      }),
    );
  }

  private async reconcile(
    from: string,
    to: string,
    slot: TokenSlot | null,
    invoices: string[],
  ): Promise<Omit<DayReport['reconciliation'], 'refundsToOtherCard'>> {
    const empty = {
      checked: false,
      matched: 0,
      missingAtHelcim: [],
      notInJournal: [],
      otherCounters: [],
      amountMismatch: [],
      invoices,
    };
    if (!slot) return { ...empty, message: say('report.recon.noToken') };
    const ours = this.deps.journal
      .search({ from, to, state: 'approved', limit: 1_000_000 })
      .filter((a) => a.helcimTransactionId);
    let theirs: CardTransaction[];
    try {
      // Helcim's clock is not the counter's: a payment approved just before the period's end may carry
      // a Helcim time just after it (or the other way round). Rows are fetched with a margin either
      // side, so that such a payment matches its journal row instead of showing as a difference.
      const between = {
        from: new Date(Date.parse(from) - CLOCK_SKEW_MARGIN_MS),
        to: new Date(Date.parse(to) + CLOCK_SKEW_MARGIN_MS),
      };
      theirs = await this.deps.client().listCardTransactions(await this.deps.token(slot), { between });
    } catch (err) {
      if (err instanceof PosError && err.code === 'too_many_results')
        return { ...empty, message: say('report.recon.notChecked', { why: err.message }) };
      return { ...empty, message: say('report.recon.unreachable') };
    }
    const byId = new Map(theirs.filter((t) => isApproved(t.status)).map((t) => [t.transactionId, t]));
    const r = {
      checked: true,
      matched: 0,
      missingAtHelcim: [] as string[],
      notInJournal: [] as string[],
      otherCounters: [] as string[],
      amountMismatch: [] as string[],
      invoices,
    };
    for (const a of ours) {
      const t = byId.get(a.helcimTransactionId!);
      if (!t) r.missingAtHelcim.push(a.helcimTransactionId!);
      else if (helcimAmountToCentsOrNull(t.amount) !== a.amountCents) r.amountMismatch.push(a.helcimTransactionId!);
      else r.matched++;
      byId.delete(a.helcimTransactionId!);
    }
    // What is left is in Helcim's list and not in this period of the journal. A row of the margin
    // belongs to a neighbouring period: it is this period's difference only if Helcim's time (its
    // Mountain time converted) is inside the period and the journal has it at no other time.
    // Another counter's sale carries its own prefix (C + 4 hex digits); this counter's carry its own.
    const shop = this.deps.shopPrefixes?.() ?? null;
    // The period is [from, to), as the journal's. Helcim's times are to the second: a row of the
    // period's first second is in it; a row stamped at `to` itself happened at or after it.
    // (A row whose time Helcim left unreadable is counted in: it cannot be placed elsewhere.)
    const fromSecond = new Date(Math.floor(Date.parse(from) / 1000) * 1000).toISOString();
    const inPeriod = (t: CardTransaction) => t.createdAt === null || (t.createdAt >= fromSecond && t.createdAt < to);
    for (const t of byId.values()) {
      if (!inPeriod(t) || this.deps.journal.byHelcimTransaction(t.transactionId)) continue;
      (isOtherCounter(t.invoiceNumber, this.deps.invoicePrefix, shop) ? r.otherCounters : r.notInJournal).push(
        t.transactionId,
      );
    }
    const problems = r.missingAtHelcim.length + r.notInJournal.length + r.amountMismatch.length + invoices.length;
    return {
      ...r,
      message: problems
        ? say('report.recon.differences', { count: problems })
        : say('report.recon.allMatch', { count: r.matched }),
    };
  }

  private staffNames(): Map<string, string> {
    return new Map(this.deps.staff.list().map((s) => [s.id, s.name]));
  }
}

export type { Attempt };
