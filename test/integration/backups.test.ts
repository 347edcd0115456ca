/**
 * Backups and restore (issue 30, parts 1 and 2) with real files, real crypto and the real keychain:
 * a shop's day, backed up, restored into a new data folder whose keychain knows nothing, gives the
 * same X report and the same audit chain, and its staff sign in with their PINs; every refusal
 * (wrong passphrase, damaged, changed header, newer schema, not a backup, not a fresh install)
 * changes nothing; generations, the second place, the status a manager sees; no secret in a backup.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import Database from 'better-sqlite3';
import { APP, createTestCore, removeKeychainEntries, testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, messageOf } from '../support/bridge-calls';
import { openDrawerWithFloat } from '../support/cart-shop';
import { cardFormPays } from '../support/simulated-sale';
import { accountFor, createKeytarVault } from '../../main/vault/vault';
import { decryptBackup, encryptBackup, keyForFile, readBackupHeader } from '../../main/backup/backup-file';
import type {
  BackupRun,
  BackupStatus,
  CashSale,
  CheckoutStart,
  DayReport,
  RestoredSummary,
} from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
const NOBODY = 9;
const PASSPHRASE = 'correct horse battery staple';
const HOUR = 60 * 60 * 1000;
let clock = Date.parse('2026-12-07T15:00:00Z');
const now = () => clock;

let shop: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
const { ok, call } = bridgeCalls(() => core);
let morgan = '';
let casey = '';

before(async () => {
  shop = await testCore('backups', { now, backupAfterWrite: (file) => garble?.(file) });
  core = shop.core;
  casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
});
after(async () => {
  await shop.close();
});

/** A disk that garbles what is written, when a test sets it. */
let garble: ((file: string) => void) | null = null;

const backupsIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.cposbak'));
const backupDir = () => path.join(shop.dir, 'backups');

