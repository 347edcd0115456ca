/**
 * The staff folder's small rules, each at its boundary (issue 25, StrykerJS's survivors in
 * main/staff/): a name's length and alphabets, the PIN hash's format and pepper, a seal that is
 * missing or of another length, and approvals that expire from memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import { checkStaffName, nameKey, NAME_MAX } from '../../main/staff/names';
import { hashPin, needsRehash, verifyPin } from '../../main/staff/pin';
import { Sealer } from '../../main/seal';
import { APPROVAL_TTL_MS, ApprovalStore } from '../../main/policy/approvals';
import { PosError } from '../../main/errors';

const refusedAs = (key: string) => (e: unknown) => e instanceof PosError && e.key === key;

test('a name is 1 to 40 characters after spaces are tidied: 40 is taken, 41 refused, nothing refused', () => {
  assert.equal(NAME_MAX, 40);
  assert.equal(checkStaffName('A'.repeat(40)), 'A'.repeat(40));
  assert.throws(() => checkStaffName('A'.repeat(41)), refusedAs('error.name.length'));
  assert.throws(() => checkStaffName('   '), refusedAs('error.name.length'));
  assert.equal(checkStaffName('  Jo   Ann  '), 'Jo Ann');
});

test('one alphabet per name: Japanese kanji with kana is one writing system; Latin with Greek, Cyrillic or kana is two', () => {
  assert.equal(checkStaffName('山田はなこ'), '山田はなこ', 'kanji and hiragana');
  assert.equal(checkStaffName('山田ハナコ'), '山田ハナコ', 'kanji and katakana');
  assert.equal(checkStaffName('はなこハナコ'), 'はなこハナコ', 'hiragana and katakana');
  for (const mixed of [
    'Jοhn' /* Greek omicron */,
    'Jоhn' /* Cyrillic o */,
    'Jo はな',
    'Ana 김',
    'Dana שלום',
    'Sam ᏣᎳᎩ',
    'Ravi देव',
    'Lek ไทย',
    'Omar عمر',
    'Ani Արամ',
  ])
    assert.throws(() => checkStaffName(mixed), refusedAs('error.name.scripts'), mixed);
  assert.equal(checkStaffName('Zoë Ðuro'), 'Zoë Ðuro', 'Latin with its accents is one alphabet');
});

test('names that look alike share a key, before and after case folding', () => {
  assert.equal(nameKey('Ian'), nameKey('lan'));
  assert.equal(nameKey('MORGAN'), nameKey('morgan'));
  assert.equal(nameKey('rnorgan'), nameKey('Morgan'));
  assert.notEqual(nameKey('Casey'), nameKey('Morgan'));
});

