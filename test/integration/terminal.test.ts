/**
 * Card present on a Helcim Smart Terminal, through the real router and the simulator over HTTP:
 * pairing, a sale with a tip, a decline, "customer cancelled" believed only when Helcim's list
 * agrees (and a late approval recorded and told), a terminal that is not listening, one that never
 * answers. No card number is ever typed at the counter.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Sender } from '../../main/ipc/dispatch';
import { LOOKUP_EVERY_MS } from '../../main/payments/terminal';
import { testCore, type TestCore } from '../support/core';
import {
  channelOf,
  type AppStatus,
  type BridgeResult,
  type DayReport,
  type OperationName,
  type Receipt,
  type TerminalInfo,
  type TerminalProgress,
  type TerminalStart,
  type MoneyReturn,
  type OverrideApproval,
  type TransactionView,
} from '../../common/contract';
import { randomUUID } from 'node:crypto';

const APP = 'app://counter';
const CASHIER = 1;
const MANAGER = 2;
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
let clock = Date.now();
const ids = { casey: '', morgan: '' };

const sender = (w: number): Sender => ({ windowId: w, frameUrl: `${APP}/index.html`, isMainFrame: true });
const call = async <T>(w: number, op: OperationName, payload: unknown) =>
  (await core.dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);
const sim = () => core.simulator!;
const later = (ms = LOOKUP_EVERY_MS) => (clock += ms);

async function startSale(cents: number): Promise<TerminalStart> {
  const s = await call<TerminalStart>(CASHIER, 'terminal.start', { amountCents: cents, currency: 'CAD' });
  assert.ok(s.ok, JSON.stringify(s));
  return s.value;
}
async function check(s: TerminalStart): Promise<TerminalProgress> {
  later();
  const r = await call<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: s.attemptId });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

before(async () => {
  t = await testCore('terminal', { now: () => clock });
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  ids.morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  assert.equal(codeOf(await call(CASHIER, 'session.signIn', { staffId: ids.casey, pin: '2468' })), 'ok');
  assert.equal(codeOf(await call(MANAGER, 'session.signIn', { staffId: ids.morgan, pin: '135790' })), 'ok');
  sim().addTerminal('AB12');
  sim().addTerminal('ZZ99', { asleep: true });
});
after(async () => {
  await t.close();
});

test('pairing: a manager lists and pings the terminal; unknown, asleep or a cashier are refused and nothing is stored', async () => {
  assert.equal(codeOf(await call(CASHIER, 'terminal.pair', { deviceCode: 'AB12' })), 'forbidden');
  assert.equal(codeOf(await call(MANAGER, 'terminal.pair', { deviceCode: 'ab12' })), 'invalid_payload');
  assert.equal(codeOf(await call(MANAGER, 'terminal.pair', { deviceCode: 'QQ11' })), 'terminal_not_found');
  const asleep = await call(MANAGER, 'terminal.pair', { deviceCode: 'ZZ99' });
  assert.equal(codeOf(asleep), 'terminal_not_listening');
  assert.match(asleep.ok ? '' : asleep.error.message, /Wake it.*API mode/);
  assert.equal(core.settings.get('terminal.code'), null);
  // Before pairing, a terminal sale says what to do.
  assert.equal(
    codeOf(await call(CASHIER, 'terminal.start', { amountCents: 100, currency: 'CAD' })),
    'terminal_not_paired',
  );
  // A tender that never started leaves no sale behind (a new sale is written with its tender's journal row).
  assert.equal((core.journal.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n, 0);
  const list = await call<{ code: string }[]>(MANAGER, 'terminal.devices', {});
  assert.ok(list.ok, JSON.stringify(list));
  assert.deepEqual(list.value.map((d) => d.code).sort(), ['AB12', 'TRN1', 'ZZ99'], 'the training terminal too');
  const paired = await call<TerminalInfo>(MANAGER, 'terminal.pair', { deviceCode: 'AB12' });
  assert.ok(paired.ok, JSON.stringify(paired));
  assert.equal(paired.value.answered, true);
  assert.equal(core.settings.get('terminal.code'), 'AB12');
  assert.ok(core.audit.entries().some((e) => e.action === 'terminal.paired'));
});

test('a sale on the terminal with a tip: journaled first, the result found by invoice, the tip on its own line', async () => {
  const s = await startSale(2000);
  const attempt = core.journal.get(s.attemptId)!;
  assert.equal(attempt.state, 'pending', 'journaled before the push');
  assert.match(s.invoiceNumber, /^C[0-9A-F]{8}-[0-9A-F]{10}$/, "this counter's prefix");
  assert.deepEqual(sim().terminal('AB12').pending, {
    kind: 'purchase',
    amount: 20,
    currency: 'CAD',
    invoiceNumber: s.invoiceNumber,
  });
  assert.equal((await check(s)).state, 'waiting');
  sim().terminalAct('AB12', { action: 'approve', card: 'visa', tipCents: 300 });
  const done = await check(s);
  assert.equal(done.state, 'approved');
  assert.deepEqual([done.amountCents, done.tipCents, done.cardLast4], [2000, 300, '9990']);
  const a = core.journal.get(s.attemptId)!;
  assert.deepEqual([a.state, a.amountCents, a.tipCents], ['approved', 2300, 300]);
  const receipt = await call<Receipt>(CASHIER, 'receipt.get', { attemptId: s.attemptId });
  assert.ok(receipt.ok && receipt.value.tipCents === 300 && receipt.value.amountCents === 2300);
  const x = await call<DayReport>(MANAGER, 'report.x', {});
  assert.ok(x.ok, JSON.stringify(x));
  assert.deepEqual(x.value.tips, { key: 'tips', count: 1, cents: 300 });
  assert.equal(x.value.reconciliation.amountMismatch.length, 0, 'the journal holds the approved amount, tip included');
});

test('declined on the terminal: recorded as declined, nothing else asked', async () => {
  const s = await startSale(1500);
  sim().terminalAct('AB12', { action: 'decline', card: 'mastercard' });
  const done = await check(s);
  assert.equal(done.state, 'declined');
  assert.equal(core.journal.get(s.attemptId)!.state, 'declined');
});

test('"customer cancelled": believed when Helcim has nothing; an approval that comes after is recorded and the cashier told', async () => {
  const s = await startSale(1200);
  const c = await call<TerminalProgress>(CASHIER, 'terminal.cancel', { attemptId: s.attemptId });
  assert.ok(c.ok && c.value.state === 'cancelled', JSON.stringify(c));
  assert.equal(core.journal.get(s.attemptId)!.state, 'cancelled');
  // The terminal was still waiting, and the customer paid after all.
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  await core.reconciler.run();
  await core.terminal.watch();
  const a = core.journal.get(s.attemptId)!;
  assert.equal(a.state, 'approved', 'the late approval is recorded');
  assert.ok(core.journal.events(s.attemptId).some((e) => e.kind === 'late_approval'));
  const st = await call<AppStatus>(CASHIER, 'app.status', {});
  assert.ok(st.ok);
  assert.match(st.value.notices.join(' '), /approved on the terminal after all/);
});

test('"customer cancelled" that Helcim contradicts: the approval is recorded at once', async () => {
  const s = await startSale(900);
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  const c = await call<TerminalProgress>(CASHIER, 'terminal.cancel', { attemptId: s.attemptId });
  assert.ok(c.ok);
  assert.equal(c.value.state, 'approved');
  assert.equal(core.journal.get(s.attemptId)!.state, 'approved');
});

test('"customer cancelled" when Helcim cannot be asked: not believed — unknown until reconciliation finds what happened', async () => {
  const s = await startSale(1300);
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' }); // the customer did pay
  sim().injectFault({ method: 'GET', path: '/v2/card-transactions' }, { kind: 'reset' }, 20);
  let c: BridgeResult<TerminalProgress>;
  try {
    c = await call<TerminalProgress>(CASHIER, 'terminal.cancel', { attemptId: s.attemptId });
  } finally {
    sim().clearFaults();
  }
  assert.ok(c.ok, JSON.stringify(c));
  assert.equal(c.value.state, 'unknown');
  assert.match(c.value.message, /could not be asked/);
  assert.equal(core.journal.get(s.attemptId)!.state, 'unknown', 'never "cancelled" on the cashier’s word alone');
  await core.reconciler.run();
  assert.equal(core.journal.get(s.attemptId)!.state, 'approved');
});

test('a terminal that is not listening: nothing started, journaled as cancelled, words for the cashier', async () => {
  sim().terminal('AB12').asleep = true;
  try {
    const before = sim().transactions().length;
    const r = await call(CASHIER, 'terminal.start', { amountCents: 700, currency: 'CAD' });
    assert.equal(codeOf(r), 'terminal_not_listening');
    assert.equal(sim().transactions().length, before);
    const last = core.journal.list(1)[0]!;
    assert.deepEqual([last.amountCents, last.state], [700, 'cancelled']);
  } finally {
    sim().terminal('AB12').asleep = false;
  }
});

test('no answer from the terminal for minutes: unknown, new charges wait, reconciliation settles it', async () => {
  const s = await startSale(4400);
  later(3 * 60_000 + 1); // the terminal's 3 minutes, as documented
  const gone = await check(s);
  assert.equal(gone.state, 'unknown');
  assert.equal(core.journal.get(s.attemptId)!.state, 'unknown');
  // The customer finally paid; until reconciliation knows, nobody starts another charge here.
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  const blocked = await call(CASHIER, 'terminal.start', { amountCents: 100, currency: 'CAD' });
  // settledFirst reconciles first: it finds the approval, so the next charge may start.
  assert.equal(codeOf(blocked), 'ok');
  assert.equal(core.journal.get(s.attemptId)!.state, 'approved');
  if (blocked.ok) {
    sim().terminalAct('AB12', { action: 'cancel' });
    assert.equal(
      codeOf(await call(CASHIER, 'terminal.cancel', { attemptId: (blocked.value as TerminalStart).attemptId })),
      'ok',
    );
  }
});

test('refunds by card kind: open batch → void; closed credit → Payment API; closed debit → the terminal, card present', async () => {
  // A debit sale and a credit sale on the terminal.
  const debit = await startSale(3000);
  sim().terminalAct('AB12', { action: 'approve', card: 'interac' });
  const d = await check(debit);
  const credit = await startSale(2600);
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  const c = await check(credit);
  const view = async (id: string) => {
    const r = await call<TransactionView[]>(MANAGER, 'transactions.search', {});
    assert.ok(r.ok, JSON.stringify(r));
    return r.value.find((v) => v.transactionId === id)!;
  };
  assert.equal((await view(d.transactionId!)).returnBy, 'void', 'open batch: a void, whatever the card');
  sim().closeBatch();
  const dv = await view(d.transactionId!);
  assert.equal(dv.returnBy, 'terminal-refund');
  assert.match(dv.returnNote, /card present/);
  assert.equal((await view(c.transactionId!)).returnBy, 'refund');

  // Without a paired terminal, a debit refund is not possible, and the screen says why.
  core.settings.set('terminal.code', null);
  const unpaired = await view(d.transactionId!);
  assert.deepEqual([unpaired.canRefund, /Pair a terminal/.test(unpaired.returnNote)], [false, true]);
  const approvalFor = async (tx: string, cents: number) => {
    const a = await call<OverrideApproval>(CASHIER, 'override.approve', {
      action: 'refund',
      transactionId: tx,
      amountCents: cents,
      managerId: ids.morgan,
      pin: '135790',
    });
    assert.ok(a.ok, JSON.stringify(a));
    return a.value.approvalId;
  };
  const refused = await call(CASHIER, 'refund.submit', {
    transactionId: d.transactionId,
    amountCents: 3000,
    approvalId: await approvalFor(d.transactionId!, 3000),
  });
  assert.equal(codeOf(refused), 'transaction_not_eligible');
  core.settings.set('terminal.code', 'AB12');

  const before = sim()
    .transactions()
    .filter((t) => t.type === 'refund').length;
  const r = await call<MoneyReturn>(CASHIER, 'refund.submit', {
    transactionId: d.transactionId,
    amountCents: 1000,
    approvalId: await approvalFor(d.transactionId!, 1000),
  });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.outcome, 'waiting');
  assert.deepEqual(sim().terminal('AB12').pending, {
    kind: 'refund',
    amount: 10,
    currency: 'CAD',
    invoiceNumber: '',
    originalTransactionId: Number(d.transactionId),
  });
  assert.equal(
    sim()
      .transactions()
      .filter((t) => t.type === 'refund').length,
    before,
    'nothing refunded until the card is presented',
  );
  sim().terminalAct('AB12', { action: 'approve', card: 'interac' });
  const done = await check({ attemptId: r.value.attemptId } as TerminalStart);
  assert.equal(done.state, 'approved');
  const attempt = core.journal.get(r.value.attemptId)!;
  assert.deepEqual(
    [attempt.kind, attempt.state, attempt.approverId, attempt.originalTransactionId],
    ['refund', 'approved', ids.morgan, d.transactionId],
  );
  assert.equal((await view(d.transactionId!)).refundableCents, 2000);

  // The credit sale goes to the Payment API, as before.
  const cr = await call<MoneyReturn>(CASHIER, 'refund.submit', {
    transactionId: c.transactionId,
    amountCents: 2600,
    approvalId: await approvalFor(c.transactionId!, 2600),
  });
  assert.ok(cr.ok && cr.value.outcome === 'approved', JSON.stringify(cr));
});

test('the simulator, like Helcim, refuses a debit refund sent to the Payment API', async () => {
  const s = await startSale(500);
  sim().terminalAct('AB12', { action: 'approve', card: 'interac' });
  const d = await check(s);
  sim().closeBatch();
  const token = sim().createToken({ general: 'none', settings: 'none', transactions: 'admin' });
  const res = await fetch(`${sim().baseUrl}payment/refund`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'api-token': token, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ originalTransactionId: Number(d.transactionId), amount: 5, ipAddress: '127.0.0.1' }),
  });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /terminal with the card present/);
});

test('a terminal sale is followed only from the window that started it', async () => {
  const s = await startSale(300);
  const other = await call(MANAGER, 'terminal.check', { attemptId: s.attemptId });
  assert.equal(codeOf(other), 'checkout_invalid');
  assert.equal(codeOf(await call(MANAGER, 'terminal.cancel', { attemptId: s.attemptId })), 'checkout_invalid');
  assert.equal(core.journal.get(s.attemptId)!.state, 'pending', 'another window changed nothing');
  sim().terminalAct('AB12', { action: 'cancel' });
  assert.equal(codeOf(await call(CASHIER, 'terminal.cancel', { attemptId: s.attemptId })), 'ok');
});
