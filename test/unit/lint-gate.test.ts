/**
 * The lint gate can fail: each boundary rule is shown a small fixture that breaks it (and a twin
 * that keeps it), through ESLint's own API with the project's eslint.config.mjs.
 */
import { test } from 'node:test';
import { readdirSync } from 'node:fs';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';
// @ts-expect-error: the lint config is plain JavaScript, without type declarations
import { RENDERER_FEATURES } from '../../eslint.config.mjs';

const ROOT = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });
/** Rules broken by `code` if it stood at `file` (a path in the repo; the file need not exist). */
async function broken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}
const RESTRICTED = '@typescript-eslint/no-restricted-imports';

test('the renderer imports nothing from main', async () => {
  assert.deepEqual(
    await broken(
      'renderer/src/fixture.ts',
      "import { createPosCore } from '../../main/core';\nexport const x = createPosCore;\n",
    ),
    [RESTRICTED],
  );
  assert.deepEqual(
    await broken(
      'renderer/src/fixture.ts',
      "import { MAX_AMOUNT_CENTS } from '../../common/limits';\nexport const x = MAX_AMOUNT_CENTS;\n",
    ),
    [],
  );
});

test('the renderer takes only types from the contract', async () => {
  assert.deepEqual(
    await broken(
      'renderer/src/fixture.ts',
      "import { contract } from '../../common/contract';\nexport const x = contract;\n",
    ),
    [RESTRICTED],
  );
  assert.deepEqual(
    await broken(
      'renderer/src/fixture.ts',
      "import type { AppStatus } from '../../common/contract';\nexport type X = AppStatus;\n",
    ),
    [],
  );
});

test('the counter’s screens take a catalog only through a language’s own chunk (base/languages/)', async () => {
  const catalog = "import { FR_CA } from '../../../common/i18n/fr-CA';\nexport const x = FR_CA;\n";
  assert.deepEqual(await broken('renderer/src/sale/Fixture.tsx', catalog), [RESTRICTED]);
  assert.deepEqual(await broken('renderer/src/base/fixture.ts', catalog.replace('../../../', '../../')), [RESTRICTED]);
  assert.deepEqual(
    await broken('renderer/src/base/languages/fr-CA.ts', catalog.replace('../../../', '../../../../')),
    [],
  );
  assert.deepEqual(
    await broken('renderer/src/base/languages/fr-CA.ts', "import { pos } from '../pos';\nexport const x = pos;\n"),
    [RESTRICTED],
    'a language chunk calls no operation',
  );
  assert.deepEqual(
    await broken(
      'renderer/src/sale/Fixture.tsx',
      "import { LOCALES } from '../../../common/i18n/locales';\nexport const x = LOCALES;\n",
    ),
    [],
  );
});

test('components do not call main: only the stores do', async () => {
  const code = "import { pos } from '../base/pos';\nexport const x = pos;\n";
  assert.deepEqual(await broken('renderer/src/sale/Fixture.tsx', code), [RESTRICTED]);
  assert.deepEqual(await broken('renderer/src/sale/fixture.ts', code), [RESTRICTED], 'a helper that is not a store');
  assert.deepEqual(await broken('renderer/src/app/App.tsx', code), [RESTRICTED]);
  assert.deepEqual(await broken('renderer/src/shared/Fixture.tsx', code), [RESTRICTED]);
  assert.deepEqual(
    await broken('renderer/src/main.tsx', "import { pos } from './base/pos';\nexport const x = pos;\n"),
    [RESTRICTED],
    'a page entry',
  );
  assert.deepEqual(await broken('renderer/src/sale/fixture-store.ts', code), []);
  assert.deepEqual(await broken('renderer/src/shared/approval-store.ts', code), []);
  assert.deepEqual(
    await broken('renderer/src/base/status-store.ts', "import { pos } from './pos';\nexport const x = pos;\n"),
    [],
  );
  // The components still get the renderer-wide rules.
  assert.deepEqual(
    await broken(
      'renderer/src/sale/Fixture.tsx',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ),
    [RESTRICTED],
  );
});

