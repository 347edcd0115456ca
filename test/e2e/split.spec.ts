/**
 * Sales paid by several tenders, in Chromium, in training (issue 15): split card + cash, a partial
 * approval then cash, a half-paid sale abandoned with a manager, a cash refund of a cash sale, and the
 * X and Z reports with the tender and drawer sections. The trainee plays the customer on the
 * on-screen terminal. Screenshots of each.
 */
import type { Page } from '@playwright/test';
import { expect, shot, STAFF, test } from './harness';

test.use({ signedInAs: STAFF.manager });

const terminal = (page: Page) => page.frameLocator('[data-testid=training-terminal]');

async function pair(page: Page) {
  await page.getByTestId('tab-helcim').click();
  await page.getByTestId('terminal-code').fill('TRN1');
  await page.getByTestId('terminal-pair').click();
  await expect(page.getByTestId('terminal-paired')).toContainText('terminal TRN1');
  await page.getByTestId('tab-sale').click();
}

/** The customer acts on the training terminal with this card. */
async function customerTaps(page: Page, card: 'visa' | 'prepaid' = 'visa') {
  await expect(terminal(page).getByTestId('terminal-due')).toBeVisible();
  await terminal(page).locator('#card').selectOption(card);
  await terminal(page).getByTestId('terminal-tap').click();
}

async function managerApproves(page: Page) {
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
}

test('split card + cash: $30 on the terminal, the rest in cash with change; the receipt lists both', async ({
  page,
  h,
}) => {
  await pair(page);
  await page.keyboard.type('5000');
  await page.getByTestId('split').click();
  await expect(page.getByTestId('sale-due')).toHaveText('Still due: $50.00');
  await page.getByTestId('tender-part').fill('30.00');
  await page.getByTestId('tender-terminal').click();
  await customerTaps(page);
  await expect(page.getByTestId('sale-due')).toHaveText('Still due: $20.00', { timeout: 10_000 });
  await expect(page.getByTestId('tender-list')).toContainText('Visa •••• 9990');
  await shot(page, 'split-1-card-part-paid');
  await page.getByTestId('tender-cash').click();
  await expect(page.getByTestId('cash-panel')).toContainText('$20.00 due');
  await page.getByTestId('cash-tendered').fill('25.00');
  await expect(page.getByTestId('cash-change')).toHaveText('Change due: $5.00');
  await page.getByTestId('cash-record').click();
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'approved');
  await expect(result).toContainText('paid in full by 2 payments');
  await shot(page, 'split-2-paid');
  await page.getByTestId('show-receipt').click();
  await expect(page.getByTestId('receipt-sale-total')).toHaveText('$50.00');
  await expect(page.getByTestId('receipt-tender')).toHaveText(['$30.00', '$20.00']);
  await shot(page, 'split-3-receipt');
  const parts = h.core.journal.list(2).reverse();
  expect(parts.map((a) => [a.tender, a.amountCents, a.state])).toEqual([
    ['card', 3000, 'approved'],
    ['cash', 2000, 'approved'],
  ]);
  expect(parts[0]!.saleId).toBe(parts[1]!.saleId);
});

test('a partial approval: the prepaid card covers $20.00 of $35.00, cash the rest', async ({ page, h }) => {
  await pair(page);
  await page.keyboard.type('3500');
  await page.getByTestId('charge-terminal').click();
  await customerTaps(page, 'prepaid');
  await expect(page.getByTestId('tender-words')).toContainText('Partly approved', { timeout: 10_000 });
  await expect(page.getByTestId('sale-due')).toHaveText('Still due: $15.00');
  await shot(page, 'split-4-partial-approval');
  await page.getByTestId('tender-cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await expect(page.getByTestId('result')).toContainText('paid in full by 2 payments');
  const parts = h.core.journal.list(2).reverse();
  expect(parts.map((a) => [a.tender, a.amountCents])).toEqual([
    ['card', 2000],
    ['cash', 1500],
  ]);
});

test('a half-paid sale abandoned: the card part voided and the cash handed back, with a manager', async ({
  page,
  h,
}) => {
  await pair(page);
  await page.keyboard.type('6000');
  await page.getByTestId('split').click();
  await page.getByTestId('tender-part').fill('25.00');
  await page.getByTestId('tender-terminal').click();
  await customerTaps(page);
  await expect(page.getByTestId('sale-due')).toHaveText('Still due: $35.00', { timeout: 10_000 });
  await page.getByTestId('tender-cash').click();
  await page.getByTestId('cash-tendered').fill('10.00');
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('sale-due')).toHaveText('Still due: $25.00');
  // The customer walks off: nothing can just be dropped; it is given back.
  await page.getByTestId('tender-abandon').click();
  await expect(page.getByTestId('abandon-form')).toContainText('$35.00');
  await managerApproves(page);
  await shot(page, 'split-5-abandon');
  await page.getByTestId('abandon-confirm').click();
  await expect(page.getByTestId('sale-words')).toContainText('abandoned: $35.00 given back');
  const journal = h.core.journal.list(10);
  expect(journal.some((a) => a.kind === 'reverse' && a.state === 'approved' && a.amountCents === 2500)).toBe(true);
  expect(journal.some((a) => a.kind === 'refund' && a.tender === 'cash' && a.amountCents === 1000)).toBe(true);
  await shot(page, 'split-6-abandoned');
});

