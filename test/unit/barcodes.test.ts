/**
 * Reading what a scanner typed. Every expected value here is worked out by hand from the GS1 General
 * Specifications (7.9.1 check digits, 7.9.3 price verifier digits, with the specification's own
 * examples) and from published codes (Wikipedia's UPC-A, EAN-13 and EAN-8 examples) — never by the
 * code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  labelAmountIn,
  labelKey,
  labelPatternFits,
  readBarcode,
  storedBarcodes,
  valueVerifierDigit,
  type LabelPattern,
} from '../../main/catalog/barcodes';

const UPC_PRICE: LabelPattern = {
  prefix: '02',
  itemDigits: 5,
  verifier: true,
  valueDigits: 4,
  value: 'price',
  decimals: 2,
};
const EAN_WEIGHT: LabelPattern = {
  prefix: '2',
  itemDigits: 6,
  verifier: false,
  valueDigits: 5,
  value: 'weight',
  decimals: 3,
};

test('each product form reads as its GTIN-14, and the forms of one product read alike', { timeout: 5_000 }, () => {
  assert.deepEqual(readBarcode('036000241457'), { kind: 'product', gtins: ['00036000241457'] }, 'UPC-A');
  assert.deepEqual(readBarcode('4006381333931'), { kind: 'product', gtins: ['04006381333931'] }, 'EAN-13');
  assert.deepEqual(readBarcode('96385074'), { kind: 'product', gtins: ['00000096385074'] }, 'EAN-8');
  assert.deepEqual(readBarcode('10012345600019'), { kind: 'product', gtins: ['10012345600019'] }, 'GTIN-14');
  // UPC-A 042100005264, its EAN-13 (a leading 0) and its UPC-E 04252614 are one product.
  const upcA = readBarcode('042100005264');
  assert.deepEqual(upcA, { kind: 'product', gtins: ['00042100005264'] });
  assert.deepEqual(readBarcode('0042100005264'), upcA, 'EAN-13 with a leading 0');
  assert.deepEqual(readBarcode('04252614'), upcA, 'UPC-E, expanded');
  // What the scanner adds around a code (spaces, its Enter) is not part of it.
  assert.deepEqual(readBarcode(' 036000241457\r\n'), { kind: 'product', gtins: ['00036000241457'] });
});

test('an 8-digit code that checks both as an EAN-8 and as a UPC-E is looked up as both', { timeout: 5_000 }, () => {
  // 01234565: as EAN-8, 0123456 weighted 3,1,… from the right sums to 45 -> check 5 (holds);
  // as UPC-E it expands to 012345000065, whose UPC-A check digit is 5 (holds too).
  assert.deepEqual(readBarcode('01234565'), { kind: 'product', gtins: ['00000001234565', '00012345000065'] });
  assert.deepEqual(storedBarcodes('01234565'), ['00000001234565', '00012345000065']);
});

test('a misread finds nothing, and says why', { timeout: 5_000 }, () => {
  assert.deepEqual(readBarcode('036000241458'), { kind: 'unreadable', reason: 'check_digit' }, 'UPC-A, last digit off');
  assert.deepEqual(readBarcode('4006381333932'), { kind: 'unreadable', reason: 'check_digit' }, 'EAN-13');
  assert.deepEqual(readBarcode('96385075'), { kind: 'unreadable', reason: 'check_digit' }, 'EAN-8');
  assert.deepEqual(readBarcode('10012345600018'), { kind: 'unreadable', reason: 'check_digit' }, 'GTIN-14');
  assert.deepEqual(readBarcode('04252615'), { kind: 'unreadable', reason: 'check_digit' }, 'UPC-E');
  assert.deepEqual(readBarcode('0361000241'), { kind: 'unreadable', reason: 'length' });
  assert.deepEqual(readBarcode('036000241457036'), { kind: 'unreadable', reason: 'length' });
  assert.deepEqual(readBarcode('03600024145A'), { kind: 'unreadable', reason: 'not_digits' });
  assert.equal(storedBarcodes('036000241458'), null);
});

test('the price verifier digit follows GS1 7.9.3 (the specification’s examples)', { timeout: 5_000 }, () => {
  // 4 digits 2875: weights 2-,2-,3,5- give 4,5,1,3; sum 13, times 3 = 39 -> 9.
  assert.equal(valueVerifierDigit('2875'), '9');
  // 5 digits 14685: weights 5+,2-,5-,5+,2- give 5,8,7,4,9; sum 33, 40 - 33 = 7, the digit whose 5- product is 7 -> 6.
  assert.equal(valueVerifierDigit('14685'), '6');
  // 0299: 0, 4, 7 (27), 1 (45 -> 5 - 4); sum 12, times 3 = 36 -> 6.
  assert.equal(valueVerifierDigit('0299'), '6');
});

test('a scale’s price label: the item by its code, the price printed on it', { timeout: 5_000 }, () => {
  // UPC-A 2 12345 6 0299 7: item 12345, verifier 6, $2.99; UPC-A check: 3 x 25 + 18 = 93 -> 7.
  const read = readBarcode('212345602997', [UPC_PRICE]);
  // The item's key: 0212345 then zeros, EAN-13 check 7 (weighted sum 33).
  assert.deepEqual(read, { kind: 'label', key: '00212345000007', value: 'price', amount: 299, decimals: 2 });
  assert.deepEqual(readBarcode('0212345602997', [UPC_PRICE]), read, 'as EAN-13 with its leading 0');
  // A label for another price of the same item finds the same key; storing a label stores the key.
  assert.deepEqual(storedBarcodes('212345602997', [UPC_PRICE]), ['00212345000007']);
  assert.equal(labelKey('0212345602997', UPC_PRICE), '00212345000007');
});

test(
  'a price label whose verifier digit does not hold is unreadable, even though its check digit does',
  { timeout: 5_000 },
  () => {
    // Verifier 5 instead of 6; check digit redone so only the verifier is wrong: 3 x 24 + 18 = 90 -> 0.
    assert.deepEqual(readBarcode('212345502990', [UPC_PRICE]), { kind: 'unreadable', reason: 'value_check' });
    // Without a pattern for prefix 02 the same code is just a product.
    assert.deepEqual(readBarcode('212345502990', []), { kind: 'product', gtins: ['00212345502990'] });
  },
);

test('a weight label (EAN-13, prefix 2, no verifier): the weight in thousandths', { timeout: 5_000 }, () => {
  // 2 123456 01250 7: 1.250 kg of item 123456; EAN-13 check: weighted sum 53 -> 7.
  assert.deepEqual(readBarcode('2123456012507', [EAN_WEIGHT]), {
    kind: 'label',
    key: labelKey('2123456012507', EAN_WEIGHT),
    value: 'weight',
    amount: 1250,
    decimals: 3,
  });
  // Its key: 2123456 then zeros; EAN-13 check of 212345600000, weights 3,1,… from the right:
  // 6 + 15 + 4 + 9 + 2 + 3 + 2 = 41 -> 9.
  assert.equal(labelKey('2123456012507', EAN_WEIGHT), '02123456000009');
});

test('a label pattern must add up to an EAN-13', { timeout: 5_000 }, () => {
  assert.equal(labelPatternFits(UPC_PRICE), true);
  assert.equal(labelPatternFits(EAN_WEIGHT), true);
  assert.equal(labelPatternFits({ ...UPC_PRICE, itemDigits: 4 }), false, 'one digit short');
  assert.equal(labelPatternFits({ ...UPC_PRICE, verifier: false }), false, 'one digit short without the verifier');
  assert.equal(labelPatternFits({ ...UPC_PRICE, prefix: '2x' }), false, 'a prefix is digits');
  assert.equal(labelPatternFits({ ...UPC_PRICE, decimals: 4 }), false, 'at most 3 decimals');
  // A pattern that does not fit is never used: the code reads as a product.
  assert.deepEqual(readBarcode('212345602997', [{ ...UPC_PRICE, itemDigits: 4 }]), {
    kind: 'product',
    gtins: ['00212345602997'],
  });
});

test('a pattern’s prefix is digits from the start, its decimals 0 to 3', { timeout: 5_000 }, () => {
  assert.equal(labelPatternFits({ ...UPC_PRICE, prefix: 'a2' }), false, 'a letter before the digits');
  assert.equal(labelPatternFits({ ...UPC_PRICE, decimals: -1 }), false, 'negative decimals');
  assert.equal(labelPatternFits({ ...UPC_PRICE, decimals: 0 }), true, 'whole dollars');
  assert.equal(labelPatternFits({ ...UPC_PRICE, decimals: 3 }), true);
});

test(
  'letters anywhere are not a barcode; UPC-E of number system 1; an indicator digit is never a label',
  { timeout: 5_000 },
  () => {
    assert.deepEqual(readBarcode('x036000241457'), { kind: 'unreadable', reason: 'not_digits' });
    // UPC-E 1 123450 2: last core digit 0 -> manufacturer 12000, product 00345: UPC-A 1 12000 00345 2
    // (3 x 11 + 5 = 38 -> 2); as an EAN-8, 1123450 sums to 30 -> 0, so it is not one.
    assert.deepEqual(readBarcode('11234502'), { kind: 'product', gtins: ['00112000003452'] });
    // 8 digits not starting with 0 or 1 are never a UPC-E: 23456781 fails as an EAN-8 (check 5).
    assert.deepEqual(readBarcode('23456781'), { kind: 'unreadable', reason: 'check_digit' });
    // GTIN-14 1 021234560299 4 (weighted sum 96 -> 4): its last 13 digits look like a price label, but a
    // case code with an indicator digit is a product.
    assert.deepEqual(readBarcode('10212345602994', [UPC_PRICE]), { kind: 'product', gtins: ['10212345602994'] });
  },
);

test('a label’s value in the cart’s units', { timeout: 5_000 }, () => {
  assert.equal(labelAmountIn({ amount: 299, decimals: 2 }, 2), 299, 'cents stay cents');
  assert.equal(labelAmountIn({ amount: 3, decimals: 0 }, 2), 300, 'whole dollars to cents');
  assert.equal(labelAmountIn({ amount: 125, decimals: 2 }, 3), 1_250, '1.25 kg to thousandths');
  assert.equal(labelAmountIn({ amount: 12_345, decimals: 3 }, 2), 1_235, '12.345 -> 12.35 (half up)');
  assert.equal(labelAmountIn({ amount: 12_344, decimals: 3 }, 2), 1_234, '12.344 -> 12.34');
});
