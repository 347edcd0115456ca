/**
 * The Sales tax card's text for the shop's own tax categories (renderer/src/tax/categories-text.ts):
 * read as typed, refused line by line when it is not "name: CODE [rate], …", and written back the way
 * it reads. Rates are worked out by hand (10 % = 100 000 millionths; 9.975 % = 99 750).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoriesText, readCategories } from '../../renderer/src/tax/categories-text';

test('a category per line: a code alone takes the rate in force, a code and a percent its own rate', () => {
  assert.deepEqual(readCategories('bc_liquor: GST, PST 10\n\non_rebate: HST 5\nqc_odd: QST 9,975 %'), [
    { name: 'bc_liquor', taxes: [{ code: 'GST' }, { code: 'PST', rateMillionths: 100_000 }] },
    { name: 'on_rebate', taxes: [{ code: 'HST', rateMillionths: 50_000 }] },
    { name: 'qc_odd', taxes: [{ code: 'QST', rateMillionths: 99_750 }] },
  ]);
  assert.deepEqual(readCategories('none_at_all:'), [{ name: 'none_at_all', taxes: [] }]);
  assert.deepEqual(readCategories('  \n'), []);
});

test('refused: a name not in lower case, no colon, an unknown code, a rate with five decimals', () => {
  assert.equal(readCategories('BC_liquor: GST'), null);
  assert.equal(readCategories('bc_liquor GST'), null);
  assert.equal(readCategories('bc_liquor: VAT'), null);
  assert.equal(readCategories('bc_liquor: PST 10.00001'), null);
  assert.equal(readCategories('bc_liquor: gst'), null);
});

test('written back as it reads, in the manager’s language', () => {
  const cs = [
    { name: 'bc_liquor', taxes: [{ code: 'GST' as const }, { code: 'PST' as const, rateMillionths: 100_000 }] },
    { name: 'qc_odd', taxes: [{ code: 'QST' as const, rateMillionths: 99_750 }] },
  ];
  assert.equal(categoriesText(cs, 'en-CA'), 'bc_liquor: GST, PST 10\nqc_odd: QST 9.975');
  assert.equal(categoriesText(cs, 'fr-CA'), 'bc_liquor: GST, PST 10\nqc_odd: QST 9,975');
  assert.deepEqual(readCategories(categoriesText(cs, 'fr-CA')), cs);
});
