/**
 * Main owns every terminal sale (issue 24 §1): whatever screen, window or person is there, a sale
 * pushed to the terminal reaches its final state, recorded by one function whoever finds it (main's
 * own timer, the screen, the cashier's "customer cancelled", reconciliation, the late sweep), at the
 * amount Helcim approved. Through the real router and the simulator over HTTP; the clock is the
 * test's, and main's timer is driven by calling `terminal.tick()` as core's interval does — except
 * in the last test, which runs core's real timer on the real clock.
 *
 * Durations are written as Helcim/design literals (3 minutes), not the code's constants: a window
 * cut short in the code must fail here.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Sender } from '../../main/ipc/dispatch';
import { testCore, type TestCore } from '../support/core';
import { rowForInvoice } from '../../main/payments/helcim-result';
import type { CardTransaction } from '../../main/helcim/client';
import {
  channelOf,
  type AppStatus,
  type BridgeResult,
  type DayReport,
  type MoneyReturn,
  type OperationName,
  type OverrideApproval,
  type Receipt,
  type SaleView,
  type TerminalProgress,
  type TerminalStart,
} from '../../common/contract';

const APP = 'app://counter';
const CASHIER = 1;
const MANAGER = 2;
const THREE_MINUTES = 3 * 60 * 1000;
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
let clock = Date.now();
const ids = { casey: '', morgan: '' };

const sender = (w: number): Sender => ({ windowId: w, frameUrl: `${APP}/index.html`, isMainFrame: true });
/** The person at window `w` acts (the test's clock jumps minutes: nobody is locked out for idling meanwhile). */
const call = async <T>(w: number, op: OperationName, payload: unknown) => {
  core.sessions.touch(w);
  return (await core.dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
};
const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);
const sim = () => core.simulator!;
const DEVICE = 'OW01';

async function signIn(w: number, who: 'casey' | 'morgan') {
  core.sessions.touch(w);
  const pin = who === 'casey' ? '2468' : '135790';
  assert.equal(codeOf(await call(w, 'session.signIn', { staffId: ids[who], pin })), 'ok');
}
async function startSale(cents: number, saleId?: string): Promise<TerminalStart> {
  const s = await call<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: cents,
    currency: 'CAD',
    ...(saleId ? { saleId } : {}),
  });
  assert.ok(s.ok, JSON.stringify(s));
  return s.value;
}
/**
 * Main's ticks until the attempt has its result: its lookups are spaced out when the merchant's
 * shared Helcim budget runs low (this file asks a lot), so one second may not be enough.
 */
async function tickUntilSettled(attemptId: string) {
  for (let i = 0; i < 10 && core.journal.get(attemptId)!.state === 'pending'; i++) await mainTick(31_000);
  return core.journal.get(attemptId)!;
}
/** What core's interval does, after `ms` of the test's clock. */
async function mainTick(ms = 1_000) {
  core.sessions.touch(CASHIER);
  core.sessions.touch(MANAGER);
  clock += ms;
  await core.terminal.tick();
}
async function status(w: number): Promise<AppStatus> {
  const st = await call<AppStatus>(w, 'app.status', {});
  assert.ok(st.ok, JSON.stringify(st));
  return st.value;
}
/** Settles whatever a test left open, so the next starts clean. */
async function clearUp() {
  if (sim().terminal(DEVICE).pending) sim().terminalAct(DEVICE, { action: 'cancel' });
  await mainTick(THREE_MINUTES + 1);
  await core.terminal.watch();
  await core.reconciler.run();
}

before(async () => {
  // Main's own interval is slowed right down: the tests call `tick` themselves, on their clock.
  t = await testCore('terminal-owned', { now: () => clock, terminalTickMs: 3_600_000 });
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  ids.morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await signIn(CASHIER, 'casey');
  await signIn(MANAGER, 'morgan');
  sim().addTerminal(DEVICE);
  core.settings.set('terminal.code', DEVICE);
});
after(async () => {
  await t.close();
});

