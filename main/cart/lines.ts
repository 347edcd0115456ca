/**
 * The lines of a sale, as they were priced when the cart was last set: the item, its names and SKU
 * at that moment (a later catalog change does not rewrite a sale), the quantity, the unit price and
 * the line's total; and its taxes per category, as they were computed then (never again from later
 * rates). Written only by the cart (cart.ts), read by the sale's view and by returns.
 */
import type { Db } from '../db';
import type { ReportLine, SaleDiscount, SaleLine, SaleTax, SoldBy } from '../../common/contract';
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
  -- All that comes off the line: its own discount and its share of the sale's (main/cart/discounts.ts).
  discount_cents INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0 AND discount_cents <= line_total_cents),
  PRIMARY KEY (sale_id, position)
);
-- A sale's discounts as given (position 0: the sale's own), with who gave them and who approved them.
CREATE TABLE IF NOT EXISTS sale_discounts (
  sale_id TEXT NOT NULL REFERENCES sales(id),
  position INTEGER NOT NULL CHECK (position >= 0),
  kind TEXT NOT NULL CHECK (kind IN ('percent', 'amount', 'price')),
  value INTEGER NOT NULL CHECK (value >= 0),
  reason_id TEXT NOT NULL,
  reason_en TEXT NOT NULL,
  reason_fr TEXT NOT NULL,
  cents INTEGER NOT NULL CHECK (cents >= 0),
  cashier_id TEXT NOT NULL,
  cashier_name TEXT NOT NULL,
  approved_by_id TEXT,
  approved_by_name TEXT,
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
);
-- A manager's approval of a discount above a cashier's limit, kept with the sale (see grantsOf).
CREATE TABLE IF NOT EXISTS sale_discount_grants (
  sale_id TEXT NOT NULL REFERENCES sales(id),
  target TEXT NOT NULL,
  cents INTEGER NOT NULL CHECK (cents > 0),
  manager_id TEXT NOT NULL,
  manager_name TEXT NOT NULL
);`;

/** A discount as the cart gives it: with the approving manager's id too (kept, never shown). */
export type GivenDiscount = SaleDiscount & { approvedById: string | null };
/** A line as the cart priced it, before it has a position. */
export type PricedLine = Omit<SaleLine, 'position' | 'discount'> & { discount: GivenDiscount | null };

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
  discount_cents: number;
};

export class SaleLines {
  constructor(private readonly db: Db) {
    // After the sales table (compose/payments.ts builds the sales service first).
    db.exec(SCHEMA);
    // A file from before discounts: its lines had none.
    const columns = db.prepare('PRAGMA table_info(sale_lines)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'discount_cents'))
      db.exec(
        'ALTER TABLE sale_lines ADD COLUMN discount_cents INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0)',
      );
  }

  /** A sale's discounts by position (0: the sale's own). */
  discountsOf(saleId: string): Map<number, SaleDiscount> {
    const rows = this.db.prepare('SELECT * FROM sale_discounts WHERE sale_id = ? ORDER BY position').all(saleId) as {
      position: number;
      kind: SaleDiscount['kind'];
      value: number;
      reason_id: string;
      reason_en: string;
      reason_fr: string;
      cents: number;
      approved_by_name: string | null;
    }[];
    return new Map(
      rows.map((r) => [
        r.position,
        {
          kind: r.kind,
          value: r.value,
          reasonId: r.reason_id,
          reason: { en: r.reason_en, fr: r.reason_fr },
          cents: r.cents,
          approvedBy: r.approved_by_name,
        },
      ]),
    );
  }

  /**
   * Discounts given on the sales paid in a period (count: discounts), by reason — keyed by the reason's
   * id, with the names it had on the latest of them — or by the cashier who gave them (key: the name).
   */
  discountsBetween(from: string, to: string): { byReason: ReportLine[]; byCashier: ReportLine[] } {
    const rows = this.db
      .prepare(
        `SELECT d.reason_id, d.reason_en, d.reason_fr, d.cashier_name, d.cents
           FROM sale_discounts d JOIN sales s ON s.id = d.sale_id
          WHERE s.state = 'paid' AND s.updated_at >= ? AND s.updated_at < ? AND d.cents > 0
          ORDER BY s.updated_at, d.rowid`,
      )
      .all(from, to) as {
      reason_id: string;
      reason_en: string;
      reason_fr: string;
      cashier_name: string;
      cents: number;
    }[];
    const add = (m: Map<string, ReportLine>, key: string, cents: number, names?: ReportLine['names']) => {
      const line = m.get(key) ?? { key, count: 0, cents: 0 };
      m.set(key, { ...line, count: line.count + 1, cents: line.cents + cents, ...(names ? { names } : {}) });
    };
    const byReason = new Map<string, ReportLine>();
    const byCashier = new Map<string, ReportLine>();
    for (const r of rows) {
      add(byReason, r.reason_id, r.cents, { en: r.reason_en, fr: r.reason_fr });
      add(byCashier, r.cashier_name, r.cents);
    }
    const sorted = (m: Map<string, ReportLine>) => [...m.values()].sort((a, b) => a.key.localeCompare(b.key));
    return { byReason: sorted(byReason), byCashier: sorted(byCashier) };
  }

  of(saleId: string): SaleLine[] {
    const discounts = this.discountsOf(saleId);
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
      discount: discounts.get(r.position) ?? null,
      discountCents: r.discount_cents,
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

  /**
   * Approvals a manager gave for a sale's discounts, by what each was for (`target`: the line's item
   * and the discount asked, or the sale's): the same discount asked again as the cart changes keeps
   * its approval up to the cents approved.
   */
  grantsOf(saleId: string): { target: string; cents: number; managerId: string; managerName: string }[] {
    return this.db
      .prepare(
        `SELECT target, cents, manager_id AS managerId, manager_name AS managerName
           FROM sale_discount_grants WHERE sale_id = ? ORDER BY rowid`,
      )
      .all(saleId) as { target: string; cents: number; managerId: string; managerName: string }[];
  }

  grant(saleId: string, g: { target: string; cents: number; managerId: string; managerName: string }): void {
    this.db
      .prepare(
        'INSERT INTO sale_discount_grants (sale_id, target, cents, manager_id, manager_name) VALUES (?, ?, ?, ?, ?)',
      )
      .run(saleId, g.target, g.cents, g.managerId, g.managerName);
  }

  /** A sale's taxes as its receipt lists them (one per tax and rate). */
  taxesOf(saleId: string): SaleTax[] {
    const rows = this.taxesByCategory(saleId);
    const included = rows.some((r) => r.included);
    return receiptTaxes(rows).map((t) => ({ ...t, included }));
  }

  /** Replaces a sale's lines, discounts and taxes (inside the caller's transaction). */
  replace(
    saleId: string,
    lines: readonly PricedLine[],
    taxes: { byCategory: readonly CategoryTaxLine[]; included: boolean },
    discounts: { sale: GivenDiscount | null; cashier: { id: string; name: string } },
  ): void {
    this.db.prepare('DELETE FROM sale_discounts WHERE sale_id = ?').run(saleId);
    const discount = this.db.prepare(
      `INSERT INTO sale_discounts (sale_id, position, kind, value, reason_id, reason_en, reason_fr, cents,
       cashier_id, cashier_name, approved_by_id, approved_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const given = [
      ...(discounts.sale ? [{ position: 0, d: discounts.sale }] : []),
      ...lines.flatMap((l, i) => (l.discount ? [{ position: i + 1, d: l.discount }] : [])),
    ];
    for (const { position, d } of given)
      discount.run(
        saleId,
        position,
        d.kind,
        d.value,
        d.reasonId,
        d.reason.en,
        d.reason.fr,
        d.cents,
        discounts.cashier.id,
        discounts.cashier.name,
        d.approvedById,
        d.approvedBy,
      );
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
       quantity_milli, unit_price_cents, line_total_cents, discount_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        l.discountCents,
      ),
    );
  }
}
