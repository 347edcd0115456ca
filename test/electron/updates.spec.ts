/**
 * The Electron side of updates (main/electron/updater.ts; the policy is tested in Node in
 * test/integration/updates.test.ts): closing the window with no update waiting quits the app cleanly
 * (the quit path asks the update service first, while the journal is open), installing nothing.
 * Runs wherever the Electron binary exists; elsewhere skipped with the reason.
 */
import { expect, test } from '@playwright/test';
import { electronBinary, launchCounter } from './electron-binary';

const bin = electronBinary();

test.describe('updates in the Electron shell', () => {
  test.skip(!bin.path, bin.reason);

  test('closing the window with no update waiting quits cleanly, installing nothing', async () => {
    test.setTimeout(60_000);
    const counter = await launchCounter(bin.path!, 'updates');
    try {
      const page = await counter.app.firstWindow();
      await page.getByTestId('fr-name').waitFor();
      const closed = counter.app.waitForEvent('close');
      await counter.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
      await closed;
      expect(counter.logs()).not.toMatch(/update\.install/);
    } finally {
      await counter.close();
    }
  });
});