test('sign-out while the customer is at the terminal: main records the approval (tip and card), the status bar counts it meanwhile, later charges go on', async () => {
  const s = await startSale(3500);
  assert.equal((await status(CASHIER)).unresolved, 0, 'on the cashier’s screen: the screen shows it');
  assert.equal(codeOf(await call(CASHIER, 'session.signOut', {})), 'ok');
  assert.equal(
    (await status(MANAGER)).unresolved,
    1,
    'handed over to main: the status bar counts it until main has its result',
  );
  assert.ok(core.journal.events(s.attemptId).some((e) => e.kind === 'handed_over'));
  // The customer pays, with a tip, after the cashier has gone; nobody looks at the Terminal screen.
  sim().terminalAct(DEVICE, { action: 'approve', card: 'visa', tipCents: 300 });
  await mainTick();
  const a = core.journal.get(s.attemptId)!;
  assert.deepEqual([a.state, a.amountCents, a.tipCents, a.cardLast4], ['approved', 3800, 300, '9990']);
  assert.equal((await status(MANAGER)).unresolved, 0);
  assert.match(
    (await status(MANAGER)).notices.join(' '),
    /\$38\.00 card payment after the counter had stopped waiting/,
  );
  // The next cashier charges at once (no "wait until the status bar says Checking" forever).
  await signIn(CASHIER, 'casey');
  const next = await startSale(500);
  sim().terminalAct(DEVICE, { action: 'approve', card: 'visa' });
  await mainTick();
  assert.equal(core.journal.get(next.attemptId)!.state, 'approved');
  // The screen that comes back reads main's result, with its words.
  const seen = await call<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: next.attemptId });
  assert.ok(seen.ok && seen.value.state === 'approved', JSON.stringify(seen));
});

test('no screen open: main applies the 3-minute limit itself, and reconciliation settles the sale', async () => {
  const s = await startSale(1100);
  assert.equal(codeOf(await call(CASHIER, 'session.signOut', {})), 'ok');
  await mainTick(THREE_MINUTES - 1_000);
  assert.equal(core.journal.get(s.attemptId)!.state, 'pending', 'not before 3 minutes');
  await mainTick(1_001);
  assert.equal(core.journal.get(s.attemptId)!.state, 'unknown', 'the limit applied without any screen asking');
  await signIn(CASHIER, 'casey');
  await clearUp();
});

test('a late approval after "no answer" is booked at what Helcim approved: a prepaid card approving $20.00 of $35.00', async () => {
  const s = await startSale(3500);
  await mainTick(THREE_MINUTES + 1);
  assert.equal(core.journal.get(s.attemptId)!.state, 'unknown');
  sim().terminalAct(DEVICE, { action: 'approve', card: 'prepaid' });
  await core.reconciler.run();
  const a = core.journal.get(s.attemptId)!;
  assert.deepEqual(
    [a.state, a.amountCents, a.tipCents, a.cardLast4],
    ['approved', 2000, 0, '1111'],
    'never the $35.00 asked',
  );
  assert.match(
    (await status(CASHIER)).notices.join(' '),
    /\$20\.00 card payment after the counter had stopped waiting/,
  );
  const x = await call<DayReport>(MANAGER, 'report.x', {});
  assert.ok(x.ok, JSON.stringify(x));
  assert.deepEqual(x.value.reconciliation.amountMismatch, [], 'the journal holds what Helcim has');
});

test('a late approval after "no answer" with a tip: booked with the tip, as its own line', async () => {
  const s = await startSale(3000);
  await mainTick(THREE_MINUTES + 1);
  sim().terminalAct(DEVICE, { action: 'approve', card: 'mastercard', tipCents: 300 });
  await core.reconciler.run();
  const a = core.journal.get(s.attemptId)!;
  assert.deepEqual([a.state, a.amountCents, a.tipCents, a.cardType], ['approved', 3300, 300, 'MC']);
});

test('"customer cancelled", then paid on the terminal after the 3-minute watch: the sweep records it; cash already taken for the sale → give it back', async () => {
  const opened = await call<SaleView>(CASHIER, 'sale.open', { amountCents: 3500, currency: 'CAD' });
  assert.ok(opened.ok);
  const saleId = opened.value.saleId;
  const s = await startSale(3500, saleId);
  const c = await call<TerminalProgress>(CASHIER, 'terminal.cancel', { attemptId: s.attemptId });
  assert.ok(c.ok && c.value.state === 'cancelled', JSON.stringify(c));
  assert.match(
    c.value.message,
    /may still show \$35\.00: press Cancel \(X\) on it/,
    'the cashier is told to clear the terminal',
  );
  // The cashier takes cash for the same goods.
  const cash = await call(CASHIER, 'cash.sale', { amountCents: 3500, tenderedCents: 4000, currency: 'CAD', saleId });
  assert.equal(codeOf(cash), 'ok');
  // The watch ends (3 minutes), then the customer taps the terminal that still showed the sale, with a tip.
  await mainTick(THREE_MINUTES + 1);
  await core.terminal.watch();
  assert.equal(core.terminal.watching(s.attemptId), false);
  sim().terminalAct(DEVICE, { action: 'approve', card: 'visa', tipCents: 250 });
  await core.terminal.watch();
  assert.equal(core.journal.get(s.attemptId)!.state, 'cancelled', 'the watch is over');
  assert.equal(await core.sweepLate(), 1);
  const a = core.journal.get(s.attemptId)!;
  assert.deepEqual([a.state, a.amountCents, a.tipCents], ['approved', 3750, 250]);
  const notices = (await status(MANAGER)).notices.join(' ');
  assert.match(notices, /\$37\.50 card payment/);
  assert.match(
    notices,
    new RegExp(
      `Sale #\\d+ was already paid: give back \\$35\\.00 — void or refund transaction ${a.helcimTransactionId}`,
    ),
  );
  assert.ok(core.audit.entries().some((e) => e.action === 'sale.paid_twice'));
  assert.equal(await core.sweepLate(), 0, 'found once');
});

