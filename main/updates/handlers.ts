/** The bridge handlers of updates: what a manager sees, and the shop's own feed. */
import type { Handlers } from '../router';
import type { Settings } from '../settings/settings';
import { PosError } from '../errors';
import type { Updates } from './updates';

export function updateHandlers(deps: {
  updates: Updates;
  settings: Settings;
  audit: (staffId: string, kind: string, detail: string) => void;
}): Pick<Handlers, 'updates.get' | 'updates.setFeed'> {
  return {
    'updates.get': async () => deps.updates.view(),
    'updates.setFeed': async (p, ctx) => {
      try {
        deps.settings.set('updates.feed', p.feed);
      } catch {
        throw new PosError('invalid_payload', 'error.updates.feed');
      }
      deps.audit(ctx.session.staffId, 'settings.updates_feed', p.feed ?? 'the default feed');
      return deps.updates.view();
    },
  };
}
