/**
 * The lines of a sale, as they were priced when the cart was last set: the item, its names and SKU
 * at that moment (a later catalog change does not rewrite a sale), the quantity, the unit price and
 * the line's total. Written only by the cart (cart.ts), read by the sale's view.
 */
import type { Db } from '../db';
import type { SaleLine, SoldBy } from '../../common/contract';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sale_lines (
  sale_id TEXT NOT NULL REFERENCES sales(id),
  position INTEGER NOT NULL CHECK (position >= 1),
  item_id TEXT,
  sku TEXT,
  name_en TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  sold_by TEXT NOT NULL CHECK (sold_by IN ('unit', 'kg', 'lb')),
  tax_category TEXT NOT NULL,
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  line_total_cents INTEGER NOT NULL CHECK (line_total_cents >= 0),
  PRIMARY KEY (sale_id, position)
);`;

type LineRow = {
  position: number;
  item_id: string | null;
  sku: string | null;
  name_en: string;
  name_fr: string;
  sold_by: SoldBy;
  tax_category: string;
  quantity_milli: number;
  unit_price_cents: number;
  line_total_cents: number;
};

export class SaleLines {
  constructor(private readonly db: Db) {
    // After the sales table (compose/payments.ts builds the sales service first).
    db.exec(SCHEMA);
  }

  of(saleId: string): SaleLine[] {
    return (
      this.db.prepare('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY position').all(saleId) as LineRow[]
    ).map((r) => ({
      position: r.position,
      itemId: r.item_id,
      sku: r.sku,
      name: { en: r.name_en, fr: r.name_fr },
      soldBy: r.sold_by,
      taxCategory: r.tax_category,
      quantityMilli: r.quantity_milli,
      unitPriceCents: r.unit_price_cents,
      lineTotalCents: r.line_total_cents,
    }));
  }

  /** Replaces a sale's lines (inside the caller's transaction). */
  replace(saleId: string, lines: readonly Omit<SaleLine, 'position'>[]): void {
    this.db.prepare('DELETE FROM sale_lines WHERE sale_id = ?').run(saleId);
    const insert = this.db.prepare(
      `INSERT INTO sale_lines (sale_id, position, item_id, sku, name_en, name_fr, sold_by, tax_category,
       quantity_milli, unit_price_cents, line_total_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    lines.forEach((l, i) =>
      insert.run(
        saleId,
        i + 1,
        l.itemId,
        l.sku,
        l.name.en,
        l.name.fr,
        l.soldBy,
        l.taxCategory,
        l.quantityMilli,
        l.unitPriceCents,
        l.lineTotalCents,
      ),
    );
  }
}
