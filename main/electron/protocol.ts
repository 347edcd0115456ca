/**
 * The counter window's session (its own partition, not Electron's default session): app://counter
 * serves the renderer, and https is intercepted here only — the checkout host name answered from the
 * built renderer, the training simulator's https name forwarded to it, everything else passed through
 * to the network untouched (see https-routes.ts). Files come only from the built renderer folder, each
 * with its CSP header (see static-site.ts).
 */
import { net, protocol, type Session } from 'electron';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PosCore } from '../core-api';
import { routeHttpsRequest } from '../https-routes';
import { allowlistFromManifest, counterPage, MANIFEST_PATH, resolveStatic, type Site } from './static-site';

export const APP_ORIGIN = 'app://counter';
/** The counter window's own session: protocol handlers and permission locks are registered on it. */
export const COUNTER_PARTITION = 'persist:counter';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Origins and routes are read per request: a manager may switch training/live or change the checkout host. */
export function serveCounterSession(
  ses: Session,
  rendererRoot: string,
  core: Pick<PosCore, 'helcimOrigin' | 'checkoutOrigin' | 'httpsRoutes' | 'shopLanguage' | 'firstScreen'>,
): void {
  const manifest = JSON.parse(readFileSync(path.join(rendererRoot, MANIFEST_PATH), 'utf8'));
  const allow = allowlistFromManifest(manifest);
  const serve = async (site: Site, pathname: string) => {
    const origins = { appOrigin: APP_ORIGIN, checkoutOrigin: core.checkoutOrigin(), helcimOrigin: core.helcimOrigin() };
    const hit = resolveStatic(rendererRoot, site, pathname, origins, allow);
    if (!hit) return new Response('Not found', { status: 404 });
    const body = hit.counterPage
      ? new Uint8Array(counterPage(readFileSync(hit.file), manifest, core.shopLanguage(), core.firstScreen()))
      : (await net.fetch(pathToFileURL(hit.file).toString())).body;
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': hit.type,
        'content-security-policy': hit.csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  };
  ses.protocol.handle('app', (req) => {
    const url = new URL(req.url);
    return url.host === 'counter' ? serve('app', url.pathname) : new Response('Not found', { status: 404 });
  });
  ses.protocol.handle('https', async (req) => {
    const route = routeHttpsRequest(req.url, core.httpsRoutes());
    if (route.kind === 'checkout') return serve('checkout', route.pathname);
    if (route.kind === 'training') {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer();
      return net.fetch(route.url, { method: req.method, headers: req.headers, body });
    }
    return ses.fetch(req, { bypassCustomProtocolHandlers: true });
  });
}
