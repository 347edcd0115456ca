/**
 * A sale and its tenders, through the real router and the simulator over HTTP (issue 15): split card
 * + cash, a partial approval leaving the rest due, a decline leaving it all due, a tender still being
 * checked holding the sale, a half-paid sale abandoned (card part voided, cash handed back, all
 * journaled, behind a manager bound to the sale and what goes back), cash refunds of cash sales, the
 * Z report refused while a sale is half paid, and the tender section by cashier. Each guard has a
 * test that changes only the value it guards.
 */
import { approvalAsk, type AskedAction } from '../support/approval-ask';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LOOKUP_EVERY_MS } from '../../main/payments/terminal';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, messageOf } from '../support/bridge-calls';
import {
  type CashRefund,
  type CashSale,
  type DayReport,
  type DrawerView,
  type HistoryRow,
  type OverrideApproval,
  type Receipt,
  type SaleView,
  type TerminalProgress,
  type TerminalStart,
} from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
let clock = Date.now();
const ids = { casey: '', morgan: '' };
const { call, ok } = bridgeCalls(() => core);
const sim = () => core.simulator!;

const openSale = (cents: number) => ok<SaleView>(CASHIER, 'sale.open', { amountCents: cents, currency: 'CAD' });
const saleNow = (s: SaleView) => ok<SaleView>(CASHIER, 'sale.get', { saleId: s.saleId });

/** A card tender on the terminal, the customer acting with this card (or declining), followed to its result. */
async function terminalTender(
  s: SaleView,
  cents: number,
  act: { action: 'approve' | 'decline'; card: 'visa' | 'prepaid' | 'interac'; tipCents?: number },
): Promise<TerminalProgress> {
  const start = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: cents,
    currency: 'CAD',
    saleId: s.saleId,
  });
  sim().terminalAct('AB12', act);
  clock += LOOKUP_EVERY_MS;
  const p = await ok<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: start.attemptId });
  assert.notEqual(p.state, 'waiting');
  return p;
}
const approve = (action: AskedAction, subject: string, amountCents: number) =>
  ok<OverrideApproval>(CASHIER, 'override.approve', approvalAsk(action, subject, amountCents, ids.morgan, '135790'));

before(async () => {
  t = await testCore('sales', { now: () => clock });
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  ids.morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  assert.equal(codeOf(await call(CASHIER, 'session.signIn', { staffId: ids.casey, pin: '2468' })), 'ok');
  assert.equal(codeOf(await call(MANAGER, 'session.signIn', { staffId: ids.morgan, pin: '135790' })), 'ok');
  sim().addTerminal('AB12');
  await ok(MANAGER, 'terminal.pair', { deviceCode: 'AB12' });
  const next = (await ok<DrawerView>(CASHIER, 'drawer.status', {})).sessionId!;
  const float = await ok<OverrideApproval>(CASHIER, 'override.approve', {
    action: 'float',
    drawerSession: next,
    amountCents: 100_00,
    managerId: ids.morgan,
    pin: '135790',
  });
  await ok<DrawerView>(CASHIER, 'drawer.open', {
    drawerSession: next,
    amountCents: 100_00,
    approvalId: float.approvalId,
  });
});
after(async () => {
  await t.close();
});

