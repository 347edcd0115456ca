import { useEffect, useState } from 'react';
import { useT } from '../base/i18n';
import { useBackup } from './backup-store';

/**
 * Backups, a manager's card: the shop's backup passphrase (typed twice, sent to main once, never
 * shown again), a second place for a copy, "Back up now", and what the last backup did. Main makes
 * and checks each backup; this shows what it said.
 */
export function BackupCard() {
  const { status, error, news, made, busy, load, setPassphrase, setFolder, backUpNow } = useBackup();
  const { t, dateTime } = useT();
  const [passphrase, setPhrase] = useState('');
  const [again, setAgain] = useState('');
  const [folder, setFolderText] = useState('');
  useEffect(() => void load(), [load]);
  useEffect(() => setFolderText(status?.secondFolder ?? ''), [status?.secondFolder]);
  if (!status) return null;
  const mismatch = again.length > 0 && passphrase !== again;
  const last = status.last;
  return (
    <section className="printer-card" data-testid="backup-card" aria-label={t('backup.title')}>
      <h2>{t('backup.title')}</h2>
      <p className="muted small">{t('backup.explain')}</p>
      <p data-testid="backup-last" role="status">
        {!last
          ? t('backup.lastNone')
          : last.ok
            ? t('backup.last', { at: dateTime(last.at), file: last.file ?? '' })
            : t('backup.lastFailed', { at: dateTime(last.at), problem: last.problem ?? '' })}
      </p>
      {last?.ok && (
        <p className={last.second === 'failed' ? 'notice error' : 'muted small'} data-testid="backup-second">
          {t(`backup.second.${last.second}`, { problem: last.problem ?? '' })}
        </p>
      )}
      {status.problem !== 'none' && (
        <p className="notice error" data-testid="backup-problem">
          {t(`status.backup.${status.problem}`)}
        </p>
      )}
      <p className="muted small">{t('backup.folder', { folder: status.folder, keep: status.keep })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void setPassphrase(passphrase).then((ok) => {
            if (ok) {
              setPhrase('');
              setAgain('');
            }
          });
        }}
      >
        <label>
          {t('backup.passphrase')}
          <input
            data-testid="backup-passphrase"
            type="password"
            autoComplete="new-password"
            value={passphrase}
            maxLength={256}
            onChange={(e) => setPhrase(e.target.value)}
          />
        </label>
        <label>
          {t('backup.again')}
          <input
            data-testid="backup-passphrase-again"
            type="password"
            autoComplete="new-password"
            value={again}
            maxLength={256}
            onChange={(e) => setAgain(e.target.value)}
          />
        </label>
        {mismatch && (
          <p className="notice error" role="alert">
            {t('backup.mismatch')}
          </p>
        )}
        <p className="muted small">{t('backup.passphraseNote')}</p>
        <button
          type="submit"
          className="secondary"
          data-testid="backup-set-passphrase"
          disabled={!passphrase || passphrase !== again}
        >
          {status.passphraseSet ? t('backup.changePassphrase') : t('backup.setPassphrase')}
        </button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void setFolder(folder.trim() === '' ? null : folder.trim());
        }}
      >
        <label>
          {t('backup.secondFolder')}
          <input
            data-testid="backup-folder"
            value={folder}
            maxLength={400}
            aria-describedby="backup-folder-hint"
            onChange={(e) => setFolderText(e.target.value)}
          />
        </label>
        <p id="backup-folder-hint" className="muted small">
          {t('backup.secondFolderHint')}
        </p>
        <button type="submit" className="secondary" data-testid="backup-save-folder">
          {t('backup.saveFolder')}
        </button>
      </form>
      {error && (
        <p className="notice error" role="alert" data-testid="backup-error">
          {error.message}
        </p>
      )}
      {news && !error && (
        <p className="notice good" role="status" data-testid="backup-news">
          {news === 'passphrase'
            ? t('backup.passphraseSaved')
            : news === 'folder'
              ? t('backup.folderSaved')
              : t('backup.madeNow', { file: made?.file ?? '' })}
        </p>
      )}
      <button
        type="button"
        className="secondary"
        data-testid="backup-now"
        disabled={busy || !status.passphraseSet}
        onClick={() => void backUpNow()}
      >
        {t('backup.now')}
      </button>
    </section>
  );
}
