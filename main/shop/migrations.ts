/**
 * The shop database's schema, in numbered migrations applied once each, in order, inside one
 * transaction under an advisory lock (two counters linking at the same moment migrate once).
 * Rows keep each counter's own keys: (counter_id, id) for attempts, (counter_id, seq) for events and
 * audit rows, so a row shipped twice is stored once and counters never collide.
 */
import type { PoolClient } from 'pg';
import { PosError } from '../errors';

/**
 * A migration an older counter can live with (only new tables, or new columns with defaults, that
 * older code neither reads nor must fill) says so: `olderCountersMayWrite: true`. Any other one,
 * once applied, stops every counter that does not know it from writing to the shop database
 * (mixed versions are normal during a rollout; the older counters keep their rows until updated).
 */
export const MIGRATIONS: { version: number; name: string; sql: string; olderCountersMayWrite?: true }[] = [
  {
    version: 1,
    name: 'counters, journal and audit rows',
    sql: `
CREATE TABLE counters (
  id TEXT PRIMARY KEY,
  invoice_prefix TEXT NOT NULL UNIQUE,
  linked_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_shipped_at TIMESTAMPTZ
);
CREATE TABLE attempts (
  counter_id TEXT NOT NULL REFERENCES counters(id),
  id TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  tender TEXT NOT NULL,
  amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
  tip_cents BIGINT NOT NULL DEFAULT 0,
  currency TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  approver_id TEXT,
  card_type TEXT,
  helcim_transaction_id TEXT,
  reference TEXT,
  mode TEXT NOT NULL,
  sale_id TEXT,
  row JSONB NOT NULL,
  PRIMARY KEY (counter_id, id)
);
CREATE INDEX attempts_period ON attempts (created_at, state, kind);
CREATE INDEX attempts_helcim ON attempts (helcim_transaction_id) WHERE helcim_transaction_id IS NOT NULL;
CREATE TABLE attempt_events (
  counter_id TEXT NOT NULL REFERENCES counters(id),
  seq BIGINT NOT NULL,
  attempt_id TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (counter_id, seq)
);
CREATE TABLE audit (
  counter_id TEXT NOT NULL REFERENCES counters(id),
  seq BIGINT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (counter_id, seq)
);`,
  },
  {
    version: 2,
    name: 'shared staff and the shop key',
    sql: `
CREATE TABLE shop_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  pepper_wrapped JSONB NOT NULL,
  founded_by TEXT NOT NULL REFERENCES counters(id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE SEQUENCE staff_version;
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
  pin_hash TEXT NOT NULL,
  active BOOLEAN NOT NULL,
  language TEXT CHECK (language IS NULL OR language IN ('en-CA', 'fr-CA')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- Raised on every change: a counter asks for what changed since the last version it saw.
  version BIGINT NOT NULL DEFAULT nextval('staff_version')
);
CREATE INDEX staff_by_version ON staff (version);`,
  },
  {
    version: 3,
    name: 'shared shop settings',
    sql: `
CREATE SEQUENCE settings_version;
CREATE TABLE shop_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT nextval('settings_version')
);`,
  },
  {
    version: 4,
    name: 'counters’ Z reports and the shop’s',
    sql: `
CREATE TABLE shop_z (
  number SERIAL PRIMARY KEY,
  closed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_by TEXT NOT NULL,
  closed_at_counter TEXT NOT NULL REFERENCES counters(id),
  net_cents BIGINT NOT NULL
);
CREATE TABLE counter_z (
  counter_id TEXT NOT NULL REFERENCES counters(id),
  number INTEGER NOT NULL,
  period_from TIMESTAMPTZ NOT NULL,
  period_to TIMESTAMPTZ NOT NULL,
  net_cents BIGINT NOT NULL,
  data JSONB NOT NULL,
  -- The shop Z that took this counter's Z in (null: not yet).
  shop_z INTEGER REFERENCES shop_z(number),
  PRIMARY KEY (counter_id, number)
);`,
  },
  {
    version: 5,
    name: 'a year of rows: the shop’s day from the index alone, a search by amount',
    sql: `
-- One day's shop report reads only this index (npm run bench: a year, 7.3 M rows).
CREATE INDEX attempts_day_totals ON attempts (created_at) INCLUDE (counter_id, state, kind, tender, amount_cents);
CREATE INDEX attempts_amount_day ON attempts (amount_cents, created_at);
DROP INDEX attempts_period;`,
  },
  {
    version: 6,
    name: 'seals on shared staff and settings, and on every counter’s rows',
    sql: `
-- Each row's seal, made by a counter with the shop's key (main/staff/seal.ts): the database cannot make one.
ALTER TABLE staff ADD COLUMN seal TEXT;
ALTER TABLE shop_settings ADD COLUMN seal TEXT;
ALTER TABLE attempts ADD COLUMN seal TEXT;
ALTER TABLE counter_z ADD COLUMN seal TEXT;
-- The shop's day checks each row's seal: still from the index alone.
DROP INDEX attempts_day_totals;
CREATE INDEX attempts_day_totals ON attempts (created_at) INCLUDE (counter_id, id, state, kind, tender, amount_cents, seal);`,
  },
  {
    version: 7,
    name: 'each counter’s sealed counts of what it shipped, so a deleted row is found',
    sql: `
-- Written by the counter with each batch, sealed with the shop's key (main/staff/seal.ts): how many of
-- its payments fall in each quarter hour, and its last Z. Fewer rows here than that: some were deleted.
-- Quarter hours: any day's bounds in any Canadian zone (Newfoundland's half hour too) fall on one.
CREATE TABLE counter_counts (
  slot INTEGER NOT NULL,
  counter_id TEXT NOT NULL REFERENCES counters(id),
  attempts INTEGER NOT NULL,
  seal TEXT NOT NULL,
  PRIMARY KEY (slot, counter_id)
);
ALTER TABLE counters ADD COLUMN shipped_z INTEGER NOT NULL DEFAULT 0;
ALTER TABLE counters ADD COLUMN shipped_seal TEXT;`,
  },
  {
    version: 8,
    name: 'the shop’s catalog: items, their barcodes and quick keys',
    sql: `
-- One sequence for items and quick-key pages: a counter asks for what changed since the last it saw.
-- Writers take an advisory lock (main/shop/shop-catalog.ts), so versions commit in order and none is skipped.
CREATE SEQUENCE catalog_version;
CREATE TABLE items (
  id TEXT PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  -- Raised by every change at a counter: a change made from an older copy is refused.
  rev INTEGER NOT NULL CHECK (rev >= 0),
  -- Everything a counter sells the item by (main/catalog/shared.ts), as its seal covers it.
  data TEXT NOT NULL,
  seal TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT nextval('catalog_version')
);
CREATE INDEX items_by_version ON items (version);
CREATE TABLE item_barcodes (
  gtin TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items(id)
);
CREATE INDEX item_barcodes_item ON item_barcodes (item_id);
CREATE TABLE quick_keys (
  department TEXT PRIMARY KEY,
  item_ids TEXT NOT NULL,
  seal TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT nextval('catalog_version')
);
CREATE INDEX quick_keys_by_version ON quick_keys (version);`,
  },
  {
    version: 9,
    name: 'what the shop files from: each counter’s tax, rounding and discount lines',
    sql: `
-- Written by a counter (main/shop/money-lines.ts) as a sale is paid or an attempt gives tax back or is
-- rounded to 5¢; sealed with the shop's key. An attempt's lines count once that attempt is approved.
CREATE TABLE counter_money_lines (
  counter_id TEXT NOT NULL REFERENCES counters(id),
  key TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  attempt_id TEXT,
  lines JSONB NOT NULL,
  seal TEXT NOT NULL,
  PRIMARY KEY (counter_id, key)
);
CREATE INDEX counter_money_lines_at ON counter_money_lines (at);`,
  },
  {
    version: 10,
    name: 'one counter looks up every counter’s terminal results',
    // New tables only: an older counter neither reads nor writes them (it goes on with its own lookups).
    olderCountersMayWrite: true,
    sql: `
-- Which counter looks up the shop's terminal results, and until when (the database's clock): a counter
-- takes the lead when it is free or its lease ran out, and the lead renews it each cycle
-- (main/shop/terminal-board.ts).
CREATE TABLE terminal_lead (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  counter_id TEXT NOT NULL REFERENCES counters(id),
  until TIMESTAMPTZ NOT NULL
);
-- Each look of the lead counter has a number: a counter believes only a look newer than the last it saw.
CREATE SEQUENCE terminal_look;
-- A counter's terminal sales waiting for a result, and what the lead counter's last look found in
-- Helcim's list for each, sealed with the shop's key (the database cannot make a result).
CREATE TABLE terminal_waits (
  counter_id TEXT NOT NULL REFERENCES counters(id),
  attempt_id TEXT NOT NULL,
  invoice_number TEXT NOT NULL,
  -- When the counter pushed it (its clock: the window of Helcim's list), and when it was posted here
  -- (the database's clock: a row a counter left behind is forgotten after an hour, whatever its clock says).
  pushed_at TIMESTAMPTZ NOT NULL,
  since TIMESTAMPTZ NOT NULL DEFAULT now(),
  looked BIGINT,
  found TEXT,
  seal TEXT,
  PRIMARY KEY (counter_id, attempt_id)
);`,
  },
];