test('the sweep looks only at this counter’s invoices, and not at pushes the terminal refused', async () => {
  sim().terminal(DEVICE).asleep = true;
  try {
    assert.equal(
      codeOf(await call(CASHIER, 'terminal.start', { amountCents: 600, currency: 'CAD' })),
      'terminal_not_listening',
    );
  } finally {
    sim().terminal(DEVICE).asleep = false;
  }
  const refused = core.journal.list(1)[0]!;
  const prefix = `${core.invoicePrefix}-`;
  const since = new Date(clock - 60_000).toISOString();
  assert.equal(
    core.journal.cardPurchasesGivenUp(since, prefix, 'training').some((a) => a.id === refused.id),
    false,
  );
  // A sale the cashier marked cancelled is looked for under this counter's prefix, never under another's.
  const cancelled = await startSale(650);
  assert.ok((await call<TerminalProgress>(CASHIER, 'terminal.cancel', { attemptId: cancelled.attemptId })).ok);
  assert.ok(core.journal.cardPurchasesGivenUp(since, prefix, 'training').some((a) => a.id === cancelled.attemptId));
  assert.equal(
    core.journal.cardPurchasesGivenUp(since, 'C0000-', 'training').length,
    0,
    'another prefix finds nothing of ours',
  );
  sim().terminalAct(DEVICE, { action: 'cancel' });
  await clearUp();
});

test('after "customer cancelled" the terminal still shows the sale: the next push says to clear it', async () => {
  const s = await startSale(1800);
  assert.ok((await call<TerminalProgress>(CASHIER, 'terminal.cancel', { attemptId: s.attemptId })).ok);
  const next = await call(CASHIER, 'terminal.start', { amountCents: 900, currency: 'CAD' });
  assert.equal(codeOf(next), 'terminal_not_listening');
  assert.match(next.ok ? '' : next.error.message, /still showing the cancelled \$18\.00 sale\. Press Cancel \(X\)/);
  sim().terminalAct(DEVICE, { action: 'cancel' }); // the cashier clears it
  const again = await startSale(900);
  sim().terminalAct(DEVICE, { action: 'cancel' });
  assert.ok((await call(CASHIER, 'terminal.cancel', { attemptId: again.attemptId })).ok);
  await clearUp();
});

test('a push that could not be confirmed: the cashier is told the terminal may not have it, and can cancel and take cash', async () => {
  const opened = await call<SaleView>(CASHIER, 'sale.open', { amountCents: 1200, currency: 'CAD' });
  assert.ok(opened.ok);
  sim().injectFault({ method: 'POST', path: `/v2/devices/${DEVICE}/payment/purchase` }, { kind: 'reset' }, 5);
  let s: TerminalStart;
  try {
    s = await startSale(1200, opened.value.saleId);
  } finally {
    sim().clearFaults();
  }
  assert.equal(sim().terminal(DEVICE).pending, null, 'the terminal never got it');
  clock += 1_000;
  const p = await call<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: s.attemptId });
  assert.ok(p.ok && p.value.state === 'waiting', JSON.stringify(p));
  assert.match(p.value.message, /did not confirm it got this sale.*take the payment another way \(cash\)/);
  const c = await call<TerminalProgress>(CASHIER, 'terminal.cancel', { attemptId: s.attemptId });
  assert.ok(c.ok && c.value.state === 'cancelled', JSON.stringify(c));
  assert.equal(
    codeOf(
      await call(CASHIER, 'cash.sale', {
        amountCents: 1200,
        tenderedCents: 1200,
        currency: 'CAD',
        saleId: opened.value.saleId,
      }),
    ),
    'ok',
  );
  await clearUp();
});

