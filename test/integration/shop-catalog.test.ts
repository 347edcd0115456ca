/**
 * The catalog of a shop with several counters (issue 27, part 5), against a real PostgreSQL started
 * here: the first counter's catalog becomes the shop's and a counter joining gives its own up for it;
 * a price changed at one counter is sold at another within seconds (its own timer); an import reaches
 * every counter; the database away refuses changes in plain words and undoes them, while every counter
 * sells from its copy; a change from an older copy, a SKU or barcode taken at another counter, is
 * refused and undone; rows written into the database without the shop's key — a price, a barcode, a
 * quick-key page — or a genuine older row put back are refused and reported, never sold.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import keytar from 'keytar';
import { testCore } from '../support/core';
import { bridgeCalls, codeOf, messageOf } from '../support/bridge-calls';
import { adminPool, startPostgres, type TestPostgres } from '../support/postgres';
import { accountFor } from '../../main/vault/vault';
import { Sealer } from '../../main/seal';
import type { ImportPreview, ItemDraft, ItemView, QuickKeyPage, ScanResult } from '../../common/contract';
import type { CatalogCopy, SharedItem } from '../../main/catalog/shared';
import { ShopCatalog } from '../../main/shop/shop-catalog';
import { inTransaction } from '../../main/shop/shop-database';
import { migrate } from '../../main/shop/migrations';

type Counter = Awaited<ReturnType<typeof testCore>>;
const CASHIER = 1;
const MANAGER = 2;
let db: TestPostgres;
let admin: pg.Pool;
const counters: Counter[] = [];
let linkCode: string | null = null;
const staff = { cashier: '', manager: '' };

const draft = (over: Partial<ItemDraft> = {}): ItemDraft => ({
  sku: 'BREAD-1',
  name: { en: 'Sourdough loaf', fr: 'Pain au levain' },
  priceCents: 6_50,
  taxCategory: 'standard',
  department: 'Bakery',
  soldBy: 'unit',
  barcodes: ['036000241457'],
  ...over,
});

const link = () => ({
  host: db.host,
  port: db.port,
  database: db.database,
  user: db.user,
  certificate: db.fingerprint!,
});

/** A counter of the shop with its cashier at window 1 and its manager at window 2; the first founds the shop. */
async function counter(name: string, own: ItemDraft[] = [], shipEveryMs = 3_600_000) {
  const c = await testCore(name, { shopShipEveryMs: shipEveryMs });
  counters.push(c);
  const { ok, call } = bridgeCalls(() => c.core);
  if (!linkCode) {
    const cashier = await c.core.staffStore.create('Casey', 'cashier', '2468');
    const manager = await c.core.staffStore.create('Morgan', 'manager', '135790');
    for (const d of own) c.core.catalog.add(manager.id, d);
    // A page of quick keys arranged before the shop existed: offered with the catalog.
    const bread = c.core.catalog.bySku('BREAD-1');
    if (bread) c.core.quickKeys.arrange(manager.id, 'Bakery', [bread.id]);
    const r = await c.core.shop.link(link(), db.password, 'test');
    assert.equal(r.founded, true);
    linkCode = r.linkCode;
    staff.cashier = cashier.id;
    staff.manager = manager.id;
  } else {
    for (const d of own) c.core.catalog.add('local', d);
    const r = await c.core.shop.link(link(), db.password, 'test', linkCode);
    assert.equal(r.founded, false);
  }
  await ok(CASHIER, 'session.signIn', { staffId: staff.cashier, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: staff.manager, pin: '135790' });
  return { c, ok, call, tick: () => c.core.shop.tick() };
}

let A: Awaited<ReturnType<typeof counter>>;
let B: Awaited<ReturnType<typeof counter>>;

const scan = async (k: typeof A, code: string) => {
  const r = await k.ok<ScanResult>(CASHIER, 'catalog.scan', { code });
  return r.found === 'item' ? r.item : null;
};
const sku = (k: typeof A, s: string) => k.c.core.catalog.bySku(s);
const audited = (k: typeof A, action: string) => k.c.core.audit.entries().filter((e) => e.action === action);

