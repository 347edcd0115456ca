/**
 * Returns by line through the real bridge: main works the amount out from what was sold (never
 * typed), never gives back more of a line than is left (the last part returns exactly the rest of
 * its total), the manager's approval is bound to the lines as well as the amount, and the lines go
 * back through today's money paths — cash handed back, a card refund after settlement, a void of
 * the payment that paid the whole cart. Amounts are worked out by hand in the comments.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, refusalOf } from '../support/bridge-calls';
import { approvalAsk } from '../support/approval-ask';
import { cardFormPays } from '../support/simulated-sale';
import { itemDraft, openDrawerWithFloat } from '../support/cart-shop';
import type {
  CashRefund,
  CheckoutStart,
  ItemView,
  MoneyReturn,
  OverrideApproval,
  ReturnableSale,
  ReturnQuote,
  SaleView,
} from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
const OTHER_WINDOW = 3;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
const { ok, call } = bridgeCalls(() => core);
const items: Record<string, ItemView> = {};
let morgan = '';
let casey = '';

before(async () => {
  t = await testCore('returns-by-line');
  core = t.core;
  casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  items.milk = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('MILK', { priceCents: 4_29 }));
  items.eggs = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('EGGS', { priceCents: 4_29 }));
  items.bread = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('BREAD', { priceCents: 3_50 }));
  items.apples = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('APPLES', { priceCents: 4_39, soldBy: 'kg' }));
  await openDrawerWithFloat(ok, CASHIER, morgan, '135790', 200_00);
});
after(async () => {
  await t.close();
});

/** Milk ×2 ($8.58), eggs ($4.29), bread ($3.50), apples 1.235 kg ($5.42): $21.79, paid in cash. */
async function cashBasket(): Promise<SaleView> {
  const sale = await ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    lines: [
      { kind: 'item', itemId: items.milk!.id, quantityMilli: 2_000 },
      { kind: 'item', itemId: items.eggs!.id },
      { kind: 'item', itemId: items.bread!.id },
      { kind: 'item', itemId: items.apples!.id, quantityMilli: 1_235 },
    ],
  });
  assert.equal(sale.totalCents, 21_79);
  await ok(CASHIER, 'cash.sale', { amountCents: 21_79, tenderedCents: 25_00, currency: 'CAD', saleId: sale.saleId });
  return sale;
}

type Pick = { position: number; quantityMilli: number };
const cashApproval = (saleNumber: string, amountCents: number, lines?: Pick[]) =>
  ok<OverrideApproval>(CASHIER, 'override.approve', {
    ...approvalAsk('cash_refund', saleNumber, amountCents, morgan, '135790'),
    ...(lines ? { lines } : {}),
  });
const cashBack = (saleNumber: string, amountCents: number, approvalId: string, lines?: Pick[]) =>
  call<CashRefund>(CASHIER, 'cash.refund', { saleNumber, amountCents, approvalId, ...(lines ? { lines } : {}) });
const left = async (saleNumber: string) =>
  (await ok<ReturnableSale>(CASHIER, 'returns.lines', { saleNumber })).lines.map((l) => [l.leftMilli, l.leftCents]);
const cashBackTotal = (saleId: string) =>
  core.journal
    .bySale(saleId)
    .filter((a) => a.kind === 'refund')
    .reduce((n, a) => n + a.amountCents, 0);

