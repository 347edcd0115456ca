import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { hashMatches, helcimPayHash, phpJsonEncode, readSuccessMessage } from '../../main/helcim/helcimpay';
import { phpJsonEncodeIndependent } from '../../main/simulator/php-json';

test('phpJsonEncode writes what PHP json_encode writes (default flags)', () => {
  // Outputs of PHP 8 json_encode for the same values, written out literally.
  assert.equal(phpJsonEncode({ a: 'x/y' }), '{"a":"x\\/y"}');
  assert.equal(phpJsonEncode({ n: 'Zoë' }), '{"n":"Zo\\u00eb"}');
  assert.equal(phpJsonEncode({ e: '😀' }), '{"e":"\\ud83d\\ude00"}');
  assert.equal(phpJsonEncode({ q: 'say "hi"\n', t: 'tab\t' }), '{"q":"say \\"hi\\"\\n","t":"tab\\t"}');
  assert.equal(phpJsonEncode({ amount: '15.45', empty: '' }), '{"amount":"15.45","empty":""}');
});

test('the hash is sha256(PHP-encoded data + secretToken), as Helcim documents', () => {
  const data = {
    transactionId: '20163175',
    dateCreated: '2023-07-17 10:34:35',
    cardHolderName: 'Zoë / Test',
    amount: '15.45',
  };
  const secret = 'sample-secret';
  const expected = createHash('sha256')
    .update(
      '{"transactionId":"20163175","dateCreated":"2023-07-17 10:34:35","cardHolderName":"Zo\\u00eb \\/ Test","amount":"15.45"}sample-secret',
    )
    .digest('hex');
  assert.equal(helcimPayHash(data, secret), expected);
  assert.equal(hashMatches(data, secret, expected), true);
  assert.equal(hashMatches(data, secret, expected.toUpperCase()), true);
});

test('any change to data, secret or hash fails the check', () => {
  const data = { transactionId: '1', amount: '10.00', status: 'APPROVED' };
  const h = helcimPayHash(data, 's3cret');
  assert.equal(hashMatches({ ...data, amount: '1000.00' }, 's3cret', h), false);
  assert.equal(hashMatches(data, 'other', h), false);
  assert.equal(hashMatches(data, 's3cret', h.slice(0, 63) + (h.endsWith('0') ? '1' : '0')), false);
  assert.equal(hashMatches(data, 's3cret', 'not-a-hash'), false);
  assert.equal(hashMatches(data, 's3cret', ''), false);
});

test('readSuccessMessage accepts the shapes HelcimPay.js sends and nothing else', () => {
  const inner = { data: { transactionId: '1' }, hash: 'ab' };
  assert.deepEqual(readSuccessMessage(inner), { data: { transactionId: '1' }, hash: 'ab' });
  assert.deepEqual(readSuccessMessage(JSON.stringify(inner)), { data: { transactionId: '1' }, hash: 'ab' });
  assert.deepEqual(readSuccessMessage(JSON.stringify({ data: inner })), { data: { transactionId: '1' }, hash: 'ab' });
  for (const bad of [
    '',
    '{',
    'null',
    '[]',
    JSON.stringify({ data: 'x', hash: 'y' }),
    JSON.stringify({ data: {} }),
    42,
    null,
    undefined,
  ])
    assert.equal(readSuccessMessage(bad), null, String(bad));
});

// Literal outputs of PHP 8 `json_encode` (default flags) for these inputs. Both encoders — the
// app's and the simulator's independent one — must produce them byte for byte.
const PHP_OUTPUTS: [unknown, string][] = [
  [{ a: 'x/y' }, '{"a":"x\\/y"}'],
  [{ n: 'Zoë' }, '{"n":"Zo\\u00eb"}'],
  [{ e: '😀' }, '{"e":"\\ud83d\\ude00"}'],
  [{ q: 'say "hi"\n', t: 'tab\t' }, '{"q":"say \\"hi\\"\\n","t":"tab\\t"}'],
  [
    { c: '\u0001\u001f\u007f', b: 'back\\slash', f: '\f\b\r' },
    '{"c":"\\u0001\\u001f\u007f","b":"back\\\\slash","f":"\\f\\b\\r"}',
  ],
  [{ ls: '\u2028\u2029', euro: '€' }, '{"ls":"\\u2028\\u2029","euro":"\\u20ac"}'],
  [
    { n: 15, neg: -3, t: true, f: false, z: null, list: ['a', 1] },
    '{"n":15,"neg":-3,"t":true,"f":false,"z":null,"list":["a",1]}',
  ],
  [{ 'k/é': '' }, '{"k\\/\\u00e9":""}'],
];

test('both PHP encoders match literal PHP json_encode output', () => {
  for (const [value, php] of PHP_OUTPUTS) {
    assert.equal(phpJsonEncode(value), php, `app: ${php}`);
    assert.equal(phpJsonEncodeIndependent(value), php, `simulator: ${php}`);
  }
});

test('floats are refused, not guessed: PHP writes 15.0 and 1.0e+21 where JSON.parse lost the form', () => {
  for (const v of [{ amount: 15.5 }, { amount: 1e21 }, { nested: { x: 0.1 } }, { list: [1.5] }]) {
    assert.throws(() => phpJsonEncode(v));
    assert.throws(() => phpJsonEncodeIndependent(v));
  }
  // A message whose data holds a float can never pass the hash check (it is reconciled instead).
  const data = { amount: 15.5 };
  const forged = createHash('sha256').update('{"amount":15.5}s').digest('hex');
  assert.equal(hashMatches(data, 's', forged), false);
});

test('the two encoders agree on random HelcimPay.js-shaped data (strings of any Unicode)', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 30 }), {
        maxKeys: 6,
      }),
      (data) => {
        assert.equal(phpJsonEncode(data), phpJsonEncodeIndependent(data));
      },
    ),
    { numRuns: 2000, seed: 20261126 },
  );
});
