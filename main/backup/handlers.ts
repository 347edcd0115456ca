/** The bridge handlers of backups and of a restore on a fresh install. */
import type { Handlers } from '../router';
import type { Keychain } from '../vault/vault';
import type { Backups } from './backups';
import { stageRestore } from './restore';

type BackupOps = 'backup.status' | 'backup.setPassphrase' | 'backup.setFolder' | 'backup.now' | 'backup.restore';

export function backupHandlers(deps: {
  backups: Backups;
  journalFile: string;
  keychain: Keychain;
  /** A secret a person typed (the passphrase): never in a log line from now on. */
  secret: (value: string) => void;
  /** Restarts the app so the staged restore is installed before the database opens (absent: the person does). */
  restart?: () => void;
}): Pick<Handlers, BackupOps> {
  const { backups } = deps;
  return {
    'backup.status': async () => backups.status(),
    'backup.setPassphrase': async (p, ctx) => {
      deps.secret(p.passphrase);
      return backups.setPassphrase(p.passphrase, ctx.session.staffId);
    },
    'backup.setFolder': async (p, ctx) => backups.setSecondFolder(p.folder, ctx.session.staffId),
    'backup.now': async (_p, ctx) => backups.backUp('manager', ctx.session.staffId),
    'backup.restore': async (p) => {
      deps.secret(p.passphrase);
      const summary = await stageRestore({
        backupFile: p.file,
        passphrase: p.passphrase,
        journalFile: deps.journalFile,
        keychain: deps.keychain,
      });
      // The answer reaches the screen first; then the app restarts into the restored database.
      if (deps.restart) setTimeout(deps.restart, 1500).unref();
      return { ...summary, restarting: !!deps.restart };
    },
  };
}