/** The shop's key, as every counter has it in its keychain: the test seals rows as a counter would. */
async function shopSealer(k: typeof A): Promise<Sealer> {
  const hex = await keytar.getPassword(k.c.service, accountFor(k.c.core.databaseId, 'shop-pepper'));
  return new Sealer(Buffer.from(hex!, 'hex'));
}

before(async () => {
  db = await startPostgres();
  admin = adminPool(db);
  A = await counter('cat-a', [
    draft(),
    draft({ sku: 'MILK-1', name: { en: 'Milk 1 L', fr: 'Lait 1 L' }, priceCents: 2_49, barcodes: ['4006381333931'] }),
  ]);
  // A page arranged once linked: sent to the shop database.
  await A.ok(MANAGER, 'catalog.arrangeQuickKeys', { department: 'Dairy', itemIds: [sku(A, 'MILK-1')!.id] });
  await A.tick();
  // B had a catalog of its own (one SKU the same as the shop's, another not the shop's at all).
  B = await counter('cat-b', [
    draft({ name: { en: 'Old bread', fr: 'Vieux pain' }, priceCents: 1_00, barcodes: ['96385074'] }),
    draft({ sku: 'B-ONLY', name: { en: 'B only', fr: 'B seulement' }, barcodes: [] }),
  ]);
});
after(async () => {
  for (const c of counters) await c.close();
  await admin.end();
  await db.close();
});

test(
  'the first counter’s catalog is the shop’s; a counter joining gives its own up for it, quick keys and search included',
  { timeout: 60_000 },
  async () => {
    const shop = await admin.query<{ sku: string }>('SELECT sku FROM items ORDER BY sku');
    assert.deepEqual(
      shop.rows.map((r) => r.sku),
      ['BREAD-1', 'MILK-1'],
    );
    assert.equal(audited(A, 'shop.catalog_offered').length, 1);
    assert.deepEqual(
      B.c.core.catalog.all().map((i) => [i.sku, i.priceCents, i.name.en]),
      [
        ['BREAD-1', 6_50, 'Sourdough loaf'],
        ['MILK-1', 2_49, 'Milk 1 L'],
      ],
      'the shop’s items, and none of B’s own',
    );
    assert.equal(sku(B, 'BREAD-1')!.id, sku(A, 'BREAD-1')!.id, 'the same item');
    assert.equal((await scan(B, '4006381333931'))?.sku, 'MILK-1', 'sold by barcode at B');
    assert.equal(await scan(B, '96385074'), null, 'B’s own barcode left with its item');
    const found = await B.ok<ItemView[]>(CASHIER, 'catalog.search', { query: 'levain' });
    assert.deepEqual(
      found.map((i) => i.sku),
      ['BREAD-1'],
      'searched in French at B',
    );
    const keys = await B.ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {});
    assert.deepEqual(
      keys.map((p) => [p.department, p.items.map((i) => i.sku)]),
      [
        ['Bakery', ['BREAD-1']],
        ['Dairy', ['MILK-1']],
      ],
      'the page offered with the catalog, and the one sent after',
    );
    assert.deepEqual(
      audited(B, 'shop.catalog_taken').map((e) => [e.actor, e.detail]),
      [['system', '2 items of this counter’s own left its copy']],
    );
    assert.deepEqual(
      audited(A, 'shop.catalog_offered').map((e) => [e.actor, e.detail]),
      [['system', '2 items, 1 quick-key pages']],
    );
  },
);

