import { useEffect, useState } from 'react';
import { useT } from '../base/i18n';
import { useUpdates } from './updates-store';

/**
 * Updates, a manager's card: the version running, one downloaded and checked (it installs at the Z
 * or at quit, with nothing open — what it waits for is named), the last check's trouble, and the
 * shop's own feed. Main decides and checks everything; this shows it.
 */
export function UpdatesCard() {
  const { view, error, saved, load, setFeed } = useUpdates();
  const { t } = useT();
  const [feed, setFeedText] = useState('');
  useEffect(() => void load(), [load]);
  useEffect(() => setFeedText(view?.feed ?? ''), [view?.feed]);
  if (!view) return null;
  return (
    <form
      className="printer-card"
      data-testid="updates-card"
      aria-label={t('updates.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void setFeed(feed.trim() === '' ? null : feed.trim());
      }}
    >
      <h2>{t('updates.title')}</h2>
      <p data-testid="updates-version">{t('updates.version', { version: view.current })}</p>
      {view.ready ? (
        <p className="notice info" data-testid="updates-ready">
          {t('updates.ready', { version: view.ready })}
          {view.waitingFor.length > 0 &&
            ` ${t('updates.waiting', { what: view.waitingFor.map((w) => t(`updates.what.${w}`)).join(', ') })}`}
        </p>
      ) : (
        view.offered && <p data-testid="updates-offered">{t('updates.offered', { version: view.offered })}</p>
      )}
      {view.problem && (
        <p className="notice warn" data-testid="updates-problem">
          {t('updates.problem', { problem: view.problem })}
        </p>
      )}
      <label>
        {t('updates.feed')}
        <input data-testid="updates-feed" value={feed} maxLength={300} onChange={(e) => setFeedText(e.target.value)} />
      </label>
      {error && (
        <p className="notice error" role="alert" data-testid="updates-error">
          {error.message}
        </p>
      )}
      {saved && !error && (
        <p className="notice good" role="status">
          {t('updates.saved')}
        </p>
      )}
      <button type="submit" className="secondary" data-testid="updates-save-feed">
        {t('updates.saveFeed')}
      </button>
    </form>
  );
}
