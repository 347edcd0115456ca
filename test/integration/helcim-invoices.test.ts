/**
 * Itemized invoices in Helcim (issue 29, part 1), through the real bridge and the simulator over HTTP:
 * before a cart's first card part main creates the sale's invoice — lines, tax, discounts as on the
 * receipt — and every card part pays against its number; never sent twice; a sale whose invoice
 * cannot be made still sells and the X says so; reconciliation compares Helcim's invoices with what
 * was sent. The oracle for every total is the simulator's own sum of the body Helcim received
 * (main/simulator/invoices.ts), not the counter's invoice builder.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf } from '../support/bridge-calls';
import { QUEBEC, itemDraft } from '../support/cart-shop';
import { receiptRows } from '../../common/i18n/receipt';
import { LOOKUP_EVERY_MS } from '../../main/payments/terminal';
import type { DayReport, ItemView, Receipt, SaleView, TerminalProgress, TerminalStart } from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
let clock = Date.now();
const { ok, call } = bridgeCalls(() => core);
const sim = () => core.simulator!;
const items: Record<string, ItemView> = {};

type Invoice = {
  invoiceNumber: string;
  amount: number;
  amountPaid: number;
  status: string;
  notes: string;
  lineItems: { description: string; quantity: number; price: number; sku?: string; discountAmount?: number }[];
  tax?: { amount: number; details: string };
  discount?: { amount: number; details: string };
};
const invoices = () => sim().invoices() as unknown as Invoice[];
const invoice = (n: string) => invoices().find((x) => x.invoiceNumber === n);

before(async () => {
  t = await testCore('helcim-invoices', { now: () => clock });
  core = t.core;
  const casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  const morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  await ok(MANAGER, 'settings.setTax', QUEBEC);
  items.milk = await ok<ItemView>(
    MANAGER,
    'catalog.add',
    itemDraft('MILK', { priceCents: 4_29, taxCategory: 'zero_rated', name: { en: 'Milk 2%', fr: 'Lait 2 %' } }),
  );
  items.soap = await ok<ItemView>(
    MANAGER,
    'catalog.add',
    itemDraft('SOAP', { priceCents: 3_50, department: 'Household', name: { en: 'Soap', fr: 'Savon' } }),
  );
  items.cheese = await ok<ItemView>(
    MANAGER,
    'catalog.add',
    itemDraft('CHEESE', {
      priceCents: 24_99,
      soldBy: 'kg',
      department: 'Deli',
      name: { en: 'Cheddar', fr: 'Cheddar' },
    }),
  );
  sim().addTerminal('AB12');
  await ok(MANAGER, 'terminal.pair', { deviceCode: 'AB12' });
});
after(async () => {
  await t.close();
});

const cart = (w: number, payload: Record<string, unknown>) =>
  ok<SaleView>(w, 'sale.cart', { currency: 'CAD', ...payload });
async function terminalPart(sale: SaleView, cents: number, how: 'approve' | 'decline' = 'approve') {
  const s = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: cents,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  sim().terminalAct('AB12', { action: how, card: 'visa' });
  return { start: s, done: await resultOf(CASHIER, s) };
}

/**
 * The terminal sale's result, as the screen asks for it. The file spends much of the shared Helcim
 * budget (invoices, lists), which spaces main's lookups: once, a minute later, the budget is whole again.
 */
async function resultOf(w: number, s: TerminalStart): Promise<TerminalProgress> {
  clock += LOOKUP_EVERY_MS;
  const done = await ok<TerminalProgress>(w, 'terminal.check', { attemptId: s.attemptId });
  if (done.state !== 'waiting') return done;
  clock += 61_000;
  return ok<TerminalProgress>(w, 'terminal.check', { attemptId: s.attemptId });
}

