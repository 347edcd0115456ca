/**
 * Which built renderer file answers which URL, and with which Content-Security-Policy. Used by
 * Electron's app:// protocol handler and by the Chromium test harness, so both serve the same
 * bytes under the same policy.
 *
 * Two sites: the counter app itself, and the checkout host (the page that runs HelcimPay.js) on
 * an origin of its own, so nothing Helcim's script does can reach the app's `window.pos`.
 */
import path from 'node:path';
import { TRAINING_HELCIM_ORIGIN } from '../../common/checkout-host';

export type SiteOrigins = { appOrigin: string; checkoutOrigin: string; helcimOrigin: string };
export type Site = 'app' | 'checkout';

export function appCsp(origins: SiteOrigins): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'none'",
    // The checkout host, and the training terminal (a reserved name main answers only in training).
    `frame-src ${origins.checkoutOrigin} ${TRAINING_HELCIM_ORIGIN}`,
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
export function checkoutHostCsp(origins: SiteOrigins): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${origins.helcimOrigin}`,
    `style-src 'self' 'unsafe-inline' ${origins.helcimOrigin}`,
    `frame-src ${origins.helcimOrigin}`,
    `connect-src ${origins.helcimOrigin}`,
    `img-src 'self' data: ${origins.helcimOrigin}`,
    `font-src ${origins.helcimOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${origins.appOrigin}`,
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

/** The files each site may serve: relative paths under the built renderer, nothing else. */
export type SiteAllowlist = Record<Site, ReadonlySet<string>>;

type ManifestChunk = {
  file: string;
  /** The chunk's name: a language's catalog is named by its locale (en-CA, fr-CA). */
  name?: string;
  css?: string[];
  assets?: string[];
  imports?: string[];
  /** Fetched when first needed (a screen opened, a language chosen): still the site's own files. */
  dynamicImports?: string[];
};
/** The page that is each site's entry in Vite's build manifest. */
const ENTRY: Record<Site, string[]> = { app: ['index.html', 'customer.html'], checkout: ['checkout-host.html'] };

/**
 * Each site's allowlist from Vite's build manifest (dist/renderer/site-manifest.json): its page,
 * the page's script and styles, and what they import, at once or later — so the counter bundle is never served on
 * the checkout origin, nor the checkout host on the counter's, and unknown files are 404.
 */
export type SiteManifest = Record<string, ManifestChunk>;

export function allowlistFromManifest(manifest: SiteManifest): SiteAllowlist {
  const collect = (site: Site) => {
    const files = new Set<string>(ENTRY[site]);
    const seen = new Set<string>();
    const walk = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || seen.has(key)) return;
      seen.add(key);
      for (const f of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
      for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) walk(k);
    };
    for (const entry of ENTRY[site]) walk(entry);
    return files;
  };
  return { app: collect('app'), checkout: collect('checkout') };
}

/** Written by the Vite build (vite.config.mts); not a dot-folder, so electron-builder packs it. */
export const MANIFEST_PATH = 'site-manifest.json';

/** Refused before any decoding: encoded slashes and backslashes, NUL, and raw backslashes. */
const SUSPICIOUS = /%2f|%5c|%00|\\/i;

/** Maps a request path to a file under `root` (the built renderer), or null (404). */
export function resolveStatic(
  root: string,
  site: Site,
  pathname: string,
  o: SiteOrigins,
  allow: SiteAllowlist,
): { file: string; type: string; csp: string; counterPage: boolean } | null {
  if (SUSPICIOUS.test(pathname)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return null; // a malformed escape is a bad request, not a crash
  }
  if (site === 'app' && rel === '') rel = 'index.html';
  if (site === 'checkout') {
    // The checkout host is served under one name only.
    if (rel === 'checkout-host.html') return null;
    if (rel === 'host.html') rel = 'checkout-host.html';
  }
  if (!allow[site].has(rel)) return null;
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) return null; // no ../ escapes
  const type = TYPES[path.extname(file)];
  if (!type) return null;
  return {
    file,
    type,
    csp: site === 'app' ? appCsp(o) : checkoutHostCsp(o),
    counterPage: site === 'app' && rel === 'index.html',
  };
}

/**
 * The counter's page as served: Vite's index.html with the sign-in screen already drawn in its root
 * when main gives one (`firstScreen`), and the shop's language preloaded beside the page's script
 * (issue 31) — its catalog and what that chunk imports (FormatJS). The sign-in screen needs its
 * words; asked for here, they arrive while the app's code loads instead of after it has run. Only the
 * shop's language: another is fetched when someone needs it (renderer/src/base/catalogs.ts), and an
 * unknown one adds nothing.
 */
export function counterPage(
  html: Buffer,
  manifest: SiteManifest,
  locale: string,
  firstScreen: string | null = null,
): Buffer {
  const files: string[] = [];
  const walk = (chunk: ManifestChunk | undefined) => {
    if (!chunk || !chunk.file.endsWith('.js') || files.includes(chunk.file)) return;
    files.push(chunk.file);
    for (const key of chunk.imports ?? []) walk(manifest[key]);
  };
  for (const chunk of Object.values(manifest)) if (chunk.name === locale) walk(chunk);
  let text = html.toString('utf8');
  // The sign-in screen, drawn by main (main/staff/first-screen.ts): painted with the page itself.
  const root = '<div id="root"></div>';
  if (firstScreen !== null && text.includes(root)) text = text.replace(root, `<div id="root">${firstScreen}</div>`);
  const at = text.indexOf('</head>');
  if (!files.length || at < 0) return firstScreen === null ? html : Buffer.from(text, 'utf8');
  const preload = files.map((file) => `<link rel="modulepreload" crossorigin href="./${file}">\n  `).join('');
  return Buffer.from(text.slice(0, at) + preload + text.slice(at), 'utf8');
}
