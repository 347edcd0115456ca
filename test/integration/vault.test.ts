/**
 * The vault against a real Secret Service (gnome-keyring in a private D-Bus session; see
 * scripts/with-keyring.sh), and against no Secret Service at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { createKeytarVault } from '../../main/vault/vault';
import { PosError } from '../../main/errors';
import { openDatabase } from '../../main/db';
import { startSimulator } from '../../main/simulator/server';
import { channelOf } from '../../common/contract';
import { removeKeychainEntries, createTestCore } from '../support/core';

const service = `Counter POS test ${randomUUID()}`;
const DB = 'a1'.repeat(16);
const vault = createKeytarVault(keytar, service).forDatabase(DB);

test('store, read, rotate and remove a token in the real keychain', async () => {
  const first = `hlc_${randomUUID().replace(/-/g, '')}`;
  const second = `hlc_${randomUUID().replace(/-/g, '')}`;
  assert.equal(await vault.get('sales'), null);
  await vault.set('sales', first);
  assert.equal(await vault.get('sales'), first);
  assert.equal(
    await keytar.getPassword(service, `${DB}/sales`),
    first,
    'it is really in the Secret Service, bound to its database',
  );
  assert.equal(
    await createKeytarVault(keytar, service).forDatabase('b2'.repeat(16)).get('sales'),
    null,
    'another database does not see it',
  );
  await vault.set('sales', second);
  assert.equal(await vault.get('sales'), second);
  assert.equal(await vault.get('admin'), null, 'slots are separate entries');
  assert.equal(await vault.remove('sales'), true);
  assert.equal(await vault.get('sales'), null);
  assert.equal(await keytar.getPassword(service, `${DB}/sales`), null);
});

test('a pasted value that is not a token is refused before it reaches the keychain', async () => {
  for (const bad of [
    '',
    'short',
    'has spaces in it here',
    '"quoted-token-value-123"',
    'x'.repeat(300),
    'line\nbreak-token-12345',
  ])
    await assert.rejects(
      vault.set('admin', bad),
      (e: unknown) => e instanceof PosError && e.code === 'invalid_payload',
    );
  assert.equal(await vault.get('admin'), null);
});

test('with no Secret Service the token is refused with a reason, and no file holds it', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'pos-nokeychain-'));
  const token = `hlc_${randomUUID().replace(/-/g, '')}`;
  const script = `
    const keytar = require('keytar');
    const { createKeytarVault } = require(${JSON.stringify(path.resolve(__dirname, '../../main/vault/vault.ts'))});
    createKeytarVault(keytar, 'Counter POS no-keychain').forDatabase('${DB}').set('sales', process.env.TOKEN)
      .then(() => console.log(JSON.stringify({ stored: true })))
      .catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })));`;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, TOKEN: token };
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    env,
    encoding: 'utf8',
    cwd: path.resolve(__dirname, '../..'),
  });
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal(out.code, 'keychain_unavailable', r.stdout + r.stderr);
  assert.match(out.message, /keychain/i);
  assert.match(out.message, /not stored anywhere else/);
  assert.equal(out.message.includes(token), false);
  const files = readdirSync(home, { recursive: true })
    .map((f) => path.join(home, String(f)))
    .filter((f) => statSync(f).isFile());
  for (const f of files) assert.equal(readFileSync(f, 'utf8').includes(token), false, `token written to ${f}`);
});

test('a second database beside the shop’s keychain entries sees no token, cannot test or use one, and leaves no trace in the shop’s audit', async () => {
  const helcim = await startSimulator();
  const svc = `Counter POS shop ${randomUUID()}`;
  const keychain = createKeytarVault(keytar, svc);
  const live = { apiBase: helcim.baseUrl, scriptUrl: helcim.scriptUrl };
  const open = (file: string) =>
    createTestCore({ appOrigin: 'app://counter', journalFile: file, vault: keychain, live, log: () => {} });
  const shopFile = path.join(mkdtempSync(path.join(tmpdir(), 'pos-shop-')), 'counter-pos.sqlite');
  const shop = await open(shopFile);
  const shopId = shop.databaseId;
  let otherId = '';
  try {
    await shop.staffStore.create('Morgan', 'manager', '135790');
    assert.equal(
      (
        await shop.gateway.save(
          'admin',
          helcim.createToken({ general: 'none', settings: 'none', transactions: 'admin' }),
        )
      ).passed,
      true,
    );
    await shop.gateway.setMode('live');
    const shopAudit = shop.audit.entries().length;
    await shop.close();

    // A cashier starts the app on another data folder: first run, makes themselves manager…
    const other = await open(path.join(mkdtempSync(path.join(tmpdir(), 'pos-other-')), 'counter-pos.sqlite'));
    otherId = other.databaseId;
    assert.notEqual(otherId, shopId);
    const sender = { windowId: 1, frameUrl: 'app://counter/index.html', isMainFrame: true };
    const call = (op: Parameters<typeof channelOf>[0], p: unknown) =>
      other.dispatch(channelOf(op), p, sender) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
    assert.ok((await call('staff.firstRun', { name: 'Mallory', pin: '192837' })).ok);
    const status = await call('helcim.status', {});
    assert.ok(status.ok);
    const slots = (status.value as { slots: Record<string, { stored: boolean }>; mode: string }).slots;
    assert.deepEqual(
      [slots.sales!.stored, slots.admin!.stored],
      [false, false],
      'the shop’s tokens are not even reported as stored',
    );
    assert.equal((await call('helcim.testToken', { slot: 'admin' })).error?.code, 'token_missing');
    assert.equal((await call('helcim.setMode', { mode: 'live' })).error?.code, 'forbidden');
    assert.equal(other.mode, 'training');
    await other.close();

    // The shop's own database still has its token, its audit untouched by the other database.
    const again = await open(shopFile);
    assert.equal(again.mode, 'live');
    assert.equal(again.audit.entries().length, shopAudit);
    await again.close();
  } finally {
    await removeKeychainEntries(svc, shopId);
    if (otherId) await removeKeychainEntries(svc, otherId);
    await helcim.close();
  }
});

test('the shop’s database from before the binding adopts the unbound tokens; a new empty database never does', async () => {
  const svc = `Counter POS upgrade ${randomUUID()}`;
  const keychain = createKeytarVault(keytar, svc);
  const token = `hlc_${randomUUID().replace(/-/g, '')}`;
  const ids: string[] = [];
  try {
    // A new empty database beside old unbound entries: nothing adopted, the old entry left alone.
    await keytar.setPassword(svc, 'admin', token);
    const fresh = await createTestCore({
      appOrigin: 'app://counter',
      journalFile: path.join(mkdtempSync(path.join(tmpdir(), 'pos-new-')), 'a.sqlite'),
      vault: keychain,
      log: () => {},
    });
    ids.push(fresh.databaseId);
    assert.equal(await keychain.forDatabase(fresh.databaseId).get('admin'), null);
    await fresh.close();
    // The shop's database from the earlier version (staff, no id yet): it adopts them and audits that.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pos-old-')), 'a.sqlite');
    const old = openDatabase(file);
    old.exec(
      'CREATE TABLE staff (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, role TEXT NOT NULL, pin_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, failed_count INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)',
    );
    old
      .prepare(
        "INSERT INTO staff VALUES ('m1', 'Morgan', 'morgan', 'manager', 'scrypt$16384$8$1$AAAA$AAAA', 1, 0, 0, 'x', 'x')",
      )
      .run();
    old.close();
    const shop = await createTestCore({
      appOrigin: 'app://counter',
      journalFile: file,
      vault: keychain,
      log: () => {},
    });
    ids.push(shop.databaseId);
    assert.equal(await keychain.forDatabase(shop.databaseId).get('admin'), token);
    assert.equal(await keytar.getPassword(svc, 'admin'), null, 'the unbound entry is gone');
    assert.ok(shop.audit.entries().some((r) => r.action === 'keychain.tokens_bound'));
    await shop.close();
  } finally {
    await keytar.deletePassword(svc, 'admin');
    for (const id of ids) await removeKeychainEntries(svc, id);
  }
});

test('a copied database without its keychain keys is refused with a plain message; the file alone does not open', async () => {
  const svc = `Counter POS copy ${randomUUID()}`;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pos-copy-')), 'a.sqlite');
  const shop = await createTestCore({
    appOrigin: 'app://counter',
    journalFile: file,
    vault: createKeytarVault(keytar, svc),
    log: () => {},
  });
  const id = shop.databaseId;
  await shop.staffStore.create('Casey', 'cashier', '2468');
  await shop.close();
  try {
    const elsewhere = createKeytarVault(keytar, `Counter POS another PC ${randomUUID()}`);
    await assert.rejects(
      createTestCore({ appOrigin: 'app://counter', journalFile: file, vault: elsewhere, log: () => {} }),
      (e: unknown) =>
        e instanceof PosError &&
        e.code === 'keychain_unavailable' &&
        /keys are not in this computer’s keychain/.test(e.message),
    );
  } finally {
    await removeKeychainEntries(svc, id);
  }
});

test('the database and its WAL and SHM files are readable by their owner only', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-mode-'));
  const svc = `Counter POS mode ${randomUUID()}`;
  const core = await createTestCore({
    appOrigin: 'app://counter',
    journalFile: path.join(dir, 'a.sqlite'),
    vault: createKeytarVault(keytar, svc),
    log: () => {},
  });
  try {
    await core.staffStore.create('Casey', 'cashier', '2468');
    for (const f of ['a.sqlite', 'a.sqlite-wal', 'a.sqlite-shm'])
      assert.equal(statSync(path.join(dir, f)).mode & 0o777, 0o600, f);
  } finally {
    await core.close();
    await removeKeychainEntries(svc, core.databaseId);
  }
});
