/**
 * Logs, the support file and the Health card (issue 30, parts 4 to 6), with real files and the real
 * keychain: every secret the counter knows, written through main's log, reaches neither the day's
 * file nor the console; a support file saved on a counter that holds every kind of secret contains
 * none of them in any form, yet says what support needs; the Health card's lines turn red at their
 * documented limits.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { APP, createTestCore, removeKeychainEntries, type TestCore } from '../support/core';
import { bridgeCalls } from '../support/bridge-calls';
import { createKeytarVault } from '../../main/vault/vault';
import { DailyLog } from '../../main/logs/daily-log';
import { health } from '../../main/support/health';
import type { BackupStatus, CashSale, HealthView } from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
const PINS = { manager: '80264971', cashier: '739182645' };
const CARD = '4242424242424242';
const CUSTOMER_EMAIL = 'camille.tremblay@client.example';

const dir = mkdtempSync(path.join(tmpdir(), 'pos-logs-support-'));
const service = `Counter POS logs-support ${randomUUID()}`;
let core: TestCore;
const console: string[] = [];
const saved = mkdtempSync(path.join(tmpdir(), 'pos-support-out-'));
const crashDir = mkdtempSync(path.join(tmpdir(), 'pos-crash-'));
const { ok, call } = bridgeCalls(() => core);

/** Every secret this counter will hold, each distinct so a find names its kind. */
const SECRETS = {
  salesToken: `SalesTok${randomUUID().replace(/-/g, '')}`,
  adminToken: `AdminTok${randomUUID().replace(/-/g, '')}`,
  shopPassword: `shop-db-pw-${randomUUID()}`,
  mailPassword: `mail-pw-${randomUUID()}`,
  linkCode: `ABCDE-${randomUUID().slice(0, 5).toUpperCase()}-FGHJK-MNPQR`,
  passphrase: `backup passphrase ${randomUUID()}`,
};

const open = () =>
  createTestCore({
    appOrigin: APP,
    journalFile: path.join(dir, 'app.sqlite'),
    vault: createKeytarVault(keytar, service),
    log: (line) => console.push(line),
    crashDir,
    output: {
      print: async () => true,
      savePdf: async () => null,
      saveText: async (text, name) => {
        const file = path.join(saved, name);
        writeFileSync(file, text);
        return file;
      },
    },
  });

before(async () => {
  core = await open();
  const keychain = createKeytarVault(keytar, service).forDatabase(core.databaseId);
  await keychain.set('sales', SECRETS.salesToken);
  await keychain.set('admin', SECRETS.adminToken);
  await keychain.setSecret('shop-db-password', SECRETS.shopPassword);
  await keychain.setSecret('mail-password', SECRETS.mailPassword);
  await keychain.setSecret('shop-link-code', SECRETS.linkCode);
  // The counter starts again: the secrets were put in the keychain behind its back (as by an earlier run).
  await core.close();
  core = await open();
  const manager = await core.staffStore.create('Morgan', 'manager', PINS.manager);
  const cashier = await core.staffStore.create('Casey', 'cashier', PINS.cashier);
  await ok(MANAGER, 'session.signIn', { staffId: manager.id, pin: PINS.manager });
  await ok(CASHIER, 'session.signIn', { staffId: cashier.id, pin: PINS.cashier });
  await ok(MANAGER, 'backup.setPassphrase', { passphrase: SECRETS.passphrase });
});
after(async () => {
  await core.close();
  await removeKeychainEntries(service, core.databaseId);
  for (const d of [dir, saved, crashDir]) rmSync(d, { recursive: true, force: true });
});

/** The keys main derived or made itself, as they sit in the keychain (hex). */
async function keychainKeys(): Promise<Record<string, string>> {
  const k = createKeytarVault(keytar, service).forDatabase(core.databaseId);
  const out: Record<string, string> = {};
  for (const name of ['pin-pepper', 'audit-key', 'backup-key'] as const) out[name] = (await k.secret(name))!;
  return out;
}

/** Every form a secret could take in a file: as is, UTF-16, base64, hex. */
const forms = (secret: string) => [
  Buffer.from(secret),
  Buffer.from(secret, 'utf16le'),
  Buffer.from(Buffer.from(secret).toString('base64')),
  Buffer.from(Buffer.from(secret).toString('hex')),
];

