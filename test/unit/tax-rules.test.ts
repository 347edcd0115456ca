/**
 * The sales tax rule (main/tax/rules.ts) and the rates (main/tax/rates.ts) against what Revenu Québec
 * and the CRA publish, literal examples written out by hand, one negative test per rule (a rate's date
 * boundary, half up at exactly half a cent, a zero-rated line, tax taken out of an included price), and
 * a property against a second calculator written here in decimal strings — never the production one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { saleTaxes, taxBackCents, taxOn, type CategoryTax } from '../../main/tax/rules';
import { JURISDICTIONS, TAX_RATES, taxesOn, type Jurisdiction } from '../../main/tax/rates';
import { MAX_AMOUNT_CENTS } from '../../common/limits';
import { PosError } from '../../main/errors';
import { categoryTaxes } from '../../main/tax/categories';

const standardIn =
  (where: Jurisdiction, day = '2026-12-07') =>
  (category: string): CategoryTax[] =>
    category === 'standard' ? taxesOn(where, day).map((r) => ({ code: r.code, rateMillionths: r.rateMillionths })) : [];

const line = (amountCents: number, taxCategory = 'standard') => ({ taxCategory, amountCents });

test('Revenu Québec’s own example: $100 → GST $5.00, QST $9.98, $114.98', () => {
  const r = saleTaxes([line(100_00)], standardIn('QC'), false);
  assert.deepEqual(
    r.taxes.map((t) => [t.code, t.taxCents]),
    [
      ['GST', 5_00],
      ['QST', 9_98],
    ],
  );
  assert.equal(r.totalCents, 114_98);
});

test('the CRA’s rates: Ontario 13 % HST alone, Alberta 5 % GST alone, British Columbia GST and 7 % PST', () => {
  assert.deepEqual(
    saleTaxes([line(45_99)], standardIn('ON'), false).taxes.map((t) => [t.code, t.taxCents]),
    [['HST', 5_98]],
  );
  assert.deepEqual(
    saleTaxes([line(45_99)], standardIn('AB'), false).taxes.map((t) => [t.code, t.taxCents]),
    [['GST', 2_30]],
  );
  assert.deepEqual(
    saleTaxes([line(45_99)], standardIn('BC'), false).taxes.map((t) => [t.code, t.taxCents]),
    [
      ['GST', 2_30],
      ['PST', 3_22],
    ],
  );
  assert.deepEqual(
    taxesOn('MB', '2026-12-07').map((t) => [t.code, t.rateMillionths]),
    [
      ['GST', 50_000],
      ['RST', 70_000],
    ],
  );
  assert.deepEqual(
    taxesOn('SK', '2026-12-07').map((t) => [t.code, t.rateMillionths]),
    [
      ['GST', 50_000],
      ['PST', 60_000],
    ],
  );
  for (const p of ['NB', 'NL', 'PE'] as const)
    assert.deepEqual(
      taxesOn(p, '2026-12-07').map((t) => [t.code, t.rateMillionths]),
      [['HST', 150_000]],
      p,
    );
  for (const p of ['YT', 'NT', 'NU', 'AB'] as const)
    assert.deepEqual(
      taxesOn(p, '2026-12-07').map((t) => [t.code, t.rateMillionths]),
      [['GST', 50_000]],
      p,
    );
  assert.deepEqual(taxesOn('US', '2026-12-07'), [], 'a US shop types its own');
});

test('a rate’s date boundary: Nova Scotia’s HST is 15 % on March 31, 2025 and 14 % from April 1', () => {
  assert.deepEqual(
    taxesOn('NS', '2025-03-31').map((t) => [t.code, t.rateMillionths]),
    [['HST', 150_000]],
  );
  assert.deepEqual(
    taxesOn('NS', '2025-04-01').map((t) => [t.code, t.rateMillionths]),
    [['HST', 140_000]],
  );
  assert.equal(saleTaxes([line(10_00)], standardIn('NS', '2025-03-31'), false).taxCents, 1_50);
  assert.equal(saleTaxes([line(10_00)], standardIn('NS', '2025-04-01'), false).taxCents, 1_40);
  assert.deepEqual(taxesOn('ON', '2010-06-30'), [], 'no HST before it began');
});

test('half up at exactly half a cent, and not below it', () => {
  assert.equal(taxOn(10, 50_000), 1, '0.5¢ is a cent');
  assert.equal(taxOn(9, 50_000), 0, '0.45¢ is none');
  assert.equal(taxOn(30, 50_000), 2, '1.5¢ is 2¢');
  assert.equal(taxOn(29, 50_000), 1, '1.45¢ is 1¢');
  // 9.975 % of $1.00 is 9.975¢: 10¢; of 5¢ is 0.49875¢: none.
  assert.equal(taxOn(100, 99_750), 10);
  assert.equal(taxOn(5, 99_750), 0);
});

test('per category, on the total: a zero-rated or exempt line pays none; three 10¢ items pay on 30¢, not 3 × 10¢', () => {
  const r = saleTaxes([line(4_29, 'zero_rated'), line(3_50), line(1_00, 'exempt')], standardIn('QC'), false);
  assert.deepEqual(
    r.taxes.map((t) => [t.code, t.baseCents, t.taxCents]),
    [
      ['GST', 3_50, 18],
      ['QST', 3_50, 35],
    ],
  );
  assert.deepEqual([r.linesCents, r.taxCents, r.totalCents], [8_79, 53, 9_32]);
  // Line by line: 3 × round(0.5¢) = 3¢; on the total: round(1.5¢) = 2¢.
  assert.equal(saleTaxes([line(10), line(10), line(10)], standardIn('AB'), false).taxCents, 2);
});

test('a shop’s own category: BC liquor pays GST and a 10 % PST; Ontario’s point-of-sale rebate pays the federal 5 % only', () => {
  const bc = (c: string): CategoryTax[] =>
    c === 'liquor'
      ? [
          { code: 'GST', rateMillionths: 50_000 },
          { code: 'PST', rateMillionths: 100_000 },
        ]
      : standardIn('BC')(c);
  const r = saleTaxes([line(20_00, 'liquor'), line(10_00)], bc, false);
  assert.deepEqual(
    r.taxes.map((t) => [t.code, t.rateMillionths, t.baseCents, t.taxCents]),
    [
      ['GST', 50_000, 30_00, 1_50],
      ['PST', 100_000, 20_00, 2_00],
      ['PST', 70_000, 10_00, 70],
    ],
    'the same code at two rates is two receipt lines; the same code and rate is one',
  );
  const on = (c: string): CategoryTax[] =>
    c === 'children_clothing' ? [{ code: 'HST', rateMillionths: 50_000 }] : standardIn('ON')(c);
  assert.equal(saleTaxes([line(40_00, 'children_clothing')], on, false).taxCents, 2_00);
});

test('prices that include tax: the tax is taken out, and the price before tax plus each tax is the price', () => {
  const r = saleTaxes([line(114_98)], standardIn('QC'), true);
  assert.deepEqual(
    r.taxes.map((t) => [t.code, t.baseCents, t.taxCents]),
    [
      ['GST', 100_00, 5_00],
      ['QST', 100_00, 9_98],
    ],
  );
  assert.deepEqual([r.linesCents, r.taxCents, r.totalCents], [114_98, 14_98, 114_98], 'the total is the price');
  const on = saleTaxes([line(1_13)], standardIn('ON'), true);
  assert.deepEqual([on.taxes[0]!.baseCents, on.taxCents, on.totalCents], [1_00, 13, 1_13]);
});

/**
 * The second calculator: each amount written as a decimal string of dollars and the rate as a decimal
 * percentage, multiplied digit by digit with BigInt, rounded half up by looking at the digits after the
 * cent — no shared formula with main/tax/rules.ts.
 */
