/**
 * Selling from the catalog on the Sale screen (issue 27): a basket scanned with a keyboard-wedge
 * scanner (a weighed item's scale label among them), quick keys, search in French, an open amount
 * typed on the keypad, an unknown barcode added on the spot by a manager's PIN, and the cart with
 * every tender button on a 1024×768 screen. Each journey runs at 1100×800 and at 1024×768.
 *
 * A scanner is a keyboard: its digits arrive 5 ms apart, then Enter; a person's typing is the same
 * keys 120 ms apart (pressStamped).
 */
import type { Page } from '@playwright/test';
import type { ItemDraft, ItemView } from '../../common/contract';
import { expect, pressStamped, shot, STAFF, tabTo, test, type Harness } from './harness';

/** A scanner: the code's digits 5 ms apart, then Enter. */
const scan = (page: Page, code: string) => pressStamped(page, [...code, 'Enter'], 5);
/** A person: digits 120 ms apart. */
const typeAsPerson = (page: Page, digits: string) => pressStamped(page, [...digits], 120);

const WEIGHT_LABELS = [
  { prefix: '02', itemDigits: 5, verifier: true, valueDigits: 4, value: 'price', decimals: 2 },
  { prefix: '2', itemDigits: 6, verifier: false, valueDigits: 5, value: 'weight', decimals: 3 },
] as const;

/** A small grocery: three barcoded items, cheese weighed at the scale, apples weighed at the counter. */
function stock(h: Harness): Record<string, ItemView> {
  h.core.settings.set(
    'catalog.labels',
    WEIGHT_LABELS.map((l) => ({ ...l })),
  );
  const by = h.staff!.manager.id;
  const add = (d: Partial<ItemDraft> & Pick<ItemDraft, 'sku' | 'name'>) =>
    h.core.catalog.add(by, {
      priceCents: null,
      taxCategory: 'standard',
      department: 'Épicerie',
      soldBy: 'unit',
      barcodes: [],
      ...d,
    });
  return {
    milk: add({ sku: 'MILK-2', name: { en: 'Milk 2%', fr: 'Lait 2 %' }, priceCents: 4_29, barcodes: ['036000241457'] }),
    bread: add({ sku: 'BREAD', name: { en: 'Bread', fr: 'Pain' }, priceCents: 3_50, barcodes: ['4006381333931'] }),
    brulee: add({
      sku: 'CB-100',
      name: { en: 'Crème brûlée', fr: 'Crème brûlée' },
      priceCents: 6_50,
      department: 'Boulangerie',
      barcodes: ['96385074'],
    }),
    cheese: add({
      sku: 'CHEESE',
      name: { en: 'Old cheddar', fr: 'Cheddar vieilli' },
      priceCents: 24_00,
      soldBy: 'kg',
      barcodes: ['2123456012507'],
    }),
    apples: add({ sku: 'APPLES', name: { en: 'Apples', fr: 'Pommes' }, priceCents: 4_39, soldBy: 'kg' }),
    flowers: add({ sku: 'FLOWERS', name: { en: 'Flowers', fr: 'Fleurs' }, department: 'Fleurs' }),
  };
}

const lines = (page: Page) => page.getByTestId('cart-lines').locator('li');

/** The grocery stocked and the Sale screen loaded again with it (arrange quick keys in `then` first). */
async function stockedCounter(page: Page, h: Harness, then?: (items: Record<string, ItemView>) => void) {
  const items = stock(h);
  then?.(items);
  await page.reload();
  await page.getByTestId('amount').waitFor();
  return items;
}

