/**
 * The cart's line rule, with expected values worked out by hand (never by the rule itself), and one
 * test per bound it guards, each changing only that value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cartTotalCents, lineReturnCents, lineTotalCents, MAX_QUANTITY_MILLI } from '../../main/cart/rules';
import { PosError } from '../../main/errors';

const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    // The key and the code both: a refusal must say the right words and be an invalid payload.
    return e instanceof PosError ? (e.code === 'invalid_payload' ? e.key : `${e.code}: ${e.key}`) : String(e);
  }
};

test('a line is unit price × quantity, rounded half up to the cent', { timeout: 5_000 }, () => {
  assert.equal(lineTotalCents(2_49, 3_000), 7_47, 'three pieces at $2.49');
  assert.equal(lineTotalCents(12_99, 347), 4_51, '0.347 kg at $12.99/kg = 450.753¢');
  assert.equal(lineTotalCents(1_01, 500), 51, '0.5 kg at $1.01 = 50.5¢: half goes up');
  assert.equal(lineTotalCents(1_01, 499), 50, '0.499 kg at $1.01 = 50.399¢');
  assert.equal(lineTotalCents(3, 500), 2, '1.5¢ goes up to 2¢');
  assert.equal(lineTotalCents(5, 100), 1, '0.5¢ goes up to 1¢');
  assert.equal(lineTotalCents(4, 100), 0, '0.4¢ goes down to 0¢');
  assert.equal(lineTotalCents(0, 1_000), 0, 'a free item');
  assert.equal(lineTotalCents(10_000_000, 1_000), 10_000_000, 'the largest price, once');
  assert.equal(lineTotalCents(1, 9_999_000), 9_999, 'the largest quantity, at a cent');
});

test('each bound of a line is guarded: the price', { timeout: 5_000 }, () => {
  assert.equal(
    code(() => lineTotalCents(-1, 1_000)),
    'error.cart.price',
    'negative',
  );
  assert.equal(
    code(() => lineTotalCents(10_000_001, 1_000)),
    'error.cart.price',
    'above $100,000.00',
  );
  assert.equal(
    code(() => lineTotalCents(1.5, 1_000)),
    'error.cart.price',
    'a fraction of a cent',
  );
  assert.equal(
    code(() => lineTotalCents(Number.NaN, 1_000)),
    'error.cart.price',
    'not a number',
  );
});

test('each bound of a line is guarded: the quantity', { timeout: 5_000 }, () => {
  assert.equal(MAX_QUANTITY_MILLI, 9_999_000);
  assert.equal(
    code(() => lineTotalCents(100, 0)),
    'error.cart.quantity',
    'zero',
  );
  assert.equal(
    code(() => lineTotalCents(100, -1_000)),
    'error.cart.quantity',
    'negative',
  );
  assert.equal(
    code(() => lineTotalCents(100, 9_999_001)),
    'error.cart.quantity',
    'above 9,999',
  );
  assert.equal(
    code(() => lineTotalCents(100, 1.5)),
    'error.cart.quantity',
    'a fraction of a thousandth',
  );
});

test('a cart is the sum of its lines, at most $100,000.00', { timeout: 5_000 }, () => {
  assert.equal(cartTotalCents([{ lineTotalCents: 7_47 }, { lineTotalCents: 4_51 }, { lineTotalCents: 51 }]), 12_49);
  assert.equal(cartTotalCents([]), 0);
  assert.equal(cartTotalCents([{ lineTotalCents: 6_000_000 }, { lineTotalCents: 4_000_000 }]), 10_000_000);
  assert.equal(
    code(() => cartTotalCents([{ lineTotalCents: 6_000_000 }, { lineTotalCents: 4_000_001 }])),
    'error.cart.tooMuch',
  );
});

test('a return of part of a line: its own line rule; the last part: exactly what is left of the total', () => {
  // Apples 1.235 kg at $4.39/kg = $5.42.
  const apples = { quantityMilli: 1_235, unitPriceCents: 4_39, lineTotalCents: 5_42, soldBy: 'kg' };
  const none = { quantityMilli: 0, cents: 0 };
  assert.equal(lineReturnCents(apples, none, 500), 2_20, '0.500 kg: 219.5¢ → 220¢');
  assert.equal(lineReturnCents(apples, { quantityMilli: 500, cents: 2_20 }, 735), 3_22, 'the rest: 542 − 220');
  assert.equal(lineReturnCents(apples, none, 1_235), 5_42, 'all of it at once');
  assert.equal(lineReturnCents(apples, none, 1_234), 5_42, '1.234 kg: 541.726¢ → 542¢, at most what is left');
  // Parts that round up cannot add up to more than the line: 2 kg at 1¢/kg = 2¢; 1 kg (2¢) already back.
  const cheap = { quantityMilli: 2_000, unitPriceCents: 1, lineTotalCents: 2, soldBy: 'kg' };
  assert.equal(lineReturnCents(cheap, { quantityMilli: 1_000, cents: 2 }, 500), 0, 'half a cent: none left to give');
});

test('a return refuses more than is left, nothing, or part of a piece (one value changed at a time)', () => {
  const milk = { quantityMilli: 2_000, unitPriceCents: 4_29, lineTotalCents: 8_58, soldBy: 'unit' };
  const oneBack = { quantityMilli: 1_000, cents: 4_29 };
  assert.equal(lineReturnCents(milk, oneBack, 1_000), 4_29, 'control: the one left');
  assert.equal(
    code(() => lineReturnCents(milk, oneBack, 1_001)),
    'error.returns.lineLeft',
    'one thousandth more',
  );
  assert.equal(
    code(() => lineReturnCents(milk, oneBack, 0)),
    'error.returns.lineLeft',
    'nothing',
  );
  assert.equal(
    code(() => lineReturnCents(milk, oneBack, -1_000)),
    'error.returns.lineLeft',
    'negative',
  );
  assert.equal(
    code(() => lineReturnCents(milk, oneBack, 999.5)),
    'error.returns.lineLeft',
    'not whole',
  );
  assert.equal(
    code(() => lineReturnCents(milk, { quantityMilli: 0, cents: 0 }, 1_500)),
    'error.returns.wholePieces',
  );
  assert.equal(
    lineReturnCents({ ...milk, soldBy: 'kg' }, { quantityMilli: 0, cents: 0 }, 1_500),
    6_44,
    'the same part of a weighed line: 643.5¢ → 644¢',
  );
});

test('the last part of a line returns what is left even where its own rule would round a cent down', () => {
  // 0.750 kg at $4.29/kg = 321.75¢ → $3.22. 0.001 kg back first (0.429¢ → 0¢); the other 0.749 kg
  // by its own rule is 321.321¢ → $3.21, but it is the rest of the line: $3.22, so the line comes back whole.
  const line = { quantityMilli: 750, unitPriceCents: 4_29, lineTotalCents: 3_22, soldBy: 'kg' };
  assert.equal(lineReturnCents(line, { quantityMilli: 0, cents: 0 }, 1), 0);
  assert.equal(lineReturnCents(line, { quantityMilli: 1, cents: 0 }, 749), 3_22);
});
