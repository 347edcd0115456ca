/**
 * Cash rounding at the drawer (issue 28): a Canadian shop has no pennies, so the cash that settles a
 * sale is rounded to 5¢ (common/cash.ts, the Mint's rule) and cash handed back too; a card part never
 * is, and tax stays computed on the unrounded total. The difference is kept per cash attempt here,
 * written in the attempt's own journal transaction, and shows as its own "Rounding" line: on the
 * receipt, in the drawer's expected cash and in the X/Z reports.
 *
 * A cash part that does not settle the sale is taken as typed, so it must be in 5¢ steps itself (a
 * drawer cannot hand over $5.03); the part that settles is rounded, so a split sale is paid exactly.
 */
import type { Currency } from '../../common/contract';
import { cashRoundedCents } from '../../common/cash';
import { amount } from '../../common/i18n';
import type { Db } from '../db';
import { PosError } from '../errors';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cash_rounding (
  attempt_id TEXT PRIMARY KEY,
  -- What the drawer took (a sale) or gave (a refund) beyond the attempt's amount: −2¢ to +2¢.
  cents INTEGER NOT NULL CHECK (cents BETWEEN -2 AND 2 AND cents <> 0)
);`;

export class CashRounding {
  constructor(
    private readonly deps: {
      db: Db;
      /** Whether cash is rounded for this currency here (a Canadian shop; a US shop that turned it on). */
      applies: (currency: Currency) => boolean;
    },
  ) {
    deps.db.exec(SCHEMA);
  }

  /** Whether cash is rounded to 5¢ here, for this currency (the cash screen shows it). */
  applies(currency: Currency): boolean {
    return this.deps.applies(currency);
  }

  /**
   * The rounding of a cash tender of `amountCents` toward a sale with `dueCents` still due: the part
   * that settles the sale is rounded; a part that does not is refused unless in 5¢ steps.
   */
  forTender(amountCents: number, dueCents: number, currency: Currency): number {
    if (!this.applies(currency)) return 0;
    if (amountCents === dueCents) return cashRoundedCents(amountCents) - amountCents;
    if (amountCents % 5 !== 0)
      throw new PosError('invalid_payload', 'error.cash.fiveCents', {
        down: amount(amountCents - (amountCents % 5), currency),
        up: amount(amountCents - (amountCents % 5) + 5, currency),
      });
    return 0;
  }

  /** The rounding of cash handed back: the amount main worked out, rounded to what the drawer can give. */
  forRefund(amountCents: number, currency: Currency): number {
    return this.applies(currency) ? cashRoundedCents(amountCents) - amountCents : 0;
  }

  /** Keeps an attempt's rounding (none kept for 0), inside the attempt's own transaction. */
  record(attemptId: string, cents: number): void {
    if (cents !== 0)
      this.deps.db.prepare('INSERT INTO cash_rounding (attempt_id, cents) VALUES (?, ?)').run(attemptId, cents);
  }

  /** An attempt's rounding (0: none). */
  of(attemptId: string): number {
    return (
      (
        this.deps.db.prepare('SELECT cents FROM cash_rounding WHERE attempt_id = ?').get(attemptId) as
          { cents: number } | undefined
      )?.cents ?? 0
    );
  }

  /**
   * What rounding put in the drawer less what it took out, over the approved cash attempts made in a
   * period (a sale's rounding in, a refund's out), and how many attempts were rounded.
   */
  between(from: string, to: string): { count: number; cents: number } {
    return this.deps.db
      .prepare(
        `SELECT COUNT(*) AS count,
                COALESCE(SUM(CASE WHEN a.kind = 'refund' THEN -r.cents ELSE r.cents END), 0) AS cents
           FROM cash_rounding r JOIN attempts a ON a.id = r.attempt_id
          WHERE a.state = 'approved' AND a.tender = 'cash' AND a.created_at >= ? AND a.created_at < ?`,
      )
      .get(from, to) as { count: number; cents: number };
  }
}
