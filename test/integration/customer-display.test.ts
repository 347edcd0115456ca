/**
 * The customer display's view, through the real core (issue 16): worked out from the latest sale —
 * welcome, the amount due, the card on the terminal, declined, part paid, paid with the change and a
 * thank-you for 20 seconds and not a moment longer, welcome again after an abandon. Only the fields a
 * customer may see; main refuses any bridge call from the display's page; the setting is a manager's.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
/** The thank-you (and the change) stays 20 seconds: a literal, so a window changed in the code fails here. */
const THANKS_MS = 20_000;
import { LOOKUP_EVERY_MS } from '../../main/payments/terminal';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf } from '../support/bridge-calls';
import type { CashSale, CustomerDisplaySetting, ItemView, SaleView, TerminalStart } from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
let clock = Date.now();
const { call, ok } = bridgeCalls(() => core);
const view = () => core.customerView();

before(async () => {
  t = await testCore('customer-display', { now: () => clock, shopName: 'Corner Store' });
  core = t.core;
  const casey = await core.staffStore.create('Casey Jones', 'cashier', '2468');
  const morgan = await core.staffStore.create('Morgan', 'manager', '135790');
  await ok(CASHIER, 'session.signIn', { staffId: casey.id, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan.id, pin: '135790' });
  core.simulator!.addTerminal('AB12');
  await ok(MANAGER, 'terminal.pair', { deviceCode: 'AB12' });
});
after(async () => {
  await t.close();
});

test('a sale from welcome to thank you, and welcome again exactly 20 seconds after it was paid', async () => {
  assert.deepEqual(view(), {
    shop: 'Corner Store',
    locale: 'en-CA',
    state: 'welcome',
    totalCents: 0,
    paidCents: 0,
    dueCents: 0,
    changeCents: 0,
    currency: 'CAD',
    servedBy: null,
    lines: [],
    lineCount: 0,
    taxes: [],
    roundingCents: 0,
    discountsCents: 0,
  });
  const sale = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 42_00, currency: 'CAD' });
  assert.deepEqual([view().state, view().dueCents, view().servedBy], ['due', 42_00, 'Casey']);
  const s = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: 42_00,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  assert.equal(view().state, 'card');
  core.simulator!.terminalAct('AB12', { action: 'decline', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  await ok(CASHIER, 'terminal.check', { attemptId: s.attemptId });
  assert.deepEqual([view().state, view().dueCents], ['declined', 42_00]);
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 20_00,
    tenderedCents: 20_00,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  assert.deepEqual([view().state, view().paidCents, view().dueCents], ['due', 20_00, 22_00]);
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 22_00,
    tenderedCents: 30_00,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  assert.deepEqual([view().state, view().changeCents, view().dueCents], ['paid', 8_00, 0]);
  clock += THANKS_MS;
  assert.equal(view().state, 'paid', 'still thanking at 20 seconds');
  clock += 1;
  assert.equal(view().state, 'welcome', 'welcome again one moment later');
});

