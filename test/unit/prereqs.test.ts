/**
 * A new machine without the system packages: `npm test` / `npm start` say what is missing and how to
 * get it (or install it with apt-get on Debian/Ubuntu as root), exit 1, and never show a gyp stack.
 * The packages are made to look absent with a PATH that holds only what each case gives it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/prereqs.mjs');
const osRelease = (id: string) => {
  const f = path.join(mkdtempSync(path.join(tmpdir(), 'pos-os-')), 'os-release');
  writeFileSync(f, `NAME="Test"\nID=${id}\n`);
  return f;
};
/** A bin folder with these commands (each exits 0, so `pkg-config --exists` says yes). */
const bin = (...cmds: string[]) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-bin-'));
  for (const c of cmds) {
    writeFileSync(path.join(dir, c), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(dir, c), 0o755);
  }
  return dir;
};
const run = (purpose: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [SCRIPT, purpose], {
    env: { HOME: tmpdir(), ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
const ALL = [
  'g++',
  'make',
  'python3',
  'pkg-config',
  'gnome-keyring-daemon',
  'dbus-run-session',
  'chromium',
  'xvfb-run',
];

test('nothing installed, Fedora: the exact dnf command, exit 1, no gyp stack', () => {
  const r = run('test', { PATH: bin(), POS_OS_RELEASE: osRelease('fedora') });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /needs some system packages before `npm test`/);
  assert.match(
    r.stderr,
    /sudo dnf install -y gcc-c\+\+ make python3 pkgconf-pkg-config libsecret-devel gnome-keyring dbus-daemon chromium dejavu-sans-fonts xorg-x11-server-Xvfb xorg-x11-xauth/,
  );
  assert.doesNotMatch(r.stdout + r.stderr, /gyp|node_modules|\n\s+at /);
});

test('Debian as root: one line per package group it installs with apt-get', () => {
  const r = run('test', {
    PATH: bin('g++', 'make', 'python3'),
    POS_OS_RELEASE: osRelease('debian'),
    POS_PREREQS_DRY_RUN: '1',
  });
  assert.equal(r.status, 1, 'dry run');
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'Installing the Secret Service library and headers (keytar, the OS keychain): apt-get install pkg-config libsecret-1-dev',
    'Installing a private keychain for the tests (gnome-keyring in its own D-Bus session): apt-get install gnome-keyring dbus dbus-x11',
    'Installing Chromium for the screen journeys: apt-get install chromium fonts-dejavu-core',
    'Installing a virtual display for the Electron journeys: apt-get install xvfb xauth',
  ]);
});

test('npm start needs only the build packages; an unknown system gets the Debian names to look for', () => {
  const r = run('start', {
    PATH: bin('gnome-keyring-daemon', 'dbus-run-session', 'chromium', 'xvfb-run'),
    POS_OS_RELEASE: osRelease('arch'),
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /before `npm start`/);
  assert.match(r.stderr, /Debian names: g\+\+ make python3 pkg-config libsecret-1-dev\)/);
  assert.doesNotMatch(r.stderr, /Chromium|virtual display/);
});

test('everything present: exit 0', () => {
  const r = run('test', { PATH: bin(...ALL), POS_OS_RELEASE: osRelease('debian') });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /all present/);
});