/** A fresh install: a new data folder and a keychain namespace that knows nothing. */
async function freshInstall(name: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `pos-${name}-`));
  const service = `Counter POS ${name} ${randomUUID()}`;
  const journalFile = path.join(dir, 'app.sqlite');
  const open = async () =>
    createTestCore({ appOrigin: APP, journalFile, vault: createKeytarVault(keytar, service), log: () => {}, now });
  let c = await open();
  const ids = new Set([c.databaseId]);
  return {
    dir,
    journalFile,
    service,
    get core() {
      return c;
    },
    restore: (file: string, passphrase: string) =>
      bridgeCalls(() => c).call<RestoredSummary>(NOBODY, 'backup.restore', { file, passphrase }),
    /** Closes and opens the app again on the same data folder (what the restart after a restore does). */
    async restart() {
      await c.close();
      await this.reopen();
    },
    /** Opens the app on the data folder (after a close). */
    async reopen() {
      c = await open();
      ids.add(c.databaseId);
    },
    async close() {
      await c.close();
      for (const id of ids) await removeKeychainEntries(service, id);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('before a passphrase is set, backups are off and the manager is told; a passphrase of 11 characters is refused, 12 taken', async () => {
  const status = await ok<BackupStatus>(MANAGER, 'backup.status', {});
  assert.equal(status.problem, 'no_passphrase');
  assert.equal(status.passphraseSet, false);
  const app = await ok<{ backup: { problem: string } | null }>(MANAGER, 'app.status', {});
  assert.equal(app.backup?.problem, 'no_passphrase', 'on the manager’s status bar');
  assert.equal((await ok<{ backup: unknown }>(CASHIER, 'app.status', {})).backup, null, 'not on a cashier’s');
  const run = await ok<BackupRun>(MANAGER, 'backup.now', {});
  assert.equal(run.ok, false);
  assert.match(run.problem ?? '', /no passphrase/);

  const short = await call(MANAGER, 'backup.setPassphrase', { passphrase: 'elevenchars' });
  assert.equal(codeOf(short), 'invalid_payload');
  assert.match(messageOf(short), /at least 12 characters/);
  assert.equal(codeOf(await call(CASHIER, 'backup.setPassphrase', { passphrase: PASSPHRASE })), 'forbidden');
  const set = await ok<BackupStatus>(MANAGER, 'backup.setPassphrase', { passphrase: 'twelve chars' });
  assert.equal(set.passphraseSet, true);
  assert.equal(set.problem, 'failed', 'the last try (before the passphrase) failed: still red until one is made');
  await ok(MANAGER, 'backup.setPassphrase', { passphrase: PASSPHRASE });
  assert.deepEqual(
    core.audit
      .entries()
      .filter((e) => e.action === 'backup.passphrase')
      .map((e) => e.detail),
    ['set', 'changed'],
  );
  assert.ok(!JSON.stringify(core.audit.entries()).includes(PASSPHRASE), 'the passphrase is in no audit row');
});

let dayX: DayReport;
let auditAtBackup: ReturnType<TestCore['audit']['rows']>;
let dayBackup: string;

test('a shop’s day, then a backup: checked after writing, its hash in the audit chain, nothing plain left behind', async () => {
  await openDrawerWithFloat(ok, CASHIER, morgan, '135790', 100_00);
  await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 12_34, tenderedCents: 20_00, currency: 'CAD' });
  await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 5_00, tenderedCents: 5_00, currency: 'CAD' });
  const start = await ok<CheckoutStart>(CASHIER, 'purchase.start', { amountCents: 42_00, currency: 'CAD' });
  const paid = await cardFormPays(core.simulator!, (op, p) => call(CASHIER, op, p), start, undefined, 'Day Card');
  assert.equal(paid.outcome, 'approved');
  clock += 60_000;
  dayX = await ok<DayReport>(MANAGER, 'report.x', {});
  assert.equal(dayX.netCents, 59_34, 'the day: $12.34 + $5.00 cash, $42.00 by card');
  auditAtBackup = core.audit.rows();

  const run = await ok<BackupRun>(MANAGER, 'backup.now', {});
  assert.equal(run.ok, true, JSON.stringify(run));
  assert.equal(run.reason, 'manager');
  dayBackup = path.join(backupDir(), run.file!);
  const bytes = readFileSync(dayBackup);
  assert.equal(run.sha256, createHash('sha256').update(bytes).digest('hex'));
  const written = core.audit.entries().filter((e) => e.action === 'backup.written');
  assert.equal(written.at(-1)!.detail, `${run.file} sha256 ${run.sha256} (manager)`);
  assert.deepEqual(backupsIn(backupDir()), [run.file], 'no plain copy or check file left in the folder');
  assert.deepEqual(
    readdirSync(backupDir()).filter((f) => !f.endsWith('.cposbak')),
    [],
  );
  assert.ok(!bytes.includes(Buffer.from('SQLite format 3')), 'the database is not in the file in the clear');
  assert.ok(!bytes.includes(Buffer.from('Casey')), 'nor a staff name');
  const status = await ok<BackupStatus>(MANAGER, 'backup.status', {});
  assert.equal(status.problem, 'none');
  assert.equal(status.lastGoodAt, new Date(clock).toISOString());
});

