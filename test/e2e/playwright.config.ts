import { defineConfig } from '@playwright/test';

// Debian's Chromium (apt-get install chromium); Playwright's own browser download is not possible here.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  outputDir: '../../test-results/chromium',
  workers: 2,
  fullyParallel: true,
  timeout: 60_000,
  reporter: [['list'], ['json']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // Every journey runs on a roomy counter screen and on a small one (1024×768), with screenshots of both.
  projects: [
    { name: 'desktop', use: { viewport: { width: 1100, height: 800 } } },
    // layout.spec.ts sets its own sizes (1366×768 and 1024×768), so it runs once.
    { name: 'small', use: { viewport: { width: 1024, height: 768 } }, testIgnore: /layout\.spec\.ts/ },
  ],
});
