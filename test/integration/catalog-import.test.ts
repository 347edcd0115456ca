/**
 * Importing and exporting the catalog as CSV, through the real bridge: a preview of every row (added,
 * changed, the same, refused and why) that writes nothing, a confirmation that writes the rest in one
 * go, a French file (semicolons, decimal commas, accents), the same file again changing nothing, and
 * an export that imports back as "the same" on every row.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, messageOf } from '../support/bridge-calls';
import type { ImportPreview, ItemView } from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
const OTHER_MANAGER_WINDOW = 3;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
const { ok, call } = bridgeCalls(() => core);
const itemCount = () => (core.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;

before(async () => {
  t = await testCore('catalog-import');
  core = t.core;
  const casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  const morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  await ok(OTHER_MANAGER_WINDOW, 'session.signIn', { staffId: morgan, pin: '135790' });
});
after(async () => {
  await t.close();
});

// A French spreadsheet's export: semicolons, decimal commas, a BOM, a quoted name with a semicolon.
const FRENCH = [
  '\uFEFFsku;name_en;name_fr;price;tax_category;department;sold_by;barcodes;active',
  'LAIT-2;Milk 2%;Lait 2 %;4,29;zero_rated;Laitier;unit;036000241457;oui',
  'POM-1;Apples;Pommes;4,39;zero_rated;Fruits;kg;;oui',
  '"FLE-1";Flowers;"Fleurs; bouquet";;standard;Fleurs;unit;;oui',
  ';No SKU;Sans SKU;1,00;;;unit;;',
  'LAIT-2;Milk again;Lait encore;1,00;;;unit;;',
  'BAD-1;Bad price;Mauvais prix;4.2.9;;;unit;;',
  'BAD-2;Bad code;Mauvais code;1,00;;;unit;036000241458;',
  'BAD-3;Grams;Grammes;1,00;;;g;;',
  'BAD-4;Same code;Même code;1,00;;;unit;0036000241457;',
  'OLD-1;Old;Ancien;2,00;;;unit;;non',
].join('\r\n');

test(
  'a preview says what every row would do and writes nothing; a cashier cannot import',
  { timeout: 30_000 },
  async () => {
    assert.equal(codeOf(await call(CASHIER, 'catalog.importPreview', { csv: FRENCH })), 'forbidden');
    const p = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv: FRENCH });
    assert.deepEqual(
      p.rows.map((r) => [r.line, r.sku, r.outcome]),
      [
        [2, 'LAIT-2', 'add'],
        [3, 'POM-1', 'add'],
        [4, 'FLE-1', 'add'],
        [5, '', 'refused'],
        [6, 'LAIT-2', 'refused'],
        [7, 'BAD-1', 'refused'],
        [8, 'BAD-2', 'refused'],
        [9, 'BAD-3', 'refused'],
        [10, 'BAD-4', 'refused'],
        [11, 'OLD-1', 'add'],
      ],
    );
    const why = Object.fromEntries(p.rows.filter((r) => r.why).map((r) => [r.line, r.why]));
    assert.match(why[5]!, /no SKU/);
    assert.match(why[6]!, /same SKU as line 2/);
    assert.match(why[7]!, /4\.2\.9.*not a price/);
    assert.match(why[8]!, /036000241458 does not check/);
    assert.match(why[9]!, /"?g"? is not unit, kg or lb|“g” is not unit, kg or lb/);
    assert.match(why[10]!, /0036000241457 is also on line 2/);
    assert.deepEqual([p.added, p.changed, p.same, p.refused], [4, 0, 0, 6]);
    assert.equal(itemCount(), 0, 'nothing written by a preview');
  },
);

test(
  'confirming writes the rows that are fine, once, for the manager and window that asked',
  { timeout: 30_000 },
  async () => {
    const p = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv: FRENCH });
    assert.equal(codeOf(await call(CASHIER, 'catalog.importConfirm', { token: p.token })), 'forbidden');
    const elsewhere = await call(OTHER_MANAGER_WINDOW, 'catalog.importConfirm', { token: p.token });
    assert.match(messageOf(elsewhere), /no longer waiting/, 'another window cannot confirm it (and it is used up)');
    const again = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv: FRENCH });
    const done = await ok<ImportPreview>(MANAGER, 'catalog.importConfirm', { token: again.token });
    assert.deepEqual([done.added, done.refused], [4, 6]);
    assert.equal(itemCount(), 4);
    assert.equal(
      codeOf(await call(MANAGER, 'catalog.importConfirm', { token: again.token })),
      'invalid_payload',
      'once',
    );
    const [milk] = await ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'lait' });
    assert.deepEqual(
      [milk!.sku, milk!.priceCents, milk!.taxCategory, milk!.name.fr, milk!.barcodes],
      ['LAIT-2', 4_29, 'zero_rated', 'Lait 2 %', ['00036000241457']],
    );
    const [flowers] = await ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'bouquet' });
    assert.equal(flowers!.priceCents, null, 'an empty price is an open price');
    assert.equal(flowers!.name.fr, 'Fleurs; bouquet', 'a quoted semicolon is text');
    const old = await ok<ItemView[]>(MANAGER, 'catalog.search', { query: 'OLD-1', includeInactive: true });
    assert.equal(old[0]!.active, false);
    assert.ok(
      core.audit.entries().some((e) => e.action === 'catalog.item_added' && e.detail === 'OLD-1 price 200 (off sale)'),
      'an item imported off sale says so',
    );
    assert.ok(
      core.audit.entries().some((e) => e.action === 'catalog.item_added' && e.detail === 'LAIT-2 price 429'),
      'one on sale says nothing more',
    );
    assert.ok(
      core.audit
        .entries()
        .some((e) => e.action === 'catalog.imported' && e.detail === '4 added, 0 changed, 0 the same, 6 refused'),
    );
  },
);

test('the same file again changes nothing; a changed price is a change, audited', { timeout: 30_000 }, async () => {
  const same = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv: FRENCH });
  assert.deepEqual([same.added, same.changed, same.same, same.refused], [0, 0, 4, 6]);
  const auditBefore = core.audit.entries().filter((e) => e.action.startsWith('catalog.item')).length;
  const version = core.catalog.version();
  await ok(MANAGER, 'catalog.importConfirm', { token: same.token });
  assert.equal(core.audit.entries().filter((e) => e.action.startsWith('catalog.item')).length, auditBefore);
  assert.equal(core.catalog.version(), version, 'nothing written: the catalog’s version stays');
  const dearer = FRENCH.replace('4,29;zero_rated', '4,49;zero_rated');
  const p = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv: dearer });
  assert.deepEqual([p.added, p.changed, p.same], [0, 1, 3]);
  await ok(MANAGER, 'catalog.importConfirm', { token: p.token });
  assert.ok(core.audit.entries().some((e) => e.detail === 'LAIT-2: price 429 → 449'));
});

test(
  'a catalog changed between the preview and the confirmation: refused, nothing written',
  { timeout: 30_000 },
  async () => {
    const file = 'sku,name_en,price\nNEW-1,New thing,1.00\n';
    const p = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv: file });
    await ok(MANAGER, 'catalog.add', {
      sku: 'NEW-1',
      name: { en: 'Added meanwhile', fr: '' },
      priceCents: 2_00,
      taxCategory: 'standard',
      department: '',
      soldBy: 'unit',
      barcodes: [],
    });
    const r = await call(MANAGER, 'catalog.importConfirm', { token: p.token });
    assert.match(messageOf(r), /changed since the preview/);
    const [item] = await ok<ItemView[]>(MANAGER, 'catalog.search', { query: 'NEW-1' });
    assert.equal(item!.name.en, 'Added meanwhile');
  },
);

test('a file that is not the catalog’s is refused in plain words', { timeout: 30_000 }, async () => {
  assert.match(messageOf(await call(MANAGER, 'catalog.importPreview', { csv: 'sku,colour\nA,red\n' })), /colour/);
  assert.match(messageOf(await call(MANAGER, 'catalog.importPreview', { csv: 'price\n1.00\n' })), /needs a sku column/);
  assert.match(
    messageOf(await call(MANAGER, 'catalog.importPreview', { csv: 'sku,name_en\n"A,b\n' })),
    /cannot be read as CSV/,
  );
});

test('an export imports back as the same on every row', { timeout: 30_000 }, async () => {
  const { csv } = await ok<{ csv: string }>(MANAGER, 'catalog.export', {});
  assert.match(csv.split('\n')[0]!, /^sku,name_en,name_fr,price,tax_category,department,sold_by,barcodes,active/);
  const back = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv });
  assert.equal(back.refused, 0);
  assert.equal(back.added + back.changed, 0);
  assert.equal(back.same, itemCount());
  assert.equal(codeOf(await call(CASHIER, 'catalog.export', {})), 'forbidden');
});

test('each column changed on its own is a change; refusals say which cell and why', { timeout: 60_000 }, async () => {
  const header = 'sku,name_en,name_fr,price,tax_category,department,sold_by,barcodes,active';
  const row = ['ONE-1', 'One', 'Un', '1.00', 'standard', 'Misc', 'unit', '4006381333931', 'yes'];
  const file = (cells: string[]) => `${header}\n${cells.join(',')}\n`;
  const first = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv: file(row) });
  await ok(MANAGER, 'catalog.importConfirm', { token: first.token });
  const outcome = async (column: number, value: string) => {
    const cells = [...row];
    cells[column] = value;
    const p = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv: file(cells) });
    return p.rows[0]!;
  };
  assert.equal((await outcome(1, 'One')).outcome, 'same', 'nothing changed');
  assert.equal((await outcome(1, 'Uno')).outcome, 'change', 'the English name');
  assert.equal((await outcome(2, 'Une')).outcome, 'change', 'the French name');
  assert.equal((await outcome(3, '1.01')).outcome, 'change', 'the price');
  assert.equal((await outcome(3, '')).outcome, 'change', 'an open price');
  assert.equal((await outcome(4, 'zero_rated')).outcome, 'change', 'the tax category');
  assert.equal((await outcome(4, '')).outcome, 'same', 'an empty tax category is standard');
  assert.equal((await outcome(5, 'Other')).outcome, 'change', 'the department');
  assert.equal((await outcome(6, 'kg')).outcome, 'change', 'sold by');
  assert.equal((await outcome(6, '')).outcome, 'same', 'an empty unit is unit');
  assert.equal((await outcome(6, 'KG')).outcome, 'change', 'units in capitals');
  assert.equal((await outcome(7, '')).outcome, 'change', 'no barcode');
  assert.equal((await outcome(7, '4006381333931|96385074')).outcome, 'change', 'another barcode, after a bar');
  assert.equal((await outcome(7, '04006381333931')).outcome, 'same', 'the same barcode written as GTIN-14');
  assert.equal((await outcome(8, 'no')).outcome, 'change', 'inactive');
  assert.equal((await outcome(8, 'OUI')).outcome, 'same', 'oui in capitals is yes');
  assert.equal((await outcome(8, '')).outcome, 'same', 'an empty active cell is yes');
  const maybe = await outcome(8, 'maybe');
  assert.deepEqual([maybe.outcome, maybe.why], ['refused', '“maybe” is not yes or no']);
  const grams = await outcome(6, 'g');
  assert.deepEqual([grams.outcome, grams.why], ['refused', '“g” is not unit, kg or lb']);
  const tax = await outcome(4, 'Standard');
  assert.equal(tax.outcome, 'refused');
  assert.match(tax.why!, /^taxCategory: a tax category is a short lower-case name/);
  const long = await outcome(1, 'x'.repeat(81));
  assert.match(long.why!, /^name\.en: /);
  const noName = await outcome(1, '');
  const noNameAtAll = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', {
    csv: `${header}\nONE-1,,,1.00,,,,,\n`,
  });
  assert.equal(noName.outcome, 'change', 'a French name alone is enough');
  assert.match(noNameAtAll.rows[0]!.why!, /^name: an item needs a name/);
  const taken = await ok<ImportPreview>(MANAGER, 'catalog.importPreview', {
    csv: `${header}\nTWO-2,Two,Deux,1.00,,,,4006381333931,\n`,
  });
  assert.equal(taken.rows[0]!.why, 'the barcode 4006381333931 belongs to ONE-1');
});

test(
  'a file’s shape: no rows, a SKU alone, the line a broken quote is on, too many rows',
  { timeout: 60_000 },
  async () => {
    assert.match(messageOf(await call(MANAGER, 'catalog.importPreview', { csv: '\n\n' })), /The file is empty/);
    assert.match(
      messageOf(await call(MANAGER, 'catalog.importPreview', { csv: 'sku,price\nA,1\n' })),
      /needs a sku column and a name_en or name_fr/,
    );
    assert.equal(
      codeOf(await call(MANAGER, 'catalog.importPreview', { csv: 'sku,name_fr\nA,Un\n' })),
      'ok',
      'a French name column alone',
    );
    const broken = await call(MANAGER, 'catalog.importPreview', { csv: 'sku,name_en\nA,One\nB,Two\nC,"Three\n' });
    assert.match(messageOf(broken), /near line [45]/);
    const many = `sku,name_en\n${Array.from({ length: 200_001 }, (_, i) => `S${i},N`).join('\n')}\n`;
    assert.match(
      messageOf(await call(MANAGER, 'catalog.importPreview', { csv: many })),
      /more than 200000 rows|more than 200,000 rows|more than 200 000 rows/,
    );
  },
);

test('the catalog saved as a file is for managers; a save cancelled says so and records nothing', async () => {
  assert.equal(codeOf(await call(CASHIER, 'catalog.saveExport', {})), 'forbidden');
  const before = core.audit.entries().filter((e) => e.action === 'catalog.exported').length;
  // This core has no screen to save from: the save comes back cancelled (null), as when a manager cancels.
  const r = await ok<{ path: string | null; items: number }>(MANAGER, 'catalog.saveExport', {});
  assert.deepEqual(r, { path: null, items: itemCount() });
  assert.equal(core.audit.entries().filter((e) => e.action === 'catalog.exported').length, before);
});
