/**
 * Telling a keyboard-wedge scanner from a person (renderer/src/sale/scanner.ts), with exact times.
 * The limits are written here as the numbers they are documented as (45 ms between a scan's keys,
 * 8 to 20 digits, Enter at the end), so a changed limit fails a test instead of moving with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScanDetector, SCANNER_TIMING } from '../../renderer/src/sale/scanner';

/** A detector and what it did: scans, and keys handed back as typed (in order). */
function detector() {
  const scans: string[] = [];
  const typed: string[] = [];
  /** How many times keys were handed back (never with none in hand). */
  const handBacks: number[] = [];
  const d = new ScanDetector({
    scan: (c) => scans.push(c),
    typed: (keys) => {
      handBacks.push(keys.length);
      typed.push(...keys);
    },
  });
  /** Keys at the given times; returns which the detector kept from the page. */
  const keys = (seq: [string, number][], modified = false) => seq.map(([k, at]) => d.key(k, at, modified));
  return { d, scans, typed, handBacks, keys };
}
/** A code's digits `gap` ms apart from `start`, then Enter `gap` ms after the last. */
const run = (code: string, start: number, gap: number, enter = true): [string, number][] => [
  ...[...code].map((k, i): [string, number] => [k, start + i * gap]),
  ...(enter ? ([['Enter', start + code.length * gap]] as [string, number][]) : []),
];

test('the documented timing: 45 ms between keys, 8 to 20 digits', () => {
  assert.deepEqual(SCANNER_TIMING, { maxGapMs: 45, minLength: 8, maxLength: 20 });
});

test('a scan (13 digits 5 ms apart, then Enter) is one code, and none of its keys reaches the page', () => {
  const { scans, typed, keys } = detector();
  const kept = keys(run('0036000241457', 1000, 5));
  assert.deepEqual(scans, ['0036000241457']);
  assert.deepEqual(typed, []);
  assert.ok(
    kept.every((k) => k),
    'every key, Enter too, kept from the page',
  );
});

test('a person typing (120 ms apart) gets every digit, in order; their Enter goes to the page', () => {
  const { d, scans, typed, keys } = detector();
  const kept = keys(run('12345678', 0, 120));
  assert.deepEqual(scans, []);
  assert.deepEqual(typed, [...'12345678']);
  assert.equal(kept.at(-1), false, 'Enter is the page’s');
  assert.equal(d.holding, false);
});

test('the gap limit: 45 ms apart is a scan, 46 ms apart is typing', () => {
  const at45 = detector();
  at45.keys(run('96385074', 0, 45));
  assert.deepEqual(at45.scans, ['96385074']);
  const at46 = detector();
  at46.keys(run('96385074', 0, 46));
  assert.deepEqual(at46.scans, []);
  assert.deepEqual(at46.typed, [...'96385074']);
});

test('the length limits: 7 quick digits and Enter are typing, 8 a scan; 20 a scan, 21 typing', () => {
  const seven = detector();
  assert.equal(seven.keys(run('1234567', 0, 5)).at(-1), false);
  assert.deepEqual([seven.scans, seven.typed.join('')], [[], '1234567']);
  const eight = detector();
  eight.keys(run('12345670', 0, 5));
  assert.deepEqual(eight.scans, ['12345670']);
  const twenty = detector();
  twenty.keys(run('1'.repeat(20), 0, 5));
  assert.deepEqual(twenty.scans, ['1'.repeat(20)]);
  const long = detector();
  long.keys(run('1'.repeat(21), 0, 5));
  assert.deepEqual(long.scans, []);
  assert.equal(long.typed.join(''), '1'.repeat(21));
});

test('a slow Enter after quick digits is a person pressing Enter: the digits are typed, Enter is the page’s', () => {
  const { scans, typed, keys } = detector();
  const kept = keys([...run('036000241457', 0, 5, false), ['Enter', 11 * 5 + 46]]);
  assert.deepEqual(scans, []);
  assert.equal(typed.join(''), '036000241457');
  assert.equal(kept.at(-1), false);
});

test('a pause inside a run splits it: what came before is typed, what follows can still be a scan', () => {
  const { scans, typed, keys } = detector();
  keys([...run('12', 0, 5, false), ...run('4006381333931', 100, 5)]);
  assert.deepEqual(typed, ['1', '2']);
  assert.deepEqual(scans, ['4006381333931']);
});

test('another key, or a digit with Ctrl/Alt (or repeating), hands the held digits back first', () => {
  const { typed, keys } = detector();
  assert.deepEqual(keys([...run('12', 0, 5, false), ['Tab', 12]]), [true, true, false]);
  assert.deepEqual(typed, ['1', '2']);
  const withCtrl = detector();
  withCtrl.keys(run('34', 0, 5, false));
  assert.deepEqual(withCtrl.keys([['5', 12]], true), [false]);
  assert.deepEqual(withCtrl.typed, ['3', '4']);
});

test('idle: held digits are a person’s once 45 ms pass with no key — not a moment before', () => {
  const { d, typed, keys } = detector();
  keys([['7', 1000]]);
  assert.equal(d.holding, true);
  d.idle(1044);
  assert.deepEqual(typed, [], 'at 44 ms: still held');
  d.idle(1045);
  assert.deepEqual(typed, ['7']);
  assert.equal(d.holding, false);
});

test('Enter with nothing held is the page’s; a scan right after another is a second scan', () => {
  const { scans, keys } = detector();
  assert.deepEqual(keys([['Enter', 0]]), [false]);
  keys([...run('036000241457', 10, 5), ...run('4006381333931', 100, 5)]);
  assert.deepEqual(scans, ['036000241457', '4006381333931']);
});

test('only Enter, unmodified, ends a scan: eight quick digits then Tab or Ctrl+Enter are typing', () => {
  const tab = detector();
  assert.equal(tab.keys([...run('96385074', 0, 5, false), ['Tab', 40]]).at(-1), false);
  assert.deepEqual([tab.scans, tab.typed.join('')], [[], '96385074']);
  const ctrlEnter = detector();
  ctrlEnter.keys(run('96385074', 0, 5, false));
  assert.deepEqual(ctrlEnter.keys([['Enter', 40]], true), [false]);
  assert.deepEqual([ctrlEnter.scans, ctrlEnter.typed.join('')], [[], '96385074']);
});

test('only a single digit key is held: a dot, a slash, a letter, a colon or a two-character key is the page’s', () => {
  for (const key of ['.', '/', 'a', ':', '12', ' ']) {
    const { d, keys, typed } = detector();
    assert.deepEqual(keys([[key, 0]]), [false], key);
    assert.equal(d.holding, false, key);
    assert.deepEqual(typed, [], key);
  }
});

test('keys are handed back only when some are held (never an empty hand)', () => {
  const { d, keys, handBacks } = detector();
  keys([
    ['Tab', 0],
    ['Enter', 100],
  ]);
  d.idle(1000);
  keys([
    ['1', 2000],
    ['Tab', 2001],
  ]);
  d.idle(5000);
  assert.deepEqual(handBacks, [1]);
});
