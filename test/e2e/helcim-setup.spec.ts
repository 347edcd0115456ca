/**
 * The Helcim token wizard in Chromium, against a simulator standing in for live Helcim: a wrong
 * token, an Auth-only token, the two least-privilege tokens, the switch to live, and a live sale.
 * Afterwards no token byte may be found in anything the renderer received, any log or any file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { enterCard, expect, shot, STAFF, test } from './harness';

test.use({ liveHelcim: true, signedInAs: STAFF.manager });

test('wizard: wrong token, then sales + admin tokens, connection tests, go live, a live sale; no token leaks', async ({
  page,
  h,
}) => {
  const live = h.liveHelcim!;
  const sales = live.createToken({ general: 'none', settings: 'none', transactions: 'positive' });
  const admin = live.createToken({ general: 'none', settings: 'none', transactions: 'admin' });
  const wrong = `not_a_real_token_${Date.now()}`;

  await page.getByTestId('tab-helcim').click();
  await expect(page.getByTestId('token-sales')).toContainText('All Tools → Integrations → API Access Configuration');
  await expect(page.getByTestId('token-sales')).toContainText('Transaction Processing: Positive (Purchase, Capture)');
  await shot(page, 'helcim-1-wizard');

  await page.getByTestId('paste-sales').fill(wrong);
  await page.getByTestId('save-sales').click();
  await expect(page.getByTestId('report-sales')).toHaveAttribute('data-passed', 'false');
  await expect(page.getByTestId('report-sales')).toContainText('legacy token');
  await expect(page.getByTestId('paste-sales')).toHaveValue('');
  await shot(page, 'helcim-2-wrong-token');

  await page.getByTestId('paste-sales').fill(sales);
  await page.getByTestId('save-sales').click();
  await expect(page.getByTestId('report-sales')).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('check-sales-purchase')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('check-sales-refund')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('check-sales-refund')).toContainText('Admin (Reversal, Refund)');

  await page.getByTestId('paste-admin').fill(admin);
  await page.getByTestId('save-admin').click();
  await expect(page.getByTestId('report-admin')).toHaveAttribute('data-passed', 'true');
  await shot(page, 'helcim-3-both-tokens-tested');

  await page.getByTestId('go-live').click();
  await expect(page.getByTestId('helcim-mode')).toHaveText('LIVE');
  await expect(page.getByTestId('training-banner')).toHaveCount(0);
  await expect(page.getByTestId('status-bar')).toContainText('LIVE');
  await shot(page, 'helcim-4-live');

  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('1500');
  await page.getByTestId('charge').click();
  await enterCard(page, { number: '5413330089099130' }, true);
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await shot(page, 'helcim-5-live-sale');
  expect(live.transactions().filter((t) => t.status === 'APPROVED' && t.type === 'purchase')).toHaveLength(1);

  const files = readdirSync(h.dir).map((f) => readFileSync(path.join(h.dir, f)).toString('latin1'));
  const seen = [...h.bridgeAnswers, ...h.loadedBodies, ...h.logs, ...files, await page.content()];
  expect(h.bridgeAnswers.length).toBeGreaterThan(5);
  for (const t of [sales, admin, wrong, ...live.secrets()])
    for (const text of seen) expect(text.includes(t), 'a token leaked').toBe(false);
});

test('an Auth-only sales token: verify ✓, purchase ✗ with the restriction to change; live stays off', async ({
  page,
  h,
}) => {
  const authOnly = h.liveHelcim!.createToken({ general: 'none', settings: 'none', transactions: 'auth' });
  await page.getByTestId('tab-helcim').click();
  await page.getByTestId('paste-sales').fill(authOnly);
  await page.getByTestId('save-sales').click();
  await expect(page.getByTestId('report-sales')).toHaveAttribute('data-passed', 'false');
  await expect(page.getByTestId('check-sales-verify')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('check-sales-purchase')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('check-sales-purchase')).toContainText('Positive (Purchase, Capture)');
  await expect(page.getByTestId('go-live')).toBeDisabled();
  await shot(page, 'helcim-auth-only-token');
});

test('the card form address: named on the setup screen, refused when Helcim would refuse it, and the next card form opens there', async ({
  page,
  h,
}) => {
  await page.getByTestId('tab-helcim').click();
  await expect(page.getByTestId('checkout-address')).toHaveText('https://checkout.counter-pos.invalid');
  for (const [bad, words] of [
    ['localhost', /has a dot/],
    ['pos.localhost', /refuses localhost/],
    ['127.0.0.1', /IP address/],
    ['till.local', /not publicly reachable/],
    ['https://pay.shop.ca', /host name only/],
  ] as const) {
    await page.getByTestId('checkout-host').fill(bad);
    await expect(page.locator('#checkout-host-error')).toContainText(words);
    await expect(page.getByTestId('checkout-host-save')).toBeDisabled();
  }
  // The bridge refuses it too, whatever the screen does.
  const direct = await page.evaluate(() => window.pos.helcim.setCheckoutHost({ host: 'pos.localhost' }));
  expect(direct).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  await page.getByTestId('checkout-host').fill('pay.cornerstore.ca');
  // The page reloads to take the new address into its security policy; the manager stays signed in.
  const reloaded = page.waitForEvent('load', { timeout: 10_000 });
  await page.getByTestId('checkout-host-save').click();
  await expect(page.getByTestId('checkout-host-saved')).toBeVisible();
  await reloaded;
  expect(h.core.audit.entries().some((e) => e.action === 'helcim.checkout_host')).toBe(true);
  await expect(page.getByTestId('status-bar')).toContainText(`${STAFF.manager.name} · manager`);
  await page.getByTestId('tab-helcim').click();
  await expect(page.getByTestId('checkout-address')).toHaveText('https://pay.cornerstore.ca');
  await shot(page, 'helcim-checkout-address');

  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('700');
  await page.getByTestId('charge').click();
  await enterCard(page, { number: '4124939999999990' }, true);
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  expect(h.loadedUrls.some((u) => u.startsWith('https://pay.cornerstore.ca/host.html'))).toBe(true);
});