test('a basket scanned alone: three items, one twice, a weighed cheese; paid in cash by keyboard', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  await stockedCounter(page, h);
  await scan(page, '036000241457'); // milk, as UPC-A
  await expect(lines(page)).toHaveCount(1);
  await scan(page, '0036000241457'); // the same milk as EAN-13 with a leading 0: one more on its line
  await expect(lines(page).nth(0)).toContainText('2 × $4.29');
  // With the search box focused, a scan still goes to the cart and not a digit into the box.
  await page.getByTestId('cart-search').focus();
  await scan(page, '4006381333931');
  await expect(lines(page)).toHaveCount(2);
  await expect(page.getByTestId('cart-search')).toHaveValue('');
  await scan(page, '2123456012507'); // the scale's label: 1.250 kg of cheese at $24.00/kg
  await expect(lines(page)).toHaveCount(3);
  await expect(lines(page).nth(2)).toContainText('1.250 kg × $24.00/kg');
  await expect(lines(page).nth(2)).toContainText('$30.00');
  // 2 × 4.29 + 3.50 + 30.00, added up by main.
  await expect(page.getByTestId('cart-total')).toContainText('$42.08');
  await expect(page.getByTestId('cash')).toBeEnabled();
  await expect(page.getByTestId('charge')).toHaveText('Charge $42.08');
  await shot(page, 'cart-1-scanned');
  // A misread says so and adds nothing.
  await scan(page, '036000241458');
  await expect(page.getByTestId('sale-error')).toContainText('does not check');
  await expect(lines(page)).toHaveCount(3);

  await page.getByTestId('cash').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cash-panel')).toContainText('$42.08 due');
  await page.getByTestId('cash-tendered').fill('50');
  await page.keyboard.press('Enter');
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'approved');
  await expect(result).toContainText('Change due: $7.92');
  await shot(page, 'cart-2-paid');
  expect(h.core.journal.list(1)[0]).toMatchObject({ tender: 'cash', amountCents: 42_08, state: 'approved' });
  // The receipt lists what was sold, line by line.
  await page.getByTestId('show-receipt').click();
  const sold = page.getByTestId('receipt').locator('.dl-row', { has: page.getByTestId('receipt-line') });
  await expect(sold).toHaveCount(3);
  await expect(sold.nth(0)).toContainText('Milk 2%, 2 × $4.29');
  await expect(sold.nth(0)).toContainText('$8.58');
  await expect(sold.nth(2)).toContainText('Old cheddar, 1.250 kg × $24.00/kg');
  await shot(page, 'cart-2b-receipt');

  // The next scan after a result starts the next sale.
  await scan(page, '96385074');
  await expect(lines(page)).toHaveCount(1);
  await expect(page.getByTestId('cart-total')).toContainText('$6.50');
});

test('a person typing digits is typing, not scanning: they land where the focus is', async ({ page, h }) => {
  await stockedCounter(page, h);
  await typeAsPerson(page, '1234');
  await expect(page.getByTestId('amount')).toHaveText('$12.34');
  await page.getByTestId('cart-search').focus();
  await typeAsPerson(page, '4006');
  await expect(page.getByTestId('cart-search')).toHaveValue('4006');
  // Nine quick digits with no Enter are typing too (an amount's keys, not a code).
  await page.getByTestId('cart-search').fill('');
  await page.keyboard.type('036000241');
  await expect(page.getByTestId('cart-search')).toHaveValue('036000241');
  await expect(page.getByTestId('cart-lines')).toHaveCount(0);
});

test('quick keys by department, one more, one fewer, a line removed, an open amount from the keypad', async ({
  page,
  h,
}) => {
  const by = h.staff!.manager.id;
  await stockedCounter(page, h, (items) => {
    h.core.quickKeys.arrange(by, 'Boulangerie', [items.brulee!.id, items.bread!.id]);
    h.core.quickKeys.arrange(by, 'Fleurs', [items.flowers!.id]);
  });
  await page.getByRole('button', { name: 'Boulangerie' }).click();
  await page.getByTestId('quick-BREAD').click();
  await page.getByTestId('quick-BREAD').click();
  await page.getByTestId('quick-CB-100').click();
  await expect(lines(page)).toHaveCount(2);
  await expect(lines(page).nth(0)).toContainText('2 × $3.50');
  await page.getByRole('button', { name: 'One fewer Bread' }).click();
  await expect(lines(page).nth(0)).toContainText('1 × $3.50');
  await page.getByRole('button', { name: 'One more Crème brûlée' }).click();
  await expect(lines(page).nth(1)).toContainText('2 × $6.50');
  await page.getByRole('button', { name: 'Remove Bread' }).click();
  await expect(lines(page)).toHaveCount(1);
  // An open-price item waits for its price on the keypad.
  await page.getByRole('button', { name: 'Fleurs' }).click();
  await page.getByTestId('quick-FLOWERS').click();
  await expect(page.getByTestId('pending-item')).toContainText('Type the price of Flowers');
  await page.keyboard.type('1999');
  await page.keyboard.press('Enter');
  await expect(lines(page)).toHaveCount(2);
  await expect(lines(page).nth(1)).toContainText('$19.99');
  // Today's keypad sale, one tap away: an amount typed and added is an open-amount line.
  await page.keyboard.type('500');
  await expect(page.getByTestId('charge')).toHaveText('Charge $37.99');
  await page.getByTestId('add-typed').click();
  await expect(lines(page)).toHaveCount(3);
  await expect(lines(page).nth(2)).toContainText('Open amount');
  await expect(page.getByTestId('cart-total')).toContainText('$37.99');
  await shot(page, 'cart-3-quick-keys');
  // Every line removed: no sale is left open.
  for (let i = 0; i < 3; i++)
    await page
      .getByRole('button', { name: /^Remove / })
      .first()
      .click();
  await expect(page.getByTestId('cart-lines')).toHaveCount(0);
  await expect(page.getByTestId('charge')).toBeDisabled();
  expect(h.core.db.prepare(`SELECT count(*) AS n FROM sales WHERE state = 'open'`).get()).toEqual({ n: 0 });
});

