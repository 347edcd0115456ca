/**
 * The Helcim client on the wire, call by call, with a recording `fetch` that answers what each test
 * scripts: where each call goes, its headers and body as HELCIM.md documents them (written here as
 * literals, never built with the client's own helpers), what is checked before anything is sent and
 * in what comes back, and when a call is repeated — a money call never twice without its key.
 * The simulator-level tests (test/integration/client.test.ts) prove the same client against Helcim's
 * behaviour; these pin every value the client puts on the wire.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CARD_TRANSACTIONS_PAGE, HelcimClient, MAX_LIST_PAGES, type RetryPolicy } from '../../main/helcim/client';
import { PosError } from '../../main/errors';
import { z } from 'zod';

type Sent = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  redirect: unknown;
  hasSignal: boolean;
};
type Answer = { status: number; body?: unknown; text?: string; headers?: Record<string, string> } | 'drop' | 'hang';

const TOKEN = 'tok_wire_0123456789abcdef';
const KEY = '5b0c6a44-6f1e-4e55-9c1e-2f8f2b7f0001';
const row = (id: number | string, dateCreated = '2026-07-01 10:30:00', extra: Record<string, unknown> = {}) => ({
  transactionId: id,
  dateCreated,
  status: 'APPROVED',
  type: 'purchase',
  amount: 12.34,
  currency: 'CAD',
  ...extra,
});

/** A client whose `fetch` records each request and plays `answers` in order (the last one repeats). */
function wire(answers: Answer[], opts: { baseUrl?: string; retry?: Partial<RetryPolicy>; timeoutMs?: number } = {}) {
  const sent: Sent[] = [];
  const slept: number[] = [];
  const observed: (string | null)[] = [];
  const fetchImpl = (async (url: URL | string, init: RequestInit = {}) => {
    sent.push({
      url: String(url),
      method: String(init.method),
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
      redirect: init.redirect,
      hasSignal: init.signal instanceof AbortSignal,
    });
    const a = answers[Math.min(sent.length - 1, answers.length - 1)]!;
    if (a === 'drop') throw new TypeError('fetch failed');
    if (a === 'hang')
      return new Promise<Response>((_, reject) => {
        // AbortSignal.timeout's timer does not keep the process alive: this one does, until the abort.
        const alive = setTimeout(() => reject(new Error('the client set no time limit')), 5000);
        init.signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(alive);
            reject(init.signal!.reason);
          },
          { once: true },
        );
      });
    const text = a.text ?? (a.body === undefined ? null : JSON.stringify(a.body));
    return new Response(a.status === 204 ? null : text, { status: a.status, headers: a.headers ?? {} });
  }) as typeof fetch;
  const client = new HelcimClient({
    baseUrl: opts.baseUrl ?? 'https://helcim.test/v2/',
    timeoutMs: opts.timeoutMs ?? 2000,
    fetchImpl,
    observe: (h) => observed.push(h.get('minute-limit-remaining')),
    retry: { attempts: 3, baseDelayMs: 300, maxDelayMs: 5000, sleep: async (ms) => void slept.push(ms), ...opts.retry },
  });
  return { client, sent, slept, observed };
}

async function failure(p: Promise<unknown>): Promise<PosError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof PosError, `not a PosError: ${String(e)}`);
    return e;
  }
  assert.fail('the call succeeded');
}

const JSON_HEADERS = { accept: 'application/json', 'api-token': TOKEN };
const POST_HEADERS = { ...JSON_HEADERS, 'content-type': 'application/json', 'idempotency-key': KEY };

