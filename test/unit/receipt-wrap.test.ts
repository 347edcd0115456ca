/** Receipt lines on a narrow roll: broken at spaces, a phone number never cut in two. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wrapLine } from '../../main/hardware/escpos';

test('words wrap at spaces within the columns', () => {
  assert.deepEqual(wrapLine('12 rue Sainte-Catherine Est, Montréal', 20), [
    '12 rue',
    'Sainte-Catherine',
    'Est, Montréal',
  ]);
  assert.deepEqual(wrapLine('  short  ', 32), ['short']);
});

test('a phone number moves to the next line whole rather than breaking at its spaces', () => {
  assert.deepEqual(wrapLine('Boutique du coin, Tél. 514 555-0199', 32), ['Boutique du coin, Tél.', '514 555-0199']);
  assert.deepEqual(wrapLine('Call +1 514 555 0199 today', 16), ['Call', '+1 514 555 0199', 'today']);
  assert.deepEqual(
    wrapLine('Tel (514) 555-0199', 12),
    ['Tel (514)', '555-0199'],
    'wider than the roll: broken at its own spaces',
  );
});

test('only a word longer than the whole width is cut', () => {
  assert.deepEqual(wrapLine('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(wrapLine('12 345', 32), ['12 345'], 'short digit runs are words like any other');
});
