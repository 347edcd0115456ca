/** Electron security settings and CSPs, checked as data (the Electron suite checks behaviour). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secureWebPreferences } from '../../main/electron/security';
import { allowedHelcimScript, postableOrigin } from '../../renderer/src/checkout-origins';
import {
  allowlistFromManifest,
  appCsp,
  checkoutHostCsp,
  counterPage,
  resolveStatic,
} from '../../main/electron/static-site';
import { originOf } from '../../main/url';

test('webPreferences set isolation, sandbox and no Node explicitly', () => {
  const p = secureWebPreferences('/x/preload.js');
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.nodeIntegrationInSubFrames, false);
  assert.equal(p.nodeIntegrationInWorker, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.allowRunningInsecureContent, false);
  assert.equal(p.webviewTag, false);
  assert.equal(p.preload, '/x/preload.js');
});

const origins = {
  appOrigin: 'app://counter',
  checkoutOrigin: 'https://checkout.counter-pos.invalid',
  helcimOrigin: 'https://secure.helcim.app',
};

test('the app CSP allows only its own scripts, no inline script, and frames only the checkout host', () => {
  const csp = appCsp(origins);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(
    csp,
    /frame-src https:\/\/checkout\.counter-pos\.invalid https:\/\/helcim-training\.counter-pos\.invalid(;|$)/,
  );
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /default-src 'none'/);
});

test('the checkout host may load Helcim’s script and frame, and be framed only by the app', () => {
  const csp = checkoutHostCsp(origins);
  assert.match(csp, /script-src 'self' https:\/\/secure\.helcim\.app(;|$)/);
  assert.match(csp, /frame-src https:\/\/secure\.helcim\.app(;|$)/);
  assert.match(csp, /frame-ancestors app:\/\/counter(;|$)/);
  assert.doesNotMatch(/script-src [^;]*/.exec(csp)![0], /unsafe-inline|unsafe-eval/);
});

// A build manifest as Vite writes it: two pages sharing one chunk.
const MANIFEST = {
  'index.html': {
    file: 'assets/index-AbC1.js',
    css: ['assets/index-Zz9.css'],
    imports: ['_shared-Q1.js'],
    // A screen and a language fetched when first needed (issue 31).
    dynamicImports: ['src/Later.tsx'],
  },
  'src/Later.tsx': { file: 'assets/Later-Lz3.js', imports: ['_shared-Q1.js'] },
  'checkout-host.html': { file: 'assets/checkout-host-Xy2.js', imports: ['_shared-Q1.js'] },
  '_shared-Q1.js': { file: 'assets/shared-Q1.js' },
};
const allow = allowlistFromManifest(MANIFEST);
const serve = (site: 'app' | 'checkout', p: string) =>
  resolveStatic('/srv/renderer', site, p, origins, allow)?.file ?? null;

test('static files: each site serves only its own page and that page’s files, from the build manifest', () => {
  assert.equal(serve('app', '/'), '/srv/renderer/index.html');
  assert.equal(serve('app', '/index.html'), '/srv/renderer/index.html');
  assert.equal(serve('app', '/assets/index-AbC1.js'), '/srv/renderer/assets/index-AbC1.js');
  assert.equal(serve('app', '/assets/index-Zz9.css'), '/srv/renderer/assets/index-Zz9.css');
  assert.equal(serve('app', '/assets/shared-Q1.js'), '/srv/renderer/assets/shared-Q1.js');
  assert.equal(
    serve('app', '/assets/Later-Lz3.js'),
    '/srv/renderer/assets/Later-Lz3.js',
    'fetched later, still its own',
  );
  assert.equal(serve('checkout', '/assets/Later-Lz3.js'), null, 'the app’s later files are not the checkout’s');
  assert.equal(serve('checkout', '/host.html'), '/srv/renderer/checkout-host.html');
  assert.equal(serve('checkout', '/assets/checkout-host-Xy2.js'), '/srv/renderer/assets/checkout-host-Xy2.js');
  // Not its own: the counter bundle on the checkout origin, the checkout host on the counter's.
  assert.equal(serve('checkout', '/assets/index-AbC1.js'), null);
  assert.equal(serve('checkout', '/index.html'), null);
  assert.equal(serve('checkout', '/checkout-host.html'), null, 'one name only');
  assert.equal(serve('app', '/checkout-host.html'), null);
  assert.equal(serve('app', '/assets/checkout-host-Xy2.js'), null);
  // Unknown files are 404, not 200.
  assert.equal(serve('app', '/assets/other.js'), null);
  assert.equal(serve('app', '/site-manifest.json'), null);
  assert.equal(serve('app', '/secrets.sqlite'), null);
});