test('split card + cash: the card pays part, cash the rest with change; the sale is paid and the receipt lists both', async () => {
  const s = await openSale(50_00);
  assert.deepEqual([s.state, s.dueCents, s.paidCents], ['open', 50_00, 0]);
  const card = await terminalTender(s, 30_00, { action: 'approve', card: 'visa' });
  assert.equal(card.state, 'approved');
  const half = await saleNow(s);
  assert.deepEqual([half.state, half.paidCents, half.dueCents], ['open', 30_00, 20_00]);
  assert.match(half.message, /\$30\.00 paid, \$20\.00 still due/);
  // More cash than is due is refused (one cent over), nothing recorded; exactly what is due is taken.
  const before = core.journal.bySale(s.saleId).length;
  const over = await call(CASHIER, 'cash.sale', {
    amountCents: 20_01,
    tenderedCents: 25_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  assert.equal(codeOf(over), 'invalid_payload');
  assert.match(messageOf(over), /Only \$20\.00 is still due/);
  assert.equal(core.journal.bySale(s.saleId).length, before);
  const cash = await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 20_00,
    tenderedCents: 25_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  assert.equal(cash.changeCents, 5_00);
  assert.deepEqual([cash.sale.state, cash.sale.dueCents, cash.sale.paidCents], ['paid', 0, 50_00]);
  assert.deepEqual(
    cash.sale.tenders.map((x) => [x.tender, x.state, x.amountCents]),
    [
      ['card', 'approved', 30_00],
      ['cash', 'approved', 20_00],
    ],
  );
  // A paid sale takes nothing more.
  const after = await call(CASHIER, 'cash.sale', {
    amountCents: 1,
    tenderedCents: 1,
    currency: 'CAD',
    saleId: s.saleId,
  });
  assert.match(messageOf(after), /already paid in full/);
  const receipt = await ok<Receipt>(CASHIER, 'receipt.get', { attemptId: cash.attemptId });
  assert.equal(receipt.sale?.totalCents, 50_00);
  assert.deepEqual(
    receipt.sale?.tenders.map((x) => [x.label.replace(/ .*/, ''), x.amountCents]),
    [
      ['Visa', 30_00],
      ['Cash', 20_00],
    ],
  );
});

test('a partial approval leaves the rest due; cash then completes the sale', async () => {
  const s = await openSale(35_00);
  const card = await terminalTender(s, 35_00, { action: 'approve', card: 'prepaid' });
  assert.equal(card.state, 'approved');
  assert.equal(card.amountCents, 20_00, 'recorded as Helcim approved it, never as asked');
  assert.match(card.message, /Partly approved.*\$20\.00 of \$35\.00/);
  const after = await saleNow(s);
  assert.deepEqual([after.state, after.paidCents, after.dueCents], ['open', 20_00, 15_00]);
  const cash = await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 15_00,
    tenderedCents: 15_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  assert.equal(cash.sale.state, 'paid');
});

test('a decline leaves all of it due; a sale with nothing taken is discarded, one with money taken is not', async () => {
  const s = await openSale(12_00);
  const declined = await terminalTender(s, 12_00, { action: 'decline', card: 'visa' });
  assert.equal(declined.state, 'declined');
  assert.deepEqual([(await saleNow(s)).dueCents, (await saleNow(s)).paidCents], [12_00, 0]);
  const gone = await ok<SaleView>(CASHIER, 'sale.discard', { saleId: s.saleId });
  assert.equal(gone.state, 'abandoned');
  assert.equal(
    codeOf(
      await call(CASHIER, 'cash.sale', { amountCents: 100, tenderedCents: 100, currency: 'CAD', saleId: s.saleId }),
    ),
    'invalid_payload',
  );

  const paid = await openSale(10_00);
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 4_00,
    tenderedCents: 4_00,
    currency: 'CAD',
    saleId: paid.saleId,
  });
  const refused = await call(CASHIER, 'sale.discard', { saleId: paid.saleId });
  assert.equal(codeOf(refused), 'invalid_payload');
  assert.match(messageOf(refused), /4\.00 has been taken/);
  assert.equal((await saleNow(paid)).state, 'open');
  // Left half paid for the Z test below.
  half.paid = paid;
});
const half: { paid?: SaleView } = {};

