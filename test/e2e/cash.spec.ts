/**
 * Cash at the counter in Chromium: the amount, "Cash", a quick bill button, the change shown big, the
 * receipt with tendered and change; a short amount refused on screen. Screenshots of each.
 */
import { expect, shot, STAFF, test } from './harness';

test('a cash sale with change: quick button, change due, receipt', async ({ page, h }) => {
  await page.keyboard.type('1234');
  await page.getByTestId('cash').click();
  await expect(page.getByTestId('cash-panel')).toContainText('$12.34 due');
  // Less than is due: offered as a part of the sale (a split), never as the whole of it.
  await page.getByTestId('cash-tendered').fill('10.00');
  await expect(page.getByTestId('cash-change')).toContainText('$2.34 more is due');
  await expect(page.getByTestId('cash-record')).toHaveText('Take $10.00 as part payment');
  await page.getByTestId('cash-2000').click();
  await expect(page.getByTestId('cash-change')).toHaveText('Change due: $7.66');
  await shot(page, 'cash-1-change');
  const callsBefore = h.bridgeCalls.length;
  await page.getByTestId('cash-record').click();
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'approved');
  // One call opens the sale and takes its tender (issue 31): no sale.open before it.
  const calls = h.bridgeCalls.slice(callsBefore);
  expect([
    calls.filter((c) => c === 'pos:sale.open').length,
    calls.filter((c) => c === 'pos:cash.sale').length,
  ]).toEqual([0, 1]);
  await expect(result).toContainText('Change due: $7.66');
  await shot(page, 'cash-2-recorded');
  await page.getByTestId('show-receipt').click();
  await expect(page.getByTestId('receipt-tendered')).toHaveText('$20.00');
  await expect(page.getByTestId('receipt-change')).toHaveText('$7.66');
  await shot(page, 'cash-3-receipt');
  expect(h.core.journal.list(1)[0]).toMatchObject({
    tender: 'cash',
    amountCents: 1234,
    tenderedCents: 2000,
    state: 'approved',
  });
  expect(h.core.simulator!.transactions()).toHaveLength(0);
});

test('Helcim unreachable: a banner says since when, card buttons are off, cash goes on; back: cards again', async ({
  page,
  h,
}) => {
  test.setTimeout(90_000);
  const sim = h.core.simulator!;
  sim.injectFault({ method: 'GET', path: '/v2/' }, { kind: 'reset' }, 1000);
  sim.injectFault({ method: 'POST', path: '/v2/' }, { kind: 'reset' }, 1000);
  await h.core.reachability.ping(); // main's 30-second check
  // The counter screen refreshes its status every 15 s.
  await expect(page.getByTestId('helcim-down')).toContainText('card payments are off', { timeout: 20_000 });
  await page.keyboard.type('650');
  await expect(page.getByTestId('charge')).toBeDisabled();
  await expect(page.getByTestId('verify')).toBeDisabled();
  await shot(page, 'cash-4-helcim-down');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toContainText('Change due: $0.00');
  await page.getByTestId('new-sale').click();
  sim.clearFaults();
  await h.core.reachability.ping();
  await expect(page.getByTestId('helcim-down')).toHaveCount(0, { timeout: 20_000 });
  await page.keyboard.type('100');
  await expect(page.getByTestId('charge')).toBeEnabled();
  expect(h.core.journal.list(1)[0]).toMatchObject({ tender: 'cash', amountCents: 650, state: 'approved' });
});

