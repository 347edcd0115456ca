/** Backups, built for core.ts: the service (after each Z, nightly, before an update, on demand) and its handlers. */
import path from 'node:path';
import type { Foundation } from './foundation';
import { Backups } from '../backup/backups';
import { backupHandlers } from '../backup/handlers';

export async function backupFeature(foundation: Foundation) {
  const { keys, options } = foundation;
  const backups = await new Backups({
    db: foundation.db,
    dataDir: options.backupDir ?? path.dirname(options.journalFile),
    keychain: keys.keychain,
    settings: foundation.settings,
    keys: () => ({
      databaseId: keys.databaseId,
      pinPepper: keys.pepper.toString('hex'),
      auditKey: `${keys.audit.key.toString('hex')}/${keys.audit.keyedFrom}`,
    }),
    counter: foundation.invoicePrefix,
    audit: foundation.record,
    now: foundation.now,
    log: foundation.log,
    ...(options.backupAfterWrite ? { afterWrite: options.backupAfterWrite } : {}),
  }).load();
  return {
    backups,
    handlers: backupHandlers({
      backups,
      journalFile: options.journalFile,
      keychain: foundation.vault,
      secret: (s) => foundation.redactor.add(s),
      ...(options.restart ? { restart: options.restart } : {}),
    }),
  };
}
export type BackupFeature = Awaited<ReturnType<typeof backupFeature>>;
