/** The Helcim feature, built for core.ts: the gateway (mode, tokens, client), the rate budget, reachability, and their handlers. */
import type { Foundation } from './foundation';
import { tokenFor, type TokenSlot } from '../policy/table';
import { HelcimGateway } from '../helcim/gateway';
import { helcimHandlers, HelcimReachability } from '../helcim/handlers';
import { RateBudget } from '../helcim/rate-budget';

export async function helcimFeature(f: Foundation) {
  const budget = new RateBudget(f.now);
  const gateway = await HelcimGateway.open({
    vault: f.keys.keychain,
    settings: f.settings,
    live: f.options.live,
    http: f.options.http,
    log: f.log,
    budget,
    now: f.now,
  });
  const reachability = new HelcimReachability(gateway, f.now);
  return {
    budget,
    gateway,
    reachability,
    mode: () => gateway.mode,
    token: (slot: 'sales' | 'admin') => gateway.token(slot),
    client: () => gateway.client(),
    /** The token Helcim's lists are read with, if any token may (X/Z work without one). */
    lookupSlot: (): TokenSlot | null => tokenFor('lookup', gateway.access())?.slot ?? null,
    checkoutOrigin: () => `https://${f.settings.get('checkout.host')}`,
    handlers: helcimHandlers({ gateway, audit: f.audit, reachability, settings: f.settings }),
  };
}
export type HelcimFeature = Awaited<ReturnType<typeof helcimFeature>>;
