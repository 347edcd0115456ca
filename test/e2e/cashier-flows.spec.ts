/**
 * A busy counter: keyboard only, interruptions, sign-outs mid-payment, a day closed by a triple
 * click. Through the real preload, router and simulator; screenshots in test-results/screens/.
 */
import { enterCard, expect, helcimFrame, shot, signIn, STAFF, tabTo, test } from './harness';

test('keyboard alone: a sale, its receipt, a verify, Escape to cancel, sign-out', async ({ page, h }) => {
  // Sale: digits and Enter.
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await expect(helcimFrame(page).locator('#cardNumber')).toBeVisible();
  await enterCard(page, { number: '4124939999999990' });
  await helcimFrame(page).locator('#submit').press('Enter');
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  // Enter on "Receipt…" opens the receipt; it does not start a new sale.
  await tabTo(page, 'show-receipt');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt')).toBeVisible();
  await shot(page, 'keyboard-1-receipt');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('amount')).toHaveText('$0.00');

  // Verify: Enter on a focused "Verify card" opens a verification, not a purchase of the typed amount.
  await page.keyboard.type('55');
  await tabTo(page, 'verify');
  await page.keyboard.press('Enter');
  await expect(helcimFrame(page).locator('#submit')).toHaveText('Verify card');
  expect(h.core.journal.list()[0]).toMatchObject({ kind: 'verify', amountCents: 0 });
  // Escape cancels the open card form through the same confirmed cancel as Helcim's ×.
  await page.locator('body').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'cancelled');
  expect(h.core.journal.list()[0]).toMatchObject({ kind: 'verify', state: 'cancelled' });
  await page.keyboard.press('Escape');

  // Sign out: Enter on the focused button signs out; it opens no card form.
  await tabTo(page, 'sign-out');
  await page.keyboard.press('Enter');
  await expect(
    page
      .getByTestId('pin')
      .or(page.getByTestId(`staff-${STAFF.cashier.name}`))
      .first(),
  ).toBeVisible();
  await shot(page, 'keyboard-2-signed-out');
  expect(h.core.journal.list().filter((a) => a.kind === 'purchase')).toHaveLength(1);
});

test('signing out with a card form open: the next person gets a clean counter and inherits nothing', async ({
  page,
  h,
}) => {
  await page.keyboard.type('2500');
  await page.getByTestId('charge').click();
  await expect(helcimFrame(page).locator('#cardNumber')).toBeVisible();
  // Tabs are locked while the card form is open: switching would wipe it.
  await expect(page.getByTestId('tab-history')).toBeDisabled();
  await shot(page, 'signout-1-card-form-open');
  await page.getByTestId('sign-out').click();
  await signIn(page, STAFF.manager);
  await expect(page.getByTestId('amount')).toHaveText('$0.00');
  await expect(page.getByTestId('checkout-frame')).toHaveCount(0);
  // Main closed the abandoned form and is confirming with Helcim's list before anyone charges again.
  const [attempt] = h.core.journal.list();
  expect(attempt).toMatchObject({ kind: 'purchase', amountCents: 2500, state: 'unknown' });
  await expect(page.getByTestId('checking')).toContainText('Checking 1 payment');
  await shot(page, 'signout-2-next-person');
});

test('end of day: Cancel backs out; a triple click on "Yes, close the day" makes one Z', async ({ page, h }) => {
  // Something to close: one sale in this period.
  await page.keyboard.type('700');
  await page.getByTestId('charge').click();
  await enterCard(page, { number: '4124939999999990' }, true);
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await page.getByTestId('sign-out').click();
  await signIn(page, STAFF.manager);
  await page.getByTestId('tab-reports').click();
  await page.getByTestId('report-close-day').click();
  await page.getByTestId('report-cancel-z').click();
  await expect(page.getByTestId('report-confirm-z')).toHaveCount(0);
  await page.getByTestId('report-close-day').click();
  await page.getByTestId('report-confirm-z').click({ clickCount: 3 });
  await expect(page.getByTestId('report')).toHaveAttribute('data-kind', 'z');
  await shot(page, 'z-once');
  const zs = (h.core.journal.db.prepare('SELECT COUNT(*) AS n FROM z_reports').get() as { n: number }).n;
  expect(zs).toBe(1);
});

test('focus goes where the work is: the amount after sign-in, the card form’s heading when it opens', async ({
  page,
  h,
}) => {
  expect(h.staff).not.toBeNull();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  await expect.poll(focused).toBe('amount');
  await page.keyboard.type('300');
  await page.keyboard.press('Enter'); // focus is on the amount, which is not a control: Enter charges
  await expect(page.getByTestId('checkout-frame')).toBeVisible();
  await expect.poll(focused).toBe('checkout-heading');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'cancelled');
  await expect.poll(focused).toBe('new-sale');
});

test('every field says why it is not accepted; a comma is a decimal mark', async ({ page, h }) => {
  // Sale: $0 + Enter, and a digit past the largest amount.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-error')).toContainText('Type the amount first');
  await page.keyboard.type('100000001');
  await expect(page.getByTestId('sale-error')).toContainText('The most one sale can be is $100,000.00');
  await page.keyboard.press('Escape');
  // History: 12,34 is read as $12.34; 1e3 and 50.001 are explained next to the field.
  await page.getByTestId('tab-history').click();
  const amount = page.getByTestId('h-amount');
  await amount.fill('12,34');
  await expect(page.getByTestId('h-amount-error')).toHaveCount(0);
  await expect(page.getByTestId('h-search')).toBeEnabled();
  await amount.fill('1e3');
  await expect(page.getByTestId('h-amount-error')).toContainText('digits and one decimal mark');
  await amount.fill('50.001');
  await expect(page.getByTestId('h-amount-error')).toContainText('two digits after the decimal mark');
  await expect(page.getByTestId('h-search')).toBeDisabled();
  await shot(page, 'field-errors-history');
  // The idle lock is typed and checked in minutes.
  await page.getByTestId('sign-out').click();
  await signIn(page, STAFF.manager);
  await page.getByTestId('tab-staff').click();
  await page.getByTestId('idle-minutes').fill('90');
  await expect(page.getByTestId('idle-error')).toHaveText('Type whole minutes from 1 to 60.');
  await expect(page.getByTestId('idle-save')).toBeDisabled();
  await page.getByTestId('idle-minutes').fill('10');
  await page.getByTestId('idle-save').click();
  await expect(page.getByTestId('staff-notice')).toHaveText('Idle lock saved.');
  expect(h.core.staff.idleLockSeconds()).toBe(600);
});

test.describe('a shop’s first run', () => {
  test.use({ seed: false, signedInAs: null });
  test('focus starts in the first manager’s name field', async ({ page, h }) => {
    expect(h.staff).toBeNull();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('fr-name');
    await shot(page, 'first-run-focus');
  });
});