test(
  'a price changed at one counter is sold at another within seconds, by its own timer',
  { timeout: 60_000 },
  async () => {
    const fast = await counter('cat-fast', [], 100);
    const bread = sku(A, 'BREAD-1')!;
    await A.ok(MANAGER, 'catalog.update', { id: bread.id, item: draft({ priceCents: 7_25 }) });
    const deadline = Date.now() + 5_000;
    while ((await scan(fast, '036000241457'))?.priceCents !== 7_25 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal((await scan(fast, '036000241457'))?.priceCents, 7_25);
    // Taken off sale at the fast counter: gone from A's shelf after A's next tick.
    await fast.ok(MANAGER, 'catalog.setActive', { id: bread.id, active: false });
    await A.tick();
    assert.equal(sku(A, 'BREAD-1')!.active, false);
    await A.ok(MANAGER, 'catalog.setActive', { id: bread.id, active: true });
    await B.tick();
    assert.deepEqual([sku(B, 'BREAD-1')!.active, sku(B, 'BREAD-1')!.priceCents], [true, 7_25]);
  },
);

test('an import at one counter reaches the others; a page of quick keys too', { timeout: 60_000 }, async () => {
  const csv = [
    'sku,name_en,name_fr,price,tax_category,department,sold_by,barcodes,active',
    'TEA-1,Green tea,Thé vert,3.50,standard,Drinks,unit,,yes',
    'TEA-2,Black tea,Thé noir,3.75,standard,Drinks,unit,,yes',
    'MILK-1,Milk 1 L,Lait 1 L,2.59,standard,Dairy,unit,4006381333931,yes',
  ].join('\n');
  const preview = await B.ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv });
  const done = await B.ok<ImportPreview>(MANAGER, 'catalog.importConfirm', { token: preview.token });
  assert.deepEqual([done.added, done.changed], [2, 1]);
  const tea = sku(B, 'TEA-1')!;
  await B.ok(MANAGER, 'catalog.arrangeQuickKeys', { department: 'Drinks', itemIds: [tea.id, sku(B, 'TEA-2')!.id] });
  await A.tick();
  assert.deepEqual(
    ['TEA-1', 'TEA-2', 'MILK-1'].map((s) => sku(A, s)?.priceCents),
    [3_50, 3_75, 2_59],
  );
  const pages = await A.ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {});
  assert.deepEqual(
    pages.find((p) => p.department === 'Drinks')?.items.map((i) => i.sku),
    ['TEA-1', 'TEA-2'],
  );
});

test(
  'the shop database away: a change is refused in plain words and undone; every counter sells from its copy',
  { timeout: 60_000 },
  async () => {
    const milk = sku(A, 'MILK-1')!;
    const before = A.c.core.catalog.version();
    await db.stop();
    try {
      const r = await A.call(MANAGER, 'catalog.update', {
        id: milk.id,
        item: draft({ sku: 'MILK-1', priceCents: 9_99, barcodes: [] }),
      });
      assert.equal(codeOf(r), 'forbidden');
      assert.match(messageOf(r), /^Items and quick keys are changed in the shop database, which cannot be reached/);
      assert.equal(sku(A, 'MILK-1')!.priceCents, 2_59, 'the price here is as it was');
      assert.deepEqual(sku(A, 'MILK-1')!.barcodes, ['04006381333931'], 'and its barcode');
      const add = await A.call(MANAGER, 'catalog.add', draft({ sku: 'NEW-1', barcodes: [] }));
      assert.equal(codeOf(add), 'forbidden');
      assert.equal(sku(A, 'NEW-1'), null, 'nothing added here either');
      assert.ok(A.c.core.catalog.version() > before, 'a preview made before is not confirmed after the undo');
      assert.deepEqual(
        audited(A, 'catalog.change_undone').map((e) => [e.actor, e.detail]),
        [
          ['system', '1 items, 0 quick-key pages: error.shop.catalogOffline'],
          ['system', '1 items, 0 quick-key pages: error.shop.catalogOffline'],
        ],
      );
      assert.equal((await scan(B, '4006381333931'))?.priceCents, 2_59, 'B sells from its copy');
      assert.equal((await scan(A, '4006381333931'))?.priceCents, 2_59, 'and A from its own');
    } finally {
      await db.start();
    }
    await A.tick();
    await A.ok(MANAGER, 'catalog.add', draft({ sku: 'NEW-1', barcodes: [] }));
  },
);

