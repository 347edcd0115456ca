/**
 * The real app in Electron: security settings as Electron reports them, and the purchase journey
 * end to end. Runs wherever the Electron binary exists; elsewhere every test is skipped with the reason.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OPERATION_NAMES } from '../../common/operations';
import { electronBinary } from './electron-binary';

const bin = electronBinary();
const ROOT = path.resolve(__dirname, '../..');
const SCREENS = path.join(ROOT, 'test-results/screens');

let app: ElectronApplication;
let page: Page;
let userData: string;

test.describe('Electron app', () => {
  test.skip(!bin.path, bin.reason);

  test.beforeAll(async () => {
    userData = mkdtempSync(path.join(tmpdir(), 'pos-electron-'));
    // Root cannot use Chromium's OS sandbox; CI runs as root. The renderer sandbox option stays on.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({
      executablePath: bin.path!,
      args: [...rootArgs, path.join(ROOT, 'dist/main/index.js')],
      env: { ...process.env, POS_USER_DATA: userData } as Record<string, string>,
    });
    page = await app.firstWindow();
    // A fresh userData: the shop's first run creates the first manager.
    await page.getByTestId('fr-name').fill('Alex');
    await page.getByTestId('fr-pin').fill('246813');
    await page.getByTestId('fr-again').fill('246813');
    await page.getByTestId('fr-create').click();
    await page.getByTestId('amount').waitFor();
  });

  test.afterAll(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('opens in training mode from app://counter', async () => {
    expect(page.url()).toBe('app://counter/index.html');
    await expect(page.getByTestId('training-banner')).toBeVisible();
    await page.screenshot({ path: path.join(SCREENS, 'electron-counter.png') });
  });

  test('the page sees window.pos with exactly the contract’s operations, and no Node or ipcRenderer', async () => {
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, Record<string, unknown>>;
      return {
        ops: Object.entries(w.pos!)
          .flatMap(([g, m]) => Object.keys(m as object).map((k) => `${g}.${k}`))
          .sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        ipc: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
      };
    });
    expect(seen).toEqual({
      ops: [...OPERATION_NAMES].sort(),
      require: 'undefined',
      process: 'undefined',
      ipc: 'undefined',
    });
  });

  test('CSP blocks inline script; new windows and permissions are denied', async () => {
    const r = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      const opened = window.open('https://example.com');
      const perm = await Notification.requestPermission();
      return {
        inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false,
        opened: opened === null,
        perm,
      };
    });
    expect(r).toEqual({ inline: false, opened: true, perm: 'denied' });
  });

  test('navigation away, new windows and webviews are blocked in the real app', async () => {
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    const webview = await page.evaluate(() => {
      const w = document.createElement('webview');
      document.body.appendChild(w);
      const attached = typeof (w as unknown as { getWebContentsId?: unknown }).getWebContentsId === 'function';
      w.remove();
      return attached;
    });
    expect(webview).toBe(false);
    expect(app.windows()).toHaveLength(1);
  });

  const card = () => page.frameLocator('[data-testid=checkout-frame]').frameLocator('#helcimPayIframe');
  async function enterCard(number: string, cvv = '100') {
    await card().locator('#cardNumber').fill(number);
    await card().locator('#cardExpiry').fill('01/28');
    await card().locator('#cardCVV').fill(cvv);
    await card().locator('#submit').click();
  }
  async function next() {
    await page.getByTestId('new-sale').click();
    await page.getByTestId('amount').waitFor();
  }

  test('purchase approved end to end', async () => {
    await page.keyboard.type('1999');
    await page.getByTestId('charge').click();
    await enterCard('4124939999999990');
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved');
    await expect(page.getByTestId('result')).toContainText('Approved $19.99');
    await page.screenshot({ path: path.join(SCREENS, 'electron-purchase-approved.png') });
    await next();
  });

  test('purchase declined', async () => {
    await page.keyboard.type('500');
    await page.getByTestId('charge').click();
    await enterCard('5413330089099130', '200');
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'declined');
    await next();
  });

  test('checkout cancelled', async () => {
    await page.keyboard.type('700');
    await page.getByTestId('charge').click();
    await card().locator('#cancel').click();
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'cancelled');
    await next();
  });

  test('verify approved', async () => {
    await page.getByTestId('verify').click();
    await enterCard('374245001751006', '1000');
    await expect(page.getByTestId('result')).toContainText('Card verified');
    await next();
  });

  test('forged result message rejected', async () => {
    await page.keyboard.type('2500');
    await page.getByTestId('charge').click();
    await expect(card().locator('#cardNumber')).toBeVisible();
    const host = page.frames().find((f) => f.url().startsWith('https://checkout.counter-pos.invalid/'))!;
    expect(await host.evaluate(() => typeof (window as unknown as { pos?: unknown }).pos)).toBe('undefined');
    await host.evaluate(() => {
      const token = new URLSearchParams(location.hash.slice(1)).get('token');
      const data = { transactionId: '1', status: 'APPROVED', type: 'purchase', amount: '25.00', currency: 'CAD' };
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
    });
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'checkout_unverified');
    await next();
  });

  // The Smart Terminal in training: the same journeys as the Chromium harness's terminal.spec.ts,
  // through Electron's own session interception (the training terminal comes through its https name).
  const terminal = () => page.frameLocator('[data-testid=training-terminal]');
  async function chargeOnTerminal(keys: string) {
    await page.getByTestId('tab-sale').click();
    await page.keyboard.type(keys);
    await page.getByTestId('charge-terminal').click();
    await expect(terminal().getByTestId('terminal-due')).toBeVisible();
  }

  test('pair the training terminal; a sale approved on it with a tip', async () => {
    await page.getByTestId('tab-helcim').click();
    await page.getByTestId('terminal-code').fill('TRN1');
    await page.getByTestId('terminal-pair').click();
    await expect(page.getByTestId('terminal-info')).toContainText('Terminal TRN1 answered');
    await chargeOnTerminal('2500');
    await terminal().locator('#tip').fill('3.00');
    await terminal().getByTestId('terminal-tap').click();
    await expect(page.getByTestId('result')).toContainText('tip of 3.00', { timeout: 10_000 });
    await page.screenshot({ path: path.join(SCREENS, 'electron-terminal-approved.png') });
    await next();
  });

  test('declined and cancelled on the terminal', async () => {
    await chargeOnTerminal('1200');
    await terminal().getByTestId('terminal-decline').click();
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'declined', { timeout: 10_000 });
    await next();
    await chargeOnTerminal('800');
    await terminal().getByTestId('terminal-cancel').click();
    await page.getByTestId('customer-cancelled').click();
    await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'cancelled');
    await next();
  });
});
