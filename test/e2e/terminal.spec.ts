/**
 * Card present in Chromium, in training: a manager pairs the training terminal, then sales go to it —
 * the trainee plays the customer on the on-screen terminal (tip, decline, cancel), and a terminal
 * that is asleep is explained. No card number is typed at the counter. Screenshots of each.
 */
import type { Page } from '@playwright/test';
import { expect, shot, signIn, STAFF, test } from './harness';

test.use({ signedInAs: STAFF.manager });

async function pair(page: Page) {
  await page.getByTestId('tab-helcim').click();
  await page.getByTestId('terminal-list').click();
  await page.getByTestId('device-TRN1').click();
  await expect(page.getByTestId('terminal-code')).toHaveValue('TRN1');
  await page.getByTestId('terminal-pair').click();
  await expect(page.getByTestId('terminal-info')).toContainText('Terminal TRN1 answered');
  await expect(page.getByTestId('terminal-paired')).toContainText('terminal TRN1');
}

const terminal = (page: Page) => page.frameLocator('[data-testid=training-terminal]');

async function charge(page: Page, keys: string) {
  await page.getByTestId('tab-sale').click();
  await page.keyboard.type(keys);
  await page.getByTestId('charge-terminal').click();
  await expect(page.getByTestId('terminal-wait')).toContainText('Customer: tap, insert or swipe on the terminal.');
  await expect(terminal(page).getByTestId('terminal-due')).toBeVisible();
}

test('pair the terminal, then a sale approved on it with a tip; the receipt shows the tip', async ({ page, h }) => {
  await page.getByTestId('tab-helcim').click();
  await page.getByTestId('terminal-code').fill('ab1');
  await expect(page.locator('#terminal-code-error')).toContainText('4 letters and digits');
  await pair(page);
  await shot(page, 'terminal-1-paired');
  await charge(page, '2500');
  await expect(terminal(page).getByTestId('terminal-due')).toHaveText('CAD $25.00');
  await shot(page, 'terminal-2-waiting');
  await terminal(page).locator('#tip').fill('3.00');
  await terminal(page).getByTestId('terminal-tap').click();
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'approved', { timeout: 10_000 });
  await expect(result).toContainText('tip of $3.00');
  await expect(result).toContainText('Visa •••• 9990');
  await shot(page, 'terminal-3-approved-tip');
  await page.getByTestId('show-receipt').click();
  await expect(page.getByTestId('receipt-tip')).toHaveText('$3.00');
  await shot(page, 'terminal-4-receipt');
  const [a] = h.core.journal.list(1);
  expect(a).toMatchObject({ kind: 'purchase', state: 'approved', amountCents: 2800, tipCents: 300 });
});

test('declined on the terminal, then cancelled on the terminal: each said plainly, nothing recorded as paid', async ({
  page,
  h,
}) => {
  await pair(page);
  await charge(page, '1200');
  await terminal(page).getByTestId('terminal-decline').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'declined', { timeout: 10_000 });
  await shot(page, 'terminal-5-declined');
  await page.getByTestId('new-sale').click();
  await charge(page, '800');
  await terminal(page).getByTestId('terminal-cancel').click();
  await page.getByTestId('customer-cancelled').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'cancelled');
  await shot(page, 'terminal-6-cancelled');
  expect(h.core.journal.list(2).map((x) => x.state)).toEqual(['cancelled', 'declined']);
});

test('a terminal that is asleep: nothing starts, and the cashier is told what to do', async ({ page, h }) => {
  await pair(page);
  h.core.simulator!.terminal('TRN1').asleep = true;
  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('500');
  await page.getByTestId('charge-terminal').click();
  await expect(page.getByTestId('sale-error')).toContainText('not listening');
  await shot(page, 'terminal-7-not-listening');
});

