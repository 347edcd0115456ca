/**
 * Crash recovery, the audit chain, and damaged or foreign database files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import keytar from 'keytar';
import { openDatabase } from '../../main/db';
import { PosError } from '../../main/errors';
import { AuditLog } from '../../main/journal/audit';
import { startSimulator } from '../../main/simulator/server';
import { createKeytarVault } from '../../main/vault/vault';
import { removeKeychainEntries, TEST_AUDIT_KEY, createTestCore } from '../support/core';
import { simulateSale } from '../support/simulated-sale';
import { channelOf } from '../../common/contract';

const ROOT = path.resolve(__dirname, '../..');
const tmp = (p: string) => mkdtempSync(path.join(tmpdir(), p));

test(
  'a process killed between sending a refund and recording its answer: reconciled at next start, nothing lost or doubled',
  { timeout: 120_000 },
  async () => {
    const dir = tmp('pos-crash-');
    const db = path.join(dir, 'app.sqlite');
    const service = `Counter POS crash ${randomUUID()}`;
    const helcim = await startSimulator();
    const vault = createKeytarVault(keytar, service);
    let databaseId = '';
    try {
      const live = { apiBase: helcim.baseUrl, scriptUrl: helcim.scriptUrl };
      // The same app on the same database and keychain, before and after the crash.
      const open = () => createTestCore({ appOrigin: 'app://counter', journalFile: db, vault, live, log: () => {} });
      const setup = await open();
      databaseId = setup.databaseId;
      const cashier = await setup.staffStore.create('Casey', 'cashier', '2468');
      const manager = await setup.staffStore.create('Morgan', 'manager', '135790');
      assert.equal(
        (
          await setup.gateway.save(
            'sales',
            helcim.createToken({ general: 'none', settings: 'none', transactions: 'positive' }),
          )
        ).passed,
        true,
      );
      assert.equal(
        (
          await setup.gateway.save(
            'admin',
            helcim.createToken({ general: 'none', settings: 'none', transactions: 'admin' }),
          )
        ).passed,
        true,
      );
      await setup.gateway.setMode('live');
      await setup.close();
      const tx = await simulateSale(helcim, 4000);
      helcim.closeBatch();
      // Helcim applies the refund, then never answers.
      helcim.injectFault({ method: 'POST', path: '/v2/payment/refund' }, { kind: 'lost', hang: true });

      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/crash-child.ts')], {
        cwd: ROOT,
        env: {
          ...process.env,
          CRASH_DB: db,
          CRASH_SERVICE: service,
          CRASH_API: helcim.baseUrl,
          CRASH_SCRIPT: helcim.scriptUrl,
          CRASH_TX: tx,
          CRASH_CASHIER: cashier.id,
          CRASH_MANAGER: manager.id,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (b) => (out += b));
      let exited = false;
      child.once('exit', () => (exited = true));
      const deadline = Date.now() + 60_000;
      while (!exited && !helcim.transactions().some((t) => t.type === 'refund') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      assert.ok(
        helcim.transactions().some((t) => t.type === 'refund'),
        'the child sent the refund',
      );
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      assert.equal(out.includes('answered'), false, 'killed before the answer was recorded');

      // The attempt was journaled before it was sent, and is still open.
      const raw = new Database(db, { readonly: true });
      const pending = raw.prepare("SELECT state, kind, amount_cents FROM attempts WHERE kind = 'refund'").all();
      raw.close();
      assert.deepEqual(pending, [{ state: 'pending', kind: 'refund', amount_cents: 1500 }]);

      helcim.clearFaults();
      const restarted = await open();
      try {
        // Start-up reconciliation ran before createPosCore returned, i.e. before any window opens.
        const [attempt] = restarted.journal.returnsAgainst(tx);
        assert.equal(attempt!.state, 'approved');
        const refunds = helcim.transactions().filter((t) => t.type === 'refund');
        assert.equal(refunds.length, 1, 'no double refund');
        assert.equal(attempt!.helcimTransactionId, String(refunds[0]!.transactionId), 'no lost approval');
        assert.equal(restarted.journal.unresolved().length, 0);
      } finally {
        await restarted.close();
      }
    } finally {
      if (databaseId) await removeKeychainEntries(service, databaseId);
      await helcim.close();
    }
  },
);

test('the audit chain detects an edited row, a deleted row and a cut-off tail', () => {
  const file = path.join(tmp('pos-audit-'), 'app.sqlite');
  const fill = () => {
    const db = openDatabase(file);
    const log = new AuditLog(db, TEST_AUDIT_KEY);
    for (let i = 1; i <= 6; i++) log.append(`staff-${i}`, 'session.sign_in', `window ${i}`);
    return { db, log };
  };
  const { db, log } = fill();
  assert.deepEqual(log.verify(), { ok: true, rows: 6 });
  db.prepare("UPDATE audit SET detail = 'window 99' WHERE seq = 3").run();
  assert.deepEqual(log.verify(), { ok: false, rows: 6, brokenAt: 3, reason: 'row 3 was changed' });
  db.prepare("UPDATE audit SET detail = 'window 3' WHERE seq = 3").run();
  assert.equal(log.verify().ok, true, 'restored exactly: valid again');
  db.prepare('DELETE FROM audit WHERE seq = 4').run();
  const gap = log.verify();
  assert.equal(gap.ok, false);
  assert.equal(!gap.ok && gap.brokenAt, 4);
  db.close();

  const file2 = path.join(tmp('pos-audit-'), 'app.sqlite');
  const db2 = openDatabase(file2);
  const log2 = new AuditLog(db2, TEST_AUDIT_KEY);
  for (let i = 1; i <= 4; i++) log2.append('m', 'staff.add', `s${i}`);
  db2.prepare('DELETE FROM audit WHERE seq = 4').run();
  const cut = log2.verify();
  assert.equal(cut.ok, false);
  assert.match(!cut.ok ? cut.reason : '', /should have 4 rows/);
  db2.close();
});

const refused = (file: string) => {
  try {
    openDatabase(file);
    return null;
  } catch (e) {
    assert.ok(e instanceof PosError);
    return e;
  }
};

test('a damaged or foreign database file: clear error, the file untouched, a copy kept', () => {
  const dir = tmp('pos-db-');
  // Not a database at all.
  const junk = path.join(dir, 'junk.sqlite');
  writeFileSync(junk, 'this is not a database '.repeat(100));
  const before = readFileSync(junk);
  const e1 = refused(junk)!;
  assert.equal(e1.code, 'database_unreadable');
  assert.match(e1.message, /not an SQLite database/);
  assert.deepEqual(readFileSync(junk), before, 'nothing overwritten');
  const copies = readdirSync(dir).filter((f) => f.startsWith('junk.sqlite.unreadable-'));
  assert.equal(copies.length, 1);
  assert.deepEqual(readFileSync(path.join(dir, copies[0]!)), before, 'backup is an exact copy');

  // Another program's SQLite database.
  const foreign = path.join(dir, 'foreign.sqlite');
  const f = new Database(foreign);
  f.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
  f.close();
  const e2 = refused(foreign)!;
  assert.match(e2.message, /another program/);
  const check = new Database(foreign, { readonly: true });
  assert.deepEqual(check.prepare('SELECT name FROM recipes').all(), [{ name: 'soup' }]);
  assert.deepEqual(
    check.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'attempts'").get(),
    { n: 0 },
    'no tables of ours added',
  );
  check.close();

  // A real Counter POS database with damaged pages.
  const broken = path.join(dir, 'broken.sqlite');
  const good = openDatabase(broken);
  good.exec('CREATE TABLE attempts (id TEXT); CREATE TABLE filler (x TEXT);');
  const ins = good.prepare('INSERT INTO filler VALUES (?)');
  for (let i = 0; i < 2000; i++) ins.run('x'.repeat(200));
  good.pragma('wal_checkpoint(TRUNCATE)');
  good.close();
  const bytes = readFileSync(broken);
  bytes.fill(0xab, 8192, 8192 + 4096 * 20); // smash pages after the first two
  writeFileSync(broken, bytes);
  const e3 = refused(broken)!;
  assert.equal(e3.code, 'database_unreadable');
  assert.deepEqual(readFileSync(broken), bytes, 'nothing overwritten');
  assert.ok(readdirSync(dir).some((x) => x.startsWith('broken.sqlite.unreadable-')));

  // And a good one still opens.
  const fine = path.join(dir, 'fine.sqlite');
  openDatabase(fine).close();
  assert.ok(existsSync(fine));
  openDatabase(fine).close();
});

test('reconciliation never rules out a refund it cannot match: rows without their original leave it for a manager', async () => {
  const { Reconciler } = await import('../../main/payments/reconcile');
  const { Journal } = await import('../../main/journal/journal');
  const journal = new Journal(openDatabase(path.join(tmp('pos-rec-'), 'app.sqlite')));
  const begin = (id: string) =>
    journal.begin({
      id,
      kind: 'refund',
      amountCents: 500,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: 's',
      approverId: 'm',
      originalTransactionId: '123',
      mode: 'live',
    });
  const rowsFrom = (rows: object[]) => ({ listCardTransactions: async () => rows }) as never;
  const run = (rows: object[], now = Date.now) =>
    new Reconciler({
      journal,
      client: () => rowsFrom(rows),
      token: async () => 't',
      mode: () => 'live',
      isOpen: () => false,
      log: () => {},
      now,
    });
  const base = { dateCreated: '2026-11-25 10:00:00', status: 'APPROVED', type: 'refund', amount: 5, currency: 'CAD' };

  const a = randomUUID();
  begin(a);
  assert.equal(
    (await run([{ ...base, transactionId: '900' }]).one(a)).state,
    'unknown',
    'a refund row without originalTransactionId',
  );
  const b = randomUUID();
  begin(b);
  // Just lost: a request the client gave up on may still land at Helcim, so "not found" proves nothing yet.
  assert.equal((await run([]).one(b)).state, 'pending', 'too soon to rule it out: still open');
  // Two minutes, as documented (a literal: a window cut in the code must fail here).
  const later = () => Date.now() + 120_000 + 1000;
  assert.equal(
    (await run([], later).one(b)).state,
    'cancelled',
    'no refund rows at all, long after: it did not happen',
  );
  const c = randomUUID();
  begin(c);
  const done = await run([{ ...base, transactionId: '901', originalTransactionId: 123 }]).one(c);
  assert.deepEqual([done.state, done.helcimTransactionId], ['approved', '901']);
});

/** A counter on a file that can be opened again (a restart), with its own keychain service. */
async function auditedCounter(prefix: string) {
  const file = path.join(tmp(prefix), 'app.sqlite');
  const service = `Counter POS audit ${randomUUID()}`;
  const vault = createKeytarVault(keytar, service);
  const open = () => createTestCore({ appOrigin: 'app://counter', journalFile: file, vault, log: () => {} });
  const first = await open();
  return { file, service, open, first, id: first.databaseId };
}

