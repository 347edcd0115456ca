/**
 * Importing a catalog file: first a preview of every row — added, changed, the same, or refused and
 * why — and nothing written; then, when the manager confirms, every row of that preview written in one
 * transaction (a file with a bad row changes nothing until the manager confirms the rows that are
 * fine; a database error changes nothing at all). Importing the same file again changes nothing.
 *
 * The preview is kept in main for ten minutes, for the manager and the window that asked for it; the
 * confirmation works once. If the catalog changed in between (another manager, another counter), the
 * confirmation is refused and the preview must be made again.
 */
import { randomUUID } from 'node:crypto';
import { itemDraftSchema, SOLD_BY, type ImportPreview, type ImportRow, type ItemDraft } from '../../common/contract';
import type { Db } from '../db';
import { PosError } from '../errors';
import { say } from '../language';
import type { Catalog } from './catalog';
import { storedBarcodes, type LabelPattern } from './barcodes';
import { readCatalogCsv, readPriceCell, type CsvRecord } from './csv';

/** How long a preview can be confirmed. */
export const PREVIEW_TTL_MS = 10 * 60_000;

type Planned = ImportRow & { draft?: ItemDraft; gtins?: string[]; active?: boolean; itemId?: string };

const YES = new Set(['', 'yes', 'y', 'true', '1', 'oui', 'o', 'vrai']);
const NO = new Set(['no', 'n', 'false', '0', 'non', 'faux']);

export class CatalogImport {
  private readonly previews = new Map<
    string,
    {
      staffId: string;
      windowId: number;
      expiresAt: number;
      rows: Planned[];
      /** The catalog and the label patterns the rows were planned against (see confirm). */
      version: number;
      labels: string;
    }
  >();

  constructor(
    private readonly deps: {
      db: Db;
      catalog: Catalog;
      labels: () => readonly LabelPattern[];
      now: () => number;
      record: (actor: string, action: string, detail: string) => void;
    },
  ) {}

  /** Reads the file and says what each row would do; writes nothing. */
  preview(csv: string, staffId: string, windowId: number): ImportPreview {
    const version = this.deps.catalog.version();
    const rows = this.plan(readCatalogCsv(csv));
    this.sweep();
    const token = randomUUID();
    this.previews.set(token, {
      staffId,
      windowId,
      expiresAt: this.deps.now() + PREVIEW_TTL_MS,
      rows,
      version,
      labels: JSON.stringify(this.deps.labels()),
    });
    return { token, ...summary(rows) };
  }

  /** Writes the rows of a preview (its refused rows aside), in one transaction. */
  confirm(token: string, staffId: string, windowId: number): ImportPreview {
    this.sweep();
    const p = this.previews.get(token);
    this.previews.delete(token);
    if (!p || p.staffId !== staffId || p.windowId !== windowId)
      throw new PosError('invalid_payload', 'error.csv.noPreview');
    const rows = this.deps.db.transaction(() => {
      // The rows were planned against this very catalog (and these label patterns): any write since —
      // another manager, another counter, a price changed at the till — and the plan may be wrong.
      if (this.deps.catalog.version() !== p.version || JSON.stringify(this.deps.labels()) !== p.labels)
        throw new PosError('invalid_payload', 'error.csv.changedSince');
      this.deps.catalog.insertPlanned(
        staffId,
        p.rows.filter((r) => r.outcome === 'add').map((r) => ({ draft: r.draft!, gtins: r.gtins!, active: r.active! })),
      );
      for (const r of p.rows) {
        if (r.outcome === 'change') {
          const before = this.deps.catalog.get(r.itemId!)!;
          this.deps.catalog.update(staffId, r.itemId!, r.draft!);
          if (before.active !== r.active) this.deps.catalog.setActive(staffId, r.itemId!, r.active!);
        }
      }
      return p.rows;
    })();
    const s = summary(rows);
    this.deps.record(
      staffId,
      'catalog.imported',
      `${s.added} added, ${s.changed} changed, ${s.same} the same, ${s.refused} refused`,
    );
    return { token, ...s };
  }