test('the drawer: open with a float, a cash sale, paid out with a manager’s PIN, a blind close with a shortage', async ({
  page,
  h,
}) => {
  await h.core.settings.set('drawer.blind_close', true);
  await page.getByTestId('tab-drawer').click();
  await page.getByTestId('drawer-float').fill('100.00');
  // The float is counted in with a manager: without their PIN the button waits and says so.
  await expect(page.getByTestId('drawer-open')).toBeDisabled();
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await page.getByTestId('drawer-open').click();
  await expect(page.getByTestId('drawer-state')).toContainText('Blind close');
  await shot(page, 'drawer-1-open');
  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('2500');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await page.getByTestId('new-sale').click();
  await page.getByTestId('tab-drawer').click();
  await page.getByTestId('drawer-move').fill('20.00');
  await page.getByTestId('drawer-reason').fill('window cleaner');
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await shot(page, 'drawer-2-paid-out');
  await page.getByTestId('drawer-move-submit').click();
  await expect(page.getByTestId('drawer-move')).toHaveValue('');
  await page.getByTestId('drawer-counted').fill('104.00');
  await page.getByTestId('drawer-close').click();
  await expect(page.getByTestId('drawer-closed')).toContainText('short by $1.00');
  await shot(page, 'drawer-3-closed-short');
});

test('the drawer counted by bill and coin; cash handed over typed on the on-screen numpad', async ({ page, h }) => {
  await page.getByTestId('tab-drawer').click();
  await page.getByTestId('drawer-float-count-2000').fill('2');
  await page.getByTestId('drawer-float-count-1000').fill('3');
  await page.getByTestId('drawer-float-count-200').fill('4');
  await page.getByTestId('drawer-float-count-25').fill('4');
  await expect(page.getByTestId('drawer-float-count-total')).toHaveText('$79.00');
  await page.getByTestId('drawer-float-use-count').click();
  await expect(page.getByTestId('drawer-float')).toHaveValue('79.00');
  await shot(page, 'drawer-0-count-by-denomination');
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await page.getByTestId('drawer-open').click();
  await expect(page.getByTestId('drawer-state')).toBeVisible();
  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('1234');
  await page.getByTestId('cash').click();
  const pad = page.getByTestId('cash-panel').getByRole('group', { name: 'Amount keypad' });
  for (const k of ['2', '00', '0']) await pad.getByRole('button', { name: k, exact: true }).click();
  await expect(page.getByTestId('cash-tendered')).toHaveValue('20.00');
  await expect(page.getByTestId('cash-change')).toHaveText('Change due: $7.66');
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  expect(h.core.journal.list(1)[0]).toMatchObject({ tender: 'cash', amountCents: 1234, tenderedCents: 2000 });
});

test('cash by keyboard alone: the field has focus, Enter records it, Escape goes back with nothing recorded', async ({
  page,
  h,
}) => {
  await page.keyboard.type('850');
  // (Digits reach the amount a moment after they are typed: the scanner's rule waits to see that they are no scan.)
  await expect(page.getByTestId('amount')).toHaveText('$8.50');
  await page.getByTestId('cash').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cash-panel')).toContainText('$8.50 due');
  await expect(page.getByTestId('cash-tendered')).toBeFocused();
  // Escape: back to the amount, nothing recorded.
  const before = h.core.journal.list(1)[0]?.id;
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cash-panel')).toHaveCount(0);
  expect(h.core.journal.list(1)[0]?.id).toBe(before);
  // Again, and this time the customer hands over $10 typed straight into the focused field, then Enter.
  await page.getByTestId('cash').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cash-tendered')).toBeFocused();
  await page.keyboard.type('10');
  await expect(page.getByTestId('cash-change')).toHaveText('Change due: $1.50');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  expect(h.core.journal.list(1)[0]).toMatchObject({ tender: 'cash', amountCents: 850, tenderedCents: 1000 });
  await shot(page, 'cash-4-keyboard');
});

test('a split by keyboard: Enter in "This payment" goes on to the ways to take it', async ({ page, h }) => {
  expect(h.core.mode).toBe('training');
  await page.keyboard.type('3000');
  await page.getByTestId('split').click();
  await page.getByTestId('tender-part').focus();
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  // The primary way to take it (here: key in the card) has the focus, the others a Tab away.
  await expect(page.locator('[data-testid=tender-panel] .actions .primary')).toBeFocused();
  await expect(page.locator('[data-testid=tender-panel] .actions .primary')).toContainText('$10.00');
  await page.getByTestId('tender-cash').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cash-panel')).toContainText('$10.00 due');
  await expect(page.getByTestId('cash-tendered')).toBeFocused();
});
