/**
 * The item catalog through the real bridge: who may do what, the search a cashier types (accents,
 * case, French and English names, SKU), a scan of every form of a product, a scale's label, an
 * unknown or misread code, and every change audited with who and the price before and after.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, messageOf, refusalOf } from '../support/bridge-calls';
import type { ItemDraft, ItemView, QuickKeyPage, ScanResult } from '../../common/contract';

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

/** Every line main writes to its log (stdout in the app). */
const logged: string[] = [];

before(async () => {
  t = await testCore('catalog', { log: (line) => logged.push(line) });
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

test(
  'each kind of change is said in the audit line, and a change of nothing says so',
  { timeout: 30_000 },
  async () => {
    const base = draft({ sku: 'AUD-1', name: { en: 'Audit', fr: 'Audit' }, barcodes: ['96385074', '4006381333931'] });
    const item = await ok<ItemView>(MANAGER, 'catalog.add', base);
    let current = base;
    // Each change on top of the one before.
    const change = async (over: Partial<ItemDraft>) => {
      current = { ...current, ...over };
      await ok(MANAGER, 'catalog.update', { id: item.id, item: current });
      return core.audit.entries().at(-1)!.detail;
    };
    assert.equal(
      await change({ barcodes: ['4006381333931', '96385074'] }),
      'AUD-1: no change',
      'the same barcodes in another order',
    );
    assert.equal(await change({ name: { en: 'Audit', fr: 'Vérification' } }), 'AUD-1: name', 'the French name alone');
    assert.equal(
      await change({ name: { en: 'Audited', fr: 'Vérification' } }),
      'AUD-1: name',
      'the English name alone',
    );
    assert.equal(await change({ taxCategory: 'zero_rated' }), 'AUD-1: tax standard → zero_rated');
    assert.equal(await change({ department: 'Dairy' }), 'AUD-1: department');
    assert.equal(await change({ soldBy: 'kg' }), 'AUD-1: sold by unit → kg');
    assert.equal(await change({ barcodes: ['96385074'] }), 'AUD-1: barcodes');
    assert.equal(await change({ sku: 'AUD-2' }), 'AUD-2: sku AUD-1 → AUD-2');
    assert.equal(
      codeOf(await call(MANAGER, 'catalog.update', { id: '7d3c1e52-0c4b-4f8e-9a61-2f0f0c9b1a11', item: base })),
      'invalid_payload',
    );
    const gone = await call(MANAGER, 'catalog.setActive', {
      id: '7d3c1e52-0c4b-4f8e-9a61-2f0f0c9b1a11',
      active: false,
    });
    assert.match(messageOf(gone), /not in the catalog/);
    const taken = await call(MANAGER, 'catalog.add', draft({ sku: 'AUD-3', barcodes: ['96385074'] }));
    assert.match(messageOf(taken), /00000096385074/, 'the barcode in use is named');
    const reactivated = await ok<ItemView>(MANAGER, 'catalog.setActive', { id: item.id, active: true });
    assert.equal(reactivated.active, true);
    assert.equal(core.audit.entries().at(-1)!.action, 'catalog.item_activated');
  },
);

test(
  'a search gives at most 50 items, a SKU typed exactly first and once, and ignores signs alone',
  { timeout: 60_000 },
  async () => {
    for (let i = 0; i < 55; i++)
      await ok(
        MANAGER,
        'catalog.add',
        draft({ sku: `TEA-${i}`, name: { en: `Tea number ${i}`, fr: `Thé ${i}` }, barcodes: [] }),
      );
    const teas = await ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'tea' });
    assert.equal(teas.length, 50);
    const exact = await ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'TEA-7' });
    assert.equal(exact[0]!.sku, 'TEA-7', 'the SKU typed exactly comes first');
    assert.equal(exact.filter((i) => i.sku === 'TEA-7').length, 1, 'and only once');
    assert.deepEqual(await ok<ItemView[]>(CASHIER, 'catalog.search', { query: '!!! ,,, ---' }), []);
    // Eight words at most are searched: a ninth that matches nothing does not empty the list.
    const nine = await ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'tea number 7 tea number 7 tea number zzz' });
    assert.equal(nine[0]?.sku, 'TEA-7');
  },
);

