/**
 * The hand-written mutations (scripts/mutations.mjs) guard what Stryker cannot express; each finds the
 * code it breaks by its text. A rename (the December 6 one left 24 of them pointing at nothing) makes
 * one silently stale: `npm run mutants:list` would say STALE, but nobody runs it on every change. So
 * every commit checks here that each one still finds its code exactly once and changes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error — a plain .mjs script, no types
import { MUTATIONS } from '../../scripts/mutations.mjs';

const ROOT = path.resolve(__dirname, '../..');
type Mutation = { name: string; file: string; find?: string; replace?: string; apply?: (src: string) => string | null };

test('every hand-written mutation finds its code exactly once and changes it', () => {
  const stale: string[] = [];
  for (const m of MUTATIONS as Mutation[]) {
    const src = readFileSync(path.join(ROOT, m.file), 'utf8');
    const mutated = m.apply
      ? m.apply(src)
      : src.split(m.find!).length - 1 === 1
        ? src.replace(m.find!, m.replace!)
        : null;
    if (!mutated || mutated === src) stale.push(`${m.name} (${m.file})`);
  }
  assert.deepEqual(stale, [], 'stale mutations');
  assert.ok((MUTATIONS as Mutation[]).length > 200, 'the list is read');
});
