/**
 * The bridge handlers of Helcim setup (tokens, connection tests, the mode), and the reachability
 * check the status bar shows. Audit rows name the slot and the outcome, never the token.
 */
import type { AuditLog } from '../journal/audit';
import { PosError } from '../errors';
import type { Handlers } from '../router';
import type { HelcimGateway } from './gateway';
import type { Settings } from '../settings/settings';

type HelcimOps =
  | 'helcim.status'
  | 'helcim.saveToken'
  | 'helcim.testToken'
  | 'helcim.removeToken'
  | 'helcim.setMode'
  | 'helcim.setCheckoutHost';

/** Whether Helcim answered the last connection test with the sales token (null: not known yet). */
export class HelcimReachability {
  reachable: boolean | null = null;
  /** When Helcim stopped answering (null while it answers): the counter says since when. */
  downSince: number | null = null;

  constructor(
    private readonly gateway: HelcimGateway,
    private readonly now: () => number = Date.now,
  ) {}

  async ping(): Promise<void> {
    try {
      await this.gateway.client().connectionTest(await this.gateway.token('sales'));
      this.reachable = true;
      this.downSince = null;
    } catch (err) {
      // A refused token is not "Helcim unreachable": only no answer is.
      const code = err instanceof PosError ? err.code : 'internal';
      const down = code === 'helcim_unavailable' || code === 'helcim_rate_limited' || code === 'helcim_bad_response';
      this.reachable = !down;
      if (down) this.downSince ??= this.now();
      else this.downSince = null;
    }
  }
}

export function helcimHandlers(deps: {
  gateway: HelcimGateway;
  audit: AuditLog;
  reachability: HelcimReachability;
  settings: Settings;
}): Pick<Handlers, HelcimOps> {
  const { gateway, audit, reachability, settings } = deps;
  return {
    'helcim.status': async () => gateway.status(),
    'helcim.saveToken': async (p, ctx) =>
      audit.after(ctx.session.staffId, 'helcim.token_saved', p.slot, async () => {
        const r = await gateway.save(p.slot, p.token);
        void reachability.ping();
        return r;
      }),
    'helcim.testToken': async (p, ctx) =>
      audit.after(ctx.session.staffId, 'helcim.token_tested', p.slot, () => gateway.test(p.slot)),
    'helcim.removeToken': async (p, ctx) =>
      audit.after(ctx.session.staffId, 'helcim.token_removed', p.slot, () => gateway.remove(p.slot)),
    'helcim.setMode': async (p, ctx) =>
      audit.after(ctx.session.staffId, 'helcim.mode', p.mode, async () => {
        const r = await gateway.setMode(p.mode);
        void reachability.ping();
        return r;
      }),
    // The payload schema has already checked the name (common/checkout-host.ts); it takes effect
    // with the next card form, whose host URL and the frame's CSP are read per checkout.
    'helcim.setCheckoutHost': async (p, ctx) =>
      audit.after(ctx.session.staffId, 'helcim.checkout_host', p.host, async () => {
        settings.set('checkout.host', p.host);
        return gateway.status();
      }),
  };
}