test(
  'a change from an older copy, or a SKU or barcode another counter has just taken, is refused and undone',
  { timeout: 60_000 },
  async () => {
    await A.tick();
    await B.tick();
    const tea = sku(A, 'TEA-1')!;
    await A.ok(MANAGER, 'catalog.update', {
      id: tea.id,
      item: draft({ sku: 'TEA-1', name: tea.name, priceCents: 4_00, department: 'Drinks', barcodes: [] }),
    });
    // B has not heard of A's change yet.
    const stale = await B.call(MANAGER, 'catalog.update', {
      id: tea.id,
      item: draft({ sku: 'TEA-1', name: tea.name, priceCents: 3_00, department: 'Drinks', barcodes: [] }),
    });
    assert.equal(codeOf(stale), 'invalid_payload');
    assert.match(messageOf(stale), /^The item TEA-1 was changed at another counter a moment ago/);
    assert.equal(sku(B, 'TEA-1')!.priceCents, 3_50, 'undone at B');
    await B.tick();
    assert.equal(sku(B, 'TEA-1')!.priceCents, 4_00, 'then A’s change, at the next tick');
    // A SKU and a barcode A has just given items B has not heard of.
    await A.ok(
      MANAGER,
      'catalog.add',
      draft({ sku: 'JAM-1', name: { en: 'Jam', fr: 'Confiture' }, barcodes: ['0012345678905'] }),
    );
    const twin = await B.call(
      MANAGER,
      'catalog.add',
      draft({ sku: 'JAM-1', name: { en: 'Jam', fr: 'Confiture' }, barcodes: [] }),
    );
    assert.equal(codeOf(twin), 'invalid_payload');
    assert.match(messageOf(twin), /Another item already has the SKU JAM-1/);
    const code = await B.call(
      MANAGER,
      'catalog.add',
      draft({ sku: 'JAM-2', name: { en: 'Jam 2', fr: 'Confiture 2' }, barcodes: ['0012345678905'] }),
    );
    assert.equal(codeOf(code), 'invalid_payload');
    assert.match(messageOf(code), /Another item already has the barcode 00012345678905/);
    assert.deepEqual([sku(B, 'JAM-1'), sku(B, 'JAM-2')], [null, null], 'neither stays at B');
    assert.equal(audited(B, 'catalog.change_undone').length, 3);
    await B.tick();
    assert.equal(sku(B, 'JAM-1')?.barcodes[0], '00012345678905', 'A’s item, at the next tick');
  },
);

test(
  'a change written here but never sent (a restart between the two) is sent at the next tick',
  { timeout: 60_000 },
  async () => {
    await A.tick();
    const tea = sku(A, 'TEA-2')!;
    // Straight into A's copy, as a change is before it is sent.
    A.c.core.catalog.update(
      staff.manager,
      tea.id,
      draft({ sku: 'TEA-2', name: tea.name, priceCents: 4_10, department: 'Drinks', barcodes: [] }),
    );
    await A.tick();
    await B.tick();
    assert.equal(sku(B, 'TEA-2')!.priceCents, 4_10);
  },
);

/** Writes a row into the shop database as whoever holds its password could: a new version, any data. */
async function writeBehindTheCounters(id: string, change: { data?: string; rev?: number; seal?: string }) {
  const row = (
    await admin.query<{ data: string; rev: number; seal: string }>('SELECT data, rev, seal FROM items WHERE id = $1', [
      id,
    ])
  ).rows[0]!;
  await admin.query(
    "UPDATE items SET data = $2, rev = $3, seal = $4, version = nextval('catalog_version') WHERE id = $1",
    [id, change.data ?? row.data, change.rev ?? row.rev, change.seal ?? row.seal],
  );
  return row;
}

