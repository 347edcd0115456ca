/** Staff accounts against a real SQLite file: PIN hashing, rules, lockout, last-manager guard. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../main/db';
import { PosError } from '../../main/errors';
import { hashPin, verifyPin } from '../../main/staff/pin';
import { lockoutFor, StaffStore } from '../../main/staff/store';
import { TEST_PEPPER } from '../support/core';

const fresh = () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pos-staff-')), 'app.sqlite');
  let clock = 1_700_000_000_000;
  const store = new StaffStore(openDatabase(file), { pepper: TEST_PEPPER, now: () => clock });
  return { store, file, tick: (ms: number) => (clock += ms) };
};
const code = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => (e instanceof PosError ? e.code : String(e)),
  );

test('PINs are scrypt-hashed, peppered, with a salt per user; the same PIN hashes differently', async () => {
  const a = await hashPin('2468', TEST_PEPPER);
  const b = await hashPin('2468', TEST_PEPPER);
  assert.notEqual(a, b);
  assert.match(a, /^scrypt2\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
  assert.equal(await verifyPin('2468', a, TEST_PEPPER), true);
  assert.equal(await verifyPin('2469', a, TEST_PEPPER), false);
  assert.equal(await verifyPin('2468', a, Buffer.alloc(32, 8)), false, 'another pepper: the right PIN does not verify');
  assert.equal(await verifyPin('2468', 'garbage', TEST_PEPPER), false);
});

test('without the pepper, a copied hash cannot be cracked: scrypt of the right PIN alone does not match', async () => {
  const stored = await hashPin('2468', TEST_PEPPER);
  const [, n, r, p, salt, hash] = stored.split('$') as [string, string, string, string, string, string];
  const { scryptSync } = await import('node:crypto');
  const plain = scryptSync('2468', Buffer.from(salt, 'base64'), 32, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  }).toString('base64');
  assert.notEqual(plain, hash, 'the attacker’s offline guess of the right PIN misses');
});

/** A keychain as `sealOnce` needs it (the real one is tested through the core). */
const keychainOf = () => {
  const kept = new Map<string, string>();
  return {
    secret: async (name: 'staff-sealed') => kept.get(name) ?? null,
    setSecret: async (name: 'staff-sealed', v: string) => void kept.set(name, v),
  };
};
const legacyHash = async (pin: string) => {
  const { scryptSync, randomBytes } = await import('node:crypto');
  const salt = randomBytes(16);
  return `scrypt$16384$8$1$${salt.toString('base64')}$${scryptSync(pin, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
};

test('an old unpeppered hash from before seals: sealed once with the database, verifies, and is rewritten peppered', async () => {
  const { store, file } = fresh();
  const c = await store.create('Casey', 'cashier', '2468');
  // The database as an earlier version left it: an unpeppered hash, no seal.
  const raw = openDatabase(file);
  raw.prepare('UPDATE staff SET pin_hash = ?, seal = NULL WHERE id = ?').run(await legacyHash('97531'), c.id);
  raw.close();
  const upgraded = new StaffStore(openDatabase(file), { pepper: TEST_PEPPER });
  await upgraded.sealOnce(keychainOf());
  assert.equal(await code(upgraded.verify(c.id, '97531')), 'ok');
  const after = openDatabase(file);
  const hash = (after.prepare('SELECT pin_hash FROM staff WHERE id = ?').get(c.id) as { pin_hash: string }).pin_hash;
  after.close();
  assert.match(hash, /^scrypt2\$/);
  assert.equal(await code(upgraded.verify(c.id, '97531')), 'ok', 'the rewritten hash is sealed too');
});

test('whoever can write the counter’s file cannot sign in: a known PIN hash, a cashier made manager, or an unsealed row are refused and reported', async () => {
  const { file } = fresh();
  const tampered: string[] = [];
  const store = new StaffStore(openDatabase(file), {
    pepper: TEST_PEPPER,
    onTampered: (id, why) => tampered.push(`${id} ${why}`),
  });
  const m = await store.create('Morgan', 'manager', '135790');
  const c = await store.create('Casey', 'cashier', '2468');
  const keychain = keychainOf();
  await store.sealOnce(keychain);
  const raw = openDatabase(file);
  // 1. A PIN hash of the attacker's choosing on the manager — even made with the right pepper.
  raw.prepare('UPDATE staff SET pin_hash = ? WHERE id = ?').run(await hashPin('111222', TEST_PEPPER), m.id);
  assert.equal(await code(store.verify(m.id, '111222')), 'forbidden');
  // 2. The cashier's own row promoted to manager, PIN unchanged.
  raw.prepare("UPDATE staff SET role = 'manager' WHERE id = ?").run(c.id);
  assert.equal(await code(store.verify(c.id, '2468')), 'forbidden');
  // 3. A row with no seal at all, after the database was sealed (a legacy hash, which used to be taken).
  raw
    .prepare(
      "INSERT INTO staff (id, name, name_key, role, pin_hash, created_at, updated_at) VALUES ('x1', 'Mallory', 'mallory', 'manager', ?, 'x', 'x')",
    )
    .run(await legacyHash('333444'));
  raw.close();
  assert.equal(await code(store.verify('x1', '333444')), 'forbidden');
  assert.deepEqual(
    tampered.map((x) => x.split(' ')[0]),
    [m.id, c.id, 'x1'],
  );
  assert.match(tampered[2]!, /no seal/);
  // The counter restarts: the keychain remembers the database was sealed, so the row is not sealed now.
  const restarted = new StaffStore(openDatabase(file), { pepper: TEST_PEPPER });
  await restarted.sealOnce(keychain);
  assert.equal(await code(restarted.verify('x1', '333444')), 'forbidden');
  // A manager's reset makes the row the app's again.
  await store.resetPin(m.id, '864297');
  assert.equal(await code(store.verify(m.id, '864297')), 'ok');
});

test('no PIN is stored in the clear in the database file', async () => {
  const { store, file } = fresh();
  await store.create('Casey', 'cashier', '73915');
  await store.create('Morgan', 'manager', '5172839');
  const bytes =
    readFileSync(file).toString('latin1') +
    (() => {
      try {
        return readFileSync(`${file}-wal`).toString('latin1');
      } catch {
        return '';
      }
    })();
  assert.equal(bytes.includes('73915'), false);
  assert.equal(bytes.includes('5172839'), false);
});

test('PIN rules: cashiers 4+ digits, managers 6+, nothing guessable; names unique', async () => {
  const { store } = fresh();
  assert.equal(await code(store.create('A', 'cashier', '123')), 'invalid_payload');
  assert.equal(await code(store.create('A', 'cashier', '1357')), 'ok');
  assert.equal(await code(store.create('B', 'manager', '13579')), 'invalid_payload');
  assert.equal(await code(store.create('B', 'manager', '111111')), 'invalid_payload');
  assert.equal(await code(store.create('B', 'manager', '123456')), 'invalid_payload');
  assert.equal(await code(store.create('B', 'manager', '654321')), 'invalid_payload');
  assert.equal(await code(store.create('B', 'manager', '135790')), 'ok');
  assert.equal(
    await code(store.create('  a ', 'cashier', '2468')),
    'invalid_payload',
    'same name, other case and spaces',
  );
  assert.equal(await code(store.create('', 'cashier', '2468')), 'invalid_payload');
});

test('5 wrong PINs lock the account for a delay that grows; the right PIN resets the count', async () => {
  const { store, tick } = fresh();
  const c = await store.create('Casey', 'cashier', '2468');
  for (let i = 1; i <= 4; i++) assert.equal(await code(store.verify(c.id, '0000')), 'wrong_pin', `miss ${i}`);
  assert.equal(await code(store.verify(c.id, '0000')), 'locked');
  // Locked: even the right PIN is refused until the delay has passed.
  assert.equal(await code(store.verify(c.id, '2468')), 'locked');
  assert.equal(store.record(c.id)!.locked, true);
  tick(30_001);
  assert.equal(await code(store.verify(c.id, '0000')), 'locked', '6th miss');
  tick(30_001);
  assert.equal(await code(store.verify(c.id, '2468')), 'locked', 'second lock is 60 s');
  tick(30_000);
  assert.equal(await code(store.verify(c.id, '2468')), 'ok');
  assert.equal(await code(store.verify(c.id, '0000')), 'wrong_pin', 'count was reset');
  assert.deepEqual(
    [lockoutFor(4), lockoutFor(5), lockoutFor(6), lockoutFor(7), lockoutFor(30)],
    [0, 30_000, 60_000, 120_000, 3_600_000],
  );
});

test('disabled staff cannot sign in; the last active manager cannot be disabled; reset PIN works', async () => {
  const { store } = fresh();
  const m = await store.create('Morgan', 'manager', '135790');
  const c = await store.create('Casey', 'cashier', '2468');
  assert.throws(
    () => store.setActive(m.id, false),
    (e: unknown) => e instanceof PosError && /last active manager/.test(e.message),
  );
  store.setActive(c.id, false);
  assert.equal(await code(store.verify(c.id, '2468')), 'forbidden');
  store.setActive(c.id, true);
  await store.resetPin(c.id, '97531');
  assert.equal(await code(store.verify(c.id, '2468')), 'wrong_pin');
  assert.equal(await code(store.verify(c.id, '97531')), 'ok');
});

test('a parallel burst of wrong PINs locks after 5, and the right PIN inside the burst does not get through', async () => {
  const { store } = fresh();
  const c = await store.create('Casey', 'cashier', '2468');
  // 40 guesses sent at once, the right PIN at position 20: today's attacker with a script.
  const guesses = Array.from({ length: 40 }, (_, i) => (i === 20 ? '2468' : String(1000 + i)));
  const results = await Promise.all(guesses.map((pin) => code(store.verify(c.id, pin))));
  assert.equal(results.filter((r) => r === 'wrong_pin').length, 4, results.join());
  assert.equal(results.indexOf('ok'), -1, 'the right PIN came after the lock');
  assert.equal(results.filter((r) => r === 'locked').length, 36);
  assert.equal(store.record(c.id)!.locked, true);
});

test('wrong PINs in the override prompt lock the manager’s overrides, never the manager’s own sign-in', async () => {
  const { store, tick } = fresh();
  const m = await store.create('Morgan', 'manager', '135790');
  for (let i = 0; i < 6; i++) await code(store.verify(m.id, '000000', 'override'));
  assert.equal(await code(store.verify(m.id, '135790', 'override')), 'locked', 'overrides are locked');
  assert.equal(await code(store.verify(m.id, '135790')), 'ok', 'sign-in still works');
  assert.equal(store.takeOverrideMisses(m.id), 7, 'the manager is told how many (6 wrong, 1 refused while locked)');
  assert.equal(store.takeOverrideMisses(m.id), 0, 'once');
  // And the other way round: sign-in misses do not lock overrides.
  for (let i = 0; i < 5; i++) await code(store.verify(m.id, '000000'));
  assert.equal(await code(store.verify(m.id, '135790')), 'locked');
  tick(3_600_001);
  assert.equal(await code(store.verify(m.id, '135790', 'override')), 'ok');
});
