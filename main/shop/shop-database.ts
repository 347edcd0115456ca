/**
 * A counter linked to the shop's PostgreSQL database (DESIGN.md §10). The counter keeps
 * journaling locally first — a sale never waits for the shop database — and a shipper sends the
 * outbox's rows in batches, each batch one PostgreSQL transaction of idempotent upserts keyed by
 * (counter, row): shipped twice, stored once. Only after the commit are the entries taken off the
 * outbox, so a counter killed between the two ships the batch again, harmlessly. When the database
 * or the network is down the counter goes on; `state()` says since when, and shipping resumes by
 * itself. Values always travel as query parameters, never inside SQL text.
 *
 * TLS: used whenever the server offers it (like libpq's sslmode=prefer: encrypted, not verified —
 * a shop's back-office server rarely has a certificate a counter could check); a server without TLS
 * is reached in plain text on the shop's own network.
 */
import pg from 'pg';
import type { ShopDatabaseState, ShopZ } from '../../common/contract';
import { addLines, lineFields, linesFrom, moneyLinesOf, type GroupLines } from './money-lines';
import type { Db } from '../db';
import type { AuditRow } from '../journal/audit';
import { assertSchemaKnown, migrate } from './migrations';
import type { WrappedPepper } from './link-code';
import type { SharedStaff } from '../staff/store';
import { PosError } from '../errors';
import { Outbox, SLOT_MS, slotOf, type OutboxEntry } from './outbox';
import { pinnedSsl, probeServer, StrictClient, type ShopTrust } from './tls';
import { Sealer } from '../seal';
import { SIGN, type AttemptKind } from '../journal/journal';
import { ShopCatalog } from './shop-catalog';
import { ShopTerminalBoard } from './terminal-board';

/**
 * Where this counter ships, and the server it trusts there (see tls.ts). `tls` is absent only on links
 * made before certificates were pinned: those keep TLS-when-offered until a manager links again.
 */
export type ShopLink = {
  host: string;
  port: number;
  database: string;
  user: string;
  tls?: ShopTrust;
  pinnedOnFirstUse?: true;
};
export type ShopSearchRow = {
  counter_id: string;
  invoice_prefix: string;
  id: string;
  created_at: Date;
  kind: string;
  state: string;
  tender: 'card' | 'cash';
  amount_cents: number;
  currency: string;
  card_type: string | null;
  card_last4: string | null;
  staff_id: string;
};

export type ShopTotals = {
  counters: { counterId: string; invoicePrefix: string; netCents: number; cardCents: number; cashCents: number }[];
  netCents: number;
  /** Rows of the period whose seal did not hold (written or changed in the shop database): left out. */
  unsealed: number;
  /** Counters with fewer payments in the shop database than they sealed as shipped: rows deleted there. */
  missing: { counterId: string; invoicePrefix: string; payments: number }[];
  /** Tax collected and given back, cash rounding, discounts: every counter's sealed lines of the period added up. */
  lines: GroupLines;
};

/** What a counter's money lines' seal covers: the key, when they count, the attempt they wait on, the lines. */
const moneyLineFields = (key: string, at: string | Date, attemptId: string | null, lines: GroupLines) => [
  key,
  new Date(at).toISOString(),
  attemptId ?? '',
  ...lineFields(lines),
];

/** What a shipped attempt's seal covers: the columns the shop's day adds up (see attemptFields). */
type SealedAttemptRow = {
  counter_id: string;
  id: string;
  created_at: Date;
  kind: string;
  state: string;
  tender: string;
  amount_cents: string | number;
  seal: string | null;
};

/** The fields of an attempt its seal covers, in one order for the counter that writes and every reader. */
function attemptFields(a: Omit<SealedAttemptRow, 'counter_id' | 'seal'>): (string | number)[] {
  return [a.id, a.created_at.toISOString(), a.kind, a.state, a.tender, Number(a.amount_cents)];
}

/** The fields of a counter's Z its seal covers: its number, its period and the net the shop Z adds up. */
const zFields = (number: number, from: string | Date, to: string | Date, netCents: number): (string | number)[] => [
  Number(number),
  new Date(from).toISOString(),
  new Date(to).toISOString(),
  Number(netCents),
];

/** A counter's last shipped Z as a reader finds it (see Outbox.headAfter). */
type HeadRow = { id: string; invoice_prefix: string; shipped_z: number; shipped_seal: string | null };
const headFields = (lastZ: number): number[] => [Number(lastZ)];
/** What a counter's quarter-hour count seals: the quarter hour and how many of its payments are in it. */
const countFields = (slot: number, attempts: number): number[] => [Number(slot), Number(attempts)];

/** The counts of other counters this counter has seen (highest each), so an older one put back is not believed. */
const SEEN_COUNTS = `CREATE TABLE IF NOT EXISTS shop_seen_counts (
  counter_id TEXT NOT NULL, slot INTEGER NOT NULL, attempts INTEGER NOT NULL, PRIMARY KEY (counter_id, slot))`;
export type ShopState = ShopDatabaseState;

/** Rows per batch: one transaction each; small enough to keep a busy counter's lag short. */
export const SHIP_BATCH = 500;
/** How many checked row seals are remembered before the memory is cleared (bounded). */
const CHECKED_SEALS_MAX = 200_000;
/** The most batches one shipping tick sends (500,000 rows): the loop is bounded whatever happens. */
export const MAX_BATCHES_PER_TICK = 1_000;

