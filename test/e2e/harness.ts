/**
 * The Chromium harness: the built renderer served over HTTP under the same CSP as app://, the REAL
 * preload (built with an `electron` stand-in) injected into the top frame, and its ipcRenderer
 * bound to the REAL dispatcher + router + services in this test process, talking to the real
 * simulator over HTTP. Everything but Electron's own IPC is the production code.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import keytar from 'keytar';
import { test as base, expect as baseExpect, type Browser, type Page, type BrowserContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {
  allowlistFromManifest,
  counterPage,
  MANIFEST_PATH,
  resolveStatic,
  type Site,
  type SiteManifest,
  type SiteOrigins,
} from '../../main/electron/static-site';
import { createKeytarVault } from '../../main/vault/vault';
import { createTestCore, removeKeychainEntries, type TestCore } from '../support/core';
import type { OutputPort } from '../../main/reports/output';
import { startSimulator, type Simulator } from '../../main/simulator/server';
import { routeHttpsRequest } from '../../main/https-routes';
import { HELCIM_PAY_SCRIPT } from '../../main/helcim/gateway';

const ROOT = path.resolve(__dirname, '../..');
const RENDERER = path.join(ROOT, 'dist/renderer');
const PRELOAD = readFileSync(path.join(ROOT, 'dist/test/preload-harness.js'), 'utf8');
const CUSTOMER_PRELOAD = readFileSync(path.join(ROOT, 'dist/test/preload-customer-harness.js'), 'utf8');
export const WINDOW_ID = 1;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export type Harness = {
  core: TestCore;
  /** The stand-in for live Helcim, when the test asked for one. */
  liveHelcim: Simulator | null;
  /** Every line main logged. */
  logs: string[];
  /** HTML of every document sent to the printer. */
  printed: string[];
  setPdfPage(f: () => Promise<Page>): void;
  vaultService: string;
  staff: Awaited<ReturnType<typeof seedStaff>> | null;
  appOrigin: string;
  /** The checkout host's https origin (settings `checkout.host`). */
  readonly checkoutOrigin: string;
  /** A built renderer file for a site, with its CSP (what main's protocol handler answers), or null (404). */
  serveSite(site: Site, pathname: string): { status: number; headers: Record<string, string>; body: Buffer } | null;
  /** Every answer the renderer received over the bridge, as JSON text. */
  bridgeAnswers: string[];
  /** Every operation the renderer asked main for, in order (its channel name). */
  bridgeCalls: string[];
  /** Every response body the page loaded (app, checkout host, simulator pages and scripts). */
  loadedBodies: string[];
  /** The address of every response the page loaded, frames included. */
  loadedUrls: string[];
  dir: string;
  close(): Promise<void>;
};

/** The shop the journeys run in: one cashier, two managers (PINs known to the tests only). */
export const STAFF = {
  cashier: { name: 'Casey', pin: '2468' },
  manager: { name: 'Morgan', pin: '135790' },
  manager2: { name: 'Riley', pin: '864209' },
} as const;

async function seedStaff(core: TestCore) {
  const cashier = await core.staffStore.create(STAFF.cashier.name, 'cashier', STAFF.cashier.pin);
  const manager = await core.staffStore.create(STAFF.manager.name, 'manager', STAFF.manager.pin);
  const manager2 = await core.staffStore.create(STAFF.manager2.name, 'manager', STAFF.manager2.pin);
  return { cashier, manager, manager2 };
}

