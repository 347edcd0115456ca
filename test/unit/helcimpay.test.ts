import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { hashMatches, helcimPayHash, phpJsonEncode, readSuccessMessage } from '../../main/helcim/helcimpay';

test('phpJsonEncode writes what PHP json_encode writes (default flags)', () => {
  // Outputs of PHP 8 json_encode for the same values, written out literally.
  assert.equal(phpJsonEncode({ a: 'x/y' }), '{"a":"x\\/y"}');
  assert.equal(phpJsonEncode({ n: 'Zoë' }), '{"n":"Zo\\u00eb"}');
  assert.equal(phpJsonEncode({ e: '😀' }), '{"e":"\\ud83d\\ude00"}');
  assert.equal(phpJsonEncode({ q: 'say "hi"\n', t: 'tab\t' }), '{"q":"say \\"hi\\"\\n","t":"tab\\t"}');
  assert.equal(phpJsonEncode({ amount: '15.45', empty: '' }), '{"amount":"15.45","empty":""}');
});

test('the hash is sha256(PHP-encoded data + secretToken), as Helcim documents', () => {
  const data = { transactionId: '20163175', dateCreated: '2023-07-17 10:34:35', cardHolderName: 'Zoë / Test', amount: '15.45' };
  const secret = 'sample-secret';
  const expected = createHash('sha256')
    .update('{"transactionId":"20163175","dateCreated":"2023-07-17 10:34:35","cardHolderName":"Zo\\u00eb \\/ Test","amount":"15.45"}sample-secret')
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
  for (const bad of ['', '{', 'null', '[]', JSON.stringify({ data: 'x', hash: 'y' }), JSON.stringify({ data: {} }), 42, null, undefined])
    assert.equal(readSuccessMessage(bad), null, String(bad));
});