test('the amount shows while the cashier types it, before any tender starts; cleared, signed out or superseded by a sale, it goes', async () => {
  clock += THANKS_MS + 1;
  assert.equal(view().state, 'welcome');
  await ok(CASHIER, 'display.typed', { amountCents: 12_34, currency: 'CAD' });
  assert.deepEqual(
    [view().state, view().totalCents, view().dueCents, view().paidCents, view().servedBy],
    ['due', 12_34, 12_34, 0, 'Casey'],
  );
  clock += 1;
  await ok(CASHIER, 'display.typed', { amountCents: 0, currency: 'CAD' });
  assert.equal(view().state, 'welcome', 'cleared on the screen: cleared on the display');
  clock += 1;
  await ok(CASHIER, 'display.typed', { amountCents: 56_00, currency: 'CAD' });
  assert.equal(view().dueCents, 56_00);
  // The sale opened for it takes over; once paid and thanked, the old typed amount never comes back.
  clock += 1;
  const sale = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 56_00, currency: 'CAD' });
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 56_00,
    tenderedCents: 60_00,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  assert.deepEqual([view().state, view().changeCents], ['paid', 4_00]);
  clock += THANKS_MS + 1;
  assert.equal(view().state, 'welcome', 'the amount typed before the sale is not shown again');
  // The next amount typed during the thank-you shows at once.
  const next = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 1_00, currency: 'CAD' });
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 1_00,
    tenderedCents: 1_00,
    currency: 'CAD',
    saleId: next.saleId,
  });
  clock += 1;
  await ok(CASHIER, 'display.typed', { amountCents: 7_50, currency: 'CAD' });
  assert.deepEqual([view().state, view().dueCents], ['due', 7_50], 'a new amount replaces the thank-you');
  // Signed out (or locked): what that window typed is nobody's any more.
  await ok(CASHIER, 'session.signOut', {});
  assert.deepEqual([view().state, view().totalCents], ['paid', 1_00], 'back to the last sale’s thank-you');
  const casey = core.staffStore.list().find((s) => s.name === 'Casey Jones')!;
  await ok(CASHIER, 'session.signIn', { staffId: casey.id, pin: '2468' });
  assert.equal(view().state, 'paid', 'signing in again does not bring it back');
  clock += THANKS_MS + 1;
  // Nobody signed in cannot put an amount on the customer's screen.
  assert.equal(codeOf(await call(9, 'display.typed', { amountCents: 99_00, currency: 'CAD' })), 'not_signed_in');
  assert.equal(view().state, 'welcome', 'nothing from a window nobody is signed in at');
  // Locked for being idle: the same as signed out, even before anyone touches that window again.
  await ok(CASHIER, 'session.signIn', { staffId: casey.id, pin: '2468' });
  await ok(CASHIER, 'display.typed', { amountCents: 8_00, currency: 'CAD' });
  assert.equal(view().dueCents, 8_00);
  clock += core.settings.get('idle_lock_seconds') * 1000 + 1;
  assert.equal(view().state, 'welcome', 'an idle-locked window’s amount is gone');
  await ok(CASHIER, 'session.signIn', { staffId: casey.id, pin: '2468' });
  await ok(MANAGER, 'session.signIn', {
    staffId: core.staffStore.list().find((s) => s.name === 'Morgan')!.id,
    pin: '135790',
  });
  // A sale being paid always wins over an amount typed at another window.
  const paying = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 20_00, currency: 'CAD' });
  clock += 1;
  await ok(MANAGER, 'display.typed', { amountCents: 3_00, currency: 'CAD' });
  assert.deepEqual([view().state, view().dueCents], ['due', 20_00]);
  await ok(CASHIER, 'sale.discard', { saleId: paying.saleId });
  await ok(MANAGER, 'display.typed', { amountCents: 0, currency: 'CAD' });
});

test('a keyed card (a phone order): the display says the cashier is entering it, never "tap on the terminal"', async () => {
  const sale = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 13_00, currency: 'CAD' });
  await ok(CASHIER, 'purchase.start', { amountCents: 13_00, currency: 'CAD', saleId: sale.saleId });
  assert.deepEqual([view().state, view().dueCents], ['keyed', 13_00]);
  // Closed unpaid and the sale dropped: welcome again for the next customer.
  core.checkout.abandon(CASHIER);
  clock += 10 * 60_000;
  await core.reconciler.run();
  // The minutes waited locked both windows: the same people sign in again.
  await ok(CASHIER, 'session.signIn', {
    staffId: core.staffStore.list().find((x) => x.name === 'Casey Jones')!.id,
    pin: '2468',
  });
  await ok(MANAGER, 'session.signIn', {
    staffId: core.staffStore.list().find((x) => x.name === 'Morgan')!.id,
    pin: '135790',
  });
  await ok(CASHIER, 'sale.discard', { saleId: sale.saleId });
  assert.equal(view().state, 'welcome');
});