test('the amount of a return is main’s: a line, part of a weighed line, and the last part is exactly the rest', async () => {
  const sale = await cashBasket();
  const n = String(sale.number);
  const quote = (lines: Pick[]) => ok<ReturnQuote>(CASHIER, 'returns.quote', { saleNumber: n, lines });
  assert.equal((await quote([{ position: 1, quantityMilli: 1_000 }])).amountCents, 4_29, 'one milk of two');
  assert.equal((await quote([{ position: 1, quantityMilli: 2_000 }])).amountCents, 8_58, 'both milks');
  // Half a kilogram of apples at $4.39/kg: 219.5¢ → 220¢ (the line rule, half up).
  assert.equal((await quote([{ position: 4, quantityMilli: 500 }])).amountCents, 2_20);
  const both = await quote([
    { position: 3, quantityMilli: 1_000 },
    { position: 1, quantityMilli: 1_000 },
  ]);
  assert.deepEqual([both.amountCents, both.lines.map((l) => l.cents)], [7_79, [3_50, 4_29]]);

  // 0.500 kg back ($2.20), then the other 0.735 kg: $5.42 − $2.20 = $3.22 (not 0.735 × 4.39 = $3.23).
  const half = [{ position: 4, quantityMilli: 500 }];
  const a = await cashApproval(n, 2_20, half);
  assert.equal(codeOf(await cashBack(n, 2_20, a.approvalId, half)), 'ok');
  const rest = await quote([{ position: 4, quantityMilli: 735 }]);
  assert.equal(rest.amountCents, 3_22);
  const b = await cashApproval(n, 3_22, [{ position: 4, quantityMilli: 735 }]);
  assert.equal(codeOf(await cashBack(n, 3_22, b.approvalId, [{ position: 4, quantityMilli: 735 }])), 'ok');
  assert.deepEqual((await left(n))[3], [0, 0], 'the apples are all back, to the cent');
  assert.equal(cashBackTotal(sale.saleId), 5_42, 'all the returns of the line give back its total');
});

test('never more of a line than is left; never part of a piece; each line once; a line the sale has', async () => {
  const sale = await cashBasket();
  const n = String(sale.number);
  const a = await cashApproval(n, 4_29, [{ position: 1, quantityMilli: 1_000 }]);
  assert.equal(codeOf(await cashBack(n, 4_29, a.approvalId, [{ position: 1, quantityMilli: 1_000 }])), 'ok');
  assert.deepEqual((await left(n))[0], [1_000, 4_29]);
  const quote = (lines: Pick[]) => call<ReturnQuote>(CASHIER, 'returns.quote', { saleNumber: n, lines });
  assert.match(refusalOf(await quote([{ position: 1, quantityMilli: 2_000 }])), /more than is left/);
  assert.equal(codeOf(await quote([{ position: 1, quantityMilli: 1_000 }])), 'ok', 'the one left is fine');
  assert.match(refusalOf(await quote([{ position: 2, quantityMilli: 500 }])), /whole pieces/);
  assert.match(
    refusalOf(
      await quote([
        { position: 2, quantityMilli: 1_000 },
        { position: 2, quantityMilli: 1_000 },
      ]),
    ),
    /picked twice/,
  );
  assert.match(refusalOf(await quote([{ position: 5, quantityMilli: 1_000 }])), /Line 5 is not on this sale/);
  // Asking for the milk already back: refused at the till, with nothing handed back.
  const before = cashBackTotal(sale.saleId);
  const again = await cashApproval(n, 8_58, [{ position: 1, quantityMilli: 2_000 }]);
  assert.match(
    refusalOf(await cashBack(n, 8_58, again.approvalId, [{ position: 1, quantityMilli: 2_000 }])),
    /more than is left/,
  );
  assert.equal(cashBackTotal(sale.saleId), before);
});

