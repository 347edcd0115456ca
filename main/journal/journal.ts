/**
 * The payment journal (SQLite, in userData). Every money attempt is written here, state
 * `pending`, before its request leaves the machine; its outcome is written when known. It holds no
 * card data and no secrets: amounts, keys, staff, Helcim's transaction id and plain-words detail.
 */
import { openDatabase, type Db } from '../db';
import type { Currency } from '../../preload/contract';

export type AttemptKind = 'purchase' | 'verify' | 'refund' | 'reverse';
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
  /** For a refund or reverse: the Helcim transaction it returns money from. */
  originalTransactionId: string | null;
  /** Our invoice number sent to Helcim (purchase, verify): how reconciliation finds it. */
  reference: string | null;
  /** Training attempts went to the simulator: no real money. */
  mode: 'training' | 'live';
  detail: string | null;
};

export type JournalEvent = { attemptId: string; at: string; kind: string; detail: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS attempts (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('purchase','verify','refund','reverse')),
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
  detail TEXT
);
CREATE INDEX IF NOT EXISTS attempts_open ON attempts (state) WHERE state IN ('pending','unknown');
CREATE INDEX IF NOT EXISTS attempts_original ON attempts (original_transaction_id);
CREATE INDEX IF NOT EXISTS attempts_created ON attempts (created_at);
CREATE TABLE IF NOT EXISTS attempt_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  attempt_id TEXT NOT NULL REFERENCES attempts(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
`;

type Row = {
  id: string; created_at: string; updated_at: string; kind: AttemptKind; amount_cents: number; currency: Currency;
  idempotency_key: string; staff_id: string; approver_id: string | null; state: AttemptState;
  helcim_transaction_id: string | null; original_transaction_id: string | null; reference: string | null;
  mode: 'training' | 'live'; detail: string | null;
};

const fromRow = (r: Row): Attempt => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, kind: r.kind, amountCents: r.amount_cents,
  currency: r.currency, idempotencyKey: r.idempotency_key, staffId: r.staff_id, approverId: r.approver_id,
  state: r.state, helcimTransactionId: r.helcim_transaction_id, originalTransactionId: r.original_transaction_id,
  reference: r.reference, mode: r.mode, detail: r.detail,
});

export class Journal {
  readonly db: Db;

  /** A database file path, or an open database shared with the other stores. */
  constructor(file: string | Db) {
    this.db = typeof file === 'string' ? openDatabase(file) : file;
    this.db.exec(SCHEMA);
  }

  /** Writes the attempt as `pending`. Call before the request is sent. */
  begin(
    a: Omit<Attempt, 'createdAt' | 'updatedAt' | 'state' | 'helcimTransactionId' | 'detail' | 'originalTransactionId' | 'reference' | 'mode'> & {
      originalTransactionId?: string;
      reference?: string;
      mode: 'training' | 'live';
    },
  ): Attempt {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO attempts (id, created_at, updated_at, kind, amount_cents, currency, idempotency_key, staff_id, approver_id, state, original_transaction_id, reference, mode)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(a.id, now, now, a.kind, a.amountCents, a.currency, a.idempotencyKey, a.staffId, a.approverId, a.originalTransactionId ?? null, a.reference ?? null, a.mode);
    this.event(a.id, 'begin', `${a.kind} ${a.amountCents} ${a.currency}`);
    return this.get(a.id)!;
  }

  /** Records an outcome. A final state (approved/declined/cancelled) is never overwritten. */
  settle(id: string, state: Exclude<AttemptState, 'pending'>, o: { helcimTransactionId?: string; detail: string }): Attempt {
    const info = this.db
      .prepare(
        `UPDATE attempts SET state = ?, helcim_transaction_id = COALESCE(?, helcim_transaction_id), detail = ?, updated_at = ?
         WHERE id = ? AND state IN ('pending','unknown')`,
      )
      .run(state, o.helcimTransactionId ?? null, o.detail, new Date().toISOString(), id);
    if (info.changes === 1) this.event(id, state, o.detail);
    return this.get(id)!;
  }

  event(attemptId: string, kind: string, detail: string): void {
    this.db
      .prepare('INSERT INTO attempt_events (attempt_id, at, kind, detail) VALUES (?, ?, ?, ?)')
      .run(attemptId, new Date().toISOString(), kind, detail.slice(0, 500));
  }

  get(id: string): Attempt | null {
    const r = this.db.prepare('SELECT * FROM attempts WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  list(limit = 200): Attempt[] {
    return (this.db.prepare('SELECT * FROM attempts ORDER BY created_at DESC LIMIT ?').all(limit) as Row[]).map(fromRow);
  }

  /** Attempts whose outcome is not known yet: they must be reconciled before anyone tries again. */
  unresolved(): Attempt[] {
    return (this.db.prepare(`SELECT * FROM attempts WHERE state IN ('pending','unknown') ORDER BY created_at`).all() as Row[]).map(fromRow);
  }

  /** The attempt that recorded this Helcim transaction, if any. */
  byHelcimTransaction(id: string): Attempt | null {
    const r = this.db.prepare('SELECT * FROM attempts WHERE helcim_transaction_id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** Refunds and reverses against one original that did or may have moved money (not declined/cancelled). */
  returnsAgainst(originalTransactionId: string): Attempt[] {
    return (
      this.db
        .prepare(`SELECT * FROM attempts WHERE original_transaction_id = ? AND state IN ('pending','unknown','approved')`)
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