function assertNoSecret(bytes: Buffer, secrets: Record<string, string>, where: string) {
  for (const [name, secret] of Object.entries(secrets))
    for (const form of forms(secret)) assert.equal(bytes.includes(form), false, `${name} found in ${where}`);
}

const logFiles = () => {
  const logs = path.join(dir, 'logs');
  return readdirSync(logs).map((f) => readFileSync(path.join(logs, f)));
};

test('every secret the counter knows, written through main’s log, reaches neither the day’s file nor the console', async () => {
  const keys = await keychainKeys();
  const all = { ...SECRETS, ...keys };
  for (const [name, secret] of Object.entries(all)) core.log(`[test] ${name} is ${secret} (in a sentence)`);
  core.log(`[test] a card ${CARD} and the same spaced ${CARD.replace(/(\d{4})(?=\d)/g, '$1 ')}`);
  core.log(`[test] a receipt for ${CUSTOMER_EMAIL}`);
  const file = Buffer.concat(logFiles());
  const out = Buffer.from(console.join('\n'));
  for (const [bytes, where] of [
    [file, 'the log file'],
    [out, 'the console'],
  ] as const) {
    assertNoSecret(bytes, all, where);
    assertNoSecret(bytes, { card: CARD, email: CUSTOMER_EMAIL }, where);
    const text = bytes.toString('utf8');
    assert.equal(
      text.match(/is \[secret\] \(in a sentence\)/g)?.length,
      Object.keys(all).length,
      `each scrubbed in ${where}`,
    );
    assert.match(text, /a card \[card •••• 4242\] and the same spaced \[card •••• 4242\]/);
    assert.match(text, /a receipt for c•••@client\.example/);
  }
  // An amount, an id or a 12-digit reference is not a card (no Luhn): left alone.
  core.log('[test] amount 123456789012 and 4242424242424241');
  assert.match(Buffer.concat(logFiles()).toString(), /amount 123456789012 and 4242424242424241/);
});

test('a day’s log file: one per local day, capped in size with a last line that says so, 14 days kept', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-daylog-'));
  try {
    let clock = new Date(2026, 11, 7, 9, 0).getTime();
    const log = new DailyLog(dir, () => clock, 200);
    log.write('first line of the day');
    log.write('x'.repeat(150));
    log.write('one line too many');
    const today = readFileSync(log.fileFor('2026-12-07'), 'utf8');
    assert.match(today, /first line of the day/);
    assert.match(today, /log capped for today at 200 bytes/);
    assert.doesNotMatch(today, /one line too many/);
    clock = new Date(2026, 11, 8, 0, 0, 1).getTime();
    log.write('the next day starts a new file');
    assert.match(readFileSync(log.fileFor('2026-12-08'), 'utf8'), /next day starts/);
    // 20 days of logs: the newest 14 are kept.
    for (let d = 9; d <= 28; d++) {
      clock = new Date(2026, 11, d, 12).getTime();
      log.write(`day ${d}`);
    }
    assert.equal(log.days().length, 14);
    assert.equal(log.days().at(-1), '2026-12-15');
    assert.equal(log.days()[0], '2026-12-28');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the support file: nothing secret in any form, and what support needs', async () => {
  // What a counter holds besides its keychain: a cash sale, a customer's email queued, a crash or two.
  const sale = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 12_34, tenderedCents: 20_00, currency: 'CAD' });
  await ok(MANAGER, 'mail.configure', {
    server: { host: '127.0.0.1', port: 2525, security: 'starttls', user: 'shop', from: 'shop@corner.example' },
    password: SECRETS.mailPassword,
  });
  await ok(CASHIER, 'receipt.email', { attemptId: sale.attemptId, address: CUSTOMER_EMAIL });
  core.log(`[test] card typed by mistake in a note: ${CARD}`);
  await ok(MANAGER, 'backup.now', {});
  mkdirSync(path.join(crashDir, 'completed'), { recursive: true });
  writeFileSync(path.join(crashDir, 'completed', 'clean.dmp'), Buffer.from('MDMP clean dump bytes'));
  writeFileSync(
    path.join(crashDir, 'completed', 'with-token.dmp'),
    Buffer.concat([Buffer.from('MDMP '), Buffer.from(`api-token ${SECRETS.salesToken}`, 'utf16le')]),
  );

  const r = await ok<{ path: string }>(MANAGER, 'support.save', {});
  assert.equal(path.dirname(r.path), saved);
  const bytes = readFileSync(r.path);
  const keys = await keychainKeys();
  assertNoSecret(
    bytes,
    { ...SECRETS, ...keys, managerPin: PINS.manager, cashierPin: PINS.cashier },
    'the support file',
  );
  assertNoSecret(bytes, { card: CARD, email: CUSTOMER_EMAIL }, 'the support file');

  const bundle = JSON.parse(bytes.toString('utf8'));
  assert.match(bundle.counter, /^C[0-9A-F]{8}$/);
  assert.equal(bundle.mode, 'training');
  assert.equal(bundle.integrityCheck, 'ok');
  assert.equal(bundle.audit.now.ok, true);
  assert.equal(bundle.journal['cash_purchase approved'] ?? bundle.journal['purchase approved'] ?? 1, 1);
  assert.deepEqual(bundle.unresolved, []);
  assert.ok(bundle.logs.length >= 1 && bundle.logs[0].text.includes('[card •••• 4242]'), 'the day’s log, scrubbed');
  assert.equal((bundle.backups.status as BackupStatus).problem, 'none');
  assert.match(bundle.settings.mail, /127\.0\.0\.1/);
  assert.match(bundle.app.node, /^\d+\./);
  const dumps = Object.fromEntries(bundle.crashDumps.map((d: { name: string }) => [path.basename(d.name), d]));
  assert.equal(dumps['clean.dmp'].included, true);
  assert.equal(Buffer.from(dumps['clean.dmp'].base64, 'base64').toString(), 'MDMP clean dump bytes');
  assert.equal(dumps['with-token.dmp'].included, false);
  assert.match(dumps['with-token.dmp'].why, /holds a secret/);
  assert.ok(core.audit.entries().some((e) => e.action === 'support.saved' && e.detail === r.path));
  // A cashier cannot save one.
  assert.equal((await call(CASHIER, 'support.save', {})).ok, false);
});

