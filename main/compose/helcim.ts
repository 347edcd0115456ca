/** The Helcim feature, built for core.ts: the gateway (mode, tokens, client), the rate budget, reachability, and their handlers. */
import type { Foundation } from './foundation';
import { tokenFor, type TokenSlot } from '../policy/table';
import { HelcimGateway } from '../helcim/gateway';
import { helcimHandlers, HelcimReachability } from '../helcim/handlers';
import { RateBudget } from '../helcim/rate-budget';

export async function helcimFeature(foundation: Foundation) {
  const budget = new RateBudget(foundation.now);
  const gateway = await HelcimGateway.open({
    vault: foundation.keys.keychain,
    settings: foundation.settings,
    live: foundation.options.live,
    http: foundation.options.http,
    log: foundation.log,
    budget,
    now: foundation.now,
    restoredFrom: foundation.restoredFrom,
  });
  const reachability = new HelcimReachability(gateway, foundation.now);
  return {
    budget,
    gateway,
    reachability,
    mode: () => gateway.mode,
    token: (slot: 'sales' | 'admin') => gateway.token(slot),
    client: () => gateway.client(),
    /** The token Helcim's lists are read with, if any token may (X/Z work without one). */
    lookupSlot: (): TokenSlot | null => tokenFor('lookup', gateway.access())?.slot ?? null,
    checkoutOrigin: () => `https://${foundation.settings.get('checkout.host')}`,
    handlers: helcimHandlers({ gateway, audit: foundation.audit, reachability, settings: foundation.settings }),
  };
}
export type HelcimFeature = Awaited<ReturnType<typeof helcimFeature>>;
