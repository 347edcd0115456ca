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
import type { Db } from '../db';
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
  updated_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS item_barcodes (
  gtin TEXT PRIMARY KEY CHECK (length(gtin) = 14),
  item_id TEXT NOT NULL REFERENCES items(id)
);
CREATE INDEX IF NOT EXISTS item_barcodes_item ON item_barcodes(item_id);
CREATE VIRTUAL TABLE IF NOT EXISTS items_search USING fts5(
  name_en, name_fr, sku, department,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;

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
  }

  private view(r: ItemRow): ItemView {
    const barcodes = (
      this.deps.db.prepare('SELECT gtin FROM item_barcodes WHERE item_id = ? ORDER BY gtin').all(r.id) as {
        gtin: string;
      }[]
    ).map((b) => b.gtin);
    return {
      id: r.id,
      sku: r.sku,
      name: { en: r.name_en, fr: r.name_fr },
      priceCents: r.price_cents,
      taxCategory: r.tax_category as TaxCategory,
      department: r.department,
      soldBy: r.sold_by,
      active: r.active === 1,
      barcodes,
    };
  }

  get(id: string): ItemView | null {
    const r = this.deps.db.prepare('SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
    return r ? this.view(r) : null;
  }

  /** The item with this SKU, active or not. */
  bySku(sku: string): ItemView | null {
    const r = this.deps.db.prepare('SELECT * FROM items WHERE sku = ?').get(sku) as ItemRow | undefined;
    return r ? this.view(r) : null;
  }

  /** Every item, by SKU (an export). */
  all(): ItemView[] {
    return (this.deps.db.prepare('SELECT * FROM items ORDER BY sku').all() as ItemRow[]).map((r) => this.view(r));
  }

  /** The item a stored GTIN-14 belongs to, active or not. */
  byGtin(gtin: string): ItemView | null {
    const r = this.deps.db
      .prepare('SELECT items.* FROM item_barcodes JOIN items ON items.id = item_barcodes.item_id WHERE gtin = ?')
      .get(gtin) as ItemRow | undefined;
    return r ? this.view(r) : null;
  }

  /**
   * Items whose names (either language), SKU or department start with the words typed, best first;
   * a SKU typed exactly comes first. Only active items unless `withInactive` (a manager's list).
   */
  search(text: string, o: { withInactive?: boolean } = {}): ItemView[] {
    const q = ftsQuery(text);
    const onlyActive = o.withInactive ? '' : 'AND items.active = 1';
    const exact = this.deps.db.prepare(`SELECT * FROM items WHERE sku = ? ${onlyActive}`).get(text.trim()) as
      ItemRow | undefined;
    const rows = q
      ? (this.deps.db
          .prepare(
            `SELECT items.* FROM items_search JOIN items ON items.seq = items_search.rowid
             WHERE items_search MATCH ? ${onlyActive} ORDER BY bm25(items_search), items.name_en LIMIT ?`,
          )
          .all(q, SEARCH_LIMIT) as ItemRow[])
      : [];
    const all = exact ? [exact, ...rows.filter((r) => r.id !== exact.id)] : rows;
    return all.slice(0, SEARCH_LIMIT).map((r) => this.view(r));
  }

  /** The items changed last (a manager's catalog list before anything is typed), on sale or not. */
  latest(): ItemView[] {
    return (
      this.deps.db
        .prepare('SELECT * FROM items ORDER BY updated_at DESC, seq DESC LIMIT ?')
        .all(SEARCH_LIMIT) as ItemRow[]
    ).map((r) => this.view(r));
  }

  /**
   * Adds an item; its SKU and every barcode must be free. `during`: the cashier whose sale it was
   * added at (a manager's PIN typed at their counter), for the audit.
   */
  add(actor: string, draft: ItemDraft, during?: string): ItemView {
    const id = randomUUID();
    const gtins = this.barcodesOf(draft.barcodes);
    this.deps.db.transaction(() => {
      this.assertFree(draft.sku, gtins, null);
      this.deps.db
        .prepare(
          `INSERT INTO items (id, sku, name_en, name_fr, price_cents, tax_category, department, sold_by, active, updated_at, updated_by)
           VALUES (@id, @sku, @name_en, @name_fr, @price_cents, @tax_category, @department, @sold_by, 1, @updated_at, @updated_by)`,
        )
        .run(this.columns(id, draft, actor));
      this.writeBarcodes(id, gtins);
      this.index(id);
      this.deps.record(
        actor,
        'catalog.item_added',
        `${draft.sku} price ${priceText(draft.priceCents)}${during ? ` (at the sale of ${during})` : ''}`,
      );
    })();
    return this.get(id)!;
  }

  /** Changes an item (every field at once, as the form sends it); the price's before → after is audited. */
  update(actor: string, id: string, draft: ItemDraft): ItemView {
    const before = this.get(id);
    if (!before) throw new PosError('invalid_payload', 'error.catalog.noSuchItem');
    const gtins = this.barcodesOf(draft.barcodes);
    this.deps.db.transaction(() => {
      this.assertFree(draft.sku, gtins, id);
      this.deps.db
        .prepare(
          `UPDATE items SET sku = @sku, name_en = @name_en, name_fr = @name_fr, price_cents = @price_cents,
           tax_category = @tax_category, department = @department, sold_by = @sold_by, updated_at = @updated_at,
           updated_by = @updated_by WHERE id = @id`,
        )
        .run(this.columns(id, draft, actor));
      this.deps.db.prepare('DELETE FROM item_barcodes WHERE item_id = ?').run(id);
      this.writeBarcodes(id, gtins);
      this.index(id);
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
    this.deps.db
      .prepare('UPDATE items SET active = ?, updated_at = ?, updated_by = ? WHERE id = ?')
      .run(active ? 1 : 0, this.stamp(), actor, id);
    this.deps.record(actor, active ? 'catalog.item_activated' : 'catalog.item_deactivated', before.sku);
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

  private stamp(): string {
    return new Date(this.deps.now()).toISOString();
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
    const owner = this.deps.db.prepare('SELECT id FROM items WHERE sku = ?').get(sku) as { id: string } | undefined;
    if (owner && owner.id !== self) throw new PosError('invalid_payload', 'error.catalog.skuTaken', { sku });
    for (const g of gtins) {
      const taken = this.deps.db.prepare('SELECT item_id FROM item_barcodes WHERE gtin = ?').get(g) as
        { item_id: string } | undefined;
      if (taken && taken.item_id !== self)
        throw new PosError('invalid_payload', 'error.catalog.barcodeTaken', { code: g });
    }
  }

  private writeBarcodes(id: string, gtins: readonly string[]): void {
    const insert = this.deps.db.prepare('INSERT INTO item_barcodes (gtin, item_id) VALUES (?, ?)');
    for (const g of gtins) insert.run(g, id);
  }

  /** Keeps the search index in step with the item, in the same transaction. */
  private index(id: string): void {
    const r = this.deps.db.prepare('SELECT * FROM items WHERE id = ?').get(id) as ItemRow;
    this.deps.db.prepare('DELETE FROM items_search WHERE rowid = ?').run(r.seq);
    this.deps.db
      .prepare('INSERT INTO items_search (rowid, name_en, name_fr, sku, department) VALUES (?, ?, ?, ?, ?)')
      .run(r.seq, r.name_en, r.name_fr, r.sku, r.department);
  }
}