function oracleTax(cents: number, rateMillionths: number): number {
  const percent = `${Math.floor(rateMillionths / 10_000)}.${String(rateMillionths % 10_000).padStart(4, '0')}`;
  const [whole, frac] = percent.split('.') as [string, string];
  // cents × percent / 100 = cents × (whole.frac) / 100, as an exact decimal with frac.length + 2 places.
  const product = BigInt(cents) * BigInt(whole + frac);
  const places = frac.length + 2;
  const digits = product.toString().padStart(places + 1, '0');
  const centsPart = BigInt(digits.slice(0, digits.length - places));
  const firstDropped = Number(digits[digits.length - places]);
  return Number(centsPart) + (firstDropped >= 5 ? 1 : 0);
}

test('any basket in any province, on any day since 2016: the same taxes as a calculator written apart', () => {
  const day = fc
    .integer({ min: Date.UTC(2016, 9, 1), max: Date.UTC(2030, 0, 1) })
    .map((t) => new Date(t).toISOString().slice(0, 10));
  const basket = fc.array(
    fc.record({
      taxCategory: fc.constantFrom('standard', 'zero_rated'),
      amountCents: fc.integer({ min: 0, max: 500_000 }),
    }),
    { maxLength: 12 },
  );
  fc.assert(
    fc.property(fc.constantFrom(...JURISDICTIONS), day, basket, (where, on, lines) => {
      const r = saleTaxes(lines, standardIn(where, on), false);
      const base = lines.filter((l) => l.taxCategory === 'standard').reduce((n, l) => n + l.amountCents, 0);
      const expected = base === 0 ? [] : taxesOn(where, on).map((t) => [t.code, oracleTax(base, t.rateMillionths)]);
      assert.deepEqual(
        r.taxes.map((t) => [t.code, t.taxCents]),
        expected,
      );
      const sum = lines.reduce((n, l) => n + l.amountCents, 0);
      assert.equal(r.totalCents, sum + expected.reduce((n, [, c]) => n + (c as number), 0));
    }),
    { numRuns: 500, seed: 20261207 },
  );
});