test('reads: path, query and headers as Helcim documents them, no body and no key', async () => {
  const { client, sent } = wire([
    { status: 200, body: {} },
    { status: 200, body: {} },
    { status: 200, body: [] },
    { status: 202 },
    { status: 200, body: { id: 55, closed: false } },
  ]);
  await client.connectionTest(TOKEN);
  await client.listCustomers(TOKEN);
  await client.listDevices(TOKEN);
  await client.pingDevice(TOKEN, 'AB12');
  await client.getCardBatch(TOKEN, '55');
  assert.deepEqual(
    sent.map((s) => [s.method, s.url]),
    [
      ['GET', 'https://helcim.test/v2/connection-test'],
      ['GET', 'https://helcim.test/v2/customers?limit=1'],
      ['GET', 'https://helcim.test/v2/devices'],
      ['GET', 'https://helcim.test/v2/devices/AB12/ping'],
      ['GET', 'https://helcim.test/v2/card-batches/55'],
    ],
  );
  for (const s of sent) {
    assert.deepEqual(s.headers, JSON_HEADERS, s.url);
    assert.equal(s.body, undefined, s.url);
    assert.equal(s.redirect, 'error', `${s.url}: a redirect is never followed`);
    assert.ok(s.hasSignal, `${s.url}: every call has a time limit`);
  }
});

test('a base address without its trailing slash, and a path written with a leading one, reach the same place', async () => {
  const { client, sent } = wire([{ status: 200, body: {} }], { baseUrl: 'https://helcim.test/v2' });
  assert.equal(client.origin, 'https://helcim.test');
  await client.connectionTest(TOKEN);
  await client.call(TOKEN, { method: 'GET', path: '/connection-test', kind: 'read', schema: z.unknown() });
  assert.deepEqual(
    sent.map((s) => s.url),
    ['https://helcim.test/v2/connection-test', 'https://helcim.test/v2/connection-test'],
  );
});

test('money and setup calls: each body field as HELCIM.md names it, amounts in dollars, ids as numbers, the idempotency key sent', async () => {
  const { client, sent } = wire([
    { status: 200, body: { checkoutToken: 'c', secretToken: 's' } },
    { status: 200, body: row(9001) },
  ]);
  await client.initializeCheckout(TOKEN, {
    paymentType: 'purchase',
    amountCents: 1234,
    currency: 'CAD',
    invoiceNumber: 'INV-7',
    idempotencyKey: KEY,
  });
  await client.refund(TOKEN, {
    originalTransactionId: '123',
    amountCents: 500,
    ipAddress: '127.0.0.1',
    idempotencyKey: KEY,
  });
  await client.reverse(TOKEN, { cardTransactionId: '77', ipAddress: '127.0.0.1', idempotencyKey: KEY });
  await client.capture(TOKEN, {
    preAuthTransactionId: '9',
    amountCents: 150,
    ipAddress: '127.0.0.1',
    idempotencyKey: KEY,
  });
  await client.pushToDevice(TOKEN, 'AB12', {
    kind: 'purchase',
    amountCents: 2005,
    currency: 'USD',
    invoiceNumber: 'INV-8',
    idempotencyKey: KEY,
  });
  await client.pushToDevice(TOKEN, 'AB12', {
    kind: 'refund',
    amountCents: 99,
    originalTransactionId: '456',
    idempotencyKey: KEY,
  });
  await client.probeDevicePurchase(TOKEN, KEY);
  assert.deepEqual(
    sent.map((s) => [s.method, s.url, s.body]),
    [
      [
        'POST',
        'https://helcim.test/v2/helcim-pay/initialize',
        { paymentType: 'purchase', amount: 12.34, currency: 'CAD', invoiceNumber: 'INV-7' },
      ],
      [
        'POST',
        'https://helcim.test/v2/payment/refund',
        { originalTransactionId: 123, amount: 5, ipAddress: '127.0.0.1', ecommerce: false },
      ],
      [
        'POST',
        'https://helcim.test/v2/payment/reverse',
        { cardTransactionId: 77, ipAddress: '127.0.0.1', ecommerce: false },
      ],
      [
        'POST',
        'https://helcim.test/v2/payment/capture',
        { preAuthTransactionId: 9, amount: 1.5, ipAddress: '127.0.0.1', ecommerce: false },
      ],
      [
        'POST',
        'https://helcim.test/v2/devices/AB12/payment/purchase',
        { currency: 'USD', transactionAmount: 20.05, invoiceNumber: 'INV-8' },
      ],
      [
        'POST',
        'https://helcim.test/v2/devices/AB12/payment/refund',
        { transactionAmount: 0.99, originalTransactionId: 456 },
      ],
      ['POST', 'https://helcim.test/v2/devices/0/payment/purchase', { currency: 'CAD', transactionAmount: 0 }],
    ],
  );
  for (const s of sent) assert.deepEqual(s.headers, POST_HEADERS, s.url);
});

