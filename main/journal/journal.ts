/**
 * The payment journal (SQLite, in userData). Every money attempt is written here, state
 * `pending`, before its request leaves the machine; its outcome is written when known. It holds no
 * card data and no secrets: amounts, keys, staff, Helcim's transaction id and plain-words detail.
 */
import { openDatabase, type Db } from '../db';
import type { Currency, Mode } from '../../common/contract';

/**
 * What an attempt does. `preauth` places a hold (no money moves yet), `capture` takes up to the held
 * amount, `release` gives a hold back (Helcim's reverse of a preauthorization).
 */
export type AttemptKind = 'purchase' | 'verify' | 'preauth' | 'capture' | 'refund' | 'reverse' | 'release';
export const ATTEMPT_KINDS: readonly AttemptKind[] = [
  'purchase',
  'verify',
  'preauth',
  'capture',
  'refund',
  'reverse',
  'release',
];
/**
 * How each kind counts in net sales: a hold moves no money until captured, and its release none at all.
 * The one copy, read by the X/Z (reports) and by the shop's totals (shop database).
 */
export const SIGN: Record<AttemptKind, number> = {
  purchase: 1,
  verify: 0,
  preauth: 0,
  capture: 1,
  refund: -1,
  reverse: -1,
  release: 0,
};
/** How a cancellation that provably moved nothing begins (a push the terminal refused): no late approval can follow it. */
export const NOTHING_STARTED = 'nothing started:';
/**
 * How an attempt whose money call got no answer that proves anything is settled `unknown` (the
 * error's code as its detail): it may still land at Helcim, so "not listed yet" is not "nothing moved".
 */
export const LOST_ANSWER = 'helcim_unknown_outcome';
export type AttemptState = 'pending' | 'approved' | 'declined' | 'cancelled' | 'unknown';

export type Attempt = {
  id: string;
  createdAt: string;
  updatedAt: string;
  kind: AttemptKind;
  amountCents: number;
  currency: Currency;
  idempotencyKey: string;
  staffId: string;
  approverId: string | null;
  state: AttemptState;
  helcimTransactionId: string | null;
  /** For a refund, reverse, capture or release: the Helcim transaction it acts on. */
  originalTransactionId: string | null;
  /** Our invoice number sent to Helcim (purchase, verify): how reconciliation finds it. */
  reference: string | null;
  /** Training attempts went to the simulator: no real money. */
  mode: Mode;
  /** For receipts: brand and last four digits only (never more of the card). */
  cardType: string | null;
  cardLast4: string | null;
  approvalCode: string | null;
  /** A tip the customer added on the terminal: part of amountCents, reported on its own line. */
  tipCents: number;
  /** How it was paid: a card (through Helcim) or cash at the counter (no Helcim call at all). */
  tender: 'card' | 'cash';
  /** Cash: what the customer handed over (the change is this minus amountCents). */
  tenderedCents: number | null;
  /** The sale this attempt is a tender of (a sale may be paid by several); null for verifies, holds and returns. */
  saleId: string | null;
  detail: string | null;
  /**
   * Something about a recorded outcome a manager must see: `refund_other_card`, a debit refund the
   * terminal paid to another card than the sale's (money moved all the same, so the state stays approved).
   */
  flag: AttemptFlag | null;
};
export type AttemptFlag = 'refund_other_card';

export type JournalEvent = { attemptId: string; at: string; kind: string; detail: string };

