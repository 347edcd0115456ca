/**
 * Cash rounding to 5¢ through the real bridge (issue 28, part 3): a shop in Canada has no pennies, so
 * the cash that settles a sale is rounded (1–2¢ down, 3–4¢ up, 6–7¢ down, 8–9¢ up) and so is cash
 * handed back; a card part never is; a part of a split sale in cash is taken in 5¢ steps and the part
 * that settles it is rounded, so the sale is paid exactly. The rounding is its own line on the
 * receipt, the customer display, the drawer's expected cash and the X report; the drawer balances to
 * the cent with no pennies. A shop that has not set its place, or a US shop that did not ask, rounds
 * nothing. Amounts are worked out by hand in the comments.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, messageOf, refusalOf } from '../support/bridge-calls';
import { approvalAsk } from '../support/approval-ask';
import { cardFormPays } from '../support/simulated-sale';
import { openDrawerWithFloat } from '../support/cart-shop';
import { receiptRows } from '../../common/i18n/receipt';
import type {
  CashRefund,
  CashSale,
  CheckoutStart,
  DayReport,
  DrawerClose,
  DrawerView,
  OverrideApproval,
  Receipt,
  SaleView,
  TaxSettings,
} from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
const { ok, call } = bridgeCalls(() => core);
let morgan = '';

const place = (jurisdiction: TaxSettings['jurisdiction'], usCashRounding = false): TaxSettings => ({
  jurisdiction,
  pricesInclude: false,
  usRateMillionths: 0,
  usCashRounding,
  legalName: '',
  gstHstNumber: '',
  qstNumber: '',
});

before(async () => {
  t = await testCore('cash-rounding');
  core = t.core;
  const casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  await openDrawerWithFloat(ok, CASHIER, morgan, '135790', 100_00);
});
after(async () => {
  await t.close();
});

const cash = (amountCents: number, tenderedCents: number, saleId?: string) =>
  call<CashSale>(CASHIER, 'cash.sale', { amountCents, tenderedCents, currency: 'CAD', ...(saleId ? { saleId } : {}) });
const expected = async () => (await ok<DrawerView>(MANAGER, 'drawer.status', {})).expectedCents!;

test('a shop that has not set its place rounds nothing: $12.34 from $20.00 gives $7.66 back', async () => {
  await ok(MANAGER, 'settings.setTax', place(null));
  const r = await cash(12_34, 20_00);
  assert.ok(r.ok);
  assert.deepEqual([r.value.changeCents, r.value.roundingCents], [7_66, 0]);
});

test('in Canada, the cash that settles a sale is rounded: $12.34 from $20.00 gives $7.65 back, a line of +1¢ everywhere', async () => {
  await ok(MANAGER, 'settings.setTax', place('ON'));
  const before = await expected();
  const r = await cash(12_34, 20_00);
  assert.ok(r.ok);
  assert.deepEqual([r.value.amountCents, r.value.roundingCents, r.value.changeCents], [12_34, 1, 7_65]);
  assert.equal(r.value.sale.state, 'paid', 'the sale is paid exactly');
  assert.equal(await expected(), before + 12_35, 'the drawer holds $12.35 more');
  const receipt = await ok<Receipt>(CASHIER, 'receipt.get', { attemptId: r.value.attemptId });
  const rows = receiptRows(receipt).filter((x) => x.value !== undefined);
  assert.deepEqual(
    rows.filter((x) => ['rounding', 'tendered', 'change'].includes(x.id)).map((x) => `${x.label}: ${x.value}`),
    ['Rounding: +$0.01', 'Cash tendered: $20.00', 'Change: $7.65'],
  );
  assert.equal(core.customerView().roundingCents, 1, 'the customer display says it too');
});

test('each last digit as the Mint says, at the drawer: 1–2¢ down, 3–4¢ up, 6–7¢ down, 8–9¢ up', async () => {
  await ok(MANAGER, 'settings.setTax', place('QC'));
  const seen: [number, number][] = [];
  for (const due of [10_01, 10_02, 10_03, 10_04, 10_05, 10_06, 10_07, 10_08, 10_09]) {
    const r = await cash(due, 20_00);
    assert.ok(r.ok);
    seen.push([due, r.value.roundingCents]);
  }
  assert.deepEqual(seen, [
    [10_01, -1],
    [10_02, -2],
    [10_03, 2],
    [10_04, 1],
    [10_05, 0],
    [10_06, -1],
    [10_07, -2],
    [10_08, 2],
    [10_09, 1],
  ]);
  // $10.02 comes to $10.00: exactly $10.00 handed over is enough, with nothing back.
  const exact = await cash(10_02, 10_00);
  assert.ok(exact.ok);
  assert.equal(exact.value.changeCents, 0);
  // $10.03 comes to $10.05: $10.03 handed over is not enough, and says what is due.
  const short = await cash(10_03, 10_03);
  assert.match(refusalOf(short), /less than the \$10\.05 due/);
});

test('a split sale: a card part is never rounded; a cash part that leaves some due is in 5¢ steps; the cash that settles it is rounded', async () => {
  await ok(MANAGER, 'settings.setTax', place('QC'));
  const sale = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 30_37, currency: 'CAD' });
  // $10.03 in cash would leave pennies due: refused, naming the amounts a drawer can take.
  const part = await cash(10_03, 10_03, sale.saleId);
  assert.equal(codeOf(part), 'invalid_payload');
  assert.match(messageOf(part), /take \$10\.00 or \$10\.05/);
  assert.ok((await cash(10_00, 10_00, sale.saleId)).ok, 'a part in 5¢ steps is taken as it is');
  // $10.11 on a card, to the cent.
  const s = await ok<CheckoutStart>(CASHIER, 'purchase.start', {
    amountCents: 10_11,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  const f = await cardFormPays(core.simulator!, (op, payload) => call(CASHIER, op, payload), s);
  assert.equal(f.outcome, 'approved');
  const card = core.journal.list(1)[0]!;
  assert.deepEqual([card.tender, card.amountCents], ['card', 10_11]);
  // The rest, $10.26, settles it in cash: $10.25 at the drawer; the sale is paid exactly.
  const last = await cash(10_26, 20_00, sale.saleId);
  assert.ok(last.ok);
  assert.deepEqual([last.value.roundingCents, last.value.changeCents, last.value.sale.state], [-1, 9_75, 'paid']);
  assert.deepEqual(
    last.value.sale.tenders.map((x) => [x.tender, x.amountCents, x.roundingCents ?? 0]),
    [
      ['cash', 10_00, 0],
      ['card', 10_11, 0],
      ['cash', 10_26, -1],
    ],
  );
});

test('cash handed back is rounded too: a $4.03 refund hands back $4.05, and the drawer gives that', async () => {
  await ok(MANAGER, 'settings.setTax', place('QC'));
  const sold = await cash(8_06, 10_00);
  assert.ok(sold.ok);
  const n = String(sold.value.sale.number);
  const before = await expected();
  const a = await ok<OverrideApproval>(
    CASHIER,
    'override.approve',
    approvalAsk('cash_refund', n, 4_03, morgan, '135790'),
  );
  const r = await ok<CashRefund>(CASHIER, 'cash.refund', {
    saleNumber: n,
    amountCents: 4_03,
    approvalId: a.approvalId,
  });
  assert.deepEqual([r.amountCents, r.roundingCents], [4_03, 2]);
  assert.match(r.message, /\$4\.05/);
  assert.equal(await expected(), before - 4_05);
  assert.equal(core.journal.list(1)[0]!.amountCents, 4_03, 'the refund is what main worked out');
});

test('a US shop rounds nothing unless it asks; then as in Canada', async () => {
  await ok(MANAGER, 'settings.setTax', place('US'));
  const off = await cash(12_34, 20_00);
  assert.ok(off.ok);
  assert.equal(off.value.roundingCents, 0);
  await ok(MANAGER, 'settings.setTax', place('US', true));
  const on = await cash(12_34, 20_00);
  assert.ok(on.ok);
  assert.equal(on.value.roundingCents, 1);
  await ok(MANAGER, 'settings.setTax', place('QC'));
});

test('the X report gives the rounding on its own line; the drawer counted to the cent balances with no pennies', async () => {
  const x = await ok<DayReport>(MANAGER, 'report.x', {});
  // +1 ($12.34), the nine digits (eight rounded: −1 −2 +2 +1 −1 −2 +2 +1 = 0), $10.02 (−2), the split's −1,
  // $8.06 (−1), the refund's +2 (handed out: −2 in the drawer), the US shop's +1: 1 + 0 − 2 − 1 − 1 − 2 + 1 = −4¢,
  // over 14 rounded attempts.
  assert.deepEqual(x.rounding, { key: 'rounding', count: 14, cents: -4 });
  assert.equal(x.drawer!.roundingCents, -4);
  const close = await ok<DrawerClose>(CASHIER, 'drawer.close', { countedCents: await expected() });
  assert.equal(close.overShortCents, 0);
  assert.equal(codeOf(await call(CASHIER, 'drawer.status', {})), 'ok');
});
