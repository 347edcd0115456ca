/**
 * The counter's first screen is light (issue 31): the page's first script — its entry and what that
 * imports at once, as the Chromium page fetches it — is React, the sign-in screen and the shell. The
 * language (with FormatJS), the signed-in counter and every other screen come later, each its own
 * chunk. Built here as the app builds it (vite.config.mts), without writing to dist/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { OutputChunk, RolldownOutput } from 'rolldown';

const ROOT = path.resolve(__dirname, '../..');
/** Renderer initial JavaScript, gzip -9, summed per file as `npm run bench` measures it (issue 31). */
const MAX_INITIAL_BYTES = 70 * 1024;

async function firstScript(): Promise<{ modules: string[]; bytes: number }> {
  const { build } = await import('vite');
  const out = (await build({
    configFile: path.join(ROOT, 'vite.config.mts'),
    logLevel: 'silent',
    build: { write: false, emptyOutDir: false },
  })) as RolldownOutput | RolldownOutput[];
  const chunks = (Array.isArray(out) ? out : [out])
    .flatMap((o) => o.output)
    .filter((o): o is OutputChunk => o.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry && c.facadeModuleId?.endsWith('renderer/index.html'));
  assert.ok(entry, 'the counter page’s entry is built');
  const seen = new Set<OutputChunk>();
  const walk = (c: OutputChunk) => {
    if (seen.has(c)) return;
    seen.add(c);
    for (const f of c.imports) walk(byName.get(f)!);
  };
  walk(entry);
  return {
    modules: [...seen].flatMap((c) => c.moduleIds.map((id) => path.relative(ROOT, id))),
    bytes: [...seen].reduce((n, c) => n + gzipSync(c.code, { level: 9 }).length, 0),
  };
}

test(
  'the first script is React, the sign-in screen and the shell: no words, no FormatJS, no signed-in screen',
  { timeout: 120_000 },
  async () => {
    const { modules, bytes } = await firstScript();
    const has = (re: RegExp) => modules.filter((m) => re.test(m));
    assert.ok(has(/renderer\/src\/staff\/SignInScreen\.tsx$/).length, 'the sign-in screen is in it');
    assert.ok(has(/node_modules\/react-dom\//).length, 'React is in it');
    assert.deepEqual(has(/common\/i18n\/(en-CA|fr-CA|index|translator)\.ts$/), [], 'no catalog, no translator');
    assert.deepEqual(has(/@formatjs|intl-messageformat/), [], 'no FormatJS: it comes with the language');
    assert.deepEqual(has(/renderer\/src\/app\/Workspace\.tsx$/), [], 'the signed-in shell is fetched after');
    assert.deepEqual(
      has(/renderer\/src\/(sale|catalog|transactions|drawer|reports|helcim|shop|receipts|customers)\//),
      [],
      'no screen but sign-in',
    );
    assert.ok(bytes <= MAX_INITIAL_BYTES, `${(bytes / 1024).toFixed(1)} KiB gzip, at most 70 KiB`);
  },
);