test('the approval is bound to the lines: other lines of the same amount, no lines, or lines for an amount-only approval are refused', async () => {
  const sale = await cashBasket();
  const n = String(sale.number);
  const milk = [{ position: 1, quantityMilli: 1_000 }];
  const eggs = [{ position: 2, quantityMilli: 1_000 }];
  const before = cashBackTotal(sale.saleId);
  // Milk and eggs cost the same $4.29: an approval for the milk does not return the eggs.
  const forMilk = await cashApproval(n, 4_29, milk);
  assert.equal(codeOf(await cashBack(n, 4_29, forMilk.approvalId, eggs)), 'forbidden');
  const forMilk2 = await cashApproval(n, 4_29, milk);
  assert.equal(codeOf(await cashBack(n, 4_29, forMilk2.approvalId)), 'forbidden', 'lines approved, none sent');
  const amountOnly = await cashApproval(n, 4_29);
  assert.equal(codeOf(await cashBack(n, 4_29, amountOnly.approvalId, milk)), 'forbidden', 'no lines approved');
  const twoMilks = await cashApproval(n, 4_29, [{ position: 1, quantityMilli: 2_000 }]);
  assert.equal(codeOf(await cashBack(n, 4_29, twoMilks.approvalId, milk)), 'forbidden', 'another quantity');
  assert.equal(cashBackTotal(sale.saleId), before, 'nothing handed back');
  // A typed amount that is not what the lines come to: said, with main's figure.
  const wrong = await cashApproval(n, 4_30, milk);
  assert.match(refusalOf(await cashBack(n, 4_30, wrong.approvalId, milk)), /come to \$4\.29/);
  assert.equal(cashBackTotal(sale.saleId), before);
  const right = await cashApproval(n, 4_29, milk);
  assert.equal(codeOf(await cashBack(n, 4_29, right.approvalId, milk)), 'ok');
  assert.ok(core.audit.entries().some((e) => e.action === 'override.approved' && e.detail.includes(`lines 1:1000 by`)));
});

