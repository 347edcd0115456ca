/**
 * Sales tax on a counter screen (issue 28): a manager sets the shop's province and its registration
 * numbers with the keyboard; a Quebec basket with a zero-rated line shows its subtotal, GST and QST
 * on the Sale screen; the receipt lists them with the numbers; a return of the taxed line gives its
 * tax back. Each journey runs at 1100×800 and at 1024×768, with axe on every screen.
 */
import type { Page } from '@playwright/test';
import { expect, pressStamped, shot, STAFF, tabTo, test } from './harness';
import { quebecShop } from './shops';

const scan = (page: Page, code: string) => pressStamped(page, [...code, 'Enter'], 5);

test.describe('a manager', () => {
  test.use({ signedInAs: STAFF.manager });

  test('keyboard alone: the shop’s province and numbers set on the Sales tax card; a wrong number said in plain words', async ({
    page,
    h,
  }) => {
    test.setTimeout(60_000);
    await tabTo(page, 'tab-staff');
    await page.keyboard.press('Enter');
    await tabTo(page, 'tax-where');
    await page.keyboard.type('Quebec');
    await expect(page.getByTestId('tax-where')).toHaveValue('QC');
    await tabTo(page, 'tax-legal-name');
    await page.keyboard.type('Épicerie Tremblay inc.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12345678RT0001');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1234567890TQ0001');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('tax-error')).toContainText('123456789 RT 0001');
    expect(h.core.settings.get('tax').jurisdiction).toBeNull();
    // Back one field from the QST number, where the focus stayed.
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('tax-gst-number')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('123456789RT0001');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('tax-saved')).toBeVisible();
    await shot(page, 'tax-1-settings');
    expect(h.core.settings.get('tax')).toMatchObject({
      jurisdiction: 'QC',
      gstHstNumber: '123456789 RT 0001',
      qstNumber: '1234567890 TQ 0001',
    });
  });

  test('a shop’s own category: BC liquor (GST and a 10 % PST) typed on the Sales tax card, then picked for an item', async ({
    page,
    h,
  }) => {
    test.setTimeout(60_000);
    await page.getByTestId('tab-staff').click();
    await page.getByTestId('tax-where').selectOption('BC');
    await page.getByTestId('tax-categories').fill('bc liquor: GST');
    await expect(page.getByTestId('tax-categories-error')).toContainText('a name in lower case');
    await expect(page.getByTestId('tax-save')).toBeDisabled();
    await page.getByTestId('tax-categories').fill('bc_liquor: GST, PST 10');
    await page.getByTestId('tax-save').click();
    await expect(page.getByTestId('tax-saved')).toBeVisible();
    expect(h.core.settings.get('tax').categories).toEqual([
      { name: 'bc_liquor', taxes: [{ code: 'GST' }, { code: 'PST', rateMillionths: 100_000 }] },
    ]);
    await page.getByTestId('tab-catalog').click();
    await page.getByTestId('item-new').click();
    await page.getByLabel('Name (English)').fill('Red wine');
    await page.getByLabel('SKU').fill('WINE-1');
    await page.getByLabel('Price (empty: typed at each sale)').fill('20');
    await page.getByTestId('item-tax-category').selectOption('bc_liquor');
    await shot(page, 'tax-7-own-category');
    await page.getByTestId('item-save').click();
    await expect(page.getByTestId('item-WINE-1')).toBeVisible();
    expect(h.core.catalog.all().find((i) => i.sku === 'WINE-1')?.taxCategory).toBe('bc_liquor');
  });
});

test('a Quebec basket with a zero-rated line: subtotal, GST and QST on the screen and the receipt; the taxed line returned with its tax', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  await quebecShop(page, h);
  await scan(page, '036000241457');
  await scan(page, '4006381333931');
  await expect(page.getByTestId('cart-lines').locator('li')).toHaveCount(2);
  // $4.29 + $3.50 = $7.79; GST 5 % and QST 9.975 % of the soap's $3.50: 18¢ and 35¢.
  const taxes = page.getByTestId('cart-tax');
  await expect(taxes).toHaveText(['GST 5 %$0.18', 'QST 9.975 %$0.35']);
  await expect(page.getByTestId('cart-taxes')).toContainText('Subtotal$7.79');
  await expect(page.getByTestId('cart-total')).toContainText('$8.32');
  await shot(page, 'tax-2-basket');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await page.getByTestId('show-receipt').click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('receipt-tax')).toHaveText(['$0.18', '$0.35']);
  await expect(receipt.getByTestId('receipt-gst-number')).toHaveText('123456789 RT 0001');
  await expect(receipt.getByTestId('receipt-qst-number')).toHaveText('1234567890 TQ 0001');
  await shot(page, 'tax-3-receipt');
  await page.keyboard.press('Escape');

  await page.getByTestId('tab-history').click();
  await page.getByTestId('h-cash-refund').first().click();
  await page.getByRole('button', { name: 'One more Soap back' }).click();
  await expect(page.getByTestId('return-lines-amount')).toContainText('$4.03');
  await expect(page.getByTestId('return-lines-tax')).toHaveText('Tax given back: $0.53');
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await shot(page, 'tax-4-return');
  await page.getByTestId('cash-refund-submit').click();
  await expect(page.getByTestId('cash-refund-result')).toContainText('$4.03');
  expect(h.core.journal.list(1)[0]).toMatchObject({ kind: 'refund', tender: 'cash', amountCents: 4_03 });
});

test('a cash sale in Canada: the cash due rounded to 5¢, said on the screen, the receipt and the customer display', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  await quebecShop(page, h);
  await scan(page, '4006381333931');
  // Soap $3.50 + GST 18¢ + QST 35¢ = $4.03: $4.05 in cash.
  await expect(page.getByTestId('cart-total')).toContainText('$4.03');
  await tabTo(page, 'cash');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cash-panel')).toContainText('$4.05 due');
  await expect(page.getByTestId('cash-rounding')).toHaveText(
    '$4.03 rounded to 5¢ for cash (+$0.02): there are no pennies.',
  );
  await shot(page, 'tax-5-cash-rounded');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'approved');
  await expect(result).toContainText('Change due: $0.95');
  expect(h.core.customerView().roundingCents).toBe(2);
  await page.getByTestId('show-receipt').click();
  await expect(page.getByTestId('receipt').getByTestId('receipt-rounding')).toHaveText('+$0.02');
  await expect(page.getByTestId('receipt').getByTestId('receipt-change')).toHaveText('$0.95');
  await shot(page, 'tax-6-receipt-rounded');
});