test('a transaction list page: Helcim’s own filters, its page size and the page number', async () => {
  const { client, sent } = wire([{ status: 200, body: [row(1)] }]);
  const rows = await client.listCardTransactionsPage(
    TOKEN,
    { dateFrom: '2026-07-01', dateTo: '2026-07-02', invoiceNumber: 'INV-9' },
    3,
  );
  assert.equal(rows.length, 1);
  assert.equal(
    sent[0]!.url,
    'https://helcim.test/v2/card-transactions?dateFrom=2026-07-01&dateTo=2026-07-02&invoiceNumber=INV-9&limit=1000&page=3',
  );
  await client.listCardTransactionsPage(TOKEN, { invoiceNumber: undefined }, 1);
  assert.equal(
    sent[1]!.url,
    'https://helcim.test/v2/card-transactions?limit=1000&page=1',
    'a filter left out is not sent empty',
  );
});

test('ids and terminal codes going into a path are checked before anything is sent', async () => {
  const { client, sent } = wire([{ status: 200, body: row(1) }]);
  for (const id of ['12a', 'a12', '1'.repeat(21), '', '-1']) {
    const e = await failure(client.getCardTransaction(TOKEN, id));
    assert.equal(e.code, 'invalid_payload', id);
    assert.equal(e.message, 'A Helcim transaction id is a number.');
    const b = await failure(client.getCardBatch(TOKEN, id));
    assert.equal(b.code, 'helcim_bad_response', id);
    assert.equal(b.message, 'Helcim sent a batch id the app cannot read.');
  }
  for (const code of ['AB1', 'AB123', 'ab12', 'AB/1']) {
    for (const p of [
      client.pingDevice(TOKEN, code),
      client.pushToDevice(TOKEN, code, {
        kind: 'purchase',
        amountCents: 100,
        currency: 'CAD',
        invoiceNumber: 'INV-1',
        idempotencyKey: KEY,
      }),
    ]) {
      const e = await failure(p);
      assert.equal(e.code, 'invalid_payload', code);
      assert.equal(e.message, 'A terminal code is the 4 letters and digits the terminal shows.');
    }
  }
  assert.equal(sent.length, 0, 'nothing was sent');
  await client.getCardTransaction(TOKEN, '1'.repeat(20));
  assert.equal(
    sent.at(-1)!.url,
    `https://helcim.test/v2/card-transactions/${'1'.repeat(20)}`,
    'twenty digits is a Helcim id',
  );
});

