/**
 * The audit trail: every sign-in, override, staff, settings and token change. Rows are
 * hash-chained (each row's hash covers its content and the previous row's hash), so editing or
 * deleting a row breaks the chain at that row and `verify()` says where.
 * Cutting rows off the end leaves a shorter valid chain: the count is therefore kept where the file's
 * writer cannot lower it — in the OS keychain, beside the key (`keepCount`, written after each row;
 * read at start as `knownCount`) — and a trail shorter than that fails the check. (The head row in
 * the file stays for the case without a keychain count, e.g. the first start after an upgrade.)
 *
 * The chain is keyed: each row's hash is an HMAC-SHA256 under a key kept in the OS keychain and
 * bound to this database, so someone who can write the file cannot recompute a valid chain after
 * editing it. Rows written before the key existed (seq < keyedFrom) stay plain SHA-256; keyedFrom
 * is stored in the keychain beside the key, so it cannot be moved from the file either.
 */
import { createHash, createHmac } from 'node:crypto';
import { statementCache, type Db } from '../db';
import { say } from '../language';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL DEFAULT '',
  hash TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL, hash TEXT NOT NULL);
`;

export type AuditRow = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
};
export type AuditCheck =
  { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number | null; reason: string };

/** The audit HMAC key and the first row it covers. */
export type AuditKey = { key: Buffer; keyedFrom: number };

const GENESIS = '0'.repeat(64);

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly auditKey: AuditKey,
    private readonly now: () => number = Date.now,
    /** The count the keychain holds (rows there were at least), and how to keep it up to date there. */
    private readonly counted: { knownCount: number; keepCount: (count: number) => void } = {
      knownCount: 0,
      keepCount: () => {},
    },
  ) {
    db.exec(SCHEMA);
    this.sql = statementCache(db);
  }

  /** The append's three statements, compiled once (an import audits each of its rows). */
  private readonly sql: ReturnType<typeof statementCache>;

  private rowHash(r: Omit<AuditRow, 'hash'>): string {
    const content = JSON.stringify([r.seq, r.at, r.actor, r.action, r.detail, r.prev_hash]);
    if (r.seq < this.auditKey.keyedFrom) return createHash('sha256').update(content).digest('hex');
    return createHmac('sha256', this.auditKey.key).update(content).digest('hex');
  }

  append(actor: string, action: string, detail: string): void {
    this.db.transaction(() => {
      const last = this.sql('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string } | undefined;
      const row = {
        seq: (last?.seq ?? 0) + 1,
        at: new Date(this.now()).toISOString(),
        actor,
        action,
        detail: detail.slice(0, 500),
        prev_hash: last?.hash ?? GENESIS,
      };
      const hash = this.rowHash(row);
      this.sql('INSERT INTO audit (seq, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.detail,
        row.prev_hash,
        hash,
      );
      this.sql(
        'INSERT INTO audit_head (id, count, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET count = excluded.count, hash = excluded.hash',
      ).run(row.seq, hash);
      this.written = row.seq;
    })();
    this.counted.keepCount(this.written);
  }

  private written = 0;

  /** Records that `actor` did `action`. */
  record(actor: string, action: string, detail: string): void {
    this.append(actor, action, detail);
  }

  /** Runs `f`, then records it (only if it succeeded). */
  async after<T>(actor: string, action: string, detail: string, f: () => Promise<T>): Promise<T> {
    const r = await f();
    this.append(actor, action, detail);
    return r;
  }

  /** Who did what, in order (without the chain). */
  entries(): { actor: string; action: string; detail: string }[] {
    return this.rows().map(({ actor, action, detail }) => ({ actor, action, detail }));
  }

  rows(): AuditRow[] {
    return this.db.prepare('SELECT * FROM audit ORDER BY seq').all() as AuditRow[];
  }

  /** Verified at every start; the answer managers see in the status ({ok, message}). */
  startupCheck(log: (line: string) => void): AuditCheck {
    const check = this.verify();
    if (!check.ok) log(`[pos] audit trail check failed: ${check.reason}`);
    return check;
  }

  /** The start-up check in words, in the language of the manager reading the status. */
  static words(check: AuditCheck, shopCopy: AuditCheck | null = null): { ok: boolean; message: string } {
    // The counter's own trail first; then the shop database's copy of it (a linked counter).
    if (check.ok && shopCopy && !shopCopy.ok)
      return { ok: false, message: say('audit.copyAltered', { reason: shopCopy.reason }) };
    return check.ok
      ? { ok: true, message: say('audit.verified', { rows: check.rows }) }
      : { ok: false, message: say('audit.altered', { reason: check.reason }) };
  }

  /**
   * A chain of rows from the first, checked with this counter's key: none missing, each following the
   * one before, none changed. Used on this counter's own rows and on its rows in the shop database.
   */
  verifyChain(rows: AuditRow[]): AuditCheck & { last: string } {
    let prev = GENESIS;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r.seq !== i + 1)
        return { ok: false, rows: rows.length, brokenAt: i + 1, reason: `row ${i + 1} is missing`, last: prev };
      if (r.prev_hash !== prev)
        return {
          ok: false,
          rows: rows.length,
          brokenAt: r.seq,
          reason: `row ${r.seq} does not follow row ${r.seq - 1}`,
          last: prev,
        };
      if (this.rowHash(r) !== r.hash)
        return { ok: false, rows: rows.length, brokenAt: r.seq, reason: `row ${r.seq} was changed`, last: prev };
      prev = r.hash;
    }
    return { ok: true, rows: rows.length, last: prev };
  }

  verify(): AuditCheck {
    const rows = this.rows();
    const chain = this.verifyChain(rows);
    if (!chain.ok) return { ok: false, rows: chain.rows, brokenAt: chain.brokenAt, reason: chain.reason };
    const prev = chain.last;
    if (rows.length < this.counted.knownCount)
      return {
        ok: false,
        rows: rows.length,
        brokenAt: null,
        reason: `rows were cut off the end: the keychain records at least ${this.counted.knownCount}`,
      };
    const head = this.db.prepare('SELECT count, hash FROM audit_head WHERE id = 1').get() as
      { count: number; hash: string } | undefined;
    if (head && (head.count !== rows.length || head.hash !== prev))
      return {
        ok: false,
        rows: rows.length,
        brokenAt: null,
        reason: `the trail should have ${head.count} rows ending in the recorded head`,
      };
    return { ok: true, rows: rows.length };
  }
}