test('restored into a new data folder with an empty keychain: the same X report and audit chain; staff sign in with their PINs', async () => {
  const pc = await freshInstall('restored');
  try {
    const emptyId = pc.core.databaseId;
    const r = await pc.restore(dayBackup, PASSPHRASE);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      {
        staff: r.value.staff,
        payments: r.value.payments,
        unresolved: r.value.unresolved,
        restarting: r.value.restarting,
      },
      { staff: 2, payments: 3, unresolved: 0, restarting: false },
    );
    assert.equal(pc.core.databaseId, emptyId, 'nothing is swapped under the running counter');
    await pc.restart();
    const c = pc.core;
    assert.equal(c.databaseId, core.databaseId, 'the shop’s database, under its own id');
    assert.equal(c.audit.verify().ok, true, 'the audit trail verifies with the restored key');
    assert.deepEqual(c.audit.rows().slice(0, auditAtBackup.length), auditAtBackup, 'the same chain');
    assert.equal(c.audit.rows()[auditAtBackup.length]!.action, 'backup.restored');
    // Helcim setup says why the tokens are asked for again, until they are.
    const helcim = await c.gateway.status();
    assert.ok(
      helcim.warnings.some((w) =>
        /restored from a backup \(.+, counter C[0-9A-F]{8}\)\. A backup never holds the Helcim tokens/.test(w),
      ),
      JSON.stringify(helcim.warnings),
    );
    const { ok: okThere, call: callThere } = bridgeCalls(() => pc.core);
    await okThere(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
    assert.equal(codeOf(await callThere(CASHIER, 'session.signIn', { staffId: casey, pin: '9999' })), 'wrong_pin');
    await okThere(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
    const x = await okThere<DayReport>(MANAGER, 'report.x', {});
    // The journal's figures; Helcim's side (the training simulator of the old PC is gone) is not the backup's.
    const figures = (d: DayReport) => ({
      from: d.from,
      byType: d.byType,
      byCashier: d.byCashier,
      byBrand: d.byBrand,
      byTender: d.byTender,
      byTenderCashier: d.byTenderCashier,
      drawer: d.drawer,
      netCents: d.netCents,
      tips: d.tips,
    });
    assert.deepEqual(figures(x), figures(dayX));
    assert.equal(x.netCents, 59_34);
    // The passphrase carries over: the restored counter goes on making backups under it.
    const again = await okThere<BackupRun>(MANAGER, 'backup.now', {});
    assert.equal(again.ok, true);
    assert.doesNotThrow(() =>
      keyForFile(readBackupHeader(readFileSync(path.join(pc.dir, 'backups', again.file!))).header, PASSPHRASE),
    );
  } finally {
    await pc.close();
  }
});

/** Asserts a restore was refused with `words`, and that nothing changed: no staged file, no keys for the backup's database. */
async function refusedAndNothingChanged(
  pc: Awaited<ReturnType<typeof freshInstall>>,
  file: string,
  passphrase: string,
  words: RegExp,
) {
  const r = await pc.restore(file, passphrase);
  assert.equal(codeOf(r), 'backup_refused', JSON.stringify(r));
  assert.match(messageOf(r), words);
  assert.match(messageOf(r), /Nothing was changed|never overwritten/);
  assert.equal(existsSync(`${pc.journalFile}.restoring`), false, 'nothing staged');
  assert.equal(await keytar.getPassword(pc.service, accountFor(core.databaseId, 'pin-pepper')), null, 'no key written');
}

test('refused in plain words, nothing changed: a wrong passphrase, a damaged file, a changed header, a newer schema, not a backup', async () => {
  const pc = await freshInstall('refusals');
  try {
    const good = readFileSync(dayBackup);
    const file = (name: string, bytes: Buffer) => {
      const f = path.join(pc.dir, name);
      writeFileSync(f, bytes);
      return f;
    };
    await refusedAndNothingChanged(pc, dayBackup, 'correct horse battery stapler', /not the passphrase/);
    // One byte of the encrypted database changed.
    const damaged = Buffer.from(good);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 100) ^ 1, damaged.length - 100);
    await refusedAndNothingChanged(pc, file('damaged.cposbak', damaged), PASSPHRASE, /damaged/);
    // The GCM tag changed.
    const tag = Buffer.from(good);
    tag.writeUInt8(tag.readUInt8(tag.length - 1) ^ 1, tag.length - 1);
    await refusedAndNothingChanged(pc, file('tag.cposbak', tag), PASSPHRASE, /damaged/);
    // The plain header's counter changed by hand (it is authenticated with the data).
    const header = Buffer.from(good.toString('latin1').replace(/"counter":"C/, '"counter":"D'), 'latin1');
    assert.notDeepEqual(header, good);
    await refusedAndNothingChanged(pc, file('header.cposbak', header), PASSPHRASE, /damaged/);
    // Cut short.
    await refusedAndNothingChanged(
      pc,
      file('short.cposbak', good.subarray(0, good.length - 5000)),
      PASSPHRASE,
      /damaged/,
    );
    // A newer schema than this version knows: refused before anything is decrypted.
    const { header: h } = readBackupHeader(good);
    const key = keyForFile(h, PASSPHRASE);
    const inner = decryptBackup(good, key.key, 1);
    const newer = encryptBackup(key, inner.keys, inner.database, {
      schema: 2,
      createdAt: h.createdAt,
      counter: h.counter,
    });
    await refusedAndNothingChanged(
      pc,
      file('newer.cposbak', newer),
      PASSPHRASE,
      /newer version of Counter POS \(database schema 2\)/,
    );
    await refusedAndNothingChanged(
      pc,
      file('junk.cposbak', Buffer.from('not a backup at all')),
      PASSPHRASE,
      /not a Counter POS backup/,
    );
    await refusedAndNothingChanged(pc, file('app.sqlite.copy', good), PASSPHRASE, /not a Counter POS backup/);
    // The restored-into counter is still a fresh install that opens as before.
    await pc.restart();
    assert.equal(pc.core.staffStore.count(), 0);
  } finally {
    await pc.close();
  }
});

test('a backup is never restored over a counter that has staff or payments', async () => {
  const r = await call(NOBODY, 'backup.restore', { file: dayBackup, passphrase: PASSPHRASE });
  assert.equal(codeOf(r), 'backup_refused');
  assert.match(messageOf(r), /only onto a new install/);
  assert.equal(existsSync(`${path.join(shop.dir, 'app.sqlite')}.restoring`), false);
});

test('a staged restore is not installed over a database that gained staff meanwhile', async () => {
  const pc = await freshInstall('late-staff');
  try {
    assert.ok((await pc.restore(dayBackup, PASSPHRASE)).ok);
    await pc.core.staffStore.create('Newcomer', 'manager', '112233');
    await pc.restart();
    assert.deepEqual(
      pc.core.staffStore.list().map((s) => s.name),
      ['Newcomer'],
      'the newer database kept',
    );
    assert.ok(
      readdirSync(pc.dir).some((f) => f.startsWith('app.sqlite.restoring-not-installed-')),
      'the staged file set aside',
    );
  } finally {
    await pc.close();
  }
});

test('no secret the counter knows is in a backup: Helcim tokens, the shop database and mail passwords, nor the passphrase', async () => {
  const keychain = createKeytarVault(keytar, shop.service).forDatabase(core.databaseId);
  const secrets = {
    sales: `SalesTok${randomUUID().replace(/-/g, '')}`,
    admin: `AdminTok${randomUUID().replace(/-/g, '')}`,
    shopPassword: `shop-pw-${randomUUID()}`,
    mailPassword: `mail-pw-${randomUUID()}`,
    linkCode: `LINK-${randomUUID()}`,
  };
  await keychain.set('sales', secrets.sales);
  await keychain.set('admin', secrets.admin);
  await keychain.setSecret('shop-db-password', secrets.shopPassword);
  await keychain.setSecret('mail-password', secrets.mailPassword);
  await keychain.setSecret('shop-link-code', secrets.linkCode);
  const run = await ok<BackupRun>(MANAGER, 'backup.now', {});
  assert.equal(run.ok, true);
  const bytes = readFileSync(path.join(backupDir(), run.file!));
  const inside = decryptBackup(bytes, keyForFile(readBackupHeader(bytes).header, PASSPHRASE).key, 1);
  const plain = Buffer.concat([bytes, Buffer.from(JSON.stringify(inside.keys)), inside.database]);
  for (const [name, secret] of Object.entries({ ...secrets, passphrase: PASSPHRASE })) {
    for (const form of [
      Buffer.from(secret),
      Buffer.from(secret, 'utf16le'),
      Buffer.from(Buffer.from(secret).toString('base64')),
    ])
      assert.equal(plain.includes(form), false, `${name} is in the backup`);
  }
  await keychain.remove('sales');
  await keychain.remove('admin');
});

test('generations: each place keeps the newest N of its backups and nothing else in it is touched', async () => {
  const second = mkdtempSync(path.join(tmpdir(), 'pos-usb-'));
  try {
    writeFileSync(path.join(second, 'holiday-photos.jpg'), 'not ours');
    writeFileSync(path.join(second, 'counter-pos-notes.cposbak.txt'), 'not ours either');
    assert.equal(
      codeOf(await call(MANAGER, 'backup.setFolder', { folder: path.join(second, 'missing') })),
      'invalid_payload',
    );
    await ok(MANAGER, 'backup.setFolder', { folder: second });
    core.settings.set('backup', { ...core.settings.get('backup'), keep: 3 });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock += 60_000;
      const run = await ok<BackupRun>(MANAGER, 'backup.now', {});
      assert.deepEqual([run.ok, run.second], [true, 'ok'], JSON.stringify(run));
      made.push(run.file!);
    }
    const newest3 = made.slice(2).sort();
    assert.deepEqual(backupsIn(backupDir()).sort(), newest3);
    assert.deepEqual(backupsIn(second).sort(), newest3);
    assert.ok(existsSync(path.join(second, 'holiday-photos.jpg')));
    assert.ok(existsSync(path.join(second, 'counter-pos-notes.cposbak.txt')));
    // The second copy is the same file, byte for byte.
    for (const f of newest3)
      assert.deepEqual(readFileSync(path.join(second, f)), readFileSync(path.join(backupDir(), f)));

    // The drive is unplugged: the backup is made here, the second copy fails, the manager is told.
    rmSync(second, { recursive: true, force: true });
    clock += 60_000;
    const run = await ok<BackupRun>(MANAGER, 'backup.now', {});
    assert.deepEqual([run.ok, run.second], [true, 'failed']);
    assert.match(run.problem ?? '', new RegExp(`the copy in ${second.replace(/[/\\]/g, '.')} failed`));
    assert.equal((await ok<BackupStatus>(MANAGER, 'backup.status', {})).problem, 'second_failed');
    assert.ok(core.audit.entries().some((e) => e.action === 'backup.second_failed'));
    await ok(MANAGER, 'backup.setFolder', { folder: null });
    core.settings.set('backup', { ...core.settings.get('backup'), keep: 14 });
  } finally {
    rmSync(second, { recursive: true, force: true });
  }
});