test(
  'the database’s password alone sets no price: a row changed, forged or put back without the shop’s key is refused and reported',
  { timeout: 60_000 },
  async () => {
    await A.tick();
    await B.tick();
    const milk = sku(A, 'MILK-1')!;
    const refusedBefore = audited(B, 'shop.item_refused').length;
    // 1. The price changed in the row, its seal kept.
    const genuine = await writeBehindTheCounters(milk.id, {});
    const cheaper = JSON.stringify({ ...JSON.parse(genuine.data), price_cents: 1 });
    await writeBehindTheCounters(milk.id, { data: cheaper });
    await B.tick();
    assert.equal(sku(B, 'MILK-1')!.priceCents, 2_59, 'a changed price is not sold');
    // 2. The revision raised, the data kept: still not the seal.
    await writeBehindTheCounters(milk.id, { data: genuine.data, rev: genuine.rev + 5 });
    await B.tick();
    // 3. A genuine older row put back (last week's price, sealed then): older than B's copy.
    const sealer = await shopSealer(A);
    const old = JSON.stringify({ ...JSON.parse(genuine.data), price_cents: 1_99 });
    await writeBehindTheCounters(milk.id, {
      data: old,
      rev: genuine.rev - 1,
      seal: sealer.item(milk.id, genuine.rev - 1, old),
    });
    await B.tick();
    assert.equal(sku(B, 'MILK-1')!.priceCents, 2_59, 'an older price is not sold');
    // 4. A sealed row that is not a valid item (a negative price) — refused all the same.
    const bad = JSON.stringify({ ...JSON.parse(genuine.data), price_cents: -5 });
    await writeBehindTheCounters(milk.id, {
      data: bad,
      rev: genuine.rev + 1,
      seal: sealer.item(milk.id, genuine.rev + 1, bad),
    });
    await B.tick();
    assert.equal(sku(B, 'MILK-1')!.priceCents, 2_59);
    const whys = audited(B, 'shop.item_refused')
      .slice(refusedBefore)
      .map((e) => e.detail.replace(/^[^:]+: /, ''));
    assert.deepEqual(whys, [
      'seal does not match the row',
      'seal does not match the row',
      'older than this counter’s copy (a replayed row)',
      'not a valid item (price_cents)',
    ]);
    // A page of quick keys forged: refused too.
    await admin.query(
      "UPDATE quick_keys SET item_ids = $1, version = nextval('catalog_version') WHERE department = 'Bakery'",
      [JSON.stringify([milk.id])],
    );
    await B.tick();
    const pages = await B.ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {});
    assert.deepEqual(
      pages.find((p) => p.department === 'Bakery')?.items.map((i) => i.sku),
      ['BREAD-1'],
    );
    assert.deepEqual(
      audited(B, 'shop.quick_keys_refused').map((e) => [e.actor, e.detail]),
      [['system', 'Bakery: seal does not match the row']],
    );
    assert.ok(audited(B, 'shop.item_refused').every((e) => e.actor === 'system'));
    // The genuine row back: taken (it is this counter's own revision), not refused.
    const refusedNow = audited(B, 'shop.item_refused').length;
    await writeBehindTheCounters(milk.id, { data: genuine.data, rev: genuine.rev, seal: genuine.seal });
    await B.tick();
    assert.equal(sku(B, 'MILK-1')!.priceCents, 2_59);
    assert.equal(audited(B, 'shop.item_refused').length, refusedNow, 'the same revision is taken');
  },
);

