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

const service = `Counter POS test ${randomUUID()}`;
const vault = createKeytarVault(keytar, service);

test('store, read, rotate and remove a token in the real keychain', async () => {
  const first = `hlc_${randomUUID().replace(/-/g, '')}`;
  const second = `hlc_${randomUUID().replace(/-/g, '')}`;
  assert.equal(await vault.get('sales'), null);
  await vault.set('sales', first);
  assert.equal(await vault.get('sales'), first);
  assert.equal(await keytar.getPassword(service, 'sales'), first, 'it is really in the Secret Service');
  await vault.set('sales', second);
  assert.equal(await vault.get('sales'), second);
  assert.equal(await vault.get('admin'), null, 'slots are separate entries');
  assert.equal(await vault.remove('sales'), true);
  assert.equal(await vault.get('sales'), null);
  assert.equal(await keytar.getPassword(service, 'sales'), null);
});

test('a pasted value that is not a token is refused before it reaches the keychain', async () => {
  for (const bad of ['', 'short', 'has spaces in it here', '"quoted-token-value-123"', 'x'.repeat(300), 'line\nbreak-token-12345'])
    await assert.rejects(vault.set('admin', bad), (e: unknown) => e instanceof PosError && e.code === 'invalid_payload');
  assert.equal(await vault.get('admin'), null);
});

test('with no Secret Service the token is refused with a reason, and no file holds it', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'pos-nokeychain-'));
  const token = `hlc_${randomUUID().replace(/-/g, '')}`;
  const script = `
    const keytar = require('keytar');
    const { createKeytarVault } = require(${JSON.stringify(path.resolve(__dirname, '../../main/vault/vault.ts'))});
    createKeytarVault(keytar, 'Counter POS no-keychain').set('sales', process.env.TOKEN)
      .then(() => console.log(JSON.stringify({ stored: true })))
      .catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })));`;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, TOKEN: token };
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env, encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal(out.code, 'keychain_unavailable', r.stdout + r.stderr);
  assert.match(out.message, /keychain/i);
  assert.match(out.message, /not stored anywhere else/);
  assert.equal(out.message.includes(token), false);
  const files = readdirSync(home, { recursive: true }).map((f) => path.join(home, String(f))).filter((f) => statSync(f).isFile());
  for (const f of files) assert.equal(readFileSync(f, 'utf8').includes(token), false, `token written to ${f}`);
});