export async function startHarness(seed = true, withLiveHelcim = false): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-e2e-'));
  // "Live Helcim" for the wizard journeys: a second simulator standing in for api.helcim.com.
  const liveHelcim = withLiveHelcim ? await startSimulator() : null;
  const logs: string[] = [];
  // Receipts and reports: printing is recorded (no printer here); PDFs are rendered by Chromium for real.
  const printed: string[] = [];
  let pdfPage: (() => Promise<Page>) | null = null;
  const output: OutputPort = {
    async print(html) {
      printed.push(html);
      return true;
    },
    async savePdf(html, name) {
      const page = await pdfPage!();
      await page.setContent(html);
      const file = path.join(dir, name);
      await page.pdf({ path: file, format: 'A4' });
      await page.close();
      return file;
    },
    async saveText(text, name) {
      const file = path.join(dir, name);
      writeFileSync(file, text, 'utf8');
      return file;
    },
  };
  let origins: (() => SiteOrigins) | null = null;
  const manifest = JSON.parse(readFileSync(path.join(RENDERER, MANIFEST_PATH), 'utf8')) as SiteManifest;
  const allow = allowlistFromManifest(manifest);
  // The counter app itself on plain HTTP (the stand-in for app://counter); the checkout host is
  // served on its https name by the page's own route (openApp), as main's session interception does.
  const app = await listen((req, res) => {
    const hit =
      origins && resolveStatic(RENDERER, 'app', new URL(req.url ?? '/', 'http://x').pathname, origins(), allow);
    if (!hit) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': hit.type, 'content-security-policy': hit.csp, 'cache-control': 'no-store' });
    // As main's app:// handler serves it (protocol.ts): the counter's page with the shop's words preloaded.
    res.end(
      hit.counterPage
        ? counterPage(readFileSync(hit.file), manifest, core.shopLanguage(), core.firstScreen())
        : readFileSync(hit.file),
    );
  });
  // A real keychain entry namespace of its own, left empty: the app must open in training mode.
  const vaultService = `Counter POS e2e ${randomUUID()}`;
  const vault = createKeytarVault(keytar, vaultService);
  const core = await createTestCore({
    appOrigin: app.origin,
    journalFile: path.join(dir, 'journal.sqlite'),
    vault,
    // Live: Helcim's real script address, which the page's route forwards to the stand-in.
    live: liveHelcim ? { apiBase: liveHelcim.baseUrl } : undefined,
    output,
    shopName: 'Corner Store',
    log: (line) => logs.push(line),
  });
  origins = () => ({ appOrigin: app.origin, checkoutOrigin: core.checkoutOrigin(), helcimOrigin: core.helcimOrigin() });
  const staff = seed ? await seedStaff(core) : null;
  return {
    liveHelcim,
    logs,
    printed,
    setPdfPage: (f: () => Promise<Page>) => (pdfPage = f),
    vaultService,
    staff,
    core,
    appOrigin: app.origin,
    get checkoutOrigin() {
      return core.checkoutOrigin();
    },
    serveSite: (site: Site, pathname: string) => {
      const hit = origins && resolveStatic(RENDERER, site, pathname, origins(), allow);
      return hit
        ? {
            status: 200,
            headers: { 'content-type': hit.type, 'content-security-policy': hit.csp },
            body: readFileSync(hit.file),
          }
        : null;
    },
    bridgeAnswers: [],
    bridgeCalls: [],
    loadedBodies: [],
    loadedUrls: [],
    dir,
    async close() {
      app.server.closeAllConnections();
      app.server.close();
      await core.close();
      await liveHelcim?.close();
      await removeKeychainEntries(vaultService, core.databaseId);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The stand-in for main's https interception in the counter session (main/electron/protocol.ts):
 * the same routeHttpsRequest decides; the checkout host name is answered from the built renderer,
 * the training simulator's https name forwarded to it. Helcim's own address goes to the "live"
 * stand-in when the test has one. Anything else is refused: there is no internet here.
 */
async function routeHttpsLikeMain(h: Harness, context: BrowserContext): Promise<void> {
  await context.route(
    (url) => url.protocol === 'https:',
    async (route) => {
      const url = route.request().url();
      const r = routeHttpsRequest(url, h.core.httpsRoutes());
      if (r.kind === 'checkout') {
        const hit = h.serveSite('checkout', r.pathname);
        return hit ? route.fulfill(hit) : route.fulfill({ status: 404, body: 'Not found' });
      }
      const live =
        h.liveHelcim && new URL(url).origin === new URL(HELCIM_PAY_SCRIPT).origin
          ? h.liveHelcim.origin + new URL(url).pathname
          : null;
      const target = r.kind === 'training' ? r.url : live;
      if (!target) return route.abort('internetdisconnected');
      // Playwright may reuse a pooled keep-alive socket the stand-in has just closed (a port reused after
      // another test's simulator closed): that fails before the request is sent, so it is sent once more.
      const fetched = await route.fetch({ url: target }).catch((err: unknown) => {
        if (err instanceof Error && /ECONNRESET|socket hang up/.test(err.message)) return route.fetch({ url: target });
        throw err;
      });
      return route.fulfill({ response: fetched });
    },
  );
}

/** Opens the counter app in `page`, bridged to the harness's core. */
export async function openApp(h: Harness, context: BrowserContext, page: Page): Promise<void> {
  h.setPdfPage(() => context.newPage());
  await context.exposeBinding('__posIpc', async (source, channel: string, payload: unknown) => {
    h.bridgeCalls.push(channel);
    const answer = await h.core.dispatch(channel, payload, {
      windowId: WINDOW_ID,
      frameUrl: source.frame.url(),
      isMainFrame: source.frame === source.page.mainFrame(),
    });
    h.bridgeAnswers.push(JSON.stringify(answer));
    return answer;
  });
  await routeHttpsLikeMain(h, context);
  // Electron runs the preload in the top frame only (nodeIntegrationInSubFrames is off).
  await context.addInitScript({
    content: `if (window === window.top && location.origin === ${JSON.stringify(h.appOrigin)}) {\n${PRELOAD}\n}`,
  });
  page.on('response', async (res) => {
    h.loadedUrls.push(res.url());
    try {
      h.loadedBodies.push(await res.text());
    } catch {
      /* redirects and aborted loads have no body */
    }
  });
  await page.goto(`${h.appOrigin}/index.html`);
  await page.getByTestId('status-bar').waitFor();
}

/**
 * The customer display, as its own window: a browser context of its own (nothing of the counter's
 * bridge in it), the REAL customer preload built against a stand-in that fetches main's view through
 * one binding, and the built customer page from the counter's origin.
 */
export async function openCustomerDisplay(
  h: Harness,
  browser: Browser,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 600 } });
  await context.exposeBinding('__customerView', async () => h.core.customerView());
  await context.addInitScript({ content: `if (location.pathname === '/customer.html') {\n${CUSTOMER_PRELOAD}\n}` });
  const page = await context.newPage();
  await page.goto(`${h.appOrigin}/customer.html`);
  await page.getByTestId('customer-display').waitFor();
  return { page, close: () => context.close() };
}

