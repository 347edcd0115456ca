/**
 * Card present on a Helcim Smart Terminal, through the real router and the simulator over HTTP:
 * pairing, a sale with a tip, a decline, "customer cancelled" believed only when Helcim's list
 * agrees (and a late approval recorded and told), a terminal that is not listening, one that never
 * answers. No card number is ever typed at the counter.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Sender } from '../../main/ipc/dispatch';
import { LOOKUP_EVERY_MS, TERMINAL_ANSWER_MS } from '../../main/payments/terminal';
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
} from '../../preload/contract';

const APP = 'app://counter';
const CASHIER = 1;
const MANAGER = 2;
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
let clock = Date.now();
const ids = { casey: '', morgan: '' };

const sender = (w: number): Sender => ({ windowId: w, frameUrl: `${APP}/index.html`, isMainFrame: true });
const call = async <T>(w: number, op: OperationName, payload: unknown) => (await core.dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
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
  assert.equal(codeOf(await call(CASHIER, 'terminal.start', { amountCents: 100, currency: 'CAD' })), 'terminal_not_paired');
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
  assert.match(s.invoiceNumber, /^C[0-9A-F]{4}-[0-9A-F]{10}$/, "this counter's prefix");
  assert.deepEqual(sim().terminal('AB12').pending, { kind: 'purchase', amount: 20, currency: 'CAD', invoiceNumber: s.invoiceNumber });
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
  later(TERMINAL_ANSWER_MS + 1);
  const gone = await check(s);
  assert.equal(gone.state, 'unknown');
  assert.equal(core.journal.get(s.attemptId)!.state, 'unknown');
  // The customer finally paid; until reconciliation knows, nobody starts another charge here.
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  const blocked = await call(CASHIER, 'terminal.start', { amountCents: 100, currency: 'CAD' });
  // settledFirst reconciles first: it finds the approval, so the next charge may start.
  assert.equal(codeOf(blocked), 'ok');
  assert.equal(core.journal.get(s.attemptId)!.state, 'approved');
  if (blocked.ok) sim().terminalAct('AB12', { action: 'cancel' });
});