test('a debit sale refunded after settlement: the refund screen says it goes to the terminal, and the customer taps there', async ({
  page,
  h,
}) => {
  await pair(page);
  await charge(page, '4000');
  await terminal(page).locator('#card').selectOption('interac');
  await terminal(page).getByTestId('terminal-tap').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved', { timeout: 10_000 });
  const sale = h.core.simulator!.transactions().find((t) => t.type === 'purchase' && t.cardType === 'IN')!;
  h.core.simulator!.closeBatch();
  await page.getByTestId('new-sale').click();
  await page.getByTestId('tab-transactions').click();
  await page.getByTestId('f-search').click();
  await page.getByTestId(`tx-${sale.transactionId}`).getByTestId('refund').click();
  await expect(page.getByTestId('ret-how')).toContainText('goes to the terminal');
  await page.getByTestId('ret-amount').fill('15.00');
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await shot(page, 'terminal-8-debit-refund');
  await page.getByTestId('ret-submit').click();
  await expect(page.getByTestId('refund-on-terminal')).toContainText('insert or tap the debit card');
  await expect(terminal(page).getByTestId('terminal-due')).toHaveText('CAD $15.00');
  await shot(page, 'terminal-9-debit-refund-on-terminal');
  await terminal(page).locator('#card').selectOption('interac');
  await terminal(page).getByTestId('terminal-tap').click();
  const result = page.getByTestId('return-result');
  await expect(result).toHaveAttribute('data-outcome', 'approved', { timeout: 10_000 });
  await expect(result).toContainText('Refunded $15.00 to the debit card');
  await shot(page, 'terminal-10-debit-refunded');
  const refunds = h.core.simulator!.transactions().filter((t) => t.type === 'refund');
  expect(refunds.map((t) => [t.originalTransactionId, t.amount, t.cardType])).toEqual([[sale.transactionId, 15, 'IN']]);
});

test('"customer cancelled", then the customer pays on the terminal after all: recorded, and every screen says so', async ({
  page,
  h,
}) => {
  await pair(page);
  await charge(page, '1800');
  await page.getByTestId('customer-cancelled').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'cancelled');
  // The terminal was still showing the sale, and the customer tapped.
  h.core.simulator!.terminalAct('TRN1', { action: 'approve', card: 'visa' });
  await h.core.terminal.watch(); // what main's 30-second timer does
  await page.getByTestId('new-sale').click();
  await expect(page.getByTestId('late-approval')).toContainText('approved on the terminal after all', {
    timeout: 20_000,
  }); // the status refresh runs every 15 s
  await shot(page, 'terminal-11-late-approval');
  expect(h.core.journal.list(1)[0]).toMatchObject({ state: 'approved', amountCents: 1800 });
});

test('signed out while the customer is at the terminal: main keeps the sale, the status bar says it is being checked, and the tap is recorded', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  await pair(page);
  await charge(page, '2300');
  await page.getByTestId('sign-out').click();
  await signIn(page, STAFF.manager);
  // The sale was handed over to main: the next person sees it counted until Helcim answers.
  await expect(page.getByTestId('checking')).toContainText('Checking 1 payment with Helcim…', { timeout: 20_000 }); // the status refresh runs every 15 s
  await shot(page, 'terminal-12-checking-after-sign-out');
  h.core.simulator!.terminalAct('TRN1', { action: 'approve', card: 'visa' });
  await expect.poll(() => h.core.journal.list(1)[0]?.state, { timeout: 15_000 }).toBe('approved'); // main's own 1-second check
  await expect(page.getByTestId('checking')).toHaveCount(0, { timeout: 20_000 });
  expect(h.core.journal.list(1)[0]).toMatchObject({ kind: 'purchase', amountCents: 2300 });
});

test('a code pasted with spaces around it (" TRN1 ") is the code, not cut to " TRN"', async ({ page, h }) => {
  expect(h.core.mode).toBe('training');
  await page.getByTestId('tab-helcim').click();
  await page.getByTestId('terminal-code').focus();
  await page.keyboard.insertText(' TRN1 ');
  await expect(page.getByTestId('terminal-code')).toHaveValue('TRN1');
  await page.getByTestId('terminal-pair').click();
  await expect(page.getByTestId('terminal-paired')).toContainText('terminal TRN1');
});