test(
  'a weight label (a pattern the shop set) carries the weight; an unknown label names its item key',
  { timeout: 30_000 },
  async () => {
    core.settings.set('catalog.labels', [
      { prefix: '02', itemDigits: 5, verifier: true, valueDigits: 4, value: 'price', decimals: 2 },
      { prefix: '2', itemDigits: 6, verifier: false, valueDigits: 5, value: 'weight', decimals: 3 },
    ]);
    await ok(
      MANAGER,
      'catalog.add',
      draft({
        sku: 'CHEESE',
        name: { en: 'Cheese', fr: 'Fromage' },
        priceCents: 24_00,
        soldBy: 'kg',
        barcodes: ['2123456012507'],
      }),
    );
    // 2 123456 01250 7: 1.250 kg.
    const r = await ok<ScanResult>(CASHIER, 'catalog.scan', { code: '2123456012507' });
    assert.equal(r.found === 'item' && r.item.sku, 'CHEESE');
    assert.equal(r.found === 'item' && r.labelQuantityMilli, 1_250);
    assert.equal(r.found === 'item' && r.labelPriceCents, undefined);
    // A price label of an item no one added: 2 54321 V 0100 C. Verifier of 0100: (0 + 2 + 0 + 0) x 3 = 6;
    // UPC-A check of 25432160100: 3 x (2+4+2+6+1+0) + (5+3+1+0+0) = 54 -> 6. Its key: 0254321 then zeros,
    // EAN-13 check of 025432100000, weights 3,1,… from the right: 1 + 6 + 3 + 12 + 5 + 6 = 33 -> 7.
    const unknown = await ok<ScanResult>(CASHIER, 'catalog.scan', { code: '254321601006' });
    assert.equal(unknown.found, 'unknown');
    assert.equal(unknown.found === 'unknown' && unknown.code, '00254321000007');
    core.settings.set('catalog.labels', [
      { prefix: '02', itemDigits: 5, verifier: true, valueDigits: 4, value: 'price', decimals: 2 },
    ]);
  },
);

test(
  'quick keys: a manager arranges a department’s page; a cashier reads it; an item out of sale is not shown',
  { timeout: 30_000 },
  async () => {
    const bread = await ok<ItemView>(MANAGER, 'catalog.add', draft({ sku: 'QK-BREAD', barcodes: [] }));
    const bun = await ok<ItemView>(MANAGER, 'catalog.add', draft({ sku: 'QK-BUN', barcodes: [] }));
    const tea = await ok<ItemView>(MANAGER, 'catalog.add', draft({ sku: 'QK-TEA', barcodes: [], department: 'Café' }));
    const arrange = (who: number, department: string, itemIds: string[]) =>
      call(who, 'catalog.arrangeQuickKeys', { department, itemIds });
    assert.equal(codeOf(await arrange(CASHIER, 'Bakery', [bread.id])), 'forbidden', 'a cashier cannot arrange');
    await ok(MANAGER, 'catalog.arrangeQuickKeys', { department: 'Bakery', itemIds: [bun.id, bread.id] });
    await ok(MANAGER, 'catalog.arrangeQuickKeys', { department: 'Café', itemIds: [tea.id] });
    const skus = (pages: QuickKeyPage[]) => pages.map((p) => [p.department, p.items.map((i) => i.sku)]);
    assert.deepEqual(skus(await ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {})), [
      ['Bakery', ['QK-BUN', 'QK-BREAD']],
      ['Café', ['QK-TEA']],
    ]);
    await ok(MANAGER, 'catalog.setActive', { id: bun.id, active: false });
    assert.deepEqual(skus(await ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {})), [
      ['Bakery', ['QK-BREAD']],
      ['Café', ['QK-TEA']],
    ]);
    await ok(MANAGER, 'catalog.setActive', { id: bun.id, active: true });
    assert.deepEqual(skus(await ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {}))[0], [
      'Bakery',
      ['QK-BUN', 'QK-BREAD'],
    ]);
    assert.match(messageOf(await arrange(MANAGER, 'Bakery', [bread.id, bread.id])), /twice/);
    assert.match(messageOf(await arrange(MANAGER, 'Bakery', [bread.id, crypto.randomUUID()])), /not in the catalog/);
    // At most 24 keys on a page: 24 distinct items are one page, 25 are refused (not for being twice).
    const many: string[] = [];
    for (let i = 0; i < 25; i++)
      many.push((await ok<ItemView>(MANAGER, 'catalog.add', draft({ sku: `QK-MANY-${i}`, barcodes: [] }))).id);
    await ok(MANAGER, 'catalog.arrangeQuickKeys', { department: 'Many', itemIds: many.slice(0, 24) });
    const tooMany = await arrange(MANAGER, 'Many', many);
    assert.equal(codeOf(tooMany), 'invalid_payload', 'at most 24');
    assert.doesNotMatch(messageOf(tooMany), /twice/);
    await ok(MANAGER, 'catalog.arrangeQuickKeys', { department: 'Many', itemIds: [] });
    assert.deepEqual(skus(await ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {}))[0]![1], ['QK-BUN', 'QK-BREAD']);
    await ok(MANAGER, 'catalog.arrangeQuickKeys', { department: 'Café', itemIds: [] });
    assert.deepEqual(
      skus(await ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {})).map(([d]) => d),
      ['Bakery'],
      'an empty page is gone',
    );
    assert.ok(
      core.audit
        .entries()
        .some((e) => e.action === 'catalog.quick_keys_arranged' && e.detail === 'Bakery: QK-BUN, QK-BREAD'),
    );
  },
);