test('search in French, accents and case ignored; Enter picks; apples weighed at the counter', async ({ page, h }) => {
  await stockedCounter(page, h);
  const search = page.getByTestId('cart-search');
  await search.fill('CREME');
  await expect(page.getByTestId('cart-results')).toContainText('Crème brûlée');
  await search.fill('pommes');
  await expect(page.getByTestId('cart-results')).toContainText('Apples');
  await shot(page, 'cart-4-search');
  await search.press('Enter');
  await expect(page.getByTestId('pending-item')).toContainText('Type the weight of Apples in kg');
  await expect(search).toHaveValue('');
  await page.getByTestId('amount').focus();
  await page.keyboard.type('1235');
  await expect(page.getByTestId('amount')).toHaveText('1.235 kg');
  await page.keyboard.press('Enter');
  await expect(lines(page).nth(0)).toContainText('1.235 kg × $4.39/kg');
  // 1.235 × 4.39 = 5.42165: half up to the cent, in main.
  await expect(page.getByTestId('cart-total')).toContainText('$5.42');
  await search.fill('zzz');
  await expect(page.getByTestId('cart-results')).toContainText('No item matches “zzz”.');
});

test('an unknown barcode: said in plain words; the manager beside the cashier adds it with their PIN', async ({
  page,
  h,
}) => {
  await stockedCounter(page, h);
  await scan(page, '5901234123457');
  await expect(page.getByTestId('unknown-code')).toContainText('No item has this barcode');
  await page.getByRole('button', { name: 'Add this item…' }).click();
  const form = page.getByTestId('add-item');
  await expect(form).toContainText('barcode 05901234123457');
  await page.getByLabel('Name (English)').fill('Tea');
  await page.getByLabel('Name (French)').fill('Thé');
  await page.getByLabel('Price (empty: typed at each sale)').fill('3,25');
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  // A scan while the PIN has focus: never typed into it.
  await page.getByTestId('ret-pin').focus();
  await scan(page, '036000241457');
  await expect(page.getByTestId('ret-pin')).toHaveValue('');
  await page.getByTestId('ret-pin').fill('000000');
  await page.getByTestId('add-item-save').click();
  await expect(form.getByRole('alert')).toContainText('PIN');
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await shot(page, 'cart-5-add-item');
  await page.getByTestId('add-item-save').click();
  await expect(form).toHaveCount(0);
  // The milk scanned meanwhile, then the tea, scanned again once it is an item.
  await expect(lines(page)).toHaveCount(2);
  await expect(lines(page).nth(1)).toContainText('Tea');
  await expect(page.getByTestId('cart-total')).toContainText('$7.54');
  const added = h.core.audit.entries().find((e) => e.action === 'catalog.item_added' && e.detail.startsWith('5901'));
  expect(added?.actor).toBe(h.staff!.manager.id);
});

test('a full cart on a counter screen: its total and every tender button are on screen without scrolling', async ({
  page,
  h,
}) => {
  h.core.settings.set('terminal.code', 'TRN1');
  await stockedCounter(page, h, (items) =>
    h.core.quickKeys.arrange(h.staff!.manager.id, 'Épicerie', [items.milk!.id, items.bread!.id, items.brulee!.id]),
  );
  for (const code of ['036000241457', '4006381333931', '96385074', '2123456012507', '2123456012507'])
    await scan(page, code);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.type(`${i + 1}00`);
    await page.getByTestId('add-typed').click();
  }
  await expect(lines(page)).toHaveCount(9);
  const vp = page.viewportSize()!;
  for (const id of ['cart-total', 'charge-terminal', 'charge', 'cash', 'split', 'add-typed', 'cart-search']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box, id).not.toBeNull();
    expect(box.y + box.height <= vp.height && box.x + box.width <= vp.width, `${id} on screen`).toBe(true);
  }
  expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
  await shot(page, 'cart-6-full');
});

