/**
 * Staff and money-back journeys in Chromium: first run, sign-in, partial refund with a manager's
 * PIN, a wrong manager PIN, a cashier without an override, and a void. Screenshots of each.
 */
import type { Page } from '@playwright/test';
import { expect, shot, signIn, STAFF, test } from './harness';
import { simulateSale } from '../support/simulated-sale';

async function openRow(page: Page, txId: string) {
  await page.getByTestId('tab-transactions').click();
  await page.getByTestId('f-search').click();
  const row = page.getByTestId(`tx-${txId}`);
  await expect(row).toBeVisible();
  return row;
}

test.describe('first run', () => {
  test.use({ seed: false });

  test('first run creates the first manager, who adds a cashier; the cashier sees no staff screen', async ({
    page,
    h,
  }) => {
    await expect(page.getByRole('heading', { name: 'Welcome to Counter POS' })).toBeVisible();
    await page.getByTestId('fr-name').fill('Alex');
    await page.getByTestId('fr-pin').fill('246813');
    await page.getByTestId('fr-again').fill('246813');
    await shot(page, 'first-run-1-create-manager');
    await page.getByTestId('fr-create').click();
    await expect(page.getByTestId('status-bar')).toContainText('Alex · manager');
    await page.getByTestId('tab-staff').click();
    await page.getByTestId('add-name').fill('Sam');
    await page.getByTestId('add-pin').fill('1357');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('staff-row-Sam')).toContainText('cashier');
    await shot(page, 'first-run-2-staff-screen');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('staff-Sam').click();
    await page.getByTestId('pin').fill('1358');
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('sign-in-error')).toContainText('Wrong PIN. 4 tries left');
    await shot(page, 'sign-in-wrong-pin');
    await page.getByTestId('pin').fill('1357');
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('status-bar')).toContainText('Sam · cashier');
    await expect(page.getByTestId('tab-staff')).toHaveCount(0);
    const audit = h.core.audit.entries().map((r) => r.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'staff.first_manager',
        'staff.add',
        'session.sign_in_failed',
        'session.sign_in',
        'session.sign_out',
      ]),
    );
  });
});

test('partial refund authorized by a manager’s PIN at the counter', async ({ page, h }) => {
  const tx = await simulateSale(h.core.simulator!, 5000);
  h.core.simulator!.closeBatch();
  const row = await openRow(page, tx);
  await expect(row).toContainText('settled');
  await shot(page, 'refund-1-transactions');
  await row.getByTestId('refund').click();
  await page.getByTestId('ret-amount').fill('20.00');
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await shot(page, 'refund-2-manager-pin');
  await page.getByTestId('ret-submit').click();
  const result = page.getByTestId('return-result');
  await expect(result).toHaveAttribute('data-outcome', 'approved');
  await expect(result).toContainText('Refunded $20.00');
  await shot(page, 'refund-3-done');
  await page.getByTestId('return-done').click();
  await expect(page.getByTestId(`tx-${tx}`)).toContainText('$30.00');
  const back = h.core.simulator!.transactions().filter((t) => t.type === 'refund');
  expect(back.map((t) => [t.originalTransactionId, t.amount])).toEqual([[Number(tx), 20]]);
  const [attempt] = h.core.journal.returnsAgainst(tx);
  expect(attempt).toMatchObject({
    kind: 'refund',
    state: 'approved',
    amountCents: 2000,
    staffId: h.staff!.cashier.id,
    approverId: h.staff!.manager.id,
  });
});

test('a wrong manager PIN moves no money', async ({ page, h }) => {
  const tx = await simulateSale(h.core.simulator!, 1800);
  h.core.simulator!.closeBatch();
  const row = await openRow(page, tx);
  await row.getByTestId('refund').click();
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill('999999');
  await page.getByTestId('ret-submit').click();
  await expect(page.getByTestId('ret-error')).toContainText('Wrong PIN');
  // The wrong PIN is not left in its field for the next try.
  await expect(page.getByTestId('ret-pin')).toHaveValue('');
  await shot(page, 'refund-wrong-manager-pin');
  expect(h.core.simulator!.transactions().filter((t) => t.type === 'refund')).toHaveLength(0);
  expect(h.core.journal.returnsAgainst(tx)).toHaveLength(0);
});

test('a cashier without a manager override cannot refund, from the screen or the bridge', async ({ page, h }) => {
  const tx = await simulateSale(h.core.simulator!, 4200);
  h.core.simulator!.closeBatch();
  const row = await openRow(page, tx);
  await row.getByTestId('refund').click();
  await expect(page.getByTestId('ret-submit')).toBeDisabled();
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await expect(page.getByTestId('ret-submit')).toBeDisabled(); // no PIN typed
  await shot(page, 'refund-no-override');
  // Straight at the bridge, as a tampered renderer would.
  const direct = await page.evaluate(async (id) => {
    const pos = (
      window as unknown as {
        pos: {
          refund: { submit: (p: unknown) => Promise<unknown> };
          reverse: { submit: (p: unknown) => Promise<unknown> };
        };
      }
    ).pos;
    return [
      await pos.refund.submit({ transactionId: id, amountCents: 4200, approvalId: crypto.randomUUID() }),
      await pos.reverse.submit({ transactionId: id, approvalId: crypto.randomUUID() }),
    ];
  }, tx);
  expect(direct).toEqual([
    { ok: false, error: expect.objectContaining({ code: 'forbidden' }) },
    { ok: false, error: expect.objectContaining({ code: 'forbidden' }) },
  ]);
  expect(h.core.simulator!.transactions().filter((t) => t.type !== 'purchase')).toHaveLength(0);
});

test('void of an unsettled payment with a manager’s PIN', async ({ page, h }) => {
  const tx = await simulateSale(h.core.simulator!, 2500, '5413330089099130');
  const row = await openRow(page, tx);
  await expect(row).toContainText('open');
  await expect(row.getByTestId('refund')).toHaveCount(0);
  await row.getByTestId('void').click();
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager2.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager2.pin);
  await shot(page, 'void-1-manager-pin');
  await page.getByTestId('ret-submit').click();
  await expect(page.getByTestId('return-result')).toContainText('Payment voided');
  await shot(page, 'void-2-done');
  expect(
    h.core
      .simulator!.transactions()
      .filter((t) => t.type === 'reverse')
      .map((t) => [t.originalTransactionId, t.amount]),
  ).toEqual([[Number(tx), 25]]);
  await page.getByTestId('return-done').click();
  await expect(page.getByTestId(`tx-${tx}`).getByTestId('void')).toHaveCount(0);
});

test('a manager signs in and sees the staff screen; a cashier’s screen has no staff tab', async ({ page, h }) => {
  expect(h.staff).not.toBeNull();
  await expect(page.getByTestId('tab-staff')).toHaveCount(0);
  await page.getByTestId('sign-out').click();
  await signIn(page, STAFF.manager);
  await page.getByTestId('tab-staff').click();
  await expect(page.getByTestId(`staff-row-${STAFF.cashier.name}`)).toBeVisible();
  await shot(page, 'staff-screen-manager');
});