/**
 * A debit sale on the terminal (a new amount each time: Helcim declines the same card and amount
 * twice within 5 minutes), its batch closed, then `refundCents` of it pushed back to the terminal
 * with a manager's approval. Returns the sale's attempt and the refund's, waiting for a card.
 */
async function debitRefundOnTerminal(saleCents: number, refundCents: number) {
  const sale = await startSale(saleCents);
  sim().terminalAct(DEVICE, { action: 'approve', card: 'interac' });
  const original = await tickUntilSettled(sale.attemptId);
  assert.deepEqual([original.state, original.cardType, original.cardLast4], ['approved', 'IN', '1234']);
  sim().closeBatch();
  const approval = await call<OverrideApproval>(CASHIER, 'override.approve', {
    action: 'refund',
    transactionId: original.helcimTransactionId,
    amountCents: refundCents,
    managerId: ids.morgan,
    pin: '135790',
  });
  assert.ok(approval.ok, JSON.stringify(approval));
  const r = await call<MoneyReturn>(CASHIER, 'refund.submit', {
    transactionId: original.helcimTransactionId,
    amountCents: refundCents,
    approvalId: approval.value.approvalId,
  });
  assert.ok(r.ok && r.value.outcome === 'waiting', JSON.stringify(r));
  return { original, refundId: r.value.attemptId };
}

test('a debit refund tapped with another card: recorded as moved, flagged, audited, told to every window and listed on the X', async () => {
  const { refundId } = await debitRefundOnTerminal(3000, 1000);
  sim().terminalAct(DEVICE, { action: 'approve', card: 'visa' }); // Visa ••••9990, not the Interac ••••1234 sale
  clock += 1_000;
  const done = await call<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: refundId });
  assert.ok(done.ok, JSON.stringify(done));
  assert.deepEqual([done.value.state, done.value.otherCard], ['approved', true]);
  assert.match(done.value.message, /Refunded \$10\.00 to Visa •••• 9990, not to the sale’s card \(Interac •••• 1234\)/);
  const refund = core.journal.get(refundId)!;
  assert.deepEqual([refund.state, refund.flag], ['approved', 'refund_other_card']);
  assert.ok(core.audit.entries().some((e) => e.action === 'refund.other_card'));
  assert.match((await status(MANAGER)).notices.join(' '), /not to the sale’s card/);
  const x = await call<DayReport>(MANAGER, 'report.x', {});
  assert.ok(x.ok, JSON.stringify(x));
  assert.deepEqual(x.value.reconciliation.refundsToOtherCard, [refund.helcimTransactionId]);
});

/** $5.00 of a debit sale refunded on the terminal, the customer tapping `tapped`. */
async function debitRefundTappedWith(tapped: 'interac' | 'interac2' | 'debit', saleCents: number) {
  const { refundId } = await debitRefundOnTerminal(saleCents, 500);
  sim().terminalAct(DEVICE, { action: 'approve', card: tapped });
  return tickUntilSettled(refundId);
}

test('a debit refund to the sale’s own card is not flagged', async () => {
  const refund = await debitRefundTappedWith('interac', 2001);
  assert.deepEqual([refund.state, refund.flag], ['approved', null]);
});

test('a debit refund to another card of the same brand (other last four) is flagged', async () => {
  const refund = await debitRefundTappedWith('interac2', 2002);
  assert.deepEqual(
    [refund.state, refund.cardType, refund.cardLast4, refund.flag],
    ['approved', 'IN', '5678', 'refund_other_card'],
  );
});

test('a debit refund to a card of another type with the same last four is flagged', async () => {
  const refund = await debitRefundTappedWith('debit', 2003);
  assert.deepEqual(
    [refund.state, refund.cardType, refund.cardLast4, refund.flag],
    ['approved', 'DB', '1234', 'refund_other_card'],
  );
});

