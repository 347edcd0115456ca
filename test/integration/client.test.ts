/** The Helcim client against the simulator over real HTTP on 127.0.0.1. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { HelcimClient } from '../../main/helcim/client';
import { PosError } from '../../main/errors';
import { hashMatches } from '../../main/helcim/helcimpay';
import { startSimulator, type Simulator } from '../../main/simulator/server';

let sim: Simulator;
let client: HelcimClient;
before(async () => {
  sim = await startSimulator();
  client = new HelcimClient({ baseUrl: sim.baseUrl, timeoutMs: 2000 });
});
after(() => sim.close());

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof PosError, `not a PosError: ${String(e)}`);
    return e.code;
  }
};
const init = (token: string, paymentType: 'purchase' | 'verify', amountCents = 1000, idempotencyKey = randomUUID()) =>
  client.initializeCheckout(token, {
    paymentType,
    amountCents,
    currency: 'CAD',
    invoiceNumber: `INV-${idempotencyKey.slice(0, 8)}`,
    idempotencyKey,
  });

async function pay(checkoutToken: string, card = '4124939999999990', cvv = '100') {
  const r = await fetch(`${sim.origin}/helcim-pay/checkout/${checkoutToken}/process`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cardNumber: card, cardExpiry: '01/28', cardCVV: cvv, cardHolderName: 'T' }),
  });
  return r.json() as Promise<{ status: string; data?: Record<string, unknown>; hash?: string; message?: string }>;
}

test('connection-test: a good token passes, an unknown or legacy token is refused', async () => {
  const good = sim.createToken({ general: 'none', settings: 'none', transactions: 'positive' });
  const legacy = sim.createToken({ general: 'write', settings: 'write', transactions: 'admin', legacy: true });
  assert.equal(await code(client.connectionTest(good)), 'ok');
  assert.equal(await code(client.connectionTest('sim_not_a_real_token_0000')), 'helcim_unauthorized');
  assert.equal(await code(client.connectionTest(legacy)), 'helcim_unauthorized');
});

test('initialize: purchase needs Positive, verify needs Auth; below that is a permission error', async () => {
  const auth = sim.createToken({ general: 'none', settings: 'none', transactions: 'auth' });
  const positive = sim.createToken({ general: 'none', settings: 'none', transactions: 'positive' });
  const none = sim.createToken({ general: 'write', settings: 'write', transactions: 'none' });
  assert.equal(await code(init(auth, 'verify', 0)), 'ok');
  assert.equal(await code(init(auth, 'purchase')), 'helcim_permission');
  assert.equal(await code(init(none, 'verify', 0)), 'helcim_permission');
  const r = await init(positive, 'purchase');
  assert.match(r.checkoutToken, /^[0-9a-f]{24}$/);
  assert.ok(r.secretToken.length >= 16);
});

test('the same idempotency-key returns the first answer', async () => {
  const token = sim.createToken({ general: 'none', settings: 'none', transactions: 'positive' });
  const key = randomUUID();
  const a = await init(token, 'purchase', 500, key);
  const b = await init(token, 'purchase', 500, key);
  const c = await init(token, 'purchase', 500);
  assert.deepEqual(a, b);
  assert.notEqual(a.checkoutToken, c.checkoutToken);
  // The same key with another body: 409 (HELCIM.md), which on a money call is never "nothing happened".
  assert.equal(await code(init(token, 'purchase', 600, key)), 'helcim_bad_request', 'initialize moves no money');
  const raw = await fetch(`${sim.baseUrl}helcim-pay/initialize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'api-token': token, 'idempotency-key': key },
    body: JSON.stringify({ paymentType: 'purchase', amount: 6, currency: 'CAD' }),
  });
  assert.equal(raw.status, 409);
  // Keys are 25–36 characters of letters, digits, _ and -.
  assert.equal(
    await code(init(token, 'purchase', 500, 'short-key-123' as `${string}-${string}-${string}-${string}-${string}`)),
    'helcim_bad_request',
  );
});

test('hosted checkout: approval is hashed with the secretToken; decline and card-transactions', async () => {
  const token = sim.createToken({ general: 'none', settings: 'none', transactions: 'admin' });
  const ok = await init(token, 'purchase', 1545);
  const approved = await pay(ok.checkoutToken);
  assert.equal(approved.status, 'APPROVED');
  assert.equal(approved.data!.amount, '15.45');
  assert.equal(hashMatches(approved.data, ok.secretToken, approved.hash!), true);
  assert.equal(hashMatches(approved.data, 'wrong-secret', approved.hash!), false);
  // A finished checkout cannot be charged again.
  assert.equal((await pay(ok.checkoutToken)).status, 'ERROR');

  const no = await init(token, 'purchase', 700);
  const declined = await pay(no.checkoutToken, '5413330089099130', '200');
  assert.equal(declined.status, 'DECLINED');
  assert.match(declined.message!, /^Transaction Declined: DECLINE CVV2/);
  assert.equal((await pay((await init(token, 'purchase')).checkoutToken, '4111111111111111')).status, 'ERROR');

  const list = await client.listCardTransactions(token, { invoiceNumber: String(approved.data!.invoiceNumber) });
  assert.equal(list.length, 1);
  assert.equal(list[0]!.status, 'APPROVED');
  const one = await client.getCardTransaction(token, String(approved.data!.transactionId));
  assert.equal(one.amount, 15.45);
  assert.equal(one.cardNumber, '4124939990');
  assert.equal(await code(client.getCardTransaction(token, '1')), 'helcim_bad_request');
  assert.equal(await code(client.getCardTransaction(token, '../x')), 'invalid_payload');
});

test('bad answers from the server become typed errors, never crashes', async () => {
  const server = createServer((req, res) => {
    if (req.url?.includes('slow')) return; // never answers
    if (req.url?.includes('garbage')) return res.end('<html>not json</html>');
    if (req.url?.includes('shape')) return res.end(JSON.stringify({ checkoutToken: 42 }));
    if (req.url?.includes('echo')) {
      res.writeHead(400, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ errors: { token: `bad token ${req.headers['api-token']}` } }));
    }
    res.writeHead(503).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const c = (path: string, timeoutMs = 300) => new HelcimClient({ baseUrl: base + path, timeoutMs });
  const token = 'tok_verysecret_1234567890';
  try {
    assert.equal(await code(c('slow/').connectionTest(token)), 'helcim_unavailable');
    assert.equal(await code(c('garbage/').listCardTransactions(token)), 'helcim_bad_response');
    assert.equal(
      await code(
        c('shape/').initializeCheckout(token, {
          paymentType: 'purchase',
          amountCents: 1,
          currency: 'CAD',
          invoiceNumber: 'x',
          idempotencyKey: randomUUID(),
        }),
      ),
      'helcim_bad_response',
    );
    assert.equal(await code(c('down/').connectionTest(token)), 'helcim_unavailable');
    const echoed = await c('echo/')
      .connectionTest(token)
      .catch((e: PosError) => e);
    assert.ok(echoed instanceof PosError);
    assert.equal(echoed.message.includes(token), false, 'token leaked into an error message');
    assert.equal(
      await code(new HelcimClient({ baseUrl: 'http://127.0.0.1:9/' }).connectionTest(token)),
      'helcim_unavailable',
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('refund and reverse need an Admin token; below that Helcim answers with a permission error', async () => {
  const positive = sim.createToken({ general: 'write', settings: 'write', transactions: 'positive' });
  const admin = sim.createToken({ general: 'none', settings: 'none', transactions: 'admin' });
  const init = await client.initializeCheckout(positive, {
    paymentType: 'purchase',
    amountCents: 900,
    currency: 'CAD',
    invoiceNumber: 'P-1',
    idempotencyKey: randomUUID(),
  });
  const paid = await pay(init.checkoutToken);
  const id = String(paid.data!.transactionId);
  const refund = (token: string, amountCents = 900) =>
    client.refund(token, {
      originalTransactionId: id,
      amountCents,
      ipAddress: '127.0.0.1',
      idempotencyKey: randomUUID(),
    });
  const reverse = (token: string) =>
    client.reverse(token, { cardTransactionId: id, ipAddress: '127.0.0.1', idempotencyKey: randomUUID() });
  assert.equal(await code(refund(positive)), 'helcim_permission');
  assert.equal(await code(reverse(positive)), 'helcim_permission');
  // Open batch: refund is refused (use reverse); reverse works once.
  assert.equal(await code(refund(admin)), 'helcim_bad_request');
  const batch = await client.getCardBatch(
    admin,
    String(((await client.getCardTransaction(admin, id)) as { cardBatchId?: number }).cardBatchId),
  );
  assert.equal(batch.closed, false);
  const key = randomUUID();
  const v1 = await client.reverse(admin, { cardTransactionId: id, ipAddress: '127.0.0.1', idempotencyKey: key });
  const v2 = await client.reverse(admin, { cardTransactionId: id, ipAddress: '127.0.0.1', idempotencyKey: key });
  assert.equal(v1.transactionId, v2.transactionId, 'same key, same answer, no second reverse');
  assert.equal(v1.type, 'reverse');
  assert.equal(await code(reverse(admin)), 'helcim_bad_request');
  assert.equal(
    sim.transactions().filter((t) => t.type === 'reverse' && t.originalTransactionId === Number(id)).length,
    1,
  );
});

test('retry policy: same key on 5xx and resets, 429 waits as told, a decline or 4xx is never repeated', async () => {
  const seen: { key: string | undefined; path: string }[] = [];
  const plan: Record<string, number[]> = {
    '/flaky/payment/refund': [503, 502, 200],
    '/declined/payment/refund': [500],
    '/busy/payment/refund': [429, 200],
    '/bad/payment/refund': [400],
  };
  const server = createServer((req, res) => {
    seen.push({ key: req.headers['idempotency-key'] as string | undefined, path: req.url! });
    const status = plan[req.url!]!.shift() ?? 200;
    if (status === 429) res.setHeader('retry-after', '2');
    res.writeHead(status, { 'content-type': 'application/json' });
    if (status === 200)
      return res.end(
        JSON.stringify({
          transactionId: 9,
          dateCreated: '2026-01-01 00:00:00',
          status: 'APPROVED',
          type: 'refund',
          amount: 1,
          currency: 'CAD',
        }),
      );
    res.end(
      JSON.stringify({
        errors: status === 500 ? 'Transaction Declined: DO NOT HONOR' : status === 400 ? { amount: 'Invalid' } : 'Busy',
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const waits: number[] = [];
  const c = (p: string) =>
    new HelcimClient({
      baseUrl: `http://127.0.0.1:${port}/${p}/`,
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 5000, sleep: async (ms) => void waits.push(ms) },
    });
  const refund = (p: string) =>
    c(p).refund('tok_x_1234567890abcdef', {
      originalTransactionId: '1',
      amountCents: 100,
      ipAddress: '127.0.0.1',
      idempotencyKey: `key-${p}-0123456789`,
    });
  try {
    assert.equal((await refund('flaky')).status, 'APPROVED');
    const flaky = seen.filter((s) => s.path.startsWith('/flaky'));
    assert.equal(flaky.length, 3);
    assert.ok(
      flaky.every((s) => s.key === 'key-flaky-0123456789'),
      'every retry carries the same idempotency key',
    );
    assert.deepEqual(waits.splice(0), [100, 200], 'exponential backoff');
    assert.equal(await code(refund('declined')), 'helcim_declined');
    assert.equal(seen.filter((s) => s.path.startsWith('/declined')).length, 1, 'a decline is never retried');
    assert.equal((await refund('busy')).status, 'APPROVED');
    assert.deepEqual(waits.splice(0), [2000], 'Retry-After honoured');
    assert.equal(await code(refund('bad')), 'helcim_bad_request');
    assert.equal(seen.filter((s) => s.path.startsWith('/bad')).length, 1, 'a 4xx is never retried');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('"No access permission" is a permission error whether Helcim says 401 or 403; every answer reports the rate limits', async () => {
  const none = sim.createToken({ general: 'none', settings: 'none', transactions: 'none' });
  const raw = async (method: 'GET' | 'POST', p: string) =>
    fetch(`${sim.baseUrl}${p}`, {
      method,
      headers: { 'content-type': 'application/json', 'api-token': none, 'idempotency-key': randomUUID() },
      body: method === 'POST' ? JSON.stringify({ paymentType: 'purchase', amount: 1, currency: 'CAD' }) : undefined,
    });
  const get = await raw('GET', 'card-transactions');
  const post = await raw('POST', 'helcim-pay/initialize');
  assert.deepEqual([get.status, post.status], [403, 401]);
  for (const r of [get, post]) {
    assert.deepEqual(await r.json(), { errors: 'No access permission' });
    assert.match(r.headers.get('minute-limit-remaining') ?? '', /^\d+$/);
    assert.match(r.headers.get('hour-limit-remaining') ?? '', /^\d+$/);
  }
  const client = new HelcimClient({ baseUrl: sim.baseUrl });
  assert.equal(await code(client.listCardTransactions(none)), 'helcim_permission', 'the 403');
  assert.equal(await code(init(none, 'purchase')), 'helcim_permission', 'the 401');
});