test('the oracle itself, on numbers worked by hand', () => {
  assert.equal(oracleTax(100_00, 99_750), 9_98);
  assert.equal(oracleTax(10, 50_000), 1);
  assert.equal(oracleTax(9, 50_000), 0);
  assert.equal(oracleTax(45_99, 130_000), 5_98);
});

test('a category’s taxes: standard pays what is in force, zero-rated and exempt none, a shop’s own its list, a typo as standard', () => {
  const setup = {
    jurisdiction: 'BC' as const,
    usRates: [],
    categories: [
      { name: 'liquor', taxes: [{ code: 'GST' as const }, { code: 'PST' as const, rateMillionths: 100_000 }] },
      { name: 'gst_only', taxes: [{ code: 'GST' as const }] },
      { name: 'no_such_tax_here', taxes: [{ code: 'QST' as const }] },
    ],
  };
  const of = (c: string, day = '2026-12-07') => categoryTaxes(setup, c, day).map((t) => [t.code, t.rateMillionths]);
  assert.deepEqual(of('standard'), [
    ['GST', 50_000],
    ['PST', 70_000],
  ]);
  assert.deepEqual(of('zero_rated'), []);
  assert.deepEqual(of('exempt'), []);
  assert.deepEqual(of('liquor'), [
    ['GST', 50_000],
    ['PST', 100_000],
  ]);
  assert.deepEqual(of('gst_only'), [['GST', 50_000]]);
  assert.deepEqual(of('no_such_tax_here'), [], 'a tax not charged where the shop is: none of it');
  assert.deepEqual(of('standrad'), of('standard'), 'an unknown category pays as standard');
  assert.deepEqual(
    categoryTaxes(
      { jurisdiction: 'US', usRates: [{ code: 'SALES', rateMillionths: 88_750 }], categories: [] },
      'standard',
      '2026-12-07',
    ),
    [{ code: 'SALES', rateMillionths: 88_750 }],
    'a US shop: the rates it typed',
  );
});

test('a return’s share of a tax: proportional, half up, never above what is left; the last return takes exactly the rest', () => {
  const charged = { linesCents: 30, taxCents: 2 };
  // A third of 2¢ = 0.667¢ → 1¢.
  assert.equal(taxBackCents(charged, { linesCents: 0, taxCents: 0 }, 10), 1);
  // Half of 2¢ exactly = 1¢; a quarter of 2¢ = 0.5¢ → 1¢ (half up), 0.4¢ → 0.
  assert.equal(taxBackCents({ linesCents: 40, taxCents: 2 }, { linesCents: 0, taxCents: 0 }, 10), 1);
  assert.equal(taxBackCents({ linesCents: 50, taxCents: 2 }, { linesCents: 0, taxCents: 0 }, 10), 0);
  // Never above what is left: 1¢ left, a share that rounds to 1¢ is 1¢; none left is 0.
  assert.equal(taxBackCents(charged, { linesCents: 10, taxCents: 1 }, 10), 1);
  assert.equal(taxBackCents(charged, { linesCents: 20, taxCents: 2 }, 5), 0);
  // The last of the category: exactly the rest, whatever the share would be.
  assert.equal(taxBackCents(charged, { linesCents: 20, taxCents: 2 }, 10), 0);
  assert.equal(taxBackCents(charged, { linesCents: 20, taxCents: 1 }, 10), 1);
  assert.equal(taxBackCents({ linesCents: 3_50, taxCents: 53 }, { linesCents: 0, taxCents: 0 }, 3_50), 53);
});

