import { useEffect } from 'react';
import { useHelcim } from './helcim-store';
import { TokenCard } from './TokenCard';
import { CheckoutHostCard } from './CheckoutHostCard';
import { TerminalSetupCard } from './TerminalSetupCard';
import { useStatus } from '../base/status-store';
import { useT } from '../base/i18n';

/** Managers: the token wizard, connection tests, and the training/live switch. */
export function HelcimSetupScreen() {
  const status = useHelcim((h) => h.status);
  const error = useHelcim((h) => h.error);
  const load = useHelcim((h) => h.load);
  const setMode = useHelcim((h) => h.setMode);
  const appStatus = useStatus((s) => s.status);
  const { t } = useT();
  useEffect(() => void load(), [load]);
  if (!status) return <p className="loading">{error?.message ?? t('common.loading')}</p>;

  return (
    <section className="panel wide" aria-label={t('setup.heading')}>
      <h1>{t('setup.heading')}</h1>
      <p>
        {t('setup.intro')} {t('setup.modeBefore')}{' '}
        <b data-testid="helcim-mode">{status.mode === 'live' ? t('status.live') : t('status.training')}</b>{' '}
        {t('setup.modeAfter', { api: status.liveApi })}
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
      <section className="token-card" aria-label={t('setup.goLiveRegion')}>
        <h2>{t('setup.goLiveTitle')}</h2>
        <p>{t('setup.goLiveExplained')}</p>
        {error && (
          <p className="notice error" role="alert" data-testid="mode-error">
            {error.message}
          </p>
        )}
        {status.mode === 'training' ? (
          <button
            type="button"
            className="primary"
            data-testid="go-live"
            disabled={!status.canGoLive}
            onClick={() => void setMode('live')}
          >
            {t('setup.switchLive')}
          </button>
        ) : (
          <button
            type="button"
            className="secondary"
            data-testid="go-training"
            onClick={() => void setMode('training')}
          >
            {t('setup.backToTraining')}
          </button>
        )}
      </section>
    </section>
  );
}
