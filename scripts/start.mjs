// `npm start`: installs dependencies if missing, fetches the Electron binary if it can, builds, and
// launches the app. With no Helcim token in the keychain the app opens in training mode.
// Where the Electron binary cannot be had, it says so and how to fix it, without a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';
import { ensurePrerequisites } from './prereqs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const require = createRequire(import.meta.url);

ensurePrerequisites('start');
ensureDependencies();

function electronPath() {
  try {
    const p = require('electron'); // honours ELECTRON_OVERRIDE_DIST_PATH
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

let bin = electronPath();
if (!bin && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.log('Fetching the Electron binary…');
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: ['ignore', 'ignore', 'pipe'] });
  bin = electronPath();
}
if (!bin) {
  const version = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
  console.error(`
Counter POS cannot start: the Electron ${version} binary is not installed.
npm could not download it (it comes from GitHub, which this machine cannot reach).

Fix it in one of these ways, then run \`npm start\` again:
  • on a machine with internet access: just run npm start again (it fetches the binary)
  • through a mirror you can reach:    ELECTRON_MIRROR=https://your-mirror/electron/ npm start
  • with an Electron ${version} you already have unpacked:
                                        ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dir npm start

Everything else works without it: \`npm test\` runs every suite (the Electron-only tests report
themselves as skipped and say why).`);
  process.exit(1);
}

const { buildAll } = await import('./build.mjs');
await buildAll({ quiet: true });

// keytar and better-sqlite3 are native: build them for Electron's ABI once per Electron version.
const marker = path.join('node_modules', '.counter-pos-native-abi');
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
if (!existsSync(marker) || readFileSync(marker, 'utf8') !== electronVersion) {
  console.log(`Building native modules for Electron ${electronVersion}…`);
  const r = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('Could not build keytar/better-sqlite3 for Electron (it needs the Electron headers download).');
    process.exit(1);
  }
  writeFileSync(marker, electronVersion);
}

const child = spawn(bin, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
