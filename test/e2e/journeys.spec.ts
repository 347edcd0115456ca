/**
 * Cashier journeys in Debian Chromium, through the real preload, dispatcher, router, policy,
 * journal, Helcim client and simulator. Each journey saves screenshots in test-results/screens/.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enterCard, expect, helcimFrame, shot, test, WINDOW_ID } from './harness';

test('purchase approved: keyboard amount, HelcimPay card entry, verified approval', async ({ page, h }) => {
  await expect(page.getByTestId('training-banner')).toBeVisible();
  await expect(page.getByTestId('status-bar')).toContainText('Casey · cashier');
  await page.keyboard.type('1234');
  await expect(page.getByTestId('amount')).toHaveText('$12.34');
  await shot(page, 'purchase-approved-1-amount');
  await page.getByTestId('charge').click();
  // A name with "/" and a non-ASCII letter: the hash check must encode them as Helcim's PHP does.
  await enterCard(page, { number: '4124939999999990', name: 'Zoë Test/Counter' });
  await shot(page, 'purchase-approved-2-card-entry');
  await helcimFrame(page).locator('#submit').click();
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'approved');
  await expect(result).toContainText('Approved $12.34');
  await expect(result).toContainText('Visa •••• 9990');
  await shot(page, 'purchase-approved-3-result');

  const ledger = h.core.simulator!.transactions();
  expect(ledger).toHaveLength(1);
  expect(ledger[0]).toMatchObject({ status: 'APPROVED', type: 'purchase', amount: 12.34 });
  const [attempt] = h.core.journal.list();
  expect(attempt).toMatchObject({
    kind: 'purchase',
    amountCents: 1234,
    state: 'approved',
    helcimTransactionId: String(ledger[0]!.transactionId),
  });

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('amount')).toHaveText('$0.00');
});

test('purchase declined: the issuer’s decline in plain words, journaled as declined', async ({ page, h }) => {
  for (const k of ['5', '0', '00']) await page.getByRole('button', { name: k, exact: true }).click();
  await expect(page.getByTestId('amount')).toHaveText('$50.00');
  await page.getByTestId('charge').click();
  await enterCard(page, { number: '5413330089099130', cvv: '200' });
  await helcimFrame(page).locator('#submit').click();
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'declined');
  await expect(result).toContainText('Declined by the card issuer');
  await expect(result).toContainText('ask for another card');
  await shot(page, 'purchase-declined-result');
  expect(h.core.journal.list()[0]).toMatchObject({ state: 'declined', amountCents: 5000 });
  expect(h.core.simulator!.transactions().filter((t) => t.status === 'APPROVED')).toHaveLength(0);
});

test('checkout cancelled: closing Helcim’s card entry charges nothing', async ({ page, h }) => {
  await page.keyboard.type('999');
  await page.getByTestId('charge').click();
  await expect(helcimFrame(page).locator('#cardNumber')).toBeVisible();
  await helcimFrame(page).locator('#cancel').click();
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'cancelled');
  await expect(result).toContainText('no charge was made');
  await shot(page, 'checkout-cancelled-result');
  expect(h.core.journal.list()[0]).toMatchObject({ state: 'cancelled', amountCents: 999 });
  expect(h.core.simulator!.transactions()).toHaveLength(0);
});

test('verify approved: $0 card check', async ({ page, h }) => {
  await page.getByTestId('verify').click();
  await expect(helcimFrame(page).locator('#submit')).toHaveText('Verify card');
  await enterCard(page, { number: '374245001751006', cvv: '1000' });
  await shot(page, 'verify-1-card-entry');
  await helcimFrame(page).locator('#submit').click();
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'approved');
  await expect(result).toContainText('Card verified');
  await expect(result).toContainText('American Express •••• 1006');
  await shot(page, 'verify-2-result');
  expect(h.core.simulator!.transactions()[0]).toMatchObject({ type: 'verify', amount: 0, status: 'APPROVED' });
  expect(h.core.journal.list()[0]).toMatchObject({ kind: 'verify', amountCents: 0, state: 'approved' });
});

test('forged result message is rejected and journaled; the checkout frame cannot reach the bridge', async ({
  page,
  h,
}) => {
  await page.keyboard.type('2500');
  await page.getByTestId('charge').click();
  await expect(helcimFrame(page).locator('#cardNumber')).toBeVisible();

  const host = page.frames().find((f) => f.url().startsWith(h.checkoutOrigin))!;
  // The checkout host (where Helcim's script runs) has no bridge and cannot touch the app's window.
  expect(await host.evaluate(() => typeof (window as unknown as { pos?: unknown }).pos)).toBe('undefined');
  expect(
    await host.evaluate(() => {
      try {
        return typeof (window.parent as unknown as { pos?: unknown }).pos;
      } catch (e) {
        return (e as Error).name;
      }
    }),
  ).toBe('SecurityError');
  // Even a raw IPC call from that frame is refused by main's sender check.
  const fromFrame = await host.evaluate(() =>
    (window as unknown as { __posIpc: (c: string, p: unknown) => Promise<unknown> }).__posIpc('pos:app.status', {}),
  );
  expect(fromFrame).toMatchObject({ ok: false, error: { code: 'bad_sender' } });

  // A compromised script in the checkout frame claims an approval with a made-up hash.
  await host.evaluate(
    (token) => {
      const data = {
        transactionId: '1',
        status: 'APPROVED',
        type: 'purchase',
        amount: '25.00',
        currency: 'CAD',
        cardNumber: '4124939990',
      };
      window.parent.postMessage(
        {
          type: 'helcim-event',
          event: {
            eventName: `helcim-pay-js-${token}`,
            eventStatus: 'SUCCESS',
            eventMessage: JSON.stringify({ data, hash: 'ab'.repeat(32) }),
          },
        },
        '*',
      );
    },
    new URL(host.url()).hash.match(/token=([^&]+)/)![1]!,
  );
  const result = page.getByTestId('result');
  await expect(result).toHaveAttribute('data-outcome', 'checkout_unverified');
  await expect(result).toContainText('do not hand over goods');
  await shot(page, 'forged-result-rejected');

  const [attempt] = h.core.journal.list();
  expect(attempt!.state).toBe('unknown');
  expect(h.core.journal.events(attempt!.id).map((e) => e.kind)).toContain('rejected_message');
  expect(h.core.simulator!.transactions()).toHaveLength(0);
  expect(WINDOW_ID).toBe(1);
});

test('no token or secretToken ever reaches the renderer', async ({ page, h }) => {
  await page.keyboard.type('4321');
  await page.getByTestId('charge').click();
  await enterCard(page, { number: '6011973700000005' });
  await helcimFrame(page).locator('#submit').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await page.getByTestId('new-sale').click();
  await page.getByTestId('verify').click();
  await helcimFrame(page).locator('#cancel').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'cancelled');

  const secrets = h.core.simulator!.secrets();
  expect(secrets.length).toBeGreaterThanOrEqual(4); // 2 API tokens + 2 checkout secretTokens
  const seen = [...h.bridgeAnswers, ...h.loadedBodies, await page.content()];
  expect(h.bridgeAnswers.length).toBeGreaterThan(3);
  for (const secret of secrets)
    for (const text of seen) expect(text.includes(secret), 'a secret reached the renderer').toBe(false);
});

test('the checkout host loads only Helcim’s (or the simulator’s) script and never posts to "*"', async ({
  page,
  h,
}) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  const posted: unknown[] = [];
  await page.exposeFunction('__recordPost', (m: unknown) => posted.push(m));
  const host = `${h.checkoutOrigin}/host.html`;
  const evil = 'http://127.0.0.2:9/evil/start.js';
  // Another script origin: refused before any request goes out.
  await page.goto(
    `${host}#token=${'a'.repeat(24)}&script=${encodeURIComponent(evil)}&parent=${encodeURIComponent(h.appOrigin)}`,
  );
  await expect(page.locator('#loading')).toHaveText(
    'This checkout link is not valid. / Ce lien de paiement n’est pas valide.',
  );
  expect(fetched.filter((u) => u.includes('/evil/'))).toEqual([]);
  // No parent: the error stays on the screen; nothing is posted to anyone.
  await page.addInitScript(() => {
    const real = window.parent.postMessage.bind(window.parent);
    window.parent.postMessage = ((m: unknown, o: unknown) => {
      (window as unknown as { __recordPost: (x: unknown) => void }).__recordPost({ m, o });
      return real(m as never, o as never);
    }) as typeof window.postMessage;
  });
  await page.goto(`${host}#token=${'b'.repeat(24)}&script=${encodeURIComponent(h.core.simulator!.scriptUrl)}`);
  await expect(page.locator('#loading')).toHaveText(
    'This checkout link is not valid. / Ce lien de paiement n’est pas valide.',
  );
  expect(posted).toEqual([]);
});

test('Helcim’s script refuses an embedding page on http, on 127.0.0.1 or on a localhost name — and renders on the https checkout host', async ({
  page,
  h,
}) => {
  // The real arrangement renders (every other journey does too): the checkout host's https name.
  await page.keyboard.type('300');
  await page.getByTestId('charge').click();
  await expect(helcimFrame(page).locator('#cardNumber')).toBeVisible();

  // The same checkout host page, served the way the app used to serve it: on http://127.0.0.1.
  const plain = createServer((req, res) => {
    const hit = h.serveSite('checkout', new URL(req.url ?? '/', 'http://x').pathname);
    if (!hit) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': hit.headers['content-type']! }).end(hit.body);
  });
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  const { port } = plain.address() as AddressInfo;
  const link = (origin: string) =>
    `${origin}/host.html#token=${'a'.repeat(24)}&script=${encodeURIComponent('https://helcim-training.counter-pos.invalid/helcim-pay/start.js')}&parent=${encodeURIComponent(h.appOrigin)}`;
  // An https page on a localhost name, answered by the test's own route.
  await page.context().route('https://pos.localhost/**', (route) => {
    const hit = h.serveSite('checkout', new URL(route.request().url()).pathname);
    return hit
      ? route.fulfill({ status: 200, headers: { 'content-type': hit.headers['content-type']! }, body: hit.body })
      : route.fulfill({ status: 404 });
  });
  try {
    for (const origin of [`http://127.0.0.1:${port}`, 'https://pos.localhost']) {
      const other = await page.context().newPage();
      await other.goto(link(origin));
      const refused = other.frameLocator('#helcimPayIframe').locator('#refused');
      await expect(refused).toContainText('secure (https), publicly reachable website');
      await expect(other.frameLocator('#helcimPayIframe').locator('#cardNumber')).toHaveCount(0);
      await other.close();
    }
  } finally {
    plain.close();
  }
});
