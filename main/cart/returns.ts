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
import { lineReturnCents } from './rules';
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
        return { ...l, leftMilli: l.quantityMilli - b.quantityMilli, leftCents: l.lineTotalCents - b.cents };
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
      return { position: p.position, quantityMilli: p.quantityMilli, cents };
    });
    return { amountCents: lines.reduce((n, l) => n + l.cents, 0), lines };
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
