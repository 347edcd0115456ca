/**
 * The audit trail on its own (a real SQLite file): rows chained and keyed, what each check says when a
 * row is changed, missing, out of order or cut off, and the words a manager reads. Written so each
 * rule fails a test of its own (StrykerJS's survivors in main/journal/audit.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../main/db';
import { AuditLog, type AuditRow } from '../../main/journal/audit';

const KEY = Buffer.alloc(32, 7);
const dbAt = () => openDatabase(path.join(mkdtempSync(path.join(tmpdir(), 'pos-audit-')), 'app.sqlite'));

test('rows before the key came are plain SHA-256, the rest HMAC with the key: the other key breaks only the keyed rows', () => {
  const db = dbAt();
  const log = new AuditLog(db, { key: KEY, keyedFrom: 3 });
  for (let i = 1; i <= 5; i++) log.record('s', 'test.row', `row ${i}`);
  const rows = log.rows();
  assert.deepEqual(log.verify(), { ok: true, rows: 5 });
  // Row 1 is a plain hash of its fields (written before the key existed): recomputed here by hand.
  const r1 = rows[0]!;
  const plain = createHash('sha256')
    .update(JSON.stringify([r1.seq, r1.at, r1.actor, r1.action, r1.detail, r1.prev_hash]))
    .digest('hex');
  assert.equal(r1.hash, plain);
  assert.notEqual(
    rows[2]!.hash,
    createHash('sha256')
      .update(JSON.stringify([3, rows[2]!.at, 's', 'test.row', 'row 3', rows[1]!.hash]))
      .digest('hex'),
  );
  const otherKey = new AuditLog(db, { key: Buffer.alloc(32, 8), keyedFrom: 3 });
  const check = otherKey.verifyChain(rows);
  assert.deepEqual(
    [check.ok, !check.ok && check.reason],
    [false, 'row 3 was changed'],
    'rows 1 and 2 still verify; row 3 is the first keyed one',
  );
});

test('a detail is kept to 500 characters', () => {
  const log = new AuditLog(dbAt(), { key: KEY, keyedFrom: 1 });
  log.record('s', 'long', 'x'.repeat(600));
  assert.equal(log.rows()[0]!.detail.length, 500);
});

test('each way a chain breaks is named: a row missing, a row that does not follow, a changed row, an end cut off', () => {
  const db = dbAt();
  const log = new AuditLog(db, { key: KEY, keyedFrom: 1 });
  for (let i = 1; i <= 4; i++) log.record('s', 'test.row', `row ${i}`);
  const rows = log.rows();
  const reason = (r: AuditRow[]) => {
    const c = log.verifyChain(r);
    return c.ok ? 'ok' : `${c.reason} @${c.brokenAt}`;
  };
  assert.equal(reason(rows), 'ok');
  assert.equal(reason([rows[0]!, rows[2]!, rows[3]!]), 'row 2 is missing @2');
  assert.equal(
    reason([rows[0]!, { ...rows[1]!, prev_hash: 'f'.repeat(64) }, rows[2]!, rows[3]!]),
    'row 2 does not follow row 1 @2',
  );
  assert.equal(reason([rows[0]!, rows[1]!, { ...rows[2]!, detail: 'altered' }, rows[3]!]), 'row 3 was changed @3');
  assert.deepEqual(
    log.verifyChain(rows.slice(0, 2)),
    { ok: true, rows: 2, last: rows[1]!.hash },
    'a shorter chain is whole by itself',
  );
  // The head beside the rows (count and last hash) tells a cut end: by its count, or by its hash.
  db.prepare('DELETE FROM audit WHERE seq = 4').run();
  assert.match(String((log.verify() as { reason?: string }).reason), /should have 4 rows ending in the recorded head/);
  db.prepare('UPDATE audit_head SET count = 3 WHERE id = 1').run();
  assert.match(
    String((log.verify() as { reason?: string }).reason),
    /should have 3 rows ending in the recorded head/,
    'right count, wrong last hash',
  );
  db.prepare('UPDATE audit_head SET hash = ? WHERE id = 1').run(rows[2]!.hash);
  assert.deepEqual(log.verify(), { ok: true, rows: 3 });
  // The right last hash with a count that is not the rows': told by the count alone.
  db.prepare('UPDATE audit_head SET count = 5 WHERE id = 1').run();
  assert.match(String((log.verify() as { reason?: string }).reason), /should have 5 rows ending in the recorded head/);
  db.prepare('UPDATE audit_head SET count = 3 WHERE id = 1').run();
  // And the keychain's count: fewer rows than it holds is a cut end, even with a matching head.
  const counted = new AuditLog(db, { key: KEY, keyedFrom: 1 }, Date.now, { knownCount: 4, keepCount: () => {} });
  assert.match(
    String((counted.verify() as { reason?: string }).reason),
    /cut off the end: the keychain records at least 4/,
  );
});

test('the start-up check logs a failure and only a failure; a manager reads the counter’s trail first, then the shop’s copy', () => {
  const db = dbAt();
  const log = new AuditLog(db, { key: KEY, keyedFrom: 1 });
  log.record('s', 'a', 'one');
  const lines: string[] = [];
  assert.deepEqual(
    log.startupCheck((l) => lines.push(l)),
    { ok: true, rows: 1 },
  );
  assert.equal(lines.length, 0, 'nothing logged when the trail holds');
  db.prepare("UPDATE audit SET detail = 'changed' WHERE seq = 1").run();
  const bad = log.startupCheck((l) => lines.push(l));
  assert.equal(bad.ok, false);
  assert.deepEqual(lines, ['[pos] audit trail check failed: row 1 was changed']);

  const good = { ok: true as const, rows: 3 };
  const broken = { ok: false as const, rows: 3, brokenAt: 2, reason: 'row 2 was changed' };
  const copy = { ok: false as const, rows: 1, brokenAt: null, reason: 'rows were cut off the end' };
  assert.deepEqual(AuditLog.words(good), { ok: true, message: 'Audit trail verified at start-up (3 entries).' });
  assert.deepEqual(AuditLog.words(good, good), { ok: true, message: 'Audit trail verified at start-up (3 entries).' });
  assert.equal(AuditLog.words(good, copy).ok, false);
  assert.match(AuditLog.words(good, copy).message, /shop database’s copy .* altered: rows were cut off the end/);
  assert.match(
    AuditLog.words(broken, copy).message,
    /^The audit trail was altered: row 2 was changed/,
    'the counter’s own trail first',
  );
});
