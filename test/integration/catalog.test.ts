/**
 * The item catalog through the real bridge: who may do what, the search a cashier types (accents,
 * case, French and English names, SKU), a scan of every form of a product, a scale's label, an
 * unknown or misread code, and every change audited with who and the price before and after.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, messageOf } from '../support/bridge-calls';
import type { ItemDraft, ItemView, ScanResult } from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
const { ok, call } = bridgeCalls(() => core);
const ids = { casey: '', morgan: '' };

const draft = (over: Partial<ItemDraft> = {}): ItemDraft => ({
  sku: 'CB-100',
  name: { en: 'Crème brûlée', fr: 'Crème brûlée' },
  priceCents: 6_50,
  taxCategory: 'standard',
  department: 'Bakery',
  soldBy: 'unit',
  barcodes: ['036000241457'],
  ...over,
});

before(async () => {
  t = await testCore('catalog');
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  ids.morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: ids.casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: ids.morgan, pin: '135790' });
});
after(async () => {
  await t.close();
});

test('a cashier sells from the catalog but cannot change it; a manager can', { timeout: 30_000 }, async () => {
  assert.equal(codeOf(await call(CASHIER, 'catalog.add', draft({ sku: 'X-1', barcodes: [] }))), 'forbidden');
  const item = await ok<ItemView>(MANAGER, 'catalog.add', draft());
  assert.equal(
    codeOf(await call(CASHIER, 'catalog.update', { id: item.id, item: draft({ priceCents: 1 }) })),
    'forbidden',
  );
  assert.equal(codeOf(await call(CASHIER, 'catalog.setActive', { id: item.id, active: false })), 'forbidden');
  assert.equal(codeOf(await call(CASHIER, 'catalog.search', { query: 'creme' })), 'ok');
  assert.equal(codeOf(await call(CASHIER, 'catalog.scan', { code: '036000241457' })), 'ok');
  core.sessions.signOut(CASHIER);
  assert.equal(codeOf(await call(CASHIER, 'catalog.search', { query: 'creme' })), 'not_signed_in');
  assert.equal(codeOf(await call(CASHIER, 'catalog.scan', { code: '036000241457' })), 'not_signed_in');
  await ok(CASHIER, 'session.signIn', { staffId: ids.casey, pin: '2468' });
  assert.deepEqual(item.barcodes, ['00036000241457'], 'stored as GTIN-14');
  assert.equal(item.priceCents, 6_50);
  assert.equal(item.active, true);
});

test(
  'search ignores accents and case, in French and English, and finds a SKU typed exactly first',
  { timeout: 30_000 },
  async () => {
    await ok(
      MANAGER,
      'catalog.add',
      draft({ sku: 'CAF-1', name: { en: 'Coffee, dark roast', fr: 'Café torréfié foncé' }, barcodes: [] }),
    );
    await ok(
      MANAGER,
      'catalog.add',
      draft({ sku: 'PAIN-2', name: { en: 'Baguette', fr: 'Pain baguette' }, barcodes: [] }),
    );
    const names = async (query: string) =>
      (await ok<ItemView[]>(CASHIER, 'catalog.search', { query })).map((i) => i.sku);
    assert.deepEqual(await names('creme'), ['CB-100'], 'no accent typed');
    assert.deepEqual(await names('CRÈME BRÛ'), ['CB-100'], 'capitals and the start of a word');
    assert.deepEqual(await names('cafe'), ['CAF-1'], 'the French name, without its accent');
    assert.deepEqual(await names('dark'), ['CAF-1'], 'the English name');
    assert.deepEqual(await names('torrefie fonce'), ['CAF-1'], 'two words, both must match');
    assert.deepEqual(await names('pain-2'), ['PAIN-2'], 'a SKU');
    assert.deepEqual((await names('bakery')).sort(), ['CAF-1', 'CB-100', 'PAIN-2'], 'the department');
    assert.deepEqual(await names('"); DROP TABLE items; --'), [], 'FTS syntax typed is only text');
    assert.deepEqual(await names(''), []);
  },
);

test('every form of a product finds the item; a misread and an unknown code say so', { timeout: 30_000 }, async () => {
  const scan = (code: string) => ok<ScanResult>(CASHIER, 'catalog.scan', { code });
  await ok(
    MANAGER,
    'catalog.add',
    draft({ sku: 'SOUP-1', name: { en: 'Soup', fr: 'Soupe' }, barcodes: ['042100005264'] }),
  );
  for (const code of ['042100005264', '0042100005264', '00042100005264', '04252614']) {
    const r = await scan(code);
    assert.equal(r.found === 'item' && r.item.sku, 'SOUP-1', code);
  }
  const misread = await scan('042100005265');
  assert.equal(misread.found, 'unreadable');
  assert.match(misread.found === 'unreadable' ? misread.message : '', /check digit|misread|scan it again/i);
  const unknown = await scan('4006381333931');
  assert.deepEqual(unknown.found === 'unknown' && unknown.code, '04006381333931');
  assert.match(unknown.found === 'unknown' ? unknown.message : '', /no item/i);
});

test('a scale’s price label finds the item and carries its price', { timeout: 30_000 }, async () => {
  // The item is stored under any label of it (here one printed at $2.99); a label at $4.17 finds it.
  await ok(
    MANAGER,
    'catalog.add',
    draft({
      sku: 'HAM-1',
      name: { en: 'Ham', fr: 'Jambon' },
      priceCents: null,
      soldBy: 'kg',
      barcodes: ['212345602997'],
    }),
  );
  // 2 12345 V 0417 C: verifier of 0417 = 3 x (0 + 2 + 3 + 8) = 39 -> 9; UPC-A check of 21234590417: 3 x 29 + 17 = 104 -> 6.
  const r = await ok<ScanResult>(CASHIER, 'catalog.scan', { code: '212345904176' });
  assert.equal(r.found, 'item');
  assert.equal(r.found === 'item' && r.item.sku, 'HAM-1');
  assert.equal(r.found === 'item' && r.labelPriceCents, 4_17);
});

test(
  'a SKU or a barcode belongs to one item; a barcode that does not check is refused; nothing is half-written',
  { timeout: 30_000 },
  async () => {
    const taken = await call(MANAGER, 'catalog.add', draft({ sku: 'CB-100', barcodes: [] }));
    assert.equal(codeOf(taken), 'invalid_payload');
    assert.match(messageOf(taken), /CB-100/);
    const sameCode = await call(MANAGER, 'catalog.add', draft({ sku: 'OTHER-1', barcodes: ['0036000241457'] }));
    assert.equal(codeOf(sameCode), 'invalid_payload', 'the EAN-13 form of a UPC-A already in use');
    const bad = await call(MANAGER, 'catalog.add', draft({ sku: 'OTHER-2', barcodes: ['036000241458'] }));
    assert.equal(codeOf(bad), 'invalid_payload');
    assert.match(messageOf(bad), /036000241458/);
    const found = await ok<ItemView[]>(MANAGER, 'catalog.search', { query: 'other', includeInactive: true });
    assert.deepEqual(found, [], 'neither refused item was written');
    const noName = await call(MANAGER, 'catalog.add', draft({ sku: 'N-1', name: { en: '', fr: ' ' }, barcodes: [] }));
    assert.equal(codeOf(noName), 'invalid_payload');
  },
);

test(
  'changes are audited with who and the price before and after; a deactivated item is not sold',
  { timeout: 30_000 },
  async () => {
    const [item] = await ok<ItemView[]>(MANAGER, 'catalog.search', { query: 'CB-100' });
    await ok(MANAGER, 'catalog.update', { id: item!.id, item: draft({ priceCents: 7_25 }) });
    await ok(MANAGER, 'catalog.update', { id: item!.id, item: draft({ priceCents: null }) });
    const lines = core.audit.entries().filter((e) => e.action.startsWith('catalog.'));
    assert.ok(
      lines.some(
        (e) => e.actor === ids.morgan && e.action === 'catalog.item_changed' && e.detail === 'CB-100: price 650 → 725',
      ),
    );
    assert.ok(lines.some((e) => e.detail === 'CB-100: price 725 → open'));
    await ok(MANAGER, 'catalog.setActive', { id: item!.id, active: false });
    assert.deepEqual(
      await ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'creme' }),
      [],
      'not offered to a cashier',
    );
    assert.deepEqual(
      (await ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'creme', includeInactive: true })).length,
      0,
      'a cashier asking for inactive items still gets active ones only',
    );
    assert.equal(
      (await ok<ItemView[]>(MANAGER, 'catalog.search', { query: 'creme', includeInactive: true })).length,
      1,
    );
    const scanned = await ok<ScanResult>(CASHIER, 'catalog.scan', { code: '036000241457' });
    assert.equal(scanned.found === 'item' && scanned.item.active, false, 'the scan says it is no longer sold');
    assert.ok(core.audit.entries().some((e) => e.action === 'catalog.item_deactivated' && e.detail === 'CB-100'));
  },
);
