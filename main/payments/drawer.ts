/**
 * The cash drawer of this counter: one session at a time, opened with a counted float, paid in and
 * paid out with a reason (each behind a manager's override), closed with a counted amount, blind or
 * not (a blind close does not show the cashier the expected figure before counting). Expected cash =
 * float + cash sales − cash refunds + paid in − paid out, from the journal, since the drawer opened.
 */
import type { Currency, DrawerLine, DrawerView } from '../../common/contract';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { Journal } from '../journal/journal';
import type { Session } from '../session';
import type { Approval } from '../policy/approvals';
import { amount } from '../../common/i18n';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS drawer_sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  float_cents INTEGER NOT NULL CHECK (float_cents >= 0),
  closed_at TEXT,
  closed_by TEXT,
  counted_cents INTEGER CHECK (counted_cents IS NULL OR counted_cents >= 0),
  expected_cents INTEGER
);
-- One open drawer per counter, enforced by the database too.
CREATE UNIQUE INDEX IF NOT EXISTS drawer_one_open ON drawer_sessions ((closed_at IS NULL)) WHERE closed_at IS NULL;
CREATE TABLE IF NOT EXISTS drawer_moves (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES drawer_sessions(id),
  at TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in','out')),
  cents INTEGER NOT NULL CHECK (cents > 0),
  reason TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  approver_id TEXT NOT NULL
);`;

type SessionRow = {
  id: number;
  opened_at: string;
  opened_by: string;
  float_cents: number;
  closed_at: string | null;
  counted_cents: number | null;
  expected_cents: number | null;
};

export class DrawerService {
  constructor(
    private readonly deps: {
      db: Db;
      journal: Journal;
      currency: Currency;
      now: () => number;
      /** A blind close: whoever closes counts before seeing what was expected (a manager setting). */
      blindClose: () => boolean;
      audit: (actor: string, action: string, detail: string) => void;
      /** Cash rounding in a period, signed (payments/rounding.ts); none where cash is not rounded. */
      roundingBetween: (from: string, to: string) => number;
    },
  ) {
    deps.db.exec(SCHEMA);
  }

  private openRow(): SessionRow | null {
    return (
      (this.deps.db.prepare('SELECT * FROM drawer_sessions WHERE closed_at IS NULL').get() as SessionRow | undefined) ??
      null
    );
  }

  /** What the drawer should hold now: float + cash sales − cash refunds + rounding + paid in − paid out. */
  private expected(s: SessionRow): {
    cashSales: number;
    rounding: number;
    paidIn: number;
    paidOut: number;
    expected: number;
  } {
    const until = s.closed_at ?? new Date(this.deps.now() + 1).toISOString();
    const cashSales = this.deps.journal.cashBetween(s.opened_at, until);
    // Cash rounded to 5¢ (payments/rounding.ts): what the drawer took beyond the sales, less what it gave beyond refunds.
    const rounding = this.deps.roundingBetween(s.opened_at, until);
    const moves = this.deps.db
      .prepare(
        `SELECT direction, COALESCE(SUM(cents), 0) AS cents FROM drawer_moves WHERE session_id = ? GROUP BY direction`,
      )
      .all(s.id) as { direction: 'in' | 'out'; cents: number }[];
    const paidIn = moves.find((m) => m.direction === 'in')?.cents ?? 0;
    const paidOut = moves.find((m) => m.direction === 'out')?.cents ?? 0;
    return { cashSales, rounding, paidIn, paidOut, expected: s.float_cents + cashSales + rounding + paidIn - paidOut };
  }

  /** The drawer as the screen shows it. `showExpected` is false for a blind close until it is counted. */
  view(role: 'cashier' | 'manager'): DrawerView {
    const s = this.openRow();
    if (!s)
      return {
        open: false,
        sessionId: String(this.nextSessionId()),
        openedAt: null,
        floatCents: null,
        expectedCents: null,
        currency: this.deps.currency,
        blind: this.deps.blindClose(),
      };
    const e = this.expected(s);
    const blind = this.deps.blindClose();
    return {
      open: true,
      sessionId: String(s.id),
      openedAt: s.opened_at,
      floatCents: s.float_cents,
      expectedCents: blind && role !== 'manager' ? null : e.expected,
      currency: this.deps.currency,
      blind,
    };
  }

  /** The number the next drawer session will have (an opening float's approval is bound to it). */
  private nextSessionId(): number {
    return (
      this.deps.db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM drawer_sessions').get() as { next: number }
    ).next;
  }

  /**
   * Opens the drawer with its counted float, behind a manager's approval the router has consumed
   * (bound to this session's number and the amount): the float is what every close is measured
   * against, so a float declared lower than what is in the drawer would hide the difference.
   */
  open(floatCents: number, session: Session, approval: Approval): DrawerView {
    if (this.openRow()) throw new PosError('invalid_payload', 'error.drawer.alreadyOpen');
    const id = this.nextSessionId();
    if (approval.subject !== String(id)) throw new PosError('forbidden', 'error.approval.otherDrawer');
    this.deps.db
      .prepare('INSERT INTO drawer_sessions (id, opened_at, opened_by, float_cents) VALUES (?, ?, ?, ?)')
      .run(id, new Date(this.deps.now()).toISOString(), session.staffId, floatCents);
    this.deps.audit(session.staffId, 'drawer.opened', `float ${floatCents} approved by ${approval.managerId}`);
    return this.view(session.role);
  }

  /** Paid in or paid out, with a reason, behind the manager's approval the router has consumed. */
  move(direction: 'in' | 'out', cents: number, reason: string, session: Session, approval: Approval): DrawerView {
    const s = this.openRow();
    if (!s) throw new PosError('invalid_payload', 'error.drawer.noneOpenFloat');
    if (approval.subject !== String(s.id)) throw new PosError('forbidden', 'error.approval.otherDrawer');
    if (direction === 'out') {
      const { expected } = this.expected(s);
      if (cents > expected)
        throw new PosError('invalid_payload', 'error.drawer.cannotPayOut', {
          inDrawer: amount(expected),
          amount: amount(cents),
        });
    }
    this.deps.db
      .prepare(
        'INSERT INTO drawer_moves (session_id, at, direction, cents, reason, staff_id, approver_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        s.id,
        new Date(this.deps.now()).toISOString(),
        direction,
        cents,
        reason,
        session.staffId,
        approval.managerId,
      );
    this.deps.audit(
      session.staffId,
      `drawer.paid_${direction}`,
      `${cents} "${reason}" approved by ${approval.managerId}`,
    );
    return this.view(session.role);
  }

  /** Closes the drawer with what was counted; answers expected and over/short. */
  close(
    countedCents: number,
    session: Session,
  ): { expectedCents: number; countedCents: number; overShortCents: number; currency: Currency } {
    const s = this.openRow();
    if (!s) throw new PosError('invalid_payload', 'error.drawer.noneOpen');
    const { expected } = this.expected(s);
    this.deps.db
      .prepare(
        'UPDATE drawer_sessions SET closed_at = ?, closed_by = ?, counted_cents = ?, expected_cents = ? WHERE id = ? AND closed_at IS NULL',
      )
      .run(new Date(this.deps.now()).toISOString(), session.staffId, countedCents, expected, s.id);
    this.deps.audit(session.staffId, 'drawer.closed', `counted ${countedCents} expected ${expected}`);
    return {
      expectedCents: expected,
      countedCents,
      overShortCents: countedCents - expected,
      currency: this.deps.currency,
    };
  }

  /** What the open drawer should hold now; null when no drawer is open (cash is then not tracked by a drawer). */
  /** Whether this counter counts its cash: it has opened a drawer session at least once. */
  inUse(): boolean {
    return !!this.deps.db.prepare('SELECT 1 FROM drawer_sessions LIMIT 1').get();
  }

  cashInDrawer(): number | null {
    const s = this.openRow();
    return s ? this.expected(s).expected : null;
  }

  /** The Z report cannot close the day with the drawer still open. */
  assertClosed(): void {
    if (this.openRow()) throw new PosError('invalid_payload', 'error.drawer.openBeforeZ');
  }

  /** For X/Z reports: the drawer sessions touching the period, summed. */
  reportLine(): DrawerLine | null {
    const s = (this.openRow() ??
      this.deps.db.prepare('SELECT * FROM drawer_sessions ORDER BY id DESC LIMIT 1').get()) as SessionRow | undefined;
    if (!s) return null;
    const e = this.expected(s);
    return {
      open: s.closed_at === null,
      floatCents: s.float_cents,
      cashSalesCents: e.cashSales,
      ...(e.rounding !== 0 ? { roundingCents: e.rounding } : {}),
      paidInCents: e.paidIn,
      paidOutCents: e.paidOut,
      expectedCents: e.expected,
      countedCents: s.counted_cents,
      overShortCents: s.counted_cents === null ? null : s.counted_cents - e.expected,
    };
  }
}
