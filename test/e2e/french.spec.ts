/**
 * French at the counter (issue 17, first part): a manager gives a cashier French; at sign-in the
 * cashier's Sale screen is in French (money « 12,34 $ »), while the manager's own stays English on the
 * same counter. Screenshots of both.
 */
import { expect, shot, signIn, STAFF, test } from './harness';

test.use({ signedInAs: STAFF.manager });

test('a French-speaking cashier sees the Sale screen in French; the English-speaking manager in English', async ({ page, h }) => {
  await page.getByTestId('tab-staff').click();
  await page.getByTestId(`staff-language-${STAFF.cashier.name}`).selectOption('fr-CA');
  await expect(page.getByTestId('staff-notice')).toContainText('language saved');
  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('1234');
  await expect(page.getByTestId('charge')).toHaveText('Charge $12.34');
  await page.getByTestId('sign-out').click();
  await signIn(page, STAFF.cashier);
  await page.keyboard.type('1234');
  await expect(page.getByTestId('charge')).toHaveText('Débiter 12,34\u00a0$');
  await expect(page.getByTestId('cash')).toHaveText('Comptant');
  await expect(page.getByTestId('amount')).toHaveText('12,34\u00a0$');
  await expect(page.getByRole('group', { name: 'Clavier du montant' })).toBeVisible();
  await shot(page, 'french-1-sale-screen');
  expect(h.core.staffStore.record(h.staff!.cashier.id)?.language).toBe('fr-CA');
});
