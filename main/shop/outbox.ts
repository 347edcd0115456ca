/**
 * The counter's outbox: what is still to ship to the shop database. SQLite triggers add an entry in
 * the same transaction as the row they name — an attempt written or changed, an event, an audit row —
 * so nothing can be journaled without being queued, a crash loses no entry, and a counter that is not
 * linked to a shop database has no triggers and pays nothing. An entry names a row, not its content:
 * the shipper sends the row as it is when it ships, so shipping it twice stores the same thing.
 */
import type { Db } from '../db';

export type OutboxTable = 'attempts' | 'attempt_events' | 'audit' | 'settings' | 'z_reports' | 'money_lines';

/**
 * The settings a shop shares (a manager's choice at any counter applies at all): its name, its
 * language, the idle lock, blind drawer closes. A counter's hardware (printer, terminal, display) and
 * its Helcim setup stay its own.
 */
export const SHARED_SETTINGS = [
  'shop.name',
  'shop.language',
  'idle_lock_seconds',
  'drawer.blind_close',
  'tax',
  'discounts',
] as const;
const SHARED_LIST = SHARED_SETTINGS.map((k) => `'${k}'`).join(', ');
export type OutboxEntry = { seq: number; tbl: OutboxTable; row_key: string };

const TRIGGERS = `
CREATE TABLE IF NOT EXISTS shop_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, row_key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shop_sync (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- A shared setting changed here ships; one brought in from the shop database (applying = 1) does not ship back.
-- Made again at every start: a version that shares one more setting (the tax) changes their list.
DROP TRIGGER IF EXISTS shop_outbox_setting_insert;
DROP TRIGGER IF EXISTS shop_outbox_setting_update;
CREATE TRIGGER IF NOT EXISTS shop_outbox_setting_insert AFTER INSERT ON settings
  WHEN NEW.key IN (${SHARED_LIST}) AND (SELECT value FROM shop_sync WHERE key = 'applying') IS NOT 1 BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('settings', NEW.key);
END;
CREATE TRIGGER IF NOT EXISTS shop_outbox_setting_update AFTER UPDATE ON settings
  WHEN NEW.key IN (${SHARED_LIST}) AND (SELECT value FROM shop_sync WHERE key = 'applying') IS NOT 1 BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('settings', NEW.key);
END;
CREATE TRIGGER IF NOT EXISTS shop_outbox_attempt_insert AFTER INSERT ON attempts BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('attempts', NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS shop_outbox_attempt_update AFTER UPDATE ON attempts BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('attempts', NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS shop_outbox_event_insert AFTER INSERT ON attempt_events BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('attempt_events', CAST(NEW.seq AS TEXT));
END;
CREATE TRIGGER IF NOT EXISTS shop_outbox_z_insert AFTER INSERT ON z_reports BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('z_reports', CAST(NEW.number AS TEXT));
END;
CREATE TRIGGER IF NOT EXISTS shop_outbox_z_update AFTER UPDATE ON z_reports BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('z_reports', CAST(NEW.number AS TEXT));
END;
CREATE TRIGGER IF NOT EXISTS shop_outbox_audit_insert AFTER INSERT ON audit BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('audit', CAST(NEW.seq AS TEXT));
END;
-- What the shop files from (money-lines.ts): a sale's tax and discounts once it is paid; a return's
-- tax and a payment's cash rounding with their attempt.
CREATE TRIGGER IF NOT EXISTS shop_outbox_sale_paid AFTER UPDATE OF state ON sales
  WHEN NEW.state = 'paid' AND OLD.state <> 'paid' BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('money_lines', 'sale:' || NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS shop_outbox_tax_return AFTER INSERT ON tax_returns BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('money_lines', 'attempt:' || NEW.attempt_id);
END;
CREATE TRIGGER IF NOT EXISTS shop_outbox_cash_rounding AFTER INSERT ON cash_rounding BEGIN
  INSERT INTO shop_outbox (tbl, row_key) VALUES ('money_lines', 'attempt:' || NEW.attempt_id);
END;
`;

