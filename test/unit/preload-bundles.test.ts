/**
 * Each sandboxed preload bundles only what it uses (issue 26): built here as the app builds it
 * (scripts/build.mjs), its size held under its limit, and its only outside module `electron`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { build } from 'esbuild';
// @ts-expect-error: a plain .mjs build script, no type declarations
import { PRELOADS, preloadOptions, preloadSizes } from '../../scripts/build.mjs';

type Preload = { name: string; entry: string; maxBytes: number; bytes: number };
const ROOT = path.resolve(__dirname, '../..');

test('the preloads are small: the customer display’s under 10 KB, the counter’s too', { timeout: 60_000 }, async () => {
  const sizes = (await preloadSizes()) as Preload[];
  assert.deepEqual(
    sizes.map((p) => [p.name, p.maxBytes]),
    [
      ['counter', 10_240],
      ['customer display', 10_240],
    ],
  );
  for (const p of sizes)
    assert.ok(p.bytes > 0 && p.bytes <= p.maxBytes, `${p.name}: ${p.bytes} bytes, at most ${p.maxBytes}`);
});

test(
  'a preload requires nothing but electron: everything else is inside the one file',
  { timeout: 60_000 },
  async () => {
    for (const p of PRELOADS as Preload[]) {
      const res = await build({ ...preloadOptions(p.entry), write: false, metafile: true });
      const outside = Object.values(res.metafile!.outputs)
        .flatMap((o) => o.imports)
        .filter((i) => i.external)
        .map((i) => i.path);
      assert.deepEqual([...new Set(outside)], ['electron'], p.name);
    }
  },
);

test(
  'the size check can fail: a preload that reached for the contract’s schemas would weigh far more',
  { timeout: 60_000 },
  async () => {
    // The same bridge with the zod contract pulled in (what the customer display's preload did before).
    const res = await build({
      ...preloadOptions('preload/customer.ts'),
      entryPoints: undefined,
      write: false,
      stdin: {
        contents: "import { contract } from '../common/contract';\nexport const n = Object.keys(contract).length;\n",
        resolveDir: path.join(ROOT, 'preload'),
        loader: 'ts',
      },
    });
    assert.ok(res.outputFiles![0]!.contents.byteLength > 10_240);
  },
);