test('a terminal sale of a taxed, discounted cart: Helcim’s invoice lists the receipt’s lines, tax and total, and is paid', async () => {
  // Milk $4.29 ×2 (zero-rated), soap $3.50 with $0.50 off (damaged), 0.347 kg of cheddar at $24.99/kg
  // (24.99 × 0.347 = 8.67153 → $8.67), and 10 % off the sale, given by a manager signed in.
  const sale = await cart(MANAGER, {
    lines: [
      { kind: 'item', itemId: items.milk!.id, quantityMilli: 2000 },
      { kind: 'item', itemId: items.soap!.id, discount: { kind: 'amount', cents: 50, reasonId: 'damaged' } },
      { kind: 'item', itemId: items.cheese!.id, quantityMilli: 347 },
    ],
    discount: { kind: 'percent', basisPoints: 1_000, reasonId: 'goodwill' },
  });
  const before = invoices().length;
  const { start, done } = await terminalPartAs(MANAGER, sale, sale.totalCents);
  assert.equal(done.state, 'approved');
  assert.equal(invoices().length, before + 1, 'one invoice, made before the push');
  const inv = invoice(start.invoiceNumber)!;
  assert.ok(inv, 'the terminal paid against the invoice’s own number');
  assert.match(start.invoiceNumber, /^C[0-9A-F]{8}-[0-9A-F]{10}$/, 'this counter’s prefix');
  // Helcim's total (the simulator's sum of what it received) is the receipt's.
  assert.equal(Math.round(inv.amount * 100), sale.totalCents);
  assert.deepEqual([inv.status, Math.round(inv.amountPaid * 100)], ['PAID', sale.totalCents]);
  assert.deepEqual(
    inv.lineItems.map((l) => [l.description, l.quantity, l.price, l.sku ?? null, l.discountAmount ?? 0]),
    [
      ['Milk 2%', 2, 4.29, 'MILK', 0],
      ['Soap', 1, 3.5, 'SOAP', 0.5],
      ['Cheddar, 0.347 kg × $24.99/kg', 1, 8.67, 'CHEESE', 0],
    ],
  );
  const saleDiscount = sale.discount!.cents;
  assert.equal(Math.round(inv.discount!.amount * 100), saleDiscount);
  assert.match(inv.discount!.details, /Goodwill: 10 % off/);
  const addedTax = sale.taxes.reduce((n, x) => n + x.taxCents, 0);
  assert.equal(Math.round(inv.tax!.amount * 100), addedTax);
  assert.match(inv.tax!.details, /^GST 5 %: \$\d+\.\d\d; QST 9\.975 %: \$\d+\.\d\d$/);
  assert.match(inv.notes, new RegExp(`Sale ${sale.number}`));
  // The receipt names the invoice.
  const r = await ok<Receipt>(MANAGER, 'receipt.get', { attemptId: start.attemptId });
  assert.equal(r.invoice?.number, start.invoiceNumber);
  assert.equal(receiptRows(r).find((x) => x.id === 'invoice')?.value, start.invoiceNumber);
  assert.ok(
    core.audit.entries().some((e) => e.action === 'invoice.created' && e.detail.startsWith(start.invoiceNumber)),
  );
});

async function terminalPartAs(w: number, sale: SaleView, cents: number) {
  const s = await ok<TerminalStart>(w, 'terminal.start', { amountCents: cents, currency: 'CAD', saleId: sale.saleId });
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  return { start: s, done: await resultOf(w, s) };
}

test('a split sale: one invoice; a declined part, then two card parts pay against it, each recorded on its own row', async () => {
  const sale = await cart(CASHIER, { lines: [{ kind: 'item', itemId: items.soap!.id, quantityMilli: 4000 }] });
  const before = invoices().length;
  const declined = await terminalPart(sale, 500, 'decline');
  assert.equal(declined.done.state, 'declined');
  const first = await terminalPart(sale, 500);
  assert.equal(first.done.state, 'approved');
  const rest = sale.totalCents - 500;
  const second = await terminalPart(sale, rest);
  assert.equal(second.done.state, 'approved');
  assert.equal(invoices().length, before + 1, 'made once, reused by every part');
  assert.equal(first.start.invoiceNumber, declined.start.invoiceNumber);
  assert.equal(second.start.invoiceNumber, first.start.invoiceNumber);
  const a1 = core.journal.get(first.start.attemptId)!;
  const a2 = core.journal.get(second.start.attemptId)!;
  assert.notEqual(a1.helcimTransactionId, a2.helcimTransactionId, 'each part its own Helcim row');
  assert.deepEqual([a1.amountCents, a2.amountCents], [500, rest]);
  const inv = invoice(first.start.invoiceNumber)!;
  assert.deepEqual([inv.status, Math.round(inv.amountPaid * 100)], ['PAID', sale.totalCents]);
  assert.equal((await ok<SaleView>(CASHIER, 'sale.get', { saleId: sale.saleId })).state, 'paid');
});

test('a typed total has no lines: its card part goes as a payment alone, with its own number', async () => {
  const before = invoices().length;
  const s = await ok<TerminalStart>(CASHIER, 'terminal.start', { amountCents: 7_00, currency: 'CAD' });
  assert.match(s.invoiceNumber, /^C[0-9A-F]{8}-[0-9A-F]{10}$/);
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  assert.equal((await ok<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: s.attemptId })).state, 'approved');
  // Helcim makes an invoice of an unknown number for a terminal sale (HELCIM.md): one line, the amount.
  assert.equal(invoices().length, before + 1);
  assert.deepEqual(invoice(s.invoiceNumber)!.lineItems.length, 1);
});