/** Every key with lines to ship, oldest first: paid sales, returns that gave tax back, rounded payments. */
const ALL_MONEY_LINES = `
INSERT INTO shop_outbox (tbl, row_key) SELECT 'money_lines', 'sale:' || id FROM sales WHERE state = 'paid' ORDER BY updated_at;
INSERT INTO shop_outbox (tbl, row_key) SELECT DISTINCT 'money_lines', 'attempt:' || attempt_id FROM tax_returns;
INSERT INTO shop_outbox (tbl, row_key) SELECT 'money_lines', 'attempt:' || attempt_id FROM cash_rounding;`;

/**
 * What a counter will have shipped once a batch commits (see Outbox.headAfter): for each quarter hour
 * the batch touches, how many of its payments were created in it, and its last Z.
 */
export type ShippedHead = { counts: Map<number, number>; lastZ: number; fresh: { id: string; slot: number }[] };

/** A quarter hour, numbered from the epoch: the unit a counter's shipped payments are counted in. */
export const SLOT_MS = 15 * 60 * 1000;
export const slotOf = (at: string | number | Date): number => Math.floor(new Date(at).getTime() / SLOT_MS);

/** The payments this counter has shipped at least once, with their quarter hour: what its counts count. */
const SHIPPED = `CREATE TABLE IF NOT EXISTS shop_shipped_attempts (id TEXT PRIMARY KEY, slot INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS shop_shipped_attempts_slot ON shop_shipped_attempts (slot);`;

export class Outbox {
  constructor(private readonly db: Db) {}

  /** Linking: the triggers from now on, and every row journaled before, queued once. */
  open(): void {
    this.db.transaction(() => {
      const fresh = !this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'shop_outbox'").get();
      this.db.exec(TRIGGERS);
      if (!fresh) return;
      this.db.exec(`
        INSERT INTO shop_outbox (tbl, row_key) SELECT 'attempts', id FROM attempts ORDER BY created_at;
        INSERT INTO shop_outbox (tbl, row_key) SELECT 'attempt_events', CAST(seq AS TEXT) FROM attempt_events ORDER BY seq;
        INSERT INTO shop_outbox (tbl, row_key) SELECT 'audit', CAST(seq AS TEXT) FROM audit ORDER BY seq;
        INSERT INTO shop_outbox (tbl, row_key) SELECT 'z_reports', CAST(number AS TEXT) FROM z_reports ORDER BY number;
        ${ALL_MONEY_LINES}
        INSERT OR IGNORE INTO shop_sync (key, value) VALUES ('rows_sealed', 2);
        INSERT OR IGNORE INTO shop_sync (key, value) VALUES ('money_lines', 1);`);
    })();
  }

  /**
   * Rows shipped before rows were sealed are queued once more, so the shop database gets their seals
   * (an upsert keyed by counter and id: stored once). `shop_sync.rows_sealed` remembers it was done.
   */
  reshipForSeals(): void {
    this.db.transaction(() => {
      // 2: Z seals cover the period too, and the head counts every payment shipped (so all go once more).
      if (this.db.prepare("SELECT 1 FROM shop_sync WHERE key = 'rows_sealed' AND value >= 2").get()) return;
      this.db.exec(`
        INSERT INTO shop_outbox (tbl, row_key) SELECT 'attempts', id FROM attempts ORDER BY created_at;
        INSERT INTO shop_outbox (tbl, row_key) SELECT 'z_reports', CAST(number AS TEXT) FROM z_reports ORDER BY number;
        INSERT INTO shop_sync (key, value) VALUES ('rows_sealed', 2) ON CONFLICT (key) DO UPDATE SET value = 2;`);
    })();
  }

