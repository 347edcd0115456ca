/**
 * Updates (issue 30, part 3) against a real HTTP feed on 127.0.0.1 serving a feed file, its Ed25519
 * signature and the installer, as electron-builder and scripts/sign-update-feed.mjs publish them:
 * a newer signed version is offered, its download checked against the feed, installed only at the Z
 * or at quit with nothing open and after a backup; an unsigned, re-signed or changed feed and a changed
 * file are refused; a halted or staged rollout keeps counters back; the version change is audited.
 * The feed here is written by the test (text and hashes of its own), not by the code under test.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import keytar from 'keytar';
import { APP, createTestCore, removeKeychainEntries, type TestCore } from '../support/core';
import { bridgeCalls } from '../support/bridge-calls';
import { createKeytarVault } from '../../main/vault/vault';
import { DEFAULT_FEED } from '../../main/updates/updates';
import { decide, feedFileFor, inRollout, type Feed } from '../../main/updates/policy';
import type { CashSale } from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
const keys = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const PUBLIC = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const FEED_FILE = feedFileFor(process.platform);
const INSTALLER = Buffer.from(`Counter POS 0.2.0 installer ${randomUUID()}`.repeat(200));

/** What the feed serves now: name → bytes (a test changes it between checks). */
let served: Record<string, Buffer> = {};
let server: Server;
let feedUrl = '';

/** A feed file as electron-builder writes it, for one version (hashes computed here). */
function feedText(version: string, extra = '') {
  const sha512 = createHash('sha512').update(INSTALLER).digest('base64');
  return Buffer.from(
    `version: ${version}\nfiles:\n  - url: counter-pos-${version}.AppImage\n    sha512: ${sha512}\n    size: ${INSTALLER.length}\npath: counter-pos-${version}.AppImage\nsha512: ${sha512}\nreleaseDate: '2026-12-07T12:00:00.000Z'\n${extra}`,
  );
}
function publish(
  version: string,
  o: { extra?: string; signer?: typeof keys | null; changeAfterSigning?: boolean } = {},
) {
  let text = feedText(version, o.extra);
  const signer = o.signer === undefined ? keys : o.signer;
  served = { [`counter-pos-${version}.AppImage`]: INSTALLER, [FEED_FILE]: text };
  if (signer) served[`${FEED_FILE}.sig`] = Buffer.from(sign(null, text, signer.privateKey).toString('base64'));
  if (o.changeAfterSigning) {
    text = Buffer.from(text.toString().replace(`version: ${version}`, 'version: 9.9.9'));
    served[FEED_FILE] = text;
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'pos-updates-'));
const service = `Counter POS updates ${randomUUID()}`;
const open = (appVersion: string) =>
  createTestCore({
    appOrigin: APP,
    journalFile: path.join(dir, 'app.sqlite'),
    vault: createKeytarVault(keytar, service),
    log: () => {},
    appVersion,
    updateKeys: [PUBLIC],
  });
let core: TestCore;
const { ok } = bridgeCalls(() => core);

