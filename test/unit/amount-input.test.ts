/** What people type as an amount: read, or explained in plain words (never a silent no). */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readAmount } from '../../renderer/src/base/format';
import { loadCatalog } from '../../renderer/src/base/catalogs';

// The screens' words: fetched as the renderer fetches its language (the catalog with FormatJS).
before(() => loadCatalog('en-CA'));

test('a dot or a comma is the decimal mark; spaces between thousands are fine', () => {
  assert.deepEqual(
    ['12.50', '12,50', '12,5', '12', '1 234,56', '0.29', '19.99', '0'].map((t) => readAmount(t)),
    [
      { cents: 1250 },
      { cents: 1250 },
      { cents: 1250 },
      { cents: 1200 },
      { cents: 123456 },
      { cents: 29 },
      { cents: 1999 },
      { cents: 0 },
    ],
  );
});

test('fifty cents typed as ".5" or ",5" is read as 0.50, not refused', () => {
  assert.deepEqual(readAmount('.5'), { cents: 50 });
  assert.deepEqual(readAmount(',05'), { cents: 5 });
  assert.deepEqual(readAmount('5.'), { cents: 500 });
});

test('each refusal says why', () => {
  const why = (t: string, max?: number) => {
    const r = readAmount(t, max);
    return 'error' in r ? r.error : 'accepted';
  };
  assert.match(why(''), /Type an amount/);
  assert.match(why('1e3'), /digits and one decimal mark/);
  assert.match(why('12.3.4'), /digits and one decimal mark/);
  assert.match(why('-5'), /never negative.*without the minus sign/);
  assert.match(why('\u22125'), /never negative/);
  assert.match(why('.'), /digits and one decimal mark/);
  assert.match(why(','), /digits and one decimal mark/);
  assert.match(why('5-'), /digits and one decimal mark/);
  assert.match(why('50.001'), /two digits after the decimal mark/);
  assert.match(why('100000.01'), /The most is \$100,000\.00/);
  assert.match(why('30.01', 3000), /The most is \$30\.00/);
  assert.equal(why('30.00', 3000), 'accepted');
});