test(
  'an unknown barcode at a cashier’s sale: the manager’s PIN adds the item, audited as theirs; a wrong PIN or a cashier’s adds nothing',
  { timeout: 30_000 },
  async () => {
    const unknown = await ok<ScanResult>(CASHIER, 'catalog.scan', { code: '4006381333931' });
    assert.equal(unknown.found, 'unknown');
    const item = draft({ sku: 'NEW-AT-COUNTER', barcodes: ['4006381333931'] });
    const count = () => (core.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    const before = count();
    const wrong = await call(CASHIER, 'catalog.addAtCounter', { item, managerId: ids.morgan, pin: '000000' });
    assert.equal(codeOf(wrong), 'wrong_pin');
    const notManager = await call(CASHIER, 'catalog.addAtCounter', { item, managerId: ids.casey, pin: '2468' });
    assert.equal(codeOf(notManager), 'forbidden');
    assert.equal(count(), before, 'nothing added');
    const added = await ok<ItemView>(CASHIER, 'catalog.addAtCounter', { item, managerId: ids.morgan, pin: '135790' });
    assert.equal(count(), before + 1);
    const found = await ok<ScanResult>(CASHIER, 'catalog.scan', { code: '4006381333931' });
    assert.equal(found.found === 'item' && found.item.id, added.id);
    const row = core.audit.entries().find((e) => e.action === 'catalog.item_added' && e.detail.startsWith('NEW-AT'));
    assert.equal(row?.actor, ids.morgan, 'the manager added it');
    assert.equal(row?.detail, `NEW-AT-COUNTER price 650 (at the sale of ${ids.casey})`);
  },
);

test('a manager’s list with nothing typed: the items changed last, on sale or not; nobody else gets it', async () => {
  const first = await ok<ItemView>(MANAGER, 'catalog.add', draft({ sku: 'LIST-1', barcodes: [] }));
  const second = await ok<ItemView>(MANAGER, 'catalog.add', draft({ sku: 'LIST-2', barcodes: [] }));
  await ok(MANAGER, 'catalog.setActive', { id: first.id, active: false });
  const latest = await ok<ItemView[]>(MANAGER, 'catalog.search', { query: '', includeInactive: true });
  assert.deepEqual(
    latest.slice(0, 2).map((i) => i.sku),
    ['LIST-1', 'LIST-2'],
    'the one changed last first, off sale as it is',
  );
  assert.deepEqual(
    (await ok<ItemView[]>(MANAGER, 'catalog.search', { query: '   ', includeInactive: true })).map((i) => i.id),
    latest.map((i) => i.id),
    'spaces are nothing typed',
  );
  assert.deepEqual(await ok(MANAGER, 'catalog.search', { query: '' }), [], 'not asked for the list');
  assert.deepEqual(await ok(CASHIER, 'catalog.search', { query: '', includeInactive: true }), [], 'a cashier');
  assert.ok(second.active);
});

test('quick keys: the audit names an empty department and an empty page; refusals are bad input', async () => {
  await ok(MANAGER, 'catalog.arrangeQuickKeys', { department: '', itemIds: [] });
  assert.ok(core.audit.entries().some((e) => e.action === 'catalog.quick_keys_arranged' && e.detail === '—: none'));
  const bread = await ok<ItemView>(MANAGER, 'catalog.add', draft({ sku: 'QK-AUDIT', barcodes: [] }));
  assert.match(
    refusalOf(await call(MANAGER, 'catalog.arrangeQuickKeys', { department: 'X', itemIds: [bread.id, bread.id] })),
    /twice/,
  );
  assert.match(
    refusalOf(await call(MANAGER, 'catalog.arrangeQuickKeys', { department: 'X', itemIds: [crypto.randomUUID()] })),
    /not in the catalog/,
  );
  assert.match(
    refusalOf(await call(MANAGER, 'catalog.update', { id: crypto.randomUUID(), item: draft({ sku: 'NOPE' }) })),
    /not in the catalog/,
  );
  assert.match(
    refusalOf(await call(MANAGER, 'catalog.setActive', { id: crypto.randomUUID(), active: false })),
    /not in the catalog/,
  );
});

test('a wrong PIN for an item at the counter is audited with what it was for', async () => {
  const item = draft({ sku: 'PIN-AUDIT', barcodes: [] });
  await call(CASHIER, 'catalog.addAtCounter', { item, managerId: ids.morgan, pin: '000000' });
  assert.ok(
    core.audit
      .entries()
      .some((e) => e.action === 'override.refused' && e.detail.startsWith('catalog.add PIN-AUDIT: wrong_pin')),
  );
  // The right PIN, so the manager's override misses are back to zero for the tests that follow.
  await ok(CASHIER, 'catalog.addAtCounter', { item, managerId: ids.morgan, pin: '135790' });
});

test('a search matching more than 2,000 items lists them in catalog order; a narrower one ranks', async () => {
  core.catalog.insertPlanned(
    ids.morgan,
    Array.from({ length: 2_100 }, (_, i) => ({
      draft: draft({ sku: `BULK-${i}`, name: { en: `Bulk thing ${i}`, fr: '' }, barcodes: [] }),
      gtins: [],
      active: true,
    })),
  );
  const broad = await ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'bulk' });
  assert.deepEqual(
    broad.slice(0, 3).map((i) => i.sku),
    ['BULK-0', 'BULK-1', 'BULK-2'],
    'in the order they were added',
  );
  // "thing 2099" matches one item best (both words), others by "thing" alone: ranked, it comes first.
  const narrow = await ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'thing 2099' });
  assert.equal(narrow[0]!.sku, 'BULK-2099');
});