/**
 * Refuses (a typed error) a shop database that a newer Counter POS moved past what this counter
 * knows, unless every unknown migration says older counters may go on writing. Run at connect and
 * in every shipping transaction (a counter that stays up all day meets the update mid-shift).
 */
export async function assertSchemaKnown(
  client: PoolClient,
): Promise<{ version: number; older_counters_may_write: boolean }[]> {
  const rows = (
    await client.query<{ version: number; older_counters_may_write: boolean }>(
      'SELECT version, older_counters_may_write FROM schema_migrations',
    )
  ).rows;
  const known = Math.max(...MIGRATIONS.map((m) => m.version));
  const breaking = rows.filter((r) => r.version > known && !r.older_counters_may_write).map((r) => r.version);
  if (breaking.length > 0)
    throw new PosError('database_unreadable', 'error.shop.newerSchema', {
      schema: String(Math.max(...breaking)),
      known: String(known),
    });
  return rows;
}

/** Brings the shop database up to the last migration; returns the versions applied now. */
export async function migrate(client: PoolClient): Promise<number[]> {
  await client.query('BEGIN');
  try {
    // One migrating counter at a time: the others wait here, then find nothing left to do.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['counter-pos migrations']);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    // Whether a counter that does not know a migration may still write (see MIGRATIONS); rows from before: no.
    // Here only, under the migration lock: ALTER takes an exclusive lock, never wanted in a shipping transaction.
    await client.query(
      'ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS older_counters_may_write BOOLEAN NOT NULL DEFAULT false',
    );
    const rows = await assertSchemaKnown(client);
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query(
        'INSERT INTO schema_migrations (version, name, older_counters_may_write) VALUES ($1, $2, $3)',
        [m.version, m.name, m.olderCountersMayWrite === true],
      );
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
