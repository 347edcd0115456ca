/**
 * A window whose page dies (issue 30, part 4): main logs it in the day's log file and reloads the
 * window to the sign-in screen; crash dumps stay on this PC. Runs wherever the Electron binary
 * exists; elsewhere skipped with the reason.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { electronBinary } from './electron-binary';

const bin = electronBinary();
const ROOT = path.resolve(__dirname, '../..');
const rootArgs = () => (process.getuid?.() === 0 ? ['--no-sandbox'] : []);

test.describe('a page that dies', () => {
  test.skip(!bin.path, bin.reason);

  test('is logged and reloaded to the sign-in screen', async () => {
    test.setTimeout(60_000);
    const userData = mkdtempSync(path.join(tmpdir(), 'pos-recovery-'));
    const app = await electron.launch({
      executablePath: bin.path!,
      args: [...rootArgs(), path.join(ROOT, 'dist/main/index.js')],
      env: { ...process.env, POS_USER_DATA: userData, POS_ALLOW_AUTOMATION: '1' } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      await page.getByTestId('fr-name').waitFor();
      const upload = await app.evaluate(({ crashReporter }) => crashReporter.getUploadToServer());
      expect(upload).toBe(false);
      await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer(),
      );
      await expect(page.getByTestId('fr-name')).toBeVisible({ timeout: 20_000 });
      const logs = path.join(userData, 'logs');
      const text = readdirSync(logs)
        .map((f) => readFileSync(path.join(logs, f), 'utf8'))
        .join('');
      expect(text).toMatch(/a window's page stopped \(.+\); reloading to sign-in/);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
