/**
 * The customer display (issue 16) as a second page beside the counter: it follows a sale from the
 * welcome screen to the amount, "tap, insert or swipe on the terminal", a decline, a part paid, the
 * change and "thank you". It has no controls, no counter bridge, and shows only what the customer may
 * see. Screenshots of each state.
 */
import type { Page } from '@playwright/test';
import { expect, openCustomerDisplay, shot, STAFF, test } from './harness';

test.use({ signedInAs: STAFF.manager });

const terminal = (page: Page) => page.frameLocator('[data-testid=training-terminal]');

test('the customer display follows a sale: amount, terminal, declined, part paid, change, thank you', async ({
  page,
  h,
  browser,
}) => {
  test.setTimeout(90_000);
  await page.getByTestId('tab-helcim').click();
  await page.getByTestId('terminal-code').fill('TRN1');
  await page.getByTestId('terminal-pair').click();
  await expect(page.getByTestId('terminal-paired')).toContainText('terminal TRN1');
  await page.getByTestId('tab-sale').click();
  const display = await openCustomerDisplay(h, browser);
  const screen = display.page.getByTestId('customer-display');
  try {
    await expect(screen).toHaveAttribute('data-state', 'welcome');
    await expect(screen).toContainText('Corner Store');
    await shot(display.page, 'customer-1-welcome');

    await page.keyboard.type('4200');
    // The amount shows as it is typed, before the cashier picks how the customer pays.
    await expect(screen).toHaveAttribute('data-state', 'due');
    await expect(display.page.getByTestId('customer-due')).toHaveText('$42.00');
    await shot(display.page, 'customer-1b-amount-typed');
    await page.getByTestId('charge-terminal').click();
    await expect(screen).toHaveAttribute('data-state', 'card');
    await expect(display.page.getByTestId('customer-due')).toHaveText('$42.00');
    await expect(screen).toContainText('Tap, insert or swipe your card on the terminal.');
    await expect(screen).toContainText(`Served by ${STAFF.manager.name.split(' ')[0]}`);
    await shot(display.page, 'customer-2-terminal');

    await terminal(page).getByTestId('terminal-decline').click();
    await expect(screen).toHaveAttribute('data-state', 'declined', { timeout: 10_000 });
    await shot(display.page, 'customer-3-declined');

    // Another way: $20 in cash as a part, the rest on the terminal.
    await page.getByTestId('another-way').click();
    await page.getByTestId('tender-cash').click();
    await page.getByTestId('cash-tendered').fill('20.00');
    await page.getByTestId('cash-record').click();
    await expect(display.page.getByTestId('customer-due')).toHaveText('$22.00');
    await expect(screen).toContainText('paid $20.00');
    await shot(display.page, 'customer-4-part-paid');
    await page.getByTestId('tender-cash').click();
    await page.getByTestId('cash-tendered').fill('30.00');
    await page.getByTestId('cash-record').click();
    await expect(screen).toHaveAttribute('data-state', 'paid');
    await expect(display.page.getByTestId('customer-change')).toHaveText('Your change: $8.00');
    await expect(screen).toContainText('thank you');
    await shot(display.page, 'customer-5-change-thank-you');

    // Nothing of the counter reaches it: no bridge, no controls, no ids, no card data.
    expect(await display.page.evaluate(() => 'pos' in window)).toBe(false);
    await expect(display.page.locator('button, input, select, a, textarea')).toHaveCount(0);
    const text = await display.page.locator('body').innerText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|invoice|transaction|Helcim/i);
    const view = JSON.stringify(h.core.customerView());
    expect(Object.keys(JSON.parse(view)).sort()).toEqual([
      'changeCents',
      'currency',
      'discountsCents',
      'dueCents',
      'lineCount',
      'lines',
      'locale',
      'paidCents',
      'roundingCents',
      'servedBy',
      'shop',
      'state',
      'taxes',
      'totalCents',
    ]);
  } finally {
    await display.close();
  }
});