test('a tampered audit file is caught at start-up even when the chain was rebuilt without the keychain key, and managers are told', async () => {
  const { file, service, open, first, id } = await auditedCounter('pos-audit-tamper-');
  try {
    const m = await first.staffStore.create('Morgan', 'manager', '135790');
    const c = await first.staffStore.create('Casey', 'cashier', '2468');
    for (let i = 0; i < 4; i++) first.audit.record(m.id, 'override.approved', `refund ${i}`);
    await first.close();

    // Untouched: verified at start; managers see it, cashiers see nothing.
    const clean = await open();
    clean.sessions.signIn(1, { staffId: m.id, name: 'Morgan', role: 'manager' });
    clean.sessions.signIn(2, { staffId: c.id, name: 'Casey', role: 'cashier' });
    const status = async (core: typeof clean, w: number) =>
      (
        (await core.dispatch(
          channelOf('app.status'),
          {},
          { windowId: w, frameUrl: 'app://counter/index.html', isMainFrame: true },
        )) as {
          value: { audit: { ok: boolean; message: string } | null };
        }
      ).value.audit;
    assert.equal((await status(clean, 1))!.ok, true);
    assert.equal(await status(clean, 2), null);
    await clean.close();

    // Someone with write access to the file edits row 2 and re-chains every row with plain SHA-256
    // (all they can do without the key in the keychain).
    const raw = new Database(file);
    raw.prepare("UPDATE audit SET detail = 'refund 999' WHERE seq = 2").run();
    let prev = '0'.repeat(64);
    for (const r of raw.prepare('SELECT * FROM audit ORDER BY seq').all() as {
      seq: number;
      at: string;
      actor: string;
      action: string;
      detail: string;
    }[]) {
      const hash = createHash('sha256')
        .update(JSON.stringify([r.seq, r.at, r.actor, r.action, r.detail, prev]))
        .digest('hex');
      raw.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
      prev = hash;
    }
    raw.prepare('UPDATE audit_head SET hash = ?').run(prev);
    raw.close();

    const tampered = await open();
    tampered.sessions.signIn(1, { staffId: m.id, name: 'Morgan', role: 'manager' });
    const seen = await status(tampered, 1);
    assert.equal(seen!.ok, false);
    assert.match(seen!.message, /audit trail was altered: row 1 was changed/);
    await tampered.close();
  } finally {
    await removeKeychainEntries(service, id);
  }
});

