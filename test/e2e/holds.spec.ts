/**
 * Holds in Chromium: a cashier holds a deposit through Helcim's card form, sees it under Open holds,
 * captures part of it; another hold is released with a manager's PIN. Screenshots of each screen.
 */
import { enterCard, expect, shot, STAFF, test } from './harness';

async function holdAtCounter(page: import('@playwright/test').Page, keys: string) {
  await page.keyboard.type(keys);
  await page.getByTestId('hold').click();
  await expect(page.getByTestId('checkout-heading')).toContainText('not charged yet');
  await enterCard(page, { number: '5413330089099130', name: `Deposit ${keys}` }, true);
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'approved');
  return result;
}

test('hold a deposit, then capture part of it from Open holds', async ({ page, h }) => {
  const result = await holdAtCounter(page, '20000');
  await expect(result).toContainText('Hold approved $200.00');
  await expect(result).toContainText('nothing is charged until it is captured');
  await shot(page, 'hold-1-approved');
  const preauth = h.core.simulator!.transactions().find((t) => t.type === 'preauth')!;
  expect(preauth).toMatchObject({ status: 'APPROVED', amount: 200 });

  await page.getByTestId('new-sale').click();
  await page.getByTestId('tab-transactions').click();
  const row = page.getByTestId(`hold-${preauth.transactionId}`);
  await expect(row).toContainText('$200.00');
  await shot(page, 'hold-2-open-holds');
  await row.getByTestId('capture').click();
  await page.getByTestId('cap-amount').fill('250.00');
  await expect(page.locator('#cap-amount-error')).toContainText('more than the hold');
  await expect(page.getByTestId('hold-submit')).toBeDisabled();
  await page.getByTestId('cap-amount').fill('164.50');
  await shot(page, 'hold-3-capture');
  await page.getByTestId('hold-submit').click();
  const done = page.getByTestId('hold-result');
  await expect(done).toHaveAttribute('data-outcome', 'approved');
  await expect(done).toContainText('Captured $164.50');
  await shot(page, 'hold-4-captured');
  const captures = h.core.simulator!.transactions().filter((t) => t.type === 'capture');
  expect(captures.map((t) => [t.originalTransactionId, t.amount])).toEqual([[preauth.transactionId, 164.5]]);
  await page.getByTestId('hold-done').click();
  // Part captured: the rest of the hold can still be captured (several captures, up to the held amount: HELCIM.md).
  const rest = page.getByTestId(`hold-${preauth.transactionId}`);
  await expect(rest).toContainText('$164.50 captured so far; up to $35.50 more');
  await expect(rest.getByTestId('capture')).toBeVisible();
  await expect(rest.getByTestId('release')).toHaveCount(0);
  await shot(page, 'hold-4b-partly-captured');
});

test('release a hold with a manager’s PIN; a wrong PIN releases nothing', async ({ page, h }) => {
  await holdAtCounter(page, '5000');
  const preauth = h.core.simulator!.transactions().find((t) => t.type === 'preauth')!;
  await page.getByTestId('new-sale').click();
  await page.getByTestId('tab-transactions').click();
  await page.getByTestId(`hold-${preauth.transactionId}`).getByTestId('release').click();
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill('999999');
  await page.getByTestId('hold-submit').click();
  await expect(page.getByTestId('hold-error')).toContainText('Wrong PIN');
  expect(h.core.simulator!.transactions().filter((t) => t.type === 'reverse')).toHaveLength(0);
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await shot(page, 'hold-5-release');
  await page.getByTestId('hold-submit').click();
  await expect(page.getByTestId('hold-result')).toContainText('Hold released');
  await shot(page, 'hold-6-released');
  const reversed = h.core.simulator!.transactions().filter((t) => t.type === 'reverse');
  expect(reversed.map((t) => t.originalTransactionId)).toEqual([preauth.transactionId]);
  const [attempt] = h.core.journal.returnsAgainst(String(preauth.transactionId));
  expect(attempt).toMatchObject({ kind: 'release', state: 'approved', approverId: h.staff!.manager.id });
});

test('after the batch closes, the hold says it lapses on its own and offers no release', async ({ page, h }) => {
  await holdAtCounter(page, '3000');
  const preauth = h.core.simulator!.transactions().find((t) => t.type === 'preauth')!;
  h.core.simulator!.closeBatch();
  await page.getByTestId('new-sale').click();
  await page.getByTestId('tab-transactions').click();
  const row = page.getByTestId(`hold-${preauth.transactionId}`);
  await expect(row).toContainText('lapses on its own');
  await expect(row.getByTestId('release')).toHaveCount(0);
  await expect(row.getByTestId('capture')).toBeVisible();
  await shot(page, 'hold-7-lapses');
});