test(
  'a sealed row is still read as an item: not one, a SKU other than its own, or a SKU or barcode another item has here — each refused and reported',
  { timeout: 60_000 },
  async () => {
    await A.tick();
    await B.tick();
    const sealer = await shopSealer(A);
    const tea = sku(B, 'TEA-1')!;
    const milk = sku(B, 'MILK-1')!;
    const base = (
      await admin.query<{ data: string; rev: number }>('SELECT data, rev FROM items WHERE id = $1', [tea.id])
    ).rows[0]!;
    const refusedBefore = audited(B, 'shop.item_refused').length;
    const put = async (id: string, skuColumn: string, rev: number, data: string) => {
      await admin.query(
        `INSERT INTO items (id, sku, rev, data, seal) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, rev = excluded.rev, data = excluded.data, seal = excluded.seal, version = nextval('catalog_version')`,
        [id, skuColumn, rev, data, sealer.item(id, rev, data)],
      );
      await B.tick();
    };
    await put(tea.id, 'TEA-1', base.rev + 1, 'not json');
    const other = JSON.stringify({ ...JSON.parse(base.data), sku: 'TEA-9' });
    await put(tea.id, 'TEA-1', base.rev + 1, other);
    // Another id selling under TEA-1 (the database's own row moved aside), and one under milk's barcode.
    await admin.query("UPDATE items SET sku = 'moved' WHERE id = $1", [tea.id]);
    const twinId = '6c3f2a5e-1111-4a4a-9c9c-000000000001';
    await put(twinId, 'TEA-1', 1, base.data);
    await admin.query('DELETE FROM items WHERE id = $1', [twinId]);
    const thief = JSON.stringify({ ...JSON.parse(base.data), sku: 'THIEF-1', barcodes: milk.barcodes });
    await put(twinId, 'THIEF-1', 1, thief);
    // Sealed, but not an item at all, a barcode of 15 digits, one whose check digit is wrong.
    await admin.query('DELETE FROM items WHERE id = $1', [twinId]);
    await put(twinId, 'ODD-1', 1, '123');
    for (const code of ['000360002414570', '00036000241458']) {
      await admin.query('DELETE FROM items WHERE id = $1', [twinId]);
      const odd = JSON.stringify({ ...JSON.parse(base.data), sku: 'ODD-1', barcodes: [code] });
      await put(twinId, 'ODD-1', 1, odd);
    }
    const whys = audited(B, 'shop.item_refused')
      .slice(refusedBefore)
      .map((e) => e.detail.replace(/^[^:]+: /, ''));
    assert.deepEqual(whys, [
      'not an item',
      'SKU differs from the sealed item',
      'its SKU belongs to another item here',
      `its barcode ${milk.barcodes[0]} belongs to another item here`,
      'not a valid item (row)',
      'not a valid item (barcodes.0)',
      'not a valid item (barcodes.0)',
    ]);
    assert.equal(sku(B, 'ODD-1'), null);
    assert.deepEqual(
      [sku(B, 'TEA-1')!.priceCents, sku(B, 'THIEF-1'), (await scan(B, '4006381333931'))?.sku],
      [4_00, null, 'MILK-1'],
      'B sells as before',
    );
    // Pages: sealed, but not a list of items, or a department no counter could name.
    const pagesBefore = audited(B, 'shop.quick_keys_refused').length;
    for (const [department, ids] of [
      ['Drinks', JSON.stringify(['not-an-id'])],
      ['D'.repeat(41), JSON.stringify([tea.id])],
      ['Drinks', '{'],
    ] as const) {
      await admin.query(
        `INSERT INTO quick_keys (department, item_ids, seal) VALUES ($1, $2, $3)
       ON CONFLICT (department) DO UPDATE SET item_ids = excluded.item_ids, seal = excluded.seal, version = nextval('catalog_version')`,
        [department, ids, sealer.quickKeys(department, ids)],
      );
      await B.tick();
    }
    assert.deepEqual(
      audited(B, 'shop.quick_keys_refused')
        .slice(pagesBefore)
        .map((e) => [e.actor, e.detail]),
      [
        ['system', 'Drinks: not a page of items'],
        ['system', `${'D'.repeat(41)}: not a department name`],
        ['system', 'Drinks: not a page of items'],
      ],
    );
    const pages = await B.ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {});
    assert.deepEqual(
      pages.find((p) => p.department === 'Drinks')?.items.map((i) => i.sku),
      ['TEA-1', 'TEA-2'],
    );
    assert.ok(!pages.some((p) => p.department.length > 40), 'no page with a 41-letter department');
    // A page of 40 letters is a department; a key for an item this counter does not have is left out.
    const forty = 'E'.repeat(40);
    const withUnknown = JSON.stringify([tea.id, '6c3f2a5e-2222-4a4a-9c9c-000000000002']);
    await admin.query(`INSERT INTO quick_keys (department, item_ids, seal) VALUES ($1, $2, $3)`, [
      forty,
      withUnknown,
      sealer.quickKeys(forty, withUnknown),
    ]);
    await B.tick();
    const after = await B.ok<QuickKeyPage[]>(CASHIER, 'catalog.quickKeys', {});
    assert.deepEqual(
      after.find((p) => p.department === forty)?.items.map((i) => i.sku),
      ['TEA-1'],
    );
  },
);

test(
  'a change the shop database took but whose answer was lost is sent again and not undone',
  { timeout: 60_000 },
  async () => {
    await A.tick();
    const jam = sku(A, 'JAM-1')!;
    A.c.core.catalog.update(
      staff.manager,
      jam.id,
      draft({ sku: 'JAM-1', name: jam.name, priceCents: 5_55, barcodes: ['0012345678905'] }),
    );
    // Sent, but this counter never heard back (it still has it noted).
    const copy = (A.c.core.shop as unknown as { catalogCopy: { outgoing(): unknown } }).catalogCopy;
    await A.c.core.shop.database()!.catalog.push(copy.outgoing() as never);
    const undoneBefore = audited(A, 'catalog.change_undone').length;
    await A.tick();
    assert.equal(audited(A, 'catalog.change_undone').length, undoneBefore, 'not undone');
    assert.equal(sku(A, 'JAM-1')!.priceCents, 5_55);
    await B.tick();
    assert.equal(sku(B, 'JAM-1')!.priceCents, 5_55);
  },
);

