import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cashRoundedCents,
  centsToHelcimAmount,
  helcimAmountToCents,
  helcimAmountToCentsOrNull,
} from '../../main/money';
import { mapHelcimHttpError, mapHelcimTransportError, readHelcimErrors } from '../../main/helcim/errors';
import { PosError, toBridgeError } from '../../main/errors';

test('cents <-> Helcim decimal amounts', () => {
  assert.equal(centsToHelcimAmount(1234), 12.34);
  assert.equal(centsToHelcimAmount(1), 0.01);
  assert.equal(centsToHelcimAmount(0), 0);
  assert.equal(centsToHelcimAmount(10_000_000), 100000);
  assert.throws(() => centsToHelcimAmount(1.5), PosError);
  assert.throws(() => centsToHelcimAmount(-1), PosError);
  assert.equal(helcimAmountToCents('15.45'), 1545);
  assert.equal(helcimAmountToCents('100'), 10000);
  assert.equal(helcimAmountToCents(456), 45600);
  assert.equal(helcimAmountToCents(0.1), 10);
  assert.equal(helcimAmountToCents('0.5'), 50);
  for (const bad of ['1.234', '-1', 'abc', '', '1e3', null, {}, NaN])
    assert.throws(() => helcimAmountToCents(bad), PosError, String(bad));
  // Spaces around a string amount are Helcim's formatting, not another amount.
  assert.equal(helcimAmountToCents(' 15.45 '), 1545);
  // Each refusal is typed: our own bad value, or Helcim's unreadable answer.
  assert.throws(
    () => centsToHelcimAmount(-1),
    (e: PosError) => e.code === 'invalid_payload' && /whole/i.test(e.message),
  );
  assert.throws(
    () => helcimAmountToCents('abc'),
    (e: PosError) => e.code === 'helcim_bad_response',
  );
  // For comparing and filtering: the same reading, an unreadable amount is null instead of an error.
  assert.equal(helcimAmountToCentsOrNull('12.50'), 1250);
  assert.equal(helcimAmountToCentsOrNull('twelve'), null);
  assert.equal(helcimAmountToCentsOrNull(undefined), null);
});

test('Helcim errors are read whether a string, an object or an array', () => {
  assert.deepEqual(readHelcimErrors({ errors: 'Unauthorized' }), ['Unauthorized']);
  assert.deepEqual(readHelcimErrors({ errors: { amount: 'Invalid amount', currency: 'Bad' } }), [
    'amount: Invalid amount',
    'currency: Bad',
  ]);
  assert.deepEqual(readHelcimErrors({ errors: ['one', 'two'] }), ['one', 'two']);
  assert.deepEqual(readHelcimErrors({ errors: { cardData: ['Missing cardNumber', 'Missing cardExpiry'] } }), [
    'cardData: Missing cardNumber',
    'cardData: Missing cardExpiry',
  ]);
  assert.deepEqual(readHelcimErrors(undefined), []);
});

test('the mapping turns each failure into one typed code', () => {
  const id = (s: string) => s;
  const code = (status: number, body: unknown, kind: 'read' | 'money' | 'setup' = 'read') =>
    mapHelcimHttpError(status, body, kind, id).code;
  assert.equal(code(401, { errors: 'Unauthorized' }), 'helcim_unauthorized');
  assert.equal(code(401, { errors: 'No access permission' }), 'helcim_permission');
  assert.equal(code(403, {}), 'helcim_permission');
  assert.equal(code(429, {}), 'helcim_rate_limited');
  assert.equal(code(500, { errors: 'Transaction Declined: DO NOT HONOR' }, 'money'), 'helcim_declined');
  assert.equal(code(500, { errors: 'oops' }, 'money'), 'helcim_unknown_outcome');
  assert.equal(code(502, 'Bad gateway', 'read'), 'helcim_unavailable');
  assert.equal(code(400, { errors: { amount: 'Invalid amount' } }), 'helcim_bad_request');
  const timeout = Object.assign(new Error('x'), { name: 'TimeoutError' });
  assert.equal(mapHelcimTransportError(timeout, 'money').code, 'helcim_unknown_outcome');
  assert.equal(mapHelcimTransportError(timeout, 'read').code, 'helcim_unavailable');
  const permission = mapHelcimHttpError(401, { errors: 'No access permission' }, 'setup', id);
  assert.match(permission.message, /API Access Configuration/);
});

test('a token echoed in an error body is redacted from the message', () => {
  const token = 'tok_abcdefghijklmnop1234';
  const err = mapHelcimHttpError(400, { errors: { 'api-token': `bad ${token}` } }, 'read', (s) =>
    s.split(token).join('[redacted]'),
  );
  assert.equal(err.message.includes(token), false);
  assert.match(err.message, /\[redacted\]/);
});

test('unexpected errors cross the bridge as a fixed message with no stack', () => {
  const e = toBridgeError(new Error('secret detail at /home/x'));
  assert.deepEqual(Object.keys(e).sort(), ['code', 'message']);
  assert.equal(e.code, 'internal');
  assert.equal(e.message.includes('secret detail'), false);
});

test('a suspected-duplicate decline is explained in plain words', async () => {
  const { declineWords } = await import('../../main/helcim/errors');
  assert.match(
    declineWords('Transaction Declined: DECLINED - Suspected duplicate transaction in the last 5 minutes.'),
    /possible duplicate.*Check History/,
  );
  assert.match(declineWords('Transaction Declined: DO NOT HONOR'), /Declined by the card issuer \(DO NOT HONOR\)/);
});

test('cash rounding to 5¢, each last digit as the Mint says: 1–2 down, 3–4 up, 6–7 down, 8–9 up', () => {
  const at = (cents: number) => cashRoundedCents(cents);
  // Every last digit of $12.30 … $12.39, written out.
  assert.deepEqual(
    [12_30, 12_31, 12_32, 12_33, 12_34, 12_35, 12_36, 12_37, 12_38, 12_39].map(at),
    [12_30, 12_30, 12_30, 12_35, 12_35, 12_35, 12_35, 12_35, 12_40, 12_40],
  );
  // The sale: $12.34 in cash is $12.35, so $20.00 gives $7.65 back, a sum the drawer can make.
  assert.equal(20_00 - at(12_34), 7_65);
  assert.equal(at(0), 0);
  assert.equal(at(3), 5);
  assert.throws(() => at(-1), /^RangeError: an amount in cents$/);
  assert.throws(() => at(1.5), /^RangeError: an amount in cents$/);
});