test('the token may not create invoices: the sale still sells, as a payment alone; the X names it and says what to change', async () => {
  sim().setGeneralAccess('read');
  try {
    const sale = await cart(CASHIER, { lines: [{ kind: 'item', itemId: items.milk!.id }] });
    const before = invoices().length;
    const { start, done } = await terminalPart(sale, sale.totalCents);
    assert.equal(done.state, 'approved', 'the sale went on');
    assert.equal(
      invoice(start.invoiceNumber)?.lineItems.length,
      1,
      'only the bare invoice Helcim makes for a terminal sale',
    );
    assert.equal(invoices().length, before + 1);
    assert.ok(core.audit.entries().some((e) => e.action === 'invoice.refused'));
    const r = await ok<Receipt>(CASHIER, 'receipt.get', { attemptId: start.attemptId });
    assert.equal(r.invoice, undefined, 'no invoice of ours on the receipt');
    const x = await ok<DayReport>(MANAGER, 'report.x', {});
    const lines = x.reconciliation.invoices ?? [];
    assert.ok(
      lines.some((l) => l.startsWith(`Sale ${sale.number}, invoice `) && /give it General Read & Write/.test(l)),
      JSON.stringify(lines),
    );
    assert.match(x.reconciliation.message, /difference/);
  } finally {
    sim().setGeneralAccess('write');
  }
});

test('a lost answer: Helcim made the invoice; main finds it by number and never sends it twice', async () => {
  const sale = await cart(CASHIER, { lines: [{ kind: 'item', itemId: items.soap!.id }] });
  sim().injectFault({ method: 'POST', path: '/v2/invoices' }, { kind: 'lost' });
  const before = invoices().length;
  const { start, done } = await terminalPart(sale, sale.totalCents);
  assert.equal(done.state, 'approved');
  assert.equal(invoices().length, before + 1, 'one invoice at Helcim');
  assert.equal(invoice(start.invoiceNumber)?.status, 'PAID', 'the part paid against it after the lookup');
  assert.equal(invoice(start.invoiceNumber)?.lineItems[0]?.description, 'Soap');
});

test('no answer and not at Helcim: the part goes alone; the next part looks first, then sends the invoice once', async () => {
  const sale = await cart(CASHIER, { lines: [{ kind: 'item', itemId: items.soap!.id, quantityMilli: 2000 }] });
  sim().injectFault({ method: 'POST', path: '/v2/invoices' }, { kind: 'status', status: 503 });
  sim().injectFault({ method: 'GET', path: '/v2/invoices' }, { kind: 'status', status: 503 });
  const first = await terminalPart(sale, 100);
  assert.equal(first.done.state, 'approved');
  assert.equal(invoice(first.start.invoiceNumber)?.lineItems.length, 1, 'a payment alone (Helcim’s bare invoice)');
  const second = await terminalPart(sale, sale.totalCents - 100);
  assert.equal(second.done.state, 'approved');
  const inv = invoice(second.start.invoiceNumber)!;
  assert.equal(inv.lineItems[0]?.description, 'Soap');
  assert.equal(invoices().filter((x) => x.invoiceNumber === second.start.invoiceNumber).length, 1);
  // Helcim's invoice holds what the second part paid; the first went as a payment alone.
  assert.equal(Math.round(inv.amountPaid * 100), sale.totalCents - 100);
});

test('a lost answer and Helcim unreachable: the part goes alone; the next part finds the invoice by number, never sends it again', async () => {
  const sale = await cart(CASHIER, { lines: [{ kind: 'item', itemId: items.milk!.id, quantityMilli: 3000 }] });
  sim().injectFault({ method: 'POST', path: '/v2/invoices' }, { kind: 'lost' });
  sim().injectFault({ method: 'GET', path: '/v2/invoices' }, { kind: 'status', status: 503 }, 3);
  const first = await terminalPart(sale, 100);
  assert.equal(first.done.state, 'approved');
  const made = invoices().filter((x) => x.lineItems[0]?.description === 'Milk 2%' && x.lineItems[0]?.quantity === 3);
  assert.equal(made.length, 1, 'Helcim made it, the counter did not hear');
  assert.notEqual(first.start.invoiceNumber, made[0]!.invoiceNumber, 'the first part went as a payment alone');
  const second = await terminalPart(sale, sale.totalCents - 100);
  assert.equal(second.start.invoiceNumber, made[0]!.invoiceNumber, 'found by its number, not sent again');
  assert.equal(invoices().filter((x) => x.invoiceNumber === made[0]!.invoiceNumber).length, 1);
  assert.equal(Math.round(invoice(made[0]!.invoiceNumber)!.amountPaid * 100), sale.totalCents - 100);
  assert.ok(
    !core.audit.entries().some((e) => e.action === 'invoice.refused' && e.detail.startsWith(made[0]!.invoiceNumber)),
  );
});

