/**
 * The lines of a sale, as they were priced when the cart was last set: the item, its names and SKU
 * at that moment (a later catalog change does not rewrite a sale), the quantity, the unit price and
 * the line's total; and its taxes per category, as they were computed then (never again from later
 * rates). Written only by the cart (cart.ts), read by the sale's view and by returns.
 */
import type { Db } from '../db';
import type { SaleLine, SaleTax, SoldBy } from '../../common/contract';
import { receiptTaxes, type CategoryTaxLine } from '../tax/rules';
import { cartTotalCents } from './rules';
import type { TaxCode } from '../tax/rates';

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
);
CREATE TABLE IF NOT EXISTS sale_taxes (
  sale_id TEXT NOT NULL REFERENCES sales(id),
  category TEXT NOT NULL,
  code TEXT NOT NULL,
  rate_millionths INTEGER NOT NULL CHECK (rate_millionths >= 0),
  -- The category's lines as priced, the base the tax was computed on, and the tax.
  lines_cents INTEGER NOT NULL CHECK (lines_cents >= 0),
  base_cents INTEGER NOT NULL CHECK (base_cents >= 0),
  tax_cents INTEGER NOT NULL CHECK (tax_cents >= 0),
  -- The prices held the tax (it was taken out of them, not added).
  included INTEGER NOT NULL CHECK (included IN (0, 1)),
  PRIMARY KEY (sale_id, category, code, rate_millionths)
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

  /** A sale's taxes per category and tax, as they were computed when its cart was last set. */
  taxesByCategory(saleId: string): (CategoryTaxLine & { included: boolean })[] {
    return (
      this.db.prepare('SELECT * FROM sale_taxes WHERE sale_id = ? ORDER BY rowid').all(saleId) as {
        category: string;
        code: TaxCode;
        rate_millionths: number;
        lines_cents: number;
        base_cents: number;
        tax_cents: number;
        included: number;
      }[]
    ).map((r) => ({
      category: r.category,
      code: r.code,
      rateMillionths: r.rate_millionths,
      linesCents: r.lines_cents,
      baseCents: r.base_cents,
      taxCents: r.tax_cents,
      included: r.included === 1,
    }));
  }

  /** The lines' total of a sale (before taxes are added), by the one rule. */
  subtotalOf(saleId: string): number {
    return cartTotalCents(this.of(saleId));
  }

  /** Tax collected on the sales paid in a period, per tax and rate (key "GST 50000"; count: sales). */
  taxCollectedBetween(from: string, to: string): { key: string; count: number; cents: number }[] {
    return this.db
      .prepare(
        `SELECT st.code || ' ' || st.rate_millionths AS key, COUNT(DISTINCT st.sale_id) AS count, SUM(st.tax_cents) AS cents
           FROM sale_taxes st JOIN sales s ON s.id = st.sale_id
          WHERE s.state = 'paid' AND s.updated_at >= ? AND s.updated_at < ?
          GROUP BY st.code, st.rate_millionths ORDER BY MIN(st.rowid)`,
      )
      .all(from, to) as { key: string; count: number; cents: number }[];
  }

  /** A sale's taxes as its receipt lists them (one per tax and rate). */
  taxesOf(saleId: string): SaleTax[] {
    const rows = this.taxesByCategory(saleId);
    const included = rows.some((r) => r.included);
    return receiptTaxes(rows).map((t) => ({ ...t, included }));
  }

  /** Replaces a sale's lines and taxes (inside the caller's transaction). */
  replace(
    saleId: string,
    lines: readonly Omit<SaleLine, 'position'>[],
    taxes: { byCategory: readonly CategoryTaxLine[]; included: boolean },
  ): void {
    this.db.prepare('DELETE FROM sale_taxes WHERE sale_id = ?').run(saleId);
    const tax = this.db.prepare(
      `INSERT INTO sale_taxes (sale_id, category, code, rate_millionths, lines_cents, base_cents, tax_cents, included)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const t of taxes.byCategory)
      tax.run(
        saleId,
        t.category,
        t.code,
        t.rateMillionths,
        t.linesCents,
        t.baseCents,
        t.taxCents,
        taxes.included ? 1 : 0,
      );
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
