/**
 * The shop's own tax categories as a manager types them on the Sales tax card, one per line:
 * `bc_liquor: GST, PST 10` — a name, then its taxes, each a code at the rate in force where the shop is
 * or followed by a rate of its own in percent (`HST 5`, `QST 9.975`). Read here into what main is
 * sent; main checks it all again (names, codes, rates).
 */
import { TAX_CODES } from '../../../common/limits';
import type { TaxSettings } from '../../../common/contract';

type Categories = NonNullable<TaxSettings['categories']>;

/** The categories as text, one per line. */
export function categoriesText(categories: Categories, locale: string): string {
  const rate = (m: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(m / 10_000);
  return categories
    .map(
      (c) =>
        `${c.name}: ${c.taxes.map((t) => (t.rateMillionths === undefined ? t.code : `${t.code} ${rate(t.rateMillionths)}`)).join(', ')}`,
    )
    .join('\n');
}

/** The typed lines read back (null: a line is not "name: CODE [rate], …"). */
export function readCategories(text: string): Categories | null {
  const out: Categories = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '') continue;
    const m = /^([a-z][a-z0-9_]{0,31})\s*:\s*(.*)$/.exec(line);
    if (!m) return null;
    const taxes: Categories[number]['taxes'] = [];
    // Taxes are separated by a comma before a code: a comma between digits is French's decimal mark (9,975).
    for (const part of m[2]!.split(/,(?=\s*[A-Za-z])/).map((p) => p.trim())) {
      if (part === '') continue;
      const t = /^([A-Z]+)(?:\s+(\d{1,2})(?:[.,](\d{1,4}))?)?\s*%?$/.exec(part);
      if (!t || !(TAX_CODES as readonly string[]).includes(t[1]!)) return null;
      const code = t[1] as (typeof TAX_CODES)[number];
      taxes.push(
        t[2] === undefined
          ? { code }
          : { code, rateMillionths: Number(t[2]) * 10_000 + Number((t[3] ?? '').padEnd(4, '0')) },
      );
    }
    out.push({ name: m[1]!, taxes });
  }
  return out;
}
