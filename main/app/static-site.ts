/**
 * Which built renderer file answers which URL, and with which Content-Security-Policy. Used by
 * Electron's app:// protocol handler and by the Chromium test harness, so both serve the same
 * bytes under the same policy.
 *
 * Two sites: the counter app itself, and the checkout host (the page that runs HelcimPay.js) on
 * an origin of its own, so nothing Helcim's script does can reach the app's `window.pos`.
 */
import path from 'node:path';

export type SiteOrigins = { appOrigin: string; checkoutOrigin: string; helcimOrigin: string };
export type Site = 'app' | 'checkout';

export function appCsp(o: SiteOrigins): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'none'",
    `frame-src ${o.checkoutOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The checkout host runs Helcim's start.js, which may add its own styles, images and calls to its
 * origin; those are allowed from Helcim's origin only. Scripts: ours and Helcim's, never inline.
 */
export function checkoutHostCsp(o: SiteOrigins): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${o.helcimOrigin}`,
    `style-src 'self' 'unsafe-inline' ${o.helcimOrigin}`,
    `frame-src ${o.helcimOrigin}`,
    `connect-src ${o.helcimOrigin}`,
    `img-src 'self' data: ${o.helcimOrigin}`,
    `font-src ${o.helcimOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${o.appOrigin}`,
  ].join('; ');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Maps a request path to a file under `root` (the built renderer), or null (404). */
export function resolveStatic(
  root: string,
  site: Site,
  pathname: string,
  o: SiteOrigins,
): { file: string; type: string; csp: string } | null {
  let rel = decodeURIComponent(pathname).replace(/^\/+/, '');
  if (site === 'app') {
    if (rel === '') rel = 'index.html';
    if (rel === 'checkout-host.html') return null;
  } else {
    if (rel === 'host.html') rel = 'checkout-host.html';
    else if (!/^assets\/[\w.-]+\.(js|css)$/.test(rel)) return null;
  }
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) return null; // no ../ escapes
  const type = TYPES[path.extname(file)];
  if (!type) return null;
  return { file, type, csp: site === 'app' ? appCsp(o) : checkoutHostCsp(o) };
}