test('a tender still being checked holds the sale: nothing more is taken until Helcim answers', async () => {
  const s = await openSale(40_00);
  const start = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: 25_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  const held = await call(CASHIER, 'cash.sale', {
    amountCents: 15_00,
    tenderedCents: 15_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  assert.equal(codeOf(held), 'helcim_unknown_outcome');
  assert.match(messageOf(held), /25\.00 for this sale is still being checked/);
  assert.equal((await saleNow(s)).checkingCents, 25_00);
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  assert.equal(
    (await ok<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: start.attemptId })).state,
    'approved',
  );
  const cash = await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 15_00,
    tenderedCents: 20_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  assert.equal(cash.sale.state, 'paid');
});

test('other guards of a tender: another currency, an unknown sale, a cashier signed out', async () => {
  const s = await openSale(5_00);
  assert.match(
    messageOf(
      await call(CASHIER, 'cash.sale', { amountCents: 5_00, tenderedCents: 5_00, currency: 'USD', saleId: s.saleId }),
    ),
    /in CAD/,
  );
  assert.equal(
    codeOf(
      await call(CASHIER, 'cash.sale', {
        amountCents: 5_00,
        tenderedCents: 5_00,
        currency: 'CAD',
        saleId: crypto.randomUUID(),
      }),
    ),
    'invalid_payload',
  );
  assert.equal(codeOf(await call(9, 'sale.open', { amountCents: 5_00, currency: 'CAD' })), 'not_signed_in');
  assert.equal(codeOf(await call(CASHIER, 'sale.open', { amountCents: 0, currency: 'CAD' })), 'invalid_payload');
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
});

test('a first tender opens its sale in the same call (issue 31): its total, its language, a part, and no open sale left when refused', async () => {
  const sales = () =>
    (core.db.prepare("SELECT COUNT(*) AS n FROM sales WHERE state = 'open'").get() as { n: number }).n;
  const before = sales();
  // A terminal part of a typed total, in French: one call, the answer names the sale it opened.
  const start = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: 10_00,
    currency: 'CAD',
    newSale: { totalCents: 30_00, language: 'fr-CA' },
  });
  assert.ok(start.saleId);
  const opened = await ok<SaleView>(CASHIER, 'sale.get', { saleId: start.saleId });
  assert.deepEqual(
    [opened.totalCents, opened.checkingCents, opened.dueCents, opened.language],
    [30_00, 10_00, 30_00, 'fr-CA'],
  );
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  await ok<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: start.attemptId });
  const rest = await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 20_00,
    tenderedCents: 20_00,
    currency: 'CAD',
    saleId: start.saleId,
  });
  assert.equal(rest.sale.state, 'paid');

  // Cash first, less than the total: the sale stays open with the rest due; without a language, the shop's.
  const part = await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 5_00,
    tenderedCents: 5_00,
    currency: 'CAD',
    newSale: { totalCents: 12_00 },
  });
  assert.deepEqual([part.sale.totalCents, part.sale.dueCents, part.sale.language], [12_00, 7_00, 'en-CA']);
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 7_00,
    tenderedCents: 7_00,
    currency: 'CAD',
    saleId: part.sale.saleId,
  });

  // Without a total the tender is the whole sale (as before).
  const whole = await ok<TerminalStart>(CASHIER, 'terminal.start', { amountCents: 8_00, currency: 'CAD' });
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  await ok<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: whole.attemptId });
  const wholeSale = await ok<SaleView>(CASHIER, 'sale.get', { saleId: whole.saleId! });
  assert.deepEqual([wholeSale.totalCents, wholeSale.state], [8_00, 'paid']);
  assert.equal(sales(), before);

  // A tender above the total it opens: refused, nothing written.
  const above = await call(CASHIER, 'cash.sale', {
    amountCents: 12_01,
    tenderedCents: 12_01,
    currency: 'CAD',
    newSale: { totalCents: 12_00 },
  });
  assert.equal(codeOf(above), 'invalid_payload');
  assert.match(messageOf(above), /12\.01/);
  // Exactly the total is a whole sale.
  const exact = await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 12_00,
    tenderedCents: 12_00,
    currency: 'CAD',
    newSale: { totalCents: 12_00 },
  });
  assert.equal(exact.sale.state, 'paid');
  // Naming an open sale and opening one at once: refused by the payload's check.
  const s = await openSale(5_00);
  const both = await call(CASHIER, 'cash.sale', {
    amountCents: 5_00,
    tenderedCents: 5_00,
    currency: 'CAD',
    saleId: s.saleId,
    newSale: { totalCents: 5_00 },
  });
  assert.equal(codeOf(both), 'invalid_payload');
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
  assert.equal(sales(), before);

  // The terminal refuses the push (asleep): the sale the tender opened is closed again, none left open.
  sim().terminal('AB12').asleep = true;
  try {
    const refused = await call(CASHIER, 'terminal.start', {
      amountCents: 9_00,
      currency: 'CAD',
      newSale: { totalCents: 9_00 },
    });
    assert.equal(codeOf(refused), 'terminal_not_listening');
    assert.equal(sales(), before);
  } finally {
    sim().terminal('AB12').asleep = false;
  }
});

