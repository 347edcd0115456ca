import type { AppStatus } from '../../../preload/contract';
import { useStatus } from '../store/status';

export function StatusBar({ status }: { status: AppStatus | null }) {
  const signOut = useStatus((s) => s.signOut);
  const reach = status?.helcimReachable;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>
        {status?.session ? `${status.session.name} · ${status.session.role}` : 'Not signed in'}
        {status?.session && (
          <button type="button" className="link" onClick={() => void signOut()} data-testid="sign-out">
            Sign out
          </button>
        )}
      </span>
      <span className={status?.mode === 'live' ? 'mode live' : 'mode training'}>{status ? (status.mode === 'live' ? 'LIVE' : 'TRAINING') : '…'}</span>
      {!!status?.unresolved && (
        <span className="checking" data-testid="checking">
          Checking {status.unresolved} payment{status.unresolved === 1 ? '' : 's'} with Helcim…
        </span>
      )}
      <span className={reach === false ? 'reach bad' : 'reach'}>
        Helcim: {reach === null || reach === undefined ? 'checking…' : reach ? 'reachable' : 'not reachable'}
      </span>
    </footer>
  );
}
