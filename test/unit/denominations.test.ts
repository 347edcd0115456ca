/** Counting cash by bill and coin, and the numpad's digit entry (renderer logic, run in Node). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterKey, countTotal } from '../../renderer/src/drawer/denominations';

test('a count by denomination: the total in cents; blank counts are nothing, bad ones refuse the total', () => {
  assert.equal(countTotal({}), 0);
  assert.equal(
    countTotal({ 2000: '2', 1000: '3', 200: '4', 25: '3', 5: '1' }),
    2 * 2000 + 3 * 1000 + 4 * 200 + 3 * 25 + 5,
  );
  assert.equal(countTotal({ 10000: '1', 10: ' ' }), 10000);
  assert.equal(countTotal({ 2000: '-1' }), null);
  assert.equal(countTotal({ 2000: '1.5' }), null);
  assert.equal(countTotal({ 2000: '123456' }), null);
  assert.equal(countTotal({ 1: '5' }), 0, 'pennies are not counted (none since 2013)');
});

test('numpad entry: digits shift in from the right; 00; delete; never above the limit', () => {
  let c = 0;
  for (const k of ['2', '5', '00']) c = afterKey(c, k, 1_000_000);
  assert.equal(c, 25_00);
  assert.equal(afterKey(c, 'Backspace', 1_000_000), 250);
  assert.equal(afterKey(99_999, '9', 1_000_000), 999_999);
  assert.equal(afterKey(100_000, '1', 1_000_000), 100_000, 'a digit that would pass the limit is not added');
  assert.equal(afterKey(100_000, '0', 1_000_000), 1_000_000, 'the limit itself is allowed');
});
