import { useState } from 'react';
import { useT } from '../base/i18n';
import { useBackup } from './backup-store';

/**
 * "Restore from a backup", on a fresh install's first screen: a backup file on this PC (its full
 * path: a USB drive, a network folder) and its passphrase. Main checks both and changes nothing
 * unless the backup restores whole; then the app restarts into the restored shop.
 */
export function RestoreForm() {
  const { restored, restoreError, busy, restore } = useBackup();
  const { t, dateTime } = useT();
  const [file, setFile] = useState('');
  const [passphrase, setPassphrase] = useState('');
  if (restored)
    return (
      <section className="panel narrow" aria-label={t('restore.title')} data-testid="restore-done">
        <h2>{t('restore.title')}</h2>
        <p className="notice good" role="status">
          {t('restore.done', {
            at: dateTime(restored.createdAt),
            counter: restored.counter,
            staff: restored.staff,
            payments: restored.payments,
          })}
        </p>
        {restored.unresolved > 0 && (
          <p className="notice warn" data-testid="restore-unresolved">
            {t('restore.unresolved', { n: restored.unresolved })}
          </p>
        )}
        <p data-testid="restore-next">{restored.restarting ? t('restore.restarting') : t('restore.closeAndOpen')}</p>
      </section>
    );
  return (
    <section className="panel narrow" aria-label={t('restore.title')}>
      <h2>{t('restore.title')}</h2>
      <p className="muted small">{t('restore.explain')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void restore(file.trim(), passphrase);
        }}
      >
        <label htmlFor="restore-file">{t('restore.file')}</label>
        <input
          id="restore-file"
          data-testid="restore-file"
          value={file}
          maxLength={1000}
          onChange={(e) => setFile(e.target.value)}
        />
        <label htmlFor="restore-passphrase">{t('restore.passphrase')}</label>
        <input
          id="restore-passphrase"
          data-testid="restore-passphrase"
          type="password"
          autoComplete="off"
          value={passphrase}
          maxLength={256}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        {restoreError && (
          <p className="notice error" role="alert" data-testid="restore-error">
            {restoreError.message}
          </p>
        )}
        <button
          type="submit"
          className="secondary"
          data-testid="restore-go"
          disabled={busy || !file.trim() || !passphrase}
        >
          {t('restore.go')}
        </button>
      </form>
    </section>
  );
}
