/**
 * Small counter screens (1366×768 and 1024×768): nothing a cashier needs is cut off or spills over.
 */
import { expect, shot, STAFF, signIn, test } from './harness';
import type { Locator, Page } from '@playwright/test';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
];

/** Nothing inside the element is wider than the element itself. */
const fits = (l: Locator) => l.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
/** The element is wholly inside the window (no scrolling needed to see all of it). */
async function onScreen(page: Page, l: Locator) {
  const box = (await l.boundingBox())!;
  const vp = page.viewportSize()!;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height;
}

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the largest amount fits its box; the card panel and its buttons are on screen', async ({ page, h }) => {
      expect(h.core.mode).toBe('training');
      await page.keyboard.type('10000000');
      await expect(page.getByTestId('amount')).toHaveText('$100,000.00');
      expect(await fits(page.getByTestId('amount'))).toBe(true);
      expect(await onScreen(page, page.getByTestId('charge'))).toBe(true);
      await page.getByTestId('charge').click();
      const frame = page.getByTestId('checkout-frame');
      await expect(frame).toBeVisible();
      expect(await onScreen(page, frame)).toBe(true);
      await shot(page, `layout-card-panel-${size.width}`);
    });

    test('with a terminal paired (the default way to charge) and notices showing, "Charge … on terminal" is on screen without scrolling', async ({
      page,
      h,
    }) => {
      h.core.settings.set('terminal.code', 'TRN1');
      // Two notices every window shows (a late approval and a sale paid twice), as main words them.
      h.core.late.tell('late.found', { amount: '$12.00', invoice: 'C0000-ABCDEF1234' });
      h.core.late.tell('late.giveBack', { number: 12, state: 'paid', amount: '$12.00', transaction: '12345678' });
      await page.reload();
      await expect(page.getByTestId('charge-terminal')).toBeVisible();
      await page.keyboard.type('10000000');
      await expect(page.getByTestId('amount')).toHaveText('$100,000.00');
      const charge = page.getByTestId('charge-terminal');
      expect(await onScreen(page, charge)).toBe(true);
      expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
      await shot(page, `layout-terminal-paired-${size.width}`);
      // The customer pays on the terminal: the result is on screen too, notices and all.
      await page.keyboard.press('Escape');
      for (let i = 0; i < 8; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type('1234');
      await charge.click();
      await expect(page.getByTestId('terminal-wait')).toBeVisible();
      h.core.simulator!.terminalAct('TRN1', { action: 'approve', card: 'visa', tipCents: 100 });
      const result = page.getByTestId('result');
      await expect(result).toHaveAttribute('data-outcome', 'approved', { timeout: 10_000 });
      expect(await onScreen(page, result)).toBe(true);
      await shot(page, `layout-terminal-result-${size.width}`);
    });

    test('a 40-character name stays inside its sign-in tile', async ({ page, h }) => {
      await h.core.staffStore.create('Alexandrina Wilhelmina Montgomery-Smythe', 'cashier', '1357');
      await page.getByTestId('sign-out').click();
      const tile = page.getByTestId('staff-Alexandrina Wilhelmina Montgomery-Smythe');
      await expect(tile).toBeVisible();
      expect(await fits(tile)).toBe(true);
      await shot(page, `layout-long-name-${size.width}`);
    });

    test('Staff and Helcim setup: their main buttons can be reached and are not cut off', async ({ page, h }) => {
      expect(h.staff).not.toBeNull();
      await page.getByTestId('sign-out').click();
      await signIn(page, STAFF.manager);
      await page.getByTestId('tab-staff').click();
      const add = page.getByTestId('add-submit');
      await add.scrollIntoViewIfNeeded();
      expect(await onScreen(page, add)).toBe(true);
      await page.getByTestId('tab-helcim').click();
      const save = page.getByTestId('save-sales');
      await save.scrollIntoViewIfNeeded();
      expect(await onScreen(page, save)).toBe(true);
      await shot(page, `layout-helcim-${size.width}`);
    });
  });
}
