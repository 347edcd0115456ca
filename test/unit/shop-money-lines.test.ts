/**
 * The lines a counter ships to the shop database (main/shop/money-lines.ts), on a counter's real SQLite
 * file (its tables made by the services that own them, the rows written here): a paid sale's tax and
 * discounts, a return's tax given back and a cash rounding signed as the drawer saw it (a refund's went
 * out — issue 25's "the shop's totals add money given back instead of taking it off"); how the shop adds
 * them up and what it accepts back from the database. The shop's own day over a real PostgreSQL is in
 * test/integration/shop-database.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addLines, lineFields, linesFrom, moneyLinesOf, type GroupLines } from '../../main/shop/money-lines';
import { Journal } from '../../main/journal/journal';
import { SalesService } from '../../main/payments/sales';
import { SaleLines } from '../../main/cart/lines';
import { LineReturns } from '../../main/cart/returns';
import { CashRounding } from '../../main/payments/rounding';
import { journaled } from '../support/journal-rows';

const CASEY = { staffId: 'casey', name: 'Casey', role: 'cashier' as const };
const NOW = Date.parse('2026-12-07T18:00:00Z');

function counter() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-money-lines-'));
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => NOW);
  const db = journal.db;
  const sales = new SalesService({
    db,
    journal,
    now: () => NOW,
    mode: () => 'training',
    audit: () => undefined,
    returns: { giveBack: async () => ({}) as never },
    voidToken: () => ({ slot: 'admin' }),
    cashInDrawer: () => null,
    shopLanguage: () => 'en-CA',
    openDrawer: async () => undefined,
    linesOf: () => [],
    taxesOf: () => [],
    subtotalOf: () => 0,
    saleDiscountOf: () => null,
  });
  new SaleLines(db);
  new LineReturns({ db, sales, saleOfTransaction: () => null, taxesByCategory: () => [] });
  new CashRounding({ db, applies: () => true });
  const tax = (saleId: string, category: string, code: string, rate: number, cents: number) =>
    db
      .prepare(
        `INSERT INTO sale_taxes (sale_id, category, code, rate_millionths, lines_cents, base_cents, tax_cents, included)
         VALUES (?, ?, ?, ?, 0, 0, ?, 0)`,
      )
      .run(saleId, category, code, rate, cents);
  const discount = (saleId: string, position: number, reason: string, cents: number, cashier = 'Casey') =>
    db
      .prepare(
        `INSERT INTO sale_discounts (sale_id, position, kind, value, reason_id, reason_en, reason_fr, cents, cashier_id, cashier_name)
         VALUES (?, ?, 'amount', ?, ?, ?, ?, ?, 'c', ?)`,
      )
      .run(saleId, position, cents, reason, `${reason} en`, `${reason} fr`, cents, cashier);
  const taxBack = (attemptId: string, category: string, code: string, rate: number, cents: number) =>
    db
      .prepare(
        `INSERT INTO tax_returns (attempt_id, sale_id, category, code, rate_millionths, cents) VALUES (?, 's', ?, ?, ?, ?)`,
      )
      .run(attemptId, category, code, rate, cents);
  const rounding = (attemptId: string, cents: number) =>
    db.prepare('INSERT INTO cash_rounding (attempt_id, cents) VALUES (?, ?)').run(attemptId, cents);
  const paid = (totalCents: number) => {
    const v = sales.open(totalCents, 'CAD', CASEY);
    db.prepare(`UPDATE sales SET state = 'paid', updated_at = '2026-12-07T18:05:00.000Z' WHERE id = ?`).run(v.saleId);
    return v.saleId;
  };
  const done = () => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { journal, db, sales, tax, discount, taxBack, rounding, paid, done };
}

const EMPTY: GroupLines = {
  taxCollected: [],
  taxRefunded: [],
  rounding: [],
  discountsByReason: [],
  discountsByCashier: [],
};

test('a paid sale ships its tax by code and rate (categories added up, in the order charged) and each discount given', () => {
  const c = counter();
  try {
    const id = c.paid(50_00);
    c.tax(id, 'standard', 'GST', 50_000, 1_00);
    c.tax(id, 'standard', 'QST', 99_750, 2_00);
    c.tax(id, 'food', 'GST', 50_000, 30);
    c.tax(id, 'books', 'GST', 40_000, 7);
    c.discount(id, 2, 'damaged', 50, 'Robin');
    c.discount(id, 0, 'goodwill', 1_00);
    c.discount(id, 1, 'nothing', 0);
    assert.deepEqual(moneyLinesOf(c.db, `sale:${id}`), {
      key: `sale:${id}`,
      at: '2026-12-07T18:05:00.000Z',
      attemptId: null,
      lines: {
        taxCollected: [
          { key: 'GST 50000', count: 1, cents: 1_30 },
          { key: 'QST 99750', count: 1, cents: 2_00 },
          { key: 'GST 40000', count: 1, cents: 7 },
        ],
        taxRefunded: [],
        rounding: [],
        discountsByReason: [
          { key: 'goodwill', count: 1, cents: 1_00, names: { en: 'goodwill en', fr: 'goodwill fr' } },
          { key: 'damaged', count: 1, cents: 50, names: { en: 'damaged en', fr: 'damaged fr' } },
        ],
        discountsByCashier: [
          { key: 'Casey', count: 1, cents: 1_00 },
          { key: 'Robin', count: 1, cents: 50 },
        ],
      },
    });
  } finally {
    c.done();
  }
});

test('a sale not paid (open, abandoned) or not there ships nothing; an unknown kind of key ships nothing', () => {
  const c = counter();
  try {
    const open = c.sales.open(5_00, 'CAD', CASEY);
    c.tax(open.saleId, 'standard', 'GST', 50_000, 25);
    assert.equal(moneyLinesOf(c.db, `sale:${open.saleId}`), null);
    c.sales.discard(open.saleId, CASEY);
    assert.equal(moneyLinesOf(c.db, `sale:${open.saleId}`), null);
    assert.equal(moneyLinesOf(c.db, 'sale:no-such-sale'), null);
    const a = journaled(c.journal, { kind: 'purchase', cents: 1_00, state: 'approved' });
    assert.equal(moneyLinesOf(c.db, `other:${a}`), null, 'an attempt under another kind of key');
    assert.equal(moneyLinesOf(c.db, 'attempt:no-such-attempt'), null);
  } finally {
    c.done();
  }
});

test('a return ships the tax it gave back; a cash rounding ships signed as the drawer saw it — a refund’s went out', () => {
  const c = counter();
  try {
    const refund = journaled(c.journal, { kind: 'refund', cents: 9_98, state: 'approved', original: 'x' });
    c.taxBack(refund, 'standard', 'GST', 50_000, 40);
    c.taxBack(refund, 'food', 'GST', 50_000, 10);
    c.taxBack(refund, 'standard', 'QST', 99_750, 80);
    c.rounding(refund, 2);
    const shipped = moneyLinesOf(c.db, `attempt:${refund}`)!;
    assert.equal(shipped.attemptId, refund);
    assert.equal(shipped.at, c.journal.get(refund)!.createdAt);
    assert.deepEqual(shipped.lines, {
      ...EMPTY,
      taxRefunded: [
        { key: 'GST 50000', count: 1, cents: 50 },
        { key: 'QST 99750', count: 1, cents: 80 },
      ],
      rounding: [{ key: 'rounding', count: 1, cents: -2 }],
    });
    const sale = journaled(c.journal, { kind: 'purchase', cents: 9_98, state: 'approved' });
    c.rounding(sale, 2);
    assert.deepEqual(moneyLinesOf(c.db, `attempt:${sale}`)!.lines.rounding, [{ key: 'rounding', count: 1, cents: 2 }]);
    const down = journaled(c.journal, { kind: 'purchase', cents: 10_02, state: 'approved' });
    c.rounding(down, -2);
    assert.deepEqual(moneyLinesOf(c.db, `attempt:${down}`)!.lines.rounding, [{ key: 'rounding', count: 1, cents: -2 }]);
    const none = journaled(c.journal, { kind: 'purchase', cents: 10_00, state: 'approved' });
    assert.deepEqual(moneyLinesOf(c.db, `attempt:${none}`)!.lines, EMPTY);
  } finally {
    c.done();
  }
});

test('the shop adds lines up by key, in the order first met, each group apart; a reason keeps its latest names', () => {
  const a: GroupLines = {
    ...EMPTY,
    taxCollected: [
      { key: 'GST 50000', count: 1, cents: 1_00 },
      { key: 'QST 99750', count: 2, cents: 3_00 },
    ],
    rounding: [{ key: 'rounding', count: 1, cents: 2 }],
    discountsByReason: [{ key: 'damaged', count: 1, cents: 50, names: { en: 'Damaged', fr: 'Abîmé' } }],
  };
  const b: GroupLines = {
    ...EMPTY,
    taxCollected: [{ key: 'QST 99750', count: 1, cents: 1_00 }],
    taxRefunded: [{ key: 'GST 50000', count: 1, cents: 40 }],
    rounding: [{ key: 'rounding', count: 1, cents: -2 }],
    discountsByReason: [
      { key: 'damaged', count: 3, cents: 1_50, names: { en: 'Damaged item', fr: 'Article abîmé' } },
      { key: 'staff', count: 1, cents: 10 },
    ],
    discountsByCashier: [{ key: 'Casey', count: 1, cents: 10 }],
  };
  const c: GroupLines = { ...EMPTY, discountsByReason: [{ key: 'damaged', count: 1, cents: 5 }] };
  assert.deepEqual(addLines([a, b, c]), {
    taxCollected: [
      { key: 'GST 50000', count: 1, cents: 1_00 },
      { key: 'QST 99750', count: 3, cents: 4_00 },
    ],
    taxRefunded: [{ key: 'GST 50000', count: 1, cents: 40 }],
    rounding: [{ key: 'rounding', count: 2, cents: 0 }],
    discountsByReason: [
      { key: 'damaged', count: 5, cents: 2_05, names: { en: 'Damaged item', fr: 'Article abîmé' } },
      { key: 'staff', count: 1, cents: 10 },
    ],
    discountsByCashier: [{ key: 'Casey', count: 1, cents: 10 }],
  });
  assert.deepEqual(addLines([]), EMPTY);
});

test('what the shop database hands back: only well-formed lines, from text or a value, a lone line as a list', () => {
  const good = { key: 'GST 50000', count: 2, cents: 1_00 };
  assert.deepEqual(linesFrom(JSON.stringify({ taxCollected: [good] })), { ...EMPTY, taxCollected: [good] });
  assert.deepEqual(linesFrom({ taxRefunded: good }).taxRefunded, [good], 'one line, not in a list');
  assert.deepEqual(linesFrom(null), EMPTY);
  assert.deepEqual(linesFrom({ taxCollected: 'GST' }).taxCollected, []);
  const bad = [
    null,
    { key: 7, count: 1, cents: 1 },
    { key: 'k', count: 1.5, cents: 1 },
    { key: 'k', count: 1, cents: 0.5 },
    { key: 'k', count: '1', cents: 1 },
    { key: 'k', count: 1, cents: 2 ** 53 },
    { count: 1, cents: 1 },
  ];
  assert.deepEqual(linesFrom({ discountsByCashier: [...bad, good] }).discountsByCashier, [good]);
});

test('a rounding line of nothing is not a line; one that nets to zero over several payments, or a count of none with cents, is', () => {
  const r = (count: number, cents: number) => linesFrom({ rounding: [{ key: 'rounding', count, cents }] }).rounding;
  assert.deepEqual(r(0, 0), []);
  assert.deepEqual(r(2, 0), [{ key: 'rounding', count: 2, cents: 0 }]);
  assert.deepEqual(r(0, -2), [{ key: 'rounding', count: 0, cents: -2 }]);
  assert.deepEqual(r(0, 1), [{ key: 'rounding', count: 0, cents: 1 }]);
  assert.deepEqual(linesFrom({ taxCollected: [{ key: 'x', count: 0, cents: 0 }] }).taxCollected, [
    { key: 'x', count: 0, cents: 0 },
  ]);
});

test('what a seal covers: every group in order, each line’s key, count, cents and both names', () => {
  const lines: GroupLines = {
    ...EMPTY,
    discountsByCashier: [{ key: 'Casey', count: 1, cents: 10 }],
    taxCollected: [{ key: 'GST 50000', count: 2, cents: 1_00 }],
    discountsByReason: [{ key: 'damaged', count: 1, cents: 50, names: { en: 'Damaged', fr: 'Abîmé' } }],
    rounding: [{ key: 'rounding', count: 1, cents: -2 }],
  };
  assert.deepEqual(lineFields(lines), [
    'taxCollected\u0000GST 50000\u00002\u0000100\u0000\u0000',
    'rounding\u0000rounding\u00001\u0000-2\u0000\u0000',
    'discountsByReason\u0000damaged\u00001\u000050\u0000Damaged\u0000Abîmé',
    'discountsByCashier\u0000Casey\u00001\u000010\u0000\u0000',
  ]);
  assert.deepEqual(lineFields(EMPTY), []);
});
