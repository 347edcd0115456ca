/**
 * Electron entry. Deliberately thin: windows, protocol, IPC binding and security settings. All
 * behaviour lives in createPosCore, which the tests run without Electron.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import path from 'node:path';
import keytar from 'keytar';
import { createPosCore } from './core';
import { PosError } from './errors';
import { APP_ORIGIN, CHECKOUT_ORIGIN, registerAppScheme, serveApp } from './app/protocol';
import { lockNavigation, lockSession, secureWebPreferences } from './app/security';
import { registerIpc } from './ipc/register';
import { electronOutput } from './app/output';
import { createKeytarVault } from './vault/vault';

// Tests point userData at a throwaway folder.
if (process.env.POS_USER_DATA) app.setPath('userData', process.env.POS_USER_DATA);

// One counter app per machine: two would write the same journal and keychain entries.
if (!app.requestSingleInstanceLock()) app.exit(0);
app.on('second-instance', () => {
  const w = BrowserWindow.getAllWindows()[0];
  if (w) {
    if (w.isMinimized()) w.restore();
    w.focus();
  }
});

registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_e, wc) => lockNavigation(wc, APP_ORIGIN));

async function main(): Promise<void> {
  await app.whenReady();
  lockSession(session.defaultSession);
  const core = await createPosCore({
    appOrigin: APP_ORIGIN,
    checkoutHostUrl: `${CHECKOUT_ORIGIN}/host.html`,
    journalFile: path.join(app.getPath('userData'), 'counter-pos.sqlite'),
    vault: createKeytarVault(keytar),
    output: electronOutput(() => BrowserWindow.getAllWindows()[0] ?? null),
  });
  serveApp(path.join(__dirname, '../renderer'), () => core.helcimOrigin());
  registerIpc(core.dispatch);

  const win = new BrowserWindow({
    width: 1100,
    height: 800,
    show: false,
    title: 'Counter POS',
    backgroundColor: '#f3f5f7',
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.js')),
  });
  const windowId = win.webContents.id;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => core.sessions.signOut(windowId));
  app.on('window-all-closed', () => {
    void core.close().finally(() => app.quit());
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

main().catch((err) => {
  // A typed error (e.g. an unreadable database) is shown as it is; anything else by name only.
  if (err instanceof PosError) dialog.showErrorBox('Counter POS cannot start', err.message);
  console.error(`[pos] start-up failed: ${err instanceof PosError ? err.code : err instanceof Error ? err.name : 'error'}`);
  app.exit(1);
});