test('a French-speaking customer: the display and the receipt in French, chosen for this sale', async ({
  page,
  h,
  browser,
}) => {
  const display = await openCustomerDisplay(h, browser);
  const screen = display.page.getByTestId('customer-display');
  try {
    await page.getByTestId('language-fr-CA').click();
    await expect(page.getByTestId('language-fr-CA')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.type('1234');
    await page.getByTestId('cash').click();
    await page.getByTestId('cash-2000').click();
    await page.getByTestId('cash-record').click();
    await expect(screen).toHaveAttribute('lang', 'fr-CA');
    await expect(screen).toContainText('Approuvé — merci!');
    await expect(display.page.getByTestId('customer-change')).toHaveText('Votre monnaie : 7,66\u00a0$');
    await shot(display.page, 'customer-fr-change-merci');
    // The receipt the customer takes home, as a PDF: in French.
    await page.getByTestId('show-receipt').click();
    await page.getByTestId('receipt-print').click();
    await expect.poll(() => h.printed.at(-1) ?? '').toContain('Argent reçu');
    expect(h.printed.at(-1)).toContain('lang="fr-CA"');
    expect(h.printed.at(-1)).toContain('Monnaie rendue');
    await page.getByTestId('receipt-pdf').click();
    await expect(page.getByTestId('receipt-notice')).toBeVisible();
    // The next sale starts in the shop's language again.
    await page.getByTestId('receipt-close').click();
    await page.getByTestId('new-sale').click();
    await expect(page.getByTestId('language-en-CA')).toHaveAttribute('aria-pressed', 'true');
  } finally {
    await display.close();
  }
});

test('the customer display page cannot use the counter’s bridge: main refuses any call from its address', async ({
  h,
}) => {
  const r = await h.core.dispatch(
    'pos:app.status',
    {},
    { windowId: 99, frameUrl: `${h.appOrigin}/customer.html`, isMainFrame: true },
  );
  expect(r).toMatchObject({ ok: false, error: { code: 'bad_sender' } });
});

test('the customer display lists the cart’s lines, the latest last, in the customer’s language', async ({
  page,
  h,
  browser,
}) => {
  test.setTimeout(60_000);
  const display = await openCustomerDisplay(h, browser);
  try {
    // The cart is built through the counter's own bridge (the Sale screen's cart comes with issue 27's screens).
    const lines = await page.evaluate(async () => {
      type Pos = Record<string, Record<string, (p: unknown) => Promise<{ ok: boolean; value: { id: string } }>>>;
      const pos = (window as unknown as { pos: Pos }).pos;
      const add = async (sku: string, en: string, fr: string, priceCents: number, soldBy: string) =>
        (
          await pos.catalog!.add!({
            sku,
            name: { en, fr },
            priceCents,
            taxCategory: 'standard',
            department: '',
            soldBy,
            barcodes: [],
          })
        ).value.id;
      const milk = await add('MILK', 'Milk', 'Lait', 4_29, 'unit');
      const apples = await add('APPLES', 'Apples', 'Pommes', 4_39, 'kg');
      const r = await pos.sale!.cart!({
        currency: 'CAD',
        language: 'fr-CA',
        lines: [
          { kind: 'item', itemId: milk, quantityMilli: 2_000 },
          { kind: 'item', itemId: apples, quantityMilli: 1_235 },
        ],
      });
      return r.ok;
    });
    expect(lines).toBe(true);
    const list = display.page.getByTestId('customer-lines');
    await expect(list.locator('li')).toHaveCount(2);
    await expect(list.locator('li').nth(0)).toContainText('2 ×');
    await expect(list.locator('li').nth(0)).toContainText('Lait');
    await expect(list.locator('li').nth(0)).toContainText('8,58\u00a0$');
    await expect(list.locator('li').nth(1)).toContainText('1,235 kg');
    await expect(list.locator('li').nth(1)).toContainText('Pommes');
    await expect(display.page.getByTestId('customer-due')).toHaveText('14,00\u00a0$');
    await shot(display.page, 'customer-6-cart-lines');
  } finally {
    await display.close();
  }
});
