/**
 * Receipts (print, PDF, reprint from history), history merged with Helcim's list, and the
 * end-of-day X and Z reports with CSV and PDF export. Screenshots of each.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { enterCard, expect, shot, signIn, STAFF, test } from './harness';
import { simulateSale } from '../support/simulated-sale';

async function sell(page: Page, digits: string, card = '4124939999999990') {
  await page.getByTestId('tab-sale').click();
  await page.keyboard.type(digits);
  await page.getByTestId('charge').click();
  await enterCard(page, { number: card }, true);
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
}

test('receipt after a sale: brand and last four only; print and save as PDF; reprint from history', async ({
  page,
  h,
}) => {
  await sell(page, '2599');
  await page.getByTestId('show-receipt').click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toContainText('Corner Store');
  await expect(receipt).toContainText('SALE $25.99');
  await expect(page.getByTestId('receipt-card')).toHaveText('Visa •••• 9990');
  await expect(receipt).toContainText('TRAINING');
  await shot(page, 'receipt-1-on-screen');
  await page.getByTestId('receipt-print').click();
  await expect(page.getByTestId('receipt-notice')).toHaveText('Sent to the printer.');
  expect(h.printed).toHaveLength(1);
  expect(h.printed[0]).toContain('•••• 9990');
  expect(h.printed[0]).not.toContain('4124939999999990');
  await page.getByTestId('receipt-pdf').click();
  await expect(page.getByTestId('receipt-notice')).toContainText('Saved as');
  const file = (await page.getByTestId('receipt-notice').textContent())!.replace('Saved as ', '');
  expect(existsSync(file)).toBe(true);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

  // Reprint, later, from History.
  await page.keyboard.press('Escape');
  const other = await simulateSale(h.core.simulator!, 1000, '5413330089099130'); // made outside this app
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId(`h-row-${other}`)).toContainText('Helcim only');
  const mine = page.locator('tr', { hasText: '$25.99' });
  await expect(mine).toContainText('app + Helcim');
  await expect(mine).toContainText('Casey');
  await shot(page, 'history-merged');
  await mine.getByTestId('h-receipt').click();
  await page.getByTestId('receipt-print').click();
  await expect(page.getByTestId('receipt-notice')).toHaveText('Sent to the printer.');
  expect(h.printed).toHaveLength(2);
});

test.describe('end of day', () => {
  test.use({ signedInAs: STAFF.manager });

  test('X report by type, cashier and brand, checked against Helcim; CSV and PDF; Z closes the day', async ({
    page,
    h,
  }) => {
    await sell(page, '1000', '4124939999999990');
    await page.keyboard.press('Enter');
    await sell(page, '2500', '5413330089099130');
    await simulateSale(h.core.simulator!, 700); // a sale Helcim has that this journal does not
    await page.getByTestId('tab-reports').click();
    const report = page.getByTestId('report');
    await expect(report).toHaveAttribute('data-kind', 'x');
    await expect(page.getByTestId('report-net')).toHaveText('Net $35.00');
    await expect(report).toContainText('Visa');
    await expect(report).toContainText('Mastercard');
    await expect(report).toContainText('Morgan');
    await expect(page.getByTestId('report-reconciliation')).toContainText('1 difference');
    await expect(report).toContainText('Sale');
    await shot(page, 'end-of-day-1-x-report');

    await page.getByTestId('report-csv').click();
    await expect(page.getByTestId('report-notice')).toContainText('Saved as');
    const csv = readFileSync((await page.getByTestId('report-notice').textContent())!.replace('Saved as ', ''), 'utf8');
    expect(csv).toContain('"type","Sale",2,35.00');
    expect(csv).toContain('"net","","",35.00');
    await page.getByTestId('report-pdf').click();
    await expect(page.getByTestId('report-notice')).toContainText('.pdf');
    const pdf = (await page.getByTestId('report-notice').textContent())!.replace('Saved as ', '');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByTestId('report-close-day').click();
    await page.getByTestId('report-confirm-z').click();
    await expect(report).toHaveAttribute('data-kind', 'z');
    await expect(report).toContainText('Z report #1');
    await shot(page, 'end-of-day-2-z-report');
    await page.getByRole('button', { name: 'New X report' }).click();
    await expect(page.getByTestId('report-net')).toHaveText('Net $0.00');
    expect(h.core.audit.entries().some((r) => r.action === 'report.z')).toBe(true);
  });

  test('a cashier has no end-of-day screen', async ({ page, h }) => {
    expect(h.staff).not.toBeNull();
    await page.getByTestId('sign-out').click();
    await signIn(page, STAFF.cashier);
    await expect(page.getByTestId('tab-reports')).toHaveCount(0);
    await expect(page.getByTestId('tab-history')).toHaveCount(1);
  });
});