test('a PIN hash: peppered (scrypt2), six fields; an old unpeppered one (scrypt) is read and marked for rewriting; anything else never matches', async () => {
  const pepper = randomBytes(32);
  const h = await hashPin('2468', pepper);
  assert.match(h, /^scrypt2\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(await verifyPin('2468', h, pepper), true);
  assert.equal(await verifyPin('2469', h, pepper), false);
  assert.equal(await verifyPin('2468', h, randomBytes(32)), false, 'another pepper');
  assert.equal(needsRehash(h), false);
  assert.equal(needsRehash(`scrypt$${h.split('$').slice(1).join('$')}`), true);
  // Six fields of a known kind, or no match (never an exception).
  const [, n, r, p, salt, key] = h.split('$');
  assert.equal(await verifyPin('2468', ['bcrypt', n, r, p, salt, key].join('$'), pepper), false, 'an unknown kind');
  assert.equal(await verifyPin('2468', ['scrypt2', n, r, p, salt, key, 'x'].join('$'), pepper), false, 'seven fields');
  assert.equal(await verifyPin('2468', ['scrypt2', n, r, p, salt].join('$'), pepper), false, 'five fields');
  // A stored hash cut short would match scrypt's shorter output (its start): only a full-length hash is compared.
  const short = ['scrypt2', n, r, p, salt, Buffer.from(key!, 'base64').subarray(0, 16).toString('base64')].join('$');
  assert.equal(await verifyPin('2468', short, pepper), false);
  // The pepper must be there: 16 bytes at least.
  await assert.rejects(hashPin('2468', randomBytes(15)), /PIN pepper missing/);
  assert.match(await hashPin('2468', randomBytes(16)), /^scrypt2\$/);
});

test('a seal matches only itself: missing, not a string, or of another length never does', () => {
  const s = new Sealer(randomBytes(32));
  const good = s.setting('shop.name', 'Café');
  assert.equal(Sealer.matches(good, s.setting('shop.name', 'Café')), true);
  assert.equal(Sealer.matches(good, s.setting('shop.name', 'Cafe')), false, 'another value');
  assert.equal(Sealer.matches(good, s.setting('shop.names', 'Café')), false, 'another key');
  assert.equal(Sealer.matches(null, good), false);
  assert.equal(Sealer.matches(undefined, good), false);
  assert.equal(Sealer.matches(`${good}=`, good), false, 'a longer seal');
  assert.equal(Sealer.matches(good.slice(1), good), false, 'a shorter seal');
  // Rows are sealed with their kind and counter: the same fields under another kind or counter differ.
  assert.notEqual(s.row('attempt', 'C1', ['a']), s.row('z', 'C1', ['a']));
  assert.notEqual(s.row('attempt', 'C1', ['a']), s.row('attempt', 'C2', ['a']));
  assert.notEqual(s.row('attempt', 'C1', ['a']), s.setting('attempt', 'a'));
  // Another shop's pepper seals differently.
  assert.notEqual(new Sealer(randomBytes(32)).setting('shop.name', 'Café'), good);
});

test('approvals live 60 seconds and are forgotten once expired, used or not', () => {
  let now = 1_000_000;
  const store = new ApprovalStore(() => now);
  const live = () => (store as unknown as { live: Map<string, unknown> }).live.size;
  const base = {
    action: 'refund' as const,
    subject: '1',
    amountCents: 100,
    cashierId: 'c',
    windowId: 1,
    managerId: 'm',
    managerName: 'M',
    lines: null,
  };
  const a = store.issue(base);
  assert.equal(a.expiresAt, now + APPROVAL_TTL_MS);
  assert.equal(APPROVAL_TTL_MS, 60_000);
  now += 60_000;
  store.issue(base);
  assert.equal(live(), 2, 'at exactly 60 seconds the first is still good');
  now += 1;
  store.issue(base);
  assert.equal(live(), 2, 'past 60 seconds it is forgotten when the next is issued');
  assert.throws(() => store.consume(a.id, base), refusedAs('error.approval.missing'));
  assert.throws(() => store.consume(42, base), refusedAs('error.approval.missing'), 'an id that is not a string');
});

test('seals are HMAC-SHA256 (base64url), keyed by HKDF of the pepper, over the JSON of [kind, …fields]: a known answer, so a change that breaks every seal already in a shop database is caught', () => {
  const pepper = Buffer.alloc(32, 5);
  // Worked out here with Node's crypto directly, from the rule above — not through Sealer.
  const key = Buffer.from(hkdfSync('sha256', pepper, 'counter-pos row seals', 'staff and shared settings v1', 32));
  const tag = (parts: unknown[]) => createHmac('sha256', key).update(JSON.stringify(parts), 'utf8').digest('base64url');
  const s = new Sealer(pepper);
  assert.equal(s.setting('shop.name', 'Café'), tag(['setting', 'shop.name', 'Café']));
  assert.equal(s.row('z', 'C1A2B', ['7', '2026-12-06']), tag(['row', 'z', 'C1A2B', '7', '2026-12-06']));
});

test('a PIN hash made with other scrypt costs (an older version’s) is checked with the costs it names', async () => {
  const pepper = randomBytes(32);
  const salt = randomBytes(16);
  const peppered = createHmac('sha256', pepper).update('2468', 'utf8').digest();
  const key = scryptSync(peppered, salt, 32, { N: 1024, r: 8, p: 1 });
  const stored = `scrypt2$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
  assert.equal(await verifyPin('2468', stored, pepper), true);
  assert.equal(await verifyPin('2469', stored, pepper), false);
});
