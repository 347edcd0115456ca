/**
 * Customers at the counter (issue 29), in Chromium, in training: a cashier's sale with a customer added
 * (with their consent) and attached — the terminal push carries them; a card saved with the customer's
 * consent, shown with who recorded it; a phone order charged on that saved card; a manager removes it.
 * Each journey runs at 1100×800 and 1024×768, with axe on every screen.
 */
import type { Page } from '@playwright/test';
import { enterCard, expect, pressStamped, shot, STAFF, tabTo, test } from './harness';
import { quebecShop } from './shops';

test.use({ signedInAs: STAFF.manager });

const scan = (page: Page, code: string) => pressStamped(page, [...code, 'Enter'], 5);

test('a sale with a customer added with consent; a card saved with consent; a phone order on it; a manager removes it', async ({
  page,
  h,
}) => {
  test.setTimeout(90_000);
  await quebecShop(page, h);
  await scan(page, '4006381333931');
  await expect(page.getByTestId('cart-total')).toContainText('4.03');
  await page.getByTestId('sale-customer').click();
  const dialog = page.getByTestId('customer-dialog');
  await dialog.getByTestId('customer-new').click();
  await dialog.getByTestId('customer-name').fill('Marie Dupont');
  await dialog.getByTestId('customer-phone').fill('514-555-0142');
  await expect(dialog.getByTestId('customer-add')).toBeDisabled(); // no consent yet
  await dialog.getByTestId('customer-consent').check();
  await dialog.getByTestId('customer-add').click();
  await expect(dialog.getByTestId('customer-attached')).toHaveText('This sale is for Marie Dupont.');
  await shot(page, 'customers-1-attached');
  const made = (h.core.simulator!.customers() as { customerCode: string; contactName: string }[]).find(
    (c) => c.contactName === 'Marie Dupont',
  )!;

  // The customer agrees that the shop keeps a card: Helcim's card form saves it under their code.
  await dialog.getByTestId('card-consent').check();
  await dialog.getByTestId('save-card').click();
  await enterCard(page, { number: '5413330089099130', name: 'Marie Dupont' }, true);
  await expect(page.getByTestId('cart-total')).toContainText('4.03'); // back to the sale
  await page.getByTestId('sale-customer').click();
  await expect(dialog.getByTestId('saved-card-9130')).toContainText('consent recorded by Morgan');
  await shot(page, 'customers-2-saved-card');

  // A phone order: the saved card charged for what is due.
  await dialog.getByTestId('charge-card-9130').click();
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'approved', { timeout: 10_000 });
  await shot(page, 'customers-3-charged');
  const [a] = h.core.journal.list(1);
  expect(a).toMatchObject({ kind: 'purchase', state: 'approved', amountCents: 4_03, cardLast4: '9130' });
  const tx = h.core.simulator!.transactions().find((x) => String(x.transactionId) === a!.helcimTransactionId)!;
  expect(tx.customerCode).toBe(made.customerCode);

  // A manager removes the saved card.
  await page.getByTestId('new-sale').click();
  await scan(page, '4006381333931');
  await page.getByTestId('sale-customer').click();
  await dialog.getByTestId('customer-search').fill('Dupont');
  await dialog.getByTestId('customer-find').click();
  await dialog.getByTestId(`customer-${made.customerCode}`).click();
  await dialog.getByTestId('remove-card-9130').click();
  await expect(dialog.getByTestId('saved-card-9130')).toHaveCount(0);
  await shot(page, 'customers-4-card-removed');
});

test.describe('a cashier who reads French', () => {
  test.use({ signedInAs: STAFF.cashier });

  test('keyboard alone: a customer found by name and attached; the terminal sale carries them', async ({ page, h }) => {
    test.setTimeout(60_000);
    const sim = h.core.simulator!;
    // A customer the shop already has at Helcim.
    const token = sim.createToken({ general: 'write', settings: 'none', transactions: 'none' });
    const made = (await fetch(`${sim.baseUrl}customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-token': token },
      body: JSON.stringify({
        contactName: 'Luc Tremblay',
        businessName: 'Boulangerie Tremblay',
        cellPhone: '418-555-0177',
      }),
    }).then((r) => r.json())) as { customerCode: string };
    h.core.staffStore.setLanguage(h.staff!.cashier.id, 'fr-CA');
    h.core.settings.set('terminal.code', 'TRN1');
    await quebecShop(page, h);
    await scan(page, '4006381333931');
    await tabTo(page, 'sale-customer');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('customer-dialog');
    await expect(dialog).toContainText('Client de la vente');
    await page.keyboard.type('Tremblay');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId(`customer-${made.customerCode}`)).toContainText('téléphone finissant par 0177');
    await tabTo(page, `customer-${made.customerCode}`);
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('customer-attached')).toHaveText('Cette vente est pour Luc Tremblay.');
    await shot(page, 'customers-5-attached-fr');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('sale-customer')).toHaveText('Client : Luc Tremblay');
    await tabTo(page, 'charge-terminal');
    await page.keyboard.press('Enter');
    await expect(page.frameLocator('[data-testid=training-terminal]').getByTestId('terminal-due')).toBeVisible();
    expect(sim.terminal('TRN1').pending?.customerCode).toBe(made.customerCode);
  });
});