test('one lookup rule: an approval listed after a decline under one invoice wins, in reconciliation as at the terminal', () => {
  const row = (status: string, transactionId: string): CardTransaction =>
    ({
      transactionId,
      status,
      type: 'purchase',
      invoiceNumber: 'C0001-AAAA',
      amount: 10,
      cardType: 'VI',
      cardNumber: '4124939990',
    }) as unknown as CardTransaction;
  const rows = [row('DECLINED', '1'), row('APPROVED', '2')];
  assert.equal(rowForInvoice(rows, 'C0001-AAAA', 'purchase')?.transactionId, '2');
  assert.equal(rowForInvoice([row('DECLINED', '1')], 'C0001-AAAA', 'purchase')?.transactionId, '1');
  assert.equal(
    rowForInvoice(rows, 'C0001-AAAA', 'purchase', (id) => id === '2')?.transactionId,
    '1',
    'a row another attempt recorded never counts',
  );
  assert.equal(rowForInvoice(rows, 'C0001-BBBB', 'purchase'), null);
});

test('reconciliation takes the approval when Helcim lists a decline first under the invoice', async () => {
  // The terminal declines a first card, then the customer pays with a second under the same invoice:
  // the simulator's device accepts a second card when asked to (Helcim's devices allow a retry).
  const s = await startSale(1400);
  await mainTick(THREE_MINUTES + 1);
  assert.equal(core.journal.get(s.attemptId)!.state, 'unknown');
  const pending = sim().terminal(DEVICE).pending!;
  sim().terminalAct(DEVICE, { action: 'decline', card: 'mastercard' });
  sim().terminal(DEVICE).pending = pending; // shown again for the next card
  sim().terminalAct(DEVICE, { action: 'approve', card: 'visa' });
  await core.reconciler.run();
  const a = core.journal.get(s.attemptId)!;
  assert.deepEqual([a.state, a.cardType], ['approved', 'VI']);
});

test('a split sale’s receipt: the headline is the sale, each tender as charged with its tip', async () => {
  const opened = await call<SaleView>(CASHIER, 'sale.open', { amountCents: 5000, currency: 'CAD' });
  assert.ok(opened.ok);
  const card = await startSale(3000, opened.value.saleId);
  sim().terminalAct(DEVICE, { action: 'approve', card: 'visa', tipCents: 250 });
  assert.equal((await tickUntilSettled(card.attemptId)).state, 'approved');
  const cash = await call<{ attemptId: string }>(CASHIER, 'cash.sale', {
    amountCents: 2000,
    tenderedCents: 2000,
    currency: 'CAD',
    saleId: opened.value.saleId,
  });
  assert.ok(cash.ok, JSON.stringify(cash));
  const { receiptHeadlineCents, receiptRows } = await import('../../common/i18n/receipt');
  for (const id of [card.attemptId, cash.value.attemptId]) {
    const r = await call<Receipt>(CASHIER, 'receipt.get', { attemptId: id });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(receiptHeadlineCents(r.value), 5250, 'the sale and its tip, not the last tender');
    const rows = receiptRows(r.value).filter((x) => x.value !== undefined);
    const values = Object.fromEntries(rows.filter((x) => x.id !== 'tender').map((x) => [x.id, x.value]));
    assert.deepEqual(
      rows.filter((x) => x.id === 'tender').map((x) => x.value),
      ['$32.50', '$20.00'],
    );
    assert.equal(values.tip, '$2.50');
    assert.equal(values.total, '$52.50');
    const fr = receiptRows({ ...r.value, locale: 'fr-CA' }).filter((x) => x.id === 'tender');
    assert.match(fr[0]!.value!, /32,50/);
  }
});

test(
  'core’s own timer, on the real clock: a sale whose cashier signed out is recorded with nobody calling anything',
  { timeout: 30_000 },
  async () => {
    const real = await testCore('terminal-owned-real', { terminalLookupMs: 20, terminalTickMs: 20 });
    try {
      const c = real.core;
      const casey = await c.staffStore.create('Casey', 'cashier', '2468');
      c.sessions.signIn(9, { staffId: casey.id, name: casey.name, role: 'cashier' });
      c.simulator!.addTerminal('RT01');
      c.settings.set('terminal.code', 'RT01');
      const s = await c.dispatch(channelOf('terminal.start'), { amountCents: 2500, currency: 'CAD' }, sender(9));
      assert.ok((s as BridgeResult<TerminalStart>).ok, JSON.stringify(s));
      const attemptId = (s as { ok: true; value: TerminalStart }).value.attemptId;
      c.sessions.signOut(9);
      c.simulator!.terminalAct('RT01', { action: 'approve', card: 'visa', tipCents: 100 });
      const until = Date.now() + 10_000;
      while (c.journal.get(attemptId)!.state === 'pending' && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      const a = c.journal.get(attemptId)!;
      assert.deepEqual([a.state, a.amountCents, a.tipCents], ['approved', 2600, 100]);
    } finally {
      await real.close();
    }
  },
);