/** After the clock jumped: the counters locked themselves (idle), as they would. */
async function signInAgain() {
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
}

test('nightly: none while the last good backup is under 20 hours old, one at 20 hours; overdue (red) after 26 hours', async () => {
  await signInAgain();
  clock += 60_000;
  const last = await ok<BackupRun>(MANAGER, 'backup.now', {});
  assert.equal(last.ok, true);
  clock += 20 * HOUR - 1;
  assert.equal(await core.backups.backUpIfDue(), null, 'under 20 hours: not yet');
  assert.equal(core.backups.status().problem, 'none');
  clock += 1;
  const nightly = await core.backups.backUpIfDue();
  assert.deepEqual([nightly?.ok, nightly?.reason], [true, 'nightly'], 'at 20 hours');
  clock += 26 * HOUR;
  assert.equal(core.backups.status().problem, 'none', 'exactly 26 hours: not yet overdue');
  clock += 1;
  assert.equal(core.backups.status().problem, 'overdue');
  await signInAgain();
  assert.equal((await ok<{ backup: { problem: string } }>(MANAGER, 'app.status', {})).backup.problem, 'overdue');
});

test('each Z is followed by a backup', async () => {
  await signInAgain();
  await ok(CASHIER, 'drawer.close', { countedCents: 100_00 + 12_34 + 5_00 });
  const before = backupsIn(backupDir()).length;
  const z = await call<DayReport>(MANAGER, 'report.z', { confirm: true });
  assert.ok(z.ok, JSON.stringify(z));
  await core.backups.settled();
  const runs = core.audit.entries().filter((e) => e.action === 'backup.written');
  assert.match(runs.at(-1)!.detail, /-z-[0-9a-f]{6}\.cposbak sha256 [0-9a-f]{64} \(z\)$/);
  assert.equal(backupsIn(backupDir()).length, before + 1);
});