test('the audit trail’s tail cut off in the file, head row and all, is found: the keychain keeps the count', async () => {
  const { file, service, open, first, id } = await auditedCounter('pos-audit-tail-');
  try {
    const m = await first.staffStore.create('Morgan', 'manager', '135790');
    for (let i = 0; i < 5; i++) first.audit.record(m.id, 'override.approved', `refund ${i}`);
    await first.close();
    // Whoever can write the file deletes the last two rows and sets the head row to match what is left.
    const raw = new Database(file);
    const total = (raw.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
    raw.prepare('DELETE FROM audit WHERE seq > ?').run(total - 2);
    const last = raw.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as {
      seq: number;
      hash: string;
    };
    raw.prepare('UPDATE audit_head SET count = ?, hash = ?').run(last.seq, last.hash);
    raw.close();
    const cut = await open();
    try {
      cut.sessions.signIn(1, { staffId: m.id, name: 'Morgan', role: 'manager' });
      const seen = (
        (await cut.dispatch(
          channelOf('app.status'),
          {},
          { windowId: 1, frameUrl: 'app://counter/index.html', isMainFrame: true },
        )) as {
          value: { audit: { ok: boolean; message: string } | null };
        }
      ).value.audit;
      assert.equal(seen!.ok, false);
      assert.match(seen!.message, new RegExp(`rows were cut off the end: the keychain records at least ${total}`));
    } finally {
      await cut.close(); // closed whatever the check says, so a failing run ends instead of hanging
    }
  } finally {
    await removeKeychainEntries(service, id);
  }
});
