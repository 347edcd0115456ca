/**
 * The catalog as a CSV file, both ways: what a manager imports (from a spreadsheet, in English or
 * French conventions) and what export writes back, in the same columns, so exporting then importing
 * changes nothing. Read with csv-parse (quotes, embedded delimiters and line breaks, a BOM); the
 * delimiter is the header's (a French spreadsheet writes ";" and decimal commas).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { PosError } from '../errors';
import type { ItemView } from '../../common/contract';

/** The columns, in order; a file must have at least sku and one of the names. */
export const CSV_COLUMNS = [
  'sku',
  'name_en',
  'name_fr',
  'price',
  'tax_category',
  'department',
  'sold_by',
  'barcodes',
  'active',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The most rows one file may hold. */
export const MAX_CSV_ROWS = 200_000;

export type CsvRecord = { line: number; cells: Partial<Record<CsvColumn, string>> };

/** The file's rows, each with its line number in the file (the header is line 1). */
export function readCatalogCsv(text: string): CsvRecord[] {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') && !header.includes(',') ? ';' : ',';
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(body, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof rows;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new PosError('invalid_payload', 'error.csv.unreadable', { line: line ?? 1 });
  }
  const [head, ...data] = rows;
  if (!head) throw new PosError('invalid_payload', 'error.csv.empty');
  const names = head.record.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length) throw new PosError('invalid_payload', 'error.csv.columns', { columns: unknown.join(', ') });
  if (!names.includes('sku') || (!names.includes('name_en') && !names.includes('name_fr')))
    throw new PosError('invalid_payload', 'error.csv.needed');
  if (data.length > MAX_CSV_ROWS) throw new PosError('invalid_payload', 'error.csv.tooMany', { max: MAX_CSV_ROWS });
  // csv-parse says on which line each record ends (a quoted cell may hold line breaks).
  return data.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(names.map((n, c) => [n, record[c] ?? ''])) as CsvRecord['cells'],
  }));
}

/**
 * A price cell: "4.29", "4,29" (French), "1 234,50", "$4.29", or empty for an open price. Null when
 * empty; undefined when it is not a price.
 */
export function readPriceCell(text: string): number | null | undefined {
  const t = text.replace(/[\s\u00a0\u202f$]/g, '');
  if (t === '') return null;
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** The catalog in the import's columns (comma-separated, prices with a decimal point). */
export function writeCatalogCsv(items: readonly ItemView[]): string {
  return stringify(
    items.map((i) => [
      i.sku,
      i.name.en,
      i.name.fr,
      i.priceCents === null ? '' : (i.priceCents / 100).toFixed(2),
      i.taxCategory,
      i.department,
      i.soldBy,
      i.barcodes.join(' '),
      i.active ? 'yes' : 'no',
    ]),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}