test('the renderer uses no Node or Electron', async () => {
  assert.deepEqual(
    await broken(
      'renderer/src/fixture.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ),
    [RESTRICTED],
  );
  assert.deepEqual(
    await broken('renderer/src/fixture.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"),
    [RESTRICTED],
  );
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
  const code =
    "import { useState } from 'react';\nexport function F({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
  assert.deepEqual(await broken('renderer/src/sale/Fixture.tsx', code), ['react-hooks/rules-of-hooks']);
});

/** One line importing `what` (a value, so `import type` rules do not excuse it). */
const importing = (what: string) => `import * as m from '${what}';\nexport const x = m;\n`;

test('the renderer imports nothing from the bridges, the keychain or a database, nor any Node built-in by its bare name', async () => {
  for (const what of [
    '../../preload/bridge',
    'keytar',
    'pg',
    'pg-pool',
    'better-sqlite3',
    'fs',
    'crypto',
    'node:crypto',
  ])
    assert.deepEqual(await broken('renderer/src/fixture.ts', importing(what)), [RESTRICTED], what);
  assert.deepEqual(
    await broken('renderer/src/sale/fixture-store.ts', importing('../../../common/days')),
    [],
    'shared code is for everyone',
  );
  assert.deepEqual(await broken('renderer/src/fixture.ts', importing('zustand')), []);
});

test('a preload (a bridge) imports nothing from main or the renderer', async () => {
  for (const what of ['../main/core', '../main/payments/sales', '../renderer/src/pos'])
    assert.deepEqual(await broken('preload/fixture.ts', importing(what)), [RESTRICTED], what);
  assert.deepEqual(await broken('preload/fixture.ts', importing('../common/operations')), []);
  assert.deepEqual(await broken('preload/fixture.ts', importing('./bridge')), []);
});

test('common/ imports nothing from main, preload or the renderer, and no Node built-in, Electron or database', async () => {
  for (const what of [
    '../main/money',
    '../preload/bridge',
    '../renderer/src/format',
    'node:fs',
    'fs',
    'path',
    'electron',
    'pg',
    'keytar',
  ])
    assert.deepEqual(await broken('common/fixture.ts', importing(what)), [RESTRICTED], what);
  assert.deepEqual(
    await broken('common/i18n/fixture.ts', importing('../../main/money')),
    [RESTRICTED],
    'from a subfolder too',
  );
  assert.deepEqual(await broken('common/fixture.ts', importing('./limits')), []);
  assert.deepEqual(await broken('common/fixture.ts', importing('zod')), []);
});

test('the simulator borrows none of the app code it stands in for', async () => {
  for (const what of [
    '../helcim/client',
    '../money',
    '../policy/table',
    '../payments/sales',
    '../journal/journal',
    '../../common/limits',
    'electron',
  ])
    assert.deepEqual(await broken('main/simulator/fixture.ts', importing(what)), [RESTRICTED], what);
  assert.deepEqual(await broken('main/simulator/fixture.ts', importing('./ledger')), []);
  assert.deepEqual(
    await broken('main/simulator/fixture.ts', importing('../html')),
    [],
    'the HTML escaper is not Helcim',
  );
  assert.deepEqual(await broken('main/simulator/fixture.ts', importing('node:http')), []);
});

test('electron in preload/: the two bridges that expose an API to a page, and not their helpers', async () => {
  const code = importing('electron');
  assert.deepEqual(await broken('preload/index.ts', code), []);
  assert.deepEqual(await broken('preload/customer.ts', code), []);
  assert.deepEqual(await broken('preload/bridge.ts', code), [RESTRICTED]);
  assert.deepEqual(
    await broken('preload/index.ts', importing('../main/core')),
    [RESTRICTED],
    'a bridge still takes nothing from main',
  );
});

test('the renderer’s floors: base → shared → features → app, each importing only from below', async () => {
  const features = RENDERER_FEATURES as string[];
  // base/ takes from no floor above it: no feature, no shared piece, not the app.
  for (const up of [...features, 'shared', 'app'])
    assert.deepEqual(
      await broken('renderer/src/base/fixture.ts', importing(`../${up}/x`)),
      [RESTRICTED],
      `base → ${up}`,
    );
  // shared/ takes from no feature and not the app.
  for (const up of [...features, 'app'])
    assert.deepEqual(
      await broken('renderer/src/shared/Fixture.tsx', importing(`../${up}/x`)),
      [RESTRICTED],
      `shared → ${up}`,
    );
  // A feature never takes from the app shell; it may use base, shared and another feature's pieces.
  for (const f of features) {
    assert.deepEqual(
      await broken(`renderer/src/${f}/Fixture.tsx`, importing('../app/App')),
      [RESTRICTED],
      `${f} → app`,
    );
    assert.deepEqual(await broken(`renderer/src/${f}/Fixture.tsx`, importing('../base/i18n')), [], `${f} → base`);
    assert.deepEqual(
      await broken(`renderer/src/${f}/Fixture.tsx`, importing('../shared/FieldError')),
      [],
      `${f} → shared`,
    );
  }
  assert.deepEqual(
    await broken('renderer/src/sale/Fixture.tsx', importing('../receipts/ReceiptView')),
    [],
    'a feature uses another’s piece',
  );
  assert.deepEqual(await broken('renderer/src/app/App.tsx', importing('../sale/SaleScreen')), []);
  assert.deepEqual(await broken('renderer/src/base/fixture.ts', importing('./format')), []);
});

test('every folder of the renderer is a floor the lint knows (a new feature is added to RENDERER_FEATURES)', () => {
  const dirs = readdirSync(path.join(ROOT, 'renderer/src'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  assert.deepEqual(dirs, ['app', 'base', 'shared', ...(RENDERER_FEATURES as string[])].sort());
});
