// The system packages `npm start` and `npm test` need before `npm ci` can build keytar and
// better-sqlite3, and before the tests can start a keychain and a browser. Checked first, so a new
// machine gets a plain message (or, on Debian/Ubuntu as root, the packages) — never a node-gyp dump.
//
//   node scripts/prereqs.mjs test|start     check; install on Debian/Ubuntu as root; else explain, exit 1
//   POS_PREREQS_DRY_RUN=1                   say what would be installed, install nothing (tests use it)
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What to look for, and the package names that bring it on each system. */
const GROUPS = [
  {
    id: 'toolchain',
    what: 'a C++ toolchain for native modules (keytar, better-sqlite3)',
    for: ['start', 'test'],
    present: () => (onPath('g++') || onPath('c++')) && onPath('make') && onPath('python3'),
    apt: ['g++', 'make', 'python3'],
    dnf: ['gcc-c++', 'make', 'python3'],
  },
  {
    id: 'libsecret',
    what: 'the Secret Service library and headers (keytar, the OS keychain)',
    for: ['start', 'test'],
    linuxOnly: true,
    present: () =>
      onPath('pkg-config') && spawnSync('pkg-config', ['--exists', 'libsecret-1'], { stdio: 'ignore' }).status === 0,
    apt: ['pkg-config', 'libsecret-1-dev'],
    dnf: ['pkgconf-pkg-config', 'libsecret-devel'],
  },
  {
    id: 'keyring',
    what: 'a private keychain for the tests (gnome-keyring in its own D-Bus session)',
    for: ['test'],
    linuxOnly: true,
    present: () => onPath('gnome-keyring-daemon') && onPath('dbus-run-session'),
    apt: ['gnome-keyring', 'dbus', 'dbus-x11'],
    dnf: ['gnome-keyring', 'dbus-daemon'],
  },
  {
    id: 'chromium',
    what: 'Chromium for the screen journeys',
    for: ['test'],
    present: () => !!process.env.CHROMIUM_PATH || onPath('chromium'),
    apt: ['chromium', 'fonts-dejavu-core'],
    dnf: ['chromium', 'dejavu-sans-fonts'],
  },
  {
    id: 'postgresql',
    what: 'PostgreSQL server programs, for the tests of a shop database shared by several counters (started privately, never as a service)',
    for: ['test'],
    linuxOnly: true,
    // Debian keeps initdb and postgres in /usr/lib/postgresql/<version>/bin, off the PATH.
    present: () =>
      onPath('initdb') || (existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').length > 0),
    apt: ['postgresql'],
    dnf: ['postgresql-server'],
  },
  {
    id: 'openssl',
    what: 'OpenSSL, for the throwaway certificates of the shop-database tests (the server is pinned by its certificate)',
    for: ['test'],
    linuxOnly: true,
    // Like the PostgreSQL programs, looked for where Debian puts it as well as on the PATH.
    present: () => onPath('openssl') || existsSync('/usr/bin/openssl'),
    apt: ['openssl'],
    dnf: ['openssl'],
  },
  {
    id: 'display',
    what: 'a virtual display for the Electron journeys',
    for: ['test'],
    linuxOnly: true,
    present: () => onPath('xvfb-run'),
    apt: ['xvfb', 'xauth'],
    dnf: ['xorg-x11-server-Xvfb', 'xorg-x11-xauth'],
  },
];

function onPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      /* not here */
    }
  }
  return false;
}

/** 'debian' (Debian, Ubuntu and their kin), 'fedora', 'mac', 'windows' or 'other'. */
function systemKind() {
  if (process.platform === 'darwin') return 'mac';
  if (process.platform === 'win32') return 'windows';
  const file = process.env.POS_OS_RELEASE ?? '/etc/os-release';
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const ids = /^(?:ID|ID_LIKE)=(.*)$/gm;
  const words = [...text.matchAll(ids)].flatMap((m) => m[1].replace(/"/g, '').split(/\s+/));
  if (words.some((w) => w === 'debian' || w === 'ubuntu')) return 'debian';
  if (words.some((w) => w === 'fedora' || w === 'rhel' || w === 'centos')) return 'fedora';
  return 'other';
}

export function ensurePrerequisites(purpose) {
  const kind = systemKind();
  if (kind === 'windows') return; // prebuilt keytar/better-sqlite3; Credential Manager; nothing to install
  const missing = GROUPS.filter((g) => g.for.includes(purpose) && !(g.linuxOnly && kind === 'mac') && !g.present());
  if (missing.length === 0) return;

  const isRoot = process.getuid?.() === 0;
  const dryRun = process.env.POS_PREREQS_DRY_RUN === '1';
  if (kind === 'debian' && isRoot) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (!dryRun && spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status !== 0)
      fail('apt-get update failed; see above.');
    for (const g of missing) {
      console.log(`Installing ${g.what}: apt-get install ${g.apt.join(' ')}`);
      if (dryRun) continue;
      const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...g.apt], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env,
      });
      if (r.status !== 0) fail(`apt-get could not install ${g.apt.join(' ')}; see above.`);
    }
    if (dryRun) fail('(dry run: nothing was installed)');
    return;
  }

  const lines = missing.map((g) => `  • ${g.what}`);
  let how;
  if (kind === 'debian') how = `sudo apt-get install -y ${missing.flatMap((g) => g.apt).join(' ')}`;
  else if (kind === 'fedora') how = `sudo dnf install -y ${missing.flatMap((g) => g.dnf).join(' ')}`;
  else if (kind === 'mac')
    how =
      'xcode-select --install   (the C++ toolchain; the keychain and Chromium need nothing more: brew install --cask chromium for the journeys)';
  else
    how =
      'install them with your system’s package manager (Debian names: ' + missing.flatMap((g) => g.apt).join(' ') + ')';
  fail(
    `Counter POS needs some system packages before \`npm ${purpose}\` can run:\n${lines.join('\n')}\n\nInstall them with:\n  ${how}\n\nThen run \`npm ${purpose}\` again.`,
  );
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensurePrerequisites(process.argv[2] === 'start' ? 'start' : 'test');
  console.log('System prerequisites: all present.');
}
