/**
 * Itemized invoices in Helcim (issue 29), in Chromium, in training: a cart charged on the terminal
 * gets its invoice before the push — Helcim's invoice lists the receipt's lines, tax and total, and the
 * receipt names it — in English and in French; and when the token may not create invoices, the sale
 * still sells and the X says what to change. Each journey runs at 1100×800 and 1024×768, with axe on
 * every screen.
 */
import type { Page } from '@playwright/test';
import { expect, pressStamped, shot, STAFF, test, type Harness } from './harness';
import { quebecShop } from './shops';

test.use({ signedInAs: STAFF.manager });

const scan = (page: Page, code: string) => pressStamped(page, [...code, 'Enter'], 5);
const terminal = (page: Page) => page.frameLocator('[data-testid=training-terminal]');
type Invoice = {
  invoiceNumber: string;
  amount: number;
  lineItems: { description: string; quantity: number; price: number }[];
};
const invoices = (h: Harness) => h.core.simulator!.invoices() as unknown as Invoice[];

/** A Quebec basket (milk and soap) charged on the paired training terminal, the customer tapping there. */
async function basketOnTerminal(page: Page, h: Harness, language: 'en-CA' | 'fr-CA') {
  h.core.settings.set('terminal.code', 'TRN1');
  h.core.settings.set('shop.language', language);
  await quebecShop(page, h);
  await scan(page, '036000241457');
  await scan(page, '4006381333931');
  await expect(page.getByTestId('cart-total')).toContainText(/8[.,]32/);
  await page.getByTestId('charge-terminal').click();
  await expect(terminal(page).getByTestId('terminal-due')).toBeVisible();
  await terminal(page).getByTestId('terminal-tap').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved', { timeout: 10_000 });
}

for (const [language, names] of [
  ['en-CA', ['Milk 2%', 'Soap']],
  ['fr-CA', ['Lait 2 %', 'Savon']],
] as const)
  test(`a terminal sale with its invoice (${language}): Helcim’s invoice lists the receipt’s lines and total; the receipt names it`, async ({
    page,
    h,
  }) => {
    test.setTimeout(60_000);
    await basketOnTerminal(page, h, language);
    const [a] = h.core.journal.list(1);
    const inv = invoices(h).find((x) => x.invoiceNumber === a!.reference)!;
    expect(inv.lineItems.map((l) => [l.description, l.quantity, l.price])).toEqual([
      [names[0], 1, 4.29],
      [names[1], 1, 3.5],
    ]);
    expect(inv.amount).toBe(8.32);
    await page.getByTestId('show-receipt').click();
    await expect(page.getByTestId('receipt-invoice')).toHaveText(a!.reference!);
    await expect(page.getByTestId('receipt')).toContainText(language === 'fr-CA' ? 'Facture Helcim' : 'Helcim invoice');
    await shot(page, `invoices-1-receipt-${language}`);
  });

test('the token may not create invoices: the sale goes on, and the X says what to change in Helcim', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  h.core.simulator!.setGeneralAccess('read');
  await basketOnTerminal(page, h, 'en-CA');
  const [a] = h.core.journal.list(1);
  expect(a).toMatchObject({ kind: 'purchase', state: 'approved', amountCents: 8_32 });
  await page.getByTestId('show-receipt').click();
  await expect(page.getByTestId('receipt-invoice')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByTestId('tab-reports').click();
  await expect(page.getByTestId('report-reconciliation')).toContainText('1 difference');
  await expect(page.getByTestId('report')).toContainText('the token may not create invoices');
  await expect(page.getByTestId('report')).toContainText('General Read & Write');
  await page.getByTestId('report-reconciliation').scrollIntoViewIfNeeded();
  await shot(page, 'invoices-2-refused-x');
});
