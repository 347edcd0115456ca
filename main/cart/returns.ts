/**
 * Returns by line: a sale's lines given back, some or all, some of a line or all of it. The amount is
 * main's (rules.ts, `lineReturnCents`), worked out from what was sold and what of each line went back
 * already — never typed. Each line given back is written against the attempt that gives the money
 * back (a card refund, a debit refund on the terminal, cash handed back, a void), in the same
 * transaction that journals that attempt, and counts as given back while that attempt is pending,
 * unknown or approved (as the money does: journal.returnsAgainst).
 */
import type { Db } from '../db';
import { PosError } from '../errors';
import type { ReturnableLine, ReturnableSale, ReturnLinePick, ReturnQuote, SaleView } from '../../common/contract';
import { lineNetCents, lineReturnCents } from './rules';
import { taxBackCents, type CategoryTaxLine } from '../tax/rules';
import { amount } from '../../common/i18n';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS line_returns (
  attempt_id TEXT NOT NULL,
  sale_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  cents INTEGER NOT NULL CHECK (cents >= 0),
  PRIMARY KEY (attempt_id, position)
);
CREATE INDEX IF NOT EXISTS line_returns_sale ON line_returns(sale_id);
-- Each return's share of each of the sale's taxes, per category (lines.ts sale_taxes), written with its lines.
CREATE TABLE IF NOT EXISTS tax_returns (
  attempt_id TEXT NOT NULL,
  sale_id TEXT NOT NULL,
  category TEXT NOT NULL,
  code TEXT NOT NULL,
  rate_millionths INTEGER NOT NULL,
  cents INTEGER NOT NULL CHECK (cents >= 0),
  PRIMARY KEY (attempt_id, category, code, rate_millionths)
);
CREATE INDEX IF NOT EXISTS tax_returns_sale ON tax_returns(sale_id);
`;

/** What one call gives back by line, ready to be written with the attempt that moves the money. */
export type LinesGivenBack = {
  saleId: string;
  quote: ReturnQuote;
  /** Writes the lines against the attempt, checking again that each still has that much left. */
  record: (attemptId: string) => void;
};

export type LineReturnsDeps = {
  db: Db;
  sales: { view: (saleId: string) => SaleView; byNumber: (saleNumber: string) => SaleView };
  /** The sale a card payment was a tender of (null: a payment of no sale on this counter). */
  saleOfTransaction: (transactionId: string) => string | null;
  /** The sale's taxes per category, as they were charged (lines.ts). */
  taxesByCategory: (saleId: string) => (CategoryTaxLine & { included: boolean })[];
};

export class LineReturns {
  constructor(private readonly deps: LineReturnsDeps) {
    deps.db.exec(SCHEMA);
  }

  /** Every line of the sale with what is left to give back of it. */
  returnable(sale: SaleView): ReturnableSale {
    const back = this.givenBack(sale.saleId);
    return {
      saleNumber: String(sale.number),
      currency: sale.currency,
      lines: sale.lines.map((l): ReturnableLine => {
        const b = back.get(l.position) ?? { quantityMilli: 0, cents: 0 };
        return { ...l, leftMilli: l.quantityMilli - b.quantityMilli, leftCents: lineNetCents(l) - b.cents };
      }),
    };
  }

  /** The sale a card payment was a tender of, on this counter (null: none). */
  saleOf(transactionId: string): SaleView | null {
    const saleId = this.deps.saleOfTransaction(transactionId);
    return saleId ? this.deps.sales.view(saleId) : null;
  }

  /** A sale by its number or by a card payment of it, for a return by line (refused: no lines to give back). */
  saleToReturn(by: { saleNumber: string } | { transactionId: string }): SaleView {
    const sale = 'saleNumber' in by ? this.deps.sales.byNumber(by.saleNumber) : this.saleOf(by.transactionId);
    if (!sale || sale.lines.length === 0) throw new PosError('invalid_payload', 'error.returns.noLines');
    return sale;
  }

  /** What giving these lines back comes to, line by line (refused: a line not sold, or not that much left). */
  quote(sale: SaleView, picks: readonly ReturnLinePick[]): ReturnQuote {
    if (new Set(picks.map((p) => p.position)).size !== picks.length)
      throw new PosError('invalid_payload', 'error.returns.lineTwice');
    const back = this.givenBack(sale.saleId);
    const lines = picks.map((p) => {
      const line = sale.lines.find((l) => l.position === p.position);
      if (!line) throw new PosError('invalid_payload', 'error.returns.noSuchLine', { position: p.position });
      const cents = lineReturnCents(line, back.get(p.position) ?? { quantityMilli: 0, cents: 0 }, p.quantityMilli);
      return { position: p.position, quantityMilli: p.quantityMilli, cents, category: line.taxCategory };
    });
    const linesCents = lines.reduce((n, l) => n + l.cents, 0);
    const taxes = this.taxBack(sale, lines);
    const taxCents = taxes.reduce((n, t) => n + t.cents, 0);
    const included = this.deps.taxesByCategory(sale.saleId).some((t) => t.included);
    return {
      amountCents: included ? linesCents : linesCents + taxCents,
      lines: lines.map(({ category: _c, ...l }) => l),
      taxCents,
      taxes,
    };
  }

  /** The lines' share of each tax of their categories (taxBackCents), against what went back of it already. */
  private taxBack(sale: SaleView, lines: readonly { cents: number; category: string }[]): ReturnQuote['taxes'] {
    const charged = this.deps.taxesByCategory(sale.saleId);
    if (charged.length === 0) return [];
    const returning = new Map<string, number>();
    for (const l of lines) returning.set(l.category, (returning.get(l.category) ?? 0) + l.cents);
    const linesBefore = new Map(
      (
        this.deps.db
          .prepare(
            `SELECT sl.tax_category AS category, SUM(lr.cents) AS cents
               FROM line_returns lr JOIN attempts a ON a.id = lr.attempt_id
               JOIN sale_lines sl ON sl.sale_id = lr.sale_id AND sl.position = lr.position
              WHERE lr.sale_id = ? AND a.state IN ('pending', 'unknown', 'approved')
              GROUP BY sl.tax_category`,
          )
          .all(sale.saleId) as { category: string; cents: number }[]
      ).map((r) => [r.category, r.cents]),
    );
    const taxBefore = new Map(
      (
        this.deps.db
          .prepare(
            `SELECT tr.category AS category, tr.code AS code, tr.rate_millionths AS rate, SUM(tr.cents) AS cents
               FROM tax_returns tr JOIN attempts a ON a.id = tr.attempt_id
              WHERE tr.sale_id = ? AND a.state IN ('pending', 'unknown', 'approved')
              GROUP BY tr.category, tr.code, tr.rate_millionths`,
          )
          .all(sale.saleId) as { category: string; code: string; rate: number; cents: number }[]
      ).map((r) => [`${r.category} ${r.code} ${r.rate}`, r.cents]),
    );
    return charged.flatMap((t) => {
      const now = returning.get(t.category);
      if (now === undefined) return [];
      const cents = taxBackCents(
        t,
        {
          linesCents: linesBefore.get(t.category) ?? 0,
          taxCents: taxBefore.get(`${t.category} ${t.code} ${t.rateMillionths}`) ?? 0,
        },
        now,
      );
      return [{ category: t.category, code: t.code, rateMillionths: t.rateMillionths, cents }];
    });
  }

  /**
   * The lines a call gives back, checked against the amount the manager approved: the amount is
   * main's, so a different one means the screen's figure is out of date (another return meanwhile).
   */
  givingBack(sale: SaleView, picks: readonly ReturnLinePick[], approvedCents: number): LinesGivenBack {
    const quote = this.quote(sale, picks);
    if (quote.amountCents !== approvedCents)
      throw new PosError('invalid_payload', 'error.returns.linesCome', {
        amount: amount(quote.amountCents, sale.currency),
      });
    return {
      saleId: sale.saleId,
      quote,
      record: (attemptId) => {
        // Inside the journal's transaction: a return made meanwhile for the same lines stops this one.
        // Meanwhile is the other return's share: the same line may be more than is left (quote refuses),
        // or now be the rest of a line and come to another amount (refused here, with what it comes to).
        const again = this.quote(sale, picks);
        if (again.amountCents !== quote.amountCents)
          throw new PosError('invalid_payload', 'error.returns.linesCome', {
            amount: amount(again.amountCents, sale.currency),
          });
        const insert = this.deps.db.prepare(
          'INSERT INTO line_returns (attempt_id, sale_id, position, quantity_milli, cents) VALUES (?, ?, ?, ?, ?)',
        );
        for (const l of quote.lines) insert.run(attemptId, sale.saleId, l.position, l.quantityMilli, l.cents);
        const tax = this.deps.db.prepare(
          'INSERT INTO tax_returns (attempt_id, sale_id, category, code, rate_millionths, cents) VALUES (?, ?, ?, ?, ?, ?)',
        );
        for (const t of quote.taxes) tax.run(attemptId, sale.saleId, t.category, t.code, t.rateMillionths, t.cents);
      },
    };
  }

  /** All that is left of every line: a void of the payment that paid the whole sale gives it all back. */
  givingBackAll(sale: SaleView): LinesGivenBack | undefined {
    const lines = this.returnable(sale).lines;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression: equivalent — a payment that paid the whole sale is voided only while its batch is open, before any line of it can go back (a card's return by line is a refund, after the batch closed).
    const stillThere = lines.filter((l) => l.leftMilli > 0);
    const left = stillThere.map((l) => ({ position: l.position, quantityMilli: l.leftMilli }));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — giving back no lines (a typed total's sale has none) writes nothing.
    return left.length > 0 ? this.givingBack(sale, left, this.quote(sale, left).amountCents) : undefined;
  }

  /** Tax given back by the returns approved in a period, per tax and rate (key "GST 50000"; count: returns). */
  taxRefundedBetween(from: string, to: string): { key: string; count: number; cents: number }[] {
    return this.deps.db
      .prepare(
        `SELECT tr.code || ' ' || tr.rate_millionths AS key, COUNT(DISTINCT tr.attempt_id) AS count, SUM(tr.cents) AS cents
           FROM tax_returns tr JOIN attempts a ON a.id = tr.attempt_id
          WHERE a.state = 'approved' AND a.created_at >= ? AND a.created_at < ?
          GROUP BY tr.code, tr.rate_millionths ORDER BY MIN(tr.rowid)`,
      )
      .all(from, to) as { key: string; count: number; cents: number }[];
  }

  /** What of each line went back already, counting returns still pending or unknown. */
  private givenBack(saleId: string): Map<number, { quantityMilli: number; cents: number }> {
    const rows = this.deps.db
      .prepare(
        `SELECT lr.position AS position, SUM(lr.quantity_milli) AS quantityMilli, SUM(lr.cents) AS cents
           FROM line_returns lr JOIN attempts a ON a.id = lr.attempt_id
          WHERE lr.sale_id = ? AND a.state IN ('pending', 'unknown', 'approved')
          GROUP BY lr.position`,
      )
      .all(saleId) as { position: number; quantityMilli: number; cents: number }[];
    return new Map(rows.map((r) => [r.position, { quantityMilli: r.quantityMilli, cents: r.cents }]));
  }
}
