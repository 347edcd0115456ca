/**
 * A window whose page dies (issue 30, part 4): main logs it in the day's log file and reloads the
 * window to the sign-in screen; crash dumps stay on this PC. Runs wherever the Electron binary
 * exists; elsewhere skipped with the reason.
 */
import { expect, test } from '@playwright/test';
import { electronBinary, launchCounter } from './electron-binary';

const bin = electronBinary();

test.describe('a page that dies', () => {
  test.skip(!bin.path, bin.reason);

  test('is logged and reloaded to the sign-in screen', async () => {
    test.setTimeout(60_000);
    const counter = await launchCounter(bin.path!, 'recovery');
    try {
      const page = await counter.app.firstWindow();
      await page.getByTestId('fr-name').waitFor();
      expect(await counter.app.evaluate(({ crashReporter }) => crashReporter.getUploadToServer())).toBe(false);
      await counter.app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer(),
      );
      await expect(page.getByTestId('fr-name')).toBeVisible({ timeout: 20_000 });
      expect(counter.logs()).toMatch(/a window's page stopped \(.+\); reloading to sign-in/);
    } finally {
      await counter.close();
    }
  });
});
