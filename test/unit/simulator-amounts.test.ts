/**
 * Training must accept every ordinary price. Each amount up to $10,000.00 is written the way a
 * client sends it (dollars as a JSON number, built here from the cents by string, not with the
 * app's converter), parsed back as the simulator receives it, and must come out as the same cents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amountInCents } from '../../main/simulator/amounts';

test('every amount from $0.00 to $10,000.00 reads back as its own cents', () => {
  const wrong: number[] = [];
  for (let c = 0; c <= 1_000_000; c++) {
    const dollars = `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
    const onTheWire = JSON.parse(JSON.stringify({ amount: Number(dollars) })) as { amount: number };
    if (amountInCents(onTheWire.amount) !== c) wrong.push(c);
  }
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} amounts misread`);
});

test('the prices that used to be refused are read exactly', () => {
  assert.deepEqual([19.99, 1.1, 0.29, 4.35, 1005.11].map(amountInCents), [1999, 110, 29, 435, 100511]);
});

test('amounts Helcim would refuse are refused: more than two decimals, negative, not a number', () => {
  for (const bad of [50.001, -1, Number.NaN, Infinity, 1e21, '12.34', null, undefined, '1e3'])
    assert.equal(amountInCents(bad), null, String(bad));
});
