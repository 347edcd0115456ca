/**
 * Backups, from the screen's side: what main says about them (never the passphrase nor its key), a
 * manager's passphrase and second place, "back up now", and a restore on a fresh install. Main makes,
 * checks and restores backups; this only asks and shows.
 */
import { create } from 'zustand';
import type { BackupRun, BackupStatus, BridgeError, RestoredSummary } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { useStatus } from '../base/status-store';

type BackupSlice = {
  status: BackupStatus | null;
  error: BridgeError | null;
  /** What the last action did, for the card's one line of news. */
  news: 'passphrase' | 'folder' | 'made' | null;
  made: BackupRun | null;
  busy: boolean;
  load: () => Promise<void>;
  setPassphrase: (passphrase: string) => Promise<boolean>;
  setFolder: (folder: string | null) => Promise<void>;
  backUpNow: () => Promise<void>;
  restored: RestoredSummary | null;
  restoreError: BridgeError | null;
  restore: (file: string, passphrase: string) => Promise<void>;
};

export const useBackup = create<BackupSlice>((set, get) => ({
  status: null,
  error: null,
  news: null,
  made: null,
  busy: false,
  load: async () => set(settled(await pos.backup.status({}), (status) => ({ status }))),
  setPassphrase: async (passphrase) => {
    const r = await pos.backup.setPassphrase({ passphrase });
    set({ news: r.ok ? 'passphrase' : null, ...settled(r, (status) => ({ status })) });
    await useStatus.getState().refresh();
    return r.ok;
  },
  setFolder: async (folder) => {
    const r = await pos.backup.setFolder({ folder });
    set({ news: r.ok ? 'folder' : null, ...settled(r, (status) => ({ status })) });
  },
  backUpNow: async () => {
    set({ busy: true, news: null, error: null });
    const r = await pos.backup.now({});
    set({ busy: false, ...settled(r, (made) => ({ made, news: made.ok ? ('made' as const) : null })) });
    await get().load();
    // The status bar's warning follows at once (it is refreshed every 15 s otherwise).
    await useStatus.getState().refresh();
  },
  restored: null,
  restoreError: null,
  restore: async (file, passphrase) => {
    set({ busy: true, restoreError: null });
    const r = await pos.backup.restore({ file, passphrase });
    set({ busy: false, ...(r.ok ? { restored: r.value, restoreError: null } : { restoreError: r.error }) });
  },
}));
