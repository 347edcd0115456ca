// Builds everything the app and the tests load: the renderer (Vite), main and preload (esbuild),
// and the harness copy of the preload, where `electron` is a stand-in that binds to the test's router.
import { build as vite } from 'vite';
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = (p) => path.join(root, p);

/** esbuild options every bundle shares. @type {import('esbuild').BuildOptions} */
const COMMON = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

/**
 * The sandboxed preloads (the bridges), and the most each may weigh: a preload bundles only what it
 * uses, never zod or the catalogs (issue 26). test/unit/preload-bundles.test.ts holds them to it.
 */
export const PRELOADS = [
  { name: 'counter', entry: 'preload/index.ts', outfile: 'dist/preload/index.js', maxBytes: 10_240 },
  { name: 'customer display', entry: 'preload/customer.ts', outfile: 'dist/preload/customer.js', maxBytes: 10_240 },
];

/**
 * A sandboxed preload must be one file and may only require('electron').
 * @param {string} entry
 * @returns {import('esbuild').BuildOptions}
 */
export const preloadOptions = (entry) => ({
  ...COMMON,
  sourcemap: false,
  entryPoints: [r(entry)],
  format: 'cjs',
  external: ['electron'],
});

/** Each preload's size as built (without its source map), in bytes. */
export async function preloadSizes() {
  const out = [];
  for (const p of PRELOADS) {
    const res = await esbuild({ ...preloadOptions(p.entry), write: false });
    out.push({ ...p, bytes: res.outputFiles?.[0]?.contents.byteLength ?? 0 });
  }
  return out;
}

export async function buildAll({ quiet = false } = {}) {
  await vite({ configFile: r('vite.config.mts'), logLevel: quiet ? 'warn' : 'info' });
  const common = COMMON;
  await esbuild({
    ...common,
    entryPoints: [r('main/index.ts')],
    outfile: r('dist/main/index.js'),
    format: 'cjs',
    external: ['electron', 'keytar', 'better-sqlite3'],
  });
  for (const p of PRELOADS) await esbuild({ ...preloadOptions(p.entry), sourcemap: true, outfile: r(p.outfile) });
  if (!quiet)
    for (const p of await preloadSizes())
      console.log(
        `preload ${p.name.padEnd(16)} ${(p.bytes / 1024).toFixed(1).padStart(5)} KB (at most ${p.maxBytes / 1024} KB)`,
      );
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