test('what Helcim answers is checked: transaction ids, times, batches, terminal codes', async () => {
  const read = async (body: unknown, call: (c: HelcimClient) => Promise<unknown>) => {
    const { client } = wire([{ status: 200, body }]);
    try {
      return { value: await call(client) };
    } catch (e) {
      assert.ok(e instanceof PosError);
      return { error: e.code };
    }
  };
  const tx = (c: HelcimClient) => c.getCardTransaction(TOKEN, '1');
  assert.deepEqual(await read(row(''), tx), { error: 'helcim_bad_response' }, 'an empty id');
  assert.deepEqual(await read(row('9'.repeat(41)), tx), { error: 'helcim_bad_response' }, 'an id of 41 characters');
  assert.equal(
    ((await read(row('9'.repeat(40)), tx)).value as { transactionId: string }).transactionId,
    '9'.repeat(40),
  );
  assert.equal(
    ((await read(row(123), tx)).value as { transactionId: string }).transactionId,
    '123',
    'a number id is read as text',
  );
  assert.deepEqual(await read(row(1.5), tx), { error: 'helcim_bad_response' }, 'a fractional id');
  // Mountain daylight time is UTC−6 in July, UTC−7 in January (written out, not computed).
  assert.equal(
    ((await read(row(1, '2026-07-01 10:30:00'), tx)).value as { createdAt: string }).createdAt,
    '2026-07-01T16:30:00.000Z',
  );
  assert.equal(
    ((await read(row(1, '2026-01-15 10:30:00'), tx)).value as { createdAt: string }).createdAt,
    '2026-01-15T17:30:00.000Z',
  );
  assert.equal(
    ((await read(row(1, 'yesterday'), tx)).value as { createdAt: null }).createdAt,
    null,
    'an unreadable time is kept as unknown',
  );
  const { transactionId: _id, ...noId } = row(1);
  assert.deepEqual(await read(noId, tx), { error: 'helcim_bad_response' }, 'no id');
  const batch = (c: HelcimClient) => c.getCardBatch(TOKEN, '1');
  assert.deepEqual(await read({ id: 5, closed: true }, batch), { value: { id: '5', closed: true } });
  assert.deepEqual(
    await read({ id: 5 }, batch),
    { error: 'helcim_bad_response' },
    'a batch that does not say whether it is closed',
  );
  assert.deepEqual(await read({ closed: false }, batch), { error: 'helcim_bad_response' }, 'a batch without an id');
  const devices = (c: HelcimClient) => c.listDevices(TOKEN);
  assert.deepEqual(await read([{ code: 'AB12' }], devices), { value: [{ code: 'AB12' }] });
  assert.deepEqual(
    await read([{ code: 'AB1' }], devices),
    { error: 'helcim_bad_response' },
    'a terminal code of 3 characters',
  );
  assert.deepEqual(await read([{}], devices), { error: 'helcim_bad_response' }, 'a terminal without a code');
  assert.deepEqual(await read({ code: 'AB12' }, devices), { error: 'helcim_bad_response' }, 'not a list');
  assert.equal(((await read(Array(500).fill({ code: 'AB12' }), devices)).value as unknown[]).length, 500);
  assert.deepEqual(
    await read(Array(501).fill({ code: 'AB12' }), devices),
    { error: 'helcim_bad_response' },
    'more than 500 terminals',
  );
  const init = (c: HelcimClient) =>
    c.initializeCheckout(TOKEN, {
      paymentType: 'verify',
      amountCents: 0,
      currency: 'CAD',
      invoiceNumber: 'INV-1',
      idempotencyKey: KEY,
    });
  assert.deepEqual(await read({ checkoutToken: 'c', secretToken: 's' }, init), {
    value: { checkoutToken: 'c', secretToken: 's' },
  });
  assert.deepEqual(await read({ checkoutToken: 'c' }, init), { error: 'helcim_bad_response' }, 'no secret token');
});

test('an empty answer is nothing, not an empty text; a text answer is read as Helcim’s words, with the token scrubbed out', async () => {
  const { client } = wire([{ status: 202 }]);
  assert.equal(
    await client.pushToDevice(TOKEN, 'AB12', {
      kind: 'purchase',
      amountCents: 100,
      currency: 'CAD',
      invoiceNumber: 'INV-1',
      idempotencyKey: KEY,
    }),
    undefined,
  );
  const plain = wire([{ status: 400, text: 'Bad field amount' }]);
  const e = await failure(plain.client.connectionTest(TOKEN));
  assert.equal(e.code, 'helcim_bad_request');
  assert.deepEqual(e.values, { detail: 'Bad field amount' });
  const echo = wire([{ status: 400, body: { errors: `token ${TOKEN} is not valid here` } }]);
  const r = await failure(echo.client.connectionTest(TOKEN));
  assert.deepEqual(r.values, { detail: 'token [redacted] is not valid here' });
  assert.ok(!r.message.includes(TOKEN));
});