const ATTEMPTS_COLUMNS = `(
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (${ATTEMPT_KINDS.map((k) => `'${k}'`).join(',')})),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  currency TEXT NOT NULL CHECK (currency IN ('CAD','USD')),
  idempotency_key TEXT NOT NULL UNIQUE,
  staff_id TEXT NOT NULL,
  approver_id TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending','approved','declined','cancelled','unknown')),
  helcim_transaction_id TEXT,
  original_transaction_id TEXT,
  reference TEXT,
  mode TEXT NOT NULL DEFAULT 'training' CHECK (mode IN ('training','live')),
  card_type TEXT,
  card_last4 TEXT CHECK (card_last4 IS NULL OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
  approval_code TEXT,
  detail TEXT,
  tip_cents INTEGER NOT NULL DEFAULT 0 CHECK (tip_cents >= 0),
  tender TEXT NOT NULL DEFAULT 'card' CHECK (tender IN ('card','cash')),
  tendered_cents INTEGER CHECK (tendered_cents IS NULL OR tendered_cents >= 0),
  sale_id TEXT,
  flag TEXT CHECK (flag IS NULL OR flag IN ('refund_other_card'))
)`;
/** Columns added after the first version, with their definitions (ALTER TABLE ADD COLUMN keeps the CHECK). */
const ADDED_COLUMNS: [string, string][] = [
  ['tip_cents', 'INTEGER NOT NULL DEFAULT 0 CHECK (tip_cents >= 0)'],
  ['tender', "TEXT NOT NULL DEFAULT 'card' CHECK (tender IN ('card','cash'))"],
  ['tendered_cents', 'INTEGER CHECK (tendered_cents IS NULL OR tendered_cents >= 0)'],
  ['sale_id', 'TEXT'],
  ['flag', "TEXT CHECK (flag IS NULL OR flag IN ('refund_other_card'))"],
];
const COLUMN_NAMES =
  'id, created_at, updated_at, kind, amount_cents, currency, idempotency_key, staff_id, approver_id, state, helcim_transaction_id, original_transaction_id, reference, mode, card_type, card_last4, approval_code, detail, tip_cents, tender, tendered_cents, sale_id, flag';
