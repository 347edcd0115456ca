/**
 * The sale's Helcim invoice body (main/invoices/invoice-body.ts), against amounts worked out by hand:
 * whole pieces at their unit price, a weighed line as one line at its total, a line's own discount on
 * the line, the sale's at the invoice level, added taxes in the tax amount and included ones only
 * named; over 100 lines grouped by department; and the guard that refuses a body whose amounts do not
 * come to the sale's total — one negative test per amount it adds up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invoiceFor, HELCIM_INVOICE_MAX_LINES, type InvoiceSale } from '../../main/invoices/invoice-body';
import { PosError } from '../../main/errors';
import type { SaleDiscount, SaleLine } from '../../common/contract';

const line = (over: Partial<SaleLine>): SaleLine => ({
  position: 1,
  itemId: '00000000-0000-4000-8000-000000000001',
  sku: 'SOAP',
  name: { en: 'Soap', fr: 'Savon' },
  soldBy: 'unit',
  taxCategory: 'standard',
  quantityMilli: 1000,
  unitPriceCents: 3_50,
  lineTotalCents: 3_50,
  discount: null,
  discountCents: 0,
  ...over,
});
const off = (cents: number, reason = 'Damaged item'): SaleDiscount => ({
  kind: 'amount',
  value: cents,
  reasonId: 'damaged',
  reason: { en: reason, fr: 'Article abîmé' },
  cents,
  approvedBy: null,
});

// Soap $3.50 × 2 = $7.00 with $0.50 off the line; cheddar 0.347 kg × $24.99 = $8.67; the sale $1.00 off;
// GST 5 % added $0.70; HST named as included $0.00 (only to show it is not added). Total:
// 7.00 − 0.50 + 8.67 − 1.00 + 0.70 = $14.87.
const SALE: InvoiceSale = {
  number: 42,
  language: 'en-CA',
  currency: 'CAD',
  lines: [
    line({ quantityMilli: 2000, lineTotalCents: 7_00, discount: off(50), discountCents: 50 + 47 }),
    line({
      position: 2,
      sku: 'CHEESE',
      name: { en: 'Cheddar', fr: 'Cheddar' },
      soldBy: 'kg',
      quantityMilli: 347,
      unitPriceCents: 24_99,
      lineTotalCents: 8_67,
      discountCents: 53,
    }),
  ],
  taxes: [
    { code: 'GST', rateMillionths: 50_000, baseCents: 14_17, taxCents: 70, included: false },
    { code: 'HST', rateMillionths: 130_000, baseCents: 0, taxCents: 0, included: true },
  ],
  discount: { ...off(1_00, 'Goodwill'), reasonId: 'goodwill' },
  totalCents: 14_87,
};
const dept = () => 'Grocery';

test('lines as on the receipt: whole pieces at their unit price, a weighed line at its total, discounts and tax apart', () => {
  const built = invoiceFor(SALE, 'C1A2B-0123456789', dept)!;
  assert.equal(built.grouped, false);
  assert.deepEqual(built.body, {
    invoiceNumber: 'C1A2B-0123456789',
    currency: 'CAD',
    type: 'INVOICE',
    lineItems: [
      { description: 'Soap', quantity: 2, price: 3.5, sku: 'SOAP', discountAmount: 0.5 },
      { description: 'Cheddar, 0.347 kg × $24.99/kg', quantity: 1, price: 8.67, sku: 'CHEESE' },
    ],
    tax: { amount: 0.7, details: 'GST 5 %: $0.70; HST 13 % (included): $0.00' },
    discount: { amount: 1, details: 'Goodwill: $1.00 off' },
    notes: 'Sale 42, Counter POS',
  });
});

test('in the customer’s language', () => {
  const built = invoiceFor({ ...SALE, language: 'fr-CA' }, 'C1A2B-0123456789', dept)!;
  assert.equal(built.body.lineItems[0]!.description, 'Savon');
  assert.match(built.body.lineItems[1]!.description, /^Cheddar, 0,347 kg × 24,99\s\$\/kg$/);
  assert.match(built.body.notes!, /^Vente 42/);
});

test('a typed total (no lines) has no invoice', () => {
  assert.equal(invoiceFor({ ...SALE, lines: [], taxes: [], discount: null }, 'C1A2B-0123456789', dept), null);
});

test('no tax and no sale discount: neither is sent', () => {
  const sale: InvoiceSale = { ...SALE, lines: [line({})], taxes: [], discount: null, totalCents: 3_50 };
  const body = invoiceFor(sale, 'C1A2B-0123456789', dept)!.body;
  assert.deepEqual([body.tax, body.discount, body.lineItems[0]!.discountAmount], [undefined, undefined, undefined]);
});

// The guard: each amount that adds up to the total, changed alone, makes the body refused.
const refused = (sale: InvoiceSale) =>
  assert.throws(
    () => invoiceFor(sale, 'C1A2B-0123456789', dept),
    (e: unknown) => e instanceof PosError && e.code === 'invalid_payload' && /not the sale’s \$/.test(e.message),
  );
test('refused when the total is not what the amounts come to', () => refused({ ...SALE, totalCents: 14_88 }));
test('refused when an added tax is not in the total', () =>
  refused({ ...SALE, taxes: [{ ...SALE.taxes[0]!, taxCents: 71 }, SALE.taxes[1]!] }));
test('an included tax is never added: counting one changes nothing, making it added is refused', () => {
  assert.ok(invoiceFor({ ...SALE, taxes: [SALE.taxes[0]!, { ...SALE.taxes[1]!, taxCents: 5 }] }, 'C1A2B-01', dept));
  refused({ ...SALE, taxes: [SALE.taxes[0]!, { ...SALE.taxes[1]!, taxCents: 5, included: false }] });
});
test('refused when the sale’s discount differs', () =>
  refused({ ...SALE, discount: { ...SALE.discount!, cents: 99 } }));
test('refused when a line’s own discount differs', () =>
  refused({ ...SALE, lines: [{ ...SALE.lines[0]!, discount: off(51) }, SALE.lines[1]!] }));
test('refused when a line’s total differs', () =>
  refused({ ...SALE, lines: [SALE.lines[0]!, { ...SALE.lines[1]!, lineTotalCents: 8_68 }] }));

test('more than 100 lines: one line per department, its lines’ totals and own discounts', () => {
  const lines = Array.from({ length: HELCIM_INVOICE_MAX_LINES + 1 }, (_, i) =>
    line({ position: i + 1, itemId: i % 3 === 0 ? 'deli' : 'house', ...(i === 0 ? { discount: off(10) } : {}) }),
  );
  // 34 deli lines (i = 0, 3, … 99) and 67 household ones, $3.50 each; $0.10 off the first.
  const sale: InvoiceSale = { ...SALE, lines, taxes: [], discount: null, totalCents: 101 * 3_50 - 10 };
  const built = invoiceFor(sale, 'C1A2B-0123456789', (l) => (l.itemId === 'deli' ? 'Deli' : ''))!;
  assert.equal(built.grouped, true);
  assert.deepEqual(built.body.lineItems, [
    { description: 'Deli (34 lines)', quantity: 1, price: 119, discountAmount: 0.1 },
    { description: 'No department (67 lines)', quantity: 1, price: 234.5 },
  ]);
  assert.match(built.body.notes!, /grouped by department/);
});

test('exactly 100 lines are sent as they are', () => {
  const lines = Array.from({ length: HELCIM_INVOICE_MAX_LINES }, (_, i) => line({ position: i + 1 }));
  const sale: InvoiceSale = { ...SALE, lines, taxes: [], discount: null, totalCents: 100 * 3_50 };
  const built = invoiceFor(sale, 'C1A2B-0123456789', dept)!;
  assert.deepEqual([built.grouped, built.body.lineItems.length], [false, 100]);
});

test('more than 100 departments: 99 of them and the rest together', () => {
  const lines = Array.from({ length: 150 }, (_, i) => line({ position: i + 1, itemId: `d${i}` }));
  const sale: InvoiceSale = { ...SALE, lines, taxes: [], discount: null, totalCents: 150 * 3_50 };
  const built = invoiceFor(sale, 'C1A2B-0123456789', (l) => l.itemId!)!;
  assert.equal(built.body.lineItems.length, HELCIM_INVOICE_MAX_LINES);
  assert.deepEqual(built.body.lineItems[99], {
    description: 'Other departments (51 lines)',
    quantity: 1,
    price: 178.5,
  });
});

test('exactly 100 departments: each its own line, none put together; their discounts kept in the rest when over', () => {
  const lines = Array.from({ length: 101 }, (_, i) =>
    line({ position: i + 1, itemId: `d${Math.min(i, 99)}`, ...(i >= 99 ? { discount: off(5) } : {}) }),
  );
  // 100 departments (d99 has two lines, each $0.05 off its own $3.50).
  const sale: InvoiceSale = { ...SALE, lines, taxes: [], discount: null, totalCents: 101 * 3_50 - 10 };
  const built = invoiceFor(sale, 'C1A2B-0123456789', (l) => l.itemId!)!;
  assert.equal(built.body.lineItems.length, 100);
  assert.deepEqual(built.body.lineItems[99], {
    description: 'd99 (2 lines)',
    quantity: 1,
    price: 7,
    discountAmount: 0.1,
  });
  // 101 departments, the last two each $0.05 off: the rest together carries both discounts.
  const more = Array.from({ length: 101 }, (_, i) =>
    line({ position: i + 1, itemId: `d${i}`, ...(i >= 99 ? { discount: off(5) } : {}) }),
  );
  const rest = invoiceFor({ ...sale, lines: more }, 'C1A2B-0123456789', (l) => l.itemId!)!;
  assert.deepEqual(rest.body.lineItems[99], {
    description: 'Other departments (2 lines)',
    quantity: 1,
    price: 7,
    discountAmount: 0.1,
  });
});

test('a department’s name is trimmed: spaces around it are the same department, only spaces is none', () => {
  const lines = Array.from({ length: 101 }, (_, i) => line({ position: i + 1, itemId: ['a', 'b', 'c'][i % 3]! }));
  const sale: InvoiceSale = { ...SALE, lines, taxes: [], discount: null, totalCents: 101 * 3_50 };
  const names: Record<string, string> = { a: 'Bakery', b: '  Bakery ', c: '   ' };
  const built = invoiceFor(sale, 'C1A2B-0123456789', (l) => names[l.itemId!]!)!;
  assert.deepEqual(
    built.body.lineItems.map((x) => x.description),
    ['Bakery (68 lines)', 'No department (33 lines)'],
  );
});

test('a weighed quantity is never sent as a fraction, even when it prices out exactly; a whole one priced otherwise is one line at its total', () => {
  // 0.500 kg × $2.00 = $1.00 exactly: still one line at its total, the weight in its words.
  const half = line({ soldBy: 'kg', quantityMilli: 500, unitPriceCents: 2_00, lineTotalCents: 1_00, sku: undefined });
  const a = invoiceFor({ ...SALE, lines: [half], taxes: [], discount: null, totalCents: 1_00 }, 'C1-01', dept)!;
  assert.deepEqual(a.body.lineItems, [{ description: 'Soap, 0.500 kg × $2.00/kg', quantity: 1, price: 1 }]);
  // 3 pieces at $1.00 whose line comes to $2.50 (a price the line holds, e.g. three for $2.50): one line at its total.
  const deal = line({ quantityMilli: 3000, unitPriceCents: 1_00, lineTotalCents: 2_50, sku: undefined });
  const b = invoiceFor({ ...SALE, lines: [deal], taxes: [], discount: null, totalCents: 2_50 }, 'C1-01', dept)!;
  assert.deepEqual(b.body.lineItems, [{ description: 'Soap, 3 × $1.00/unit', quantity: 1, price: 2.5 }]);
});

test('a sale discount of nothing is not sent', () => {
  const sale: InvoiceSale = { ...SALE, lines: [line({})], taxes: [], discount: off(0), totalCents: 3_50 };
  assert.equal(invoiceFor(sale, 'C1A2B-0123456789', dept)!.body.discount, undefined);
});
