/**
 * The app:// protocol: app://counter serves the renderer, app://checkout the checkout host. Files
 * come only from the built renderer folder, each with its CSP header (see static-site.ts).
 */
import { net, protocol } from 'electron';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allowlistFromManifest, MANIFEST_PATH, resolveStatic, type SiteOrigins } from './static-site';

export const APP_ORIGIN = 'app://counter';
export const CHECKOUT_ORIGIN = 'app://checkout';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

/** `helcimOrigin` is read per request: it changes when a manager switches between training and live. */
export function serveApp(rendererRoot: string, helcimOrigin: () => string): void {
  const allow = allowlistFromManifest(JSON.parse(readFileSync(path.join(rendererRoot, MANIFEST_PATH), 'utf8')));
  protocol.handle('app', async (req) => {
    const origins: SiteOrigins = { appOrigin: APP_ORIGIN, checkoutOrigin: CHECKOUT_ORIGIN, helcimOrigin: helcimOrigin() };
    const url = new URL(req.url);
    const site = url.host === 'counter' ? 'app' : url.host === 'checkout' ? 'checkout' : null;
    const hit = site && resolveStatic(rendererRoot, site, url.pathname, origins, allow);
    if (!hit) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(hit.file).toString());
    return new Response(res.body, {
      status: 200,
      headers: { 'content-type': hit.type, 'content-security-policy': hit.csp, 'x-content-type-options': 'nosniff' },
    });
  });
}
