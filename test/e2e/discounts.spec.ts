/**
 * Discounts on a counter screen (issue 28 part 4): a cashier takes $1.00 off a damaged soap; the shop's
 * limit for cashiers is 0 (the default), so the manager beside them types their PIN for exactly that
 * dollar on that line; the cart, the customer display and the receipt show the discount with its
 * reason and who approved it, and tax is on what is left. Then a manager keeps the reasons and the
 * cashier's limit on the Staff screen. Each journey runs at 1100×800 and 1024×768, with axe on every screen.
 */
import type { Page } from '@playwright/test';
import { expect, pressStamped, shot, STAFF, tabTo, test, type Harness } from './harness';

const scan = (page: Page, code: string) => pressStamped(page, [...code, 'Enter'], 5);

async function albertaShop(page: Page, h: Harness) {
  h.core.catalog.add(h.staff!.manager.id, {
    sku: 'SOAP',
    name: { en: 'Soap', fr: 'Savon' },
    priceCents: 3_50,
    taxCategory: 'standard',
    department: '',
    soldBy: 'unit',
    barcodes: ['4006381333931'],
  });
  h.core.settings.set('tax', {
    jurisdiction: 'AB',
    pricesInclude: false,
    roundCash: false,
    usRates: [],
    categories: [],
    legalName: null,
    gstHstNumber: null,
    qstNumber: null,
  });
  await page.reload();
  await page.getByTestId('amount').waitFor();
}

test('a damaged soap: $1.00 off approved by the manager beside the cashier; cart, display and receipt agree', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  await albertaShop(page, h);
  await scan(page, '4006381333931');
  await expect(page.getByTestId('cart-total')).toContainText('$3.68');
  await page.getByTestId('cart-line-discount-button').click();
  const dialog = page.getByTestId('discount-dialog');
  await dialog.getByTestId('discount-kind-amount').check();
  await dialog.getByTestId('discount-value').fill('1.00');
  await dialog.getByTestId('discount-reason').selectOption({ label: 'Damaged item' });
  await dialog.getByTestId('discount-apply').click();
  // The cashier may give nothing alone (the limit is 0 until a manager sets it).
  await expect(dialog.getByTestId('discount-needs-manager')).toHaveText('A manager approves $1.00 off.');
  await dialog.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await dialog.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await shot(page, 'discount-1-manager');
  await dialog.getByTestId('discount-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('cart-line-discount')).toHaveText(
    'Damaged item: $1.00 off (approved by Morgan) −$1.00',
  );
  // $2.50 left; GST 5 % = 12.5¢ → 13¢; $2.63.
  await expect(page.getByTestId('cart-taxes')).toContainText('Subtotal$2.50');
  await expect(page.getByTestId('cart-total')).toContainText('$2.63');
  expect(h.core.customerView().discountsCents).toBe(1_00);
  await shot(page, 'discount-2-cart');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await page.getByTestId('show-receipt').click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('receipt-line-discount')).toHaveText('−$1.00');
  await expect(receipt).toContainText('Damaged item: $1.00 off (approved by Morgan)');
  await shot(page, 'discount-3-receipt');
  expect(h.core.audit.entries().some((e) => e.action === 'discount.approved')).toBe(true);
});

test('a wrong PIN approves nothing: the discount is not given and the cart is as it was', async ({ page, h }) => {
  test.setTimeout(60_000);
  await albertaShop(page, h);
  await scan(page, '4006381333931');
  await page.getByTestId('cart-line-discount-button').click();
  const dialog = page.getByTestId('discount-dialog');
  await dialog.getByTestId('discount-value').fill('50');
  await dialog.getByTestId('discount-reason').selectOption({ label: 'Goodwill' });
  await dialog.getByTestId('discount-apply').click();
  await expect(dialog.getByTestId('discount-needs-manager')).toHaveText('A manager approves $1.75 off.');
  await dialog.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await dialog.getByTestId('ret-pin').fill('999999');
  await dialog.getByTestId('discount-apply').click();
  await expect(dialog.getByTestId('discount-error')).toBeVisible();
  await expect(dialog.getByTestId('ret-pin')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cart-line-discount')).toHaveCount(0);
  await expect(page.getByTestId('cart-total')).toContainText('$3.68');
});

test('keyboard alone: 10 % off a line, the manager’s name and PIN typed beside the cashier', async ({ page, h }) => {
  test.setTimeout(60_000);
  await albertaShop(page, h);
  await scan(page, '4006381333931');
  await tabTo(page, 'cart-line-discount-button');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('discount-dialog');
  // The amount field has the focus: 10, the reason, back to the amount, Enter.
  await expect(dialog.getByTestId('discount-value')).toBeFocused();
  await page.keyboard.type('10');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Damaged');
  await expect(dialog.getByTestId('discount-reason')).toHaveValue('damaged');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('discount-needs-manager')).toHaveText('A manager approves $0.35 off.');
  await tabTo(page, 'ret-manager');
  await page.keyboard.type(STAFF.manager.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(STAFF.manager.pin);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('cart-line-discount')).toContainText('10 % off (approved by Morgan) −$0.35');
  // $3.15 and GST 15.75¢ → 16¢: $3.31.
  await expect(page.getByTestId('cart-total')).toContainText('$3.31');
});

test.describe('a manager', () => {
  test.use({ signedInAs: STAFF.manager });

  test('keyboard alone: a cashier’s limit of 5 % and a new reason; a reason without its French name said in plain words', async ({
    page,
    h,
  }) => {
    test.setTimeout(60_000);
    await tabTo(page, 'tab-staff');
    await page.keyboard.press('Enter');
    await tabTo(page, 'discount-limit');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('loyalty, Loyal customer');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('discount-settings-error')).toContainText('a French name');
    expect(h.core.settings.get('discounts').cashierLimitBasisPoints).toBe(0);
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('discount-reasons')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(', Client fidèle');
    await tabTo(page, 'discount-save');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('discount-settings-saved')).toBeVisible();
    await shot(page, 'discount-4-settings');
    const saved = h.core.settings.get('discounts');
    expect(saved.cashierLimitBasisPoints).toBe(500);
    expect(saved.reasons.at(-1)).toEqual({ id: 'loyalty', name: { en: 'Loyal customer', fr: 'Client fidèle' } });
  });
});
