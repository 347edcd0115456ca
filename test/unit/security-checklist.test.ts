/**
 * Electron's security checklist (electronjs.org/docs/latest/tutorial/security), all 20 items.
 * Each is checked here as far as it can be without the Electron binary: statically over our
 * sources, or by driving our Electron-facing functions with stand-ins for Electron's objects.
 * Behaviour that needs the real binary is checked again in test/electron/ (skipped where absent),
 * and fuses on the packaged artifact in test/electron/fuses.spec.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Session, WebContents } from 'electron';
import { lockNavigation, lockSession, secureWebPreferences } from '../../main/electron/security';
import { appCsp, checkoutHostCsp } from '../../main/electron/static-site';
import { HELCIM_API_BASE, HELCIM_PAY_SCRIPT } from '../../main/helcim/gateway';
import { isAppSender } from '../../main/ipc/dispatch';

const ROOT = path.resolve(__dirname, '../..');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const sources = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(path.join(ROOT, f)).isFile());
const allSources = [...sources('main'), ...sources('common'), ...sources('preload'), ...sources('renderer/src')];
const grep = (re: RegExp, files = allSources) => files.filter((f) => re.test(read(f)));
const prefs = secureWebPreferences('/app/preload.js');
const origins = {
  appOrigin: 'app://counter',
  checkoutOrigin: 'https://checkout.counter-pos.invalid',
  helcimOrigin: 'https://secure.helcim.app',
};

/** A stand-in WebContents that records what lockNavigation registers. */
function fakeWebContents() {
  const wc = new EventEmitter() as EventEmitter & {
    openHandler?: () => unknown;
    setWindowOpenHandler: (h: () => unknown) => void;
  };
  wc.setWindowOpenHandler = (h) => (wc.openHandler = h);
  lockNavigation(wc as unknown as WebContents, 'app://counter');
  const fire = (event: string, ...args: unknown[]) => {
    let prevented = false;
    wc.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  };
  /** As Electron emits will-redirect: the details event carries url and isMainFrame (the old arguments follow). */
  const redirect = (url: string, isMainFrame: boolean) => {
    let prevented = false;
    wc.emit('will-redirect', { url, isMainFrame, preventDefault: () => (prevented = true) }, url, false, isMainFrame);
    return prevented;
  };
  return { wc, fire, redirect };
}

