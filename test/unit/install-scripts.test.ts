/**
 * Install scripts run only for dependencies reviewed at the exact version the lockfile installs,
 * and not at all where the app does not need them.
 *
 * npm's allowScripts can pin approvals (`pkg@1.2.3`), but npm 11 derives a package's identity for a
 * pin from the lockfile's download address, which this project's lockfile does not record, so
 * pinned entries never match and npm reports them unreviewed.
 * package.json therefore approves by name, and this test holds the pin: a new version of any
 * package with an install script fails here until someone has read its script and updated REVIEWED.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Reviewed install scripts, at these versions. */
const REVIEWED: Record<string, { version: string; why: string }> = {
  keytar: { version: '7.9.0', why: 'builds the Secret Service binding (prebuild-install || node-gyp)' },
  'better-sqlite3': { version: '12.11.1', why: 'builds SQLite (prebuild-install || node-gyp)' },
  electron: { version: '40.10.2', why: 'downloads the Electron binary (skipped with ELECTRON_SKIP_BINARY_DOWNLOAD)' },
  esbuild: { version: '0.28.2', why: 'checks its platform binary package' },
};
/** Denied: present in the tree, script not needed. */
const DENIED = ['electron-winstaller']; // Squirrel.Windows tooling of electron-builder; we build NSIS

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
};

test('allowScripts approves exactly the reviewed packages and denies the unneeded ones', () => {
  assert.deepEqual(
    Object.entries(pkg.allowScripts).sort(),
    [...Object.keys(REVIEWED).map((n) => [n, true]), ...DENIED.map((n) => [n, false])].sort(),
  );
});

test('every dependency with an install script is reviewed at the version the lockfile installs, or denied', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([k, v]) => k.startsWith('node_modules/') && v.hasInstallScript)
    .map(([k, v]) => ({ name: k.replace(/^.*node_modules\//, ''), version: v.version }));
  assert.ok(withScripts.length >= Object.keys(REVIEWED).length);
  for (const d of withScripts) {
    if (DENIED.includes(d.name)) continue;
    assert.equal(
      REVIEWED[d.name]?.version,
      d.version,
      `${d.name}@${d.version}: read its install script, then update REVIEWED`,
    );
  }
});