test('a return of one line of three: picked from the sale, the amount is main’s, bound to the line by the manager’s PIN', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  await stockedCounter(page, h);
  // Milk $4.29, bread $3.50, a crème brûlée $6.50: $14.29 in cash.
  for (const code of ['036000241457', '4006381333931', '96385074']) await scan(page, code);
  await expect(page.getByTestId('cart-total')).toContainText('$14.29');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await page.getByTestId('new-sale').click();

  await page.getByTestId('tab-history').click();
  await page.getByTestId('h-cash-refund').first().click();
  const lines = page.getByTestId('return-lines');
  await expect(lines.locator('li')).toHaveCount(3);
  // No amount to type: the bread is picked, and main says what it comes to.
  await expect(page.getByTestId('cash-refund-amount')).toHaveCount(0);
  await expect(page.getByTestId('cash-refund-submit')).toBeDisabled();
  await page.getByRole('button', { name: 'One more Bread back' }).click();
  await expect(page.getByTestId('return-lines-amount')).toContainText('$3.50');
  await expect(page.getByRole('button', { name: 'One more Bread back' })).toBeDisabled();
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await shot(page, 'cart-7-return-line');
  await page.getByTestId('cash-refund-submit').click();
  await expect(page.getByTestId('cash-refund-result')).toContainText('$3.50');
  expect(h.core.journal.list(1)[0]).toMatchObject({ kind: 'refund', tender: 'cash', amountCents: 3_50 });
  // The bread is back: a second return offers the other two lines only.
  await page.getByTestId('cash-refund-done').click();
  await page.getByTestId('h-cash-refund').first().click();
  await expect(page.getByTestId('return-line-2')).toContainText('0 left to return');
  await expect(page.getByRole('button', { name: 'One more Bread back' })).toBeDisabled();
});

test('the customer’s language chosen after the first scan: the sale takes it, until it is paid', async ({
  page,
  h,
}) => {
  await stockedCounter(page, h);
  await scan(page, '036000241457');
  await expect(lines(page)).toHaveCount(1);
  await page.getByTestId('language-fr-CA').click();
  await expect(page.getByTestId('language-fr-CA')).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(
      () =>
        (h.core.db.prepare(`SELECT language FROM sales WHERE state = 'open'`).get() as { language: string })?.language,
    )
    .toBe('fr-CA');
  await page.getByTestId('cash').click();
  await expect(page.getByTestId('language-fr-CA')).toHaveCount(0);
});

test('keyboard alone: a return of a piece and a weighed line, picked, approved and handed back', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  await stockedCounter(page, h);
  // Bread $3.50 and 1.250 kg of cheese $30.00: $33.50 in cash, by keyboard.
  for (const code of ['4006381333931', '2123456012507']) await scan(page, code);
  await expect(page.getByTestId('cart-total')).toContainText('$33.50');
  await tabTo(page, 'cash');
  await page.keyboard.press('Enter');
  await page.getByTestId('cash-tendered').waitFor();
  await page.keyboard.type('40');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await tabTo(page, 'new-sale');
  await page.keyboard.press('Enter');

  await tabTo(page, 'tab-history');
  await page.keyboard.press('Enter');
  await tabTo(page, 'h-cash-refund');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('return-lines').locator('li')).toHaveCount(2);
  // The bread with Enter on its "+", the cheese (weighed: all of it or none) with Space on its box.
  await tabTo(page, 'One more Bread back');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('return-lines-amount')).toContainText('$3.50');
  await tabTo(page, 'return-all-2');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('return-lines-amount')).toContainText('$33.50');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('return-lines-amount')).toContainText('$3.50');
  // The manager picked by typing their name on the list, their PIN typed, the refund handed back with Enter.
  await tabTo(page, 'ret-manager');
  await page.keyboard.type(STAFF.manager.name);
  await expect(page.getByTestId('ret-manager').locator('option:checked')).toHaveText(STAFF.manager.name);
  await tabTo(page, 'ret-pin');
  await page.keyboard.type(STAFF.manager.pin);
  await shot(page, 'cart-9-keyboard-return');
  await tabTo(page, 'cash-refund-submit');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cash-refund-result')).toContainText('$3.50');
  expect(h.core.journal.list(1)[0]).toMatchObject({ kind: 'refund', tender: 'cash', amountCents: 3_50 });
});
