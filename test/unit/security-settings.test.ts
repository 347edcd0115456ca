/** Electron security settings and CSPs, checked as data (the Electron suite checks behaviour). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secureWebPreferences } from '../../main/app/security';
import { appCsp, checkoutHostCsp, resolveStatic } from '../../main/app/static-site';
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

const origins = { appOrigin: 'app://counter', checkoutOrigin: 'app://checkout', helcimOrigin: 'https://secure.helcim.app' };

test('the app CSP allows only its own scripts, no inline script, and frames only the checkout host', () => {
  const csp = appCsp(origins);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-src app:\/\/checkout(;|$)/);
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

test('static files: no path escapes; each site serves only its own pages', () => {
  const root = '/srv/renderer';
  assert.equal(resolveStatic(root, 'app', '/', origins)?.file, '/srv/renderer/index.html');
  assert.equal(resolveStatic(root, 'app', '/../../etc/passwd', origins), null);
  assert.equal(resolveStatic(root, 'app', '/%2e%2e/%2e%2e/etc/passwd', origins), null);
  assert.equal(resolveStatic(root, 'app', '/checkout-host.html', origins), null);
  assert.equal(resolveStatic(root, 'checkout', '/host.html', origins)?.file, '/srv/renderer/checkout-host.html');
  assert.equal(resolveStatic(root, 'checkout', '/index.html', origins), null);
  assert.equal(resolveStatic(root, 'app', '/secrets.sqlite', origins), null);
});

test('originOf understands app:// (Node’s URL says "null" for it)', () => {
  assert.equal(originOf('app://counter/index.html'), 'app://counter');
  assert.equal(originOf('http://127.0.0.1:5173/x'), 'http://127.0.0.1:5173');
  assert.equal(originOf('file:///etc/passwd'), null);
  assert.equal(originOf('garbage'), null);
  assert.equal(originOf(undefined), null);
});