before(async () => {
  server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/feed\//, ''));
    const body = served[name];
    if (!body) res.writeHead(404).end('not here');
    else res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`;
  core = await open('0.1.0');
  core.settings.set('updates.feed', feedUrl);
  const casey = await core.staffStore.create('Casey', 'cashier', '2468');
  const morgan = await core.staffStore.create('Morgan', 'manager', '135790');
  await ok(CASHIER, 'session.signIn', { staffId: casey.id, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan.id, pin: '135790' });
  await ok(MANAGER, 'backup.setPassphrase', { passphrase: 'update backups passphrase' });
});
after(async () => {
  await core.close();
  await removeKeychainEntries(service, core.databaseId);
  rmSync(dir, { recursive: true, force: true });
  server.close();
});

/** The installer fetched from the feed as electron-updater would, into a file; `change` alters one byte. */
async function download(version: string, change = false): Promise<string> {
  const bytes = Buffer.from(await (await fetch(`${feedUrl}counter-pos-${version}.AppImage`)).arrayBuffer());
  if (change) bytes.writeUInt8(bytes.readUInt8(100) ^ 1, 100);
  const file = path.join(dir, `download-${randomUUID()}`);
  writeFileSync(file, bytes);
  return file;
}

test('the feed in electron-builder.yml is the default feed', () => {
  const yml = readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8');
  assert.match(yml, new RegExp(`publish:\\n  provider: generic\\n  url: ${DEFAULT_FEED.replace(/[./]/g, '\\$&')}\\n`));
  assert.equal(core.updates.feedUrl(), feedUrl, 'a shop’s own feed overrides it');
});

test('a manager sets the shop’s feed through the bridge: https only, in words; a cashier cannot', async () => {
  const { call } = bridgeCalls(() => core);
  const bad = await call(MANAGER, 'updates.setFeed', { feed: 'http://updates.example.com/stable/' });
  assert.equal(bad.ok ? 'ok' : bad.error.code, 'invalid_payload');
  assert.match(bad.ok ? '' : bad.error.message, /https address of a folder/);
  assert.equal(core.settings.get('updates.feed'), feedUrl, 'unchanged');
  const cashier = await call(CASHIER, 'updates.setFeed', { feed: 'https://u.example/' });
  assert.equal(cashier.ok ? 'ok' : cashier.error.code, 'forbidden');
  await ok(MANAGER, 'updates.setFeed', { feed: feedUrl });
  assert.ok(core.audit.entries().some((e) => e.action === 'settings.updates_feed' && e.detail === feedUrl));
});

test('a feed address must be https (plain http only to this PC itself, for a test feed)', () => {
  assert.throws(() => core.settings.set('updates.feed', 'http://updates.example.com/stable/'));
  assert.throws(() => core.settings.set('updates.feed', 'https://updates.example.com/stable'), /ending with \//);
  core.settings.set('updates.feed', 'https://updates.example.com/stable/');
  core.settings.set('updates.feed', feedUrl);
});

test('refused, nothing offered: an unsigned feed, one signed by another key, one changed after signing, an unreachable feed', async () => {
  for (const [o, words] of [
    [{ signer: null }, /not signed/],
    [{ signer: stranger }, /signature is not ours/],
    [{ changeAfterSigning: true }, /signature is not ours/],
  ] as const) {
    publish('0.2.0', o);
    assert.equal(await core.updates.check(), null);
    const v = core.updates.view();
    assert.match(v.problem ?? '', words);
    assert.equal(v.offered, null);
  }
  served = {};
  assert.equal(await core.updates.check(), null);
  assert.match(core.updates.view().problem ?? '', /did not answer \(latest.*HTTP 404\)/);
});

test('the same or an older version: nothing to do', async () => {
  for (const version of ['0.1.0', '0.0.9']) {
    publish(version);
    const d = await core.updates.check();
    assert.deepEqual(d, { action: 'none', why: 'upToDate', version });
  }
  assert.equal(core.updates.view().problem, null);
  assert.ok(core.updates.view().lastAnsweredAt);
});

test('a halted rollout (stagingPercentage 0) offers nothing; a staged one takes a stable share of counters, and more as it grows', async () => {
  publish('0.2.0', { extra: 'stagingPercentage: 0\n' });
  assert.deepEqual(await core.updates.check(), { action: 'none', why: 'halted', version: '0.2.0' });
  const counters = Array.from({ length: 2000 }, () => randomUUID());
  const share = (p: number) => counters.filter((c) => inRollout(c, '0.2.0', p)).length / counters.length;
  assert.ok(Math.abs(share(30) - 0.3) < 0.05, `about 30 % (${share(30)})`);
  assert.equal(share(100), 1);
  for (const c of counters)
    if (inRollout(c, '0.2.0', 30)) assert.ok(inRollout(c, '0.2.0', 50), 'nobody drops out as it grows');
  const feed = { version: '0.2.0', files: [], stagingPercentage: 30 } as unknown as Feed;
  const out = counters.find((c) => !inRollout(c, '0.2.0', 30))!;
  assert.deepEqual(decide('0.1.0', feed, out), { action: 'none', why: 'notYet', version: '0.2.0' });
});

test('a changed download is refused and audited; the file the signed feed names is kept for install', async () => {
  publish('0.2.0');
  assert.deepEqual(await core.updates.check(), { action: 'download', version: '0.2.0' });
  assert.equal(await core.updates.downloaded(await download('0.2.0', true), '0.2.0'), false);
  assert.equal(core.updates.view().ready, null);
  assert.ok(core.audit.entries().some((e) => e.action === 'update.refused'));
  assert.equal(await core.updates.downloaded(await download('0.2.0'), '0.1.9'), false, 'another version than offered');
  assert.equal(await core.updates.downloaded(await download('0.2.0'), '0.2.0'), true);
  assert.equal(core.updates.view().ready, '0.2.0');
});

test('installs only at the Z or at quit, never mid-shift, never with a sale open, and after a backup made for it', async () => {
  assert.equal(await core.updates.install('shift'), false, 'never mid-shift');
  // A sale open on the counter (a cart rung up, not paid): the update waits.
  const sale = await ok<{ saleId: string }>(CASHIER, 'sale.open', { amountCents: 10_00, currency: 'CAD' });
  assert.deepEqual(core.updates.view().waitingFor, ['sales']);
  assert.equal(await core.updates.install('z'), false);
  assert.equal(await core.updates.install('quit'), false);
  await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 10_00,
    tenderedCents: 10_00,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  assert.deepEqual(core.updates.view().waitingFor, []);
  const backupsBefore = core.backups.files().length;
  assert.equal(await core.updates.install('z'), true);
  assert.match(core.backups.files()[0]!, /-update-[0-9a-f]{6}\.cposbak$/, 'a backup made for the update, first');
  assert.equal(core.backups.files().length, backupsBefore + 1);
  assert.equal(core.audit.entries().at(-1)!.action, 'update.install');
  assert.equal(core.audit.entries().at(-1)!.detail, '0.1.0 → 0.2.0 at the z');
});

test('the version change is audited at the first start of the new version, once', async () => {
  await core.close();
  core = await open('0.2.0');
  await core.close();
  core = await open('0.2.0');
  assert.deepEqual(
    core.audit
      .entries()
      .filter((e) => e.action === 'update.installed')
      .map((e) => e.detail),
    ['0.1.0 → 0.2.0'],
  );
});
