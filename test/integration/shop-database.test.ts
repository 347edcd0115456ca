/**
 * A shop with several counters (issue 18) against a real PostgreSQL started here on a private port:
 * counters linked to one shop database ship every journal and audit row through their outbox; a row
 * shipped twice is stored once; a counter keeps selling while the database is down and catches up
 * when it is back; a counter killed between the database's commit and forgetting its outbox ships the
 * batch again, stored once; the audit chain verifies per counter from the shop database's copy; the
 * shop's totals equal the sum of the counters'. Nothing lost, nothing doubled — checked row by row.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { nameKey } from '../../main/staff/names';
import type { PosError } from '../../main/errors';
import { simulateSale } from '../support/simulated-sale';
import { ShopDatabase } from '../../main/shop/shop-database';
import { startImpostor, type Impostor } from '../support/pg-impostor';
import { accountFor, createKeytarVault } from '../../main/vault/vault';
import type { Sender } from '../../main/ipc/dispatch';
import { APP, createTestCore, removeKeychainEntries, testCore } from '../support/core';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { openDatabase } from '../../main/db';
import { spawn } from 'node:child_process';

const ROOT = path.resolve(__dirname, '../..');
import { selfSignedCertificate, adminPool, startPostgres, type TestPostgres } from '../support/postgres';
import { assertSameAttempts } from '../support/shop-rows';
import {
  channelOf,
  type BridgeResult,
  type CashSale,
  type DayReport,
  type OperationName,
  type ShopReport,
  type ShopZ,
  type SaleView,
  type AppStatus,
} from '../../common/contract';
import type { CoreOptions } from '../../main/core-api';

type Counter = Awaited<ReturnType<typeof testCore>>;
let db: TestPostgres;
let admin: pg.Pool;
const counters: Counter[] = [];
const sender = (w: number): Sender => ({ windowId: w, frameUrl: 'app://counter/index.html', isMainFrame: true });
const call = async <T>(c: Counter, op: OperationName, payload: unknown, w = 1) =>
  (await c.core.dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
/** Where the shop database is, and the certificate fingerprint a manager confirmed (the test server's own). */
const link = () => ({
  host: db.host,
  port: db.port,
  database: db.database,
  user: db.user,
  certificate: db.fingerprint!,
});

/** The shop's link code, from the counter that founded it; every later counter joins with it. */
let linkCode: string | null = null;

/**
 * A counter linked to the shop database, with the shop's cashier (Casey) signed in at window 1 and
 * its manager (Morgan) at window 2. The first one founds the shop with its own two staff.
 */
async function counter(name: string, extra: Partial<CoreOptions> = {}): Promise<Counter> {
  // Shipping by hand in these tests (shipAll), so each check sees a known moment.
  const c = await testCore(name, { shopShipEveryMs: 3_600_000, ...extra });
  counters.push(c);
  if (!linkCode) {
    await c.core.staffStore.create('Casey', 'cashier', '2468');
    await c.core.staffStore.create('Morgan', 'manager', '135790');
    const r = await c.core.shop.link(link(), db.password, 'test');
    assert.equal(r.founded, true);
    linkCode = r.linkCode;
  } else {
    const r = await c.core.shop.link(link(), db.password, 'test', linkCode);
    assert.deepEqual([r.founded, r.linkCode], [false, null]);
  }
  await signInAs(c, 'Casey', '2468', 1);
  await signInAs(c, 'Morgan', '135790', 2);
  return c;
}

const staffId = (c: Counter, name: string) => c.core.staffStore.list().find((s) => s.name === name)!.id;
async function signInAs(c: Counter, name: string, pin: string, w: number): Promise<BridgeResult<unknown>> {
  const r = await call(c, 'session.signIn', { staffId: staffId(c, name), pin }, w);
  assert.ok(r.ok, JSON.stringify(r));
  return r;
}

async function cash(c: Counter, cents: number): Promise<string> {
  const r = await call<CashSale>(c, 'cash.sale', { amountCents: cents, tenderedCents: cents, currency: 'CAD' });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value.attemptId;
}

const ship = async (c: Counter) => c.core.shop.database()!.shipAll();

/** Every local attempt of a counter, and what the shop database holds for it: the same set, each once. */
async function sameRows(c: Counter): Promise<void> {
  await assertSameAttempts(admin, c.core);
  const audit = await admin.query<{ n: string }>('SELECT count(*) AS n FROM audit WHERE counter_id = $1', [
    c.core.databaseId,
  ]);
  assert.equal(Number(audit.rows[0]!.n), c.core.audit.rows().length, 'every audit row, once');
}

before(async () => {
  db = await startPostgres();
  admin = adminPool(db);
});
after(async () => {
  for (const c of counters) await c.close();
  await admin.end();
  await db.close();
});