test('a read is tried three times on a dropped connection, a 5xx or a 429; the waits double from 300 ms', async () => {
  const w = wire(['drop', { status: 500 }, { status: 200, body: { ok: 1 } }]);
  assert.deepEqual(await w.client.connectionTest(TOKEN), { ok: 1 });
  assert.equal(w.sent.length, 3, 'a 500 that is not a decline is tried again');
  assert.deepEqual(w.slept, [300, 600]);
  const down = wire([{ status: 503 }]);
  assert.equal((await failure(down.client.connectionTest(TOKEN))).code, 'helcim_unavailable');
  assert.equal(down.sent.length, 3, 'three tries, not four');
  const capped = wire([{ status: 503 }], { retry: { attempts: 5, baseDelayMs: 2000, maxDelayMs: 5000 } });
  await failure(capped.client.connectionTest(TOKEN));
  assert.deepEqual(capped.slept, [2000, 4000, 5000, 5000], 'waits are capped');
  const once = wire([{ status: 503 }], { retry: { attempts: 0 } });
  await failure(once.client.connectionTest(TOKEN));
  assert.equal(once.sent.length, 1, 'a policy of zero tries still sends the call once');
});

test('what is never repeated: a 4xx, a decline, an unreadable answer, a POST without its key, a terminal push, a probe', async () => {
  const cases: [string, Answer, (c: HelcimClient) => Promise<unknown>, string][] = [
    ['a 400', { status: 400, body: { errors: 'amount' } }, (c) => c.connectionTest(TOKEN), 'helcim_bad_request'],
    ['a 404', { status: 404 }, (c) => c.connectionTest(TOKEN), 'helcim_bad_request'],
    [
      'a decline (HTTP 500)',
      { status: 500, body: { errors: 'Transaction Declined: DECLINE' } },
      (c) =>
        c.refund(TOKEN, { originalTransactionId: '1', amountCents: 100, ipAddress: '127.0.0.1', idempotencyKey: KEY }),
      'helcim_declined',
    ],
    [
      'an unreadable 200',
      { status: 200, body: { nope: true } },
      (c) => c.getCardTransaction(TOKEN, '1'),
      'helcim_bad_response',
    ],
    [
      'a POST without a key',
      { status: 503 },
      (c) => c.call(TOKEN, { method: 'POST', path: 'payment/refund', kind: 'money', schema: z.unknown(), body: {} }),
      'helcim_unknown_outcome',
    ],
    [
      'a terminal push',
      { status: 503 },
      (c) =>
        c.pushToDevice(TOKEN, 'AB12', {
          kind: 'purchase',
          amountCents: 100,
          currency: 'CAD',
          invoiceNumber: 'INV-1',
          idempotencyKey: KEY,
        }),
      'helcim_unknown_outcome',
    ],
    ['the connection probe', { status: 503 }, (c) => c.probeDevicePurchase(TOKEN, KEY), 'helcim_unknown_outcome'],
    [
      'a refund asked not to repeat',
      'drop',
      (c) =>
        c.refund(
          TOKEN,
          { originalTransactionId: '1', amountCents: 100, ipAddress: '127.0.0.1', idempotencyKey: KEY },
          { noRetry: true },
        ),
      'helcim_unknown_outcome',
    ],
    [
      'a void asked not to repeat',
      'drop',
      (c) =>
        c.reverse(TOKEN, { cardTransactionId: '1', ipAddress: '127.0.0.1', idempotencyKey: KEY }, { noRetry: true }),
      'helcim_unknown_outcome',
    ],
    [
      'a capture asked not to repeat',
      'drop',
      (c) =>
        c.capture(
          TOKEN,
          { preAuthTransactionId: '1', amountCents: 100, ipAddress: '127.0.0.1', idempotencyKey: KEY },
          { noRetry: true },
        ),
      'helcim_unknown_outcome',
    ],
  ];
  for (const [name, answer, call, code] of cases) {
    const w = wire([answer, { status: 200, body: row(1) }]);
    assert.equal((await failure(call(w.client))).code, code, name);
    assert.equal(w.sent.length, 1, `${name}: sent once`);
  }
  // The same POST with its key is repeated (Helcim answers a repeat with the first result).
  const keyed = wire([{ status: 503 }, { status: 200, body: {} }]);
  await keyed.client.call(TOKEN, {
    method: 'POST',
    path: 'payment/refund',
    kind: 'money',
    schema: z.unknown(),
    body: {},
    idempotencyKey: KEY,
  });
  assert.equal(keyed.sent.length, 2);
  assert.deepEqual(
    keyed.sent.map((s) => s.headers['idempotency-key']),
    [KEY, KEY],
  );
  const refund = wire(['drop', { status: 200, body: row(1) }]);
  await refund.client.refund(TOKEN, {
    originalTransactionId: '1',
    amountCents: 100,
    ipAddress: '127.0.0.1',
    idempotencyKey: KEY,
  });
  assert.equal(refund.sent.length, 2, 'a refund with its key is repeated after a lost answer');
});

