/** Updates, built for core.ts: the policy service (the Electron shell downloads and installs through it). */
import type { Foundation } from './foundation';
import type { BackupFeature } from './backup';
import type { PaymentsFeature } from './payments';
import { unresolvedCount } from '../payments/handlers';
import { publicKeys } from '../updates/policy';
import { RELEASE_PUBLIC_KEYS } from '../updates/release-key';
import { Updates } from '../updates/updates';
import { updateHandlers } from '../updates/handlers';

export function updatesFeature(f: Foundation, payments: PaymentsFeature, backup: BackupFeature) {
  const { options } = f;
  const updates = new Updates({
    db: f.db,
    settings: f.settings,
    keys: publicKeys(options.updateKeys ?? RELEASE_PUBLIC_KEYS),
    currentVersion: options.appVersion ?? '0.0.0-development',
    counterId: f.keys.databaseId,
    platform: process.platform,
    now: f.now,
    audit: f.record,
    log: f.log,
    openWork: () => ({
      sales: payments.sales.openCount(),
      cardForms: payments.checkout.liveCount(),
      terminalPushes: payments.terminal.followingCount(),
      unresolved: unresolvedCount({ journal: f.journal, checkout: payments.checkout, terminal: payments.terminal }),
      // A drawer count is one call (drawer.close): it is never half-done in main.
      drawerCount: false,
    }),
    // A shop that set no backup passphrase is not kept from updates (its status bar already says backups are off).
    backUp: async () => (backup.backups.status().passphraseSet ? backup.backups.backUp('update') : null),
  });
  updates.recordVersion();
  return {
    updates,
    handlers: updateHandlers({ updates, settings: f.settings, audit: f.record }),
    /**
     * After each Z: its backup (the result on the manager's status bar, never in the Z's way), then
     * an update that waits for a quiet moment installs if nothing is open (the shell restarts into it).
     */
    afterZ: (staffId: string) =>
      void backup.backups.backUp('z', staffId).then(async () => {
        if (await updates.install('z')) options.installUpdate?.();
      }),
  };
}
export type UpdatesFeature = ReturnType<typeof updatesFeature>;