  /**
   * A counter linked before the shop's day had tax, rounding and discount lines queues the ones it
   * already has, once (`shop_sync.money_lines` remembers it was done).
   */
  shipMoneyLinesOnce(): void {
    this.db.transaction(() => {
      if (this.db.prepare("SELECT 1 FROM shop_sync WHERE key = 'money_lines'").get()) return;
      this.db.exec(`${ALL_MONEY_LINES}
        INSERT INTO shop_sync (key, value) VALUES ('money_lines', 1);`);
    })();
  }

  isOpen(): boolean {
    return !!this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'shop_outbox_attempt_insert'")
      .get();
  }

  /** The oldest entries still to ship. */
  next(limit: number): OutboxEntry[] {
    return this.db
      .prepare('SELECT seq, tbl, row_key FROM shop_outbox ORDER BY seq LIMIT ?')
      .all(limit) as OutboxEntry[];
  }

  /**
   * What this counter will have shipped once `entries` commit: the count of its payments in each
   * quarter hour a payment of the batch is new to, and its last Z. Written beside the batch, sealed,
   * so a reader can tell a row deleted there.
   */
  headAfter(entries: OutboxEntry[]): ShippedHead {
    this.db.exec(SHIPPED);
    const isKnown = this.db.prepare('SELECT 1 FROM shop_shipped_attempts WHERE id = ?');
    const createdAt = this.db.prepare('SELECT created_at FROM attempts WHERE id = ?');
    const fresh: ShippedHead['fresh'] = [];
    for (const id of new Set(entries.filter((e) => e.tbl === 'attempts').map((e) => e.row_key))) {
      const row = createdAt.get(id) as { created_at: string } | undefined;
      if (row && !isKnown.get(id)) fresh.push({ id, slot: slotOf(row.created_at) });
    }
    const counts = new Map<number, number>();
    const inSlot = this.db.prepare('SELECT count(*) AS n FROM shop_shipped_attempts WHERE slot = ?');
    for (const { slot } of fresh) counts.set(slot, (counts.get(slot) ?? (inSlot.get(slot) as { n: number }).n) + 1);
    const zs = entries.filter((e) => e.tbl === 'z_reports').map((e) => Number(e.row_key));
    return { counts, lastZ: Math.max(this.shippedZ(), ...zs), fresh };
  }

  private shippedZ(): number {
    return (
      (this.db.prepare("SELECT value FROM shop_sync WHERE key = 'shipped_z'").get() as { value: number } | undefined)
        ?.value ?? 0
    );
  }

  /** Entries up to `seq` reached the shop database (called only after its transaction committed), with the head they made. */
  shipped(seq: number, head?: ShippedHead): void {
    this.db.exec(SHIPPED);
    this.db.transaction(() => {
      const add = this.db.prepare('INSERT OR IGNORE INTO shop_shipped_attempts (id, slot) VALUES (?, ?)');
      // Stryker disable next-line ArrayDeclaration: equivalent — a stand-in without id and slot is ignored by INSERT OR IGNORE (NOT NULL).
      for (const f of head?.fresh ?? []) add.run(f.id, f.slot);
      if (head)
        this.db
          .prepare(
            "INSERT INTO shop_sync (key, value) VALUES ('shipped_z', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          )
          .run(head.lastZ);
      this.db.prepare('DELETE FROM shop_outbox WHERE seq <= ?').run(seq);
    })();
  }

  /** How many of this counter's audit rows have reached the shop database (those no longer waiting here). */
  shippedAuditRows(): number {
    return (
      this.db
        .prepare(
          "SELECT count(*) AS n FROM audit WHERE seq NOT IN (SELECT CAST(row_key AS INTEGER) FROM shop_outbox WHERE tbl = 'audit')",
        )
        .get() as {
        n: number;
      }
    ).n;
  }

  backlog(): number {
    if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'shop_outbox'").get()) return 0;
    return (this.db.prepare('SELECT count(*) AS n FROM shop_outbox').get() as { n: number }).n;
  }
}