test('abandoning a half-paid sale: the card part voided, the cash handed back, each journaled, behind a manager bound to sale and amount', async () => {
  const s = await openSale(60_00);
  const card = await terminalTender(s, 25_00, { action: 'approve', card: 'visa' });
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 10_00,
    tenderedCents: 10_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  const v = await saleNow(s);
  assert.deepEqual([v.paidCents, v.backCents], [35_00, 35_00]);
  const drawerBefore = (await ok<DrawerView>(MANAGER, 'drawer.status', {})).expectedCents!;
  const number = String(v.number);
  const abandon = (approvalId: string, amountCents = 35_00, saleNumber = number) =>
    call<SaleView>(CASHIER, 'sale.abandon', { saleNumber, amountCents, approvalId });
  // Without a manager, with an approval for another sale, for another amount, or for another action: refused, nothing moves.
  assert.equal(codeOf(await abandon(crypto.randomUUID())), 'forbidden');
  const other = await openSale(1_00);
  assert.equal(
    codeOf(
      await abandon((await approve('abandon', String(other.number), 35_00)).approvalId, 35_00, String(other.number)),
    ),
    'forbidden',
  );
  assert.equal(codeOf(await abandon((await approve('abandon', number, 34_99)).approvalId, 34_99)), 'forbidden');
  assert.equal(codeOf(await abandon((await approve('cash_refund', number, 35_00)).approvalId)), 'forbidden');
  assert.equal((await saleNow(s)).state, 'open');
  assert.equal(
    sim()
      .transactions()
      .filter((x) => x.type === 'reverse').length,
    0,
  );
  const done = await abandon((await approve('abandon', number, 35_00)).approvalId);
  assert.ok(done.ok, JSON.stringify(done));
  assert.equal(done.value.state, 'abandoned');
  // The card part: voided at Helcim, the void journaled with the manager.
  const voids = core.journal.returnsAgainst(card.transactionId!);
  assert.deepEqual(
    voids.map((a) => [a.kind, a.state, a.amountCents, a.approverId]),
    [['reverse', 'approved', 25_00, ids.morgan]],
  );
  assert.ok(
    sim()
      .transactions()
      .some((x) => x.type === 'reverse' && String(x.originalTransactionId ?? '') === card.transactionId),
  );
  // The cash part: handed back from the drawer, journaled with the manager.
  const back = core.journal.bySale(s.saleId).filter((a) => a.kind === 'refund' && a.tender === 'cash');
  assert.deepEqual(
    back.map((a) => [a.state, a.amountCents, a.approverId]),
    [['approved', 10_00, ids.morgan]],
  );
  assert.equal((await ok<DrawerView>(MANAGER, 'drawer.status', {})).expectedCents, drawerBefore - 10_00);
  assert.ok(core.audit.entries().some((e) => e.action === 'sale.abandoned'));
  // Twice: refused, nothing more moves.
  assert.match(messageOf(await abandon((await approve('abandon', number, 35_00)).approvalId)), /already abandoned/);
  assert.equal(core.journal.returnsAgainst(card.transactionId!).length, 1);
  await ok(CASHIER, 'sale.discard', { saleId: other.saleId });
});