test('the counter’s page is served with the shop’s language preloaded beside its script; no other file is changed', () => {
  const page = (p: string) => resolveStatic('/srv/renderer', 'app', p, origins, allow)?.counterPage;
  assert.deepEqual([page('/'), page('/index.html')], [true, true]);
  assert.deepEqual([page('/assets/index-AbC1.js'), page('/customer.html')], [false, false]);
  assert.equal(resolveStatic('/srv/renderer', 'checkout', '/host.html', origins, allow)?.counterPage, false);

  const manifest = {
    ...MANIFEST,
    '_en-CA-E1.js': { file: 'assets/en-CA-E1.js', name: 'en-CA' },
    '_fr-CA-F1.js': { file: 'assets/fr-CA-F1.js', name: 'fr-CA' },
    '_fr-CA-F1.css': { file: 'assets/fr-CA-F1.css', name: 'fr-CA' },
  };
  // As built since issue 31: the language's own chunk imports its words and FormatJS's chunk.
  const split = {
    ...manifest,
    'src/base/languages/fr-CA.ts': {
      file: 'assets/fr-CA-L1.js',
      name: 'fr-CA',
      isDynamicEntry: true,
      imports: ['_fr-CA-F1.js', '_translator-T1.js'],
    },
    '_translator-T1.js': { file: 'assets/translator-T1.js', name: 'translator' },
  };
  const html = Buffer.from(
    '<html><head><script type="module" src="./assets/index-AbC1.js"></script></head><body></body></html>',
  );
  assert.equal(
    counterPage(html, manifest, 'fr-CA').toString(),
    '<html><head><script type="module" src="./assets/index-AbC1.js"></script><link rel="modulepreload" crossorigin href="./assets/fr-CA-F1.js">\n  </head><body></body></html>',
  );
  assert.equal(
    counterPage(html, split, 'fr-CA').toString(),
    '<html><head><script type="module" src="./assets/index-AbC1.js"></script>' +
      '<link rel="modulepreload" crossorigin href="./assets/fr-CA-F1.js">\n  ' +
      '<link rel="modulepreload" crossorigin href="./assets/fr-CA-L1.js">\n  ' +
      '<link rel="modulepreload" crossorigin href="./assets/translator-T1.js">\n  </head><body></body></html>',
    'each file once, with what the language chunk imports',
  );
  assert.doesNotMatch(counterPage(html, split, 'en-CA').toString(), /translator|fr-CA/);
  assert.match(counterPage(html, manifest, 'en-CA').toString(), /href="\.\/assets\/en-CA-E1\.js"/);
  assert.doesNotMatch(counterPage(html, manifest, 'en-CA').toString(), /fr-CA/);
  assert.equal(
    counterPage(html, manifest, 'de-DE'),
    html,
    'a language the build has no catalog for: the page as built',
  );
  const headless = Buffer.from('<html><body></body></html>');
  assert.equal(counterPage(headless, manifest, 'fr-CA'), headless, 'no head to add it to: the page as built');
});

test('static files: encoded slashes, backslashes, NUL and bad escapes are refused before decoding, never thrown', () => {
  const tries = [
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets%2F..%2Fcheckout-host.html',
    '/assets%2f..%2fcheckout-host.html',
    '/%2Fcheckout-host.html',
    '/assets%5C..%5Ccheckout-host.html',
    '/assets\\..\\checkout-host.html',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/%',
  ];
  for (const p of tries) {
    assert.doesNotThrow(() => serve('app', p), p);
    assert.equal(serve('app', p), null, p);
  }
});

test('originOf understands app:// (Node’s URL says "null" for it)', () => {
  assert.equal(originOf('app://counter/index.html'), 'app://counter');
  assert.equal(originOf('http://127.0.0.1:5173/x'), 'http://127.0.0.1:5173');
  assert.equal(originOf('file:///etc/passwd'), null);
  assert.equal(originOf('garbage'), null);
  assert.equal(originOf(undefined), null);
});

test('checkout host: only Helcim’s start.js or the training simulator’s https one; only real parent origins', () => {
  assert.equal(allowedHelcimScript('https://secure.helcim.app/helcim-pay/services/start.js'), true);
  assert.equal(allowedHelcimScript('https://helcim-training.counter-pos.invalid/helcim-pay/start.js'), true);
  for (const bad of [
    // The simulator straight on the loopback address: Chromium would block it from an https page anyway.
    'http://127.0.0.1:41234/helcim-pay/start.js',
    'http://helcim-training.counter-pos.invalid/helcim-pay/start.js',
    'https://helcim-training.counter-pos.invalid:8443/helcim-pay/start.js',
    'https://evil.example/helcim-pay/services/start.js',
    'http://secure.helcim.app/helcim-pay/services/start.js',
    'https://secure.helcim.app.evil.example/helcim-pay/services/start.js',
    'https://secure.helcim.app/other.js',
    'http://127.0.0.2:41234/helcim-pay/start.js',
    'http://localhost:41234/helcim-pay/start.js',
    'javascript:alert(1)',
    '',
  ])
    assert.equal(allowedHelcimScript(bad), false, bad);
  assert.equal(postableOrigin('app://counter'), true);
  assert.equal(postableOrigin('http://127.0.0.1:5173'), true);
  for (const bad of ['*', '', 'null', 'app://counter/index.html', 'not an origin'])
    assert.equal(postableOrigin(bad), false, bad);
});
