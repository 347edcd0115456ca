/**
 * French beyond the sale (issue 17): a French cashier refunds with the manager's PIN typed at the
 * counter; a French manager closes the day (X, CSV headers, Z) and sets up Helcim. Every screen,
 * error and result is in French — main's words included — with screenshots of each. Helcim's own
 * screen names (All Tools → Integrations → API Access Configuration) stay as Helcim writes them.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { enterCard, expect, shot, signIn, STAFF, test } from './harness';
import { simulateSale } from '../support/simulated-sale';

/** Nobody is signed in at the start; the person signs in with French as their own language. */
async function signInFrench(
  page: Page,
  h: {
    core: { staffStore: { setLanguage: (id: string, l: 'fr-CA') => unknown } };
    staff: { cashier: { id: string }; manager: { id: string } } | null;
  },
  who: 'cashier' | 'manager',
) {
  h.core.staffStore.setLanguage(h.staff![who].id, 'fr-CA');
  await signIn(page, STAFF[who]);
  await expect(page.getByTestId('sign-out')).toHaveText('Se déconnecter');
}

test.describe('French back office', () => {
  test.use({ signedInAs: null });

  test('a French cashier refunds part of a payment with the manager’s PIN: every word in French, main’s included', async ({
    page,
    h,
  }) => {
    const tx = await simulateSale(h.core.simulator!, 5000);
    h.core.simulator!.closeBatch();
    await signInFrench(page, h, 'cashier');
    await page.getByTestId('tab-transactions').click();
    await expect(page.getByRole('heading', { name: 'Transactions et remboursements' })).toBeVisible();
    await page.getByTestId('f-search').click();
    const row = page.getByTestId(`tx-${tx}`);
    await expect(row).toContainText('50,00\u00a0$');
    await expect(row).toContainText('réglé');
    await shot(page, 'french-5-transactions');
    await row.getByTestId('refund').click();
    await expect(page.getByTestId('ret-how')).toHaveText(/^Son lot de cartes est fermé/);
    // A field error in French, then the guard in main in French (one cent over what can be refunded).
    await page.getByTestId('ret-amount').fill('50,01');
    await expect(page.getByTestId('ret-amount-error')).toHaveText('C’est plus que ce qui peut encore être remboursé.');
    await page.getByTestId('ret-amount').fill('20,00');
    await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
    await expect(page.getByTestId('ret-waiting')).toHaveText('Pour continuer : le NIP du gérant (6 chiffres ou plus).');
    await page.getByTestId('ret-pin').fill('000000');
    await page.getByTestId('ret-submit').click();
    await expect(page.getByTestId('ret-error')).toHaveText(/^NIP erroné\./);
    await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
    await shot(page, 'french-6-refund-manager-pin');
    await page.getByTestId('ret-submit').click();
    const result = page.getByTestId('return-result');
    await expect(result).toHaveAttribute('data-outcome', 'approved');
    await expect(result.locator('h1')).toHaveText('20,00\u00a0$ remboursé');
    await expect(result).toContainText('20,00\u00a0$ remboursé sur la carte du client.');
    await shot(page, 'french-7-refund-done');
    const [attempt] = h.core.journal.returnsAgainst(tx);
    expect(attempt).toMatchObject({
      kind: 'refund',
      state: 'approved',
      amountCents: 2000,
      approverId: h.staff!.manager.id,
    });
  });

  test('a French manager closes the day: X report, CSV with French headers, Z report', async ({ page, h }) => {
    await signInFrench(page, h, 'manager');
    await page.keyboard.type('1000');
    await page.getByTestId('charge').click();
    await enterCard(page, { number: '4124939999999990' }, true);
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
    await page.getByTestId('tab-reports').click();
    const report = page.getByTestId('report');
    await expect(report.locator('h1')).toHaveText('Rapport X — totaux en cours');
    await expect(page.getByTestId('report-net')).toHaveText('Net 10,00\u00a0$');
    await expect(report).toContainText('Par type');
    await expect(report).toContainText('Vente');
    await expect(page.getByTestId('report-reconciliation')).toHaveText(
      'La 1 transaction approuvée correspond à la liste de Helcim.',
    );
    await shot(page, 'french-8-x-report');
    await page.getByTestId('report-csv').click();
    await expect(page.getByTestId('report-notice')).toContainText('Enregistré sous');
    const csv = readFileSync(
      (await page.getByTestId('report-notice').textContent())!.replace('Enregistré sous ', ''),
      'utf8',
    );
    expect(csv).toContain('"groupe","clé","Nombre","Total"');
    expect(csv).toContain('"type","Vente",1,10.00');
    expect(csv).toContain('"net","","",10.00');
    await page.getByTestId('report-close-day').click();
    await page.getByTestId('report-confirm-z').click();
    await expect(report).toHaveAttribute('data-kind', 'z');
    await expect(report.locator('h1')).toHaveText('Rapport Z no 1 — journée fermée');
    await expect(page.getByTestId('report-notice')).toHaveText('Journée fermée : rapport Z no 1.');
    await shot(page, 'french-9-z-report');
    // Nothing left to close: main's refusal, in French.
    await page.getByRole('button', { name: 'Nouveau rapport X' }).click();
    await page.getByTestId('report-close-day').click();
    await page.getByTestId('report-confirm-z').click();
    await expect(page.getByRole('alert')).toHaveText(
      'Il n’y a rien à fermer : aucun paiement n’a été tenté depuis le dernier rapport Z.',
    );
  });
});

test.describe('French Helcim setup', () => {
  test.use({ signedInAs: null, liveHelcim: true });

  test('a French manager sets up Helcim: the wizard, a refused token and the connection test in French', async ({
    page,
    h,
  }) => {
    const live = h.liveHelcim!;
    const sales = live.createToken({ general: 'none', settings: 'none', transactions: 'positive' });
    await signInFrench(page, h, 'manager');
    await page.getByTestId('tab-helcim').click();
    const card = page.getByTestId('token-sales');
    await expect(page.getByRole('heading', { name: 'Configuration Helcim' })).toBeVisible();
    await expect(card).toContainText('1. Jeton de vente');
    await expect(card).toContainText('Dans Helcim, ouvrez All Tools → Integrations → API Access Configuration.');
    await shot(page, 'french-10-helcim-wizard');
    await page.getByTestId('paste-sales').fill(`not_a_real_token_${Date.now()}`);
    await page.getByTestId('save-sales').click();
    await expect(page.getByTestId('report-sales')).toHaveAttribute('data-passed', 'false');
    await expect(page.getByTestId('report-sales')).toContainText('Helcim n’a pas accepté ce jeton.');
    await page.getByTestId('paste-sales').fill(sales);
    await page.getByTestId('save-sales').click();
    await expect(page.getByTestId('report-sales')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('report-sales')).toContainText(
      'Connecté. Ce jeton peut faire ce à quoi sert le jeton de vente.',
    );
    await expect(page.getByTestId('check-sales-purchase')).toContainText('Prendre un paiement');
    await expect(page.getByTestId('check-sales-refund')).toContainText(
      'Dans Helcim : All Tools → Integrations → API Access Configuration : réglez Transaction Processing à Admin',
    );
    await shot(page, 'french-11-helcim-tested');
  });
});