test('what an abandoned sale gives back counts a card part’s tip and takes off cash already handed back', async () => {
  const s = await openSale(60_00);
  // $20.00 on the terminal and the customer adds a $3.00 tip: $23.00 was charged to the card.
  const card = await terminalTender(s, 20_00, { action: 'approve', card: 'visa', tipCents: 3_00 });
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 10_00,
    tenderedCents: 10_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  const number = String((await saleNow(s)).number);
  // $4.00 of the cash handed back already (a manager's), before the customer walks away from the rest.
  await ok(CASHIER, 'cash.refund', {
    saleNumber: number,
    amountCents: 4_00,
    approvalId: (await approve('cash_refund', number, 4_00)).approvalId,
  });
  const v = await saleNow(s);
  assert.deepEqual(
    [v.paidCents, v.cashRefundableCents, v.backCents],
    [30_00, 6_00, 29_00],
    '$23.00 to the card (tip included) and $6.00 of cash still to give back',
  );
  const done = await call<SaleView>(CASHIER, 'sale.abandon', {
    saleNumber: number,
    amountCents: 29_00,
    approvalId: (await approve('abandon', number, 29_00)).approvalId,
  });
  assert.ok(done.ok, JSON.stringify(done));
  assert.deepEqual(
    core.journal.returnsAgainst(card.transactionId!).map((a) => [a.kind, a.state, a.amountCents]),
    [['reverse', 'approved', 23_00]],
    'the void gives back the tip too',
  );
  const cashBack = core.journal.bySale(s.saleId).filter((a) => a.kind === 'refund' && a.tender === 'cash');
  assert.deepEqual(
    cashBack.map((a) => a.amountCents),
    [4_00, 6_00],
    'only the cash not handed back already',
  );
});

test('a void Helcim refuses stops the abandon: the sale stays open, and asking again finishes it', async () => {
  const s = await openSale(30_00);
  const card = await terminalTender(s, 30_00 - 5_00, { action: 'approve', card: 'visa' });
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 1_00,
    tenderedCents: 1_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  const number = String(s.number);
  // Helcim refuses the void before it reaches the card network (503, every retry): nothing moved.
  sim().injectFault({ method: 'POST', path: '/v2/payment/reverse' }, { kind: 'status', status: 503 }, 50);
  const first = await call<SaleView>(CASHIER, 'sale.abandon', {
    saleNumber: number,
    amountCents: 26_00,
    approvalId: (await approve('abandon', number, 26_00)).approvalId,
  });
  sim().clearFaults();
  // A 5xx does not prove nothing moved: the void is unknown until Helcim's list says.
  assert.equal(codeOf(first), 'helcim_unknown_outcome');
  const still = await saleNow(s);
  assert.equal(still.state, 'open');
  assert.equal(
    core.journal.bySale(s.saleId).filter((a) => a.kind === 'refund').length,
    0,
    'the cash is not handed back before the card part is',
  );
  // Asked again while that void is unknown: refused, no second void is sent.
  const voidsSent = () =>
    core.journal.list(10_000).filter((a) => a.kind === 'reverse' && a.originalTransactionId === card.transactionId)
      .length;
  const sentBefore = voidsSent();
  const early = await call<SaleView>(CASHIER, 'sale.abandon', {
    saleNumber: number,
    amountCents: 26_00,
    approvalId: (await approve('abandon', number, 26_00)).approvalId,
  });
  assert.equal(codeOf(early), 'helcim_unknown_outcome');
  assert.match(messageOf(early), /void for this sale is still being checked/);
  assert.equal(voidsSent(), sentBefore);
  // Helcim's list still has no void once the late-arrival grace is over: nothing moved, it may be sent again.
  clock += 120_000 + 1; // reconciliation's 2 minutes for a late arrival, as documented
  await core.reconciler.run();
  assert.equal(core.journal.returnsAgainst(card.transactionId!).length, 0);
  const again = await call<SaleView>(CASHIER, 'sale.abandon', {
    saleNumber: number,
    amountCents: 26_00,
    approvalId: (await approve('abandon', number, 26_00)).approvalId,
  });
  assert.ok(again.ok, JSON.stringify(again));
  assert.equal(again.value.state, 'abandoned');
  assert.equal(core.journal.returnsAgainst(card.transactionId!).filter((a) => a.state === 'approved').length, 1);
});

