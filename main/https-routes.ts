/**
 * What the counter window's session does with an https request. Main intercepts https in that one
 * session (never globally): the checkout host name is answered from the built renderer, the training
 * simulator's https name is forwarded to the simulator on 127.0.0.1, and every other request — Helcim
 * itself above all — goes out untouched. Plain functions: Electron's handler (protocol.ts) and the
 * Chromium harness's route (test/e2e/harness.ts) both call them, so both take the same decisions.
 */
import { TRAINING_HELCIM_ORIGIN } from '../common/checkout-host';

export type HttpsRoutes = {
  /** The checkout host name (settings `checkout.host`). */
  checkoutHost: string;
  /** The training simulator's own origin (http://127.0.0.1:PORT), while training runs. */
  trainingTarget: string | null;
};

export type HttpsRoute = { kind: 'checkout'; pathname: string } | { kind: 'training'; url: string } | { kind: 'pass' };

export function routeHttpsRequest(rawUrl: string, r: HttpsRoutes): HttpsRoute {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'pass' };
  }
  // Exact host, default port only: "checkout.example.ca:8443" or "evil.checkout.example.ca" is not ours.
  if (url.protocol !== 'https:' || url.port !== '' || url.username || url.password) return { kind: 'pass' };
  if (url.hostname === r.checkoutHost) return { kind: 'checkout', pathname: url.pathname };
  if (r.trainingTarget && url.origin === TRAINING_HELCIM_ORIGIN)
    return { kind: 'training', url: `${r.trainingTarget}${url.pathname}${url.search}` };
  return { kind: 'pass' };
}