test('a catalog made before prefix indexes gets its search index made again, and finds what it had', async () => {
  const { openDatabase } = await import('../../main/db');
  const { Catalog } = await import('../../main/catalog/catalog');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const db = openDatabase(path.join(mkdtempSync(path.join(tmpdir(), 'pos-old-catalog-')), 'old.sqlite'));
  const labels = () => [];
  new Catalog({ db, now: Date.now, record: () => {}, labels }).add('m', draft({ sku: 'OLD-IDX', barcodes: [] }));
  // The index as the first catalog made it: no prefix option.
  db.exec('DROP TABLE items_search');
  db.exec(
    "CREATE VIRTUAL TABLE items_search USING fts5(name_en, name_fr, sku, department, tokenize = 'unicode61 remove_diacritics 2')",
  );
  const again = new Catalog({ db, now: Date.now, record: () => {}, labels });
  const made = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'items_search'").get() as { sql: string };
  assert.match(made.sql, /prefix/);
  assert.deepEqual(
    again.search('creme').map((i) => i.sku),
    ['OLD-IDX'],
  );
  db.close();
});

test(
  'a manager’s PIN typed for an item at the counter never leaves main: not in an answer, the audit, the journal or the log',
  { timeout: 30_000 },
  async () => {
    const pin = '135790';
    const wrongPin = '975310';
    const item = draft({ sku: 'PIN-SECRET', barcodes: [] });
    const answers = [
      await call(CASHIER, 'catalog.addAtCounter', { item, managerId: ids.morgan, pin: wrongPin }),
      await call(CASHIER, 'catalog.addAtCounter', { item, managerId: ids.casey, pin: wrongPin }),
      await call(CASHIER, 'catalog.addAtCounter', { item, managerId: ids.morgan, pin }),
      await call(CASHIER, 'catalog.addAtCounter', {
        item: draft({ sku: 'PIN-SECRET', barcodes: [] }),
        managerId: ids.morgan,
        pin,
      }),
    ];
    assert.deepEqual(answers.map(codeOf), ['wrong_pin', 'forbidden', 'ok', 'invalid_payload']);
    const everywhere = JSON.stringify({
      answers,
      audit: core.audit.entries(),
      journal: core.journal.list(),
      log: logged,
      rows: core.db.prepare('SELECT * FROM items').all(),
    });
    // Bounded by what is not a hex digit: the ids and hashes in there are hex, and may hold six digits in a row by chance.
    for (const secret of [pin, wrongPin])
      assert.doesNotMatch(everywhere, new RegExp(`(?<![0-9a-f])${secret}(?![0-9a-f])`), `${secret} is nowhere`);
    assert.ok(logged.length + core.audit.entries().length > 0, 'the places looked in have something in them');
  },
);

test('changes made within one millisecond stand in the order made: the one changed last comes first', async () => {
  const { openDatabase } = await import('../../main/db');
  const { Catalog } = await import('../../main/catalog/catalog');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const db = openDatabase(path.join(mkdtempSync(path.join(tmpdir(), 'pos-same-ms-')), 'a.sqlite'));
  // A clock that never moves: every change in the same millisecond.
  const catalog = new Catalog({
    db,
    now: () => Date.parse('2026-12-07T12:00:00.000Z'),
    record: () => {},
    labels: () => [],
  });
  const first = catalog.add('m', draft({ sku: 'SAME-1', barcodes: [] }));
  catalog.add('m', draft({ sku: 'SAME-2', barcodes: [] }));
  catalog.setActive('m', first.id, false);
  assert.deepEqual(
    catalog.latest().map((i) => i.sku),
    ['SAME-1', 'SAME-2'],
  );
  db.close();
});