test('a void Helcim declines stops the abandon before any cash is handed back; the sale stays open', async () => {
  const s = await openSale(20_00);
  const card = await terminalTender(s, 12_00, { action: 'approve', card: 'visa' });
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 3_00,
    tenderedCents: 3_00,
    currency: 'CAD',
    saleId: s.saleId,
  });
  const number = String(s.number);
  sim().injectFault({ method: 'POST', path: '/v2/payment/reverse' }, { kind: 'declined' }, 1);
  const r = await call<SaleView>(CASHIER, 'sale.abandon', {
    saleNumber: number,
    amountCents: 15_00,
    approvalId: (await approve('abandon', number, 15_00)).approvalId,
  });
  assert.equal(codeOf(r), 'helcim_declined');
  assert.match(messageOf(r), /12\.00 card part was not given back/);
  assert.equal((await saleNow(s)).state, 'open');
  assert.equal(core.journal.bySale(s.saleId).filter((a) => a.kind === 'refund').length, 0, 'no cash handed back');
  assert.deepEqual(
    core.journal
      .list(1000)
      .filter((a) => a.kind === 'reverse' && a.originalTransactionId === card.transactionId)
      .map((a) => a.state),
    ['declined'],
  );
  // Asked again, Helcim approves the void: the sale is abandoned, the cash handed back once.
  const again = await call<SaleView>(CASHIER, 'sale.abandon', {
    saleNumber: number,
    amountCents: 15_00,
    approvalId: (await approve('abandon', number, 15_00)).approvalId,
  });
  assert.ok(again.ok, JSON.stringify(again));
  assert.equal(core.journal.bySale(s.saleId).filter((a) => a.kind === 'refund' && a.tender === 'cash').length, 1);
});