/** This counter's copy of the shop's catalog, as main holds it (main/catalog/shared.ts). */
const copyOf = (k: typeof A) => (k.c.core.shop as unknown as { catalogCopy: CatalogCopy }).catalogCopy;

test(
  'what changes again while on its way stays noted and goes again; an undo counts as a change of the catalog only when it undid something',
  { timeout: 60_000 },
  async () => {
    await A.tick();
    const copy = copyOf(A);
    const tea = sku(A, 'TEA-2')!;
    const change = (priceCents: number) =>
      A.c.core.catalog.update(
        staff.manager,
        tea.id,
        draft({ sku: 'TEA-2', name: tea.name, priceCents, department: 'Drinks', barcodes: [] }),
      );
    change(4_20);
    A.c.core.quickKeys.arrange(staff.manager, 'Drinks', [tea.id]);
    const onItsWay = copy.outgoing();
    assert.deepEqual(
      [onItsWay.items.map((i) => i.sku), onItsWay.pages.map((p) => p.department)],
      [['TEA-2'], ['Drinks']],
    );
    // Changed again before the shop database answered: sending the first change leaves the second noted.
    change(4_30);
    A.c.core.quickKeys.arrange(staff.manager, 'Drinks', [tea.id, sku(A, 'TEA-1')!.id]);
    copy.sent(onItsWay);
    const still = copy.outgoing();
    assert.deepEqual([still.items.map((i) => i.sku), still.pages.map((p) => p.department)], [['TEA-2'], ['Drinks']]);
    // Undone (as when the shop database refuses): the price and the page as the shop has them.
    const before = A.c.core.catalog.version();
    assert.deepEqual(copy.undo(), { items: 1, pages: 1 });
    assert.ok(A.c.core.catalog.version() > before, 'an undo is a change of the catalog');
    assert.equal(sku(A, 'TEA-2')!.priceCents, 4_10);
    const again = A.c.core.catalog.version();
    assert.deepEqual(copy.undo(), { items: 0, pages: 0 });
    assert.equal(A.c.core.catalog.version(), again, 'nothing undone, nothing changed');
  },
);

test(
  'an import previewed before a change comes from another counter is refused; a tick that brings nothing keeps it good',
  { timeout: 60_000 },
  async () => {
    await A.tick();
    await B.tick();
    const csv = 'sku,name_en,name_fr,price\nSALT-1,Salt,Sel,1.25\n';
    const first = await B.ok<ImportPreview>(MANAGER, 'catalog.importPreview', { csv });
    await B.tick();
    const kept = await B.ok<ImportPreview>(MANAGER, 'catalog.importConfirm', { token: first.token });
    assert.equal(kept.added, 1, 'a tick with nothing new changes nothing');
    const second = await B.ok<ImportPreview>(MANAGER, 'catalog.importPreview', {
      csv: 'sku,name_en,name_fr,price\nSALT-2,Salt,Sel,1.25\n',
    });
    await A.tick();
    const salt = sku(A, 'SALT-1')!;
    await A.ok(MANAGER, 'catalog.update', {
      id: salt.id,
      item: draft({ sku: 'SALT-1', name: salt.name, priceCents: 1_35, barcodes: [] }),
    });
    await B.tick();
    const refused = await B.call(MANAGER, 'catalog.importConfirm', { token: second.token });
    assert.match(messageOf(refused), /changed/);
    // A page of quick keys alone, taken from the shop: a change of the catalog too.
    const before = B.c.core.catalog.version();
    await A.ok(MANAGER, 'catalog.arrangeQuickKeys', { department: 'Salt', itemIds: [salt.id] });
    await B.tick();
    assert.ok(B.c.core.catalog.version() > before);
  },
);