test('an abandoned sale goes back to welcome; only customer-facing fields ever leave', async () => {
  const sale = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 5_00, currency: 'CAD' });
  assert.equal(view().state, 'due');
  await ok(CASHIER, 'sale.discard', { saleId: sale.saleId });
  assert.equal(view().state, 'welcome');
  assert.deepEqual(Object.keys(view()).sort(), [
    'changeCents',
    'currency',
    'discountsCents',
    'dueCents',
    'lineCount',
    'lines',
    'locale',
    'paidCents',
    'roundingCents',
    'servedBy',
    'shop',
    'state',
    'taxes',
    'totalCents',
  ]);
});

test('the display’s page is never a bridge sender; its setting is a manager’s', async () => {
  const fromDisplay = await core.dispatch(
    'pos:app.status',
    {},
    { windowId: 7, frameUrl: 'app://counter/customer.html', isMainFrame: true },
  );
  assert.equal(codeOf(fromDisplay), 'bad_sender');
  const fromCounter = await core.dispatch(
    'pos:app.status',
    {},
    { windowId: 7, frameUrl: 'app://counter/index.html', isMainFrame: true },
  );
  assert.equal(codeOf(fromCounter), 'ok');
  assert.equal(codeOf(await call(CASHIER, 'display.configure', { enabled: true, screen: 2 })), 'forbidden');
  assert.equal(codeOf(await call(MANAGER, 'display.configure', { enabled: true, screen: 0 })), 'invalid_payload');
  const saved = await ok<CustomerDisplaySetting>(MANAGER, 'display.configure', { enabled: true, screen: 2 });
  assert.deepEqual(saved, { enabled: true, screen: 2 });
  assert.deepEqual(core.customerDisplay(), { enabled: true, screen: 2 });
});

test('a cart’s latest lines show, named in the customer’s language; a typed total has none', async () => {
  const manager = MANAGER;
  const milk = await ok<ItemView>(manager, 'catalog.add', {
    sku: 'MILK',
    name: { en: 'Milk', fr: 'Lait' },
    priceCents: 4_29,
    taxCategory: 'zero_rated',
    department: '',
    soldBy: 'unit',
    barcodes: [],
  });
  const ham = await ok<ItemView>(manager, 'catalog.add', {
    sku: 'HAM',
    name: { en: 'Ham', fr: '' },
    priceCents: 19_80,
    taxCategory: 'standard',
    department: '',
    soldBy: 'kg',
    barcodes: [],
  });
  // Seven lines: milk ×1..×6 then 0.250 kg of ham ($4.95); the display keeps the last six.
  const lines = [1, 2, 3, 4, 5, 6].map((n) => ({ kind: 'item', itemId: milk.id, quantityMilli: n * 1_000 }));
  const sale = await ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    language: 'fr-CA',
    lines: [...lines, { kind: 'item', itemId: ham.id, quantityMilli: 250 }],
  });
  const v = view();
  assert.equal(v.lineCount, 7);
  assert.deepEqual(
    v.lines.map((l) => [l.name, l.soldBy, l.quantityMilli, l.lineTotalCents]),
    [
      ['Lait', 'unit', 2_000, 8_58],
      ['Lait', 'unit', 3_000, 12_87],
      ['Lait', 'unit', 4_000, 17_16],
      ['Lait', 'unit', 5_000, 21_45],
      ['Lait', 'unit', 6_000, 25_74],
      ['Ham', 'kg', 250, 4_95],
    ],
    'French names, the English one where there is no French',
  );
  await ok(CASHIER, 'sale.discard', { saleId: sale.saleId });
  await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 3_00, currency: 'CAD' });
  assert.deepEqual([view().lines, view().lineCount], [[], 0], 'a typed total has no lines');
});
