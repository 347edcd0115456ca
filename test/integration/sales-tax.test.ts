/**
 * Sales tax through the real bridge (issue 28): a manager sets where the shop sells and its numbers;
 * a Quebec basket with a zero-rated line is taxed on the total per category; the screen's view, the
 * receipt and the customer display show the same taxes to the cent; a sale keeps the taxes it was
 * priced with; a return of lines gives back their share of each tax, and all the returns of a sale
 * together give back exactly the tax charged, never more; prices that hold the tax are taken apart.
 * Amounts are worked out by hand in the comments.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, refusalOf } from '../support/bridge-calls';
import { approvalAsk } from '../support/approval-ask';
import { QUEBEC, itemDraft, openDrawerWithFloat } from '../support/cart-shop';
import { receiptRows } from '../../common/i18n/receipt';
import { translator } from '../../common/i18n';
import { reportCsv } from '../../main/reports/render';
import type {
  CashRefund,
  CustomerView,
  DayReport,
  ItemView,
  OverrideApproval,
  Receipt,
  ReturnQuote,
  SaleView,
  TaxSettings,
} from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
const { ok, call } = bridgeCalls(() => core);
const items: Record<string, ItemView> = {};
let morgan = '';

before(async () => {
  t = await testCore('sales-tax');
  core = t.core;
  const casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  items.milk = await ok<ItemView>(
    MANAGER,
    'catalog.add',
    itemDraft('MILK', { priceCents: 4_29, taxCategory: 'zero_rated' }),
  );
  items.soap = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('SOAP', { priceCents: 3_50 }));
  items.pen = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('PEN', { priceCents: 10 }));
  await openDrawerWithFloat(ok, CASHIER, morgan, '135790', 200_00);
});
after(async () => {
  await t.close();
});

const cart = (lines: { itemId: string; quantityMilli?: number }[]) =>
  ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: lines.map((l) => ({ kind: 'item', ...l })) });
const payCash = (sale: SaleView) =>
  ok(CASHIER, 'cash.sale', {
    amountCents: sale.totalCents,
    tenderedCents: sale.totalCents,
    currency: 'CAD',
    saleId: sale.saleId,
  });
type Pick = { position: number; quantityMilli: number };
const quote = (n: number, lines: Pick[]) => ok<ReturnQuote>(CASHIER, 'returns.quote', { saleNumber: String(n), lines });
async function giveBack(n: number, lines: Pick[]): Promise<number> {
  const { amountCents } = await quote(n, lines);
  const a = await ok<OverrideApproval>(CASHIER, 'override.approve', {
    ...approvalAsk('cash_refund', String(n), amountCents, morgan, '135790'),
    lines,
  });
  await ok<CashRefund>(CASHIER, 'cash.refund', { saleNumber: String(n), amountCents, approvalId: a.approvalId, lines });
  return amountCents;
}

test('a manager sets the shop’s tax and numbers; a cashier may not; a number that is not one is refused', async () => {
  assert.equal(codeOf(await call(CASHIER, 'settings.setTax', QUEBEC)), 'forbidden');
  assert.equal(codeOf(await call(CASHIER, 'settings.tax', {})), 'forbidden');
  assert.match(
    refusalOf(await call(MANAGER, 'settings.setTax', { ...QUEBEC, gstHstNumber: '12345678 RT 0001' })),
    /RT 0001/,
  );
  const saved = await ok<TaxSettings>(MANAGER, 'settings.setTax', QUEBEC);
  assert.deepEqual(
    [saved.gstHstNumber, saved.qstNumber],
    ['123456789 RT 0001', '1234567890 TQ 0001'],
    'as receipts print them',
  );
  assert.deepEqual(await ok<TaxSettings>(MANAGER, 'settings.tax', {}), saved);
  assert.ok(core.audit.entries().some((e) => e.action === 'settings.tax' && e.detail === 'QC, prices exclude tax'));
});

test('a Quebec basket with a zero-rated line: taxed on the total per category; screen, receipt and display agree', async () => {
  await ok(MANAGER, 'settings.setTax', QUEBEC);
  // Milk $4.29 (zero-rated) + soap $3.50: GST 5 % of $3.50 = 17.5¢ → 18¢; QST 9.975 % of $3.50 = 34.9¢ → 35¢.
  const sale = await cart([{ itemId: items.milk!.id }, { itemId: items.soap!.id }]);
  assert.deepEqual(
    sale.taxes.map((x) => [x.code, x.rateMillionths, x.baseCents, x.taxCents]),
    [
      ['GST', 50_000, 3_50, 18],
      ['QST', 99_750, 3_50, 35],
    ],
  );
  assert.deepEqual([sale.subtotalCents, sale.totalCents, sale.dueCents], [7_79, 8_32, 8_32]);
  const display: CustomerView = core.customerView();
  assert.deepEqual(display.taxes, [
    { label: 'GST 5 %', taxCents: 18 },
    { label: 'QST 9.975 %', taxCents: 35 },
  ]);
  await payCash(sale);
  const receipt = await ok<Receipt>(CASHIER, 'receipt.get', { attemptId: core.journal.list(1)[0]!.id });
  const rows = receiptRows({ ...receipt, locale: 'fr-CA' }).filter((r) => r.value !== undefined);
  const byId = (id: string) => rows.filter((r) => r.id === id).map((r) => `${r.label}: ${r.value}`);
  assert.deepEqual(byId('subtotal'), ['Sous-total: 7,79\u00a0$']);
  assert.deepEqual(byId('tax'), ['TPS 5 %: 0,18\u00a0$', 'TVQ 9,975 %: 0,35\u00a0$']);
  assert.deepEqual(
    [...byId('tax-name'), ...byId('gst-number'), ...byId('qst-number')],
    ['Vendu par: Épicerie Tremblay inc.', 'No de TPS/TVH: 123456789 RT 0001', 'No de TVQ: 1234567890 TQ 0001'],
  );
});

test('a sale keeps the taxes it was priced with: the shop moving to Ontario changes the next cart only', async () => {
  await ok(MANAGER, 'settings.setTax', QUEBEC);
  const before = await cart([{ itemId: items.soap!.id }]);
  await ok(MANAGER, 'settings.setTax', { ...QUEBEC, jurisdiction: 'ON', qstNumber: '' });
  const kept = await ok<SaleView>(CASHIER, 'sale.get', { saleId: before.saleId });
  assert.deepEqual(
    kept.taxes.map((x) => x.code),
    ['GST', 'QST'],
  );
  assert.equal(kept.totalCents, 4_03);
  // The next cart: 13 % HST on $3.50 = 45.5¢ → 46¢.
  const next = await cart([{ itemId: items.soap!.id }]);
  assert.deepEqual(
    next.taxes.map((x) => [x.code, x.taxCents]),
    [['HST', 46]],
  );
  assert.equal(next.totalCents, 3_96);
  await ok(CASHIER, 'sale.discard', { saleId: before.saleId });
  await ok(CASHIER, 'sale.discard', { saleId: next.saleId });
});

test('a return of one taxed line gives back its tax; the zero-rated line none', async () => {
  await ok(MANAGER, 'settings.setTax', QUEBEC);
  const sale = await cart([{ itemId: items.milk!.id }, { itemId: items.soap!.id }]);
  await payCash(sale);
  const soap = await quote(sale.number, [{ position: 2, quantityMilli: 1_000 }]);
  assert.deepEqual([soap.amountCents, soap.taxCents], [4_03, 53], '$3.50 and its 18¢ + 35¢');
  const milk = await quote(sale.number, [{ position: 1, quantityMilli: 1_000 }]);
  assert.deepEqual([milk.amountCents, milk.taxCents], [4_29, 0]);
  assert.equal(await giveBack(sale.number, [{ position: 2, quantityMilli: 1_000 }]), 4_03);
  assert.equal(await giveBack(sale.number, [{ position: 1, quantityMilli: 1_000 }]), 4_29);
});

test('three 10¢ pens given back one at a time: 1¢, 1¢, 0¢ of GST — exactly the 2¢ charged, never more', async () => {
  await ok(MANAGER, 'settings.setTax', { ...QUEBEC, jurisdiction: 'AB', qstNumber: '' });
  // 30¢ of pens in Alberta: GST 1.5¢ → 2¢ (on the total, not 3 × 0.5¢ → 3¢).
  const sale = await cart([{ itemId: items.pen!.id, quantityMilli: 3_000 }]);
  assert.deepEqual([sale.taxes[0]!.taxCents, sale.totalCents], [2, 32]);
  await payCash(sale);
  const one = [{ position: 1, quantityMilli: 1_000 }];
  // A third of 2¢ is 0.67¢ → 1¢; then 1¢ is all that is left; the last pen gets the rest, 0¢.
  assert.equal(await giveBack(sale.number, one), 11);
  assert.equal(await giveBack(sale.number, one), 11);
  assert.equal(await giveBack(sale.number, one), 10);
  const back = core.journal
    .bySale(sale.saleId)
    .filter((a) => a.kind === 'refund')
    .reduce((n, a) => n + a.amountCents, 0);
  assert.equal(back, sale.totalCents, 'all the returns give back the sale, tax and all, to the cent');
});

test('prices that hold the tax: the total is the price, the tax is taken out of it and given back within it', async () => {
  await ok(MANAGER, 'settings.setTax', { ...QUEBEC, jurisdiction: 'ON', qstNumber: '', pricesInclude: true });
  // $3.50 with 13 % HST in it: $3.50 / 1.13 = $3.0973 → $3.10 before tax, 40¢ of HST.
  const sale = await cart([{ itemId: items.soap!.id }]);
  assert.deepEqual(
    sale.taxes.map((x) => [x.code, x.baseCents, x.taxCents, x.included]),
    [['HST', 3_10, 40, true]],
  );
  assert.deepEqual([sale.subtotalCents, sale.totalCents], [3_50, 3_50]);
  await payCash(sale);
  const q = await quote(sale.number, [{ position: 1, quantityMilli: 1_000 }]);
  assert.deepEqual([q.amountCents, q.taxCents], [3_50, 40], 'the price back, 40¢ of it tax');
  await ok(MANAGER, 'settings.setTax', { ...QUEBEC, jurisdiction: null });
});

test('a shop with no tax set up charges none, as before', async () => {
  await ok(MANAGER, 'settings.setTax', { ...QUEBEC, jurisdiction: null });
  const sale = await cart([{ itemId: items.soap!.id }]);
  assert.deepEqual([sale.taxes, sale.totalCents], [[], 3_50]);
  await ok(CASHIER, 'sale.discard', { saleId: sale.saleId });
});

test('the X report gives the tax collected and given back per tax and rate, as the sales above charged it', async () => {
  const x = await ok<DayReport>(MANAGER, 'report.x', {});
  // Paid: the Quebec basket and the returned one (GST 18¢ + 18¢, QST 35¢ + 35¢), the pens (GST 2¢),
  // the Ontario soap with its tax in the price (HST 40¢). The sale moved to Ontario was never paid.
  assert.deepEqual(x.taxCollected, [
    { key: 'GST 50000', count: 3, cents: 38 },
    { key: 'QST 99750', count: 2, cents: 70 },
    { key: 'HST 130000', count: 1, cents: 40 },
  ]);
  // Given back: the soap (18¢ + 35¢) and the three pens (1¢, 1¢, 0¢); the milk, zero-rated, none.
  assert.deepEqual(x.taxRefunded, [
    { key: 'GST 50000', count: 4, cents: 20 },
    { key: 'QST 99750', count: 1, cents: 35 },
  ]);
  const words = reportCsv(x, translator('fr-CA'));
  assert.match(words, /"taxes perçues","TPS 5 %",3,0\.38/);
  assert.match(words, /"taxes remboursées","TVQ 9,975 %",1,0\.35/);
});

test('a shop’s own category: BC liquor pays GST and a 10 % PST of its own; a built-in name or a name twice is refused', async () => {
  const bc = { ...QUEBEC, jurisdiction: 'BC' as const, qstNumber: '' };
  const liquor = {
    name: 'bc_liquor',
    taxes: [{ code: 'GST' as const }, { code: 'PST' as const, rateMillionths: 100_000 }],
  };
  assert.match(
    refusalOf(await call(MANAGER, 'settings.setTax', { ...bc, categories: [{ ...liquor, name: 'standard' }] })),
    /already there/,
  );
  assert.match(
    refusalOf(await call(MANAGER, 'settings.setTax', { ...bc, categories: [liquor, liquor] })),
    /each category once/,
  );
  const saved = await ok<TaxSettings>(MANAGER, 'settings.setTax', { ...bc, categories: [liquor] });
  assert.deepEqual(saved.categories, [liquor]);
  // Saved without categories (an older form): the shop's stay.
  assert.deepEqual((await ok<TaxSettings>(MANAGER, 'settings.setTax', bc)).categories, [liquor]);
  assert.ok(
    core.audit
      .entries()
      .some((e) => e.action === 'settings.tax' && e.detail === 'BC, prices exclude tax, categories bc_liquor'),
  );
  const wine = await ok<ItemView>(
    MANAGER,
    'catalog.add',
    itemDraft('WINE', { priceCents: 20_00, taxCategory: 'bc_liquor' }),
  );
  // $20.00 of wine: GST 5 % = $1.00, PST 10 % = $2.00 (not BC's 7 %); soap beside it pays the 7 %: 24.5¢ → 25¢, and GST 17.5¢ → 18¢.
  const sale = await cart([{ itemId: wine.id }, { itemId: items.soap!.id }]);
  assert.deepEqual(
    sale.taxes.map((x) => [x.code, x.rateMillionths, x.taxCents]),
    [
      ['GST', 50_000, 1_18],
      ['PST', 100_000, 2_00],
      ['PST', 70_000, 25],
    ],
  );
  assert.equal(sale.totalCents, 23_50 + 1_18 + 2_00 + 25);
  await ok(CASHIER, 'sale.discard', { saleId: sale.saleId });
  await ok(MANAGER, 'settings.setTax', { ...QUEBEC, jurisdiction: null, categories: [] });
});
