/**
 * The lint gate can fail: each boundary rule is shown a small fixture that breaks it (and a twin
 * that keeps it), through ESLint's own API with the project's eslint.config.mjs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });
/** Rules broken by `code` if it stood at `file` (a path in the repo; the file need not exist). */
async function broken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}
const RESTRICTED = '@typescript-eslint/no-restricted-imports';

test('the renderer imports nothing from main', async () => {
  assert.deepEqual(await broken('renderer/src/fixture.ts', "import { createPosCore } from '../../main/core';\nexport const x = createPosCore;\n"), [
    RESTRICTED,
  ]);
  assert.deepEqual(
    await broken('renderer/src/fixture.ts', "import { MAX_AMOUNT_CENTS } from '../../common/limits';\nexport const x = MAX_AMOUNT_CENTS;\n"),
    [],
  );
});

test('the renderer takes only types from the contract', async () => {
  assert.deepEqual(await broken('renderer/src/fixture.ts', "import { contract } from '../../common/contract';\nexport const x = contract;\n"), [RESTRICTED]);
  assert.deepEqual(await broken('renderer/src/fixture.ts', "import type { AppStatus } from '../../common/contract';\nexport type X = AppStatus;\n"), []);
});

test('components do not call main: only the stores do', async () => {
  const code = "import { pos } from '../pos';\nexport const x = pos;\n";
  assert.deepEqual(await broken('renderer/src/components/Fixture.tsx', code), [RESTRICTED]);
  assert.deepEqual(await broken('renderer/src/store/fixture.ts', code), []);
  // The components still get the renderer-wide rules.
  assert.deepEqual(await broken('renderer/src/components/Fixture.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"), [
    RESTRICTED,
  ]);
});

test('the renderer uses no Node or Electron', async () => {
  assert.deepEqual(await broken('renderer/src/fixture.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"), [RESTRICTED]);
  assert.deepEqual(await broken('renderer/src/fixture.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"), [RESTRICTED]);
});

test('the domain imports nothing from Electron; the shell may', async () => {
  const code = "import { app } from 'electron';\nexport const x = app;\n";
  assert.deepEqual(await broken('main/payments/fixture.ts', code), [RESTRICTED]);
  assert.deepEqual(await broken('main/core.ts', code), [RESTRICTED]);
  assert.deepEqual(await broken('main/electron/fixture.ts', code), []);
  assert.deepEqual(await broken('main/index.ts', code), []);
});

test('an eslint-disable comment that disables nothing is itself an error', async () => {
  const out = await broken('main/fixture.ts', '// eslint-disable-next-line no-console\nexport const x = 1;\n');
  assert.equal(out.length, 1);
  assert.match(out[0]!, /Unused eslint-disable directive/);
});

test('hooks follow the rules of hooks in the renderer', async () => {
  const code = "import { useState } from 'react';\nexport function F({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
  assert.deepEqual(await broken('renderer/src/components/Fixture.tsx', code), ['react-hooks/rules-of-hooks']);
});

/** One line importing `what` (a value, so `import type` rules do not excuse it). */
const importing = (what: string) => `import * as m from '${what}';\nexport const x = m;\n`;

test('the renderer imports nothing from the bridges, the keychain or a database, nor any Node built-in by its bare name', async () => {
  for (const what of ['../../preload/bridge', 'keytar', 'pg', 'pg-pool', 'better-sqlite3', 'fs', 'crypto', 'node:crypto'])
    assert.deepEqual(await broken('renderer/src/fixture.ts', importing(what)), [RESTRICTED], what);
  assert.deepEqual(await broken('renderer/src/store/fixture.ts', importing('../../../common/days')), [], 'shared code is for everyone');
  assert.deepEqual(await broken('renderer/src/fixture.ts', importing('zustand')), []);
});

test('a preload (a bridge) imports nothing from main or the renderer', async () => {
  for (const what of ['../main/core', '../main/payments/sales', '../renderer/src/pos'])
    assert.deepEqual(await broken('preload/fixture.ts', importing(what)), [RESTRICTED], what);
  assert.deepEqual(await broken('preload/fixture.ts', importing('../common/operations')), []);
  assert.deepEqual(await broken('preload/fixture.ts', importing('./bridge')), []);
});

test('common/ imports nothing from main, preload or the renderer, and no Node built-in, Electron or database', async () => {
  for (const what of ['../main/money', '../preload/bridge', '../renderer/src/format', 'node:fs', 'fs', 'path', 'electron', 'pg', 'keytar'])
    assert.deepEqual(await broken('common/fixture.ts', importing(what)), [RESTRICTED], what);
  assert.deepEqual(await broken('common/i18n/fixture.ts', importing('../../main/money')), [RESTRICTED], 'from a subfolder too');
  assert.deepEqual(await broken('common/fixture.ts', importing('./limits')), []);
  assert.deepEqual(await broken('common/fixture.ts', importing('zod')), []);
});

test('the simulator borrows none of the app code it stands in for', async () => {
  for (const what of ['../helcim/client', '../money', '../policy/table', '../payments/sales', '../journal/journal', '../../common/limits', 'electron'])
    assert.deepEqual(await broken('main/simulator/fixture.ts', importing(what)), [RESTRICTED], what);
  assert.deepEqual(await broken('main/simulator/fixture.ts', importing('./ledger')), []);
  assert.deepEqual(await broken('main/simulator/fixture.ts', importing('../html')), [], 'the HTML escaper is not Helcim');
  assert.deepEqual(await broken('main/simulator/fixture.ts', importing('node:http')), []);
});

test('electron in preload/: the two bridges that expose an API to a page, and not their helpers', async () => {
  const code = importing('electron');
  assert.deepEqual(await broken('preload/index.ts', code), []);
  assert.deepEqual(await broken('preload/customer.ts', code), []);
  assert.deepEqual(await broken('preload/bridge.ts', code), [RESTRICTED]);
  assert.deepEqual(await broken('preload/index.ts', importing('../main/core')), [RESTRICTED], 'a bridge still takes nothing from main');
});