/** A cart paid by card through the app (the card form at the simulator); returns the sale and Helcim's id. */
async function cardBasket(lines: unknown[]): Promise<{ sale: SaleView; transactionId: string }> {
  const sale = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines });
  const s = await ok<CheckoutStart>(CASHIER, 'purchase.start', {
    amountCents: sale.totalCents,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  const f = await cardFormPays(
    core.simulator!,
    (op, payload) => call(CASHIER, op, payload),
    s,
    '4124939999999990',
    'Lines',
  );
  assert.equal(f.outcome, 'approved');
  return { sale: await ok<SaleView>(CASHIER, 'sale.get', { saleId: sale.saleId }), transactionId: f.transactionId! };
}

test('a card refund by line after settlement: the line’s amount goes back to the card, and it is no longer left', async () => {
  // Bread $3.50 + milk ×2 $8.58 = $12.08.
  const { sale, transactionId } = await cardBasket([
    { kind: 'item', itemId: items.bread!.id },
    { kind: 'item', itemId: items.milk!.id, quantityMilli: 2_000 },
  ]);
  core.simulator!.closeBatch();
  const byCard = await ok<ReturnableSale>(CASHIER, 'returns.lines', { transactionId });
  assert.equal(byCard.saleNumber, String(sale.number), 'the card payment finds its sale');
  const milk = [{ position: 2, quantityMilli: 1_000 }];
  const a = await ok<OverrideApproval>(CASHIER, 'override.approve', {
    ...approvalAsk('refund', transactionId, 4_29, morgan, '135790'),
    lines: milk,
  });
  const r = await ok<MoneyReturn>(CASHIER, 'refund.submit', {
    transactionId,
    amountCents: 4_29,
    approvalId: a.approvalId,
    lines: milk,
  });
  assert.equal(r.outcome, 'approved');
  const back = core.simulator!.transactions().filter((x) => x.originalTransactionId === Number(transactionId));
  assert.deepEqual(
    back.map((x) => [x.type, x.amount]),
    [['refund', 4.29]],
  );
  assert.deepEqual(
    (await left(String(sale.number))).map(([m]) => m),
    [1_000, 1_000],
  );
});

test('a void of the payment that paid the whole cart gives every line back', async () => {
  const { sale, transactionId } = await cardBasket([
    { kind: 'item', itemId: items.eggs!.id },
    { kind: 'item', itemId: items.apples!.id, quantityMilli: 500 },
  ]);
  // Eggs $4.29 + 0.500 kg apples $2.20 = $6.49, voided while the batch is open.
  const a = await ok<OverrideApproval>(
    CASHIER,
    'override.approve',
    approvalAsk('reverse', transactionId, 6_49, morgan, '135790'),
  );
  const v = await ok<MoneyReturn>(CASHIER, 'reverse.submit', { transactionId, approvalId: a.approvalId });
  assert.equal(v.outcome, 'approved');
  assert.deepEqual(await left(String(sale.number)), [
    [0, 0],
    [0, 0],
  ]);
  // A typed total has no lines to return: an amount is given back instead.
  const typed = await ok<{ sale: SaleView }>(CASHIER, 'cash.sale', {
    amountCents: 5_00,
    tenderedCents: 5_00,
    currency: 'CAD',
  });
  assert.match(
    refusalOf(await call(CASHIER, 'returns.lines', { saleNumber: String(typed.sale.number) })),
    /not of a sale with items/,
  );
});

/** Two refunds of the same payment sent at the same moment from two windows, each with its approval. */
async function twoAtOnce(transactionId: string, one: { lines: Pick[]; cents: number }, two: typeof one) {
  const ask = (w: number, x: typeof one) =>
    ok<OverrideApproval>(w, 'override.approve', {
      ...approvalAsk('refund', transactionId, x.cents, morgan, '135790'),
      lines: x.lines,
    });
  const [a, b] = [await ask(CASHIER, one), await ask(OTHER_WINDOW, two)];
  const send = (w: number, approvalId: string, x: typeof one) =>
    call<MoneyReturn>(w, 'refund.submit', { transactionId, amountCents: x.cents, approvalId, lines: x.lines });
  return Promise.all([send(CASHIER, a.approvalId, one), send(OTHER_WINDOW, b.approvalId, two)]);
}
const refundedOf = (transactionId: string) =>
  core
    .simulator!.transactions()
    .filter((x) => x.originalTransactionId === Number(transactionId))
    .map((x) => x.amount);

test('two refunds of the same line at once: one goes through, the other is refused before it is sent', async () => {
  // Apples 3 kg $13.17, milk $4.29 and bread $3.50 = $20.96 by card, settled. The payment has
  // enough left for any two of these refunds: only the lines stop the second.
  const { sale, transactionId } = await cardBasket([
    { kind: 'item', itemId: items.apples!.id, quantityMilli: 3_000 },
    { kind: 'item', itemId: items.milk!.id },
    { kind: 'item', itemId: items.bread!.id },
  ]);
  core.simulator!.closeBatch();
  // Each window its own session (a window's calls are taken in turn; two windows' are not).
  await ok(OTHER_WINDOW, 'session.signIn', { staffId: casey, pin: '2468' });
  const milk = { lines: [{ position: 2, quantityMilli: 1_000 }], cents: 4_29 };
  const both = await twoAtOnce(transactionId, milk, milk);
  assert.deepEqual(both.map(codeOf).sort(), ['invalid_payload', 'ok']);
  assert.match(refusalOf(both.find((r) => !r.ok)!), /more than is left/);
  assert.deepEqual(refundedOf(transactionId), [4.29], 'one refund of the milk reached Helcim');
  // Half the apples (1.500 kg: $6.585 → $6.59) and the other half asked at once: by its own rule
  // the second half is $6.59 too, but once the first is back it is the rest of the line, $13.17 −
  // $6.59 = $6.58 — so the one that comes second is refused with what it comes to now.
  const half = { lines: [{ position: 1, quantityMilli: 1_500 }], cents: 6_59 };
  const halves = await twoAtOnce(transactionId, half, half);
  assert.deepEqual(halves.map(codeOf).sort(), ['invalid_payload', 'ok']);
  assert.match(refusalOf(halves.find((r) => !r.ok)!), /come to \$6\.58/);
  assert.deepEqual(refundedOf(transactionId), [4.29, 6.59]);
  assert.deepEqual((await left(String(sale.number)))[0], [1_500, 6_58]);
});