test('cash refund of a cash sale: a manager, at most the cash paid, never more than the drawer holds', async () => {
  const sale = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 18_00, tenderedCents: 20_00, currency: 'CAD' });
  const number = String(sale.sale.number);
  const refund = async (amountCents: number, approvalFor = amountCents, n = number) =>
    call<CashRefund>(CASHIER, 'cash.refund', {
      saleNumber: n,
      amountCents,
      approvalId: (await approve('cash_refund', n, approvalFor)).approvalId,
    });
  assert.equal(
    codeOf(
      await call(CASHIER, 'cash.refund', { saleNumber: number, amountCents: 5_00, approvalId: crypto.randomUUID() }),
    ),
    'forbidden',
  );
  assert.equal(codeOf(await refund(5_00, 5_01)), 'forbidden', 'approval for another amount');
  const tooMuch = await refund(18_01);
  assert.equal(codeOf(tooMuch), 'transaction_not_eligible');
  assert.match(messageOf(tooMuch), /At most \$18\.00/);
  const part = await refund(8_00);
  assert.ok(part.ok, JSON.stringify(part));
  const a = core.journal.get(part.value.attemptId)!;
  assert.deepEqual(
    [a.kind, a.tender, a.state, a.amountCents, a.approverId],
    ['refund', 'cash', 'approved', 8_00, ids.morgan],
  );
  // History offers the second refund from what is left, never the whole sale again (the sale's own figure).
  const hist = await ok<HistoryRow[]>(MANAGER, 'history.search', {});
  assert.equal(hist.find((r) => r.attemptId === sale.attemptId)!.cashRefundableCents, 10_00);
  assert.match(messageOf(await refund(10_01)), /At most \$10\.00/);
  assert.equal(codeOf(await refund(10_00)), 'ok');
  assert.equal(codeOf(await refund(1)), 'transaction_not_eligible', 'all handed back');
  // A card-only sale has no cash to hand back.
  const cardSale = await openSale(7_00);
  await terminalTender(cardSale, 7_00, { action: 'approve', card: 'visa' });
  assert.match(messageOf(await refund(1_00, 1_00, String(cardSale.number))), /No cash was paid/);
  // Never more than the drawer holds: pay most of it out, then try.
  const drawer = await ok<DrawerView>(MANAGER, 'drawer.status', {});
  const big = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 40_00, tenderedCents: 40_00, currency: 'CAD' });
  const holds = drawer.expectedCents! + 40_00;
  const outApproval = await ok<OverrideApproval>(CASHIER, 'override.approve', {
    action: 'paid_out',
    drawerSession: drawer.sessionId,
    amountCents: holds - 30_00,
    managerId: ids.morgan,
    pin: '135790',
  });
  await ok(CASHIER, 'drawer.payOut', {
    drawerSession: drawer.sessionId,
    amountCents: holds - 30_00,
    reason: 'bank run',
    approvalId: outApproval.approvalId,
  });
  const drawerShort = await refund(30_01, 30_01, String(big.sale.number));
  assert.equal(codeOf(drawerShort), 'invalid_payload');
  assert.match(messageOf(drawerShort), /drawer should hold \$30\.00/);
  assert.equal(codeOf(await refund(30_00, 30_00, String(big.sale.number))), 'ok');
});

test('the Z report is refused while a sale is half paid, and names it; open sales with nothing taken are discarded', async () => {
  const empty = await openSale(3_00);
  const z = await call<DayReport>(MANAGER, 'report.z', { confirm: true });
  assert.equal(codeOf(z), 'invalid_payload');
  assert.match(messageOf(z), new RegExp(`Sale #${half.paid!.number} is half paid \\(\\$4\\.00 of \\$10\\.00\\)`));
  assert.equal((await saleNow(empty)).state, 'abandoned', 'nothing was taken on it');
  // Finished, the Z is only stopped by the open drawer now.
  await ok(CASHIER, 'cash.sale', {
    amountCents: 6_00,
    tenderedCents: 6_00,
    currency: 'CAD',
    saleId: half.paid!.saleId,
  });
  assert.match(messageOf(await call(MANAGER, 'report.z', { confirm: true })), /drawer is still open/);
});

test('the X report: tenders net of money given back, and by cashier', async () => {
  clock += 1; // (the test clock stands still: the report's period ends, exclusively, at its own instant)
  const x = await ok<DayReport>(MANAGER, 'report.x', {});
  const journal = core.journal.search({ from: x.from, to: x.to, state: 'approved', limit: 10_000 });
  const net = (tender: 'card' | 'cash') =>
    journal
      .filter((a) => a.tender === tender && a.kind !== 'verify' && a.kind !== 'preauth' && a.kind !== 'release')
      .reduce((n, a) => n + (a.kind === 'refund' || a.kind === 'reverse' ? -a.amountCents : a.amountCents), 0);
  assert.equal(x.byTender.find((l) => l.key === 'cash')?.cents, net('cash'));
  assert.equal(x.byTender.find((l) => l.key === 'card')?.cents, net('card'));
  assert.equal(x.byTenderCashier.find((l) => l.key === 'cash · Casey')?.cents, net('cash'));
  assert.ok(
    net('cash') <
      journal.filter((a) => a.tender === 'cash' && a.kind === 'purchase').reduce((n, a) => n + a.amountCents, 0),
    'refunds were taken off',
  );
});
