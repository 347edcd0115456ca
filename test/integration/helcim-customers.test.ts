/**
 * Customers at the counter and saved cards (issue 29, parts 2 and 3), through the real bridge and the
 * simulator over HTTP. A customer is found in Helcim or added with their consent, attached to a sale
 * before its first tender; the terminal push, HelcimPay.js and the invoice carry them, and Helcim makes
 * no new customer for that sale (it does for a sale without one, as its docs say). A card is saved
 * through a verification under the customer's code after their consent is recorded; only such a card
 * is charged, by token, journaled before it is sent; a manager removes one. Lost answers and declines
 * follow the money rules.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, messageOf } from '../support/bridge-calls';
import { itemDraft } from '../support/cart-shop';
import { cardFormPays } from '../support/simulated-sale';
import { LOOKUP_EVERY_MS } from '../../main/payments/terminal';
import type {
  CheckoutOutcome,
  CheckoutStart,
  HelcimCustomerView,
  ItemView,
  OperationName,
  SaleCustomer,
  SaleView,
  SavedCardView,
  TerminalProgress,
  TerminalStart,
} from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
let clock = Date.now();
const { ok, call } = bridgeCalls(() => core);
const sim = () => core.simulator!;
let soap: ItemView;
let dupont: HelcimCustomerView;

type SimCustomer = {
  id: number;
  customerCode: string;
  contactName: string;
  businessName: string;
  cellPhone: string;
  cards: { cardF6L4: string; cardToken: string }[];
};
const customers = () => sim().customers() as unknown as SimCustomer[];
const cashierCall = <T>(op: OperationName, payload: unknown) => call<T>(CASHIER, op, payload);

before(async () => {
  t = await testCore('helcim-customers', { now: () => clock });
  core = t.core;
  const casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  const morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  soap = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('SOAP', { priceCents: 3_50 }));
  sim().addTerminal('AB12');
  await ok(MANAGER, 'terminal.pair', { deviceCode: 'AB12' });
});
after(async () => {
  await t.close();
});

const cart = (qty = 1000) =>
  ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    lines: [{ kind: 'item', itemId: soap.id, quantityMilli: qty }],
  });

test('a customer is added only with their consent and a name; then found by name, business or phone', async () => {
  const base = { contactName: 'Marie Dupont', businessName: 'Café Dupont', cellPhone: '514-555-0142' };
  assert.equal(codeOf(await call(CASHIER, 'customers.add', base)), 'invalid_payload', 'no consent: refused');
  assert.equal(codeOf(await call(CASHIER, 'customers.add', { ...base, consent: false })), 'invalid_payload');
  assert.equal(
    codeOf(await call(CASHIER, 'customers.add', { ...base, contactName: '', businessName: '', consent: true })),
    'invalid_payload',
    'neither a name nor a business',
  );
  assert.equal(
    codeOf(await call(CASHIER, 'customers.add', { ...base, cellPhone: '12', consent: true })),
    'invalid_payload',
  );
  const before = customers().length;
  dupont = await ok<HelcimCustomerView>(CASHIER, 'customers.add', { ...base, consent: true });
  assert.equal(customers().length, before + 1);
  assert.deepEqual(dupont, {
    customerCode: dupont.customerCode,
    name: 'Marie Dupont',
    business: 'Café Dupont',
    phoneLast4: '0142',
  });
  for (const text of ['dupont', 'Café', '555-0142'])
    assert.deepEqual(
      (await ok<HelcimCustomerView[]>(CASHIER, 'customers.search', { text })).map((c) => c.customerCode),
      [dupont.customerCode],
      text,
    );
  assert.equal(
    codeOf(await call(CASHIER, 'customers.search', { text: 'd' })),
    'invalid_payload',
    'one letter lists everyone',
  );
  assert.ok(core.audit.entries().some((e) => e.action === 'customer.added' && e.detail === dupont.customerCode));
  assert.ok(!core.audit.entries().some((e) => e.detail.includes('Dupont')), 'no customer’s name in the audit trail');
});

test('a sale with a customer: the terminal push, the payment and the invoice carry them; Helcim makes no new customer', async () => {
  const sale = await cart(2000);
  const attached = await ok<SaleCustomer>(CASHIER, 'sale.setCustomer', {
    saleId: sale.saleId,
    customerCode: dupont.customerCode,
  });
  assert.deepEqual(attached, { customerCode: dupont.customerCode, name: 'Marie Dupont' });
  assert.deepEqual((await ok<SaleView>(CASHIER, 'sale.get', { saleId: sale.saleId })).customer, attached);
  const before = customers().length;
  // A first part of the sale on the terminal (the rest later): the sale stays open.
  const s = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: sale.totalCents - 100,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  assert.equal(sim().terminal('AB12').pending?.customerCode, dupont.customerCode);
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  assert.equal((await ok<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: s.attemptId })).state, 'approved');
  assert.equal(customers().length, before, 'no customer made for this sale');
  const a = core.journal.get(s.attemptId)!;
  const tx = sim()
    .transactions()
    .find((x) => String(x.transactionId) === a.helcimTransactionId)!;
  assert.equal(tx.customerCode, dupont.customerCode);
  const inv = sim()
    .invoices()
    .find((x) => x.invoiceNumber === s.invoiceNumber)!;
  assert.equal(inv.customerId, customers().find((c) => c.customerCode === dupont.customerCode)!.id);
  // Once a tender is taken, the customer is fixed.
  assert.match(
    messageOf(await call(CASHIER, 'sale.setCustomer', { saleId: sale.saleId, customerCode: null })),
    /before the sale’s first payment/,
  );
  assert.match(
    messageOf(await call(CASHIER, 'sale.setCustomer', { saleId: sale.saleId, customerCode: dupont.customerCode })),
    /before the sale’s first payment/,
  );
});

test('a sale without a customer: Helcim makes one for the payment (its documented behaviour; README says so)', async () => {
  const sale = await cart();
  const before = customers().length;
  const s = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: sale.totalCents,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  assert.equal(sim().terminal('AB12').pending?.customerCode, undefined, 'no shared walk-in customer is sent');
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  await ok(CASHIER, 'terminal.check', { attemptId: s.attemptId });
  assert.equal(customers().length, before + 1);
});

test('the customer of a sale can be changed or removed until its first tender; an unknown code is refused', async () => {
  const sale = await cart();
  assert.equal(
    codeOf(await call(CASHIER, 'sale.setCustomer', { saleId: sale.saleId, customerCode: 'CST0' })),
    'invalid_payload',
  );
  await ok(CASHIER, 'sale.setCustomer', { saleId: sale.saleId, customerCode: dupont.customerCode });
  assert.equal(await ok(CASHIER, 'sale.setCustomer', { saleId: sale.saleId, customerCode: null }), null);
  assert.equal((await ok<SaleView>(CASHIER, 'sale.get', { saleId: sale.saleId })).customer, null);
});

let savedCardId = 0;
test('saving a card: the consent recorded first, the card by a verification under the customer’s code; shown with who and when', async () => {
  assert.equal(
    codeOf(await call(CASHIER, 'customers.saveCard', { customerCode: dupont.customerCode, currency: 'CAD' })),
    'invalid_payload',
    'no consent: no card form',
  );
  const start = await ok<CheckoutStart>(CASHIER, 'customers.saveCard', {
    customerCode: dupont.customerCode,
    currency: 'CAD',
    consent: true,
  });
  assert.equal(start.kind, 'verify');
  const outcome = await cardFormPays(sim(), cashierCall, start, '5413330089099130', 'Marie');
  assert.equal(outcome.outcome, 'approved');
  const cards = await ok<SavedCardView[]>(CASHIER, 'customers.cards', { customerCode: dupont.customerCode });
  const mc = cards.find((c) => c.last4 === '9130')!;
  assert.deepEqual([mc.brand, mc.consent?.by], ['Mastercard', 'Casey']);
  assert.ok(mc.consent!.at <= new Date(clock + 1000).toISOString());
  savedCardId = mc.cardId;
  // The Visa the customer paid with on the terminal is in their vault too, with no consent recorded here.
  const visa = cards.find((c) => c.last4 === '9990');
  assert.ok(visa && !visa.consent, JSON.stringify(cards));
  assert.ok(core.audit.entries().some((e) => e.action === 'card.consent' && e.detail.startsWith(dupont.customerCode)));
});

test('a phone order on the saved card: journaled before it is sent, approved, against the sale’s invoice', async () => {
  const sale = await cart(3000);
  await ok(CASHIER, 'sale.setCustomer', { saleId: sale.saleId, customerCode: dupont.customerCode });
  const paid = await ok<CheckoutOutcome>(CASHIER, 'sale.chargeSavedCard', {
    saleId: sale.saleId,
    cardId: savedCardId,
    amountCents: sale.totalCents,
    currency: 'CAD',
  });
  assert.deepEqual([paid.outcome, paid.cardLast4], ['approved', '9130']);
  const a = core.journal.get(paid.attemptId)!;
  assert.deepEqual([a.kind, a.tender, a.state, a.saleId], ['purchase', 'card', 'approved', sale.saleId]);
  assert.ok(core.journal.events(paid.attemptId).some((e) => e.kind === 'saved_card'));
  const tx = sim()
    .transactions()
    .find((x) => String(x.transactionId) === a.helcimTransactionId)!;
  assert.deepEqual([tx.customerCode, tx.invoiceNumber], [dupont.customerCode, a.reference]);
  assert.equal(
    sim()
      .invoices()
      .find((x) => x.invoiceNumber === a.reference)?.status,
    'PAID',
  );
  assert.equal((await ok<SaleView>(CASHIER, 'sale.get', { saleId: sale.saleId })).state, 'paid');
});

test('a saved card without consent recorded here, or not the sale’s customer’s, is never charged', async () => {
  const sale = await cart();
  const cards = await ok<SavedCardView[]>(CASHIER, 'customers.cards', { customerCode: dupont.customerCode });
  const visa = cards.find((c) => !c.consent)!;
  assert.equal(
    codeOf(
      await call(CASHIER, 'sale.chargeSavedCard', {
        saleId: sale.saleId,
        cardId: savedCardId,
        amountCents: sale.totalCents,
        currency: 'CAD',
      }),
    ),
    'invalid_payload',
    'no customer on the sale',
  );
  await ok(CASHIER, 'sale.setCustomer', { saleId: sale.saleId, customerCode: dupont.customerCode });
  const before = sim().transactions().length;
  const r = await call(CASHIER, 'sale.chargeSavedCard', {
    saleId: sale.saleId,
    cardId: visa.cardId,
    amountCents: sale.totalCents,
    currency: 'CAD',
  });
  assert.equal(codeOf(r), 'forbidden');
  assert.match(messageOf(r), /consent/);
  assert.equal(
    codeOf(
      await call(CASHIER, 'sale.chargeSavedCard', {
        saleId: sale.saleId,
        cardId: 999_999,
        amountCents: sale.totalCents,
        currency: 'CAD',
      }),
    ),
    'invalid_payload',
  );
  assert.equal(sim().transactions().length, before, 'nothing sent');
});

test('a lost answer on a saved-card charge: unknown, then Helcim’s list settles it as approved; a decline is a decline', async () => {
  const sale = await cart(4000);
  await ok(CASHIER, 'sale.setCustomer', { saleId: sale.saleId, customerCode: dupont.customerCode });
  sim().injectFault({ method: 'POST', path: '/v2/payment/purchase' }, { kind: 'lost' }, 3);
  const paid = await ok<CheckoutOutcome>(CASHIER, 'sale.chargeSavedCard', {
    saleId: sale.saleId,
    cardId: savedCardId,
    amountCents: 200,
    currency: 'CAD',
  });
  assert.equal(paid.outcome, 'approved');
  assert.ok(core.journal.events(paid.attemptId).some((e) => e.kind === 'reconciled'));
  assert.equal(
    sim()
      .transactions()
      .filter((x) => x.invoiceNumber === core.journal.get(paid.attemptId)!.reference && x.type === 'purchase').length,
    1,
    'one charge, whatever the retries',
  );
  sim().injectFault({ method: 'POST', path: '/v2/payment/purchase' }, { kind: 'declined' });
  const declined = await ok<CheckoutOutcome>(CASHIER, 'sale.chargeSavedCard', {
    saleId: sale.saleId,
    cardId: savedCardId,
    amountCents: 300,
    currency: 'CAD',
  });
  assert.equal(declined.outcome, 'declined');
  assert.equal(core.journal.get(declined.attemptId)!.state, 'declined');
});

test('a manager removes a saved card: gone from Helcim’s vault, its consent marked removed; a cashier may not', async () => {
  const p = { customerCode: dupont.customerCode, cardId: savedCardId };
  assert.equal(codeOf(await call(CASHIER, 'customers.removeCard', p)), 'forbidden');
  const left = await ok<SavedCardView[]>(MANAGER, 'customers.removeCard', p);
  assert.ok(!left.some((c) => c.cardId === savedCardId));
  const inVault = customers().find((c) => c.customerCode === dupont.customerCode)!.cards;
  assert.ok(!inVault.some((c) => c.cardF6L4.endsWith('9130')));
  assert.ok(core.audit.entries().some((e) => e.action === 'card.removed' && e.detail.endsWith('Mastercard 9130')));
});

test('without General access on the token: customers are refused in plain words, and sales go on', async () => {
  sim().setGeneralAccess('none');
  try {
    const r = await call(CASHIER, 'customers.search', { text: 'dupont' });
    assert.equal(codeOf(r), 'helcim_permission');
    assert.match(messageOf(r), /General to Read & Write/);
  } finally {
    sim().setGeneralAccess('write');
  }
});