test('any returns of a sale, in any order and any parts: never more tax back than charged, exactly all of it at the end', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 0, max: 150_000 }),
      fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 12 }),
      (linesCents, rate, parts) => {
        const charged = { linesCents, taxCents: taxOn(linesCents, rate) };
        // Parts in proportion to the weights drawn, the last one whatever is left of the lines.
        const weight = parts.reduce((a, b) => a + b, 0);
        let back = { linesCents: 0, taxCents: 0 };
        parts.forEach((p, i) => {
          const cents = i === parts.length - 1 ? linesCents - back.linesCents : Math.floor((linesCents * p) / weight);
          if (cents <= 0 && i < parts.length - 1) return;
          const tax = taxBackCents(charged, back, cents);
          assert.ok(tax >= 0);
          back = { linesCents: back.linesCents + cents, taxCents: back.taxCents + tax };
          assert.ok(back.taxCents <= charged.taxCents, 'never more than charged');
        });
        assert.equal(back.taxCents, charged.taxCents, 'all of it once everything is back');
      },
    ),
    { numRuns: 500, seed: 28 },
  );
});

test('every rate has a government source and is not charged the day before it took effect', () => {
  for (const r of TAX_RATES) {
    assert.match(
      r.source,
      /^https:\/\/(www\.canada\.ca|www2\.gov\.bc\.ca|www\.gov\.mb\.ca|www\.saskatchewan\.ca|www\.revenuquebec\.ca)\//,
      `${r.code} ${r.where}`,
    );
    const dayBefore = new Date(Date.parse(`${r.from}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const where = r.where === 'CA' ? 'AB' : r.where;
    assert.ok(!taxesOn(where, dayBefore).includes(r), `${r.code} ${r.where} not before ${r.from}`);
    assert.ok(taxesOn(where, r.from).includes(r), `${r.code} ${r.where} from ${r.from}`);
  }
});

test('a receipt lists the taxes in one order whatever the order of the lines; a $0.00 line pays none', () => {
  const bc = (c: string): CategoryTax[] =>
    c === 'liquor'
      ? [
          { code: 'GST', rateMillionths: 50_000 },
          { code: 'PST', rateMillionths: 100_000 },
        ]
      : standardIn('BC')(c);
  const order = (lines: { taxCategory: string; amountCents: number }[]) =>
    saleTaxes(lines, bc, false).taxes.map((t) => [t.code, t.rateMillionths]);
  const expected = [
    ['GST', 50_000],
    ['PST', 100_000],
    ['PST', 70_000],
  ];
  assert.deepEqual(order([line(10_00), line(20_00, 'liquor')]), expected);
  assert.deepEqual(order([line(20_00, 'liquor'), line(10_00)]), expected);
  assert.deepEqual(saleTaxes([line(0)], standardIn('QC'), false).taxes, []);
  assert.deepEqual(saleTaxes([line(0), line(1_00, 'zero_rated')], standardIn('QC'), false).taxes, []);
});

test('prices that hold the tax, worked by hand: $10.03 with 13 % HST in it, $10.18 with GST and QST', () => {
  // 1003 / 1.13 = 887.61¢ → 888¢ before tax (half up); the HST is the rest, 115¢.
  const on = saleTaxes([line(10_03)], standardIn('ON'), true);
  assert.deepEqual(
    on.taxes.map((t) => [t.code, t.baseCents, t.taxCents]),
    [['HST', 8_88, 1_15]],
  );
  // 1018 / 1.14975 = 885.41¢ → 885¢; GST 5 % of it 44.25¢ → 44¢; the QST takes the rest, 89¢ (not 88¢),
  // so that the price before tax and the taxes add up to the price.
  const qc = saleTaxes([line(10_18)], standardIn('QC'), true);
  assert.deepEqual(
    qc.taxes.map((t) => [t.code, t.baseCents, t.taxCents]),
    [
      ['GST', 8_85, 44],
      ['QST', 8_85, 89],
    ],
  );
});

test('a sale is at most the largest the counter takes, tax included', () => {
  assert.equal(saleTaxes([line(MAX_AMOUNT_CENTS, 'zero_rated')], standardIn('AB'), false).totalCents, MAX_AMOUNT_CENTS);
  assert.throws(
    () => saleTaxes([line(MAX_AMOUNT_CENTS - 5)], standardIn('AB'), false),
    (err: PosError) => err.code === 'invalid_payload' && err.key === 'error.cart.tooMuch',
  );
});

test('a shop’s own category named "standard" does not change what standard pays', () => {
  const setup = {
    jurisdiction: 'QC' as const,
    usRates: [],
    categories: [{ name: 'standard', taxes: [{ code: 'GST' as const }] }],
  };
  assert.deepEqual(
    categoryTaxes(setup, 'standard', '2026-12-07').map((t) => t.code),
    ['GST', 'QST'],
  );
});
