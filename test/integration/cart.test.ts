/**
 * The cart through the real bridge: main prices every line from the catalog (the screen sends what
 * was picked, never a price for an item that has one, never a total), a scale label is read again in
 * main, the lines change until the first tender and not after, and a tender pays the cart's total
 * exactly as it pays a typed total. Expected totals are worked out by hand in the comments.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, refusalOf } from '../support/bridge-calls';
import { itemDraft, openDrawerWithFloat } from '../support/cart-shop';
import type { CashSale, ItemView, Receipt, SaleView } from '../../common/contract';
import { receiptRows } from '../../common/i18n/receipt';
import { receiptHtml } from '../../main/reports/render';
import { receiptBytes } from '../../main/hardware/escpos';

const CASHIER = 1;
const MANAGER = 2;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
const { ok, call } = bridgeCalls(() => core);
const items: Record<string, ItemView> = {};

before(async () => {
  t = await testCore('cart');
  core = t.core;
  const casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  const morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  items.milk = await ok<ItemView>(
    MANAGER,
    'catalog.add',
    itemDraft('MILK', { priceCents: 4_29, barcodes: ['036000241457'] }),
  );
  items.apples = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('APPLES', { priceCents: 4_39, soldBy: 'kg' }));
  // Sold by its scale label: any label of it stores the item's key (this one printed at $2.99).
  items.ham = await ok<ItemView>(
    MANAGER,
    'catalog.add',
    itemDraft('HAM', { priceCents: null, soldBy: 'kg', barcodes: ['212345602997'] }),
  );
  items.flowers = await ok<ItemView>(MANAGER, 'catalog.add', itemDraft('FLOWERS', { priceCents: null }));
  // A float, so cash can be taken.
  await openDrawerWithFloat(ok, CASHIER, morgan, '135790', 100_00);
});
after(async () => {
  await t.close();
});

const cart = (lines: unknown[], saleId?: string) =>
  call<SaleView>(CASHIER, 'sale.cart', { ...(saleId ? { saleId } : {}), currency: 'CAD', lines });

test(
  'three items and a weighed one: main prices each line and the sale’s total is their sum',
  { timeout: 30_000 },
  async () => {
    // Milk ×2 at $4.29 = $8.58; apples 1.235 kg at $4.39/kg = 542.165¢ -> $5.42;
    // ham by its label 2 12345 9 0417 6 ($4.17); flowers at a typed $12.00; total $30.17.
    const r = await cart([
      { kind: 'item', itemId: items.milk!.id, quantityMilli: 2_000 },
      { kind: 'item', itemId: items.apples!.id, quantityMilli: 1_235 },
      { kind: 'item', itemId: items.ham!.id, label: '212345904176' },
      { kind: 'item', itemId: items.flowers!.id, priceCents: 12_00 },
    ]);
    assert.ok(r.ok, JSON.stringify(r));
    const sale = r.value;
    assert.deepEqual(
      sale.lines.map((l) => [l.position, l.sku, l.quantityMilli, l.unitPriceCents, l.lineTotalCents]),
      [
        [1, 'MILK', 2_000, 4_29, 8_58],
        [2, 'APPLES', 1_235, 4_39, 5_42],
        [3, 'HAM', 1_000, 4_17, 4_17],
        [4, 'FLOWERS', 1_000, 12_00, 12_00],
      ],
    );
    assert.equal(sale.totalCents, 30_17);
    assert.equal(sale.dueCents, 30_17);
    assert.equal(sale.state, 'open');
    // The tender takes the cart's total as it takes a typed one.
    const paid = await ok<CashSale>(CASHIER, 'cash.sale', {
      amountCents: 30_17,
      tenderedCents: 40_00,
      currency: 'CAD',
      saleId: sale.saleId,
    });
    assert.equal(paid.sale.state, 'paid');
    assert.equal(paid.sale.lines.length, 4, 'the paid sale keeps its lines');
  },
);

test('the lines change until the first tender, and not after', { timeout: 30_000 }, async () => {
  const first = await ok<SaleView>(CASHIER, 'sale.cart', {
    currency: 'CAD',
    lines: [{ kind: 'item', itemId: items.milk!.id }],
  });
  assert.equal(first.totalCents, 4_29);
  const more = await cart(
    [
      { kind: 'item', itemId: items.milk!.id, quantityMilli: 3_000 },
      { kind: 'open', amountCents: 1_50 },
    ],
    first.saleId,
  );
  assert.ok(more.ok);
  assert.equal(more.value.saleId, first.saleId, 'the same sale');
  // 3 × $4.29 = $12.87, plus an open $1.50 = $14.37.
  assert.equal(more.value.totalCents, 14_37);
  assert.deepEqual(more.value.lines[1]!.name, { en: 'Open amount', fr: 'Montant libre' });
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 5_00,
    tenderedCents: 5_00,
    currency: 'CAD',
    saleId: first.saleId,
  });
  const after = await cart([{ kind: 'item', itemId: items.milk!.id }], first.saleId);
  assert.equal(codeOf(after), 'invalid_payload');
  assert.match(refusalOf(after), /payment was already taken/);
  const v = await ok<SaleView>(CASHIER, 'sale.get', { saleId: first.saleId });
  assert.equal(v.totalCents, 14_37, 'the total did not move');
  assert.equal(v.lines.length, 2);
});

test(
  'no price is set at the counter for an item that has one; an open-price item needs one',
  { timeout: 30_000 },
  async () => {
    const cheaper = await cart([{ kind: 'item', itemId: items.milk!.id, priceCents: 1 }]);
    assert.equal(codeOf(cheaper), 'invalid_payload');
    assert.match(refusalOf(cheaper), /MILK has a set price/);
    const noPrice = await cart([{ kind: 'item', itemId: items.flowers!.id }]);
    assert.match(refusalOf(noPrice), /FLOWERS has no set price/);
    // A price label's price is the line's: no typed price and no quantity beside it.
    assert.match(
      refusalOf(await cart([{ kind: 'item', itemId: items.ham!.id, label: '212345904176', priceCents: 1 }])),
      /set price/,
    );
    assert.match(
      refusalOf(await cart([{ kind: 'item', itemId: items.ham!.id, label: '212345904176', quantityMilli: 5_000 }])),
      /sold by its label/,
    );
  },
);

test('a label must be the item’s own and must check; pieces are whole', { timeout: 30_000 }, async () => {
  // Another item's label (the milk's UPC is not a scale label at all).
  assert.match(
    refusalOf(await cart([{ kind: 'item', itemId: items.ham!.id, label: '036000241457' }])),
    /not one of HAM/,
  );
  // A label whose price verifier is wrong (5 instead of 6 for $2.99; check digit redone: 0).
  assert.match(
    refusalOf(await cart([{ kind: 'item', itemId: items.ham!.id, label: '212345502990' }])),
    /not one of HAM/,
  );
  assert.match(refusalOf(await cart([{ kind: 'item', itemId: items.milk!.id, quantityMilli: 1_500 }])), /by the piece/);
  assert.equal(
    codeOf(await cart([{ kind: 'item', itemId: items.apples!.id, quantityMilli: 1_500 }])),
    'ok',
    'a weighed item takes 1.5 kg',
  );
});

test(
  'a deactivated item cannot be sold; a cart of nothing to pay is refused; nothing half-written',
  { timeout: 30_000 },
  async () => {
    await ok(MANAGER, 'catalog.setActive', { id: items.apples!.id, active: false });
    const salesBefore = core.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number };
    const gone = await cart([
      { kind: 'item', itemId: items.milk!.id },
      { kind: 'item', itemId: items.apples!.id, quantityMilli: 1_000 },
    ]);
    assert.match(refusalOf(gone), /no longer sold/);
    assert.match(refusalOf(await cart([{ kind: 'item', itemId: items.flowers!.id, priceCents: 0 }])), /nothing to pay/);
    assert.equal(codeOf(await cart([])), 'invalid_payload', 'an empty cart');
    assert.equal(
      codeOf(
        await cart([
          { kind: 'open', amountCents: 10_000_000 },
          { kind: 'open', amountCents: 1 },
        ]),
      ),
      'invalid_payload',
      'over $100,000.00',
    );
    const salesAfter = core.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number };
    assert.equal(salesAfter.n, salesBefore.n, 'no sale was opened by a refused cart');
    await ok(MANAGER, 'catalog.setActive', { id: items.apples!.id, active: true });
  },
);

test('only a signed-in cashier or manager builds a cart', { timeout: 30_000 }, async () => {
  assert.equal(
    codeOf(await call(9, 'sale.cart', { currency: 'CAD', lines: [{ kind: 'open', amountCents: 1_00 }] })),
    'not_signed_in',
  );
});

test(
  'each refusal names the item (its French name when it has no English one) and is an invalid payload',
  { timeout: 30_000 },
  async () => {
    const brie = await ok<ItemView>(
      MANAGER,
      'catalog.add',
      itemDraft('BRIE', { name: { en: '', fr: 'Brie de Meaux' }, priceCents: 9_99 }),
    );
    const pieces = await cart([{ kind: 'item', itemId: brie.id, quantityMilli: 500 }]);
    assert.equal(codeOf(pieces), 'invalid_payload');
    assert.match(refusalOf(pieces), /Brie de Meaux is sold by the piece/);
    const labelQty = await cart([{ kind: 'item', itemId: items.ham!.id, label: '212345904176', quantityMilli: 2_000 }]);
    assert.equal(codeOf(labelQty), 'invalid_payload');
    assert.match(refusalOf(labelQty), /HAM is sold by its label/);
    const labelPrice = await cart([{ kind: 'item', itemId: items.ham!.id, label: '212345904176', priceCents: 5 }]);
    assert.match(refusalOf(labelPrice), /HAM has a set price/);
    assert.equal(codeOf(await cart([{ kind: 'item', itemId: items.flowers!.id }])), 'invalid_payload');
    const zero = await cart([{ kind: 'item', itemId: items.flowers!.id, priceCents: 0 }]);
    assert.equal(codeOf(zero), 'invalid_payload');
    const open = await ok<SaleView>(CASHIER, 'sale.cart', {
      currency: 'CAD',
      lines: [{ kind: 'open', amountCents: 2_00, note: 'Gift wrap' }],
    });
    assert.deepEqual(
      [open.lines[0]!.name, open.lines[0]!.taxCategory, open.lines[0]!.sku],
      [{ en: 'Gift wrap', fr: 'Gift wrap' }, 'standard', null],
    );
  },
);

test(
  'a weight label gives the line its weight at the item’s price per kg; another item’s label is refused',
  { timeout: 30_000 },
  async () => {
    core.settings.set('catalog.labels', [
      { prefix: '02', itemDigits: 5, verifier: true, valueDigits: 4, value: 'price', decimals: 2 },
      { prefix: '2', itemDigits: 6, verifier: false, valueDigits: 5, value: 'weight', decimals: 3 },
    ]);
    try {
      const cheese = await ok<ItemView>(
        MANAGER,
        'catalog.add',
        itemDraft('CHEESE', { priceCents: 24_00, soldBy: 'kg', barcodes: ['2123456012507'] }),
      );
      // 2 123456 01250 7: 1.250 kg at $24.00/kg = $30.00.
      const r = await ok<SaleView>(CASHIER, 'sale.cart', {
        currency: 'CAD',
        lines: [{ kind: 'item', itemId: cheese.id, label: '2123456012507' }],
      });
      assert.deepEqual(
        [r.lines[0]!.quantityMilli, r.lines[0]!.unitPriceCents, r.lines[0]!.lineTotalCents],
        [1_250, 24_00, 30_00],
      );
      // The cheese's label on the ham (both scale labels, each its own item's).
      const other = await cart([{ kind: 'item', itemId: items.ham!.id, label: '2123456012507' }]);
      assert.equal(codeOf(other), 'invalid_payload');
      assert.match(refusalOf(other), /not one of HAM/);
    } finally {
      core.settings.set('catalog.labels', [
        { prefix: '02', itemDigits: 5, verifier: true, valueDigits: 4, value: 'price', decimals: 2 },
      ]);
    }
  },
);

test(
  'the receipt of a cart’s sale lists its lines — on screen, on paper and as a page — in the customer’s language',
  { timeout: 30_000 },
  async () => {
    // Milk ×2 = $8.58; apples 1.235 kg at $4.39/kg = $5.42; total $14.00.
    const opened = await call<SaleView>(CASHIER, 'sale.cart', {
      currency: 'CAD',
      language: 'fr-CA',
      lines: [
        { kind: 'item', itemId: items.milk!.id, quantityMilli: 2_000 },
        { kind: 'item', itemId: items.apples!.id, quantityMilli: 1_235 },
      ],
    });
    assert.ok(opened.ok);
    const paid = await ok<CashSale>(CASHIER, 'cash.sale', {
      amountCents: 14_00,
      tenderedCents: 20_00,
      currency: 'CAD',
      saleId: opened.value.saleId,
    });
    const receipt = await ok<Receipt>(CASHIER, 'receipt.get', { attemptId: paid.attemptId });
    assert.deepEqual(
      receipt.lines?.map((l) => [l.sku, l.quantityMilli, l.lineTotalCents]),
      [
        ['MILK', 2_000, 8_58],
        ['APPLES', 1_235, 5_42],
      ],
    );
    const rows = receiptRows(receipt).filter((r) => r.id === 'line');
    assert.deepEqual(
      rows.map((r) => [r.label, r.value]),
      [
        ['MILK, 2 × 4,29 $', '8,58 $'],
        ['APPLES, 1,235 kg × 4,39 $/kg', '5,42 $'],
      ].map(([l, v]) => [l!.replace(/ \$/g, '\u00a0$'), v!.replace(/ \$/g, '\u00a0$')]),
    );
    const page = receiptHtml(receipt);
    assert.ok(page.includes('APPLES, 1,235 kg × 4,39'), 'the printed page');
    const paper = Buffer.from(receiptBytes(receipt, { columns: 48, codepage: 'windows1252' })).toString('latin1');
    assert.ok(paper.includes('APPLES, 1,235 kg'), 'the thermal receipt');
    // A typed total's receipt has no lines.
    const typed = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 5_00, tenderedCents: 5_00, currency: 'CAD' });
    const plain = await ok<Receipt>(CASHIER, 'receipt.get', { attemptId: typed.attemptId });
    assert.equal(plain.lines, undefined);
  },
);

test('the customer’s language can change with the cart until the first tender', { timeout: 30_000 }, async () => {
  const first = await cart([{ kind: 'item', itemId: items.milk!.id }]);
  assert.ok(first.ok);
  assert.equal(first.value.language, 'en-CA', 'the shop’s to start with');
  const french = await call<SaleView>(CASHIER, 'sale.cart', {
    saleId: first.value.saleId,
    currency: 'CAD',
    language: 'fr-CA',
    lines: [{ kind: 'item', itemId: items.milk!.id }],
  });
  assert.ok(french.ok);
  assert.equal(french.value.language, 'fr-CA');
  const kept = await cart([{ kind: 'item', itemId: items.milk!.id, quantityMilli: 2_000 }], first.value.saleId);
  assert.ok(kept.ok);
  assert.equal(kept.value.language, 'fr-CA', 'a change of lines without a language keeps it');
});
