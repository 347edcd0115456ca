/**
 * Receipts by email on a counter screen (issue 29 part 4), against a real SMTP server started here on
 * 127.0.0.1: a manager sets up the shop's mail server with the keyboard and sends a test; a cash sale
 * in French is emailed from its receipt, the screen says when it is sent, and the message arrives once,
 * in French. At 1100×800 and 1024×768, with axe on every screen.
 */
import { expect, shot, STAFF, tabTo, test } from './harness';
import { startSmtp, type TestSmtp } from '../support/smtp';

let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startSmtp();
});
test.afterAll(async () => {
  await smtp?.stop();
});
test.use({ signedInAs: STAFF.manager });

test('a manager sets up the mail server by keyboard; a French cash sale’s receipt emailed, sent once, in French', async ({
  page,
  h,
}) => {
  test.setTimeout(60_000);
  await tabTo(page, 'tab-staff');
  await page.keyboard.press('Enter');
  await tabTo(page, 'mail-host');
  await page.keyboard.type('127.0.0.1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(String(smtp.port));
  await page.keyboard.press('Tab');
  await page.keyboard.type('None');
  await expect(page.getByTestId('mail-security')).toHaveValue('none');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  // A password over an unprotected connection is refused, in words.
  await page.keyboard.type('not-over-plain-text');
  await page.keyboard.press('Tab');
  await page.keyboard.type('receipts@corner.example');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('mail-error')).toContainText('never sent over an unprotected connection');
  expect(h.core.settings.get('mail')).toBeNull();
  await page.getByTestId('mail-password').fill('');
  await page.getByTestId('mail-save').click();
  await expect(page.getByTestId('mail-saved')).toBeVisible();
  await page.getByTestId('mail-test-to').fill('owner@corner.example');
  await page.getByTestId('mail-test').click();
  await expect(page.getByTestId('mail-test-said')).toHaveText('Sent to owner@corner.example: the mail server took it.');
  await page.getByTestId('mail-card').scrollIntoViewIfNeeded();
  await shot(page, 'email-1-mail-server');

  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('1234');
  await page.getByTestId('language-fr-CA').click();
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-2000').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await page.getByTestId('show-receipt').click();
  await page.getByTestId('email-address').fill('camille@client.example');
  await page.getByTestId('email-send').click();
  await expect(page.getByTestId('email-state')).toHaveAttribute('data-state', 'sent', { timeout: 10_000 });
  await expect(page.getByTestId('email-state')).toContainText('c•••@client.example: Sent.');
  await shot(page, 'email-2-receipt-sent');
  const receipts = smtp.received.filter((m) => m.subject?.startsWith('Votre reçu'));
  expect(receipts).toHaveLength(1);
  expect(receipts[0]!.text).toMatch(/12,34\s\$/);
});
