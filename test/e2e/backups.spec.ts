/**
 * Backups on a counter screen (issue 30, parts 1 and 2): a manager is told backups are off, sets the
 * shop's passphrase (typed twice) and makes one; the status bar's warning goes. On a fresh install,
 * "Restore from a backup" refuses a wrong passphrase in words and changes nothing, then restores the
 * shop's backup and says what it brought back. At 1100×800 and 1024×768, with axe on every screen.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, shot, STAFF, tabTo, test } from './harness';
import { testCore } from '../support/core';

const PASSPHRASE = 'corner store backups 2026';

test.describe('a manager', () => {
  test.use({ signedInAs: STAFF.manager });

  test('is told backups are off, sets the passphrase and makes one; the warning goes', async ({ page, h }) => {
    test.setTimeout(60_000);
    await expect(page.getByTestId('backup-problem-bar')).toHaveText(
      'Backups are off: set a backup passphrase (Staff & settings → Backups).',
    );
    await page.getByTestId('tab-staff').click();
    await page.getByTestId('backup-card').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('backup-now')).toBeDisabled();
    await page.getByTestId('backup-passphrase').fill(PASSPHRASE);
    await page.getByTestId('backup-passphrase-again').fill(`${PASSPHRASE}!`);
    await expect(page.getByText('The two passphrases differ.')).toBeVisible();
    await expect(page.getByTestId('backup-set-passphrase')).toBeDisabled();
    // By keyboard: the passphrase again, then Enter sets it.
    await page.getByTestId('backup-passphrase-again').fill('');
    await tabTo(page, 'backup-passphrase-again');
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('backup-news')).toHaveText('Passphrase set.');
    await expect(page.getByTestId('backup-set-passphrase')).toHaveText('Change the passphrase');
    await page.getByTestId('backup-now').click();
    await expect(page.getByTestId('backup-news')).toContainText('Backup made and checked: counter-pos-');
    await expect(page.getByTestId('backup-last')).toContainText('Last backup:');
    await expect(page.getByTestId('backup-second')).toHaveText('No second place set.');
    await expect(page.getByTestId('backup-problem-bar')).toHaveCount(0, { timeout: 10_000 });
    expect(h.core.backups.files()).toHaveLength(1);
    // The passphrase never came back to the screen.
    expect(h.bridgeAnswers.some((a) => a.includes(PASSPHRASE))).toBe(false);
    await shot(page, 'backup-1-card');
  });
});

test.describe('a manager’s Health card', () => {
  test.use({ signedInAs: STAFF.manager });

  test('says what needs a person, and saves a support file with no PIN in it', async ({ page, h }) => {
    test.setTimeout(60_000);
    await page.getByTestId('tab-staff').click();
    await page.getByTestId('health-card').scrollIntoViewIfNeeded();
    // No passphrase yet: the backup line is red and says what to do; a counter alone waits on nothing.
    await expect(page.getByTestId('health-backup')).toHaveAttribute('data-red', 'yes');
    await expect(page.getByTestId('health-backup')).toContainText('set a backup passphrase');
    await expect(page.getByTestId('health-outbox')).toHaveText('Not linked to a shop database.');
    await expect(page.getByTestId('health-unresolved')).toHaveAttribute('data-red', 'no');
    await expect(page.getByTestId('health-disk')).toContainText('Free disk space:');
    await page.getByTestId('support-save').click();
    await expect(page.getByTestId('support-saved')).toContainText('counter-pos-support-');
    const file = (await page.getByTestId('support-saved').textContent())!.replace(/^Saved: /, '');
    const text = readFileSync(file, 'utf8');
    for (const who of Object.values(STAFF)) expect(text).not.toContain(who.pin);
    expect(JSON.parse(text).integrityCheck).toBe('ok');
    expect(path.dirname(file)).toBe(h.dir);
    await shot(page, 'backup-4-health');
    // Updates: the version running, and the shop's own feed (https only, said in words).
    await expect(page.getByTestId('updates-version')).toHaveText('This counter runs version 0.0.0-development.');
    await page.getByTestId('updates-feed').fill('http://updates.example.com/stable/');
    await page.getByTestId('updates-save-feed').click();
    await expect(page.getByTestId('updates-error')).toContainText('an https address of a folder');
    expect(h.core.settings.get('updates.feed')).toBeNull();
    await page.getByTestId('updates-feed').fill('https://updates.corner.example/stable/');
    await page.getByTestId('updates-save-feed').click();
    await expect(page.getByTestId('updates-error')).toHaveCount(0);
    expect(h.core.settings.get('updates.feed')).toBe('https://updates.corner.example/stable/');
  });
});

test.describe('a fresh install', () => {
  test.use({ seed: false, signedInAs: null });

  test('restores the shop from a backup: a wrong passphrase refused in words, then the shop brought back', async ({
    page,
    h,
  }) => {
    test.setTimeout(60_000);
    // The old counter: two staff, a passphrase, a backup on its drive.
    const old = await testCore('e2e-old-counter');
    let file: string;
    try {
      await old.core.staffStore.create('Morgan', 'manager', '135790');
      await old.core.staffStore.create('Casey', 'cashier', '2468');
      await old.core.backups.setPassphrase(PASSPHRASE, 'system');
      const run = await old.core.backups.backUp('manager');
      file = path.join(old.core.backups.folder, run.file!);
      // By keyboard alone: the file's path, the passphrase, Enter.
      await tabTo(page, 'restore-file');
      await page.keyboard.type(file);
      await page.keyboard.press('Tab');
      await page.keyboard.type('not the passphrase at all');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('restore-error')).toContainText('not the passphrase this backup was made with');
      expect(existsSync(`${path.join(h.dir, 'journal.sqlite')}.restoring`)).toBe(false);
      await shot(page, 'backup-2-restore-refused');
      await page.getByTestId('restore-passphrase').fill('');
      await page.getByTestId('restore-passphrase').focus();
      await page.keyboard.type(PASSPHRASE);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('restore-done')).toContainText('2 staff members, 0 payments');
      await expect(page.getByTestId('restore-next')).toHaveText(
        'Close Counter POS and open it again to open the restored shop.',
      );
      expect(existsSync(`${path.join(h.dir, 'journal.sqlite')}.restoring`)).toBe(true);
      await shot(page, 'backup-3-restored');
    } finally {
      await old.close();
    }
  });
});