test('a late approval waits while another part of the sale under the same invoice is being settled', async () => {
  const sale = await cart(CASHIER, { lines: [{ kind: 'item', itemId: items.soap!.id, quantityMilli: 2000 }] });
  // Part one: the customer cancels on the terminal, the cashier says so; main keeps watching it.
  const one = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: 300,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  sim().terminalAct('AB12', { action: 'cancel' });
  const cancelled = await ok<TerminalProgress>(CASHIER, 'terminal.cancel', { attemptId: one.attemptId });
  assert.equal(cancelled.state, 'cancelled');
  // Part two, the same amount, under the same invoice: approved at Helcim, not yet looked up.
  const two = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: 300,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  assert.equal(two.invoiceNumber, one.invoiceNumber);
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  await core.terminal.watch(); // part one's late watch runs first
  assert.equal(core.journal.get(one.attemptId)!.state, 'cancelled', 'part two’s approval is not taken for part one');
  clock += LOOKUP_EVERY_MS;
  const done = await ok<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: two.attemptId });
  assert.equal(done.state, 'approved');
  await core.terminal.watch();
  assert.equal(core.journal.get(one.attemptId)!.state, 'cancelled', 'and not after either: the row is part two’s');
});

test('more than 100 lines: Helcim gets one line per department, and the receipt says so', async () => {
  const lines = Array.from({ length: 101 }, (_, i) => ({
    kind: 'item',
    itemId: i % 2 ? items.soap!.id : items.milk!.id,
  }));
  const sale = await cart(CASHIER, { lines });
  const { start, done } = await terminalPart(sale, sale.totalCents);
  assert.equal(done.state, 'approved');
  const inv = invoice(start.invoiceNumber)!;
  assert.deepEqual(inv.lineItems.map((l) => [l.description, l.quantity]).sort(), [
    ['Grocery (51 lines)', 1],
    ['Household (50 lines)', 1],
  ]);
  assert.equal(Math.round(inv.amount * 100), sale.totalCents);
  assert.match(inv.notes, /grouped by department/);
  const r = await ok<Receipt>(CASHIER, 'receipt.get', { attemptId: start.attemptId });
  assert.equal(receiptRows(r).find((x) => x.id === 'invoice')?.value, `${start.invoiceNumber} (grouped by department)`);
});

test('reconciliation: an invoice changed in Helcim after it was made shows in the X; one that matches does not', async () => {
  const sale = await cart(CASHIER, { lines: [{ kind: 'item', itemId: items.milk!.id }] });
  const { start } = await terminalPart(sale, sale.totalCents);
  const clean = await ok<DayReport>(MANAGER, 'report.x', {});
  assert.ok(!(clean.reconciliation.invoices ?? []).some((l) => l.includes(start.invoiceNumber)));
  sim().editInvoice(start.invoiceNumber, sale.totalCents + 1);
  const x = await ok<DayReport>(MANAGER, 'report.x', {});
  assert.ok(
    (x.reconciliation.invoices ?? []).some((l) => l.includes(start.invoiceNumber) && /total differs/.test(l)),
    JSON.stringify(x.reconciliation.invoices),
  );
});

test('reconciliation: what Helcim says an invoice was paid is compared with the card parts the journal took under it', async () => {
  const sale = await cart(CASHIER, { lines: [{ kind: 'item', itemId: items.soap!.id, quantityMilli: 5000 }] });
  const { start } = await terminalPart(sale, sale.totalCents);
  const clean = await ok<DayReport>(MANAGER, 'report.x', {});
  assert.ok(!(clean.reconciliation.invoices ?? []).some((l) => l.includes(start.invoiceNumber)));
  // A payment made at Helcim under the invoice's number that this counter never took (another device, by hand).
  sim().terminal('AB12').pending = { kind: 'purchase', amount: 1, currency: 'CAD', invoiceNumber: start.invoiceNumber };
  sim().terminalAct('AB12', { action: 'approve', card: 'visa' });
  const x = await ok<DayReport>(MANAGER, 'report.x', {});
  assert.ok(
    (x.reconciliation.invoices ?? []).some((l) => l.includes(start.invoiceNumber) && /paid another amount/.test(l)),
    JSON.stringify(x.reconciliation.invoices),
  );
});

test('a cart paid in a card form (HelcimPay.js) pays against the same invoice', async () => {
  const sale = await cart(CASHIER, { lines: [{ kind: 'item', itemId: items.soap!.id, quantityMilli: 3000 }] });
  const r = await call<{ attemptId: string }>(CASHIER, 'purchase.start', {
    amountCents: sale.totalCents,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  assert.equal(codeOf(r), 'ok', JSON.stringify(r));
  const a = core.journal.get(r.ok ? r.value.attemptId : '')!;
  const inv = invoice(a.reference!);
  assert.ok(inv, 'the card form was opened for the invoice’s number');
  assert.equal(Math.round(inv.amount * 100), sale.totalCents);
});
