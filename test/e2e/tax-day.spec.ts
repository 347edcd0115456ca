/**
 * A taxed day at a Quebec counter, start to Z (issue 28): a basket with a zero-rated line and a
 * discounted taxable line, paid part on the terminal and the rest in cash rounded to 5¢; then the
 * manager — in French — reads the X and closes the Z, whose tax collected per tax, rounding and
 * discounts by reason and by cashier are what was charged, to the cent. At 1100×800 and 1024×768.
 */
import type { Page } from '@playwright/test';
import { expect, pressStamped, shot, signIn, STAFF, test } from './harness';
import { quebecShop } from './shops';

test.use({ signedInAs: STAFF.manager });

const scan = (page: Page, code: string) => pressStamped(page, [...code, 'Enter'], 5);
const terminal = (page: Page) => page.frameLocator('[data-testid=training-terminal]');

test('split card + cash with tax and a discount, then the Z in French: tax per tax, rounding and discounts', async ({
  page,
  h,
}) => {
  test.setTimeout(90_000);
  await page.getByTestId('tab-helcim').click();
  await page.getByTestId('terminal-code').fill('TRN1');
  await page.getByTestId('terminal-pair').click();
  await expect(page.getByTestId('terminal-paired')).toContainText('terminal TRN1');
  await page.getByTestId('tab-sale').click();
  await quebecShop(page, h);
  await scan(page, '036000241457');
  await scan(page, '4006381333931');
  await expect(page.getByTestId('cart-lines').locator('li')).toHaveCount(2);
  // 10 % off the soap (a manager gives it alone): $3.50 → $3.15; GST 5 % = 15.75¢ → 16¢, QST 9.975 % = 31.4¢ → 31¢.
  await page.getByTestId('cart-line-discount-button').nth(1).click();
  const dialog = page.getByTestId('discount-dialog');
  await dialog.getByTestId('discount-value').fill('10');
  await dialog.getByTestId('discount-reason').selectOption({ label: 'Damaged item' });
  await dialog.getByTestId('discount-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('cart-tax')).toHaveText(['GST 5 %$0.16', 'QST 9.975 %$0.31']);
  // $4.29 + $3.15 + 16¢ + 31¢ = $7.91.
  await expect(page.getByTestId('cart-total')).toContainText('$7.91');
  await shot(page, 'tax-day-1-basket');
  await page.getByTestId('split').click();
  await page.getByTestId('tender-part').fill('5.00');
  await page.getByTestId('tender-terminal').click();
  await expect(terminal(page).getByTestId('terminal-due')).toBeVisible();
  await terminal(page).getByTestId('terminal-tap').click();
  await expect(page.getByTestId('sale-due')).toHaveText('Still due: $2.91', { timeout: 10_000 });
  // The cash that settles it is rounded: $2.91 → $2.90; the card part never is.
  await page.getByTestId('tender-cash').click();
  await expect(page.getByTestId('cash-panel')).toContainText('$2.90 due');
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await shot(page, 'tax-day-2-paid');
  await page.getByTestId('new-sale').click();

  // The manager reads the day in French.
  await page.getByTestId('tab-staff').click();
  await page.getByTestId(`staff-language-${STAFF.manager.name}`).selectOption('fr-CA');
  await expect(page.getByTestId('staff-notice')).toBeVisible();
  await page.getByTestId('sign-out').click();
  await signIn(page, STAFF.manager);
  await page.getByTestId('tab-reports').click();
  const report = page.getByTestId('report');
  await expect(report).toContainText('Taxes de vente perçues');
  await page.getByTestId('report-close-day').click();
  await page.getByTestId('report-confirm-z').click();
  await expect(report).toHaveAttribute('data-kind', 'z');
  const section = (title: string) => report.locator('div', { has: page.getByRole('heading', { name: title }) }).last();
  await expect(section('Taxes de vente perçues')).toContainText('TPS 5 %');
  await expect(section('Taxes de vente perçues')).toContainText('0,16\u00a0$');
  await expect(section('Taxes de vente perçues')).toContainText('TVQ 9,975 %');
  await expect(section('Taxes de vente perçues')).toContainText('0,31\u00a0$');
  await expect(section('Arrondi')).toContainText('-0,01\u00a0$');
  await expect(section('Rabais par motif')).toContainText('Article abîmé');
  await expect(section('Rabais par motif')).toContainText('0,35\u00a0$');
  await expect(section('Rabais par caissier')).toContainText(STAFF.manager.name);
  await shot(page, 'tax-day-3-z-french');
  const z = h.core.db.prepare('SELECT data FROM z_reports ORDER BY number DESC LIMIT 1').get() as { data: string };
  const data = JSON.parse(z.data);
  expect(data.taxCollected.map((l: { key: string; cents: number }) => [l.key, l.cents])).toEqual([
    ['GST 50000', 16],
    ['QST 99750', 31],
  ]);
  expect(data.rounding.cents).toBe(-1);
});