/** A shop database of its own (a fresh PostgreSQL database, migrated), for the shop's side alone. */
async function freshShop(name: string, pullItems?: number) {
  await admin.query(`CREATE DATABASE ${name}`);
  const pool = new pg.Pool({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: name,
    max: 3,
  });
  pool.on('error', () => undefined);
  const client = await pool.connect();
  await migrate(client);
  client.release();
  pools.push(pool);
  return new ShopCatalog({
    transaction: (use) => inTransaction(pool, use),
    read: pool,
    ...(pullItems ? { pullItems } : {}),
  });
}
const pools: pg.Pool[] = [];
after(async () => {
  for (const p of pools) await p.end();
});

/** An item as a counter sends it (sealed with any key: the shop database checks none). */
const sent = (n: number, rev = 0, barcodes: string[] = []): SharedItem => ({
  id: `6c3f2a5e-3333-4a4a-9c9c-${String(n).padStart(12, '0')}`,
  sku: `S-${n}`,
  rev,
  data: JSON.stringify({ sku: `S-${n}`, n, rev, barcodes }),
  seal: 'sealed',
});
const page = (department: string, ids: string[]) => ({ department, itemIds: JSON.stringify(ids), seal: 'sealed' });

test(
  'the shop database takes a counter’s catalog only while it has none: no items and no pages',
  { timeout: 60_000 },
  async () => {
    const empty = await freshShop('shopcat_offer');
    assert.equal(await empty.offer({ items: [sent(1)], pages: [] }), true);
    assert.equal(await empty.offer({ items: [sent(2)], pages: [] }), false, 'items there: taken instead');
    const pagesOnly = await freshShop('shopcat_pages');
    assert.equal(await pagesOnly.offer({ items: [], pages: [page('Bakery', [])] }), true);
    assert.equal(await pagesOnly.offer({ items: [sent(3)], pages: [] }), false, 'a page there: taken instead');
    assert.deepEqual((await pagesOnly.pull(0)).items, [], 'nothing of the second offer written');
  },
);

test(
  'every catalog write waits for the others (one advisory lock), so versions are read in the order they commit',
  { timeout: 60_000 },
  async () => {
    const shop = await freshShop('shopcat_lock');
    // Advisory locks belong to a database: held from another connection to the same one.
    const holder = await pools.at(-1)!.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(727001)');
      const settled = (p: Promise<unknown>) =>
        Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 400))]);
      const offering = shop.offer({ items: [sent(1)], pages: [] });
      assert.equal(await settled(offering), false, 'the offer waits');
      await holder.query('SELECT pg_advisory_unlock(727001)');
      assert.equal(await offering, true);
      await holder.query('SELECT pg_advisory_lock(727001)');
      const pushing = shop.push({ items: [sent(1, 1)], pages: [] });
      assert.equal(await settled(pushing), false, 'a change waits');
      await holder.query('SELECT pg_advisory_unlock(727001)');
      await pushing;
    } finally {
      holder.release();
    }
  },
);

test(
  'a counter reads the shop’s catalog in steps; the pages come with the items they follow',
  { timeout: 60_000 },
  async () => {
    const shop = await freshShop('shopcat_steps', 3);
    // Versions: S-1 1, S-2 2, the Bakery page 3, S-3 4, S-4 5.
    await shop.offer({ items: [sent(1)], pages: [] });
    await shop.push({ items: [sent(2)], pages: [] });
    await shop.push({ items: [], pages: [page('Bakery', [sent(3).id])] });
    await shop.push({ items: [sent(3)], pages: [] });
    await shop.push({ items: [sent(4)], pages: [] });
    const first = await shop.pull(0);
    assert.deepEqual(
      [first.items.map((i) => i.sku), first.pages.map((p) => p.department), first.more, first.version],
      [['S-1', 'S-2', 'S-3'], ['Bakery'], true, 4],
      'a step of three items, and the page written among them',
    );
    const second = await shop.pull(first.version);
    assert.deepEqual(
      [second.items.map((i) => i.sku), second.pages, second.more, second.version],
      [['S-4'], [], false, 5],
    );
    const third = await shop.pull(second.version);
    assert.deepEqual([third.items, third.pages, third.more, third.version], [[], [], false, 5]);
  },
);
