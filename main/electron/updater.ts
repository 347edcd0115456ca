/**
 * The Electron side of updates, deliberately thin: electron-updater fetches and installs, and asks
 * main/updates/updates.ts at each step. Daily: our check of the signed feed decides; only then does
 * electron-updater download (it checks the SHA-512 from the feed it reads, and on Windows the
 * installer's code signature); we check the downloaded file against the feed we verified; it installs
 * at the Z (core calls installUpdate) or at quit, never mid-shift, never with anything open.
 */
import { autoUpdater } from 'electron-updater';
import type { PosCore } from '../core';
import { CHECK_EVERY_MS } from '../updates/updates';

export function runUpdates(core: PosCore) {
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.logger = null;
  autoUpdater.on('error', (err: Error) => core.log(`[pos] update download failed: ${err.name}`));
  autoUpdater.on('update-downloaded', (e) => void core.updates.downloaded(e.downloadedFile, e.version));

  const check = async () => {
    const decision = await core.updates.check();
    if (decision?.action !== 'download') return;
    autoUpdater.setFeedURL({ provider: 'generic', url: core.updates.feedUrl() });
    const found = await autoUpdater.checkForUpdates().catch(() => null);
    if (found?.isUpdateAvailable && found.updateInfo.version === decision.version)
      await autoUpdater.downloadUpdate().catch(() => undefined);
  };
  setTimeout(() => void check(), 60_000).unref();
  setInterval(() => void check(), CHECK_EVERY_MS).unref();

  return {
    // At quit, before the core closes: a ready update installs when nothing is open (the day's last act).
    installAtQuit: () => core.updates.install('quit').catch(() => false),
    install: (restart = true) => autoUpdater.quitAndInstall(true, restart),
  };
}
