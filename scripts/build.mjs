// Builds everything the app and the tests load: the renderer (Vite), main and preload (esbuild),
// and the harness copy of the preload, where `electron` is a stand-in that binds to the test's router.
import { build as vite } from 'vite';
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = (p) => path.join(root, p);

export async function buildAll({ quiet = false } = {}) {
  await vite({ configFile: r('vite.config.mts'), logLevel: quiet ? 'warn' : 'info' });
  /** @type {import('esbuild').BuildOptions} */
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
  await esbuild({
    ...common,
    entryPoints: [r('main/index.ts')],
    outfile: r('dist/main/index.js'),
    format: 'cjs',
    external: ['electron', 'keytar', 'better-sqlite3'],
  });
  // A sandboxed preload must be one file and may only require('electron').
  await esbuild({ ...common, entryPoints: [r('preload/index.ts')], outfile: r('dist/preload/index.js'), format: 'cjs', external: ['electron'] });
  await esbuild({ ...common, entryPoints: [r('preload/customer.ts')], outfile: r('dist/preload/customer.js'), format: 'cjs', external: ['electron'] });
  // The harness copies of the preloads: `electron` is a stand-in bound to the test's core.
  const harnessPreload = (entry, outfile, standIn) =>
    esbuild({
      ...common,
      platform: 'browser',
      target: 'chrome120',
      entryPoints: [r(entry)],
      outfile: r(outfile),
      format: 'iife',
      alias: { electron: r(standIn) },
    });
  await harnessPreload('preload/index.ts', 'dist/test/preload-harness.js', 'test/e2e/electron-stand-in.ts');
  await harnessPreload('preload/customer.ts', 'dist/test/preload-customer-harness.js', 'test/e2e/customer-stand-in.ts');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildAll().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