test('a 429 waits as long as Helcim says (capped), and only a 429: otherwise the usual wait', async () => {
  const waitFor = async (answer: Answer) => {
    const w = wire([answer, { status: 200, body: {} }]);
    await w.client.connectionTest(TOKEN);
    return w.slept;
  };
  assert.deepEqual(await waitFor({ status: 429, headers: { 'retry-after': '2' } }), [2000]);
  assert.deepEqual(await waitFor({ status: 429, headers: { 'retry-after': '60' } }), [5000]);
  assert.deepEqual(await waitFor({ status: 429, headers: { 'retry-after': '0' } }), [300], 'a zero is no instruction');
  assert.deepEqual(await waitFor({ status: 429 }), [300], 'no header: the usual wait');
  assert.deepEqual(
    await waitFor({ status: 503, headers: { 'retry-after': '2' } }),
    [300],
    'only a 429’s retry-after is read',
  );
  const busy = wire([{ status: 429 }]);
  assert.equal((await failure(busy.client.connectionTest(TOKEN))).code, 'helcim_rate_limited');
});

test('a lost answer to a money call, then 429s: the first try may have moved money, so the outcome is unknown', async () => {
  const refund = (c: HelcimClient) =>
    c.refund(TOKEN, { originalTransactionId: '1', amountCents: 100, ipAddress: '127.0.0.1', idempotencyKey: KEY });
  const lost = wire(['drop', { status: 429 }]);
  const e = await failure(refund(lost.client));
  assert.equal(e.code, 'helcim_unknown_outcome');
  assert.equal(e.message, 'Helcim did not confirm the outcome. Do not retry; the app will check with Helcim.');
  assert.equal(lost.sent.length, 3);
  const onlyBusy = wire([{ status: 429 }]);
  assert.equal(
    (await failure(refund(onlyBusy.client))).code,
    'helcim_rate_limited',
    'Helcim refused every try: nothing moved',
  );
  const thenDeclined = wire(['drop', { status: 500, body: { errors: 'Transaction Declined: DECLINE' } }]);
  assert.equal(
    (await failure(refund(thenDeclined.client))).code,
    'helcim_declined',
    'the repeat’s decline is Helcim’s answer to that key',
  );
  const timedOut = wire(['hang'], { timeoutMs: 30 });
  const late = await failure(refund(timedOut.client));
  assert.equal(late.code, 'helcim_unknown_outcome');
  assert.deepEqual(late.values, { why: 'late' }, 'the time limit ended the call');
});

test('every HTTP answer reports the rate limits to the budget, a 429’s and a 500’s too', async () => {
  const w = wire([
    { status: 500, headers: { 'minute-limit-remaining': '7' } },
    { status: 429, headers: { 'minute-limit-remaining': '0' } },
    'drop',
    { status: 200, body: {}, headers: { 'minute-limit-remaining': '99' } },
  ]);
  await failure(w.client.connectionTest(TOKEN));
  assert.deepEqual(w.observed, ['7', '0']);
  const w2 = wire(['drop', { status: 200, body: {}, headers: { 'minute-limit-remaining': '99' } }]);
  await w2.client.connectionTest(TOKEN);
  assert.deepEqual(w2.observed, ['99'], 'a dropped connection reports nothing');
});

