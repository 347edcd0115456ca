import { useEffect } from 'react';
import { useHelcim } from '../store/helcim';
import { TokenCard } from './TokenCard';
import { CheckoutHostCard } from './CheckoutHostCard';
import { TerminalSetupCard } from './TerminalSetupCard';
import { useStatus } from '../store/status';

/** Managers: the token wizard, connection tests, and the training/live switch. */
export function HelcimSetupScreen() {
  const status = useHelcim((h) => h.status);
  const error = useHelcim((h) => h.error);
  const load = useHelcim((h) => h.load);
  const setMode = useHelcim((h) => h.setMode);
  const appStatus = useStatus((s) => s.status);
  useEffect(() => void load(), [load]);
  if (!status) return <p className="loading">{error?.message ?? 'Loading…'}</p>;

  return (
    <section className="panel wide" aria-label="Helcim setup">
      <h1>Helcim setup</h1>
      <p>
        Counter POS uses two Helcim API tokens, each allowed only what it needs, as Helcim recommends. Now in{' '}
        <b data-testid="helcim-mode">{status.mode === 'live' ? 'LIVE' : 'TRAINING'}</b> mode; live calls go to {status.liveApi}.
      </p>
      {status.warnings.map((w) => (
        <p key={w} className="notice warn" role="status" data-testid="helcim-warning">
          {w}
        </p>
      ))}
      <TokenCard slot="sales" status={status} />
      <TokenCard slot="admin" status={status} />
      {appStatus && <TerminalSetupCard status={appStatus} />}
      <CheckoutHostCard status={status} />
      <section className="token-card" aria-label="Go live">
        <h2>3. Go live</h2>
        <p>Live mode charges real cards. It needs a token whose connection test passed.</p>
        {error && (
          <p className="notice error" role="alert" data-testid="mode-error">
            {error.message}
          </p>
        )}
        {status.mode === 'training' ? (
          <button type="button" className="primary" data-testid="go-live" disabled={!status.canGoLive} onClick={() => void setMode('live')}>
            Switch to live
          </button>
        ) : (
          <button type="button" className="secondary" data-testid="go-training" onClick={() => void setMode('training')}>
            Back to training mode
          </button>
        )}
      </section>
    </section>
  );
}
