/**
 * The hardened app (POS_FORCE_HARDENED=1 on the unpackaged build: what a packaged build always is):
 * no DevTools by shortcut or by menu, devTools off in the window, debugging switches refused.
 * Runs wherever the Electron binary exists; elsewhere skipped with the reason.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { electronBinary } from './electron-binary';

const bin = electronBinary();
const ROOT = path.resolve(__dirname, '../..');
const rootArgs = () => (process.getuid?.() === 0 ? ['--no-sandbox'] : []);

test.describe('hardened Electron app', () => {
  test.skip(!bin.path, bin.reason);

  test('no DevTools by shortcut, none in the menu, devTools off in the window', async () => {
    const userData = mkdtempSync(path.join(tmpdir(), 'pos-hardened-'));
    const app = await electron.launch({
      executablePath: bin.path!,
      args: [...rootArgs(), path.join(ROOT, 'dist/main/index.js')],
      // Playwright itself connects through --inspect/--remote-debugging-port: allowed for this
      // development build only (a packaged app ignores POS_ALLOW_AUTOMATION).
      env: { ...process.env, POS_USER_DATA: userData, POS_FORCE_HARDENED: '1', POS_ALLOW_AUTOMATION: '1' } as Record<
        string,
        string
      >,
    });
    try {
      const page = await app.firstWindow();
      await page.keyboard.press('Control+Shift+I');
      await page.keyboard.press('F12');
      const seen = await app.evaluate(({ BrowserWindow, Menu }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        const labels: string[] = [];
        const walk = (items: Electron.MenuItem[]) =>
          items.forEach((i) => {
            labels.push(`${i.role ?? ''}:${i.label}`);
            if (i.submenu) walk(i.submenu.items);
          });
        walk(Menu.getApplicationMenu()?.items ?? []);
        const byShortcut = w.webContents.isDevToolsOpened();
        // devTools: false in the window's preferences: even asking directly opens nothing.
        w.webContents.openDevTools();
        return { open: byShortcut, openedOnRequest: w.webContents.isDevToolsOpened(), labels };
      });
      expect(seen.open).toBe(false);
      expect(seen.openedOnRequest).toBe(false);
      expect(seen.labels.join(' ')).not.toMatch(/toggledevtools|reload|View/i);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });

  test('a debugging switch on the command line: the app refuses to start', () => {
    const r = spawnSync(
      bin.path!,
      [...rootArgs(), path.join(ROOT, 'dist/main/index.js'), '--remote-debugging-port=9333'],
      {
        env: {
          ...process.env,
          POS_FORCE_HARDENED: '1',
          POS_USER_DATA: mkdtempSync(path.join(tmpdir(), 'pos-switch-')),
        },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/refusing to start: --remote-debugging-port/);
  });
});
