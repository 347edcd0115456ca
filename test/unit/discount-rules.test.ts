/**
 * The discount rules (main/cart/discounts.ts) and a discounted line's return (main/cart/rules.ts):
 * literal examples worked out by hand, one negative test per limit (an amount one cent above the line,
 * a price equal to the item's, a percent at exactly half a cent, a cashier's allowance one cent under
 * the limit), and properties against an oracle written here with exact fractions (BigInt) — never the
 * production functions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  cashierAllowanceCents,
  lineDiscountCents,
  percentOfCents,
  saleDiscountCents,
  shareOfSaleDiscount,
} from '../../main/cart/discounts';
import { lineReturnCents } from '../../main/cart/rules';
import { PosError } from '../../main/errors';

/** Refused as bad input (nothing done), with these words. */
const refusedWith = (key: string) => (e: unknown) =>
  e instanceof PosError && e.code === 'invalid_payload' && e.key === key;

test('a percent off is half up to the cent: 10 % of $4.99 is 49.9¢ → 50¢; of 5¢ exactly half a cent → 1¢; of 4¢ → 0¢', () => {
  assert.equal(percentOfCents(4_99, 1_000), 50);
  assert.equal(percentOfCents(5, 1_000), 1);
  assert.equal(percentOfCents(4, 1_000), 0);
  assert.equal(percentOfCents(10_00, 1_250), 1_25);
  assert.equal(percentOfCents(10_00, 10_000), 10_00);
});

test('a line’s amount off: up to the line’s total, refused one cent above it', () => {
  const l = { unitPriceCents: 3_50, quantityMilli: 2_000, lineTotalCents: 7_00 };
  assert.equal(lineDiscountCents(l, { kind: 'amount', cents: 7_00 }), 7_00);
  assert.equal(lineDiscountCents(l, { kind: 'amount', cents: 1 }), 1);
  assert.throws(
    () => lineDiscountCents(l, { kind: 'amount', cents: 7_01 }),
    refusedWith('error.discount.moreThanLine'),
  );
});

test('a price override takes off the difference over the quantity; the same price or a higher one is refused', () => {
  const pieces = { unitPriceCents: 3_50, quantityMilli: 2_000, lineTotalCents: 7_00 };
  // 2 × $3.00 = $6.00: $1.00 off.
  assert.equal(lineDiscountCents(pieces, { kind: 'price', unitPriceCents: 3_00 }), 1_00);
  assert.equal(lineDiscountCents(pieces, { kind: 'price', unitPriceCents: 3_49 }), 2);
  assert.equal(lineDiscountCents(pieces, { kind: 'price', unitPriceCents: 0 }), 7_00);
  assert.throws(
    () => lineDiscountCents(pieces, { kind: 'price', unitPriceCents: 3_50 }),
    refusedWith('error.discount.priceNotLower'),
  );
  assert.throws(
    () => lineDiscountCents(pieces, { kind: 'price', unitPriceCents: 3_51 }),
    refusedWith('error.discount.priceNotLower'),
  );
  // 0.347 kg at $10.99/kg = 381.353¢ → $3.81; at $9.99/kg = 346.653¢ → $3.47: 34¢ off.
  const weighed = { unitPriceCents: 10_99, quantityMilli: 347, lineTotalCents: 3_81 };
  assert.equal(lineDiscountCents(weighed, { kind: 'price', unitPriceCents: 9_99 }), 34);
});

test('a sale’s discount: a percent of what the lines come to, an amount up to it; a new price is for a line only', () => {
  assert.equal(saleDiscountCents(45_67, { kind: 'percent', basisPoints: 1_500 }), 6_85); // 685.05¢
  assert.equal(saleDiscountCents(45_67, { kind: 'amount', cents: 45_67 }), 45_67);
  assert.throws(
    () => saleDiscountCents(45_67, { kind: 'amount', cents: 45_68 }),
    refusedWith('error.discount.moreThanSale'),
  );
  assert.throws(
    () => saleDiscountCents(45_67, { kind: 'price', unitPriceCents: 1_00 }),
    refusedWith('error.discount.priceOnLine'),
  );
});