test('a list between two instants: Helcim’s Mountain days asked, then only the rows inside [from, to) kept — from its whole second', async () => {
  // July: Mountain time is UTC−6. The window is 16:00:00.500Z to 17:00:00Z.
  const rows = [
    row('before', '2026-07-01 09:59:59'),
    row('first-second', '2026-07-01 10:00:00'),
    row('inside', '2026-07-01 10:59:59'),
    row('at-to', '2026-07-01 11:00:00'),
    row('unreadable', 'not a time'),
  ];
  const w = wire([{ status: 200, body: rows }]);
  const got = await w.client.listCardTransactions(TOKEN, {
    between: { from: new Date('2026-07-01T16:00:00.500Z'), to: new Date('2026-07-01T17:00:00.000Z') },
    invoiceNumber: 'INV-3',
  });
  assert.deepEqual(
    got.map((r) => r.transactionId),
    ['first-second', 'inside', 'unreadable'],
  );
  assert.equal(
    w.sent[0]!.url,
    'https://helcim.test/v2/card-transactions?invoiceNumber=INV-3&dateFrom=2026-07-01&dateTo=2026-07-01&limit=1000&page=1',
  );
  // A window crossing Mountain midnight (06:00Z in July) asks for both days.
  const night = wire([{ status: 200, body: [] }]);
  await night.client.listCardTransactions(TOKEN, {
    between: { from: new Date('2026-07-02T05:00:00Z'), to: new Date('2026-07-02T07:00:00Z') },
  });
  assert.equal(
    night.sent[0]!.url,
    'https://helcim.test/v2/card-transactions?dateFrom=2026-07-01&dateTo=2026-07-02&limit=1000&page=1',
  );
  const all = wire([{ status: 200, body: rows }]);
  assert.equal((await all.client.listCardTransactions(TOKEN)).length, 5, 'no window: every row');
});

test('a list goes page by page until a short page, and refuses past 25 full pages rather than cutting the day', async () => {
  const full = Array.from({ length: CARD_TRANSACTIONS_PAGE }, (_, i) => row(i + 1));
  const two = wire([
    { status: 200, body: full },
    { status: 200, body: [row('last')] },
  ]);
  assert.equal((await two.client.listCardTransactions(TOKEN)).length, 1001);
  assert.deepEqual(
    two.sent.map((s) => new URL(s.url).searchParams.get('page')),
    ['1', '2'],
  );
  const endless = wire([{ status: 200, body: full }]);
  const e = await failure(endless.client.listCardTransactions(TOKEN));
  assert.equal(e.code, 'too_many_results');
  assert.equal(endless.sent.length, 25, 'exactly 25 pages asked');
  assert.equal(MAX_LIST_PAGES, 25);
  const tooLong = wire([{ status: 200, body: [...full, row('extra')] }]);
  assert.equal(
    (await failure(tooLong.client.listCardTransactionsPage(TOKEN, {}, 1))).code,
    'helcim_bad_response',
    'a page longer than 1000 rows',
  );
});

test('without a sleep of its own, the client really waits before it tries again (Node’s timers, mocked)', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sent: number[] = [];
  const client = new HelcimClient({
    baseUrl: 'https://helcim.test/v2/',
    fetchImpl: (async () => {
      sent.push(sent.length);
      return new Response(sent.length === 1 ? null : '{}', { status: sent.length === 1 ? 503 : 200 });
    }) as typeof fetch,
    retry: { attempts: 3, baseDelayMs: 300, maxDelayMs: 5000 },
  });
  const done = client.connectionTest(TOKEN);
  const settle = () => new Promise<void>((r) => setImmediate(r));
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(sent.length, 1);
  t.mock.timers.tick(299);
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(sent.length, 1, 'not before 300 ms');
  t.mock.timers.tick(1);
  assert.deepEqual(await done, {});
  assert.equal(sent.length, 2);
});

test('an answer that is not JSON is kept to its first 300 characters', async () => {
  const w = wire([{ status: 400, text: `\n${'x'.repeat(400)}` }]);
  const e = await failure(w.client.connectionTest(TOKEN));
  assert.deepEqual(
    e.values,
    { detail: 'x'.repeat(299) },
    'the first 300 characters of the answer, a line break among them',
  );
});
