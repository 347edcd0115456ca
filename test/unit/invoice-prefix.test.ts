/**
 * A counter's invoice prefix (main/invoices/prefix.ts), on a real SQLite file: eight hex digits for a
 * database that has sent no payment yet, four for one that has (its invoices already carry them),
 * kept once chosen, and a kept value that is not a prefix this rule makes is not used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase, type Db } from '../../main/db';
import { Journal } from '../../main/journal/journal';
import { counterInvoicePrefix } from '../../main/invoices/prefix';
import { isOtherCounter } from '../../main/reports/reports';

const ID = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';

function withDatabase(use: (db: Db, journal: Journal) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-prefix-'));
  const db = openDatabase(path.join(dir, 'journal.sqlite'));
  try {
    db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    use(db, new Journal(db));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const kept = (db: Db) =>
  (db.prepare("SELECT value FROM meta WHERE key = 'invoice_prefix'").get() as { value: string } | undefined)?.value;

test('a database that has sent no payment: C and the first eight hex digits of its id, upper case, kept', () => {
  withDatabase((db) => {
    assert.equal(counterInvoicePrefix(db, ID), 'C1A2B3C4D');
    assert.equal(kept(db), 'C1A2B3C4D');
    // Kept: asked again (the next start), the same prefix whatever else has happened since.
    assert.equal(counterInvoicePrefix(db, '99999999-0000-4000-8000-000000000000'), 'C1A2B3C4D');
  });
});

test('a database that sent payments before prefixes were kept: its four digits stay (its invoices carry them)', () => {
  withDatabase((db, journal) => {
    journal.begin({
      id: randomUUID(),
      kind: 'purchase',
      amountCents: 1000,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: 's',
      approverId: null,
      mode: 'training',
    });
    assert.equal(counterInvoicePrefix(db, ID), 'C1A2B');
    assert.equal(kept(db), 'C1A2B');
  });
});

test('a kept value that is not such a prefix is not used: made again from the id', () => {
  for (const bad of ['c1a2b3c4d', 'C1A2B3', 'C1A2B3C4D5', 'X1A2B3C4D', 'C1A2B3C4G', 'C1A2B3C4D-', ' C1A2B']) {
    withDatabase((db) => {
      db.prepare("INSERT INTO meta (key, value) VALUES ('invoice_prefix', ?)").run(bad);
      assert.equal(counterInvoicePrefix(db, ID), 'C1A2B3C4D', JSON.stringify(bad));
    });
  }
  // Both lengths the rule makes are taken as kept.
  for (const good of ['C0F0F', 'C0F0F0F0F'])
    withDatabase((db) => {
      db.prepare("INSERT INTO meta (key, value) VALUES ('invoice_prefix', ?)").run(good);
      assert.equal(counterInvoicePrefix(db, ID), good);
    });
});

test('another counter of the shop is told by a prefix of four or of eight digits, never by six', () => {
  const shop = new Set(['C1A2B', 'C1A2B3C4D', 'C1A2B3']);
  assert.equal(isOtherCounter('C1A2B3C4D-00001', 'C0000', shop), true, 'eight');
  assert.equal(isOtherCounter('C1A2B-00001', 'C00000000', shop), true, 'four');
  assert.equal(isOtherCounter('C1A2B3C4D-00001', 'C1A2B3C4D', shop), false, 'its own');
  assert.equal(isOtherCounter('C1A2B3-00001', 'C0000', shop), false, 'six digits: no counter’s prefix');
});