type AttemptRow = {
  id: string;
  created_at: string;
  updated_at: string;
  kind: string;
  state: string;
  tender: string;
  amount_cents: number;
  tip_cents: number;
  currency: string;
  staff_id: string;
  approver_id: string | null;
  card_type: string | null;
  helcim_transaction_id: string | null;
  reference: string | null;
  mode: string;
  sale_id: string | null;
};

export class ShopDatabase {
  private pool: pg.Pool | null = null;
  private tls: boolean | null = null;
  private offlineSince: number | null = null;
  /** The shop database's schema, when a newer Counter POS moved it past what this counter knows (null: not so). */
  private newerSchema: number | null = null;
  private lastShippedAt: number | null = null;
  private shipping: Promise<number> | null = null;
  /** Why the last tick stopped shipping with rows still waiting (see shipAll), or null. */
  private stuck: string | null = null;
  readonly outbox: Outbox;

  constructor(
    private readonly deps: {
      db: Db;
      counterId: string;
      invoicePrefix: string;
      link: ShopLink;
      password: () => Promise<string | null>;
      now: () => number;
      /** A shared setting's seal, made with the shop's key (main/staff/seal.ts): written beside it. */
      sealSetting: (key: string, value: string) => string;
      /** A shipped row's seal (main/staff/seal.ts `row`): written by its counter, checked by every reader. */
      sealRow: (
        kind: 'attempt' | 'z' | 'count' | 'head' | 'lines',
        counterId: string,
        fields: readonly (string | number | null)[],
      ) => string;
      /**
       * An older link (no certificate confirmed at link time) just had the server's certificate pinned:
       * saved with the link from now on, and audited, for a manager to compare on the shop card.
       */
      pinnedOnFirstUse?: (link: ShopLink) => void;
      /** Test hook: called after a batch committed in PostgreSQL, before the outbox forgets it. */
      afterCommit?: (entries: OutboxEntry[]) => void;
    },
  ) {
    this.outbox = new Outbox(deps.db);
  }

  private async connect(): Promise<pg.Pool> {
    if (this.pool) return this.pool;
    const password = (await this.deps.password()) ?? undefined;
    if (!this.deps.link.tls) await this.pinOnFirstUse();
    const { tls: trust, pinnedOnFirstUse: _firstUse, ...where } = this.deps.link;
    const base = {
      ...where,
      password,
      max: 2,
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      query_timeout: 10_000,
      Client: StrictClient,
    };
    const open = async (pinned: ShopTrust) => {
      // Pinned to the certificate a manager confirmed (or pinned on first use); none only where the server has none and a manager accepted it.
      const pool = new pg.Pool({ ...base, ssl: pinned === 'none' ? false : pinnedSsl(pinned) });
      // A dropped connection is an offline database, not a crash.
      pool.on('error', () => undefined);
      const client = await pool.connect();
      try {
        await migrate(client);
        this.newerSchema = null;
        await client.query(
          'INSERT INTO counters (id, invoice_prefix) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET invoice_prefix = excluded.invoice_prefix',
          [this.deps.counterId, this.deps.invoicePrefix],
        );
      } catch (err) {
        // A newer Counter POS moved the shop database on: this counter writes nothing there until updated.
        if (err instanceof PosError && err.key === 'error.shop.newerSchema')
          this.newerSchema = Number(err.values?.schema);
        // This pool is not kept: its connection is given back and closed (the next try opens another).
        client.release();
        void pool.end().catch(() => undefined);
        // Another counter already numbers its invoices with this prefix (main/invoices/prefix.ts): the
        // shop's reports could not tell their sales apart, so this one is not let in.
        const pgErr = err as { code?: unknown; constraint?: unknown };
        if (pgErr.code === '23505' && pgErr.constraint === 'counters_invoice_prefix_key')
          throw new PosError('invalid_payload', 'error.shop.prefixTaken', { prefix: this.deps.invoicePrefix });
        throw err;
      }
      client.release();
      return pool;
    };
    // pinOnFirstUse has just given an older link its certificate, or refused it.
    this.pool = await open(trust!);
    this.tls = trust !== 'none';
    return this.pool;
  }

  /** An older link not used at all: its server offers no TLS (see pinOnFirstUse). */
  private refusedLink = false;

  /**
   * A link from before pinning has no confirmed certificate. The certificate its server presents the
   * first time this version reaches it is pinned from then on (trust on first use: saved, audited and
   * shown on the shop card, so a manager can compare it or link again). A server with no TLS is not
   * reached at all: nothing is sent in the clear unless a manager accepts it by linking again.
   */
  private async pinOnFirstUse(): Promise<void> {
    const probe = await probeServer(this.deps.link.host, this.deps.link.port);
    this.refusedLink = !probe.tls;
    if (!probe.tls)
      throw new Error(
        'the shop database offers no encrypted connection: a manager links this counter again and accepts an unencrypted one',
      );
    this.deps.link = {
      ...this.deps.link,
      tls: { fingerprint: probe.fingerprint, certificate: probe.certificate },
      pinnedOnFirstUse: true,
    };
    this.deps.pinnedOnFirstUse?.(this.deps.link);
  }

  /** Whether the shop database answers with these settings (schema brought up to date, this counter registered). */
  async reach(): Promise<{ ok: true } | { ok: false; why: string }> {
    try {
      await this.connect();
      return { ok: true };
    } catch (err) {
      if (err instanceof PosError && err.key === 'error.shop.prefixTaken') throw err;
      // PostgreSQL's own words (e.g. "password authentication failed for user"), never the password.
      const raw = err instanceof Error ? err.message : String(err);
      return { ok: false, why: raw.slice(0, 200) };
    }
  }