  private sweep(): void {
    const now = this.deps.now();
    for (const [t, p] of this.previews) if (p.expiresAt < now) this.previews.delete(t);
  }

  /** What each row would do, against the catalog as it is now. */
  private plan(records: readonly CsvRecord[]): Planned[] {
    const skus = new Map<string, number>();
    const codes = new Map<string, number>();
    return records.map((rec): Planned => {
      const c = rec.cells;
      const sku = (c.sku ?? '').trim();
      const refuse = (key: Parameters<typeof say>[0], values?: Record<string, string | number>): Planned => ({
        line: rec.line,
        sku,
        outcome: 'refused',
        why: say(key, values),
      });
      if (!sku) return refuse('csv.row.noSku');
      const twice = skus.get(sku.toLowerCase());
      if (twice !== undefined) return refuse('csv.row.skuTwice', { line: twice });
      skus.set(sku.toLowerCase(), rec.line);
      const price = readPriceCell(c.price ?? '');
      if (price === undefined) return refuse('csv.row.price', { value: c.price ?? '' });
      const soldBy = (c.sold_by ?? '').trim().toLowerCase() || 'unit';
      if (!(SOLD_BY as readonly string[]).includes(soldBy)) return refuse('csv.row.soldBy', { value: soldBy });
      const activeCell = (c.active ?? '').trim().toLowerCase();
      if (!YES.has(activeCell) && !NO.has(activeCell)) return refuse('csv.row.active', { value: activeCell });
      const typedCodes = (c.barcodes ?? '').split(/[\s|]+/).filter((b) => b !== '');
      const parsed = itemDraftSchema.safeParse({
        sku,
        name: { en: c.name_en ?? '', fr: c.name_fr ?? '' },
        priceCents: price,
        taxCategory: (c.tax_category ?? '').trim() || 'standard',
        department: c.department ?? '',
        soldBy,
        barcodes: typedCodes,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return refuse('csv.row.invalid', { field: issue.path.join('.') || 'row', why: issue.message });
      }
      const existing = this.deps.catalog.bySku(sku);
      const gtins: string[] = [];
      for (const code of typedCodes) {
        const read = storedBarcodes(code, this.deps.labels());
        if (!read) return refuse('csv.row.barcode', { code });
        for (const g of read) {
          const inFile = codes.get(g);
          if (inFile !== undefined) return refuse('csv.row.barcodeTwice', { code, line: inFile });
          const owner = this.deps.catalog.byGtin(g);
          if (owner && owner.sku !== sku) return refuse('csv.row.barcodeTaken', { code, sku: owner.sku });
          gtins.push(g);
        }
      }
      for (const g of gtins) codes.set(g, rec.line);
      const draft = { ...parsed.data, barcodes: typedCodes };
      const active = YES.has(activeCell);
      if (!existing) return { line: rec.line, sku, outcome: 'add', draft, gtins: [...new Set(gtins)].sort(), active };
      const same =
        existing.name.en === draft.name.en &&
        existing.name.fr === draft.name.fr &&
        existing.priceCents === draft.priceCents &&
        existing.taxCategory === draft.taxCategory &&
        existing.department === draft.department &&
        existing.soldBy === draft.soldBy &&
        existing.active === active &&
        existing.barcodes.join(' ') === [...new Set(gtins)].sort().join(' ');
      return { line: rec.line, sku, outcome: same ? 'same' : 'change', draft, active, itemId: existing.id };
    });
  }
}

/** What a preview shows: every row's outcome (without the drafts) and the counts. */
function summary(rows: readonly Planned[]): Omit<ImportPreview, 'token'> {
  return {
    rows: rows.map(({ line, sku, outcome, why }) => ({ line, sku, outcome, ...(why ? { why } : {}) })),
    added: rows.filter((r) => r.outcome === 'add').length,
    changed: rows.filter((r) => r.outcome === 'change').length,
    same: rows.filter((r) => r.outcome === 'same').length,
    refused: rows.filter((r) => r.outcome === 'refused').length,
  };
}
