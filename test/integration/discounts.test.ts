/**
 * Discounts and price overrides through the real bridge (issue 28 part 4): the manager keeps the
 * reasons and the cashier's limit; a cashier gives up to it alone and above it only with a manager's
 * approval bound to the sale, the line and the cents (one negative test per bound value); the approval
 * stays with the sale as the cart changes, up to the cents approved; tax is computed after discounts;
 * the screen's view, the receipt, the customer display, a return and the X report show the same cents.
 * Amounts are worked out by hand in the comments.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, messageOf, refusalOf } from '../support/bridge-calls';
import { approvalAsk } from '../support/approval-ask';
import { itemDraft, openDrawerWithFloat } from '../support/cart-shop';
import { receiptRows } from '../../common/i18n/receipt';
import type {
  CartLine,
  DayReport,
  DiscountQuote,
  DiscountSettings,
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

const SETTINGS: DiscountSettings = {
  cashierLimitBasisPoints: 1_000,
  reasons: [
    { id: 'damaged', name: { en: 'Damaged item', fr: 'Article abîmé' } },
    { id: 'staff', name: { en: 'Staff', fr: 'Personnel' } },
  ],
};
const ALBERTA: TaxSettings = {
  jurisdiction: 'AB',
  pricesInclude: false,
  usRateMillionths: 0,
  usCashRounding: false,
  legalName: '',
  gstHstNumber: '',
  qstNumber: '',
};

before(async () => {
  t = await testCore('discounts');
  core = t.core;
  const casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  items.lamp = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('LAMP', { priceCents: 10_00 }));
  items.mug = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('MUG', { priceCents: 3_50 }));
  await ok(MANAGER, 'settings.setDiscounts', SETTINGS);
  await openDrawerWithFloat(ok, CASHIER, morgan, '135790', 200_00);
});
after(async () => {
  await t.close();
});

type Ask = { saleId?: string; lines: CartLine[]; discount?: unknown; approvalId?: string };
const cartAs = (w: number, a: Ask) => call<SaleView>(w, 'sale.cart', { currency: 'CAD', ...a });
const quoteOf = (a: Ask & { saleId: string }) =>
  ok<DiscountQuote>(CASHIER, 'sale.discountQuote', {
    currency: 'CAD',
    lines: a.lines,
    ...(a.discount ? { discount: a.discount } : {}),
    saleId: a.saleId,
  });
const lamp = (discount?: unknown, quantityMilli?: number): CartLine =>
  ({
    kind: 'item',
    itemId: items.lamp!.id,
    ...(quantityMilli ? { quantityMilli } : {}),
    ...(discount ? { discount } : {}),
  }) as CartLine;
const mug = (discount?: unknown): CartLine =>
  ({ kind: 'item', itemId: items.mug!.id, ...(discount ? { discount } : {}) }) as CartLine;
const off = (cents: number, reasonId = 'damaged') => ({ kind: 'amount', cents, reasonId });
const approve = (saleNumber: number, cents: number, lines?: { position: number; quantityMilli: number }[]) =>
  ok<OverrideApproval>(CASHIER, 'override.approve', {
    ...approvalAsk('discount', String(saleNumber), cents, morgan, '135790'),
    ...(lines ? { lines } : {}),
  });
const rowsOf = (s: SaleView) =>
  core.db.prepare('SELECT COUNT(*) AS n FROM sale_discounts WHERE sale_id = ?').get(s.saleId) as { n: number };

test('the manager keeps the reasons and the limit; a cashier reads them and may not change them', async () => {
  assert.equal(codeOf(await call(CASHIER, 'settings.setDiscounts', SETTINGS)), 'forbidden');
  assert.deepEqual(await ok<DiscountSettings>(CASHIER, 'settings.discounts', {}), SETTINGS);
  assert.match(
    refusalOf(
      await call(MANAGER, 'settings.setDiscounts', {
        ...SETTINGS,
        reasons: [SETTINGS.reasons[0], SETTINGS.reasons[0]],
      }),
    ),
    /each reason once/,
  );
  assert.equal(
    codeOf(await call(MANAGER, 'settings.setDiscounts', { ...SETTINGS, cashierLimitBasisPoints: 10_001 })),
    'invalid_payload',
  );
  assert.ok(
    core.audit
      .entries()
      .some((e) => e.action === 'settings.discounts' && e.detail === 'cashier limit 1000 bp, reasons damaged, staff'),
  );
});

test('a cashier gives up to the limit alone: $1.00 off a $10.00 lamp at 10 %, and tax is on the $9.00', async () => {
  await ok(MANAGER, 'settings.setTax', ALBERTA);
  const first = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp()] });
  const s = await ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    saleId: first.saleId,
    lines: [lamp(off(1_00))],
  });
  const l = s.lines[0]!;
  assert.deepEqual(
    [l.lineTotalCents, l.discountCents, l.discount?.cents, l.discount?.approvedBy],
    [10_00, 1_00, 1_00, null],
  );
  // GST 5 % of $9.00 = 45¢.
  assert.deepEqual([s.subtotalCents, s.taxes[0]!.taxCents, s.totalCents, s.discountsCents], [9_00, 45, 9_45, 1_00]);
  assert.equal(core.customerView().discountsCents, 1_00);
  assert.equal(core.customerView().lines[0]!.discountCents, 1_00);
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
  await ok(MANAGER, 'settings.setTax', { ...ALBERTA, jurisdiction: null });
});

test('one cent above the limit needs a manager: refused, nothing written; the quote says so for that line only', async () => {
  const s = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp(), mug()] });
  const q = await quoteOf({ saleId: s.saleId, lines: [lamp(off(1_01)), mug(off(35))] });
  assert.deepEqual(
    q.discounts.map((d) => [d.position, d.quantityMilli, d.cents, d.needsManager]),
    [
      [1, 1_000, 1_01, true],
      [2, 1_000, 35, false],
    ],
  );
  assert.equal(q.saleNumber, s.number);
  const r = await cartAs(CASHIER, { saleId: s.saleId, lines: [lamp(off(1_01))] });
  assert.equal(codeOf(r), 'forbidden');
  assert.match(messageOf(r), /above what a cashier may give alone/);
  const kept = await ok<SaleView>(CASHIER, 'sale.get', { saleId: s.saleId });
  assert.deepEqual([kept.totalCents, kept.lines.length, rowsOf(s).n], [13_50, 2, 0]);
  // A percent: 10 % is the limit; 10.01 % of $10.00 = 100.1¢ → $1.00, still within it; 10.05 % = 100.5¢ → $1.01, not.
  assert.equal(
    codeOf(
      await cartAs(CASHIER, {
        saleId: s.saleId,
        lines: [lamp({ kind: 'percent', basisPoints: 1_001, reasonId: 'damaged' })],
      }),
    ),
    'ok',
  );
  assert.equal(
    codeOf(
      await cartAs(CASHIER, {
        saleId: s.saleId,
        lines: [lamp({ kind: 'percent', basisPoints: 1_005, reasonId: 'damaged' })],
      }),
    ),
    'forbidden',
  );
  // A price override: $9.00 is $1.00 off (within), $8.99 is $1.01 (not).
  assert.equal(
    codeOf(
      await cartAs(CASHIER, {
        saleId: s.saleId,
        lines: [lamp({ kind: 'price', unitPriceCents: 9_00, reasonId: 'damaged' })],
      }),
    ),
    'ok',
  );
  assert.equal(
    codeOf(
      await cartAs(CASHIER, {
        saleId: s.saleId,
        lines: [lamp({ kind: 'price', unitPriceCents: 8_99, reasonId: 'damaged' })],
      }),
    ),
    'forbidden',
  );
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
});

test('the approval is bound to the sale, the line, the line’s quantity and the cents: each other value is refused', async () => {
  const s = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp(), mug()] });
  const other = await ok<SaleView>(MANAGER, 'sale.cart', { currency: 'CAD', lines: [mug()] });
  const want = [lamp(off(3_00)), mug()];
  const line1 = [{ position: 1, quantityMilli: 1_000 }];
  const tries: [string, () => Promise<OverrideApproval>][] = [
    ['another sale', () => approve(other.number, 3_00, line1)],
    ['another amount', () => approve(s.number, 2_99, line1)],
    ['another line', () => approve(s.number, 3_00, [{ position: 2, quantityMilli: 1_000 }])],
    ['another quantity', () => approve(s.number, 3_00, [{ position: 1, quantityMilli: 2_000 }])],
    ['the sale’s own discount', () => approve(s.number, 3_00)],
  ];
  for (const [what, get] of tries) {
    const a = await get();
    const r = await cartAs(CASHIER, { saleId: s.saleId, lines: want, approvalId: a.approvalId });
    assert.equal(codeOf(r), 'forbidden', what);
    assert.equal((await ok<SaleView>(CASHIER, 'sale.get', { saleId: s.saleId })).lines[0]!.discountCents, 0, what);
  }
  // Another action's approval for the same sale and amount opens nothing either.
  const abandon = await ok<OverrideApproval>(
    CASHIER,
    'override.approve',
    approvalAsk('abandon', String(s.number), 3_00, morgan, '135790'),
  );
  assert.equal(
    codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines: want, approvalId: abandon.approvalId })),
    'forbidden',
  );
  const a = await approve(s.number, 3_00, line1);
  const done = await ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    saleId: s.saleId,
    lines: want,
    approvalId: a.approvalId,
  });
  assert.deepEqual(
    [done.lines[0]!.discountCents, done.lines[0]!.discount?.approvedBy, done.totalCents],
    [3_00, 'Morgan', 10_50],
  );
  // Used once: the same approval again is gone.
  const again = await cartAs(CASHIER, { saleId: s.saleId, lines: [lamp(off(3_01)), mug()], approvalId: a.approvalId });
  assert.equal(codeOf(again), 'forbidden');
  assert.ok(
    core.audit
      .entries()
      .some((e) => e.action === 'discount.approved' && e.detail === `sale ${s.number} line 1 300 by ${morgan}`),
  );
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
  await ok(MANAGER, 'sale.discard', { saleId: other.saleId });
});

test('an approved discount stays as the cart changes, up to the cents approved; more needs the manager again', async () => {
  const s = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp()] });
  const pct = { kind: 'percent', basisPoints: 2_000, reasonId: 'staff' };
  const a = await approve(s.number, 2_00, [{ position: 1, quantityMilli: 1_000 }]);
  await ok(CASHIER, 'sale.cart', { currency: 'CAD', saleId: s.saleId, lines: [lamp(pct)], approvalId: a.approvalId });
  // A mug scanned in front of the lamp: the lamp moves to line 2, its approval with it.
  const moved = await ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    saleId: s.saleId,
    lines: [mug(), lamp(pct)],
  });
  assert.deepEqual([moved.lines[1]!.discountCents, moved.lines[1]!.discount?.approvedBy], [2_00, 'Morgan']);
  // Two lamps at 20 %: $4.00 is more than the $2.00 approved.
  const more = await cartAs(CASHIER, { saleId: s.saleId, lines: [mug(), lamp(pct, 2_000)] });
  assert.equal(codeOf(more), 'forbidden');
  // Another reason is another discount: not approved.
  assert.equal(
    codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines: [mug(), lamp({ ...pct, reasonId: 'damaged' })] })),
    'forbidden',
  );
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
});

test('the sale’s own discount: shared among the lines, within what the cashier has left of the limit', async () => {
  await ok(MANAGER, 'settings.setTax', ALBERTA);
  const s = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp(), mug()] });
  // $13.50 in all: the cashier may give $1.35; with 50¢ on the lamp, $0.85 is left for the sale's.
  const lines = [lamp(off(50)), mug()];
  assert.equal(codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines, discount: off(86) })), 'forbidden');
  const done = await ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    saleId: s.saleId,
    lines,
    discount: off(85),
  });
  // 85¢ over $9.50 and $3.50: 62.1¢ and 22.9¢ → 62¢ and 23¢ (the larger remainder takes the odd cent).
  assert.deepEqual(
    done.lines.map((l) => l.discountCents),
    [50 + 62, 23],
  );
  assert.deepEqual([done.discount?.cents, done.discountsCents, done.subtotalCents], [85, 1_35, 12_15]);
  // GST 5 % of $12.15 = 60.75¢ → 61¢.
  assert.deepEqual([done.taxes[0]!.taxCents, done.totalCents], [61, 12_76]);
  // A new price is for a line only.
  assert.equal(
    codeOf(
      await cartAs(CASHIER, {
        saleId: s.saleId,
        lines,
        discount: { kind: 'price', unitPriceCents: 1, reasonId: 'damaged' },
      }),
    ),
    'invalid_payload',
  );
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
  await ok(MANAGER, 'settings.setTax', { ...ALBERTA, jurisdiction: null });
});

test('a manager signed in gives any discount; a reason not on the list is refused for anyone', async () => {
  await ok(MANAGER, 'settings.setTax', { ...ALBERTA, jurisdiction: null });
  const s = await ok<SaleView>(MANAGER, 'sale.cart', { currency: 'CAD', lines: [lamp(off(9_00))] });
  assert.deepEqual([s.totalCents, s.lines[0]!.discount?.approvedBy], [1_00, null]);
  assert.match(
    refusalOf(await cartAs(MANAGER, { saleId: s.saleId, lines: [lamp(off(1, 'birthday'))] })),
    /not on the list/,
  );
  assert.equal(codeOf(await cartAs(MANAGER, { saleId: s.saleId, lines: [lamp(off(10_01))] })), 'invalid_payload');
  await ok(MANAGER, 'sale.discard', { saleId: s.saleId });
});

test('paid: the receipt lists each discount with its reason and approver, a return gives back what was paid, the X report sums them', async () => {
  await ok(MANAGER, 'settings.setTax', ALBERTA);
  const s = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp(), mug()] });
  const a = await approve(s.number, 5_00, [{ position: 1, quantityMilli: 1_000 }]);
  const sale = await ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    saleId: s.saleId,
    lines: [lamp(off(5_00)), mug()],
    discount: { kind: 'percent', basisPoints: 500, reasonId: 'staff' },
    approvalId: a.approvalId,
  });
  // Lines after their own: $5.00 + $3.50 = $8.50; 5 % = 42.5¢ → 43¢ (allowance $1.35 − 0 within the cashier's: the $5.00 was the manager's).
  // Shares: 43 × 500/850 = 25.29 → 25, 43 × 350/850 = 17.71 → 18. Subtotal $8.07, GST 40.35¢ → 40¢, total $8.47.
  assert.deepEqual(
    [sale.discount?.cents, sale.lines.map((l) => l.discountCents), sale.subtotalCents, sale.totalCents],
    [43, [5_25, 18], 8_07, 8_47],
  );
  await ok(CASHIER, 'cash.sale', { amountCents: 8_47, tenderedCents: 10_00, currency: 'CAD', saleId: sale.saleId });
  const receipt = await ok<Receipt>(CASHIER, 'receipt.get', { attemptId: core.journal.list(1)[0]!.id });
  const rows = receiptRows(receipt).filter((r) => r.value !== undefined);
  const byId = (id: string) => rows.filter((r) => r.id === id).map((r) => `${r.label}: ${r.value}`);
  assert.deepEqual(byId('line-discount'), ['Damaged item: $5.00 off (approved by Morgan): −$5.00']);
  assert.deepEqual(byId('sale-discount'), ['Sale discount (Staff: 5 % off): −$0.43']);
  assert.deepEqual(byId('subtotal'), ['Subtotal: $8.07']);
  const fr = receiptRows({ ...receipt, locale: 'fr-CA' }).filter((r) => r.id === 'sale-discount');
  assert.equal(fr[0]!.label, 'Rabais sur la vente (Personnel : 5 % de rabais)');
  // The lamp back: what it was paid ($4.75) and its share of the GST (40¢ × 475/807 = 23.5¢ → 24¢).
  const back = await ok<ReturnQuote>(CASHIER, 'returns.quote', {
    saleNumber: String(sale.number),
    lines: [{ position: 1, quantityMilli: 1_000 }],
  });
  assert.deepEqual([back.lines[0]!.cents, back.taxCents, back.amountCents], [4_75, 24, 4_99]);
  const x = await ok<DayReport>(MANAGER, 'report.x', {});
  assert.deepEqual(
    x.discountsByReason?.map((l) => [l.key, l.count, l.cents, l.names?.fr]),
    [
      ['damaged', 1, 5_00, 'Article abîmé'],
      ['staff', 1, 43, 'Personnel'],
    ],
  );
  assert.deepEqual(
    x.discountsByCashier?.map((l) => [l.key, l.count, l.cents]),
    [['Casey', 2, 5_43]],
  );
  await ok(MANAGER, 'settings.setTax', { ...ALBERTA, jurisdiction: null });
});

test('an approval covers the discount it was for: not another percent, kind, reason, item or the sale’s; a quote knows it', async () => {
  const s = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp(), mug()] });
  const pct = (basisPoints: number, reasonId = 'staff') => ({ kind: 'percent', basisPoints, reasonId });
  const a = await approve(s.number, 2_00, [{ position: 1, quantityMilli: 1_000 }]);
  await ok(CASHIER, 'sale.cart', {
    currency: 'CAD',
    saleId: s.saleId,
    lines: [lamp(pct(2_000)), mug()],
    approvalId: a.approvalId,
  });
  const row = core.db
    .prepare(
      'SELECT approved_by_id, approved_by_name, cashier_name FROM sale_discounts WHERE sale_id = ? AND position = 1',
    )
    .get(s.saleId);
  assert.deepEqual(row, { approved_by_id: morgan, approved_by_name: 'Morgan', cashier_name: 'Casey' });
  // The quote knows the approval: the same discount needs no one now.
  const q = await quoteOf({ saleId: s.saleId, lines: [lamp(pct(2_000)), mug()] });
  assert.deepEqual(
    q.discounts.map((d) => d.needsManager),
    [false],
  );
  const refused: [string, CartLine[]][] = [
    ['a lower percent is another discount', [lamp(pct(1_500)), mug()]],
    ['the same cents as an amount', [lamp(off(2_00, 'staff')), mug()]],
    ['another reason', [lamp(pct(2_000, 'damaged')), mug()]],
    ['another item (the mug at 20 %: 70¢, under the $2.00 approved)', [lamp(), mug(pct(2_000))]],
  ];
  for (const [what, lines] of refused)
    assert.equal(codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines })), 'forbidden', what);
  // A manager's own quote needs no one, whatever the amount.
  const mine = await ok<DiscountQuote>(MANAGER, 'sale.discountQuote', {
    saleId: s.saleId,
    currency: 'CAD',
    lines: [lamp(off(9_00)), mug()],
  });
  assert.deepEqual(
    mine.discounts.map((d) => d.needsManager),
    [false],
  );
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
});

test('the sale’s own discount above the limit: approved without lines, kept for that ask only; two at once are refused', async () => {
  const s = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp(), mug()] });
  const lines = [lamp(), mug()];
  const a = await approve(s.number, 3_00);
  const done = await ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    saleId: s.saleId,
    lines,
    discount: off(3_00),
    approvalId: a.approvalId,
  });
  assert.deepEqual([done.discount?.cents, done.discount?.approvedBy, done.totalCents], [3_00, 'Morgan', 10_50]);
  assert.ok(
    core.audit
      .entries()
      .some((e) => e.action === 'discount.approved' && e.detail === `sale ${s.number} sale 300 by ${morgan}`),
  );
  // Kept as the cart is sent again; another reason for the same $3.00 is another discount.
  assert.equal(codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines, discount: off(3_00) })), 'ok');
  assert.equal(codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines, discount: off(3_00, 'staff') })), 'forbidden');
  // A line above its limit and the sale's above what is left, both new: one at a time.
  const both = await cartAs(CASHIER, {
    saleId: s.saleId,
    lines: [lamp(off(2_00)), mug()],
    discount: off(3_00, 'staff'),
  });
  assert.equal(codeOf(both), 'forbidden');
  assert.match(messageOf(both), /one discount at a time/);
  // With a manager's approval for one of them, the other is still not given: refused, nothing written.
  const one = await approve(s.number, 2_00, [{ position: 1, quantityMilli: 1_000 }]);
  const withOne = await cartAs(CASHIER, {
    saleId: s.saleId,
    lines: [lamp(off(2_00)), mug()],
    discount: off(3_00, 'staff'),
    approvalId: one.approvalId,
  });
  assert.match(messageOf(withOne), /one discount at a time/);
  assert.equal((await ok<SaleView>(CASHIER, 'sale.get', { saleId: s.saleId })).discount?.reasonId, 'damaged');
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
});

test('a line discount exactly at its limit uses the cashier’s budget for the sale’s discount; one cent more is the manager’s', async () => {
  const s = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp(), mug()] });
  // $13.50: $1.35 in all; $1.00 on the lamp (its own limit, exactly) leaves 35¢ for the sale's.
  const lines = [lamp(off(1_00)), mug()];
  assert.equal(codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines, discount: off(36) })), 'forbidden');
  assert.equal(codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines, discount: off(35) })), 'ok');
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
});

test('an approved amount or new price covers that ask only, not a smaller one; the quote asks again for more or for another', async () => {
  const s = await ok<SaleView>(CASHIER, 'sale.cart', { currency: 'CAD', lines: [lamp(), mug()] });
  const line1 = [{ position: 1, quantityMilli: 1_000 }];
  const a = await approve(s.number, 3_00, line1);
  await ok(CASHIER, 'sale.cart', {
    currency: 'CAD',
    saleId: s.saleId,
    lines: [lamp(off(3_00)), mug()],
    approvalId: a.approvalId,
  });
  assert.equal(codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines: [lamp(off(2_50)), mug()] })), 'forbidden');
  const price = (unitPriceCents: number) => ({ kind: 'price', unitPriceCents, reasonId: 'damaged' });
  const b = await approve(s.number, 3_00, line1);
  await ok(CASHIER, 'sale.cart', {
    currency: 'CAD',
    saleId: s.saleId,
    lines: [lamp(price(7_00)), mug()],
    approvalId: b.approvalId,
  });
  assert.equal(codeOf(await cartAs(CASHIER, { saleId: s.saleId, lines: [lamp(price(7_50)), mug()] })), 'forbidden');
  // The quote: the approved ask needs no one; the same ask for more (two lamps) and another ask do.
  const q = await quoteOf({ saleId: s.saleId, lines: [lamp(price(7_00)), mug()], discount: off(2_00) });
  assert.deepEqual(
    q.discounts.map((d) => [d.position, d.cents, d.needsManager]),
    [
      [1, 3_00, false],
      [0, 2_00, true],
    ],
  );
  const more = await quoteOf({ saleId: s.saleId, lines: [lamp(price(7_00), 2_000), mug()] });
  assert.deepEqual(
    more.discounts.map((d) => [d.cents, d.needsManager]),
    [[6_00, true]],
  );
  const other = await quoteOf({ saleId: s.saleId, lines: [lamp(price(7_01)), mug()] });
  assert.deepEqual(
    other.discounts.map((d) => [d.cents, d.needsManager]),
    [[2_99, true]],
  );
  await ok(CASHIER, 'sale.discard', { saleId: s.saleId });
});
