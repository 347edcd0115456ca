/**
 * A shift at the counter's screen (issue 31): sales typed and tendered in Debian Chromium through the
 * real preload, router, journal and simulator — on the training terminal, keyed in Helcim's card form,
 * in cash, split between the terminal and cash, and a cash refund from History every 20 sales, with a
 * manager's PIN. The renderer's JS heap (CDP, after a GC) and this process's resident memory (main's
 * core runs here, as the e2e harness runs it) after the first 50 sales and at the end; and each sale's
 * app time (the bridge calls it made, measured in main) at the start and at the end.
 */
import { chromium, expect, type Page } from '@playwright/test';
import { enterCard, helcimFrame, openApp, signIn, STAFF, startHarness } from '../e2e/harness';
import { at, type ShiftResult } from './shift';

export type BrowserShiftResult = Omit<ShiftResult, 'heapAt50' | 'heapAtEnd'> & {
  /** The renderer's JS heap (bytes, after a GC) after the first 50 sales and at the end. */
  rendererHeapAt50: number;
  rendererHeapAtEnd: number;
  minutes: number;
};

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const WAIT = { timeout: 30_000 };

export async function shiftInChromium(sales: number): Promise<BrowserShiftResult> {
  const started = Date.now();
  const h = await startHarness(true);
  // Each bridge call's time in main, added up per sale (the customer's and the cashier's time is not the app's).
  let appMs = 0;
  const dispatch = h.core.dispatch.bind(h.core);
  h.core.dispatch = async (...args: Parameters<typeof dispatch>) => {
    const t = performance.now();
    try {
      return await dispatch(...args);
    } finally {
      appMs += performance.now() - t;
    }
  };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openApp(h, context, page);
    await signIn(page, STAFF.manager);
    await page.getByTestId('amount').waitFor(WAIT);
    await pair(page);
    const cdp = await context.newCDPSession(page);
    const rendererHeap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const rss = () => {
      gc();
      gc();
      return process.memoryUsage().rss;
    };
    const times: number[] = [];
    let at50 = { heap: 0, rss: 0 };
    for (let i = 0; i < sales; i++) {
      const cents = 100 + ((i * 7919) % 9_000);
      appMs = 0;
      const kind = i % 4;
      if (kind === 0) await onTerminal(page, cents);
      else if (kind === 1) await keyed(page, cents);
      else if (kind === 2) {
        await cash(page, cents);
        if (i % 20 === 2) await cashRefund(page);
      } else await split(page, cents);
      times.push(appMs);
      // The harness keeps every answer and page body for the journeys' assertions: not the app's memory.
      h.bridgeAnswers.length = 0;
      h.bridgeCalls.length = 0;
      h.loadedBodies.length = 0;
      h.loadedUrls.length = 0;
      h.printed.length = 0;
      if (i === 49) at50 = { heap: await rendererHeap(), rss: rss() };
    }
    const end = { heap: await rendererHeap(), rss: rss() };
    // The first and the last 100 sales (main's shift, many more sales, compares 200).
    const n = Math.min(100, Math.floor(sales / 2));
    return {
      sales,
      rendererHeapAt50: at50.heap,
      rendererHeapAtEnd: end.heap,
      rssAt50: at50.rss,
      rssAtEnd: end.rss,
      first: { median: at(times.slice(0, n), 0.5), p95: at(times.slice(0, n), 0.95) },
      last: { median: at(times.slice(-n), 0.5), p95: at(times.slice(-n), 0.95) },
      minutes: (Date.now() - started) / 60_000,
    };
  } finally {
    await browser.close();
    await h.close();
  }
}

const terminalFrame = (page: Page) => page.frameLocator('[data-testid=training-terminal]');

async function pair(page: Page) {
  await page.getByTestId('tab-helcim').click();
  await page.getByTestId('terminal-code').fill('TRN1');
  await page.getByTestId('terminal-pair').click();
  await expect(page.getByTestId('terminal-paired')).toContainText('terminal TRN1', WAIT);
  await page.getByTestId('tab-sale').click();
  await page.getByTestId('amount').waitFor(WAIT);
}

async function typeAmount(page: Page, cents: number) {
  await page.getByTestId('amount').waitFor(WAIT);
  await page.keyboard.type(String(cents));
}

async function approvedThenNext(page: Page) {
  await expect(page.getByTestId('result')).toHaveAttribute('data-outcome', 'approved', WAIT);
  await page.getByTestId('new-sale').click();
}

async function customerTaps(page: Page) {
  await expect(terminalFrame(page).getByTestId('terminal-due')).toBeVisible(WAIT);
  await terminalFrame(page).getByTestId('terminal-tap').click();
}

async function onTerminal(page: Page, cents: number) {
  await typeAmount(page, cents);
  await page.getByTestId('charge-terminal').click();
  await customerTaps(page);
  await approvedThenNext(page);
}

async function keyed(page: Page, cents: number) {
  await typeAmount(page, cents);
  await page.getByTestId('charge').click();
  await enterCard(page, { number: '4124939999999990' });
  await helcimFrame(page).locator('#submit').click();
  await approvedThenNext(page);
}

async function cash(page: Page, cents: number) {
  await typeAmount(page, cents);
  await page.getByTestId('cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await approvedThenNext(page);
}

/** $1.00 of the last cash sale handed back, from History, with a manager's PIN. */
async function cashRefund(page: Page) {
  await page.getByTestId('tab-history').click();
  await page.getByTestId('h-cash-refund').first().click(WAIT);
  await page.getByTestId('cash-refund-amount').fill('1.00');
  await page.getByTestId('ret-manager').selectOption({ label: STAFF.manager.name });
  await page.getByTestId('ret-pin').fill(STAFF.manager.pin);
  await page.getByTestId('cash-refund-submit').click();
  await expect(page.getByTestId('cash-refund-result')).toContainText('Hand back $1.00 in cash', WAIT);
  await page.getByTestId('cash-refund-done').click();
  await page.getByTestId('h-cash-refund').first().waitFor(WAIT);
  await page.getByTestId('tab-sale').click();
}

async function split(page: Page, cents: number) {
  const part = Math.floor(cents / 2);
  await typeAmount(page, cents);
  await page.getByTestId('split').click();
  await page.getByTestId('tender-part').fill((part / 100).toFixed(2));
  await page.getByTestId('tender-terminal').click();
  await customerTaps(page);
  await expect(page.getByTestId('tender-list')).toContainText('Visa', WAIT);
  await page.getByTestId('tender-cash').click();
  await page.getByTestId('cash-exact').click();
  await page.getByTestId('cash-record').click();
  await approvedThenNext(page);
}

// Run alone: node --expose-gc --import tsx test/bench/shift-chromium.ts [sales]
if (require.main === module) {
  void shiftInChromium(Number(process.argv[2] ?? 20)).then((r) => console.log(JSON.stringify(r, null, 2)));
}