  /** Links this counter: its rows from now on, and all before, go to the shop database. */
  async link(): Promise<void> {
    this.outbox.open();
    await this.shipAll().catch(() => undefined);
  }

  /** One batch; resolves to the entries shipped (0: nothing to do, or offline). Never throws. */
  shipOnce(): Promise<number> {
    // One batch at a time: a timer and a caller asking together share it.
    this.shipping ??= this.ship().finally(() => (this.shipping = null));
    return this.shipping;
  }

  /**
   * Batches until the outbox is empty or the database cannot be reached — bounded: a batch that was
   * shipped but not forgotten (the outbox did not move on) stops the loop at once, and no tick ships
   * more than MAX_BATCHES_PER_TICK; either is said in `state().stuck` instead of spinning forever.
   */
  async shipAll(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const first = this.outbox.next(1)[0]?.seq;
      const n = await this.shipOnce();
      total += n;
      if (n === 0 || this.offlineSince !== null) {
        this.stuck = null;
        return total;
      }
      if (this.outbox.next(1)[0]?.seq === first) {
        this.stuck = `a batch was shipped but the outbox did not move past entry ${first}`;
        return total;
      }
    }
    this.stuck = `more than ${MAX_BATCHES_PER_TICK} batches in one tick; the rest ships next time`;
    return total;
  }

  private async ship(): Promise<number> {
    const entries = this.outbox.next(SHIP_BATCH);
    if (entries.length === 0) {
      if (this.offlineSince !== null) await this.ping();
      return 0;
    }
    try {
      const pool = await this.connect();
      const head = this.outbox.headAfter(entries);
      await inTransaction(pool, async (client) => {
        await assertSchemaKnown(client);
        await this.upsert(client, entries);
        for (const [slot, attempts] of head.counts)
          await client.query(
            `INSERT INTO counter_counts (slot, counter_id, attempts, seal) VALUES ($1, $2, $3, $4)
             ON CONFLICT (slot, counter_id) DO UPDATE SET attempts = excluded.attempts, seal = excluded.seal`,
            [
              slot,
              this.deps.counterId,
              attempts,
              this.deps.sealRow('count', this.deps.counterId, countFields(slot, attempts)),
            ],
          );
        await client.query(
          'UPDATE counters SET last_shipped_at = now(), shipped_z = $2, shipped_seal = $3 WHERE id = $1',
          [this.deps.counterId, head.lastZ, this.deps.sealRow('head', this.deps.counterId, headFields(head.lastZ))],
        );
      });
      this.deps.afterCommit?.(entries);
      this.outbox.shipped(entries.at(-1)!.seq, head);
      this.newerSchema = null;
      this.offlineSince = null;
      this.lastShippedAt = this.deps.now();
      return entries.length;
    } catch (err) {
      if (err instanceof PosError && err.key === 'error.shop.newerSchema')
        this.newerSchema = Number(err.values?.schema);
      this.wentOffline();
      return 0;
    }
  }

  private async ping(): Promise<void> {
    try {
      await (await this.connect()).query('SELECT 1');
      this.offlineSince = null;
    } catch {
      this.wentOffline();
    }
  }

  /** The shop's catalog (shop-catalog.ts), through this counter's connection. */
  readonly catalog = new ShopCatalog({
    transaction: (use) => this.reached((pool) => inTransaction(pool, use)),
    read: { query: (text, values) => this.reached((pool) => pool.query(text, values)) },
  });

  /** Shared terminal lookups (terminal-board.ts), through this counter's connection. */
  readonly terminals = new ShopTerminalBoard({
    read: { query: (text, values) => this.reached((pool) => pool.query(text, values)) },
  });

  /**
   * Work with the shop database that says, when it cannot be reached, that it cannot (and since when)
   * — while an answer from the database itself (a refusal, a key already taken) is passed on as it is.
   */
  private async reached<T>(work: (pool: pg.Pool) => Promise<T>): Promise<T> {
    const offline = () =>
      new PosError('forbidden', 'error.shop.catalogOffline', { since: this.offlineSince ?? this.deps.now() });
    let pool: pg.Pool;
    try {
      pool = await this.connect();
    } catch {
      this.wentOffline();
      throw offline();
    }
    try {
      const r = await work(pool);
      this.offlineSince = null;
      return r;
    } catch (err) {
      // The database answered and refused (SQLSTATE class 22 data, 23 a key taken, 42 a statement or a
      // permission): said as it is. Anything else — a dropped connection, the server shutting down (57) — it went away.
      if (err instanceof PosError || /^(22|23|42)[0-9A-Z]{3}$/.test(String((err as { code?: unknown }).code)))
        throw err;
      this.wentOffline();
      throw offline();
    }
  }

  private wentOffline(): void {
    this.offlineSince ??= this.deps.now();
    // A fresh pool next time: the server may have restarted, or moved to TLS.
    const old = this.pool;
    this.pool = null;
    void old?.end().catch(() => undefined);
  }

  private async upsert(client: pg.PoolClient, entries: OutboxEntry[]): Promise<void> {
    const keys = (tbl: OutboxEntry['tbl']) => [...new Set(entries.filter((e) => e.tbl === tbl).map((e) => e.row_key))];
    const attempts = this.rows<AttemptRow & Record<string, unknown>>(
      'SELECT * FROM attempts WHERE id IN',
      keys('attempts'),
    );
    for (const a of attempts)
      await client.query(
        `INSERT INTO attempts (counter_id, id, created_at, updated_at, kind, state, tender, amount_cents, tip_cents, currency, staff_id, approver_id,
           card_type, helcim_transaction_id, reference, mode, sale_id, row, seal)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         ON CONFLICT (counter_id, id) DO UPDATE SET updated_at = excluded.updated_at, state = excluded.state, amount_cents = excluded.amount_cents,
           tip_cents = excluded.tip_cents, approver_id = excluded.approver_id, card_type = excluded.card_type,
           helcim_transaction_id = excluded.helcim_transaction_id, reference = excluded.reference, sale_id = excluded.sale_id, row = excluded.row,
           seal = excluded.seal`,
        [
          this.deps.counterId,
          a.id,
          a.created_at,
          a.updated_at,
          a.kind,
          a.state,
          a.tender,
          a.amount_cents,
          a.tip_cents,
          a.currency,
          a.staff_id,
          a.approver_id,
          a.card_type,
          a.helcim_transaction_id,
          a.reference,
          a.mode,
          a.sale_id,
          JSON.stringify(a),
          this.deps.sealRow(
            'attempt',
            this.deps.counterId,
            attemptFields({ ...a, created_at: new Date(a.created_at) }),
          ),
        ],
      );
    const events = this.rows<{ seq: number; attempt_id: string; at: string; kind: string; detail: string }>(
      'SELECT * FROM attempt_events WHERE seq IN',
      keys('attempt_events').map(Number),
    );
    for (const e of events)
      await client.query(
        'INSERT INTO attempt_events (counter_id, seq, attempt_id, at, kind, detail) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (counter_id, seq) DO NOTHING',
        [this.deps.counterId, e.seq, e.attempt_id, e.at, e.kind, e.detail],
      );
    const zs = this.rows<{ number: number; period_from: string; period_to: string; data: string }>(
      'SELECT * FROM z_reports WHERE number IN',
      keys('z_reports').map(Number),
    );
    for (const z of zs) {
      // The Z's data is written just after its row (reports.ts): shipped again when it is.
      const net = Number((JSON.parse(z.data) as { netCents?: number }).netCents ?? 0);
      // Sealed with its tax, rounding and discount lines (a Z from before them has none, and seals as before).
      const extra = lineFields(linesFrom(z.data));
      await client.query(
        `INSERT INTO counter_z (counter_id, number, period_from, period_to, net_cents, data, seal) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (counter_id, number) DO UPDATE SET period_from = excluded.period_from, period_to = excluded.period_to,
           net_cents = excluded.net_cents, data = excluded.data, seal = excluded.seal`,
        [
          this.deps.counterId,
          z.number,
          z.period_from,
          z.period_to,
          net,
          z.data,
          this.deps.sealRow('z', this.deps.counterId, [
            ...zFields(z.number, z.period_from, z.period_to, net),
            ...extra,
          ]),
        ],
      );
    }
    for (const key of keys('money_lines')) {
      const m = moneyLinesOf(this.deps.db, key);
      if (!m) continue;
      await client.query(
        `INSERT INTO counter_money_lines (counter_id, key, at, attempt_id, lines, seal) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (counter_id, key) DO UPDATE SET at = excluded.at, attempt_id = excluded.attempt_id, lines = excluded.lines, seal = excluded.seal`,
        [
          this.deps.counterId,
          m.key,
          m.at,
          m.attemptId,
          JSON.stringify(m.lines),
          this.deps.sealRow('lines', this.deps.counterId, moneyLineFields(m.key, m.at, m.attemptId, m.lines)),
        ],
      );
    }
    const settings = this.rows<{ key: string; value: string }>(
      'SELECT key, value FROM settings WHERE key IN',
      keys('settings'),
    );
    for (const r of settings) await this.writeSetting(client, r);
    const audit = this.rows<AuditRow>('SELECT * FROM audit WHERE seq IN', keys('audit').map(Number));
    for (const r of audit)
      await client.query(
        `INSERT INTO audit (counter_id, seq, at, actor, action, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (counter_id, seq) DO NOTHING`,
        [this.deps.counterId, r.seq, r.at, r.actor, r.action, r.detail, r.prev_hash, r.hash],
      );
  }

  /** Local rows by key, in chunks (SQLite's parameter limit), values bound as parameters. */
  private rows<T>(select: string, keys: (string | number)[]): T[] {
    const out: T[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      out.push(...(this.deps.db.prepare(`${select} (${chunk.map(() => '?').join(', ')})`).all(...chunk) as T[]));
    }
    return out;
  }

  state(): ShopState {
    return {
      linked: this.outbox.isOpen(),
      online: this.offlineSince === null && this.pool !== null,
      offlineSince: this.offlineSince === null ? null : new Date(this.offlineSince).toISOString(),
      backlog: this.outbox.backlog(),
      lastShippedAt: this.lastShippedAt === null ? null : new Date(this.lastShippedAt).toISOString(),
      tls: this.tls,
      pinned: this.deps.link.tls && this.deps.link.tls !== 'none' ? this.deps.link.tls.fingerprint : null,
      pinnedOnFirstUse: this.deps.link.pinnedOnFirstUse === true,
      refused: this.refusedLink,
      stuck: this.stuck,
      newerSchema: this.newerSchema,
    };
  }

  /**
   * The whole shop's totals for a period, per counter and together: money in less money back
   * (the same signs as a counter's X report), by tender. Asked of the shop database.
   */
  async shopTotals(from: string, to: string): Promise<ShopTotals> {
    const pool = await this.connect();
    // Every row of the day, whatever its state column says, each checked against its counter's seal
    // (the index holds all of it): a row the shop database wrote or changed is left out and counted.
    const r = await pool.query<SealedAttemptRow & { invoice_prefix: string }>(
      `SELECT a.counter_id, c.invoice_prefix, a.id, a.created_at, a.kind, a.state, a.tender, a.amount_cents, a.seal
         FROM attempts a JOIN counters c ON c.id = a.counter_id
        WHERE a.created_at >= $1 AND a.created_at < $2`,
      [from, to],
    );
    const counters = new Map<string, ShopTotals['counters'][number]>();
    const prefixes = new Map<string, string>();
    // Attempts of the period whose seal holds and that were approved: an attempt's lines count only then.
    const approved = new Set<string>();
    // Sealed payments per counter and quarter hour, to hold against what each counter sealed it shipped.
    const held = new Map<string, number>();
    let unsealed = 0;
    for (const row of r.rows) {
      prefixes.set(row.counter_id, row.invoice_prefix);
      if (!this.sealHolds(row)) {
        unsealed++;
        continue;
      }
      const key = `${row.counter_id} ${slotOf(row.created_at)}`;
      held.set(key, (held.get(key) ?? 0) + 1);
      if (row.state !== 'approved') continue;
      approved.add(`${row.counter_id} ${row.id}`);
      const c = counters.get(row.counter_id) ?? {
        counterId: row.counter_id,
        invoicePrefix: row.invoice_prefix,
        netCents: 0,
        cardCents: 0,
        cashCents: 0,
      };
      const cents = (SIGN[row.kind as AttemptKind] ?? 0) * Number(row.amount_cents);
      c.netCents += cents;
      if (row.tender === 'cash') c.cashCents += cents;
      else c.cardCents += cents;
      counters.set(row.counter_id, c);
    }
    const list = [...counters.values()].sort((a, b) => a.invoicePrefix.localeCompare(b.invoicePrefix));
    const checked = await this.missingPayments(pool, from, to, held, prefixes);
    const lines = await this.moneyLinesBetween(pool, from, to, approved);
    return {
      counters: list,
      netCents: list.reduce((n, c) => n + c.netCents, 0),
      // A count or a line the database wrote or changed is a row it wrote: said with the others.
      unsealed: unsealed + checked.unsealedCounts + lines.unsealed,
      missing: checked.missing,
      lines: lines.lines,
    };
  }

  /**
   * The counters' tax, rounding and discount lines of a period, added up: each checked against its
   * counter's seal (one the database wrote or changed is left out and counted), an attempt's only once
   * that attempt — sealed too — was approved.
   */
  private async moneyLinesBetween(
    pool: pg.Pool,
    from: string,
    to: string,
    approved: ReadonlySet<string>,
  ): Promise<{ lines: GroupLines; unsealed: number }> {
    const r = await pool.query<{
      counter_id: string;
      key: string;
      at: Date;
      attempt_id: string | null;
      lines: unknown;
      seal: string;
    }>('SELECT counter_id, key, at, attempt_id, lines, seal FROM counter_money_lines WHERE at >= $1 AND at < $2', [
      from,
      to,
    ]);
    let unsealed = 0;
    const kept: GroupLines[] = [];
    for (const row of r.rows) {
      const lines = linesFrom(row.lines);
      const fields = moneyLineFields(row.key, row.at, row.attempt_id, lines);
      if (!Sealer.matches(row.seal, this.deps.sealRow('lines', row.counter_id, fields))) {
        unsealed++;
        continue;
      }
      if (row.attempt_id !== null && !approved.has(`${row.counter_id} ${row.attempt_id}`)) continue;
      kept.push(lines);
    }
    return { lines: addLines(kept), unsealed };
  }

  /**
   * Counters whose payments of the period the shop database holds fewer of (sealed) than they sealed
   * as shipped, quarter hour by quarter hour: rows deleted there. Only quarter hours wholly inside the
   * period are compared (a day's bounds fall on them). A count whose seal does not hold, or lower than
   * one this counter has already seen (an older count put back), is not believed: the highest sealed
   * count seen is what the rows are held to.
   */
  private async missingPayments(
    pool: pg.Pool,
    from: string,
    to: string,
    held: Map<string, number>,
    prefixes: Map<string, string>,
  ): Promise<{ missing: ShopTotals['missing']; unsealedCounts: number }> {
    const first = Math.ceil(Date.parse(from) / SLOT_MS);
    const end = Math.floor(Date.parse(to) / SLOT_MS);
    const claims = await pool.query<{
      slot: number;
      counter_id: string;
      invoice_prefix: string;
      attempts: number;
      seal: string;
    }>(
      `SELECT k.slot, k.counter_id, c.invoice_prefix, k.attempts, k.seal FROM counter_counts k JOIN counters c ON c.id = k.counter_id
        WHERE k.slot >= $1 AND k.slot < $2`,
      [first, end],
    );
    this.deps.db.exec(SEEN_COUNTS);
    const seenRows = this.deps.db
      .prepare('SELECT counter_id, slot, attempts FROM shop_seen_counts WHERE slot >= ? AND slot < ?')
      .all(first, end) as {
      counter_id: string;
      slot: number;
      attempts: number;
    }[];
    const believed = new Map(seenRows.map((s) => [`${s.counter_id} ${s.slot}`, s.attempts]));
    const remember = this.deps.db.prepare(
      'INSERT INTO shop_seen_counts (counter_id, slot, attempts) VALUES (?, ?, ?) ON CONFLICT (counter_id, slot) DO UPDATE SET attempts = excluded.attempts',
    );
    let unsealedCounts = 0;
    for (const k of claims.rows) {
      prefixes.set(k.counter_id, k.invoice_prefix);
      if (!Sealer.matches(k.seal, this.deps.sealRow('count', k.counter_id, countFields(k.slot, k.attempts)))) {
        unsealedCounts++;
        continue;
      }
      const key = `${k.counter_id} ${k.slot}`;
      if (k.attempts > (believed.get(key) ?? 0)) {
        believed.set(key, k.attempts);
        remember.run(k.counter_id, k.slot, k.attempts);
      }
    }
    const short = new Map<string, number>();
    for (const [key, attempts] of believed) {
      const gone = attempts - (held.get(key) ?? 0);
      const counter = key.slice(0, key.indexOf(' '));
      if (gone > 0) short.set(counter, (short.get(counter) ?? 0) + gone);
    }
    const missing = [...short]
      .map(([counterId, payments]) => ({ counterId, invoicePrefix: prefixes.get(counterId) ?? counterId, payments }))
      .sort((a, b) => a.invoicePrefix.localeCompare(b.invoicePrefix));
    return { missing, unsealedCounts };
  }

  /**
   * A counter's last shipped Z as far as this counter believes it (see closeShopDay), remembered
   * locally; null when the record does not hold its counter's seal (changed in the database: a counter
   * that never shipped a Z has none, and that is no change).
   */
  private believedLastZ(h: HeadRow): number | null {
    const key = `seen_head_z:${h.id}`;
    const seen =
      (this.deps.db.prepare('SELECT value FROM shop_sync WHERE key = ?').get(key) as { value: number } | undefined)
        ?.value ?? 0;
    const claimed = Number(h.shipped_z);
    const pristine = h.shipped_seal === null && claimed === 0;
    if (!pristine && !Sealer.matches(h.shipped_seal, this.deps.sealRow('head', h.id, headFields(claimed)))) return null;
    if (claimed <= seen) return seen;
    this.deps.db
      .prepare(
        'INSERT INTO shop_sync (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, claimed);
    return claimed;
  }

  // ---- shared staff -------------------------------------------------------------------------

  /** Every counter's invoice prefix in the shop (the reports tell another counter's sale by it). */
  async counterPrefixes(): Promise<string[]> {
    return (
      await (await this.connect()).query<{ invoice_prefix: string }>('SELECT invoice_prefix FROM counters')
    ).rows.map((r) => r.invoice_prefix);
  }

  /** The shop's pepper, wrapped under the link code; null before any counter founded the shop. */
  async shopKey(): Promise<WrappedPepper | null> {
    const r = await (
      await this.connect()
    ).query<{ pepper_wrapped: WrappedPepper }>('SELECT pepper_wrapped FROM shop_key WHERE id = 1');
    return r.rows[0]?.pepper_wrapped ?? null;
  }

  /** The shop's pepper wrapped under a new link code (the old code stops working). */
  async rewrapPepper(wrapped: WrappedPepper): Promise<void> {
    const r = await (
      await this.connect()
    ).query('UPDATE shop_key SET pepper_wrapped = $1 WHERE id = 1', [JSON.stringify(wrapped)]);
    if (r.rowCount !== 1) throw new Error('no shop key to wrap again');
  }

  /** This counter founds the shop: its pepper (wrapped), its staff and its shared settings. False if another counter was first. */
  async found(
    wrapped: WrappedPepper,
    staff: SharedStaff[],
    settings: { key: string; value: string }[],
  ): Promise<boolean> {
    return inTransaction(await this.connect(), async (client) => {
      const made = await client.query(
        'INSERT INTO shop_key (id, pepper_wrapped, founded_by) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING',
        [JSON.stringify(wrapped), this.deps.counterId],
      );
      // Another counter was first: nothing was written (the transaction commits nothing).
      if (made.rowCount !== 1) return false;
      for (const r of staff) await this.writeStaff(client, r);
      for (const r of settings) await this.writeSetting(client, r);
      return true;
    });
  }

  private async writeStaff(q: pg.Pool | pg.PoolClient, r: SharedStaff): Promise<void> {
    await q.query(
      `INSERT INTO staff (id, name, name_key, role, pin_hash, active, language, created_at, updated_at, seal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, role = excluded.role, pin_hash = excluded.pin_hash,
         active = excluded.active, language = excluded.language, updated_at = excluded.updated_at, seal = excluded.seal, version = nextval('staff_version')`,
      [r.id, r.name, r.name_key, r.role, r.pin_hash, r.active, r.language, r.created_at, r.updated_at, r.seal],
    );
  }

  private async writeSetting(q: pg.Pool | pg.PoolClient, r: { key: string; value: string }): Promise<void> {
    await q.query(
      `INSERT INTO shop_settings (key, value, seal) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, seal = excluded.seal, version = nextval('settings_version')
       WHERE shop_settings.value <> excluded.value OR shop_settings.seal IS DISTINCT FROM excluded.seal`,
      [r.key, r.value, this.deps.sealSetting(r.key, r.value)],
    );
  }

  /**
   * A shop from before seals: its rows get their seals from this counter's own (sealed) copy, only
   * where the shop database has none and its row is the same as this counter's — a row changed in the
   * database meanwhile stays unsealed, and so refused by every counter.
   */
  async sealUnsealed(staff: SharedStaff[], settings: { key: string; value: string }[]): Promise<void> {
    const pool = await this.connect();
    for (const r of staff)
      await pool.query(
        `UPDATE staff SET seal = $1, version = nextval('staff_version') WHERE id = $2 AND seal IS NULL AND name = $3 AND role = $4 AND pin_hash = $5
           AND active = $6 AND language IS NOT DISTINCT FROM $7 AND updated_at = $8`,
        [r.seal, r.id, r.name, r.role, r.pin_hash, r.active, r.language, r.updated_at],
      );
    for (const r of settings)
      await pool.query(
        `UPDATE shop_settings SET seal = $1, version = nextval('settings_version') WHERE key = $2 AND value = $3 AND seal IS NULL`,
        [this.deps.sealSetting(r.key, r.value), r.key, r.value],
      );
  }

  /** Shared settings changed since `version`, and the version now reached. */
  async pullSettings(
    version: number,
  ): Promise<{ rows: { key: string; value: string; seal: string | null }[]; version: number }> {
    const r = await (
      await this.connect()
    ).query<{ key: string; value: string; seal: string | null; version: string }>(
      'SELECT key, value, seal, version FROM shop_settings WHERE version > $1 ORDER BY version',
      [version],
    );
    return {
      rows: r.rows.map(({ key, value, seal }) => ({ key, value, seal })),
      version: r.rows.length ? Number(r.rows.at(-1)!.version) : version,
    };
  }

  /** A staff change made at this counter, into the shop database first (it is the source of truth). */
  async pushStaff(r: SharedStaff): Promise<void> {
    let pool: pg.Pool;
    try {
      pool = await this.connect();
    } catch {
      this.wentOffline();
      throw new PosError('forbidden', 'error.shop.staffOffline', { since: this.offlineSince ?? this.deps.now() });
    }
    try {
      await this.writeStaff(pool, r);
    } catch (err) {
      // 23505: the name (its look-alike key) belongs to someone added at another counter.
      if ((err as { code?: string }).code === '23505')
        throw new PosError('invalid_payload', 'error.staff.nameTaken', { name: r.name });
      this.wentOffline();
      throw new PosError('forbidden', 'error.shop.staffOffline', { since: this.offlineSince ?? this.deps.now() });
    }
  }

  /** Staff changed since `version` (everyone for 0), and the version now reached. */
  async pullStaff(version: number): Promise<{ rows: SharedStaff[]; version: number }> {
    let r: pg.QueryResult<SharedStaff & { version: string }>;
    try {
      const pool = await this.connect();
      r = await pool.query<SharedStaff & { version: string }>(
        'SELECT id, name, name_key, role, pin_hash, active, language, created_at, updated_at, seal, version FROM staff WHERE version > $1 ORDER BY version',
        [version],
      );
    } catch (err) {
      // Asked every couple of seconds: the first sign that the shop database went away, even with nothing to ship.
      this.wentOffline();
      throw err;
    }
    this.offlineSince = null;
    return {
      rows: r.rows.map(({ version: _v, ...row }) => row),
      version: r.rows.length ? Number(r.rows.at(-1)!.version) : version,
    };
  }

  /**
   * The shop's Z: every counter's Z reports not yet in a shop Z, added up and marked, in one
   * transaction (two managers closing at once make one shop Z). Refused, naming them, while any
   * counter has sales after its last Z: that counter closes its own day first.
   */
  async closeShopDay(actor: string): Promise<ShopZ> {
    const client = await (await this.connect()).connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['counter-pos shop z']);
      const zs = await client.query<{
        counter_id: string;
        invoice_prefix: string;
        number: number;
        period_from: Date;
        period_to: Date;
        net_cents: string;
        seal: string | null;
        data: unknown;
      }>(
        `SELECT z.counter_id, c.invoice_prefix, z.number, z.period_from, z.period_to, z.net_cents, z.seal, z.data FROM counter_z z JOIN counters c ON c.id = z.counter_id
          WHERE z.shop_z IS NULL ORDER BY c.invoice_prefix, z.number`,
      );
      // A Z the shop database holds that its counter did not seal (written or changed there) stops the shop Z, named.
      const forged = zs.rows.filter(
        (z) =>
          !Sealer.matches(
            z.seal,
            this.deps.sealRow('z', z.counter_id, [
              ...zFields(z.number, z.period_from, z.period_to, Number(z.net_cents)),
              ...lineFields(linesFrom(z.data)),
            ]),
          ),
      );
      if (forged.length)
        throw new PosError('invalid_payload', 'error.shop.zUnsealed', {
          counters: [...new Set(forged.map((z) => `${z.invoice_prefix} Z${z.number}`))].join(', '),
        });
      // A Z its counter shipped that is no longer there (deleted) stops it too, named: the shop Z would miss its money.
      const heads = await client.query<HeadRow & { numbers: number[] }>(
        `SELECT c.id, c.invoice_prefix, c.shipped_z, c.shipped_seal,
                COALESCE((SELECT array_agg(z.number) FROM counter_z z WHERE z.counter_id = c.id), '{}') AS numbers
           FROM counters c ORDER BY c.invoice_prefix`,
      );
      const changed = heads.rows.filter((h) => this.believedLastZ(h) === null).map((h) => h.invoice_prefix);
      if (changed.length)
        throw new PosError('invalid_payload', 'error.shop.zHeadUnsealed', { counters: changed.join(', ') });
      const gone = heads.rows.flatMap((h) => {
        const have = new Set(h.numbers.map(Number));
        const last = this.believedLastZ(h) ?? 0;
        return Array.from({ length: last }, (_, i) => i + 1)
          .filter((n) => !have.has(n))
          .map((n) => `${h.invoice_prefix} Z${n}`);
      });
      if (gone.length) throw new PosError('invalid_payload', 'error.shop.zMissing', { counters: gone.join(', ') });
      const open = await client.query<{ invoice_prefix: string }>(
        `SELECT c.invoice_prefix FROM counters c
          WHERE EXISTS (SELECT 1 FROM attempts a
                         WHERE a.counter_id = c.id AND a.state = 'approved' AND a.kind IN ('purchase', 'capture', 'refund', 'reverse')
                           AND a.created_at >= COALESCE((SELECT max(z.period_to) FROM counter_z z WHERE z.counter_id = c.id), '-infinity'))
          ORDER BY c.invoice_prefix`,
      );
      if (open.rows.length)
        throw new PosError('invalid_payload', 'error.shop.zOpenCounters', {
          counters: open.rows.map((r) => r.invoice_prefix).join(', '),
        });
      if (zs.rows.length === 0) throw new PosError('invalid_payload', 'error.shop.zNothing');
      const net = zs.rows.reduce((n, z) => n + Number(z.net_cents), 0);
      const made = await client.query<{ number: number; closed_at: Date }>(
        'INSERT INTO shop_z (closed_by, closed_at_counter, net_cents) VALUES ($1, $2, $3) RETURNING number, closed_at',
        [actor, this.deps.counterId, net],
      );
      const number = made.rows[0]!.number;
      await client.query('UPDATE counter_z SET shop_z = $1 WHERE shop_z IS NULL', [number]);
      await client.query('COMMIT');
      const byCounter = new Map<string, ShopZ['counters'][number]>();
      for (const z of zs.rows) {
        const c = byCounter.get(z.counter_id) ?? { invoicePrefix: z.invoice_prefix, zNumbers: [], netCents: 0 };
        c.zNumbers.push(z.number);
        c.netCents += Number(z.net_cents);
        byCounter.set(z.counter_id, c);
      }
      return {
        number,
        closedAt: made.rows[0]!.closed_at.toISOString(),
        counters: [...byCounter.values()],
        netCents: net,
        ...addLines(zs.rows.map((z) => linesFrom(z.data))),
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Payments of every counter in one period, newest first, by amount and card last four if given
   * (History → the whole shop). At most 500 rows.
   */
  async searchShop(q: { from: string; to: string; amountCents?: number; last4?: string }): Promise<ShopSearchRow[]> {
    const pool = await this.connect();
    const r = await pool.query<ShopSearchRow & { amount_cents: string; seal: string | null }>(
      `SELECT a.counter_id, c.invoice_prefix, a.id, a.created_at, a.kind, a.state, a.tender, a.amount_cents, a.currency, a.card_type,
              a.row->>'card_last4' AS card_last4, a.staff_id, a.seal
         FROM attempts a JOIN counters c ON c.id = a.counter_id
        WHERE a.created_at >= $1 AND a.created_at < $2
          AND ($3::bigint IS NULL OR a.amount_cents = $3)
          AND ($4::text IS NULL OR a.row->>'card_last4' = $4)
        ORDER BY a.created_at DESC LIMIT 500`,
      [q.from, q.to, q.amountCents ?? null, q.last4 ?? null],
    );
    // Only rows their counter sealed: one the shop database wrote is not shown as a payment.
    return r.rows
      .filter((x) => this.sealHolds(x))
      .map(({ seal: _seal, ...x }) => ({ ...x, amount_cents: Number(x.amount_cents) }));
  }

  /** Whether a shipped attempt's seal holds for the counter it names. */
  private sealHolds(r: SealedAttemptRow): boolean {
    const fields = attemptFields(r);
    // A row already checked with exactly these fields and this seal is not checked again (an HMAC per
    // row is most of a day's report); any change to a field or the seal makes another key. Joined with
    // NUL, which no PostgreSQL text value can hold, so two different rows never make one key.
    const key = [r.counter_id, ...fields, r.seal ?? ''].join('\u0000');
    const known = this.checkedSeals.get(key);
    if (known !== undefined) return known;
    const holds = Sealer.matches(r.seal, this.deps.sealRow('attempt', r.counter_id, fields));
    if (this.checkedSeals.size >= CHECKED_SEALS_MAX) this.checkedSeals.clear();
    this.checkedSeals.set(key, holds);
    return holds;
  }

  /** Seals already checked this run (see sealHolds), at most CHECKED_SEALS_MAX (a busy week of a shop). */
  private readonly checkedSeals = new Map<string, boolean>();

  /** This counter's audit rows as the shop database holds them, in order (to verify with its key). */
  async shippedAudit(): Promise<AuditRow[]> {
    const pool = await this.connect();
    const r = await pool.query<AuditRow & { seq: string }>(
      'SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit WHERE counter_id = $1 ORDER BY seq',
      [this.deps.counterId],
    );
    return r.rows.map((x) => ({ ...x, seq: Number(x.seq) }));
  }

  async close(): Promise<void> {
    await this.shipping?.catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
    this.pool = null;
  }
}

/**
 * One transaction on one connection of the pool: committed if `use` resolves, rolled back if it throws.
 * The server going away mid-transaction fails the query (the caller says so); it must not crash the counter too.
 */
export async function inTransaction<T>(pool: pg.Pool, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const dropped = () => undefined;
  client.on('error', dropped);
  try {
    await client.query('BEGIN');
    const r = await use(client);
    await client.query('COMMIT');
    return r;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.off('error', dropped);
    client.release();
  }
}
