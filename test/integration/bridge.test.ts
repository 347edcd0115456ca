/**
 * The bridge as main sees it: dispatcher (sender, schema) -> router (policy) -> services, with a
 * real keychain, a real SQLite journal and the simulator over HTTP. Each call is what a renderer,
 * honest or not, could send.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import type { Sender } from '../../main/ipc/dispatch';
import type { Session } from '../../main/session';
import { createKeytarVault } from '../../main/vault/vault';
import { removeKeychainEntries, createTestCore, type TestCore } from '../support/core';
import { channelOf, type BridgeResult, type CheckoutStart, type OperationName } from '../../common/contract';
import { HelcimClient } from '../../main/helcim/client';
import { Journal } from '../../main/journal/journal';
import { CheckoutService } from '../../main/payments/checkout';
import { LateApprovals } from '../../main/payments/late-approvals';
import { startSimulator } from '../../main/simulator/server';

const APP = 'app://counter';
const W = 7; // the signed-in window
let core: TestCore;
let dir: string;
const answers: string[] = [];
let CASHIER: Session;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pos-bridge-'));
  core = await createTestCore({
    appOrigin: APP,
    journalFile: path.join(dir, 'journal.sqlite'),
    vault: createKeytarVault(keytar, `Counter POS bridge ${randomUUID()}`),
    log: () => {},
  });
  const casey = await core.staffStore.create('Casey', 'cashier', '2468');
  CASHIER = { staffId: casey.id, name: casey.name, role: 'cashier' };
  core.sessions.signIn(W, CASHIER);
});
after(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const top = (windowId = W): Sender => ({ windowId, frameUrl: `${APP}/index.html`, isMainFrame: true });
async function call<T = unknown>(
  op: OperationName | string,
  payload: unknown,
  sender = top(),
): Promise<BridgeResult<T>> {
  const channel = op.startsWith('pos:') ? op : channelOf(op as OperationName);
  const r = (await core.dispatch(channel, payload, sender)) as BridgeResult<T>;
  answers.push(JSON.stringify(r));
  return r;
}
const errCode = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);

async function payAtSimulator(start: CheckoutStart, cvv = '100') {
  const r = await fetch(`${core.simulator!.origin}/helcim-pay/checkout/${start.checkoutToken}/process`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      cardNumber: '5413330089020011',
      cardExpiry: '01/28',
      cardCVV: cvv,
      cardHolderName: 'Bridge Test',
    }),
  });
  return (await r.json()) as { status: string; data?: Record<string, unknown>; hash?: string; message?: string };
}
const successEvent = (start: CheckoutStart, data: unknown, hash: string) => ({
  eventName: `helcim-pay-js-${start.checkoutToken}`,
  eventStatus: 'SUCCESS' as const,
  eventMessage: JSON.stringify({ data: { data, hash } }),
});

test('training mode opens with an empty keychain; status carries the table’s capabilities', async () => {
  assert.equal(core.mode, 'training');
  const r = await call('app.status', {});
  assert.ok(r.ok);
  const session = (r.value as { session: { name: string; role: string; capabilities: Record<string, boolean> } })
    .session;
  assert.equal(session.name, 'Casey');
  assert.equal(session.role, 'cashier');
  assert.equal(session.capabilities['purchase.start'], true);
  assert.equal(session.capabilities['refund.submit'], true); // still needs a manager's approval per call
  assert.equal(session.capabilities['staff.add'], false);
});

test('only the contract’s channels exist', async () => {
  for (const ch of [
    'pos:refund',
    'pos:__proto__',
    'pos:constructor',
    'pos:',
    'app.status',
    'pos:app.status ',
    'ipc:anything',
  ])
    assert.equal(errCode((await core.dispatch(ch, {}, top())) as BridgeResult<unknown>), 'unknown_operation', ch);
});

test('calls from anything but the app’s own top frame are refused', async () => {
  const senders = [
    { windowId: W, frameUrl: 'https://checkout.counter-pos.invalid/host.html', isMainFrame: true },
    { windowId: W, frameUrl: `${APP}/index.html`, isMainFrame: false },
    { windowId: W, frameUrl: 'https://evil.example/index.html', isMainFrame: true },
    { windowId: W, frameUrl: 'file:///etc/passwd', isMainFrame: true },
    { windowId: W, frameUrl: undefined, isMainFrame: true },
    { windowId: W, frameUrl: 'not a url', isMainFrame: true },
  ];
  for (const s of senders) assert.equal(errCode(await call('app.status', {}, s)), 'bad_sender', JSON.stringify(s));
});

test('invalid payloads get invalid_payload and are never echoed back', async () => {
  const marker = 'ZZ-MARKER-123';
  const bad: [OperationName, unknown][] = [
    ['purchase.start', { amountCents: -5, currency: 'CAD' }],
    ['purchase.start', { amountCents: 0, currency: 'CAD' }],
    ['purchase.start', { amountCents: 12.5, currency: 'CAD' }],
    ['purchase.start', { amountCents: '1000', currency: 'CAD' }],
    ['purchase.start', { amountCents: 10_000_001, currency: 'CAD' }],
    ['purchase.start', { amountCents: Number.NaN, currency: 'CAD' }],
    ['purchase.start', { amountCents: 100, currency: marker }],
    ['purchase.start', { amountCents: 100, currency: 'CAD', staffId: 'manager' }],
    ['purchase.start', null],
    ['purchase.start', [1, 2]],
    ['verify.start', { currency: 'EUR' }],
    ['app.status', { anything: 1 }],
    ['checkout.finish', { attemptId: marker, event: { eventName: 'x', eventStatus: 'SUCCESS' } }],
    ['checkout.finish', { attemptId: randomUUID(), event: { eventName: 'x', eventStatus: 'APPROVED' } }],
    ['checkout.finish', { attemptId: randomUUID(), event: { eventName: 'x'.repeat(500), eventStatus: 'HIDE' } }],
    [
      'checkout.finish',
      { attemptId: randomUUID(), event: { eventName: 'x', eventStatus: 'HIDE', eventMessage: 'y'.repeat(30_000) } },
    ],
  ];
  for (const [op, payload] of bad) {
    const r = await call(op, payload);
    assert.equal(errCode(r), 'invalid_payload', `${op} ${JSON.stringify(payload)?.slice(0, 80)}`);
    assert.equal(!r.ok && r.error.message.includes(marker), false);
  }
});

test('a window nobody signed in to cannot start or finish a payment', async () => {
  const other = top(99);
  assert.equal(errCode(await call('purchase.start', { amountCents: 100, currency: 'CAD' }, other)), 'not_signed_in');
  assert.equal(errCode(await call('verify.start', { currency: 'CAD' }, other)), 'not_signed_in');
  const st = await call<{ session: unknown }>('app.status', {}, other);
  assert.ok(st.ok && st.value.session === null);
});

test('purchase: approved only with the genuine hash; replay and foreign windows refused', async () => {
  const before = core.simulator!.transactions().length;
  const s = await call<CheckoutStart>('purchase.start', { amountCents: 2599, currency: 'CAD' });
  assert.ok(s.ok);
  const start = s.value;
  assert.equal(core.journal.get(start.attemptId)!.state, 'pending');
  const paid = await payAtSimulator(start);
  assert.equal(paid.status, 'APPROVED');

  // Wrong event name, another window: refused, and the payment is still open.
  const wrongName = {
    ...successEvent(start, paid.data, paid.hash!),
    eventName: 'helcim-pay-js-000000000000000000000000',
  };
  assert.equal(
    errCode(await call('checkout.finish', { attemptId: start.attemptId, event: wrongName })),
    'checkout_invalid',
  );
  core.sessions.signIn(8, CASHIER);
  assert.equal(
    errCode(
      await call(
        'checkout.finish',
        { attemptId: start.attemptId, event: successEvent(start, paid.data, paid.hash!) },
        top(8),
      ),
    ),
    'checkout_invalid',
  );
  // Forged: the amount changed after hashing.
  const forged = successEvent(start, { ...paid.data, amount: '1.00' }, paid.hash!);
  assert.equal(
    errCode(await call('checkout.finish', { attemptId: start.attemptId, event: forged })),
    'checkout_unverified',
  );
  assert.equal(core.journal.get(start.attemptId)!.state, 'unknown');

  // The genuine message still lands after the forgery.
  const ok = await call<{ outcome: string; amountCents: number; cardLast4: string }>('checkout.finish', {
    attemptId: start.attemptId,
    event: successEvent(start, paid.data, paid.hash!),
  });
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.deepEqual([ok.value.outcome, ok.value.amountCents, ok.value.cardLast4], ['approved', 2599, '0011']);
  const row = core.journal.get(start.attemptId)!;
  assert.equal(row.state, 'approved');
  assert.equal(row.helcimTransactionId, String(paid.data!.transactionId));

  // Replay of the same genuine message: refused, nothing recorded twice.
  assert.equal(
    errCode(
      await call('checkout.finish', { attemptId: start.attemptId, event: successEvent(start, paid.data, paid.hash!) }),
    ),
    'checkout_invalid',
  );
  assert.equal(core.simulator!.transactions().length, before + 1);
});

test('a cancel message cannot hide an approval Helcim actually made', async () => {
  const s = await call<CheckoutStart>('purchase.start', { amountCents: 1200, currency: 'CAD' });
  assert.ok(s.ok);
  const paid = await payAtSimulator(s.value);
  assert.equal(paid.status, 'APPROVED');
  const lie = { eventName: `helcim-pay-js-${s.value.checkoutToken}`, eventStatus: 'HIDE', eventMessage: '' };
  const r = await call<{ outcome: string; transactionId: string }>('checkout.finish', {
    attemptId: s.value.attemptId,
    event: lie,
  });
  assert.ok(r.ok);
  assert.equal(r.value.outcome, 'approved');
  assert.equal(r.value.transactionId, String(paid.data!.transactionId));
  assert.equal(core.journal.get(s.value.attemptId)!.state, 'approved');
});

test('decline and cancel are journaled as such', async () => {
  const d = await call<CheckoutStart>('purchase.start', { amountCents: 300, currency: 'USD' });
  assert.ok(d.ok);
  const declined = await payAtSimulator(d.value, '205');
  const r = await call<{ outcome: string; message: string }>('checkout.finish', {
    attemptId: d.value.attemptId,
    event: {
      eventName: `helcim-pay-js-${d.value.checkoutToken}`,
      eventStatus: 'ABORTED',
      eventMessage: declined.message,
    },
  });
  assert.ok(r.ok);
  assert.equal(r.value.outcome, 'declined');
  assert.match(r.value.message, /^Declined by the card issuer \(DO NOT HONOR/);
  assert.equal(core.journal.get(d.value.attemptId)!.state, 'declined');

  const v = await call<CheckoutStart>('verify.start', { currency: 'CAD' });
  assert.ok(v.ok);
  assert.equal(v.value.amountCents, 0);
  const c = await call<{ outcome: string }>('checkout.finish', {
    attemptId: v.value.attemptId,
    event: { eventName: `helcim-pay-js-${v.value.checkoutToken}`, eventStatus: 'HIDE' },
  });
  assert.ok(c.ok && c.value.outcome === 'cancelled');
  assert.equal(core.journal.get(v.value.attemptId)!.state, 'cancelled');
});

test('no API token or secretToken appears in any bridge answer', () => {
  const secrets = core.simulator!.secrets();
  assert.ok(secrets.length >= 5);
  assert.ok(answers.length > 20);
  for (const a of answers) for (const s of secrets) assert.equal(a.includes(s), false);
});

test('the attempt is in the journal, pending, before the request leaves', async () => {
  const sim = await startSimulator();
  const journal = new Journal(path.join(dir, 'before-send.sqlite'));
  const token = sim.createToken({ general: 'none', settings: 'none', transactions: 'positive' });
  const seenAtSend: (string | undefined)[] = [];
  const client = new HelcimClient({
    baseUrl: sim.baseUrl,
    fetchImpl: async (url, init) => {
      const rows = journal.list();
      seenAtSend.push(rows[0]?.state);
      assert.equal(rows[0]?.idempotencyKey, (init?.headers as Record<string, string>)['idempotency-key']);
      return fetch(url, init);
    },
  });
  const svc = new CheckoutService({
    client: () => client,
    journal,
    mode: () => 'live',
    token: async () => token,
    scriptUrl: () => sim.scriptUrl,
    hostUrl: () => 'https://checkout.counter-pos.invalid/host.html',
    late: new LateApprovals({ journal, now: Date.now, audit: () => undefined }),
  });
  const start = await svc.start('purchase', 4200, 'CAD', CASHIER, 1, 'sales');
  assert.deepEqual(seenAtSend, ['pending']);
  assert.equal(journal.get(start.attemptId)!.amountCents, 4200);
  journal.close();
  await sim.close();
});

test('live mode: switched to by a passing connection test, kept across restarts, using the keychain token', async () => {
  const sim = await startSimulator();
  const service = `Counter POS live ${randomUUID()}`;
  const vault = createKeytarVault(keytar, service);
  const token = sim.createToken({ general: 'none', settings: 'none', transactions: 'positive' });
  const open = () =>
    createTestCore({
      appOrigin: APP,
      journalFile: path.join(dir, 'live.sqlite'),
      vault,
      live: { apiBase: sim.baseUrl, scriptUrl: sim.scriptUrl },
      log: () => {},
    });
  let live = await open();
  // The token is in the keychain, bound to this database, before the next start.
  await vault.forDatabase(live.databaseId).set('sales', token);
  await live.close();
  live = await open();
  try {
    assert.equal(live.mode, 'training', 'a token in the keychain alone does not switch to live');
    await assert.rejects(live.gateway.setMode('live'), /connection test/);
    const report = await live.gateway.test('sales');
    assert.equal(report.passed, true);
    await live.gateway.setMode('live');
    await live.close();
    live = await open();
    assert.equal(live.mode, 'live');
    assert.equal(live.simulator, null);
    live.sessions.signIn(1, CASHIER);
    const r = (await live.dispatch(
      channelOf('purchase.start'),
      { amountCents: 150, currency: 'CAD' },
      top(1),
    )) as BridgeResult<CheckoutStart>;
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.scriptUrl, sim.scriptUrl);
    assert.equal(JSON.stringify(r).includes(token), false);
  } finally {
    await live.close();
    await removeKeychainEntries(service, live.databaseId);
    await sim.close();
  }
});

test('an unknown outcome blocks the next charge until Helcim has been asked, then shows the true result', async () => {
  const sim = core.simulator!;
  const s = await call<CheckoutStart>('purchase.start', { amountCents: 777, currency: 'CAD' });
  assert.ok(s.ok);
  const paid = await payAtSimulator(s.value);
  assert.equal(paid.status, 'APPROVED');
  // The page's answer is lost (customer closes it) and Helcim's list is down while we check.
  sim.injectFault({ method: 'GET', path: '/v2/card-transactions' }, { kind: 'status', status: 503 }, 20);
  const hide = { eventName: `helcim-pay-js-${s.value.checkoutToken}`, eventStatus: 'HIDE', eventMessage: '' };
  assert.equal(
    errCode(await call('checkout.finish', { attemptId: s.value.attemptId, event: hide })),
    'helcim_unknown_outcome',
  );
  assert.equal(core.journal.get(s.value.attemptId)!.state, 'unknown');
  const st = await call<{ unresolved: number }>('app.status', {});
  assert.ok(st.ok && st.value.unresolved === 1, 'the status bar says it is checking');
  assert.equal(
    errCode(await call('purchase.start', { amountCents: 777, currency: 'CAD' })),
    'helcim_unknown_outcome',
    'no second charge yet',
  );
  sim.clearFaults();
  const next = await call<CheckoutStart>('purchase.start', { amountCents: 100, currency: 'CAD' });
  assert.ok(next.ok, 'after Helcim answered, the counter can charge again');
  const row = core.journal.get(s.value.attemptId)!;
  assert.deepEqual([row.state, row.helcimTransactionId], ['approved', String(paid.data!.transactionId)]);
});