test('the Health card as main reports it: figures, and red only where a person is needed', async () => {
  const view = await ok<HealthView>(MANAGER, 'health.get', {});
  assert.equal(view.backup.red, false);
  assert.ok(view.disk.freeBytes !== null && view.disk.freeBytes > 0);
  assert.ok(view.logs.bytes > 0, 'this test’s logs are counted');
  assert.deepEqual(view.outbox, { depth: null, red: false }, 'a counter alone');
  assert.deepEqual(view.unresolved, { count: 0, red: false });
  assert.equal((await call(CASHIER, 'health.get', {})).ok, false);
});

test('each Health line turns red at its documented limit, and not one step before', () => {
  const base = {
    backup: { problem: 'none', lastGoodAt: '2026-12-07T00:00:00.000Z' } as BackupStatus,
    freeBytes: 1024 ** 3,
    logBytes: 50 * 1024 * 1024,
    outboxDepth: 500,
    unresolved: 0,
    lastUpdateCheck: '2026-12-04T00:00:00.000Z',
    now: Date.parse('2026-12-07T00:00:00.000Z'),
  };
  const reds = (v: HealthView) =>
    Object.entries(v)
      .filter(([, line]) => line.red)
      .map(([k]) => k);
  assert.deepEqual(reds(health(base)), [], 'every figure exactly at its limit: none red');
  assert.deepEqual(reds(health({ ...base, backup: { ...base.backup, problem: 'overdue' } })), ['backup']);
  assert.deepEqual(reds(health({ ...base, freeBytes: 1024 ** 3 - 1 })), ['disk'], 'under 1 GiB free');
  assert.deepEqual(reds(health({ ...base, freeBytes: null })), ['disk'], 'free space unknown');
  assert.deepEqual(reds(health({ ...base, logBytes: 50 * 1024 * 1024 + 1 })), ['logs'], 'over 50 MiB of logs');
  assert.deepEqual(reds(health({ ...base, outboxDepth: 501 })), ['outbox'], 'over 500 rows waiting');
  assert.deepEqual(reds(health({ ...base, outboxDepth: null })), [], 'a counter alone');
  assert.deepEqual(reds(health({ ...base, unresolved: 1 })), ['unresolved']);
  assert.deepEqual(
    reds(health({ ...base, lastUpdateCheck: '2026-12-03T23:59:59.999Z' })),
    ['updateCheck'],
    'no update check answered for over 3 days',
  );
  assert.deepEqual(reds(health({ ...base, lastUpdateCheck: null })), [], 'updates never checked: not red');
});
