/**
 * Electron entry. Deliberately thin: windows, protocol, IPC binding and security settings. All
 * behaviour lives in createPosCore, which the tests run without Electron.
 */
import { app, BrowserWindow, crashReporter, dialog, Menu, session } from 'electron';
import path from 'node:path';
import keytar from 'keytar';
import { createPosCore } from './core';
import { PosError } from './errors';
import { APP_ORIGIN, COUNTER_PARTITION, registerAppScheme, serveCounterSession } from './electron/protocol';
import { lockNavigation, lockSession, secureWebPreferences } from './electron/security';
import { registerIpc } from './electron/ipc';
import { electronOutput } from './electron/output';
import { runCustomerDisplay } from './electron/customer-window';
import { runUpdates } from './electron/updater';
import { createKeytarVault } from './vault/vault';
import {
  debugSwitch,
  hardenedMenuTemplate,
  hardenedPreferences,
  isHardened,
  lockDevTools,
  mayUseDebugSwitches,
} from './electron/hardening';

const hardened = isHardened(app.isPackaged);

// A packaged app refuses to start with a debugging door open (--remote-debugging-port, --inspect…).
const door = mayUseDebugSwitches(app.isPackaged) ? null : debugSwitch(process.argv);
if (door) {
  console.error(`[pos] refusing to start: ${door} is not allowed in the counter app`);
  app.exit(1);
}

// Development and tests only: point userData at a throwaway folder. A packaged app always uses its
// own, so nobody can start it on a fresh database beside the shop's keychain entries.
if (process.env.POS_USER_DATA && !app.isPackaged) app.setPath('userData', process.env.POS_USER_DATA);

// One counter app per machine: two would write the same journal and keychain entries.
if (!app.requestSingleInstanceLock()) app.exit(0);
app.on('second-instance', () => {
  const w = BrowserWindow.getAllWindows()[0];
  if (w) {
    if (w.isMinimized()) w.restore();
    w.focus();
  }
});

// Crash dumps stay on this PC (app.getPath('crashDumps')); a support file carries them when a person sends one.
crashReporter.start({ uploadToServer: false });

registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_e, wc) => {
  lockNavigation(wc, APP_ORIGIN);
  if (hardened) lockDevTools(wc);
});

let updater: ReturnType<typeof runUpdates> | null = null;

async function main(): Promise<void> {
  await app.whenReady();
  // Electron's default menu has Toggle DevTools and Reload; the packaged app gets a minimal one.
  if (hardened) Menu.setApplicationMenu(Menu.buildFromTemplate(hardenedMenuTemplate(process.platform)));
  lockSession(session.defaultSession);
  const counterSession = session.fromPartition(COUNTER_PARTITION);
  lockSession(counterSession);
  const core = await createPosCore({
    appOrigin: APP_ORIGIN,
    journalFile: path.join(app.getPath('userData'), 'counter-pos.sqlite'),
    vault: createKeytarVault(keytar),
    output: electronOutput(() => BrowserWindow.getAllWindows()[0] ?? null),
    appVersion: app.getVersion(),
    crashDir: app.getPath('crashDumps'),
    // After a Z, with an update downloaded and checked and nothing open: electron-updater installs it.
    installUpdate: () => updater?.install(),
    // After a restore is staged (first-run screen): the restored database is installed at the next start.
    restart: () => {
      app.relaunch();
      void core.close().finally(() => app.exit(0));
    },
  });
  updater = runUpdates(core);
  serveCounterSession(counterSession, path.join(__dirname, '../renderer'), core);
  registerIpc(core.dispatch);

  const win = new BrowserWindow({
    width: 1100,
    height: 800,
    show: false,
    title: 'Counter POS',
    backgroundColor: '#f3f5f7',
    webPreferences: {
      ...hardenedPreferences(secureWebPreferences(path.join(__dirname, '../preload/index.js')), hardened),
      partition: COUNTER_PARTITION,
    },
  });
  const windowId = win.webContents.id;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => core.sessions.signOut(windowId));
  // A window whose page died is logged and brought back to the sign-in screen. Main owns every sale,
  // tender and terminal push, so nothing of the sale is lost: it is on the screen again after sign-in.
  app.on('render-process-gone', (_e, contents, details) => {
    core.log(`[pos] a window's page stopped (${details.reason}, exit ${details.exitCode}); reloading to sign-in`);
    core.sessions.signOut(contents.id);
    if (!contents.isDestroyed()) contents.reload();
  });
  app.on('child-process-gone', (_e, details) =>
    core.log(`[pos] a ${details.type} process stopped (${details.reason}, exit ${details.exitCode})`),
  );
  const stopCustomerDisplay = runCustomerDisplay(core, path.join(__dirname, '../preload/customer.js'), hardened);
  win.on('closed', stopCustomerDisplay);
  app.on('window-all-closed', () => {
    void (async () => {
      // An update waiting for a quiet moment is asked first, while the core (its journal) is open.
      const install = (await updater?.installAtQuit()) ?? false;
      await core.close().catch(() => undefined);
      if (install) updater?.install(false);
      else app.quit();
    })();
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

if (!door)
  main().catch((err) => {
    // A typed error (e.g. an unreadable database) is shown as it is; anything else by name only.
    if (err instanceof PosError) dialog.showErrorBox('Counter POS cannot start', err.message);
    console.error(
      `[pos] start-up failed: ${err instanceof PosError ? err.code : err instanceof Error ? err.name : 'error'}`,
    );
    app.exit(1);
  });
