/** Reading a catalog file's cells: prices in English and French writing, and what is not a price. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCatalogCsv, readPriceCell, writeCatalogCsv } from '../../main/catalog/csv';

test('a price cell in either writing, an empty one is an open price', { timeout: 5_000 }, () => {
  assert.equal(readPriceCell('4.29'), 4_29);
  assert.equal(readPriceCell('4,29'), 4_29, 'a decimal comma');
  assert.equal(readPriceCell('1 234,50'), 1_234_50, 'a space between thousands');
  assert.equal(readPriceCell('1\u00a0234,5'), 1_234_50, 'a no-break space, one decimal');
  assert.equal(readPriceCell('$4.29'), 4_29, 'a dollar sign');
  assert.equal(readPriceCell('12'), 12_00, 'whole dollars');
  assert.equal(readPriceCell('9999999.99'), 999_999_999, 'seven digits of dollars');
  assert.equal(readPriceCell(''), null);
  assert.equal(readPriceCell('  '), null);
});

test('what is not a price, each on its own', { timeout: 5_000 }, () => {
  assert.equal(readPriceCell('4,299'), undefined, 'three decimals');
  assert.equal(readPriceCell('12345678'), undefined, 'eight digits of dollars');
  assert.equal(readPriceCell('-1'), undefined, 'negative');
  assert.equal(readPriceCell('4.2.9'), undefined, 'two decimal marks');
  assert.equal(readPriceCell('four'), undefined, 'words');
  assert.equal(readPriceCell(',50'), undefined, 'no whole part');
});

test('rows carry their line in the file; the delimiter is the header’s', { timeout: 5_000 }, () => {
  const rows = readCatalogCsv('sku;name_fr;price\n\nA-1;"Pain, blanc";2,50\nB-2;"Deux\nlignes";1\n');
  assert.deepEqual(rows, [
    { line: 3, cells: { sku: 'A-1', name_fr: 'Pain, blanc', price: '2,50' } },
    { line: 5, cells: { sku: 'B-2', name_fr: 'Deux\nlignes', price: '1' } },
  ]);
  const commas = readCatalogCsv('SKU,Name_EN\nA-1,"Bread; white"\n');
  assert.deepEqual(commas, [{ line: 2, cells: { sku: 'A-1', name_en: 'Bread; white' } }], 'header names in any case');
});

test('an export writes every column, prices with a decimal point, an open price empty', { timeout: 5_000 }, () => {
  const csv = writeCatalogCsv([
    {
      id: 'x',
      sku: 'A-1',
      name: { en: 'Bread, white', fr: 'Pain' },
      priceCents: 2_50,
      taxCategory: 'zero_rated',
      department: 'Bakery',
      soldBy: 'unit',
      barcodes: ['00036000241457'],
      active: true,
    },
    {
      id: 'y',
      sku: 'B-1',
      name: { en: 'Flowers', fr: 'Fleurs' },
      priceCents: null,
      taxCategory: 'standard',
      department: '',
      soldBy: 'kg',
      barcodes: [],
      active: false,
    },
  ]);
  assert.equal(
    csv,
    'sku,name_en,name_fr,price,tax_category,department,sold_by,barcodes,active\n' +
      'A-1,"Bread, white",Pain,2.50,zero_rated,Bakery,unit,00036000241457,yes\n' +
      'B-1,Flowers,Fleurs,,standard,,kg,,no\n',
  );
});
