/**
 * The customer display's view, through the real core (issue 16): worked out from the latest sale —
 * welcome, the amount due, the card on the terminal, declined, part paid, paid with the change and a
 * thank-you for THANKS_MS and not a moment longer, welcome again after an abandon. Only the fields a
 * customer may see; main refuses any bridge call from the display's page; the setting is a manager's.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { THANKS_MS } from '../../main/hardware/customer-display';
import { LOOKUP_EVERY_MS } from '../../main/payments/terminal';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf } from '../support/bridge-calls';
import type { CashSale, CustomerDisplaySetting, SaleView, TerminalStart } from '../../preload/contract';

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

test('a sale from welcome to thank you, and welcome again exactly THANKS_MS after it was paid', async () => {
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
  });
  const sale = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 42_00, currency: 'CAD' });
  assert.deepEqual([view().state, view().dueCents, view().servedBy], ['due', 42_00, 'Casey']);
  const s = await ok<TerminalStart>(CASHIER, 'terminal.start', { amountCents: 42_00, currency: 'CAD', saleId: sale.saleId });
  assert.equal(view().state, 'card');
  core.simulator!.terminalAct('AB12', { action: 'decline', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  await ok(CASHIER, 'terminal.check', { attemptId: s.attemptId });
  assert.deepEqual([view().state, view().dueCents], ['declined', 42_00]);
  await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 20_00, tenderedCents: 20_00, currency: 'CAD', saleId: sale.saleId });
  assert.deepEqual([view().state, view().paidCents, view().dueCents], ['due', 20_00, 22_00]);
  await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 22_00, tenderedCents: 30_00, currency: 'CAD', saleId: sale.saleId });
  assert.deepEqual([view().state, view().changeCents, view().dueCents], ['paid', 8_00, 0]);
  clock += THANKS_MS;
  assert.equal(view().state, 'paid', 'still thanking at THANKS_MS');
  clock += 1;
  assert.equal(view().state, 'welcome', 'welcome again one moment later');
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
  await ok(CASHIER, 'session.signIn', { staffId: core.staffStore.list().find((x) => x.name === 'Casey Jones')!.id, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: core.staffStore.list().find((x) => x.name === 'Morgan')!.id, pin: '135790' });
  await ok(CASHIER, 'sale.discard', { saleId: sale.saleId });
  assert.equal(view().state, 'welcome');
});

test('an abandoned sale goes back to welcome; only customer-facing fields ever leave', async () => {
  const sale = await ok<SaleView>(CASHIER, 'sale.open', { amountCents: 5_00, currency: 'CAD' });
  assert.equal(view().state, 'due');
  await ok(CASHIER, 'sale.discard', { saleId: sale.saleId });
  assert.equal(view().state, 'welcome');
  assert.deepEqual(Object.keys(view()).sort(), ['changeCents', 'currency', 'dueCents', 'locale', 'paidCents', 'servedBy', 'shop', 'state', 'totalCents']);
});

test('the display’s page is never a bridge sender; its setting is a manager’s', async () => {
  const fromDisplay = await core.dispatch('pos:app.status', {}, { windowId: 7, frameUrl: 'app://counter/customer.html', isMainFrame: true });
  assert.equal(codeOf(fromDisplay), 'bad_sender');
  const fromCounter = await core.dispatch('pos:app.status', {}, { windowId: 7, frameUrl: 'app://counter/index.html', isMainFrame: true });
  assert.equal(codeOf(fromCounter), 'ok');
  assert.equal(codeOf(await call(CASHIER, 'display.configure', { enabled: true, screen: 2 })), 'forbidden');
  assert.equal(codeOf(await call(MANAGER, 'display.configure', { enabled: true, screen: 0 })), 'invalid_payload');
  const saved = await ok<CustomerDisplaySetting>(MANAGER, 'display.configure', { enabled: true, screen: 2 });
  assert.deepEqual(saved, { enabled: true, screen: 2 });
  assert.deepEqual(core.customerDisplay(), { enabled: true, screen: 2 });
});
