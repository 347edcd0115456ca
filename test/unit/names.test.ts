/**
 * Staff names that look alike on the sign-in screen are refused. Each case changes one thing
 * against a name that is accepted: an invisible character, a control character, a direction
 * override, a second alphabet, a single-alphabet look-alike, a decomposed accent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../main/db';
import { PosError } from '../../main/errors';
import { checkStaffName, nameKey } from '../../main/staff/names';
import { StaffStore } from '../../main/staff/store';
import { TEST_PEPPER } from '../support/core';

const verdict = (name: string) => {
  try {
    return checkStaffName(name);
  } catch (e) {
    return e instanceof PosError ? e.code : 'untyped';
  }
};

test('ordinary names in any one alphabet are accepted, spaces folded, NFC applied', () => {
  assert.equal(verdict('Morgan'), 'Morgan');
  assert.equal(verdict('  Jean   Côté '), 'Jean Côté');
  assert.equal(verdict('Zoe\u0308'), 'Zoë', 'decomposed ë is stored composed');
  assert.equal(verdict('Δημήτρης'), 'Δημήτρης');
  assert.equal(verdict('Мария'), 'Мария');
  assert.equal(verdict("O'Brien-Smith"), "O'Brien-Smith");
});

const REFUSED: [string, string][] = [
  ['zero-width space', 'Morgan\u200b'],
  ['zero-width joiner', 'Mor\u200dgan'],
  ['NUL', 'Morgan\u0000'],
  ['tab', 'Mor\tgan'],
  ['right-to-left override', '\u202eMorgan'],
  ['no-break space', 'Mor\u00a0gan'],
  ['Hangul filler', 'Morgan\u3164'],
  ['Greek omicron among Latin letters', 'M\u03bfrgan'],
  ['Cyrillic a among Latin letters', 'C\u0430sey'],
  ['no letter at all', '1234'],
  ['41 characters', 'A'.repeat(41)],
];
for (const [why, name] of REFUSED) test(`refused: ${why}`, () => assert.equal(verdict(name), 'invalid_payload'));

test('look-alike keys: confusable names share a key, different names do not', () => {
  assert.equal(nameKey('Morgan'), nameKey('MORGAN'));
  assert.equal(nameKey('Ian'), nameKey('lan'), 'capital I and small l');
  assert.equal(nameKey('Coco'), nameKey('\u0421\u043e\u0441\u043e'), 'all-Cyrillic Сосо');
  assert.notEqual(nameKey('Morgan'), nameKey('Megan'));
  assert.notEqual(nameKey('Zoë'), nameKey('Zoe'));
});

test('the store refuses a name that looks like an existing one, and says whose', async () => {
  const store = new StaffStore(openDatabase(path.join(mkdtempSync(path.join(tmpdir(), 'pos-names-')), 'app.sqlite')), {
    pepper: TEST_PEPPER,
  });
  await store.create('Coco', 'cashier', '2468');
  await store.create('Ian', 'cashier', '97531');
  for (const lookalike of ['\u0421\u043e\u0441\u043e', 'coco', 'lan']) {
    await assert.rejects(
      store.create(lookalike, 'cashier', '13579'),
      (e: unknown) => e instanceof PosError && e.code === 'invalid_payload',
      lookalike,
    );
  }
  await assert.rejects(store.create('\u0421\u043e\u0441\u043e', 'cashier', '13579'), /looks the same as Coco/);
  await store.create('Cora', 'cashier', '13579');
  assert.deepEqual(
    store
      .list()
      .map((s) => s.name)
      .sort(),
    ['Cora', 'Coco', 'Ian'].sort(),
  );
});
