/**
 * A big catalog as a shop's file would hold it, for the bench: names built from English and French
 * grocery words (accents and all), SKUs, and 1.5 barcodes per item (EAN-13s, check digits included).
 * Deterministic: the same N gives the same file.
 */

const EN = ['apple', 'bread', 'cheese', 'coffee', 'cream', 'butter', 'milk', 'tea', 'juice', 'honey', 'rice', 'soup'];
const FR = ['pomme', 'pain', 'fromage', 'café', 'crème', 'beurre', 'lait', 'thé', 'jus', 'miel', 'riz', 'soupe'];
const KIND = ['organic', 'smoked', 'fresh', 'spicy', 'sweet', 'light', 'dark', 'wild', 'golden', 'classic'];
const SORTE = ['bio', 'fumé', 'frais', 'épicé', 'sucré', 'léger', 'noir', 'sauvage', 'doré', 'classique'];
const BRAND = ['Nordica', 'Élan', 'Maple', 'Côté', 'Prairie', 'Brûlé', 'Laurent', 'Harbour', 'Cèdre', 'Atlas'];

/** A deterministic pseudo-random sequence (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type BigItem = { sku: string; nameEn: string; nameFr: string; barcodes: string[] };

/** `count` items with `count * 1.5` barcodes (every other item has two). */
export function bigCatalog(count: number): BigItem[] {
  const r = rng(27);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  // GS1's mod-10 check digit, written out (weights 3 and 1 from the right of the 12 digits).
  const ean = (n: number) => {
    const body = `${40 + (n % 50)}${String(n).padStart(10, '0')}`;
    const sum = [...body].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
    return body + String((10 - (sum % 10)) % 10);
  };
  let code = 1;
  return Array.from({ length: count }, (_, i) => {
    const w = Math.floor(r() * EN.length);
    const k = Math.floor(r() * KIND.length);
    const brand = pick(BRAND);
    return {
      sku: `SKU-${String(i + 1).padStart(6, '0')}`,
      nameEn: `${brand} ${KIND[k]} ${EN[w]} ${i % 977}`,
      nameFr: `${FR[w]} ${SORTE[k]} ${brand} ${i % 977}`,
      barcodes: i % 2 === 0 ? [ean(code++), ean(code++)] : [ean(code++)],
    };
  });
}

/** The catalog as the import's CSV file. */
export function bigCatalogCsv(items: readonly BigItem[]): string {
  const rows = items.map(
    (it, i) =>
      `${it.sku},${it.nameEn},${it.nameFr},${((100 + (i % 5000)) / 100).toFixed(2)},standard,Dept ${i % 40},unit,${it.barcodes.join('|')},yes`,
  );
  return ['sku,name_en,name_fr,price,tax_category,department,sold_by,barcodes,active', ...rows].join('\n');
}

/** What a cashier types, letter by letter, looking for an item: every prefix of a word or two of its name. */
export function typedQueries(items: readonly BigItem[], howMany: number): string[] {
  const r = rng(7);
  const out: string[] = [];
  while (out.length < howMany) {
    const it = items[Math.floor(r() * items.length)]!;
    const words = (r() < 0.5 ? it.nameEn : it.nameFr).split(' ');
    const text = words.slice(0, 1 + Math.floor(r() * 2)).join(' ');
    for (let n = 1; n <= text.length && out.length < howMany; n++) out.push(text.slice(0, n));
    if (r() < 0.2) out.push(it.sku, it.barcodes[0]!);
  }
  return out;
}
