/**
 * French at the counter (issue 17, first part): a manager gives a cashier French; at sign-in the
 * cashier's Sale screen is in French (money « 12,34 $ »), while the manager's own stays English on the
 * same counter. Screenshots of both.
 */
import { checkAccessibility, expect, shot, signIn, STAFF, test } from './harness';

test.use({ signedInAs: STAFF.manager });

test('a French-speaking cashier sees the Sale screen in French; the English-speaking manager in English', async ({
  page,
  h,
}) => {
  await page.getByTestId('tab-staff').click();
  await page.getByTestId(`staff-language-${STAFF.cashier.name}`).selectOption('fr-CA');
  await expect(page.getByTestId('staff-notice')).toContainText('language saved');
  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('1234');
  await expect(page.getByTestId('charge')).toHaveText('Charge $12.34');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-CA');
  await page.getByTestId('sign-out').click();
  await signIn(page, STAFF.cashier);
  await page.keyboard.type('1234');
  await expect(page.getByTestId('charge')).toHaveText('Débiter 12,34\u00a0$');
  await expect(page.getByTestId('cash')).toHaveText('Comptant');
  await expect(page.getByTestId('amount')).toHaveText('12,34\u00a0$');
  await expect(page.getByRole('group', { name: 'Clavier du montant' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr-CA');
  await shot(page, 'french-1-sale-screen');
  expect(h.core.staffStore.record(h.staff!.cashier.id)?.language).toBe('fr-CA');
  // A cash sale in French: the cash screen, the change, the result.
  await page.getByTestId('cash').click();
  await expect(page.getByTestId('cash-panel')).toContainText('Comptant : 12,34\u00a0$ à payer');
  await page.getByTestId('cash-2000').click();
  await expect(page.getByTestId('cash-change')).toHaveText('Monnaie à rendre : 7,66\u00a0$');
  await shot(page, 'french-2-cash');
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result').locator('h1')).toHaveText('Approuvé 12,34\u00a0$');
  await expect(page.getByTestId('new-sale')).toHaveText('Nouvelle vente');
  await expect(page.getByTestId('status-bar')).toContainText('Casey · caissier');
  await shot(page, 'french-3-result');
  // A decline on the terminal, in French (the manager paired it beforehand).
  await page.getByTestId('new-sale').click();
  h.core.settings.set('terminal.code', 'TRN1');
  await page.keyboard.type('900');
  await expect(page.getByTestId('charge-terminal')).toHaveText('Débiter 9,00\u00a0$ au terminal', { timeout: 20_000 });
  await page.getByTestId('charge-terminal').click();
  await expect(page.getByTestId('terminal-wait')).toContainText(
    'Client : touchez, insérez ou glissez la carte sur le terminal.',
  );
  // The training terminal shows the sale once its page has fetched it: wait for it, as a customer would.
  const terminalFrame = page.frameLocator('[data-testid=training-terminal]');
  await expect(terminalFrame.getByTestId('terminal-due')).toBeVisible({ timeout: 10_000 });
  await terminalFrame.getByTestId('terminal-decline').click();
  await expect(page.getByTestId('result').locator('h1')).toHaveText('Refusé', { timeout: 10_000 });
  await shot(page, 'french-4-declined');
});

test('a French shop’s counter page comes with the French words preloaded beside its script, and not the English', async ({
  page,
  h,
}) => {
  const pages = () => h.loadedBodies.filter((b) => b.includes('<div id="root">'));
  const preloaded = (html: string) => [
    ...new Set(
      [...html.matchAll(/rel="modulepreload" crossorigin href="\.\/assets\/((?:en|fr)-CA)-[^"]+\.js"/g)].map(
        (m) => m[1],
      ),
    ),
  ];
  expect(preloaded(pages().at(-1)!)).toEqual(['en-CA']);
  // FormatJS comes with the language, preloaded beside it (it is not in the page's first script).
  expect(pages().at(-1)!).toMatch(/rel="modulepreload" crossorigin href="\.\/assets\/translator-[^"]+\.js"/);
  h.core.settings.set('shop.language', 'fr-CA');
  await page.reload();
  await expect(page.getByTestId('status-bar')).toBeVisible();
  expect(preloaded(pages().at(-1)!)).toEqual(['fr-CA']);
  expect(h.loadedUrls.some((u) => /\/assets\/fr-CA-[^/]+\.js$/.test(u))).toBe(true);
});

test.describe('the sign-in screen comes drawn in the page', () => {
  test.use({ signedInAs: null });

  test('main draws it in the shop’s language; the live screen replaces it, and its names answer', async ({
    page,
    h,
  }) => {
    const served = () => h.loadedBodies.filter((b) => b.includes('<div id="root">')).at(-1)!;
    expect(served()).toMatch(
      /<div id="root"><div class="app"><div class="training-banner" role="note">TRAINING MODE[^<]*<\/div><main class="content" tabindex="0"><section class="panel narrow" aria-label="Sign in"><h1>Sign in<\/h1><div class="staff-grid"><button type="button" class="staff-pick">/,
    );
    expect(served()).toContain('<strong>Casey</strong><span>cashier</span>');
    // React's screen (its buttons carry test ids) over main's: one heading, not two.
    await expect(page.getByTestId(`staff-${STAFF.cashier.name}`)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toHaveCount(1);
    h.core.settings.set('shop.language', 'fr-CA');
    await page.reload();
    expect(served()).toMatch(/<h1>Connexion<\/h1>/);
    await expect(page.getByTestId(`staff-${STAFF.cashier.name}`)).toBeVisible();
    await signIn(page, STAFF.cashier);
    await expect(page.getByTestId('status-bar')).toBeVisible();
  });

  test('main’s drawing alone (the app’s script held back) is the sign-in screen, and accessible', async ({
    page,
    h,
  }) => {
    expect(h.core.firstScreen()).not.toBeNull();
    // What a person sees before the app's script has run: only main's drawing.
    await page.route(/\/assets\/index-[^/]+\.js$/, (route) => route.abort());
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Casey cashier' })).toBeVisible();
    await expect(page.getByRole('note')).toContainText('TRAINING MODE');
    await expect(page.getByTestId(`staff-${STAFF.cashier.name}`)).toHaveCount(0);
    await shot(page, 'sign-in-0-drawn-by-main');
    await checkAccessibility(page, 'the sign-in screen as main draws it');
  });
});
