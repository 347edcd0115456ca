/**
 * The counter's outbox to the shop database (main/shop/outbox.ts), on a counter's real SQLite file
 * (tables made by the services that own them): linking queues everything journaled before, once; from
 * then on the triggers queue each row in the transaction that writes it (a shared setting, not a
 * counter's own, and not one brought in from the shop); batches ship oldest first and no more than
 * asked (issue 25: "more rows waiting than one batch ships"); the head a batch makes counts each
 * payment once, by quarter hour, with the last Z. The shipping over a real PostgreSQL is in
 * test/integration/shop-database.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Outbox, SLOT_MS, slotOf, SHARED_SETTINGS } from '../../main/shop/outbox';
import { Journal } from '../../main/journal/journal';
import { AuditLog } from '../../main/journal/audit';
import { Settings } from '../../main/settings/settings';
import { Reports } from '../../main/reports/reports';
import { SalesService } from '../../main/payments/sales';
import { SaleLines } from '../../main/cart/lines';
import { LineReturns } from '../../main/cart/returns';
import { CashRounding } from '../../main/payments/rounding';
import { journaled } from '../support/journal-rows';
import { TEST_AUDIT_KEY } from '../support/core';

const CASEY = { staffId: 'casey', name: 'Casey', role: 'cashier' as const };
// 18:00 UTC is the start of a quarter hour.
const NOW = Date.parse('2026-12-07T18:00:00Z');

function counter() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-outbox-'));
  const clock = { now: NOW };
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => clock.now);
  const db = journal.db;
  const audit = new AuditLog(db, TEST_AUDIT_KEY, () => clock.now);
  const settings = new Settings(db);
  new Reports({ db, journal } as never);
  const sales = new SalesService({
    db,
    journal,
    now: () => clock.now,
    mode: () => 'training',
    audit: () => undefined,
    returns: { giveBack: async () => ({}) as never },
    voidToken: () => ({ slot: 'admin' }),
    cashInDrawer: () => null,
    shopLanguage: () => 'en-CA',
    openDrawer: async () => undefined,
    linesOf: () => [],
    taxesOf: () => [],
    subtotalOf: () => 0,
    saleDiscountOf: () => null,
  });
  new SaleLines(db);
  new LineReturns({ db, sales, saleOfTransaction: () => null, taxesByCategory: () => [] });
  new CashRounding({ db, applies: () => true });
  const outbox = new Outbox(db);
  const z = (from: string) =>
    db
      .prepare("INSERT INTO z_reports (period_from, period_to, closed_by, data) VALUES (?, ?, 'morgan', '{}')")
      .run(from, from).lastInsertRowid as number;
  const entries = () =>
    (db.prepare('SELECT tbl, row_key FROM shop_outbox ORDER BY seq').all() as { tbl: string; row_key: string }[]).map(
      (e) => `${e.tbl} ${e.row_key}`,
    );
  const done = () => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { clock, journal, db, audit, settings, sales, outbox, z, entries, done };
}

test('not linked: no outbox, no triggers, nothing waiting', () => {
  const c = counter();
  try {
    journaled(c.journal, { kind: 'purchase', cents: 1_00, state: 'approved' });
    assert.deepEqual([c.outbox.isOpen(), c.outbox.backlog()], [false, 0]);
  } finally {
    c.done();
  }
});

test('linking queues everything journaled before — payments oldest first, their events, the audit, the Zs, the money lines — once', () => {
  const c = counter();
  try {
    c.clock.now = NOW + 2_000;
    const late = journaled(c.journal, { kind: 'purchase', cents: 2_00, state: 'pending' });
    c.clock.now = NOW + 1_000;
    const early = journaled(c.journal, { kind: 'purchase', cents: 1_00, state: 'pending' });
    c.audit.append('morgan', 'staff.added', 'casey');
    const zNumber = c.z('2026-12-06T00:00:00Z');
    const sale = c.sales.open(1_00, 'CAD', CASEY);
    c.db.prepare(`UPDATE sales SET state = 'paid' WHERE id = ?`).run(sale.saleId);
    c.db.prepare('INSERT INTO cash_rounding (attempt_id, cents) VALUES (?, 1)').run(early);
    const events = (c.db.prepare('SELECT seq FROM attempt_events ORDER BY seq').all() as { seq: number }[]).map(
      (e) => `attempt_events ${e.seq}`,
    );
    c.outbox.open();
    assert.deepEqual(c.entries(), [
      `attempts ${early}`,
      `attempts ${late}`,
      ...events,
      'audit 1',
      `z_reports ${zNumber}`,
      `money_lines sale:${sale.saleId}`,
      `money_lines attempt:${early}`,
    ]);
    assert.equal(c.outbox.isOpen(), true);
    assert.equal(c.outbox.backlog(), c.entries().length);
    const sync = c.db.prepare('SELECT key, value FROM shop_sync ORDER BY key').all();
    assert.deepEqual(sync, [
      { key: 'money_lines', value: 1 },
      { key: 'rows_sealed', value: 2 },
    ]);
    // Opened again (every start): the triggers made again, nothing queued twice.
    const before = c.entries().length;
    c.outbox.open();
    assert.equal(c.entries().length, before);
    // Queued once more only if asked: the money lines were already queued, the seals already shipped.
    c.outbox.shipMoneyLinesOnce();
    c.outbox.reshipForSeals();
    assert.equal(c.entries().length, before);
  } finally {
    c.done();
  }
});

test('once linked, each row is queued in the transaction that writes it: a payment and its change, an event, an audit row, a Z and its change', () => {
  const c = counter();
  try {
    c.outbox.open();
    const id = journaled(c.journal, { kind: 'purchase', cents: 1_00, state: 'pending' });
    const [seq] = (
      c.db.prepare('SELECT seq FROM attempt_events WHERE attempt_id = ?').all(id) as { seq: number }[]
    ).map((e) => e.seq);
    c.journal.settle(id, 'approved', { detail: 't', helcimTransactionId: 'h1' });
    const [, settled] = (
      c.db.prepare('SELECT seq FROM attempt_events WHERE attempt_id = ? ORDER BY seq').all(id) as {
        seq: number;
      }[]
    ).map((e) => e.seq);
    c.audit.append('casey', 'sale', 'x');
    const zNumber = c.z('2026-12-07T00:00:00Z');
    c.db.prepare('UPDATE z_reports SET data = \'{"a":1}\' WHERE number = ?').run(zNumber);
    assert.deepEqual(c.entries(), [
      `attempts ${id}`,
      `attempt_events ${seq}`,
      `attempts ${id}`,
      `attempt_events ${settled}`,
      'audit 1',
      `z_reports ${zNumber}`,
      `z_reports ${zNumber}`,
    ]);
  } finally {
    c.done();
  }
});

test('money lines: a sale queued when it becomes paid (once), a return’s tax and a payment’s rounding with their attempt', () => {
  const c = counter();
  try {
    c.outbox.open();
    const sale = c.sales.open(1_00, 'CAD', CASEY);
    c.db.prepare(`UPDATE sales SET updated_at = 'x' WHERE id = ?`).run(sale.saleId);
    assert.deepEqual(c.entries(), [], 'an open sale changing is not paid');
    c.db.prepare(`UPDATE sales SET state = 'paid' WHERE id = ?`).run(sale.saleId);
    c.db.prepare(`UPDATE sales SET updated_at = 'y' WHERE id = ?`).run(sale.saleId);
    c.db.prepare(`UPDATE sales SET state = 'paid' WHERE id = ?`).run(sale.saleId);
    assert.deepEqual(c.entries(), [`money_lines sale:${sale.saleId}`]);
    const other = c.sales.open(1_00, 'CAD', CASEY);
    c.db.prepare(`UPDATE sales SET state = 'abandoned' WHERE id = ?`).run(other.saleId);
    c.db
      .prepare(
        "INSERT INTO tax_returns (attempt_id, sale_id, category, code, rate_millionths, cents) VALUES ('r1', 's', 'std', 'GST', 50000, 5)",
      )
      .run();
    c.db.prepare("INSERT INTO cash_rounding (attempt_id, cents) VALUES ('p1', -2)").run();
    assert.deepEqual(c.entries(), [
      `money_lines sale:${sale.saleId}`,
      'money_lines attempt:r1',
      'money_lines attempt:p1',
    ]);
  } finally {
    c.done();
  }
});

test('settings: every shared one is queued when set or changed here, a counter’s own never, one brought in from the shop never', () => {
  const c = counter();
  try {
    c.outbox.open();
    const set = (key: string, value: string) =>
      c.db
        .prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
    for (const key of SHARED_SETTINGS) {
      set(key, '"a"');
      set(key, '"b"');
    }
    set('printer.host', '"10.0.0.9"');
    set('terminal.code', '"AB12"');
    assert.deepEqual(
      c.entries(),
      SHARED_SETTINGS.flatMap((k) => [`settings ${k}`, `settings ${k}`]),
    );
    assert.deepEqual(
      [...SHARED_SETTINGS],
      ['shop.name', 'shop.language', 'idle_lock_seconds', 'drawer.blind_close', 'tax', 'discounts'],
    );
    c.db.prepare("INSERT INTO shop_sync (key, value) VALUES ('applying', 1)").run();
    set('shop.name', '"From the shop"');
    set('tax', '"x"');
    assert.equal(c.entries().length, SHARED_SETTINGS.length * 2, 'not shipped back');
    c.db.prepare("UPDATE shop_sync SET value = 0 WHERE key = 'applying'").run();
    set('shop.name', '"Here again"');
    assert.equal(c.entries().at(-1), 'settings shop.name');
  } finally {
    c.done();
  }
});

test('a batch is the oldest entries, no more than asked; what shipped is removed up to its last entry only', () => {
  const c = counter();
  try {
    c.outbox.open();
    for (let i = 0; i < 5; i++) c.audit.append('casey', 'x', String(i));
    const first = c.outbox.next(3);
    assert.deepEqual(
      first.map((e) => [e.tbl, e.row_key]),
      [
        ['audit', '1'],
        ['audit', '2'],
        ['audit', '3'],
      ],
    );
    assert.deepEqual(
      first.map((e) => e.seq),
      [first[0]!.seq, first[0]!.seq + 1, first[0]!.seq + 2],
    );
    assert.equal(c.outbox.shippedAuditRows(), 0);
    c.outbox.shipped(first.at(-1)!.seq);
    assert.deepEqual(
      c.outbox.next(10).map((e) => e.row_key),
      ['4', '5'],
    );
    assert.equal(c.outbox.backlog(), 2);
    assert.equal(c.outbox.shippedAuditRows(), 3);
  } finally {
    c.done();
  }
});

test('the head a batch makes: each new payment once, counted in its quarter hour with those shipped before; the last Z', () => {
  const c = counter();
  try {
    assert.equal(SLOT_MS, 15 * 60 * 1000);
    assert.equal(slotOf('2026-12-07T18:14:59.999Z'), slotOf(NOW));
    assert.equal(slotOf('2026-12-07T18:15:00.000Z'), slotOf(NOW) + 1);
    assert.equal(slotOf(NOW), NOW / SLOT_MS);
    c.outbox.open();
    const a = journaled(c.journal, { kind: 'purchase', cents: 1_00, state: 'approved' }); // pending then approved: 2 entries
    c.clock.now = NOW + 15 * 60_000;
    const b = journaled(c.journal, { kind: 'purchase', cents: 1_00, state: 'pending' });
    const z1 = c.z('2026-12-06T00:00:00Z');
    const batch = c.outbox.next(100);
    const head = c.outbox.headAfter(batch);
    assert.deepEqual(head.fresh, [
      { id: a, slot: slotOf(NOW) },
      { id: b, slot: slotOf(NOW) + 1 },
    ]);
    assert.deepEqual(
      [...head.counts],
      [
        [slotOf(NOW), 1],
        [slotOf(NOW) + 1, 1],
      ],
    );
    assert.equal(head.lastZ, z1);
    c.outbox.shipped(batch.at(-1)!.seq, head);
    // Next batch: a's change again (not new), a third payment in the first quarter hour, no Z.
    c.journal.settle(b, 'approved', { detail: 't' });
    c.clock.now = NOW + 60_000;
    const d = journaled(c.journal, { kind: 'purchase', cents: 1_00, state: 'pending' });
    const more = c.outbox.next(100);
    const next = c.outbox.headAfter([...more, { seq: 0, tbl: 'attempts', row_key: 'no-such-attempt' }]);
    assert.deepEqual(next.fresh, [{ id: d, slot: slotOf(NOW) }]);
    assert.deepEqual([...next.counts], [[slotOf(NOW), 2]], 'one shipped before in that quarter hour, one new');
    assert.equal(next.lastZ, z1, 'the last Z shipped');
    // A Z of lower number in a batch never lowers it.
    assert.equal(c.outbox.headAfter([{ seq: 0, tbl: 'z_reports', row_key: '0' }]).lastZ, z1);
    const z2 = c.z('2026-12-07T00:00:00Z');
    assert.equal(c.outbox.headAfter(c.outbox.next(100)).lastZ, z2);
  } finally {
    c.done();
  }
});

test('only payments count in the head: another table’s entry naming a payment’s id is not one', () => {
  const c = counter();
  try {
    c.outbox.open();
    const id = journaled(c.journal, { kind: 'purchase', cents: 1_00, state: 'approved' });
    const head = c.outbox.headAfter([
      { seq: 1, tbl: 'audit', row_key: id },
      { seq: 2, tbl: 'money_lines', row_key: id },
    ]);
    assert.deepEqual([head.fresh, [...head.counts]], [[], []]);
  } finally {
    c.done();
  }
});

test('nothing shipped yet: the last Z is none', () => {
  const c = counter();
  try {
    c.outbox.open();
    assert.deepEqual(c.outbox.headAfter([]), { counts: new Map(), lastZ: 0, fresh: [] });
  } finally {
    c.done();
  }
});

test('a counter linked before rows were sealed, or before money lines, queues them once more, once', () => {
  const c = counter();
  try {
    const id = journaled(c.journal, { kind: 'purchase', cents: 1_00, state: 'approved' });
    const zNumber = c.z('2026-12-06T00:00:00Z');
    c.db.prepare('INSERT INTO cash_rounding (attempt_id, cents) VALUES (?, 1)').run(id);
    c.outbox.open();
    c.outbox.shipped(c.outbox.next(1000).at(-1)!.seq);
    c.db.prepare("UPDATE shop_sync SET value = 1 WHERE key = 'rows_sealed'").run();
    c.db.prepare("DELETE FROM shop_sync WHERE key = 'money_lines'").run();
    c.outbox.reshipForSeals();
    c.outbox.shipMoneyLinesOnce();
    assert.deepEqual(c.entries(), [`attempts ${id}`, `z_reports ${zNumber}`, `money_lines attempt:${id}`]);
    c.outbox.reshipForSeals();
    c.outbox.shipMoneyLinesOnce();
    assert.equal(c.entries().length, 3, 'once');
    assert.deepEqual(c.db.prepare('SELECT key, value FROM shop_sync ORDER BY key').all(), [
      { key: 'money_lines', value: 1 },
      { key: 'rows_sealed', value: 2 },
    ]);
  } finally {
    c.done();
  }
});
