/**
 * Linking a counter to the shop database (issue 18), in Chromium against a real PostgreSQL started
 * here: a manager enters the server once and links; the card shows the link code for the other
 * counters; the End of day screen adds up the whole shop; with the database stopped the status bar
 * says since when and the counter keeps selling; back, everything ships. Screenshots of each.
 */
import { expect, shot, STAFF, test } from './harness';
import { startPostgres, type TestPostgres } from '../support/postgres';

let db: TestPostgres;
test.beforeAll(async () => {
  db = await startPostgres();
});
test.afterAll(async () => {
  await db?.close();
});
test.use({ signedInAs: STAFF.manager });

test('a manager links the counter to the shop database; the whole shop adds up; the database down is said and nothing is lost', async ({
  page,
  h,
}) => {
  test.setTimeout(90_000);
  await page.getByTestId('tab-staff').click();
  const card = page.getByTestId('shop-card');
  await card.getByTestId('shop-host').fill(db.host);
  await card.getByTestId('shop-port').fill(String(db.port));
  await card.getByTestId('shop-database').fill(db.database);
  await card.getByTestId('shop-user').fill(db.user);
  await card.getByTestId('shop-password').fill('wrong-password');
  // First the server's certificate, before any password leaves: the manager compares its fingerprint.
  await expect(card.getByTestId('shop-link')).toHaveText('Check the server');
  await card.getByTestId('shop-link').click();
  await expect(card.getByTestId('shop-certificate')).toContainText(db.fingerprint!);
  await expect(card.getByTestId('shop-link')).toHaveText('Same fingerprint: trust it and link');
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'shop-0-certificate');
  await card.getByTestId('shop-link').click();
  await expect(card.getByTestId('shop-error')).toContainText(
    'The shop database could not be reached with these settings',
  );
  await expect(card.getByTestId('shop-error')).toContainText('password authentication failed');
  await card.getByTestId('shop-password').fill(db.password);
  await card.getByTestId('shop-link').click();
  await expect(card.getByTestId('shop-state')).toContainText('Shop database: reached.');
  await expect(card.getByTestId('shop-link-code')).toContainText(/[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/);
  await expect(card.getByTestId('shop-linked')).toContainText(`${db.user}@${db.host}:${db.port}/${db.database}`);
  await expect(card.getByTestId('shop-linked')).toContainText(`Trusted certificate: ${db.fingerprint}`);
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'shop-1-linked');
  // The code is shown once: back on the card later it is gone, and a manager asks for a new one (the old one stops working).
  await page.getByTestId('tab-sale').click();
  await page.getByTestId('tab-staff').click();
  await expect(card.getByTestId('shop-link-code')).toHaveCount(0);
  await card.getByTestId('shop-new-code').click();
  await expect(card.getByTestId('shop-link-code')).toContainText(
    /[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}.*shown only this once/,
  );
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'shop-1b-new-link-code');

  // A cash sale in Alberta (cash rounded to 5¢: $12.34 is $12.35), then the whole shop's day on End of day.
  h.core.settings.set('tax', {
    jurisdiction: 'AB',
    pricesInclude: false,
    roundCash: false,
    usRates: [],
    categories: [],
    legalName: null,
    gstHstNumber: null,
    qstNumber: null,
  });
  await page.reload();
  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('1234');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-2000').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await page.getByTestId('tab-reports').click();
  await expect(page.getByTestId('shop-report')).toBeVisible();
  await expect(page.getByTestId('shop-total')).toContainText('$12.34', { timeout: 10_000 });
  // The shop's day has the cent the drawer took beyond the sale, as this counter's X does.
  await expect(page.getByTestId('shop-lines')).toContainText('Cash rounded to 5¢');
  await expect(page.getByTestId('shop-lines')).toContainText('$0.01');
  await page.getByTestId('shop-report').scrollIntoViewIfNeeded();
  await shot(page, 'shop-2-whole-shop');
  // History → the whole shop: the sale, named by this counter's prefix.
  await page.getByTestId('tab-history').click();
  await page.getByTestId('h-amount').fill('12.34');
  await page.getByTestId('h-search-shop').click();
  await expect(page.getByTestId('h-shop')).toContainText('(this counter)');
  await expect(page.getByTestId('h-shop')).toContainText('$12.34');

  // The database goes down: the status bar says so, and the counter sells on.
  await db.stop();
  try {
    await expect(page.getByTestId('shop-offline')).toContainText('Shop database: offline since', { timeout: 15_000 });
    await page.getByTestId('tab-sale').click();
    await page.getByTestId('new-sale').click();
    await page.keyboard.type('500');
    await page.getByTestId('cash').click();
    await page.getByTestId('cash-exact').click();
    await page.getByTestId('cash-record').click();
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
    await shot(page, 'shop-3-offline');
    // The shop card says the same, and follows the database without leaving the screen.
    await page.getByTestId('tab-staff').click();
    await expect(card.getByTestId('shop-state')).toContainText('offline since');
  } finally {
    await db.start();
  }
  await expect(page.getByTestId('shop-offline')).toHaveCount(0, { timeout: 15_000 });
  await expect(card.getByTestId('shop-state')).toContainText('Shop database: reached.', { timeout: 15_000 });
  await page.getByTestId('tab-sale').click();
  await expect.poll(() => h.core.shop.state()?.backlog, { timeout: 15_000 }).toBe(0);
  const shipped = await h.core.shop.totals(
    new Date(Date.now() - 3_600_000).toISOString(),
    new Date(Date.now() + 60_000).toISOString(),
  );
  expect(shipped.netCents).toBe(1234 + 500);

  // The shop's Z: refused while this counter's own day is open (named by its prefix), then closed.
  await page.getByTestId('tab-reports').click();
  await page.getByTestId('shop-z').click();
  await page.getByTestId('shop-z-confirm').click();
  await expect(page.getByTestId('shop-z-error')).toContainText(
    'these counters have sales after their last Z report: C',
  );
  await page.getByTestId('report-close-day').click();
  await page.getByTestId('report-confirm-z').click();
  await expect(page.getByTestId('report')).toHaveAttribute('data-kind', 'z');
  await page.getByTestId('shop-z').click();
  await page.getByTestId('shop-z-confirm').click();
  await expect(page.getByTestId('shop-z-done')).toHaveText('Shop Z #1: $17.34 (1 counter).');
  await expect(page.getByTestId('shop-z-lines')).toContainText('Cash rounded to 5¢');
  await page.getByTestId('shop-z-done').scrollIntoViewIfNeeded();
  await shot(page, 'shop-4-shop-z');
});