test('01 only secure content: the app loads from app://, Helcim only over https', () => {
  assert.match(read('main/index.ts'), /loadURL\(`\$\{APP_ORIGIN\}\/index\.html`\)/);
  assert.ok(HELCIM_API_BASE.startsWith('https://') && HELCIM_PAY_SCRIPT.startsWith('https://'));
  assert.deepEqual(grep(/loadURL\(['"`]http:/), []);
});

test('02 no Node.js integration for any content', () => {
  assert.deepEqual(
    [prefs.nodeIntegration, prefs.nodeIntegrationInSubFrames, prefs.nodeIntegrationInWorker],
    [false, false, false],
  );
  assert.deepEqual(grep(/nodeIntegration\w*:\s*true/), []);
});

test('03 context isolation on', () => {
  assert.equal(prefs.contextIsolation, true);
  assert.deepEqual(grep(/contextIsolation:\s*false/), []);
});

test('04 process sandboxing on, for every renderer', () => {
  assert.equal(prefs.sandbox, true);
  assert.match(read('main/index.ts'), /app\.enableSandbox\(\)/);
  // A sandboxed preload may only require('electron'): it must be one bundled file.
  assert.match(read('scripts/build.mjs'), /preload\/index\.ts.*external: \['electron'\]/s);
});

test('05 permission requests denied by default (Electron grants them unless a handler says no)', () => {
  const handlers: Record<string, (...a: unknown[]) => unknown> = {};
  const session = {
    setPermissionRequestHandler: (h: (...a: unknown[]) => unknown) => (handlers.request = h),
    setPermissionCheckHandler: (h: (...a: unknown[]) => unknown) => (handlers.check = h),
    setDevicePermissionHandler: (h: (...a: unknown[]) => unknown) => (handlers.device = h),
    on: (_e: string, h: (...a: unknown[]) => unknown) => (handlers.download = h),
  };
  lockSession(session as unknown as Session);
  for (const permission of [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'hid',
    'serial',
  ]) {
    let granted: boolean | undefined;
    handlers.request!({}, permission, (ok: boolean) => (granted = ok));
    assert.equal(granted, false, permission);
    assert.equal(handlers.check!({}, permission), false);
  }
  assert.equal(handlers.device!({}), false);
  let prevented = false;
  handlers.download!({ preventDefault: () => (prevented = true) });
  assert.equal(prevented, true);
});

test('06 webSecurity never disabled', () => {
  assert.equal(prefs.webSecurity, true);
  assert.deepEqual(grep(/webSecurity:\s*false/), []);
});

test('07 a Content-Security-Policy on every page, no inline or eval script', () => {
  for (const csp of [appCsp(origins), checkoutHostCsp(origins)]) {
    assert.match(csp, /default-src 'none'/);
    const scripts = /script-src ([^;]*)/.exec(csp)![1]!;
    assert.doesNotMatch(scripts, /'unsafe-inline'|'unsafe-eval'|\*/);
    assert.doesNotMatch(csp, /'unsafe-eval'|\*/);
  }
  assert.doesNotMatch(appCsp(origins), /'unsafe-inline'/, 'the app itself allows no inline anything');
  assert.match(read('main/electron/protocol.ts'), /'content-security-policy': hit\.csp/);
});

test('08 allowRunningInsecureContent off', () => {
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.deepEqual(grep(/allowRunningInsecureContent:\s*true/), []);
});

test('09 experimental features off', () => {
  assert.equal(prefs.experimentalFeatures, false);
  assert.deepEqual(grep(/experimentalFeatures:\s*true/), []);
});

test('10 no enableBlinkFeatures', () => {
  assert.equal(prefs.enableBlinkFeatures, undefined);
  assert.deepEqual(grep(/enableBlinkFeatures:\s*['"`]/), []);
});

test('11 no <webview> (so no allowpopups)', () => {
  assert.equal(prefs.webviewTag, false);
  assert.deepEqual(grep(/<webview|allowpopups/), []);
});

test('12 webview attachment refused outright', () => {
  const { fire } = fakeWebContents();
  assert.equal(fire('will-attach-webview', {}, {}), true);
});

test('13 navigation limited to the app itself', () => {
  const { fire, redirect } = fakeWebContents();
  assert.equal(fire('will-navigate', 'https://evil.example/'), true);
  assert.equal(fire('will-navigate', 'file:///etc/passwd'), true);
  assert.equal(fire('will-navigate', 'https://checkout.counter-pos.invalid/host.html'), true);
  assert.equal(redirect('https://evil.example/', true), true, 'the top frame cannot be redirected away');
  assert.equal(fire('will-navigate', 'app://counter/index.html'), false);
});

test('13b Helcim’s frame may redirect inside itself (3-D Secure); the top frame may not', () => {
  const { redirect } = fakeWebContents();
  assert.equal(
    redirect('https://acs.issuer-bank.example/3ds/challenge', false),
    false,
    'a subframe redirect is Helcim’s business',
  );
  assert.equal(redirect('https://acs.issuer-bank.example/3ds/challenge', true), true);
  assert.equal(redirect('app://counter/index.html', true), false);
});

test('14 new windows denied', () => {
  const { wc } = fakeWebContents();
  assert.deepEqual(wc.openHandler!(), { action: 'deny' });
});

test('15 shell.openExternal never used', () => {
  assert.deepEqual(grep(/openExternal|shell\./), []);
});

test('16 a supported Electron major, pinned deliberately', () => {
  const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> };
  const major = Number(/(\d+)/.exec(pkg.devDependencies.electron!)![1]);
  assert.ok(major >= 40, `electron ${pkg.devDependencies.electron}`);
  assert.match(read('README.md'), /Electron is pinned to 40\.x/);
});

test('17 the sender of every IPC message is validated', () => {
  assert.equal(
    isAppSender({ windowId: 1, frameUrl: 'app://counter/index.html', isMainFrame: true }, 'app://counter'),
    true,
  );
  assert.equal(
    isAppSender({ windowId: 1, frameUrl: 'app://counter/index.html', isMainFrame: false }, 'app://counter'),
    false,
  );
  assert.equal(
    isAppSender(
      { windowId: 1, frameUrl: 'https://checkout.counter-pos.invalid/host.html', isMainFrame: true },
      'app://counter',
    ),
    false,
  );
  assert.match(read('main/electron/ipc.ts'), /frameUrl: e\.senderFrame\?\.url/);
  assert.deepEqual(grep(/ipcMain\.on\(/), [], 'only invoke/handle, each through the dispatcher');
});

test('18 a custom protocol, never file://', () => {
  assert.deepEqual(grep(/loadFile\(|loadURL\(['"`]file:/), []);
  assert.match(read('main/electron/protocol.ts'), /scheme: 'app', privileges: \{ standard: true, secure: true/);
});

test('19 fuses set for the packaged app', () => {
  const yml = read('electron-builder.yml');
  for (const [fuse, value] of [
    ['runAsNode', 'false'],
    ['enableCookieEncryption', 'true'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
  ])
    assert.match(yml, new RegExp(`^\\s+${fuse}: ${value}$`, 'm'), fuse);
});

test('20 no Electron API exposed to the page: preload exposes window.pos only', () => {
  const preload = read('preload/index.ts');
  assert.equal(preload.match(/exposeInMainWorld\(/g)?.length, 1);
  assert.match(preload, /exposeInMainWorld\(\s*'pos',\s*buildPosApi\(/);
  assert.deepEqual(grep(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/), []);
  assert.deepEqual(grep(/from ['"](electron|keytar|node:|fs|child_process)/, sources('renderer/src')), []);
  assert.doesNotMatch(read('preload/bridge.ts'), /ipcRenderer|require\(/);
});
