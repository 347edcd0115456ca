/**
 * The manager's catalog (issue 27): a French spreadsheet imported after a preview that lists the
 * refused rows and why (nothing written before the yes), an item changed and taken off sale, and a
 * department's quick keys arranged and then sold from on the Sale screen.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localDay } from '../../common/days';
import { expect, shot, STAFF, tabTo, test } from './harness';

test.use({ signedInAs: STAFF.manager });

// A French shop's export: semicolons, decimal commas, accents; three rows a careful manager must fix.
const FILE = [
  'sku;name_en;name_fr;price;tax_category;department;sold_by;barcodes;active',
  'LAIT-2;Milk 2%;Lait 2 %;4,29;zero_rated;Laitier;unit;036000241457;oui',
  'POM-1;Apples;Pommes;4,39;zero_rated;Fruits;kg;;oui',
  'PAIN-1;Bread;Pain;3,50;;Boulangerie;unit;4006381333931;oui',
  'CROI-1;Croissant;Croissant;2,25;;Boulangerie;unit;;oui',
  ';No SKU;Sans SKU;1,00;;;unit;;',
  'BAD-1;Bad price;Mauvais prix;4.2.9;;;unit;;',
  'BAD-2;Bad code;Mauvais code;1,00;;;unit;036000241458;',
].join('\n');

test('a CSV file: the preview lists the refused rows and why, nothing is written before the yes', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  await page.getByTestId('tab-catalog').click();
  await page.getByTestId('catalog-file').setInputFiles({
    name: 'catalogue.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(FILE, 'utf8'),
  });
  await expect(page.getByTestId('import-summary')).toHaveText('4 to add, 0 to change, 0 the same, 3 refused.');
  // The refused first, each with its reason.
  await expect(page.getByTestId('import-row-6')).toContainText('no SKU');
  await expect(page.getByTestId('import-row-7')).toContainText('4.2.9');
  await expect(page.getByTestId('import-row-8')).toContainText('036000241458 does not check');
  expect(h.core.catalog.all()).toHaveLength(0);
  await shot(page, 'catalog-1-preview');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toHaveText('Imported: 4 added, 0 changed.');
  expect(h.core.catalog.all().map((i) => i.sku)).toEqual(['CROI-1', 'LAIT-2', 'PAIN-1', 'POM-1']);
  await expect(page.getByTestId('item-LAIT-2')).toContainText('$4.29');
  await expect(page.getByTestId('item-POM-1')).toContainText('$4.39/kg');
  await shot(page, 'catalog-2-imported');
  // Saved back as a file: the same columns, the rows imported.
  await page.getByTestId('catalog-export').click();
  await expect(page.getByTestId('catalog-notice')).toContainText('4 items saved to');
  const saved = readFileSync(path.join(h.dir, `catalog-${localDay()}.csv`), 'utf8');
  expect(saved.split('\n')[0]).toBe('sku,name_en,name_fr,price,tax_category,department,sold_by,barcodes,active');
  expect(saved).toContain('LAIT-2,Milk 2%,Lait 2 %,4.29,zero_rated,Laitier,unit,00036000241457,yes');
});

test('an item changed and taken off sale; a department’s quick keys arranged and sold from', async ({ page, h }) => {
  test.setTimeout(60_000);
  const by = h.staff!.manager.id;
  const add = (sku: string, en: string, priceCents: number) =>
    h.core.catalog.add(by, {
      sku,
      name: { en, fr: en },
      priceCents,
      taxCategory: 'standard',
      department: 'Bakery',
      soldBy: 'unit',
      barcodes: [],
    });
  add('BREAD', 'Bread', 3_50);
  add('BUN', 'Bun', 1_25);
  add('CAKE', 'Cake', 12_00);
  await page.getByTestId('tab-catalog').click();
  await expect(page.getByTestId('item-CAKE')).toBeVisible();

  // A new price: audited with before and after.
  await page.getByTestId('item-edit-BUN').click();
  await page.getByLabel('Price (empty: typed at each sale)').fill('1,35');
  await page.getByTestId('item-save').click();
  await expect(page.getByTestId('item-BUN')).toContainText('$1.35');
  expect(h.core.audit.entries().some((e) => e.detail === 'BUN: price 125 → 135')).toBe(true);
  // The cake is no longer sold.
  await page.getByTestId('item-active-CAKE').click();
  await expect(page.getByTestId('item-CAKE')).toContainText('Off sale');

  // The Bakery page: the bun first, then the bread.
  await page.getByTestId('quick-department').fill('Bakery');
  await page.getByTestId('quick-open').click();
  await page.getByTestId('item-quick-BREAD').click();
  await page.getByTestId('item-quick-BUN').click();
  await page.getByRole('button', { name: 'Move Bun up' }).click();
  await expect(page.getByTestId('quick-page').locator('li').first()).toContainText('Bun');
  await expect(page.getByTestId('item-quick-CAKE')).toHaveCount(0);
  await shot(page, 'catalog-3-quick-keys');
  await page.getByTestId('quick-save').click();
  await expect(page.getByText('Saved: the Sale screen shows it now.')).toBeVisible();

  await page.getByTestId('tab-sale').click();
  const keys = page.locator('.quick-grid button');
  await expect(keys).toHaveText(['Bun', 'Bread']);
  await page.getByTestId('quick-BUN').click();
  await expect(page.getByTestId('cart-total')).toContainText('$1.35');
});

test('keyboard alone: an item added, its price changed, taken off sale and back, and put on a page of quick keys', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  h.core.catalog.add(h.staff!.manager.id, {
    sku: 'BUN',
    name: { en: 'Bun', fr: 'Petit pain' },
    priceCents: 1_25,
    taxCategory: 'standard',
    department: 'Bakery',
    soldBy: 'unit',
    barcodes: [],
  });
  await tabTo(page, 'tab-catalog');
  await page.keyboard.press('Enter');
  await tabTo(page, 'item-new');
  await page.keyboard.press('Enter');
  // Every field reached with Tab, in reading order; Enter in a field saves the form.
  await tabTo(page, 'item-name-en');
  await page.keyboard.type('Bread');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Pain');
  await page.keyboard.press('Tab');
  await page.keyboard.type('BREAD');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3,50');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Bakery');
  await shot(page, 'catalog-4-keyboard-new');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-BREAD')).toContainText('$3.50');
  expect(h.core.catalog.bySku('BREAD')).toMatchObject({ priceCents: 3_50, name: { en: 'Bread', fr: 'Pain' } });

  // A new price: the editor opened from the list, the price field cleared and typed again.
  await tabTo(page, 'item-edit-BREAD');
  await page.keyboard.press('Enter');
  await tabTo(page, 'item-price');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('3,75');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-BREAD')).toContainText('$3.75');
  // Off sale with Space, and back on with Enter.
  await tabTo(page, 'item-active-BREAD');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('item-BREAD')).toContainText('Off sale');
  await tabTo(page, 'item-active-BREAD');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-BREAD')).not.toContainText('Off sale');

  // The Bakery page: opened by name, both items added, the bread moved first, saved.
  await tabTo(page, 'quick-department');
  await page.keyboard.type('Bakery');
  await tabTo(page, 'quick-open');
  await page.keyboard.press('Enter');
  await tabTo(page, 'item-quick-BUN');
  await page.keyboard.press('Enter');
  await tabTo(page, 'item-quick-BREAD');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Move Bread up');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-page').locator('li').first()).toContainText('Bread');
  await shot(page, 'catalog-5-keyboard-quick-keys');
  await tabTo(page, 'quick-save');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Saved: the Sale screen shows it now.')).toBeVisible();
  expect(h.core.quickKeys.pages().map((p) => [p.department, p.items.map((i) => i.sku)])).toEqual([
    ['Bakery', ['BREAD', 'BUN']],
  ]);
});
