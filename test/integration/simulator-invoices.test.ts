/**
 * The simulator's Invoice API over HTTP, as HELCIM.md and Helcim's Invoice API reference describe it:
 * General Read & Write to create, General Read to list; 1 to 100 lines; quantities and amounts of at
 * most two decimals; where the reference is silent (a field it does not list, a number already used)
 * the simulator refuses rather than guesses. Its total is its own sum of what it received.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../main/simulator/server';

let sim: Simulator;
let writer = '';
let reader = '';
let none = '';

before(async () => {
  sim = await startSimulator();
  writer = sim.createToken({ general: 'write', settings: 'none', transactions: 'admin' });
  reader = sim.createToken({ general: 'read', settings: 'none', transactions: 'admin' });
  none = sim.createToken({ general: 'none', settings: 'none', transactions: 'admin' });
});
after(async () => {
  await sim.close();
});

const ask = async (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => {
  const res = await fetch(new URL(path, sim.baseUrl), {
    method,
    headers: { 'api-token': token, accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const GOOD = {
  invoiceNumber: 'C1A2B-SIM0000001',
  currency: 'CAD',
  type: 'INVOICE',
  lineItems: [
    { description: 'Soap', quantity: 2, price: 3.5, sku: 'SOAP', discountAmount: 0.5 },
    { description: 'Cheddar', quantity: 1, price: 8.67 },
  ],
  tax: { amount: 0.7, details: 'GST 5 %' },
  discount: { amount: 1, details: 'Goodwill' },
  notes: 'Sale 1',
};

test('created with General Read & Write; its total is Σ quantity × price − discounts + tax', async () => {
  const r = await ask('POST', 'invoices', writer, GOOD);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // 2 × 3.50 − 0.50 + 8.67 − 1.00 + 0.70 = 14.87
  assert.deepEqual(
    [r.body.invoiceNumber, r.body.amount, r.body.amountPaid, r.body.status],
    [GOOD.invoiceNumber, 14.87, 0, 'DUE'],
  );
  const found = await ask('GET', `invoices?invoiceNumber=${GOOD.invoiceNumber.toLowerCase()}`, reader);
  assert.equal(found.status, 200);
  assert.deepEqual(
    (found.body as unknown as { invoiceId: number }[]).map((x) => x.invoiceId),
    [r.body.invoiceId],
  );
  const one = await ask('GET', `invoices/${String(r.body.invoiceId)}`, reader);
  assert.equal(one.body.invoiceNumber, GOOD.invoiceNumber);
});

test('General Read may list but not create; no General access may do neither', async () => {
  const refused = await ask('POST', 'invoices', reader, { ...GOOD, invoiceNumber: 'C1A2B-SIM0000002' });
  assert.equal(refused.body.errors, 'No access permission');
  assert.equal(
    (await ask('POST', 'invoices', none, { ...GOOD, invoiceNumber: 'C1A2B-SIM0000003' })).body.errors,
    'No access permission',
  );
  assert.equal((await ask('GET', 'invoices', none)).body.errors, 'No access permission');
  assert.equal(sim.invoices().filter((x) => String(x.invoiceNumber).startsWith('C1A2B-SIM000000')).length, 1);
});

// Each refusal changes one thing of a good body.
const refusals: [string, Record<string, unknown>, string][] = [
  ['no lines', { lineItems: [] }, 'lineItems'],
  [
    '101 lines',
    { lineItems: Array.from({ length: 101 }, () => ({ description: 'x', quantity: 1, price: 1 })) },
    'lineItems',
  ],
  [
    'a quantity of 3 decimals',
    { lineItems: [{ description: 'x', quantity: 0.347, price: 1 }] },
    'lineItems[0].quantity',
  ],
  ['a price of 3 decimals', { lineItems: [{ description: 'x', quantity: 1, price: 1.005 }] }, 'lineItems[0].price'],
  [
    'a line without a description',
    { lineItems: [{ description: ' ', quantity: 1, price: 1 }] },
    'lineItems[0].description',
  ],
  [
    'a field the reference does not list, on a line',
    { lineItems: [{ description: 'x', quantity: 1, price: 1, unit: 'kg' }] },
    'lineItems[0].unit',
  ],
  ['a field the reference does not list', { taxes: [] }, 'taxes'],
  ['another currency', { currency: 'EUR' }, 'currency'],
  ['a tax without details', { tax: { amount: 1 } }, 'tax'],
  ['an invoice number already used', { invoiceNumber: GOOD.invoiceNumber.toLowerCase() }, 'invoiceNumber'],
];
for (const [what, change, field] of refusals)
  test(`refused: ${what}`, async () => {
    const r = await ask('POST', 'invoices', writer, {
      ...GOOD,
      invoiceNumber: `C1A2B-R${what.length}${field.length}`,
      ...change,
    });
    assert.equal(r.status, 400);
    assert.ok(field in (r.body.errors as Record<string, unknown>), JSON.stringify(r.body));
  });

test('the list by dates, a page at a time', async () => {
  const r = await ask('GET', 'invoices?dateStart=2000-01-01&dateEnd=2999-12-31&page=1', reader);
  assert.equal(r.status, 200);
  assert.ok((r.body as unknown as unknown[]).length >= 1);
  const past = await ask('GET', 'invoices?dateStart=2000-01-01&dateEnd=2000-01-02&page=1', reader);
  assert.deepEqual(past.body, []);
  assert.deepEqual((await ask('GET', 'invoices?dateStart=2000-01-01&dateEnd=2999-12-31&page=2', reader)).body, []);
});
