import type { AppStatus } from '../../../common/contract';
import { signOut } from './session-store';
import { useT } from '../base/i18n';

export function StatusBar({ status }: { status: AppStatus | null }) {
  const { t, time: localTime } = useT();
  const reach = status?.helcimReachable;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>
        {status?.session
          ? t('status.who', { name: status.session.name, role: status.session.role })
          : t('status.notSignedIn')}
        {status?.session && (
          <button type="button" className="link" onClick={() => void signOut()} data-testid="sign-out">
            {t('status.signOut')}
          </button>
        )}
      </span>
      <span className={status?.mode === 'live' ? 'mode live' : 'mode training'}>
        {status ? (status.mode === 'live' ? t('status.live') : t('status.training')) : '…'}
      </span>
      {!!status?.unresolved && (
        <span className="checking" data-testid="checking">
          {t('status.checking', { count: status.unresolved })}
        </span>
      )}
      {status?.shopDatabase && !status.shopDatabase.online && status.shopDatabase.offlineSince && (
        <span className="reach bad" data-testid="shop-offline">
          {t('status.shopOffline', { since: localTime(status.shopDatabase.offlineSince) })}
        </span>
      )}
      {status?.shopDatabase?.tls === false && (
        // A manager accepted a shop database without TLS at link time: said on every screen, not hidden.
        <span className="reach bad" data-testid="shop-plain">
          {t('status.shopPlain')}
        </span>
      )}
      {status?.shopDatabase?.newerSchema != null && (
        <span className="reach bad" data-testid="shop-newer">
          {t('status.shopNewer')}
        </span>
      )}
      {status?.backup && status.backup.problem !== 'none' && (
        // Managers only (main sends it to them): a backup that failed, is overdue, or cannot be made.
        <span className="reach bad" data-testid="backup-problem-bar">
          {t(`status.backup.${status.backup.problem}`)}
        </span>
      )}
      <span className={reach === false ? 'reach bad' : 'reach'}>
        {t('status.helcim', {
          state: reach === null || reach === undefined ? 'checking' : reach ? 'reachable' : 'down',
        })}
      </span>
    </footer>
  );
}