test('linking: a wrong password is refused in plain words and nothing is saved; the right one migrates, founds the shop and ships what was there', async () => {
  const c = await testCore('shop-link', { shopShipEveryMs: 3_600_000 });
  counters.push(c);
  await c.core.staffStore.create('Casey', 'cashier', '2468');
  await c.core.staffStore.create('Morgan', 'manager', '135790');
  await assert.rejects(c.core.shop.link(link(), 'not-the-password', 'test'), (err: Error) =>
    /password authentication failed/.test(err.message),
  );
  assert.equal(c.core.settings.get('shop.link'), null, 'nothing saved');
  assert.equal(
    await keytar.getPassword(c.service, accountFor(c.core.databaseId, 'shop-db-password')),
    null,
    'no password kept',
  );
  const r = await c.core.shop.link(link(), db.password, 'test');
  linkCode = r.linkCode;
  assert.match(linkCode ?? '', /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
  assert.deepEqual([r.founded, r.state.linked, r.state.online, r.state.backlog], [true, true, true, 0]);
  assert.equal(
    await keytar.getPassword(c.service, accountFor(c.core.databaseId, 'shop-db-password')),
    db.password,
    'in the keychain',
  );
  assert.ok(!JSON.stringify(c.core.settings.get('shop.link')).includes(db.password), 'never in the settings');
  const versions = (
    await admin.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
  ).rows.map((x) => x.version);
  assert.deepEqual(versions, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  await sameRows(c);
  assert.ok(c.core.audit.entries().some((e) => e.action === 'shop.founded'));
  // The pepper is in the shop database only encrypted: no column holds it in the clear.
  const pepper = (await keytar.getPassword(c.service, accountFor(c.core.databaseId, 'pin-pepper')))!;
  const key = await admin.query<{ k: string }>('SELECT pepper_wrapped::text AS k FROM shop_key');
  assert.ok(!key.rows[0]!.k.includes(pepper));
});

test('two counters, one shop database: every row shipped once; the shop’s totals are the sum of the counters’ X reports', async () => {
  const a = await counter('shop-a');
  const b = await counter('shop-b');
  for (const cents of [1000, 2550, 99]) await cash(a, cents);
  for (const cents of [1234, 500]) await cash(b, cents);
  await ship(a);
  await ship(b);
  await sameRows(a);
  await sameRows(b);
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();
  const totals = (await a.core.shop.totals(from, to))!;
  const xa = await call<DayReport>(a, 'report.x', {}, 2);
  const xb = await call<DayReport>(b, 'report.x', {}, 2);
  assert.ok(xa.ok && xb.ok);
  const mine = (c: Counter) => totals.counters.find((t) => t.counterId === c.core.databaseId)!;
  assert.deepEqual([mine(a).netCents, mine(b).netCents], [xa.value.netCents, xb.value.netCents]);
  assert.equal(
    [...totals.counters]
      .filter((t) => [a, b].some((c) => c.core.databaseId === t.counterId))
      .reduce((n, t) => n + t.netCents, 0),
    1000 + 2550 + 99 + 1234 + 500,
  );
  assert.equal(
    totals.netCents,
    totals.counters.reduce((n, t) => n + t.netCents, 0),
  );
});

test('another counter of the shop is told by the shop’s own prefixes: its sale at Helcim is not a difference; a look-alike prefix from no counter of the shop is', async () => {
  const [a, b] = [counters.find((x) => x.dir.includes('shop-a'))!, counters.find((x) => x.dir.includes('shop-b'))!];
  await a.core.shop.tick();
  const bPrefix = b.core.invoicePrefix;
  const neighbour = await simulateSale(
    a.core.simulator!,
    810,
    '4124939999999990',
    'purchase',
    `${bPrefix}-1A2B3C4D5E6F`,
  );
  const stranger = await simulateSale(a.core.simulator!, 820, '4124939999999990', 'purchase', 'C0FFE-1A2B3C4D5E6F');
  const aPrefix = a.core.invoicePrefix;
  const ownButLost = await simulateSale(
    a.core.simulator!,
    830,
    '4124939999999990',
    'purchase',
    `${aPrefix}-1A2B3C4D5E6F`,
  );
  const x = await call<DayReport>(a, 'report.x', {}, 2);
  assert.ok(x.ok, JSON.stringify(x));
  assert.ok(x.value.reconciliation.otherCounters.includes(neighbour), 'counter B’s sale, told by its prefix');
  assert.ok(x.value.reconciliation.notInJournal.includes(stranger), 'C0FFE is no counter of this shop');
  assert.ok(
    x.value.reconciliation.notInJournal.includes(ownButLost),
    'this counter’s own prefix, missing from its journal: a real difference',
  );
});

test('a counter whose invoice prefix another counter of the shop already uses is not linked: said in plain words, nothing saved', async () => {
  const twin = await testCore('shop-twin', { shopShipEveryMs: 3_600_000 });
  // Another counter already in the shop numbers its invoices as this one would (two databases' ids
  // that start alike: main/invoices/prefix.ts).
  const other = randomUUID();
  await admin.query('INSERT INTO counters (id, invoice_prefix) VALUES ($1, $2)', [other, twin.core.invoicePrefix]);
  try {
    await assert.rejects(twin.core.shop.link(link(), db.password, 'test', linkCode!), (err: Error) => {
      assert.equal((err as PosError).key, 'error.shop.prefixTaken');
      assert.equal(
        err.message,
        `Another counter of this shop already numbers its invoices ${twin.core.invoicePrefix}-…, as this one does: the shop’s reports could not tell their sales apart, so this counter is not linked. Nothing was saved, and it keeps selling on its own. Call for support.`,
      );
      return true;
    });
    assert.equal(twin.core.settings.get('shop.link'), null, 'nothing saved');
    assert.equal(twin.core.shop.database(), null, 'not linked');
    const mine = await admin.query('SELECT 1 FROM counters WHERE id = $1', [twin.core.databaseId]);
    assert.equal(mine.rowCount, 0, 'not registered in the shop');
  } finally {
    await admin.query('DELETE FROM counters WHERE id = $1', [other]);
    await twin.close();
  }
});

test('shipped twice, stored once: the same outbox entries replayed change nothing', async () => {
  const c = counters.find((x) => x.dir.includes('shop-a'))!;
  await cash(c, 777);
  await ship(c);
  const before = (
    await admin.query('SELECT counter_id, id, state, amount_cents, row FROM attempts ORDER BY counter_id, id')
  ).rows;
  // Every row of this counter queued again, as after a restore of the outbox.
  c.core.db.exec(
    "INSERT INTO shop_outbox (tbl, row_key) SELECT 'attempts', id FROM attempts; INSERT INTO shop_outbox (tbl, row_key) SELECT 'audit', CAST(seq AS TEXT) FROM audit;",
  );
  assert.ok(c.core.shop.state()!.backlog > 0);
  await ship(c);
  assert.equal(c.core.shop.state()!.backlog, 0);
  const after = (
    await admin.query('SELECT counter_id, id, state, amount_cents, row FROM attempts ORDER BY counter_id, id')
  ).rows;
  assert.deepEqual(after, before);
  await sameRows(c);
});

test('an attempt that changes after it shipped ships again: the shop sees pending, then approved with Helcim’s id', async () => {
  const c = counters.find((x) => x.dir.includes('shop-a'))!;
  const id = randomUUID();
  c.core.journal.begin({
    id,
    kind: 'purchase',
    amountCents: 4321,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId: staffId(c, 'Casey'),
    approverId: null,
    reference: 'C0000-PENDING',
    mode: 'training',
  });
  await ship(c);
  const stateAt = async () =>
    (
      await admin.query<{ state: string; helcim_transaction_id: string | null }>(
        'SELECT state, helcim_transaction_id FROM attempts WHERE counter_id = $1 AND id = $2',
        [c.core.databaseId, id],
      )
    ).rows[0];
  assert.deepEqual(await stateAt(), { state: 'pending', helcim_transaction_id: null });
  c.core.journal.settle(id, 'approved', {
    helcimTransactionId: '4242',
    detail: 'approved',
    card: { type: 'VI', last4: '9990', approvalCode: 'T1' },
  });
  await ship(c);
  assert.deepEqual(await stateAt(), { state: 'approved', helcim_transaction_id: '4242' });
  await sameRows(c);
});

test('a batch committed but never forgotten stops the shipping loop at once and says so, instead of spinning', async () => {
  const c = await counter('shop-stuck');
  await cash(c, 150);
  const shop = c.core.shop.database()!;
  const forget = shop.outbox.shipped.bind(shop.outbox);
  shop.outbox.shipped = () => undefined; // the fault: the outbox never forgets what was committed
  try {
    await cash(c, 250);
    const shipped = await shop.shipAll(); // returns (the test's own time limit guards a spin)
    assert.ok(shipped > 0);
    assert.match(c.core.shop.state()!.stuck ?? '', /did not move past entry/);
  } finally {
    shop.outbox.shipped = forget;
  }
  await shop.shipAll();
  assert.equal(c.core.shop.state()!.stuck, null, 'said no more once shipping moves on');
  assert.equal(c.core.shop.state()!.backlog, 0);
});

test('the database down mid-shift: the counter keeps selling, says since when, and catches up when it is back', async () => {
  const c = await counter('shop-down');
  await cash(c, 100);
  await ship(c);
  await db.stop();
  try {
    const during = [await cash(c, 200), await cash(c, 300)];
    assert.equal(during.length, 2, 'sales go on with the shop database down');
    assert.equal(await c.core.shop.database()!.shipOnce(), 0);
    const down = c.core.shop.state()!;
    assert.equal(down.online, false);
    assert.ok(down.offlineSince && Date.parse(down.offlineSince) <= Date.now());
    assert.ok(down.backlog >= 2, 'the rows wait in the outbox');
    const status = await call<{ shopDatabase: { offlineSince: string | null } | null }>(c, 'app.status', {});
    assert.ok(status.ok);
    assert.equal(status.value.shopDatabase?.offlineSince, down.offlineSince);
  } finally {
    await db.start();
  }
  await ship(c);
  const back = c.core.shop.state()!;
  assert.deepEqual([back.online, back.offlineSince, back.backlog], [true, null, 0]);
  await sameRows(c);
});

test('a counter killed (SIGKILL) after the database committed a batch, before its outbox forgot it: shipped again after a restart, stored once', async () => {
  const c = await counter('shop-crash');
  for (const cents of [4242, 101, 202]) await cash(c, cents);
  const waiting = c.core.shop.state()!.backlog;
  assert.ok(waiting > 0);
  const file = path.join(c.dir, 'app.sqlite');
  await c.core.close();
  // A real process, killed at the worst moment.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/shop-ship-child.ts')], {
    env: { ...process.env, SHIP_DB: file, SHIP_SERVICE: c.service },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the child did not end: ${out}`)), 60_000);
    child.once('exit', (co, si) => {
      clearTimeout(timer);
      resolve([co, si]);
    });
  });
  assert.deepEqual([code, signal], [null, 'SIGKILL'], out);
  assert.match(out, /^committed \d+/);
  // Committed in PostgreSQL: the rows are there.
  const there = await admin.query<{ n: string }>('SELECT count(*) AS n FROM attempts WHERE counter_id = $1', [
    c.core.databaseId,
  ]);
  assert.ok(Number(there.rows[0]!.n) >= 3);
  // Restart: the same database file and keychain, a new core; the link and the outbox come back with it.
  const again = await createTestCore({
    appOrigin: APP,
    journalFile: file,
    vault: createKeytarVault(keytar, c.service),
    log: () => {},
    shopShipEveryMs: 3_600_000,
  });
  try {
    assert.equal(again.shop.state()!.backlog, waiting, 'the outbox survived the kill, every entry still there');
    await again.shop.database()!.shipAll();
    assert.equal(again.shop.state()!.backlog, 0);
    await sameRows({ ...c, core: again });
  } finally {
    await again.close();
    counters.splice(counters.indexOf(c), 1);
    await removeKeychainEntries(c.service, again.databaseId);
  }
});

test('the audit chain verifies per counter from the shop database’s copy; a changed row there is found', async () => {
  const c = counters.find((x) => x.dir.includes('shop-a'))!;
  await ship(c);
  const rows = await c.core.shop.database()!.shippedAudit();
  assert.ok(rows.length >= 3, `${rows.length} rows`);
  assert.deepEqual(c.core.audit.verifyChain(rows), { ok: true, rows: rows.length, last: rows.at(-1)!.hash });
  assert.deepEqual(await c.core.shop.checkAuditCopy(), { ok: true, rows: rows.length });
  const original = (
    await admin.query<{ detail: string }>('SELECT detail FROM audit WHERE counter_id = $1 AND seq = 2', [
      c.core.databaseId,
    ])
  ).rows[0]!.detail;
  await admin.query('UPDATE audit SET detail = $1 WHERE counter_id = $2 AND seq = 2', ['altered', c.core.databaseId]);
  const check = c.core.audit.verifyChain(await c.core.shop.database()!.shippedAudit());
  assert.deepEqual([check.ok, !check.ok && check.reason], [false, 'row 2 was changed']);
  // The counter checks its copy itself (at start and every few hours): audited, and a manager is told.
  const found = await c.core.shop.checkAuditCopy();
  assert.deepEqual([found?.ok, found && !found.ok && found.reason], [false, 'row 2 was changed']);
  assert.ok(
    c.core.audit.entries().some((e) => e.action === 'shop.audit_copy_altered' && e.detail === 'row 2 was changed'),
  );
  await signInAs(c, 'Morgan', '135790', 12);
  const status = await call<AppStatus>(c, 'app.status', {}, 12);
  assert.ok(status.ok && status.value.audit && !status.value.audit.ok, JSON.stringify(status));
  assert.match(
    status.value.audit.message,
    /shop database’s copy of this counter’s audit trail was altered: row 2 was changed/,
  );
  await admin.query('UPDATE audit SET detail = $1 WHERE counter_id = $2 AND seq = 2', [original, c.core.databaseId]);
  // Its tail cut off: fewer rows than the counter shipped, each left still following the one before.
  await ship(c);
  const shipped = (await c.core.shop.database()!.shippedAudit()).length;
  const tail = await admin.query('DELETE FROM audit WHERE counter_id = $1 AND seq > $2 RETURNING *', [
    c.core.databaseId,
    shipped - 2,
  ]);
  const cut = await c.core.shop.checkAuditCopy();
  assert.deepEqual(
    [cut?.ok, cut && !cut.ok && cut.reason],
    [false, `rows were cut off the end: it holds ${shipped - 2} of the ${shipped} this counter shipped`],
  );
  for (const r of tail.rows)
    await admin.query(
      'INSERT INTO audit (counter_id, seq, at, actor, action, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [r.counter_id, r.seq, r.at, r.actor, r.action, r.detail, r.prev_hash, r.hash],
    );
  await ship(c);
  assert.equal((await c.core.shop.checkAuditCopy())?.ok, true, 'put back as shipped: verified again');
});

test('five counters selling at once into one database: nothing lost, nothing doubled', async () => {
  const five = await Promise.all([1, 2, 3, 4, 5].map((i) => counter(`shop-five-${i}`)));
  await Promise.all(
    five.map(async (c, i) => {
      for (let k = 0; k < 20; k++) {
        await cash(c, 100 + i * 10 + k);
        if (k % 7 === 0) await c.core.shop.database()!.shipOnce();
      }
      await ship(c);
    }),
  );
  for (const c of five) await sameRows(c);
});

test('staff are the shop’s: a cashier added and a PIN reset at one counter work at another; a wrong link code is refused', async () => {
  const [a, b] = [counters.find((x) => x.dir.includes('shop-a'))!, counters.find((x) => x.dir.includes('shop-b'))!];
  // Joining with a code that is not this shop's: refused, nothing saved.
  const stray = await testCore('shop-stray', { shopShipEveryMs: 3_600_000 });
  counters.push(stray);
  await assert.rejects(stray.core.shop.link(link(), db.password, 'test', 'ABCDE-FGHJK-MNPQR-STVWX'), /not this shop’s/);
  await assert.rejects(stray.core.shop.link(link(), db.password, 'test'), /link code/);
  assert.equal(stray.core.settings.get('shop.link'), null);
  // Added at A by its manager…
  const added = await call<{ id: string }>(a, 'staff.add', { name: 'Riley', role: 'cashier', pin: '8642' }, 2);
  assert.ok(added.ok, JSON.stringify(added));
  await b.core.shop.tick();
  // …signs in at B with the same PIN.
  const riley = b.core.staffStore.list().find((s) => s.name === 'Riley');
  assert.equal(riley?.id, added.value.id);
  assert.ok((await call(b, 'session.signIn', { staffId: riley!.id, pin: '8642' }, 7)).ok);
  // A new PIN set at B works at A (and the old one no longer does).
  assert.ok((await call(b, 'staff.resetPin', { staffId: riley!.id, pin: '9753' }, 2)).ok);
  await a.core.shop.tick();
  const old = await call(a, 'session.signIn', { staffId: riley!.id, pin: '8642' }, 8);
  assert.equal(old.ok ? 'ok' : old.error.code, 'wrong_pin');
  assert.ok((await call(a, 'session.signIn', { staffId: riley!.id, pin: '9753' }, 8)).ok);
});

test('a staff name written into the shop database that breaks the name rules is refused at the counter and audited, never shown', async () => {
  const a = counters.find((x) => x.dir.includes('shop-a'))!;
  const now = new Date().toISOString();
  const row = (id: string, name: string, key: string) =>
    admin.query(
      `INSERT INTO staff (id, name, name_key, role, pin_hash, active, language, created_at, updated_at) VALUES ($1, $2, $3, 'cashier', 'x', true, NULL, $4, $4)`,
      [id, name, key, now],
    );
  // A control character (a printer command on a receipt), and a look-alike keyed so it would not collide.
  await row('bad-control', 'Sam\u001bp', 'sam-control');
  await row('bad-lookalike', 'M\u03bfrgan', 'morgan-lookalike');
  await a.core.shop.tick();
  const names = a.core.staffStore.list().map((x) => x.id);
  assert.ok(!names.includes('bad-control') && !names.includes('bad-lookalike'), 'neither row taken');
  const refused = a.core.audit.entries().filter((e) => e.action === 'shop.staff_refused');
  assert.ok(refused.some((e) => e.detail.startsWith('bad-control')));
  assert.ok(refused.some((e) => e.detail.startsWith('bad-lookalike')));
  await admin.query("DELETE FROM staff WHERE id IN ('bad-control', 'bad-lookalike')");
});

test('the shop database’s password alone makes no manager: rows it writes or changes without the shop’s key are refused at every counter and reported', async () => {
  const a = counters.find((x) => x.dir.includes('shop-a'))!;
  await a.core.shop.tick();
  const before = a.core.staffStore.sharedRows();
  const cashier = before.find((r) => r.role === 'cashier' && r.active && r.name !== 'Riley')!; // Riley's PIN is used by later tests
  const managers = before.filter((r) => r.role === 'manager' && r.active).map((r) => r.id);
  const idleBefore = a.core.settings.get('idle_lock_seconds');
  const bump = `version = nextval('staff_version')`;
  // A manager of the attacker's choosing: an unpeppered hash (the legacy form used to be taken), then a peppered-looking one with a made-up seal.
  const now = new Date().toISOString();
  await admin.query(
    `INSERT INTO staff (id, name, name_key, role, pin_hash, active, language, created_at, updated_at, seal) VALUES ('evil-1', 'Mallory', $3, 'manager', $1, true, NULL, $2, $2, NULL)`,
    ['scrypt$16384$8$1$AAAA$AAAA', now, nameKey('Mallory')],
  );
  await admin.query(
    `INSERT INTO staff (id, name, name_key, role, pin_hash, active, language, created_at, updated_at, seal) VALUES ('evil-2', 'Trudy', $3, 'manager', $1, true, NULL, $2, $2, 'bm90LWEtc2VhbA')`,
    [cashier.pin_hash, now, nameKey('Trudy')],
  );
  // The cashier's own row promoted; every manager disabled; an hour's idle lock; blind closes off.
  await admin.query(`UPDATE staff SET role = 'manager', ${bump} WHERE id = $1`, [cashier.id]);
  await admin.query(`UPDATE staff SET active = false, ${bump} WHERE role = 'manager' AND id = ANY($1)`, [managers]);
  await admin.query(
    `INSERT INTO shop_settings (key, value) VALUES ('idle_lock_seconds', '3600') ON CONFLICT (key) DO UPDATE SET value = '3600', version = nextval('settings_version')`,
  );
  await admin.query(
    `INSERT INTO shop_settings (key, value) VALUES ('drawer.blind_close', 'false') ON CONFLICT (key) DO UPDATE SET value = 'false', version = nextval('settings_version')`,
  );
  await a.core.shop.tick();
  const after = a.core.staffStore.sharedRows();
  assert.ok(!after.some((r) => r.id === 'evil-1' || r.id === 'evil-2'), 'no manager of theirs');
  assert.equal(after.find((r) => r.id === cashier.id)!.role, 'cashier', 'not promoted');
  assert.ok(
    managers.every((id) => after.find((r) => r.id === id)!.active),
    'no manager disabled',
  );
  assert.equal(a.core.settings.get('idle_lock_seconds'), idleBefore, 'the idle lock unchanged');
  const refused = a.core.audit
    .entries()
    .filter((e) => e.action === 'shop.staff_refused' || e.action === 'shop.setting_refused');
  for (const want of [
    'evil-1: PIN hash is not peppered',
    'evil-2: seal does not match',
    `${cashier.id}: seal does not match`,
    'idle_lock_seconds: seal does not match',
  ])
    assert.ok(
      refused.some((e) => e.detail.startsWith(want)),
      `${want} in ${refused.map((e) => e.detail).join(' | ')}`,
    );
  // A genuine row, copied before a change and written back later (a replay), is refused as older.
  const genuine = after.find((r) => r.id === cashier.id)!;
  assert.ok((await call(a, 'staff.resetPin', { staffId: cashier.id, pin: '97315' }, 2)).ok);
  await admin.query(`UPDATE staff SET pin_hash = $1, updated_at = $2, seal = $3, ${bump} WHERE id = $4`, [
    genuine.pin_hash,
    genuine.updated_at,
    genuine.seal,
    cashier.id,
  ]);
  await a.core.shop.tick();
  assert.ok(
    a.core.audit
      .entries()
      .some((e) => e.action === 'shop.staff_refused' && e.detail.startsWith(`${cashier.id}: older than`)),
  );
  assert.ok(
    (await call(a, 'session.signIn', { staffId: cashier.id, pin: '97315' }, 9)).ok,
    'the new PIN still works here',
  );
  assert.ok(
    (await call(a, 'staff.resetPin', { staffId: cashier.id, pin: '2468' }, 2)).ok,
    'back to the PIN later tests use',
  );
  // Put the shop database back as the counters wrote it.
  await admin.query("DELETE FROM staff WHERE id IN ('evil-1', 'evil-2')");
  for (const r of a.core.staffStore.sharedRows())
    await admin.query(
      `UPDATE staff SET role = $1, active = $2, pin_hash = $3, updated_at = $4, seal = $5, ${bump} WHERE id = $6`,
      [r.role, r.active, r.pin_hash, r.updated_at, r.seal, r.id],
    );
  await admin.query(
    `DELETE FROM shop_settings WHERE key IN ('idle_lock_seconds', 'drawer.blind_close') AND seal IS NULL`,
  );
});

test('a cashier disabled at one counter is signed out and refused at another within seconds (its own timer)', async () => {
  const a = counters.find((x) => x.dir.includes('shop-a'))!;
  // A counter shipping and syncing on its own, every 100 ms.
  const fast = await counter('shop-fast', { shopShipEveryMs: 100 });
  const caseyHere = async () =>
    ((await call<{ session: unknown }>(fast, 'app.status', {})) as { ok: true; value: { session: unknown } }).value
      .session;
  assert.notEqual(await caseyHere(), null, 'Casey is signed in at the fast counter');
  assert.ok((await call(a, 'staff.setActive', { staffId: staffId(a, 'Casey'), active: false }, 2)).ok);
  const deadline = Date.now() + 5_000;
  while ((await caseyHere()) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(await caseyHere(), null, 'signed out at the other counter');
  const again = await call(fast, 'session.signIn', { staffId: staffId(fast, 'Casey'), pin: '2468' }, 3);
  assert.equal(again.ok ? 'ok' : again.error.code, 'forbidden');
  // Enabled again at A: back at every counter.
  assert.ok((await call(a, 'staff.setActive', { staffId: staffId(a, 'Casey'), active: true }, 2)).ok);
  const until = Date.now() + 5_000;
  let back = await call(fast, 'session.signIn', { staffId: staffId(fast, 'Casey'), pin: '2468' }, 3);
  while (!back.ok && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    back = await call(fast, 'session.signIn', { staffId: staffId(fast, 'Casey'), pin: '2468' }, 3);
  }
  assert.ok(back.ok);
});

test('the shop database down: staff changes are refused in plain words and undone; sign-in works from the counter’s copy', async () => {
  const a = counters.find((x) => x.dir.includes('shop-a'))!;
  const before = a.core.staffStore.list().length;
  await db.stop();
  try {
    const add = await call(a, 'staff.add', { name: 'Jordan', role: 'cashier', pin: '1357' }, 2);
    assert.equal(add.ok ? 'ok' : add.error.code, 'forbidden');
    assert.match(
      add.ok ? '' : add.error.message,
      /^Staff changes are made in the shop database, which cannot be reached/,
    );
    assert.equal(a.core.staffStore.list().length, before, 'nothing added here either');
    const disable = await call(a, 'staff.setActive', { staffId: staffId(a, 'Riley'), active: false }, 2);
    assert.equal(disable.ok ? 'ok' : disable.error.code, 'forbidden');
    assert.equal(a.core.staffStore.list().find((s) => s.name === 'Riley')!.active, true, 'the change was undone');
    assert.ok(
      (await call(a, 'session.signIn', { staffId: staffId(a, 'Riley'), pin: '9753' }, 9)).ok,
      'sign-in from the copy',
    );
  } finally {
    await db.start();
  }
});

test('through the bridge: a manager links a counter with the code; a cashier may not; the whole shop’s day adds up; a counter alone is told so', async () => {
  const a = counters.find((x) => x.dir.includes('shop-a'))!;
  // The founding counter shows its link code to its manager.
  const founder = counters.find((x) => x.dir.includes('shop-link'))!;
  const shown = await call<{ linkCode: string | null }>(founder, 'shop.get', {}, 1);
  assert.equal(shown.ok ? 'ok' : shown.error.code, 'not_signed_in');
  const newcomer = await testCore('shop-bridge', { shopShipEveryMs: 3_600_000 });
  counters.push(newcomer);
  await newcomer.core.staffStore.create('Sam', 'manager', '246813');
  await newcomer.core.staffStore.create('Pat', 'cashier', '1357');
  assert.ok((await call(newcomer, 'session.signIn', { staffId: staffId(newcomer, 'Pat'), pin: '1357' }, 1)).ok);
  assert.ok((await call(newcomer, 'session.signIn', { staffId: staffId(newcomer, 'Sam'), pin: '246813' }, 2)).ok);
  const alone = await call(newcomer, 'report.shop', {}, 2);
  assert.match(alone.ok ? '' : alone.error.message, /not linked to a shop database/);
  const payload = { ...link(), password: db.password, linkCode: linkCode! };
  const byCashier = await call(newcomer, 'shop.link', payload, 1);
  assert.equal(byCashier.ok ? 'ok' : byCashier.error.code, 'forbidden');
  const linked = await call<{ state: { linked: boolean }; linkCode: string | null }>(newcomer, 'shop.link', payload, 2);
  assert.ok(linked.ok, JSON.stringify(linked));
  assert.deepEqual(
    [linked.value.state.linked, linked.value.linkCode],
    [true, null],
    'a counter that joins is shown no code',
  );
  // Sam, who linked it, is not the shop's: signed out, and the sign-in screen says why.
  const afterLink = await call<{ session: unknown; lockedReason: string | null }>(newcomer, 'app.status', {}, 2);
  assert.ok(afterLink.ok && afterLink.value.session === null, JSON.stringify(afterLink));
  assert.match(afterLink.value.lockedReason ?? '', /joined the shop's database: its staff are now the shop's/);
  // The code is shown once, where it was made: the founding counter's manager never sees it again.
  assert.ok((await call(founder, 'session.signIn', { staffId: staffId(founder, 'Morgan'), pin: '135790' }, 3)).ok);
  const again = await call<{ linkCode: string | null }>(founder, 'shop.get', {}, 3);
  assert.ok(again.ok && again.value.linkCode === null, JSON.stringify(again));
  // A manager at any linked counter asks for a new code (a cashier may not): the old one stops working.
  // Joining signed Pat and Sam out (not the shop's): the shop's own staff sign in here.
  assert.ok((await call(newcomer, 'session.signIn', { staffId: staffId(newcomer, 'Casey'), pin: '2468' }, 5)).ok);
  assert.ok((await call(newcomer, 'session.signIn', { staffId: staffId(newcomer, 'Morgan'), pin: '135790' }, 6)).ok);
  const byCashierCode = await call(newcomer, 'shop.newLinkCode', {}, 5);
  assert.equal(byCashierCode.ok ? 'ok' : byCashierCode.error.code, 'forbidden');
  const renewed = await call<{ linkCode: string | null }>(newcomer, 'shop.newLinkCode', {}, 6);
  assert.ok(renewed.ok && renewed.value.linkCode, JSON.stringify(renewed));
  assert.notEqual(renewed.value.linkCode, linkCode);
  assert.ok(newcomer.core.audit.entries().some((e) => e.action === 'shop.link_code_renewed'));
  const late = await testCore('shop-late', { shopShipEveryMs: 3_600_000 });
  counters.push(late);
  await assert.rejects(
    late.core.shop.link(link(), db.password, 'test', linkCode!),
    /not this shop’s/,
    'the old code no longer links',
  );
  await late.core.shop.link(link(), db.password, 'test', renewed.value.linkCode!);
  linkCode = renewed.value.linkCode;
  // Joining replaced this counter's staff with the shop's: Sam and Pat were never the shop's.
  assert.deepEqual(
    newcomer.core.staffStore
      .list()
      .map((s) => s.name)
      .sort(),
    a.core.staffStore
      .list()
      .map((s) => s.name)
      .sort(),
  );
  const status = await call<{ session: unknown }>(newcomer, 'app.status', {}, 2);
  assert.ok(status.ok);
  assert.equal(status.value.session, null, 'Sam is not one of the shop’s staff: signed out');
  // The shop's day, asked at counter A by its manager: each counter and the sum.
  await ship(a);
  const day = await call<{
    counters: { invoicePrefix: string; netCents: number; thisCounter: boolean }[];
    netCents: number;
  }>(a, 'report.shop', {}, 2);
  assert.ok(day.ok, JSON.stringify(day));
  assert.equal(
    day.value.netCents,
    day.value.counters.reduce((n, c) => n + c.netCents, 0),
  );
  assert.equal(day.value.counters.filter((c) => c.thisCounter).length, 1);
  const x = await call<DayReport>(a, 'report.x', {}, 2);
  assert.ok(x.ok);
  assert.equal(
    day.value.counters.find((c) => c.thisCounter)!.netCents,
    x.value.netCents,
    'this counter’s line is its own X report',
  );
});

test('shop settings are the shop’s: the language and idle lock a manager sets at one counter apply at another; a counter’s printer stays its own', async () => {
  const [a, b] = [counters.find((x) => x.dir.includes('shop-a'))!, counters.find((x) => x.dir.includes('shop-b'))!];
  assert.ok((await call(a, 'settings.setLanguage', { language: 'fr-CA' }, 2)).ok);
  assert.ok((await call(b, 'settings.setIdleLock', { seconds: 600 }, 2)).ok);
  await a.core.shop.tick();
  await b.core.shop.tick();
  await a.core.shop.tick();
  assert.deepEqual([b.core.settings.get('shop.language'), a.core.settings.get('idle_lock_seconds')], ['fr-CA', 600]);
  // Brought in, not shipped back: the outboxes are empty and the shop database holds each value once.
  assert.deepEqual([a.core.shop.state()!.backlog, b.core.shop.state()!.backlog], [0, 0]);
  const held = (await admin.query<{ key: string; value: string }>('SELECT key, value FROM shop_settings ORDER BY key'))
    .rows;
  assert.deepEqual(
    held.filter((r) => r.key === 'shop.language' || r.key === 'idle_lock_seconds'),
    [
      { key: 'idle_lock_seconds', value: '600' },
      { key: 'shop.language', value: '"fr-CA"' },
    ],
  );
  // A printer set at A is A's alone.
  a.core.settings.set('terminal.code', 'TRN1');
  await a.core.shop.tick();
  await b.core.shop.tick();
  assert.equal(b.core.settings.get('terminal.code'), null);
  assert.ok(!held.some((r) => r.key === 'terminal.code'));
  // Back to English for the tests that follow.
  assert.ok((await call(a, 'settings.setLanguage', { language: 'en-CA' }, 2)).ok);
  await a.core.shop.tick();
  await b.core.shop.tick();
  assert.equal(b.core.settings.get('shop.language'), 'en-CA');
});

test('another counter’s totals cannot be written in the shop database: a changed or forged row is left out of the shop’s day and History, a forged Z stops the shop Z', async () => {
  const a = counters.find((x) => x.dir.includes('shop-a'))!;
  const b = counters.find((x) => x.dir.includes('shop-b'))!;
  await signInAs(a, 'Morgan', '135790', 11);
  await signInAs(a, 'Casey', '2468', 1);
  await cash(a, 1000);
  await ship(a);
  const before = await call<ShopReport>(a, 'report.shop', {}, 11);
  assert.ok(before.ok, JSON.stringify(before));
  assert.equal(before.value.unsealedRows, 0);
  const lineOf = (r: ShopReport, c: Counter) => r.counters.find((x) => x.counterId === c.core.databaseId)!.netCents;
  // $10.00 cash at counter A turned into −$499.99; $1,000.00 of cash put on counter B's line.
  const target = (
    await admin.query<{ id: string }>(
      `SELECT id FROM attempts WHERE counter_id = $1 AND amount_cents = 1000 AND tender = 'cash' LIMIT 1`,
      [a.core.databaseId],
    )
  ).rows[0]!;
  await admin.query('UPDATE attempts SET amount_cents = 49999, kind = $3 WHERE counter_id = $1 AND id = $2', [
    a.core.databaseId,
    target.id,
    'refund',
  ]);
  const now = new Date().toISOString();
  await admin.query(
    `INSERT INTO attempts (counter_id, id, created_at, updated_at, kind, state, tender, amount_cents, tip_cents, currency, staff_id, mode, row, seal)
     VALUES ($1, 'forged-1', $2, $2, 'purchase', 'approved', 'cash', 100000, 0, 'CAD', 'x', 'training', '{}', 'bm8')`,
    [b.core.databaseId, now],
  );
  const after = await call<ShopReport>(a, 'report.shop', {}, 11);
  assert.ok(after.ok, JSON.stringify(after));
  assert.equal(after.value.unsealedRows, 2, 'both rows left out and counted');
  assert.equal(
    lineOf(after.value, a),
    lineOf(before.value, a) - 1000,
    'A lost only the row that was changed, never −$499.99',
  );
  assert.equal(lineOf(after.value, b), lineOf(before.value, b), 'nothing put on B’s line');
  const found = await call<{ attemptId: string }[]>(a, 'history.shop', { amountCents: 100000 }, 11);
  assert.ok(found.ok && found.value.length === 0, 'the forged row is not shown as a payment');
  // A Z report written into the shop database for counter B stops the shop Z, naming it.
  await admin.query(
    `INSERT INTO counter_z (counter_id, number, period_from, period_to, net_cents, data, seal) VALUES ($1, 9999, $2, $2, 100000, '{}', NULL)`,
    [b.core.databaseId, now],
  );
  await a.core.shop.tick();
  const z = await call(a, 'report.shopZ', { confirm: true }, 11);
  assert.match(z.ok ? '' : z.error.message, /did not seal/);
  // Put the database back as the counters wrote it.
  await admin.query(`DELETE FROM counter_z WHERE number = 9999`);
  await admin.query(`DELETE FROM attempts WHERE id = 'forged-1'`);
  await admin.query(`UPDATE attempts SET amount_cents = 1000, kind = 'purchase' WHERE counter_id = $1 AND id = $2`, [
    a.core.databaseId,
    target.id,
  ]);
  const back = await call<ShopReport>(a, 'report.shop', {}, 11);
  assert.ok(back.ok && back.value.unsealedRows === 0 && back.value.netCents === before.value.netCents);
});

test('more rows waiting than one batch ships (500): every one arrives once, in order, and the counts the counter sealed add up', async () => {
  const b = counters.find((x) => x.dir.includes('shop-b'))!;
  const before = (
    await admin.query<{ n: string }>('SELECT count(*) AS n FROM attempts WHERE counter_id = $1', [b.core.databaseId])
  ).rows[0]!.n;
  const ids: string[] = [];
  for (let i = 0; i < 1_200; i++) {
    const id = randomUUID();
    ids.push(id);
    b.core.journal.begin({
      id,
      kind: 'purchase',
      amountCents: 100 + i,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: 's',
      approverId: null,
      mode: 'training',
    });
    b.core.journal.settle(id, i % 7 === 0 ? 'declined' : 'approved', {
      detail: 'bulk',
      helcimTransactionId: i % 7 === 0 ? undefined : `bulk-${id}`,
    });
  }
  assert.ok(b.core.shop.state()!.backlog > 2 * 500, `${b.core.shop.state()!.backlog} entries waiting: several batches`);
  await ship(b);
  assert.equal(b.core.shop.state()!.backlog, 0);
  const held = await admin.query<{ id: string; state: string; amount_cents: string }>(
    'SELECT id, state, amount_cents FROM attempts WHERE counter_id = $1 AND id = ANY($2)',
    [b.core.databaseId, ids],
  );
  assert.equal(held.rows.length, 1_200, 'each once');
  assert.equal(
    held.rows.filter((r) => r.state === 'approved').length,
    1_200 - Math.ceil(1_200 / 7),
    'each in its last state',
  );
  const all = Number(
    (await admin.query<{ n: string }>('SELECT count(*) AS n FROM attempts WHERE counter_id = $1', [b.core.databaseId]))
      .rows[0]!.n,
  );
  assert.equal(all, Number(before) + 1_200);
  const counted = (
    await admin.query<{ n: string }>(
      'SELECT COALESCE(sum(attempts), 0) AS n FROM counter_counts WHERE counter_id = $1',
      [b.core.databaseId],
    )
  ).rows[0]!.n;
  assert.equal(Number(counted), all, 'the sealed quarter-hour counts add up to every payment shipped');
});

test('a payment deleted in the shop database is found: each counter seals how many it shipped per quarter hour; an older count put back is not believed', async () => {
  const a = counters.find((x) => x.dir.includes('shop-a'))!;
  const b = counters.find((x) => x.dir.includes('shop-b'))!;
  await signInAs(b, 'Morgan', '135790', 11);
  const aPrefix = a.core.invoicePrefix;
  const report = async () => {
    const r = await call<ShopReport>(b, 'report.shop', {}, 11);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };
  const countsOfA = async () =>
    (
      await admin.query<{ slot: number; attempts: number; seal: string }>(
        'SELECT slot, attempts, seal FROM counter_counts WHERE counter_id = $1',
        [a.core.databaseId],
      )
    ).rows;
  const first = await cash(a, 700);
  await ship(a);
  const whole = await report();
  assert.deepEqual(whole.missingRows, []);
  assert.equal(
    (await countsOfA()).reduce((n, k) => n + k.attempts, 0),
    a.core.journal.list(100_000).length,
    'the counts add up to every payment the counter shipped',
  );
  // Deleted there: the shop's day says which counter is short, and by how many payments.
  const deleted = async (id: string) =>
    (
      await admin.query<{ r: unknown }>(
        'WITH gone AS (DELETE FROM attempts WHERE counter_id = $1 AND id = $2 RETURNING *) SELECT row_to_json(gone) AS r FROM gone',
        [a.core.databaseId, id],
      )
    ).rows[0]!.r;
  const putBack = (row: unknown) =>
    admin.query('INSERT INTO attempts SELECT * FROM json_populate_record(NULL::attempts, $1)', [JSON.stringify(row)]);
  const row = await deleted(first);
  const short = await report();
  assert.deepEqual(short.missingRows, [{ invoicePrefix: aPrefix, payments: 1 }]);
  assert.equal(short.netCents, whole.netCents - 700, 'the sums are short by what was deleted, and the report says so');
  // Deleted and a forged row put in its place: the forged one has no seal, so it does not make up the count.
  await admin.query(
    `INSERT INTO attempts (counter_id, id, created_at, updated_at, kind, state, tender, amount_cents, tip_cents, currency, staff_id, mode, row, seal)
     SELECT counter_id, 'stand-in', created_at, updated_at, kind, state, tender, amount_cents, tip_cents, currency, staff_id, mode, row, 'bm8'
       FROM json_populate_record(NULL::attempts, $1)`,
    [JSON.stringify(row)],
  );
  assert.deepEqual(
    (await report()).missingRows,
    [{ invoicePrefix: aPrefix, payments: 1 }],
    'an unsealed stand-in does not fill the gap',
  );
  await admin.query(`DELETE FROM attempts WHERE id = 'stand-in'`);
  await putBack(row);
  assert.deepEqual((await report()).missingRows, [], 'the row back: nothing missing');
  // The next payment deleted and the older count put back with it: this counter saw the newer count.
  const older = await countsOfA();
  const second = await cash(a, 800);
  await ship(a);
  assert.deepEqual((await report()).missingRows, []);
  const slot = Math.floor(Date.parse(a.core.journal.get(second)!.createdAt) / (15 * 60 * 1000));
  const row2 = await deleted(second);
  const was = older.find((k) => k.slot === slot);
  if (was)
    await admin.query('UPDATE counter_counts SET attempts = $3, seal = $4 WHERE counter_id = $1 AND slot = $2', [
      a.core.databaseId,
      slot,
      was.attempts,
      was.seal,
    ]);
  else await admin.query('DELETE FROM counter_counts WHERE counter_id = $1 AND slot = $2', [a.core.databaseId, slot]);
  assert.deepEqual(
    (await report()).missingRows,
    [{ invoicePrefix: aPrefix, payments: 1 }],
    'an older sealed count is not believed',
  );
  // A count the database wrote itself (no seal of the shop's) is not believed either, lower or higher
  // (a made-up higher one would raise false alarms, and be remembered).
  for (const attempts of [0, 1_000_000]) {
    await admin.query(
      `INSERT INTO counter_counts (slot, counter_id, attempts, seal) VALUES ($2, $1, $3, 'bm8') ON CONFLICT (slot, counter_id) DO UPDATE SET attempts = $3, seal = 'bm8'`,
      [a.core.databaseId, slot, attempts],
    );
    const r = await report();
    assert.deepEqual(
      r.missingRows,
      [{ invoicePrefix: aPrefix, payments: 1 }],
      `an unsealed count of ${attempts} is not believed`,
    );
    assert.equal(r.unsealedRows, 1, 'and is said as a row the database wrote');
  }
  await putBack(row2);
  await cash(a, 100);
  await ship(a);
  assert.deepEqual((await report()).missingRows, [], 'all back: nothing missing');
});

test('the shop’s totals take money given back off and leave declined attempts out, as the counter’s own X report does', async () => {
  const a = counters.find((x) => x.dir.includes('shop-a'))!;
  await signInAs(a, 'Morgan', '135790', 11);
  const lineOf = async () => {
    const r = await call<ShopReport>(a, 'report.shop', {}, 11);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value.counters.find((x) => x.counterId === a.core.databaseId)!.netCents;
  };
  const xNet = async () => {
    const r = await call<DayReport>(a, 'report.x', {}, 11);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value.netCents;
  };
  const [shopBefore, xBefore] = [await lineOf(), await xNet()];
  const record = (kind: 'purchase' | 'refund', cents: number, state: 'approved' | 'declined') => {
    const id = randomUUID();
    a.core.journal.begin({
      id,
      kind,
      amountCents: cents,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: 's',
      approverId: null,
      originalTransactionId: kind === 'refund' ? '1' : undefined,
      mode: 'training',
    });
    a.core.journal.settle(id, state, {
      detail: 'test',
      helcimTransactionId: state === 'approved' ? String(Date.now()) + Math.floor(Math.random() * 1000) : undefined,
    });
  };
  record('purchase', 1_00, 'approved');
  record('purchase', 9_99, 'declined');
  record('refund', 3_00, 'approved');
  await ship(a);
  assert.equal((await xNet()) - xBefore, 1_00 - 3_00, 'the X report: $1.00 in, $3.00 back, the decline nothing');
  assert.equal((await lineOf()) - shopBefore, 1_00 - 3_00, 'the shop’s line moves by the same');
});

test('the shop’s Z: refused while a counter has sales after its last Z (named); then every counter’s Z added up once, and never again', async () => {
  // A shop of its own, in another database of the same server: two fresh counters.
  await admin.query('CREATE DATABASE shopz');
  const z = { ...link(), database: 'shopz' };
  const [p, q] = [
    await testCore('shopz-p', { shopShipEveryMs: 3_600_000 }),
    await testCore('shopz-q', { shopShipEveryMs: 3_600_000 }),
  ];
  counters.push(p, q);
  await p.core.staffStore.create('Casey', 'cashier', '2468');
  await p.core.staffStore.create('Morgan', 'manager', '135790');
  const founded = await p.core.shop.link(z, db.password, 'test');
  await q.core.shop.link(z, db.password, 'test', founded.linkCode!);
  for (const c of [p, q]) {
    await signInAs(c, 'Casey', '2468', 1);
    await signInAs(c, 'Morgan', '135790', 2);
  }
  await cash(p, 1000);
  await cash(q, 250);
  const zAt = async (c: Counter) => {
    const r = await call<DayReport>(c, 'report.z', { confirm: true }, 2);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };
  const shopZ = (c: Counter) =>
    call<{
      number: number;
      netCents: number;
      counters: { invoicePrefix: string; zNumbers: number[]; netCents: number }[];
    }>(c, 'report.shopZ', { confirm: true }, 2);
  await zAt(p);
  await ship(q);
  const early = await shopZ(p);
  const qPrefix = q.core.invoicePrefix;
  assert.match(
    early.ok ? '' : early.error.message,
    new RegExp(`these counters have sales after their last Z report: ${qPrefix}\\.`),
  );
  await zAt(q);
  await ship(q);
  const closed = await shopZ(p);
  assert.ok(closed.ok, JSON.stringify(closed));
  assert.deepEqual([closed.value.number, closed.value.netCents], [1, 1250]);
  assert.deepEqual(
    closed.value.counters.map((c) => [c.zNumbers, c.netCents]).sort(),
    [
      [[1], 1000],
      [[1], 250],
    ].sort(),
  );
  const again = await shopZ(q);
  assert.match(again.ok ? '' : again.error.message, /nothing to close/);
  // The next day: only what was closed since.
  await cash(q, 99);
  await zAt(q);
  // Two managers close the shop's day at the same moment, at two counters: one shop Z, never two. To
  // be sure their transactions overlap, the shop Z table is held locked until both are waiting on it.
  await ship(p);
  await ship(q);
  const locker = new pg.Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: 'shopz',
  });
  // Watched from another connection: inside a transaction, PostgreSQL keeps one snapshot of pg_stat_activity.
  const watcher = new pg.Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: 'shopz',
  });
  await locker.connect();
  await watcher.connect();
  let both: Awaited<ReturnType<typeof shopZ>>[];
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE shop_z IN EXCLUSIVE MODE');
    const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const closing = Promise.all([shopZ(p), shopZ(q)]);
    // Both closings inside their transactions, at least one held up by the lock: then a moment more,
    // so the other reaches its own wait (on the table, or on the shop Z's advisory lock).
    const underWay = async () =>
      (
        await watcher.query<{ open: string; waiting: string }>(
          `SELECT count(*) FILTER (WHERE xact_start IS NOT NULL) AS open, count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting
             FROM pg_stat_activity WHERE datname = 'shopz' AND pid NOT IN (pg_backend_pid(), $1)`,
          [lockerPid],
        )
      ).rows[0]!;
    let seen = await underWay();
    for (let i = 0; i < 200 && (Number(seen.open) < 2 || Number(seen.waiting) < 1); i++) {
      await new Promise((r) => setTimeout(r, 25));
      seen = await underWay();
    }
    assert.ok(
      Number(seen.open) >= 2 && Number(seen.waiting) >= 1,
      `both closings under way at once: ${JSON.stringify(seen)}`,
    );
    await new Promise((r) => setTimeout(r, 300));
    await locker.query('COMMIT');
    both = await closing;
  } finally {
    await locker.end();
    await watcher.end();
  }
  const made = both.filter((r) => r.ok);
  assert.equal(made.length, 1, JSON.stringify(both));
  const next = made[0]!;
  assert.ok(next.ok);
  assert.deepEqual([next.value.number, next.value.netCents], [2, 99]);
  const other = both.find((r) => !r.ok)!;
  assert.match(other.ok ? '' : other.error.message, /nothing to close/);
  // A counter's Z deleted in the shop database stops the next shop Z, named (its money would be missing).
  await cash(q, 42);
  await zAt(q);
  await ship(q);
  const shopzAdmin = new pg.Pool({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: 'shopz',
    max: 1,
  });
  try {
    // Its period moved (so sales after it would look closed): the seal covers the period, the shop Z stops.
    const was = (
      await shopzAdmin.query<{ period_to: Date }>(
        'SELECT period_to FROM counter_z WHERE counter_id = $1 AND number = 3',
        [q.core.databaseId],
      )
    ).rows[0]!;
    await shopzAdmin.query(
      `UPDATE counter_z SET period_to = period_to + interval '1 day' WHERE counter_id = $1 AND number = 3`,
      [q.core.databaseId],
    );
    const moved = await shopZ(p);
    assert.match(moved.ok ? '' : moved.error.message, new RegExp(`did not seal .*${qPrefix} Z3`));
    await shopzAdmin.query('UPDATE counter_z SET period_to = $2 WHERE counter_id = $1 AND number = 3', [
      q.core.databaseId,
      was.period_to,
    ]);
    await shopzAdmin.query('DELETE FROM counter_z WHERE counter_id = $1 AND number = 3', [q.core.databaseId]);
    const head = (
      await shopzAdmin.query<{ shipped_z: number; shipped_seal: string }>(
        'SELECT shipped_z, shipped_seal FROM counters WHERE id = $1',
        [q.core.databaseId],
      )
    ).rows[0]!;
    // The record of its last Z changed there too (so no reader would look for Z3): that stops it, named.
    await shopzAdmin.query(`UPDATE counters SET shipped_z = 2, shipped_seal = 'bm8' WHERE id = $1`, [
      q.core.databaseId,
    ]);
    const headChanged = await shopZ(p);
    assert.match(
      headChanged.ok ? '' : headChanged.error.message,
      new RegExp(`which Z reports these counters shipped was changed there: ${qPrefix}\\.`),
    );
    await shopzAdmin.query('UPDATE counters SET shipped_z = $2, shipped_seal = $3 WHERE id = $1', [
      q.core.databaseId,
      head.shipped_z,
      head.shipped_seal,
    ]);
  } finally {
    await shopzAdmin.end();
  }
  const gone = await shopZ(p);
  assert.match(
    gone.ok ? '' : gone.error.message,
    new RegExp(`no longer in the shop database \\(deleted there\\): ${qPrefix} Z3\\.`),
  );
  // Audited where each was closed: shop Z 1 at P, shop Z 2 at whichever counter won the race.
  const audited = [p, q].reduce(
    (n, c) => n + c.core.audit.entries().filter((e) => e.action === 'report.shop_z').length,
    0,
  );
  assert.equal(audited, 2);
});

test('History → the whole shop: a manager finds another counter’s sale by amount, named by its prefix; a cashier may not', async () => {
  const [a, b] = [counters.find((x) => x.dir.includes('shop-a'))!, counters.find((x) => x.dir.includes('shop-b'))!];
  const there = await cash(b, 31_337);
  await ship(b);
  const found = await call<
    { counter: string; thisCounter: boolean; attemptId: string; amountCents: number; staffName?: string }[]
  >(a, 'history.shop', { amountCents: 31_337 }, 2);
  assert.ok(found.ok, JSON.stringify(found));
  const bPrefix = b.core.invoicePrefix;
  assert.deepEqual(
    found.value.map((r) => [r.attemptId, r.counter, r.thisCounter, r.amountCents, r.staffName]),
    [[there, bPrefix, false, 31_337, 'Casey']],
  );
  const none = await call<unknown[]>(a, 'history.shop', { amountCents: 31_338 }, 2);
  assert.deepEqual(none.ok && none.value, []);
  await signInAs(a, 'Casey', '2468', 1);
  const byCashier = await call(a, 'history.shop', {}, 1);
  assert.equal(byCashier.ok ? 'ok' : byCashier.error.code, 'forbidden');
});

test('linking pins the server certificate: unconfirmed or another fingerprint is refused before anything is sent; the confirmed one is pinned', async () => {
  const c = await testCore('shop-tls', { shopShipEveryMs: 3_600_000 });
  counters.push(c);
  const { certificate: _confirmed, ...where } = link();
  assert.deepEqual(await c.core.shop.probe(db.host, db.port), { tls: true, fingerprint: db.fingerprint });
  await assert.rejects(c.core.shop.link(where, db.password, 'test', linkCode!), (err: Error) =>
    err.message.includes(`presents the certificate ${db.fingerprint}`),
  );
  const other = db.fingerprint!.replace(/^../, db.fingerprint!.startsWith('00') ? '01' : '00');
  await assert.rejects(
    c.core.shop.link({ ...where, certificate: other }, db.password, 'test', linkCode!),
    /presents the certificate/,
  );
  assert.equal(c.core.settings.get('shop.link'), null, 'nothing saved');
  const r = await c.core.shop.link(link(), db.password, 'test', linkCode!);
  assert.deepEqual([r.state.tls, r.state.pinned], [true, db.fingerprint]);
  const saved = c.core.settings.get('shop.link')!;
  assert.equal(saved.tls !== 'none' && saved.tls?.fingerprint, db.fingerprint);
});

test('a linked counter never sends its password to an impostor: another certificate, no TLS at all, or a server asking for cleartext or MD5', async () => {
  const c = counters.find((x) => x.dir.includes('shop-tls'))!;
  const pinned = c.core.settings.get('shop.link')!;
  const reachAt = async (port: number) =>
    new ShopDatabase({
      db: c.core.db,
      counterId: c.core.databaseId,
      invoicePrefix: 'CTEST',
      link: { ...pinned, port },
      password: async () => db.password,
      now: Date.now,
      sealSetting: () => 'x',
      sealRow: () => 'x',
    }).reach();
  const impostors: Impostor[] = [];
  try {
    // The impostor works: a client that trusts any certificate hands it the password at once.
    const own = selfSignedCertificate(c.dir, 'impostor');
    const mitm = await startImpostor({ tls: { cert: own.cert, key: own.key }, ask: 'cleartext' });
    impostors.push(mitm);
    const naive = new pg.Client({
      host: '127.0.0.1',
      port: mitm.port,
      user: db.user,
      password: db.password,
      ssl: { rejectUnauthorized: false },
      connectionTimeoutMillis: 3_000,
    });
    naive.on('error', () => undefined);
    // It never answers after the password: waited for (bounded), then the connection is dropped.
    const connecting = naive.connect().catch(() => undefined);
    for (let i = 0; i < 60 && !mitm.gotPassword(); i++) await new Promise((r) => setTimeout(r, 50));
    await mitm.close();
    await connecting;
    assert.equal(mitm.gotPassword(), true, 'the stand-in catches a password sent to it');
    // 1. TLS with its own certificate: the handshake ends before PostgreSQL's startup message.
    const tlsImpostor = await startImpostor({ tls: { cert: own.cert, key: own.key }, ask: 'cleartext' });
    impostors.push(tlsImpostor);
    const r1 = await reachAt(tlsImpostor.port);
    assert.equal(r1.ok, false);
    assert.deepEqual([tlsImpostor.gotPassword(), tlsImpostor.received().length], [false, 0], 'not even the user name');
    // 2. No TLS at all: never reached in the clear.
    const plain = await startImpostor({ tls: null, ask: 'cleartext' });
    impostors.push(plain);
    const r2 = await reachAt(plain.port);
    assert.equal(r2.ok, false);
    assert.deepEqual([plain.gotPassword(), plain.received().length], [false, 0]);
    // 3 and 4. The right certificate (a stolen key, or the real server set to weak authentication):
    // cleartext and MD5 are refused, so the password still never leaves.
    for (const ask of ['cleartext', 'md5'] as const) {
      const weak = await startImpostor({ tls: db.tls!, ask });
      impostors.push(weak);
      const r = await reachAt(weak.port);
      assert.equal(r.ok, false, ask);
      assert.ok(weak.received().includes(Buffer.from(db.user)), `${ask}: it got as far as the startup message`);
      assert.equal(weak.gotPassword(), false, `${ask}: no password message`);
      assert.match(
        r.ok ? '' : r.why,
        new RegExp(`${ask === 'md5' ? 'MD5' : 'cleartext'} password authentication, which this counter refuses`),
      );
    }
  } finally {
    for (const i of impostors) await i.close();
  }
});

test('an older link (no certificate confirmed) pins the certificate its server presents when this version first reaches it, saved and audited; a server without TLS is then not reached at all', async () => {
  const t = await testCore('shop-legacy', { shopShipEveryMs: 3_600_000 });
  const { host, port, database, user } = link();
  await t.core.shop.link(link(), db.password, 'test', linkCode!);
  // As a counter linked by an earlier version saved it: where, and nothing about the certificate.
  t.core.settings.set('shop.link', { host, port, database, user });
  await t.core.close();
  const reopened = await createTestCore({
    appOrigin: APP,
    journalFile: path.join(t.dir, 'app.sqlite'),
    vault: createKeytarVault(keytar, t.service),
    log: () => {},
    shopShipEveryMs: 3_600_000,
  });
  try {
    await reopened.shop.tick();
    const saved = reopened.settings.get('shop.link')!;
    assert.deepEqual([saved.tls !== 'none' && saved.tls?.fingerprint, saved.pinnedOnFirstUse], [db.fingerprint, true]);
    const state = reopened.shop.state()!;
    assert.deepEqual(
      [state.online, state.pinned, state.pinnedOnFirstUse, state.refused],
      [true, db.fingerprint, true, false],
    );
    assert.ok(
      reopened.audit
        .entries()
        .some((e) => e.action === 'shop.pinned_on_first_use' && e.detail.includes(db.fingerprint!)),
    );
  } finally {
    await reopened.close();
    await removeKeychainEntries(t.service, reopened.databaseId);
  }
  // An older link to a server that offers no TLS: nothing is sent to it (it asks in the clear), and the counter says why.
  const plain = await startImpostor({ tls: null, ask: 'cleartext' });
  try {
    const older = new ShopDatabase({
      db: openDatabase(path.join(t.dir, 'older.sqlite')),
      counterId: t.core.databaseId,
      invoicePrefix: 'CTEST',
      link: { host: '127.0.0.1', port: plain.port, database, user },
      password: async () => db.password,
      now: Date.now,
      sealSetting: () => 'x',
      sealRow: () => 'x',
    });
    const r = await older.reach();
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.why, /offers no encrypted connection: a manager links this counter again/);
    assert.deepEqual([plain.gotPassword(), plain.received().length], [false, 0], 'not even the user name');
    assert.deepEqual([older.state().refused, older.state().online], [true, false]);
  } finally {
    await plain.close();
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test('a server with no TLS is linked only when a manager accepts an unencrypted connection, and the counter says so', async () => {
  const plainDb = await startPostgres({ tls: false });
  const c = await testCore('shop-plain', { shopShipEveryMs: 3_600_000 });
  counters.push(c);
  try {
    await c.core.staffStore.create('Robin', 'manager', '246813');
    const where = { host: plainDb.host, port: plainDb.port, database: plainDb.database, user: plainDb.user };
    assert.deepEqual(await c.core.shop.probe(plainDb.host, plainDb.port), { tls: false, fingerprint: null });
    await assert.rejects(c.core.shop.link(where, plainDb.password, 'test'), /offers no encryption/);
    assert.equal(c.core.settings.get('shop.link'), null);
    const r = await c.core.shop.link({ ...where, plaintext: true }, plainDb.password, 'test');
    assert.deepEqual([r.founded, r.state.tls, r.state.pinned], [true, false, null]);
    assert.equal(c.core.settings.get('shop.link')!.tls, 'none');
  } finally {
    await c.core.shop.close();
    await plainDb.close();
  }
});

test('the shop’s day and Z add up its counters’ tax, cash rounding and discounts, sealed: a line changed in the shop database is left out, and stops the shop Z', async () => {
  await admin.query('CREATE DATABASE shoptax');
  const where = { ...link(), database: 'shoptax' };
  const [p, q] = [
    await testCore('shoptax-p', { shopShipEveryMs: 3_600_000 }),
    await testCore('shoptax-q', { shopShipEveryMs: 3_600_000 }),
  ];
  counters.push(p, q);
  await p.core.staffStore.create('Morgan', 'manager', '135790');
  const founded = await p.core.shop.link(where, db.password, 'test');
  await q.core.shop.link(where, db.password, 'test', founded.linkCode!);
  // Alberta: GST 5 % alone, cash rounded to 5¢ (Canada).
  const alberta = {
    jurisdiction: 'AB',
    pricesInclude: false,
    usRateMillionths: 0,
    usCashRounding: false,
    legalName: '',
    gstHstNumber: '',
    qstNumber: '',
  };
  for (const c of [p, q]) {
    await signInAs(c, 'Morgan', '135790', 2);
    const set = await call(c, 'settings.setTax', alberta, 2);
    assert.ok(set.ok, JSON.stringify(set));
  }
  const sell = async (c: Counter, lines: unknown[], tenderedCents: number) => {
    const s = await call<SaleView>(c, 'sale.cart', { currency: 'CAD', lines }, 2);
    assert.ok(s.ok, JSON.stringify(s));
    const paid = await call<CashSale>(
      c,
      'cash.sale',
      { amountCents: s.value.totalCents, tenderedCents, currency: 'CAD', saleId: s.value.saleId },
      2,
    );
    assert.ok(paid.ok, JSON.stringify(paid));
  };
  // P: $10.00 less 10 % (damaged) = $9.00, GST 45¢: $9.45. Q: $3.99, GST 19.95¢ → 20¢: $4.19, $4.20 in cash (+1¢).
  await sell(
    p,
    [{ kind: 'open', amountCents: 10_00, discount: { kind: 'percent', basisPoints: 1_000, reasonId: 'damaged' } }],
    9_45,
  );
  await sell(q, [{ kind: 'open', amountCents: 3_99 }], 5_00);
  const shopDb = new pg.Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: 'shoptax',
  });
  await shopDb.connect();
  const day = async () => {
    const r = await call<ShopReport>(p, 'report.shop', {}, 2);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };
  await ship(q);
  const running = await day();
  const linesOf = (r: ShopReport) => ({
    tax: r.taxCollected.map((l) => [l.key, l.count, l.cents]),
    back: r.taxRefunded.map((l) => [l.key, l.count, l.cents]),
    rounding: r.rounding.map((l) => [l.count, l.cents]),
    reasons: r.discountsByReason.map((l) => [l.key, l.count, l.cents, l.names?.fr]),
    cashiers: r.discountsByCashier.map((l) => [l.key, l.count, l.cents]),
  });
  assert.deepEqual(linesOf(running), {
    tax: [['GST 50000', 2, 65]],
    back: [],
    rounding: [[1, 1]],
    reasons: [['damaged', 1, 1_00, 'Article abîmé']],
    cashiers: [['Morgan', 1, 1_00]],
  });
  // P's sale's tax changed in the shop database (45¢ → 5¢): left out of the shop's day, and counted.
  await shopDb.query(
    `UPDATE counter_money_lines SET lines = jsonb_set(lines, '{taxCollected,0,cents}', '5') WHERE counter_id = $1 AND key LIKE 'sale:%'`,
    [p.core.databaseId],
  );
  const changed = await day();
  assert.deepEqual([changed.unsealedRows, linesOf(changed).tax], [1, [['GST 50000', 1, 20]]]);
  await shopDb.query(
    `UPDATE counter_money_lines SET lines = jsonb_set(lines, '{taxCollected,0,cents}', '45') WHERE counter_id = $1 AND key LIKE 'sale:%'`,
    [p.core.databaseId],
  );
  // The discounted line given back at P: its $9.00 and the 45¢ of GST on it.
  const paidSale = p.core.db
    .prepare(`SELECT number FROM sales WHERE state = 'paid' ORDER BY number DESC LIMIT 1`)
    .get() as {
    number: number;
  };
  const back = [{ position: 1, quantityMilli: 1_000 }];
  const approval = await call<{ approvalId: string }>(
    p,
    'override.approve',
    {
      action: 'cash_refund',
      saleNumber: String(paidSale.number),
      amountCents: 9_45,
      managerId: staffId(p, 'Morgan'),
      pin: '135790',
      lines: back,
    },
    2,
  );
  assert.ok(approval.ok, JSON.stringify(approval));
  const refund = await call(
    p,
    'cash.refund',
    { saleNumber: String(paidSale.number), amountCents: 9_45, approvalId: approval.value.approvalId, lines: back },
    2,
  );
  assert.ok(refund.ok, JSON.stringify(refund));
  assert.deepEqual(linesOf(await day()).back, [['GST 50000', 1, 45]]);
  for (const c of [p, q]) {
    const z = await call<DayReport>(c, 'report.z', { confirm: true }, 2);
    assert.ok(z.ok, JSON.stringify(z));
    await ship(c);
  }
  // Q's Z's tax changed in the shop database (20¢ → 2¢): its seal no longer holds, and the shop Z says whose.
  await shopDb.query(
    `UPDATE counter_z SET data = jsonb_set(data, '{taxCollected,0,cents}', '2') WHERE counter_id = $1`,
    [q.core.databaseId],
  );
  const refused = await call<ShopZ>(p, 'report.shopZ', { confirm: true }, 2);
  assert.match(refused.ok ? '' : refused.error.message, /did not seal/);
  await shopDb.query(
    `UPDATE counter_z SET data = jsonb_set(data, '{taxCollected,0,cents}', '20') WHERE counter_id = $1`,
    [q.core.databaseId],
  );
  const closed = await call<ShopZ>(p, 'report.shopZ', { confirm: true }, 2);
  assert.ok(closed.ok, JSON.stringify(closed));
  const z = closed.value;
  assert.deepEqual(
    [z.netCents, z.taxCollected.map((l) => [l.key, l.count, l.cents]), z.taxRefunded],
    // The net is what the sales came to, less the return; the rounding is its own line, as on each counter's Z.
    [9_45 + 4_19 - 9_45, [['GST 50000', 2, 65]], [{ key: 'GST 50000', count: 1, cents: 45 }]],
  );
  assert.deepEqual(
    z.rounding.map((l) => [l.count, l.cents]),
    [[1, 1]],
  );
  assert.deepEqual(
    z.discountsByReason.map((l) => [l.key, l.count, l.cents, l.names?.en]),
    [['damaged', 1, 1_00, 'Damaged item']],
  );
  assert.deepEqual(
    z.discountsByCashier.map((l) => [l.key, l.count, l.cents]),
    [['Morgan', 1, 1_00]],
  );
  await shopDb.end();
});

test('a newer Counter POS moved the shop database on: this counter writes nothing there, says "update this counter", keeps its sales; an additive change does not stop it', async () => {
  const c = await counter('older-version');
  await ship(c);
  try {
    // Another counter, of a later version, applied a migration this one does not know.
    await admin.query("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from a later version')");
    const sale = await cash(c, 7_77);
    assert.equal(await ship(c), 0, 'nothing written');
    assert.equal(c.core.shop.state()!.newerSchema, 9999);
    assert.ok(c.core.shop.state()!.backlog > 0, 'the sale waits in the outbox');
    const held = await admin.query('SELECT 1 FROM attempts WHERE counter_id = $1 AND id = $2', [
      c.core.databaseId,
      sale,
    ]);
    assert.equal(held.rowCount, 0);
    const status = await call<AppStatus>(c, 'app.status', {}, 2);
    assert.ok(status.ok);
    assert.equal(status.value.shopDatabase?.newerSchema, 9999);
    // The same migration marked as one older counters may live with: shipping goes on.
    await admin.query('UPDATE schema_migrations SET older_counters_may_write = true WHERE version = 9999');
    assert.ok((await ship(c)) > 0);
    assert.equal(c.core.shop.state()!.newerSchema, null);
    await sameRows(c);
  } finally {
    await admin.query('DELETE FROM schema_migrations WHERE version = 9999');
  }
});

test('a newer shop database met at connect (the counter starts after the update): nothing written, said plainly', async () => {
  await admin.query("INSERT INTO schema_migrations (version, name) VALUES (9998, 'from a later version')");
  try {
    const c = await testCore('starts-after-update', { shopShipEveryMs: 3_600_000 });
    counters.push(c);
    await c.core.staffStore.create('Casey', 'cashier', '2468');
    const r = await c.core.shop.link(link(), db.password, 'test', linkCode!).catch((err: Error) => err);
    assert.ok(r instanceof Error, 'linking is refused');
    assert.match(
      r.message,
      /newer version of Counter POS updated the shop database \(schema 9998; this counter knows \d+\)/,
    );
  } finally {
    await admin.query('DELETE FROM schema_migrations WHERE version = 9998');
  }
});