test('a sale’s discount shared among lines by hand: largest remainders get the odd cents, the first on a tie', () => {
  assert.deepEqual(shareOfSaleDiscount(1_00, [1, 1, 1]), [34, 33, 33]);
  assert.deepEqual(shareOfSaleDiscount(1, [5_00, 5_00]), [1, 0]);
  assert.deepEqual(shareOfSaleDiscount(1, [1, 1, 1]), [1, 0, 0]);
  assert.deepEqual(shareOfSaleDiscount(2, [1, 1, 1]), [1, 1, 0]);
  assert.deepEqual(shareOfSaleDiscount(2, [1, 1, 1, 1, 1]), [1, 1, 0, 0, 0]);
  assert.deepEqual(shareOfSaleDiscount(10, [3, 7]), [3, 7]);
  // $2.00 over $3.00 and $7.00: 60¢ and $1.40, exactly.
  assert.deepEqual(shareOfSaleDiscount(2_00, [3_00, 7_00]), [60, 1_40]);
  // 50¢ over 1¢, 2¢ and $10.00: 0.0498¢ and 0.0996¢ round to nothing; the last takes it all.
  assert.deepEqual(shareOfSaleDiscount(50, [1, 2, 10_00]), [0, 0, 50]);
  // The remainders, not the order, decide: 7 over [1, 2]: 2.33 and 4.67 → 2 and 5.
  assert.deepEqual(shareOfSaleDiscount(7, [1, 2]), [2, 5]);
  assert.deepEqual(shareOfSaleDiscount(0, [3, 4]), [0, 0]);
  assert.deepEqual(shareOfSaleDiscount(5, [0, 0]), [0, 0]);
});

test('shares: add up to the discount, each within a cent of its exact share, never more than its line (exact fractions)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (amounts, f) => {
        const total = amounts.reduce((a, b) => a + b, 0);
        const discount = Math.floor(total * f);
        const shares = shareOfSaleDiscount(discount, amounts);
        assert.equal(
          shares.reduce((a, b) => a + b, 0),
          total === 0 ? 0 : discount,
        );
        shares.forEach((s, i) => {
          const a = BigInt(amounts[i]!);
          // s is floor or ceil of a × d / total: s × total within (a × d − total, a × d + total).
          const exact = a * BigInt(discount);
          const scaled = BigInt(s) * BigInt(Math.max(total, 1));
          assert.ok(scaled > exact - BigInt(total) - 1n && scaled < exact + BigInt(total) + 1n);
          assert.ok(s <= amounts[i]!);
        });
      },
    ),
    { numRuns: 500, seed: 2812 },
  );
});

test('a cashier’s allowance is the limit rounded down — never passed by a rounding', () => {
  assert.equal(cashierAllowanceCents(9_99, 1_000), 99); // 99.9¢
  assert.equal(cashierAllowanceCents(10_00, 1_000), 1_00);
  assert.equal(cashierAllowanceCents(10_00, 0), 0);
  assert.equal(cashierAllowanceCents(10_00, 10_000), 10_00);
});

test('a discounted line given back in parts returns its share of what it was paid, and all of it at the last', () => {
  // 3 × $3.33 = $9.99, $1.00 off: paid $8.99. One back: 8.99 / 3 = 299.67¢ → $3.00; two more: the $5.99 left.
  const l = { quantityMilli: 3_000, unitPriceCents: 3_33, lineTotalCents: 9_99, discountCents: 1_00, soldBy: 'unit' };
  const first = lineReturnCents(l, { quantityMilli: 0, cents: 0 }, 1_000);
  assert.equal(first, 3_00);
  assert.equal(lineReturnCents(l, { quantityMilli: 1_000, cents: first }, 2_000), 5_99);
  // Undiscounted, a part returns the line rule's amount (unit × quantity), as before.
  assert.equal(lineReturnCents({ ...l, discountCents: 0 }, { quantityMilli: 0, cents: 0 }, 1_000), 3_33);
  // The whole line at once: what it was paid, never its price before the discount.
  assert.equal(lineReturnCents(l, { quantityMilli: 0, cents: 0 }, 3_000), 8_99);
});

test('parts of a discounted line never give back more than it was paid, in any order (exact fractions)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 1, max: 100_00 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
      (pieces, unit, f, parts) => {
        const total = pieces * unit;
        const off = Math.floor(total * f);
        const l = {
          quantityMilli: pieces * 1000,
          unitPriceCents: unit,
          lineTotalCents: total,
          discountCents: off,
          soldBy: 'unit',
        };
        let back = { quantityMilli: 0, cents: 0 };
        for (const p of parts) {
          const q = Math.min(p * 1000, l.quantityMilli - back.quantityMilli);
          if (q === 0) break;
          const cents = lineReturnCents(l, back, q);
          // Within a cent of the exact share of what was paid, at most what is left.
          const exact2 = (2n * BigInt(total - off) * BigInt(q)) / BigInt(l.quantityMilli);
          assert.ok(BigInt(cents) * 2n <= exact2 + 2n || back.quantityMilli + q === l.quantityMilli);
          back = { quantityMilli: back.quantityMilli + q, cents: back.cents + cents };
          assert.ok(back.cents <= total - off);
        }
        if (back.quantityMilli === l.quantityMilli) assert.equal(back.cents, total - off);
      },
    ),
    { numRuns: 500, seed: 2813 },
  );
});
