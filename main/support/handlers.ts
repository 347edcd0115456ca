/** The bridge handlers of the Health card and the support file. */
import type { HealthView } from '../../common/contract';
import type { OutputPort } from '../reports/output';
import type { Handlers } from '../router';
import { PosError } from '../errors';

export function supportHandlers(deps: {
  health: () => HealthView;
  bundle: () => string;
  counter: string;
  now: () => number;
  output: OutputPort;
  audit: (staffId: string, kind: string, detail: string) => void;
}): Pick<Handlers, 'health.get' | 'support.save'> {
  return {
    'health.get': async () => deps.health(),
    'support.save': async (_p, ctx) => {
      const stamp = new Date(deps.now()).toISOString().replace(/[-:.]/g, '').slice(0, 15);
      const file = await deps.output.saveText(deps.bundle(), `counter-pos-support-${deps.counter}-${stamp}.json`);
      if (!file) throw new PosError('invalid_payload', 'error.support.notSaved');
      deps.audit(ctx.session.staffId, 'support.saved', file);
      return { path: file };
    },
  };
}
