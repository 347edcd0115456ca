/**
 * The item catalog: what the shop sells, at what price, under which barcodes. Items live in the
 * counter's SQLite file; barcodes are stored as GTIN-14 (barcodes.ts), and names, SKUs and
 * departments are searched through an FTS5 index whose tokenizer removes diacritics, so "creme"
 * finds "Crème brûlée" and "CAFE" finds "café" — in English and French alike.
 *
 * Managers add, change and deactivate items (the policy table says who may); every change is
 * audited with who made it and, for a price, what it was before and after. An item is never deleted:
 * sales and returns keep pointing at it.
 */
import { randomUUID } from 'node:crypto';
import { statementCache, type Db } from '../db';
import { PosError } from '../errors';
import type { ItemDraft, ItemView, SoldBy, TaxCategory } from '../../common/contract';
import { storedBarcodes, type LabelPattern } from './barcodes';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS items (
  -- The search index's row number: an INTEGER PRIMARY KEY never changes, not even at VACUUM.
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sku TEXT NOT NULL UNIQUE,
  name_en TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  price_cents INTEGER CHECK (price_cents IS NULL OR price_cents >= 0),
  tax_category TEXT NOT NULL,
  department TEXT NOT NULL,
  sold_by TEXT NOT NULL CHECK (sold_by IN ('unit', 'kg', 'lb')),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  -- Raised by every change: at a shop database, a change made from an older copy is refused (shared.ts).
  rev INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS item_barcodes (
  gtin TEXT PRIMARY KEY CHECK (length(gtin) = 14),
  item_id TEXT NOT NULL REFERENCES items(id)
);
CREATE INDEX IF NOT EXISTS item_barcodes_item ON item_barcodes(item_id);
CREATE VIRTUAL TABLE IF NOT EXISTS items_search USING fts5(
  name_en, name_fr, sku, department,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
CREATE TABLE IF NOT EXISTS catalog_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO catalog_meta (key, value) VALUES ('version', 0);
`;

/**
 * The search index of a catalog made before it had prefix indexes (1 to 3 letters, what a cashier
 * types first): made again from the items, in one transaction.
 */
function migrateOlderCatalog(db: Db): void {
  // A catalog from before revisions: each item starts at 0.
  const columns = db.prepare('PRAGMA table_info(items)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'rev')) db.exec('ALTER TABLE items ADD COLUMN rev INTEGER NOT NULL DEFAULT 0');
  const made = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'items_search'").get() as { sql: string };
  if (made.sql.includes('prefix')) return;
  db.transaction(() => {
    db.exec('DROP TABLE items_search');
    db.exec(SCHEMA);
    db.exec(
      'INSERT INTO items_search (rowid, name_en, name_fr, sku, department) SELECT seq, name_en, name_fr, sku, department FROM items',
    );
  })();
}

type ItemRow = {
  seq: number;
  id: string;
  sku: string;
  name_en: string;
  name_fr: string;
  price_cents: number | null;
  tax_category: string;
  department: string;
  sold_by: SoldBy;
  active: number;
};

/** At most this many results per search: a screen shows a page of them, never the whole catalog. */
export const SEARCH_LIMIT = 50;
/** A search with more matches than this is not ranked (it is too broad to be worth it; see search). */
export const RANK_AT_MOST = 2_000;

/** A price or its absence, for the audit line. */
const priceText = (cents: number | null) => (cents === null ? 'open' : String(cents));

/**
 * The words of a search, each matched as the start of a word ("cre" finds "crème"). Quotes are
 * doubled so that no text typed can become FTS5 syntax.
 */
function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

export class Catalog {
  constructor(
    private readonly deps: {
      db: Db;
      now: () => number;
      /** Writes an audit row (who, what, detail). */
      record: (actor: string, action: string, detail: string) => void;
      /** How this shop's scales print their labels. */
      labels: () => readonly LabelPattern[];
    },
  ) {
    deps.db.exec(SCHEMA);
    migrateOlderCatalog(deps.db);
    this.sql = statementCache(deps.db);
  }

  /** Every statement here, compiled once: an import runs each of them for every row. */
  private readonly sql: ReturnType<typeof statementCache>;

  /**
   * How many times the catalog was written: a preview made at one version is confirmed only if the
   * catalog is still at it (import.ts). Kept in the database, so every writer counts.
   */
  version(): number {
    return (this.sql("SELECT value FROM catalog_meta WHERE key = 'version'").get() as { value: number }).value;
  }

  /** Counts a write (also one from the shop database: shared.ts). */
  bump(): void {
    this.sql("UPDATE catalog_meta SET value = value + 1 WHERE key = 'version'").run();
  }

  private view(r: ItemRow): ItemView {
    return this.views([r])[0]!;
  }

  /** Items as the screens see them, their barcodes read in one query for all of them. */
  private views(rows: readonly ItemRow[]): ItemView[] {
    // Stryker disable next-line ConditionalExpression: equivalent — no rows, no barcodes asked for, no views; this only saves the query.
    if (rows.length === 0) return [];
    const codes = new Map<string, string[]>(rows.map((r) => [r.id, []]));
    const found = this.sql(
      `SELECT item_id, gtin FROM item_barcodes WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY gtin`,
    ).all(JSON.stringify(rows.map((r) => r.id))) as { item_id: string; gtin: string }[];
    for (const b of found) codes.get(b.item_id)!.push(b.gtin);
    return rows.map((r) => ({
      id: r.id,
      sku: r.sku,
      name: { en: r.name_en, fr: r.name_fr },
      priceCents: r.price_cents,
      taxCategory: r.tax_category as TaxCategory,
      department: r.department,
      soldBy: r.sold_by,
      active: r.active === 1,
      barcodes: codes.get(r.id)!,
    }));
  }

  get(id: string): ItemView | null {
    const r = this.sql('SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
    return r ? this.view(r) : null;
  }

  /** The item with this SKU, active or not. */
  bySku(sku: string): ItemView | null {
    const r = this.sql('SELECT * FROM items WHERE sku = ?').get(sku) as ItemRow | undefined;
    return r ? this.view(r) : null;
  }

  /** Every item, by SKU (an export). */
  all(): ItemView[] {
    return this.views(this.sql('SELECT * FROM items ORDER BY sku').all() as ItemRow[]);
  }

  /** The item a stored GTIN-14 belongs to, active or not. */
  byGtin(gtin: string): ItemView | null {
    const r = this.sql(
      'SELECT items.* FROM item_barcodes JOIN items ON items.id = item_barcodes.item_id WHERE gtin = ?',
    ).get(gtin) as ItemRow | undefined;
    return r ? this.view(r) : null;
  }

  /**
   * Items whose names (either language), SKU or department start with the words typed, best first;
   * a SKU typed exactly comes first. Only active items unless `withInactive` (a manager's list).
   */
  search(text: string, o: { withInactive?: boolean } = {}): ItemView[] {
    const q = ftsQuery(text);
    const onlyActive = o.withInactive ? '' : 'AND items.active = 1';
    const exact = this.sql(`SELECT * FROM items WHERE sku = ? ${onlyActive}`).get(text.trim()) as ItemRow | undefined;
    let rows: ItemRow[] = [];
    if (q) {
      // Ranking every match is what costs: a letter or two can match most of the catalog. So the
      // matches are counted first, up to a bound; a short list is ranked (best first), a long one
      // is shown in the catalog's order until more is typed.
      const many =
        (
          this.sql('SELECT count(*) AS n FROM (SELECT rowid FROM items_search WHERE items_search MATCH ? LIMIT ?)').get(
            q,
            RANK_AT_MOST + 1,
          ) as { n: number }
        ).n > RANK_AT_MOST;
      rows = this.sql(
        `SELECT items.* FROM items_search JOIN items ON items.seq = items_search.rowid
         WHERE items_search MATCH ? ${onlyActive} ORDER BY ${many ? 'items_search.rowid' : 'bm25(items_search), items.name_en'} LIMIT ?`,
      ).all(q, SEARCH_LIMIT) as ItemRow[];
    }
    const all = exact ? [exact, ...rows.filter((r) => r.id !== exact.id)] : rows;
    return this.views(all.slice(0, SEARCH_LIMIT));
  }

  /** The items changed last (a manager's catalog list before anything is typed), on sale or not. */
  latest(): ItemView[] {
    return (
      this.sql('SELECT * FROM items ORDER BY updated_at DESC, seq DESC LIMIT ?').all(SEARCH_LIMIT) as ItemRow[]
    ).map((r) => this.view(r));
  }

  /**
   * Adds an item; its SKU and every barcode must be free. `during`: the cashier whose sale it was
   * added at (a manager's PIN typed at their counter), for the audit.
   */
  add(actor: string, draft: ItemDraft, during?: string): ItemView {
    return this.get(this.insert(actor, draft, { active: true, ...(during ? { during } : {}) }))!;
  }

  /** Adds an item, on sale or not, and returns its id. */
  insert(actor: string, draft: ItemDraft, o: { active: boolean; during?: string }): string {
    const gtins = this.barcodesOf(draft.barcodes);
    return this.deps.db.transaction(() => {
      this.assertFree(draft.sku, gtins, null);
      const id = this.write(actor, draft, gtins, o);
      this.bump();
      return id;
    })();
  }

  /**
   * An import's new items, in the caller's transaction: their SKUs and barcodes were read and found
   * free against this very catalog (import.ts plans against a version and confirms only at it), so
   * they are not looked up again; the tables' unique keys still refuse a duplicate. One version step.
   */
  insertPlanned(
    actor: string,
    items: readonly { draft: ItemDraft; gtins: readonly string[]; active: boolean }[],
  ): void {
    for (const it of items) this.write(actor, it.draft, it.gtins, { active: it.active });
    if (items.length > 0) this.bump();
  }

  /** One item's rows — the item, its barcodes, its search entry — and its audit line. */
  private write(
    actor: string,
    draft: ItemDraft,
    gtins: readonly string[],
    o: { active: boolean; during?: string },
  ): string {
    const id = randomUUID();
    const { lastInsertRowid } = this.sql(
      `INSERT INTO items (id, sku, name_en, name_fr, price_cents, tax_category, department, sold_by, active, updated_at, updated_by)
       VALUES (@id, @sku, @name_en, @name_fr, @price_cents, @tax_category, @department, @sold_by, @active, @updated_at, @updated_by)`,
    ).run({ ...this.columns(id, draft, actor), active: o.active ? 1 : 0 });
    this.writeBarcodes(id, gtins);
    this.index(Number(lastInsertRowid), draft);
    this.deps.record(
      actor,
      'catalog.item_added',
      `${draft.sku} price ${priceText(draft.priceCents)}${o.active ? '' : ' (off sale)'}${o.during ? ` (at the sale of ${o.during})` : ''}`,
    );
    return id;
  }

  /** Changes an item (every field at once, as the form sends it); the price's before → after is audited. */
  update(actor: string, id: string, draft: ItemDraft): ItemView {
    const before = this.get(id);
    if (!before) throw new PosError('invalid_payload', 'error.catalog.noSuchItem');
    const gtins = this.barcodesOf(draft.barcodes);
    this.deps.db.transaction(() => {
      this.assertFree(draft.sku, gtins, id);
      this.sql(
        `UPDATE items SET sku = @sku, name_en = @name_en, name_fr = @name_fr, price_cents = @price_cents,
           tax_category = @tax_category, department = @department, sold_by = @sold_by, updated_at = @updated_at,
           updated_by = @updated_by, rev = rev + 1 WHERE id = @id`,
      ).run(this.columns(id, draft, actor));
      this.sql('DELETE FROM item_barcodes WHERE item_id = ?').run(id);
      this.writeBarcodes(id, gtins);
      this.index((this.sql('SELECT seq FROM items WHERE id = ?').get(id) as { seq: number }).seq, draft);
      this.bump();
      const changes = [
        before.priceCents !== draft.priceCents
          ? `price ${priceText(before.priceCents)} → ${priceText(draft.priceCents)}`
          : null,
        before.sku !== draft.sku ? `sku ${before.sku} → ${draft.sku}` : null,
        before.name.en !== draft.name.en || before.name.fr !== draft.name.fr ? 'name' : null,
        before.taxCategory !== draft.taxCategory ? `tax ${before.taxCategory} → ${draft.taxCategory}` : null,
        before.department !== draft.department ? 'department' : null,
        before.soldBy !== draft.soldBy ? `sold by ${before.soldBy} → ${draft.soldBy}` : null,
        before.barcodes.join(',') !== gtins.join(',') ? 'barcodes' : null,
      ].filter((c): c is string => c !== null);
      this.deps.record(actor, 'catalog.item_changed', `${draft.sku}: ${changes.join('; ') || 'no change'}`);
    })();
    return this.get(id)!;
  }

  /** Deactivates (no longer sold, still on past receipts) or reactivates an item. */
  setActive(actor: string, id: string, active: boolean): ItemView {
    const before = this.get(id);
    if (!before) throw new PosError('invalid_payload', 'error.catalog.noSuchItem');
    this.deps.db.transaction(() => {
      this.sql('UPDATE items SET active = ?, updated_at = ?, updated_by = ?, rev = rev + 1 WHERE id = ?').run(
        active ? 1 : 0,
        this.stamp(),
        actor,
        id,
      );
      this.bump();
      this.deps.record(actor, active ? 'catalog.item_activated' : 'catalog.item_deactivated', before.sku);
    })();
    return this.get(id)!;
  }

  /** An item's columns as a draft gives them, stamped with who and when (one list for add and change). */
  private columns(id: string, draft: ItemDraft, actor: string) {
    return {
      id,
      sku: draft.sku,
      name_en: draft.name.en,
      name_fr: draft.name.fr,
      price_cents: draft.priceCents,
      tax_category: draft.taxCategory,
      department: draft.department,
      sold_by: draft.soldBy,
      updated_at: this.stamp(),
      updated_by: actor,
    };
  }

  /** The last change's time here, in ms: changes made within one millisecond still stand in the order made. */
  private lastStampMs = 0;

  /**
   * When a change is made: the counter's clock, but always after the change before it, so "the items
   * changed last" (`latest`) lists two changes of the same millisecond in the order they were made.
   */
  private stamp(): string {
    if (this.lastStampMs === 0) {
      const last = (this.sql('SELECT max(updated_at) AS m FROM items').get() as { m: string | null }).m;
      this.lastStampMs = last ? Date.parse(last) : 0;
    }
    this.lastStampMs = Math.max(this.deps.now(), this.lastStampMs + 1);
    return new Date(this.lastStampMs).toISOString();
  }

  /** Every barcode typed for an item, read and checked; one that does not check refuses the whole change. */
  private barcodesOf(typed: readonly string[]): string[] {
    const gtins = new Set<string>();
    for (const code of typed) {
      const read = storedBarcodes(code, this.deps.labels());
      if (!read) throw new PosError('invalid_payload', 'error.catalog.badBarcode', { code });
      for (const g of read) gtins.add(g);
    }
    return [...gtins].sort();
  }

  private assertFree(sku: string, gtins: readonly string[], self: string | null): void {
    const owner = this.sql('SELECT id FROM items WHERE sku = ?').get(sku) as { id: string } | undefined;
    if (owner && owner.id !== self) throw new PosError('invalid_payload', 'error.catalog.skuTaken', { sku });
    for (const g of gtins) {
      const taken = this.sql('SELECT item_id FROM item_barcodes WHERE gtin = ?').get(g) as
        { item_id: string } | undefined;
      if (taken && taken.item_id !== self)
        throw new PosError('invalid_payload', 'error.catalog.barcodeTaken', { code: g });
    }
  }

  private writeBarcodes(id: string, gtins: readonly string[]): void {
    const insert = this.sql('INSERT INTO item_barcodes (gtin, item_id) VALUES (?, ?)');
    for (const g of gtins) insert.run(g, id);
  }

  /** Keeps the search index in step with the item, in the same transaction (shared.ts too). */
  index(seq: number, draft: Pick<ItemDraft, 'name' | 'sku' | 'department'>): void {
    this.sql('DELETE FROM items_search WHERE rowid = ?').run(seq);
    this.sql('INSERT INTO items_search (rowid, name_en, name_fr, sku, department) VALUES (?, ?, ?, ?, ?)').run(
      seq,
      draft.name.en,
      draft.name.fr,
      draft.sku,
      draft.department,
    );
  }
}
