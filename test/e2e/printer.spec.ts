/**
 * The receipt printer in Chromium (issue 16): a manager sets up a network printer (the stand-in on
 * 127.0.0.1, raw ESC/POS over TCP) and prints a test page; a cash sale opens the drawer once and
 * prints its 80 mm receipt by itself; the printer switched off: "Receipt not printed" with Reprint,
 * the sale kept. The receipt the stand-in decoded is drawn to a PNG for the screenshots folder.
 */
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { PrinterStandIn, type Decoded } from '../support/printer-standin';
import { expect, SCREENS, shot, STAFF, test } from './harness';

test.use({ signedInAs: STAFF.manager });

const printer = new PrinterStandIn();
test.beforeAll(async () => void (await printer.start()));
test.afterAll(async () => printer.stop());

/** The decoded receipt, drawn as the paper would show it (monospace, 48 columns), to a PNG. */
async function paperPng(browser: Browser, job: Decoded, name: string) {
  const page = await browser.newPage({ viewport: { width: 520, height: 400 } });
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html = job.lines
    .map(
      (l, i) =>
        `<div class="${job.large.has(i) ? 'big ' : ''}${job.inverted.has(i) ? 'inv ' : ''}${job.bold.has(i) ? 'b' : ''}">${esc(l) || '&nbsp;'}</div>`,
    )
    .join('');
  await page.setContent(
    `<!doctype html><html lang="en"><body style="margin:0;background:#ddd"><main style="width:48ch;margin:12px auto;padding:12px;background:#fff;font:14px/1.3 'DejaVu Sans Mono',monospace;white-space:pre"><style>.big{font-size:20px;font-weight:700}.inv{background:#000;color:#fff}.b{font-weight:700}</style>${html}<div style="border-top:2px dashed #999;margin-top:8px;text-align:center;color:#999">✂ cut (${job.cuts})</div></main></body></html>`,
  );
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
  await page.close();
}

test('set up the network printer, a cash sale opens the drawer and prints; printer off: not printed, Reprint', async ({
  page,
  h,
  browser,
}) => {
  await page.getByTestId('tab-staff').click();
  await page.getByTestId('printer-kind-network').check();
  await page.getByTestId('printer-host').fill('printer..local');
  await expect(page.locator('#printer-host-error')).toContainText('IP address or host name');
  await page.getByTestId('printer-host').fill(printer.address.host);
  await page.getByTestId('printer-port').fill(String(printer.address.port));
  await page.getByTestId('printer-address').fill('12 rue Sainte-Catherine\nMontréal QC');
  await page.getByTestId('printer-save').click();
  await expect(page.getByTestId('printer-said')).toHaveText('Saved.');
  await page.getByTestId('printer-test').click();
  await expect(page.getByTestId('printer-said')).toHaveText('Printed.');
  await shot(page, 'printer-1-settings');

  await page.getByTestId('tab-sale').click();
  await page.keyboard.type('1234');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-2000').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('drawer-pulse')).toHaveText('The drawer opened.');
  await expect(page.getByTestId('print-state')).toHaveText('Receipt printed.');
  await shot(page, 'printer-2-cash-sale-printed');
  await printer.idle();
  const jobs = printer.decoded();
  expect(jobs.reduce((n, j) => n + j.pulses, 0)).toBe(1);
  const receipt = jobs.at(-1)!;
  expect(receipt.cuts).toBe(1);
  expect(receipt.unknown).toEqual([]);
  expect(receipt.lines.join('\n')).toMatch(/Change\s+\$7\.66/);
  await paperPng(browser, receipt, 'receipt-80mm-cash');

  // The printer is switched off: the sale is kept, the cashier is told, Reprint once it is back.
  await page.getByTestId('new-sale').click();
  await printer.setMode('off');
  await page.keyboard.type('500');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
  await expect(page.getByTestId('print-state')).toContainText('Receipt not printed');
  await expect(page.getByTestId('drawer-pulse')).toContainText('The drawer did not open');
  await shot(page, 'printer-3-not-printed');
  expect(h.core.journal.list(1)[0]).toMatchObject({ tender: 'cash', amountCents: 500, state: 'approved' });
  await printer.setMode('ok');
  await page.getByTestId('reprint').click();
  await expect(page.getByTestId('print-state')).toHaveText('Receipt printed.');
  await printer.idle();
  expect(printer.decoded().reduce((n, j) => n + j.pulses, 0)).toBe(1);
  // A manager opens the drawer with no sale (audited).
  await page.getByTestId('new-sale').click();
  await page.getByTestId('tab-drawer').click();
  await page.getByTestId('drawer-kick').click();
  await expect(page.getByTestId('drawer-kicked')).toHaveText('The drawer opened.');
  await printer.idle();
  expect(printer.decoded().reduce((n, j) => n + j.pulses, 0)).toBe(2);
  // A French-speaking customer: the receipt in French (fr-CA money, accents through code page 1252).
  await page.getByTestId('tab-sale').click();
  await page.getByTestId('language-fr-CA').click();
  await page.keyboard.type('1234');
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-2000').click();
  await page.getByTestId('cash-record').click();
  await expect(page.getByTestId('print-state')).toHaveText('Receipt printed.');
  await printer.idle();
  const french = printer.decoded().at(-1)!;
  expect(french.unknown).toEqual([]);
  expect(french.lines.join('\n')).toMatch(/Monnaie rendue\s+7,66\u00a0\$/);
  await paperPng(browser, french, 'receipt-80mm-cash-fr');
});