const INDEXES = `
CREATE INDEX IF NOT EXISTS attempts_amount ON attempts (amount_cents, created_at);
-- Covers the end-of-day totals query, so it never touches the table itself (tender came with cash).
DROP INDEX IF EXISTS attempts_totals;
CREATE INDEX IF NOT EXISTS attempts_totals_by_tender ON attempts (state, created_at, kind, staff_id, card_type, tender, amount_cents);
CREATE INDEX IF NOT EXISTS attempts_open ON attempts (state) WHERE state IN ('pending','unknown');
CREATE INDEX IF NOT EXISTS attempts_original ON attempts (original_transaction_id);
CREATE INDEX IF NOT EXISTS attempts_created ON attempts (created_at);
CREATE INDEX IF NOT EXISTS attempts_sale ON attempts (sale_id) WHERE sale_id IS NOT NULL;
`;
/** The tables; their indexes are made after any migration (an index may name a column an old table lacks). */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS attempts ${ATTEMPTS_COLUMNS};
CREATE TABLE IF NOT EXISTS attempt_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  attempt_id TEXT NOT NULL REFERENCES attempts(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
`;

type Row = {
  id: string;
  created_at: string;
  updated_at: string;
  kind: AttemptKind;
  amount_cents: number;
  currency: Currency;
  idempotency_key: string;
  staff_id: string;
  approver_id: string | null;
  state: AttemptState;
  helcim_transaction_id: string | null;
  original_transaction_id: string | null;
  reference: string | null;
  mode: Mode;
  card_type: string | null;
  card_last4: string | null;
  approval_code: string | null;
  detail: string | null;
  tip_cents: number;
  tender: 'card' | 'cash';
  tendered_cents: number | null;
  sale_id: string | null;
  flag: AttemptFlag | null;
};

const fromRow = (r: Row): Attempt => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  kind: r.kind,
  amountCents: r.amount_cents,
  currency: r.currency,
  idempotencyKey: r.idempotency_key,
  staffId: r.staff_id,
  approverId: r.approver_id,
  state: r.state,
  helcimTransactionId: r.helcim_transaction_id,
  originalTransactionId: r.original_transaction_id,
  reference: r.reference,
  mode: r.mode,
  cardType: r.card_type,
  cardLast4: r.card_last4,
  approvalCode: r.approval_code,
  tipCents: r.tip_cents,
  tender: r.tender,
  tenderedCents: r.tendered_cents,
  saleId: r.sale_id,
  detail: r.detail,
  flag: r.flag ?? null,
});

/**
 * A database written before holds and captures has a CHECK constraint that refuses the new kinds.
 * SQLite cannot alter a CHECK, so the table is rebuilt once, rows and all, in one transaction
 * (SQLite's documented 12-step way: new table, copy, drop, rename; foreign keys off meanwhile).
 */
function migrateAttemptKinds(db: Db): void {
  // Columns that came later (tips with the terminal, tenders with cash): ALTER TABLE can add them, CHECK and all.
  const columns = (db.prepare("SELECT name FROM pragma_table_info('attempts')").all() as { name: string }[]).map(
    (c) => c.name,
  );
  for (const [name, definition] of ADDED_COLUMNS)
    if (!columns.includes(name)) db.exec(`ALTER TABLE attempts ADD COLUMN ${name} ${definition}`);
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'attempts'").get() as
    { sql: string } | undefined;
  if (!row || ATTEMPT_KINDS.every((k) => row.sql.includes(`'${k}'`))) return;
  const fk = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(`CREATE TABLE attempts_next ${ATTEMPTS_COLUMNS}`);
      db.exec(`INSERT INTO attempts_next (${COLUMN_NAMES}) SELECT ${COLUMN_NAMES} FROM attempts`);
      db.exec('DROP TABLE attempts');
      db.exec('ALTER TABLE attempts_next RENAME TO attempts');
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error('journal migration broke a reference');
    })();
  } finally {
    db.pragma(`foreign_keys = ${fk ? 'ON' : 'OFF'}`);
  }
}

export class Journal {
  readonly db: Db;

  /** A database file path, or an open database shared with the other stores; `now` stamps every row. */
  constructor(
    file: string | Db,
    private readonly now: () => number = Date.now,
  ) {
    this.db = typeof file === 'string' ? openDatabase(file) : file;
    this.db.exec(SCHEMA);
    migrateAttemptKinds(this.db);
    this.db.exec(INDEXES);
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  /** Writes the attempt as `pending`. Call before the request is sent. */
  begin(
    a: Pick<Attempt, 'id' | 'kind' | 'amountCents' | 'currency' | 'idempotencyKey' | 'staffId' | 'approverId'> & {
      originalTransactionId?: string;
      reference?: string;
      saleId?: string;
      /** Also written in this transaction, first (a new sale the attempt is the tender of). */
      within?: () => void;
      mode: Mode;
    },
  ): Attempt {
    const now = this.stamp();
    // One transaction, so one fsync: the attempt and its first event land together.
    this.db.transaction(() => {
      a.within?.();
      this.db
        .prepare(
          `INSERT INTO attempts (id, created_at, updated_at, kind, amount_cents, currency, idempotency_key, staff_id, approver_id, state, original_transaction_id, reference, mode, sale_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
        )
        .run(
          a.id,
          now,
          now,
          a.kind,
          a.amountCents,
          a.currency,
          a.idempotencyKey,
          a.staffId,
          a.approverId,
          a.originalTransactionId ?? null,
          a.reference ?? null,
          a.mode,
          a.saleId ?? null,
        );
      this.event(a.id, 'begin', `${a.kind} ${a.amountCents} ${a.currency}`);
    })();
    return this.get(a.id)!;
  }

  /** Records an outcome. A final state (approved/declined/cancelled) is never overwritten. */
  settle(
    id: string,
    state: Exclude<AttemptState, 'pending'>,
    o: {
      helcimTransactionId?: string;
      detail: string;
      card?: { type?: string; last4?: string; approvalCode?: string };
      /** Only with an approval whose amount is higher than asked (a terminal tip): the new amount and the tip. */
      tip?: { amountCents: number; tipCents: number };
    },
  ): Attempt {
    const last4 = o.card?.last4 && /^\d{4}$/.test(o.card.last4) ? o.card.last4 : null;
    const info = this.db
      .prepare(
        `UPDATE attempts SET state = ?, helcim_transaction_id = COALESCE(?, helcim_transaction_id), detail = ?, updated_at = ?,
           card_type = COALESCE(?, card_type), card_last4 = COALESCE(?, card_last4), approval_code = COALESCE(?, approval_code),
           amount_cents = COALESCE(?, amount_cents), tip_cents = COALESCE(?, tip_cents)
         WHERE id = ? AND state IN ('pending','unknown')`,
      )
      .run(
        state,
        o.helcimTransactionId ?? null,
        o.detail,
        this.stamp(),
        o.card?.type?.slice(0, 4) ?? null,
        last4,
        o.card?.approvalCode?.slice(0, 12) ?? null,
        o.tip?.amountCents ?? null,
        o.tip?.tipCents ?? null,
        id,
      );
    if (info.changes === 1) this.event(id, state, o.detail);
    return this.get(id)!;
  }

  /**
   * A terminal sale the cashier was told was cancelled, that Helcim approved after all (the customer
   * paid as the counter gave up on it). The one change of a final state the journal allows: the money
   * moved, so the record must say so; the event keeps what was believed before.
   */
  lateApproval(
    id: string,
    o: {
      helcimTransactionId: string;
      card: { type?: string; last4?: string; approvalCode?: string };
      amountCents: number;
      tipCents: number;
    },
  ): Attempt {
    const last4 = o.card.last4 && /^\d{4}$/.test(o.card.last4) ? o.card.last4 : null;
    const info = this.db
      .prepare(
        `UPDATE attempts SET state = 'approved', helcim_transaction_id = ?, detail = 'approved by Helcim after it was marked cancelled', updated_at = ?,
           card_type = ?, card_last4 = ?, approval_code = ?, amount_cents = ?, tip_cents = ?
         WHERE id = ? AND state = 'cancelled'`,
      )
      .run(
        o.helcimTransactionId,
        this.stamp(),
        o.card.type?.slice(0, 4) ?? null,
        last4,
        o.card.approvalCode?.slice(0, 12) ?? null,
        o.amountCents,
        o.tipCents,
        id,
      );
    if (info.changes === 1)
      this.event(id, 'late_approval', `Helcim approved ${o.helcimTransactionId} after the sale was marked cancelled`);
    return this.get(id)!;
  }

  /** Marks a recorded outcome for a manager's eyes (see Attempt.flag); the event says why. */
  flag(id: string, flag: AttemptFlag, detail: string): Attempt {
    this.db.transaction(() => {
      this.db.prepare('UPDATE attempts SET flag = ? WHERE id = ?').run(flag, id);
      this.event(id, flag, detail);
    })();
    return this.get(id)!;
  }

  /** Attempts flagged in a time range (ISO, inclusive start, exclusive end), for the X/Z reports. */
  flagged(from: string, to: string): Attempt[] {
    return (
      this.db
        .prepare(
          'SELECT * FROM attempts WHERE flag IS NOT NULL AND created_at >= ? AND created_at < ? ORDER BY created_at',
        )
        .all(from, to) as Row[]
    ).map(fromRow);
  }

  event(attemptId: string, kind: string, detail: string): void {
    this.db
      .prepare('INSERT INTO attempt_events (attempt_id, at, kind, detail) VALUES (?, ?, ?, ?)')
      .run(attemptId, this.stamp(), kind, detail.slice(0, 500));
  }

  get(id: string): Attempt | null {
    const r = this.db.prepare('SELECT * FROM attempts WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  list(limit = 200): Attempt[] {
    return (this.db.prepare('SELECT * FROM attempts ORDER BY created_at DESC LIMIT ?').all(limit) as Row[]).map(
      fromRow,
    );
  }

  /**
   * Search by time range (ISO, inclusive start, exclusive end) and optional amount, kind, state,
   * staff. Indexed on created_at and (amount_cents, created_at).
   */
  search(f: {
    from: string;
    to: string;
    amountCents?: number;
    kind?: AttemptKind;
    state?: AttemptState;
    staffId?: string;
    limit?: number;
  }): Attempt[] {
    const where = ['created_at >= @from', 'created_at < @to'];
    if (f.amountCents !== undefined) where.push('amount_cents = @amountCents');
    if (f.kind) where.push('kind = @kind');
    if (f.state) where.push('state = @state');
    if (f.staffId) where.push('staff_id = @staffId');
    return (
      this.db
        .prepare(`SELECT * FROM attempts WHERE ${where.join(' AND ')} ORDER BY created_at DESC LIMIT @limit`)
        .all({ ...f, limit: f.limit ?? 500 }) as Row[]
    ).map(fromRow);
  }

  /** Totals of approved attempts in a time range, grouped as end-of-day reports need them. */
  totals(
    from: string,
    to: string,
  ): {
    kind: AttemptKind;
    staffId: string;
    cardType: string | null;
    tender: 'card' | 'cash';
    count: number;
    cents: number;
  }[] {
    return this.db
      .prepare(
        `SELECT kind, staff_id AS staffId, card_type AS cardType, tender, COUNT(*) AS count, SUM(amount_cents) AS cents
         FROM attempts WHERE created_at >= ? AND created_at < ? AND state = 'approved'
         GROUP BY kind, staff_id, card_type, tender`,
      )
      .all(from, to) as {
      kind: AttemptKind;
      staffId: string;
      cardType: string | null;
      tender: 'card' | 'cash';
      count: number;
      cents: number;
    }[];
  }

  /** Cash taken in a time range: cash sales minus cash refunds (approved). */
  cashBetween(from: string, to: string): number {
    const r = this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE WHEN kind = 'refund' THEN -amount_cents ELSE amount_cents END), 0) AS cents
         FROM attempts WHERE tender = 'cash' AND state = 'approved' AND created_at >= ? AND created_at < ?`,
      )
      .get(from, to) as { cents: number };
    return r.cents;
  }

  /**
   * A cash tender: no Helcim call, so nothing can be unknown — it is written approved at once, with what
   * the customer handed over (the change is the difference), as a part of its sale.
   */
  recordCash(a: {
    id: string;
    amountCents: number;
    tenderedCents: number;
    currency: Currency;
    staffId: string;
    saleId: string;
    mode: Mode;
    /** Also written in this transaction, first (a new sale of this one tender). */
    within?: () => void;
  }): Attempt {
    const now = this.stamp();
    this.db.transaction(() => {
      a.within?.();
      this.db
        .prepare(
          `INSERT INTO attempts (id, created_at, updated_at, kind, amount_cents, currency, idempotency_key, staff_id, state, mode, tender, tendered_cents, sale_id, detail)
           VALUES (?, ?, ?, 'purchase', ?, ?, ?, ?, 'approved', ?, 'cash', ?, ?, 'cash sale')`,
        )
        .run(a.id, now, now, a.amountCents, a.currency, `cash-${a.id}`, a.staffId, a.mode, a.tenderedCents, a.saleId);
      this.event(a.id, 'cash', `cash ${a.amountCents} tendered ${a.tenderedCents}`);
    })();
    return this.get(a.id)!;
  }

  /** Cash handed back from the drawer for a sale's cash (a manager's refund, or an abandoned sale's cash part). */
  recordCashRefund(a: {
    id: string;
    amountCents: number;
    currency: Currency;
    staffId: string;
    approverId: string;
    saleId: string;
    mode: Mode;
    why: string;
    /** Also written in this transaction, after the attempt (the lines of a sale it gives back). */
    within?: (attemptId: string) => void;
  }): Attempt {
    const now = this.stamp();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO attempts (id, created_at, updated_at, kind, amount_cents, currency, idempotency_key, staff_id, approver_id, state, mode, tender, sale_id, detail)
           VALUES (?, ?, ?, 'refund', ?, ?, ?, ?, ?, 'approved', ?, 'cash', ?, ?)`,
        )
        .run(
          a.id,
          now,
          now,
          a.amountCents,
          a.currency,
          `cash-${a.id}`,
          a.staffId,
          a.approverId,
          a.mode,
          a.saleId,
          a.why,
        );
      this.event(a.id, 'cash_refund', `cash ${a.amountCents} back: ${a.why}`);
      a.within?.(a.id);
    })();
    return this.get(a.id)!;
  }

  /** Every attempt that is a tender of this sale, or cash handed back for it, oldest first. */
  bySale(saleId: string): Attempt[] {
    return (
      this.db.prepare('SELECT * FROM attempts WHERE sale_id = ? ORDER BY created_at, rowid').all(saleId) as Row[]
    ).map(fromRow);
  }

  /** Tips on approved attempts in a time range (ISO, inclusive start, exclusive end). */
  tips(from: string, to: string): { count: number; cents: number } {
    const r = this.db
      .prepare(
        `SELECT COUNT(*) AS count, COALESCE(SUM(tip_cents), 0) AS cents FROM attempts WHERE created_at >= ? AND created_at < ? AND state = 'approved' AND tip_cents > 0`,
      )
      .get(from, to) as { count: number; cents: number };
    return r;
  }

  /** Ids of unresolved attempts of these kinds: the cheap check made before every new charge. */
  unresolvedIds(kinds: readonly AttemptKind[]): string[] {
    const rows = this.db.prepare(`SELECT id, kind FROM attempts WHERE state IN ('pending','unknown')`).all() as {
      id: string;
      kind: AttemptKind;
    }[];
    return rows.filter((r) => kinds.includes(r.kind)).map((r) => r.id);
  }

  /** How many attempts (any state) were written in a time range (ISO, inclusive start, exclusive end). */
  countBetween(from: string, to: string): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE created_at >= ? AND created_at < ?').get(from, to) as {
        n: number;
      }
    ).n;
  }

  /** When the first attempt was written (the start of the first end-of-day period). */
  earliest(): string | null {
    return (this.db.prepare('SELECT MIN(created_at) AS t FROM attempts').get() as { t: string | null }).t;
  }

  /** Attempts whose outcome is not known yet: they must be reconciled before anyone tries again. */
  unresolved(): Attempt[] {
    return (
      this.db.prepare(`SELECT * FROM attempts WHERE state IN ('pending','unknown') ORDER BY created_at`).all() as Row[]
    ).map(fromRow);
  }

  /**
   * Card sales and holds of the counter's own invoice numbers (`prefix`) recorded as cancelled since
   * `fromIso`, in this mode, except those that provably never reached Helcim (a push the terminal
   * refused): an approval of one can still turn up in Helcim's list, and must be recorded when it does.
   */
  cardPurchasesGivenUp(fromIso: string, prefix: string, mode: Mode): Attempt[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM attempts WHERE state = 'cancelled' AND tender = 'card' AND kind IN ('purchase','preauth') AND created_at >= ? AND mode = ?
             AND substr(reference, 1, ?) = ? AND detail NOT LIKE ? ORDER BY created_at`,
        )
        .all(fromIso, mode, prefix.length, prefix, `${NOTHING_STARTED}%`) as Row[]
    ).map(fromRow);
  }

  /** The attempt that recorded this Helcim transaction, if any. */
  byHelcimTransaction(id: string): Attempt | null {
    const r = this.db.prepare('SELECT * FROM attempts WHERE helcim_transaction_id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /**
   * Attempts that act on one earlier transaction (refunds and voids of a sale; the capture or release
   * of a hold) and did or may have moved money: not declined, not cancelled.
   */
  returnsAgainst(originalTransactionId: string): Attempt[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM attempts WHERE original_transaction_id = ? AND state IN ('pending','unknown','approved')`,
        )
        .all(originalTransactionId) as Row[]
    ).map(fromRow);
  }

  events(attemptId: string): JournalEvent[] {
    return this.db
      .prepare('SELECT attempt_id AS attemptId, at, kind, detail FROM attempt_events WHERE attempt_id = ? ORDER BY seq')
      .all(attemptId) as JournalEvent[];
  }

  close(): void {
    this.db.close();
  }
}