/** Signs in through the sign-in screen, as staff do. */
export async function signIn(page: Page, who: { name: string; pin: string }): Promise<void> {
  await page.getByTestId(`staff-${who.name}`).click();
  await page.getByTestId('pin').fill(who.pin);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('tab-sale').waitFor();
}

/**
 * Real key presses (trusted, as a keyboard or a wedge scanner sends them), stamped `gapMs` apart
 * through Chrome's own input stamping: the page sees exactly those gaps however busy this machine is,
 * so "5 ms apart" (a scanner) and "120 ms apart" (a person) are what the page measures.
 */
export async function pressStamped(page: Page, keys: string[], gapMs: number, aheadMs = 250) {
  const cdp = await page.context().newCDPSession(page);
  // The keys `gapMs` apart, the last stamped `aheadMs` from now. Each CDP key event waits for the page
  // to take the one before, so on a loaded machine they can arrive further apart than they were
  // stamped — unlike a scanner's, which the OS queues at once. Stamped a little ahead, the page
  // judges them by their stamps (the Sale screen waits while a key's stamp is still ahead of its
  // clock), as it would a scanner's. The bench stamps the last key now (aheadMs 0): it times from it.
  const start = (Date.now() + aheadMs - (keys.length - 1) * gapMs) / 1000;
  const sent = keys.flatMap((key, i) => {
    const enter = key === 'Enter';
    const common = {
      key,
      code: enter ? 'Enter' : `Digit${key}`,
      windowsVirtualKeyCode: enter ? 13 : key.charCodeAt(0),
      timestamp: start + (i * gapMs) / 1000,
    };
    return [
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: enter ? '\r' : key, ...common }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common, timestamp: common.timestamp + 0.001 }),
    ];
  });
  await Promise.all(sent);
  await cdp.detach();
}
/** Helcim's card iframe, inside the checkout host, inside the app. */
export const helcimFrame = (page: Page) =>
  page.frameLocator('[data-testid=checkout-frame]').frameLocator('#helcimPayIframe');

/** Types a test card into Helcim's card entry (test cards: main/simulator/cards.ts). */
export async function enterCard(
  page: Page,
  card: { number: string; expiry?: string; cvv?: string; name?: string },
  submit = false,
) {
  const f = helcimFrame(page);
  await f.locator('#cardNumber').fill(card.number);
  await f.locator('#cardExpiry').fill(card.expiry ?? '01/28');
  await f.locator('#cardCVV').fill(card.cvv ?? '100');
  await f.locator('#cardHolderName').fill(card.name ?? 'Test Customer');
  if (submit) await f.locator('#submit').click();
}

/**
 * Presses Tab until the control named `target` has the focus, as a keyboard user would: its test id,
 * its id, or its accessible label (a button that only shows − or +).
 */
export async function tabTo(page: Page, target: string, max = 40): Promise<void> {
  // A screen opened a moment ago may still be on its way (fetched when first opened): a person waits
  // for it to appear before tabbing through it.
  await page.getByTestId('screen-loading').waitFor({ state: 'detached' });
  for (let i = 0; i < max; i++) {
    const here = await page.evaluate(() => {
      const e = document.activeElement;
      return e ? [e.getAttribute('data-testid'), e.id, e.getAttribute('aria-label')] : [];
    });
    if (here.includes(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

export const SCREENS = path.join(ROOT, 'test-results/screens');
/**
 * Every screen a journey shows: a screenshot (named after the viewport, so the 1024×768 run keeps
 * its own), and an axe-core check with no serious or critical violation — in the app and in the
 * frames it shows.
 */
export async function shot(page: Page, name: string): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  const suffix = width === 1100 ? '' : `-${width}x${height}`;
  await page.screenshot({ path: path.join(SCREENS, `${name}${suffix}.png`) });
  await checkAccessibility(page, name);
}

export async function checkAccessibility(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  baseExpect(bad, `accessibility on "${where}"`).toEqual([]);
}

/**
 * One harness per test: its own simulator, database and keychain namespace. `signedInAs` signs in
 * through the UI first (default: the cashier); `seed: false` starts a shop on its first run.
 */
export const test = base.extend<{
  h: Harness;
  signedInAs: { name: string; pin: string } | null;
  seed: boolean;
  liveHelcim: boolean;
}>({
  signedInAs: [STAFF.cashier, { option: true }],
  seed: [true, { option: true }],
  liveHelcim: [false, { option: true }],
  h: async ({ context, page, signedInAs, seed, liveHelcim }, use) => {
    const h = await startHarness(seed, liveHelcim);
    await openApp(h, context, page);
    if (seed && signedInAs) {
      await signIn(page, signedInAs);
      await page.getByTestId('amount').waitFor(); // the counter screen is up and listening for keys
    }
    await use(h);
    await h.close();
  },
});
export { expect } from '@playwright/test';
