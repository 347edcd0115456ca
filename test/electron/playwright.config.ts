import { defineConfig } from '@playwright/test';

// Playwright `_electron` against the unpackaged build (dist/main/index.js): the packaged app has the
// nodeCliInspect fuse off, which Playwright needs to attach. Fuses are checked on the artifact separately.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  outputDir: '../../test-results/electron',
  workers: 1,
  timeout: 90_000,
  reporter: [['list'], ['json']],
});