test('a database written by a newer version is refused at start, in plain words, and left as it was', async () => {
  const pc = await freshInstall('newer-db');
  try {
    pc.core.db.prepare("UPDATE meta SET value = '2' WHERE key = 'schema_version'").run();
    await pc.core.close();
    const before = readFileSync(pc.journalFile);
    await assert.rejects(
      createTestCore({
        appOrigin: APP,
        journalFile: pc.journalFile,
        vault: createKeytarVault(keytar, pc.service),
        log: () => {},
        now,
      }),
      /newer version of Counter POS \(schema 2; this version knows 1\)/,
    );
    assert.deepEqual(readFileSync(pc.journalFile), before);
    // The same file with this version's schema opens (so the refusal was the schema's, nothing else).
    const db = new Database(pc.journalFile);
    db.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run();
    db.close();
    await pc.reopen();
    assert.equal(pc.core.staffStore.count(), 0);
  } finally {
    await pc.close();
  }
});

test('a live payment still being checked when the backup was made: the restored counter charges no card until Helcim has answered for it', async () => {
  await signInAgain();
  // As a counter that lost power mid-payment in live mode leaves it (the journal writes before it sends).
  const stuck = core.journal.begin({
    id: randomUUID(),
    kind: 'purchase',
    amountCents: 25_00,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId: casey,
    approverId: null,
    mode: 'live',
  });
  core.journal.settle(stuck.id, 'unknown', { detail: 'no answer' });
  const run = await ok<BackupRun>(MANAGER, 'backup.now', {});
  const pc = await freshInstall('unresolved');
  try {
    const r = await pc.restore(path.join(backupDir(), run.file!), PASSPHRASE);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.unresolved, 1, 'the screen says one payment is still being checked');
    await pc.restart();
    const { ok: okThere, call: callThere } = bridgeCalls(() => pc.core);
    await okThere(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
    // No Helcim tokens on the new PC yet (training): the live attempt waits for live mode and blocks card sales.
    assert.equal(pc.core.journal.get(stuck.id)!.state, 'unknown');
    const card = await callThere(CASHIER, 'purchase.start', { amountCents: 10_00, currency: 'CAD' });
    assert.equal(codeOf(card), 'helcim_unknown_outcome', JSON.stringify(card));
    assert.equal((await okThere<{ unresolved: number }>(CASHIER, 'app.status', {})).unresolved, 1);
  } finally {
    await pc.close();
  }
  core.journal.settle(stuck.id, 'cancelled', { detail: 'test: put away' });
});

test('a copy that does not read back as written is not kept: the backup failed, in words, and the manager is told', async () => {
  await signInAgain();
  const before = backupsIn(backupDir());
  garble = (file) => {
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 50) ^ 1, bytes.length - 50);
    writeFileSync(file, bytes);
  };
  try {
    const run = await ok<BackupRun>(MANAGER, 'backup.now', {});
    assert.equal(run.ok, false);
    assert.match(run.problem ?? '', /read back differs from what was written/);
    assert.deepEqual(backupsIn(backupDir()), before, 'the bad copy removed, the older ones kept');
    assert.equal(core.backups.status().problem, 'failed');
    assert.ok(core.audit.entries().at(-1)!.action === 'backup.failed');
  } finally {
    garble = null;
  }
  assert.equal((await ok<BackupRun>(MANAGER, 'backup.now', {})).ok, true, 'the next one, on a good disk, is kept');
});