test('a cash refund of a cash sale, from History, with a manager', async ({ page, h }) => {
  await page.keyboard.type('1800');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await page.getByTestId('new-sale').click();
  await page.getByTestId('tab-history').click();
  await page.getByTestId('h-cash-refund').first().click();
  await page.getByTestId('cash-refund-amount').fill('18.01');
  await expect(page.locator('#cash-refund-amount-error')).toContainText('more than this sale was paid in cash');
  await page.getByTestId('cash-refund-amount').fill('8.00');
  await managerApproves(page);
  await shot(page, 'cash-refund-1-form');
  await page.getByTestId('cash-refund-submit').click();
  await expect(page.getByTestId('cash-refund-result')).toContainText('Hand back $8.00 in cash');
  await shot(page, 'cash-refund-2-done');
  expect(h.core.journal.list(1)[0]).toMatchObject({
    kind: 'refund',
    tender: 'cash',
    amountCents: 800,
    state: 'approved',
  });
});

test('the X and Z reports with tenders by cashier and the drawer section', async ({ page, h }) => {
  await pair(page);
  await page.getByTestId('tab-drawer').click();
  await page.getByTestId('drawer-float').fill('100.00');
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await page.getByTestId('drawer-open').click();
  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('4000');
  await page.getByTestId('split').click();
  await page.getByTestId('tender-part').fill('15.00');
  await page.getByTestId('tender-cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await page.getByTestId('tender-terminal').click();
  await customerTaps(page);
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved', { timeout: 10_000 });
  await page.getByTestId('new-sale').click();
  await page.getByTestId('tab-reports').click();
  const report = page.getByTestId('report');
  await expect(report).toContainText('By tender and cashier');
  await expect(report).toContainText(`cash · ${STAFF.manager.name}`);
  await expect(report).toContainText('Cash drawer (open)');
  await shot(page, 'reports-x-tenders-drawer');
  await page.getByTestId('tab-drawer').click();
  await page.getByTestId('drawer-counted').fill('115.00');
  await page.getByTestId('drawer-close').click();
  await expect(page.getByTestId('drawer-closed')).toBeVisible();
  await page.getByTestId('tab-reports').click();
  await page.getByTestId('report-close-day').click();
  await page.getByTestId('report-confirm-z').click();
  await expect(page.getByTestId('report')).toHaveAttribute('data-kind', 'z');
  await expect(page.getByTestId('report')).toContainText('Cash drawer (closed)');
  await shot(page, 'reports-z-tenders-drawer');
  expect(h.core.journal.list(2).map((a) => a.tender)).toEqual(['card', 'cash']);
});

test('two windows on one sale: paid at the other window, this one says so and returns to a new sale', async ({
  page,
  h,
}) => {
  await page.keyboard.type('4000');
  await page.getByTestId('split').click();
  await expect(page.getByTestId('sale-due')).toHaveText('Still due: $40.00');
  // A second window of this counter (another cashier's screen) finds the sale and pays it in cash.
  const sale = h.core.journal.db.prepare('SELECT id FROM sales ORDER BY number DESC LIMIT 1').get() as { id: string };
  const other = { windowId: 77, frameUrl: `${h.appOrigin}/index.html`, isMainFrame: true };
  const manager = h.core.staffStore.list().find((s) => s.name === STAFF.manager.name)!;
  h.core.sessions.signIn(77, { staffId: manager.id, name: manager.name, role: 'manager' });
  const paid = (await h.core.dispatch(
    'pos:cash.sale',
    { amountCents: 4000, tenderedCents: 4000, currency: 'CAD', saleId: sale.id },
    other,
  )) as { ok: boolean };
  expect(paid.ok).toBe(true);
  await expect(page.getByTestId('sale-words')).toContainText(/was paid at another window of this counter/, {
    timeout: 10_000,
  });
  await expect(page.getByTestId('tender-panel')).toHaveCount(0);
  await shot(page, 'split-5-paid-elsewhere');
});
