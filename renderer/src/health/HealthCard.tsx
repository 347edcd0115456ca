import { useEffect } from 'react';
import { useT } from '../base/i18n';
import { useHealth } from './health-store';

/**
 * Health, a manager's card: the last good backup, the last update check, free disk, the logs' size,
 * rows waiting for the shop database, payments still being checked — each red, with what to do,
 * when it needs a person. And "Save a support file" (nothing secret in it: main makes sure).
 */
export function HealthCard() {
  const { view, error, savedTo, load, saveSupport } = useHealth();
  const { t, dateTime } = useT();
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => clearInterval(timer);
  }, [load]);
  if (!view) return null;
  const line = (id: string, red: boolean, text: string, fix: string | null) => (
    <li
      key={id}
      data-testid={`health-${id}`}
      data-red={red ? 'yes' : 'no'}
      className={red ? 'notice error' : undefined}
    >
      {text}
      {red && fix && <span className="small"> {fix}</span>}
    </li>
  );
  const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
  const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);
  return (
    <section className="printer-card" data-testid="health-card" aria-label={t('health.title')}>
      <h2>{t('health.title')}</h2>
      <p className="muted small">{t('health.explain')}</p>
      <ul className="plain">
        {line(
          'backup',
          view.backup.red,
          view.backup.lastGoodAt
            ? t('health.backup', { at: dateTime(view.backup.lastGoodAt) })
            : t('health.backupNone'),
          view.backup.problem === 'none' ? null : t(`status.backup.${view.backup.problem}`),
        )}
        {line(
          'update',
          view.updateCheck.red,
          view.updateCheck.at ? t('health.updateCheck', { at: dateTime(view.updateCheck.at) }) : t('health.updateNone'),
          null,
        )}
        {line(
          'disk',
          view.disk.red,
          view.disk.freeBytes === null ? t('health.diskUnknown') : t('health.disk', { gb: gb(view.disk.freeBytes) }),
          t('health.diskRed'),
        )}
        {line('logs', view.logs.red, t('health.logs', { mb: mb(view.logs.bytes) }), t('health.logsRed'))}
        {line(
          'outbox',
          view.outbox.red,
          view.outbox.depth === null ? t('health.outboxAlone') : t('health.outbox', { n: view.outbox.depth }),
          t('health.outboxRed'),
        )}
        {line(
          'unresolved',
          view.unresolved.red,
          t('health.unresolved', { n: view.unresolved.count }),
          t('health.unresolvedRed'),
        )}
      </ul>
      <p className="muted small">{t('health.supportExplain')}</p>
      <button type="button" className="secondary" data-testid="support-save" onClick={() => void saveSupport()}>
        {t('health.support')}
      </button>
      {savedTo && (
        <p className="notice good" role="status" data-testid="support-saved">
          {t('health.supportSaved', { path: savedTo })}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert" data-testid="health-error">
          {error.message}
        </p>
      )}
    </section>
  );
}
