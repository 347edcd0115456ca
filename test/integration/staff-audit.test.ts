/**
 * Staff at the counter, through the bridge, as the audit trail must tell it (issue 25, StrykerJS's
 * survivors in main/staff/service.ts): the first manager, the roster the sign-in screen shows, sign-in
 * and sign-out, a wrong PIN, staff added, disabled and enabled, a PIN reset, a language set, the idle
 * lock, and a refused override — each one audited with who did it and what, word for word; and each
 * person's screens in their own language, else the shop's.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls } from '../support/bridge-calls';
import type { Roster, SessionView, StaffRecord } from '../../common/contract';
import { PosError } from '../../main/errors';

const MANAGER = 1;
const CASHIER = 2;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
const { ok, call } = bridgeCalls(() => core);
/** The audit rows written since the last call (actor, action, detail). */
let seen = 0;
function audited(): [string, string, string][] {
  const rows = core.audit.entries().slice(seen);
  seen += rows.length;
  return rows.map((r) => [r.actor, r.action, r.detail]);
}

before(async () => {
  t = await testCore('staff-audit');
  core = t.core;
  seen = core.audit.entries().length;
});
after(async () => {
  await t.close();
});

let morgan = '';
let casey = '';

test(
  'the first manager: set up once, audited; the roster then lists active staff by id, name and role only',
  { timeout: 30_000 },
  async () => {
    assert.deepEqual(await ok<Roster>(MANAGER, 'staff.roster', {}), { firstRun: true, staff: [] });
    const s = await ok<SessionView>(MANAGER, 'staff.firstRun', { name: 'Morgan', pin: '135790' });
    assert.deepEqual([s.name, s.role], ['Morgan', 'manager'], 'signed in as the first manager');
    morgan = core.staffStore.list().find((x) => x.name === 'Morgan')!.id;
    assert.deepEqual(audited().slice(0, 1), [[morgan, 'staff.first_manager', 'Morgan']]);
    const again = await call(CASHIER, 'staff.firstRun', { name: 'Eve', pin: '246813' });
    assert.ok(!again.ok && again.error.code === 'forbidden', 'a second "first manager" is refused');
    const added = await ok<StaffRecord>(MANAGER, 'staff.add', { name: 'Casey', role: 'cashier', pin: '2468' });
    casey = added.id;
    assert.deepEqual(audited(), [[morgan, 'staff.add', `${casey} cashier`]]);
    await ok(MANAGER, 'staff.add', { name: 'Jo', role: 'cashier', pin: '8642' });
    const jo = core.staffStore.list().find((x) => x.name === 'Jo')!.id;
    audited();
    await ok(MANAGER, 'staff.setActive', { staffId: jo, active: false });
    const roster = await ok<Roster>(CASHIER, 'staff.roster', {});
    assert.equal(roster.firstRun, false);
    assert.deepEqual(
      [...roster.staff].sort((a, b) => a.name.localeCompare(b.name)),
      [
        { id: casey, name: 'Casey', role: 'cashier' },
        { id: morgan, name: 'Morgan', role: 'manager' },
      ],
      'Jo, disabled, is not on the sign-in screen; no PIN hash, no language, nothing else',
    );
  },
);

test(
  'sign-in, a wrong PIN and sign-out are audited with the window; signing out a window nobody is signed in to writes nothing',
  { timeout: 30_000 },
  async () => {
    audited();
    const wrong = await call(CASHIER, 'session.signIn', { staffId: casey, pin: '1357' });
    assert.ok(!wrong.ok);
    await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
    await ok(CASHIER, 'session.signOut', {});
    await call(CASHIER, 'session.signOut', {});
    assert.deepEqual(audited(), [
      [casey, 'session.sign_in_failed', 'wrong_pin'],
      [casey, 'session.sign_in', `window ${CASHIER}`],
      [casey, 'session.sign_out', `window ${CASHIER}`],
    ]);
  },
);

test(
  'disabled and enabled, a PIN reset, a language set and unset, the idle lock: each audited as what it was; disabling signs the person out',
  { timeout: 30_000 },
  async () => {
    await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
    audited();
    await ok(MANAGER, 'staff.setActive', { staffId: casey, active: false });
    assert.equal((await call(CASHIER, 'session.touch', {})).ok, false, 'Casey is signed out at once');
    await ok(MANAGER, 'staff.setActive', { staffId: casey, active: true });
    await ok(MANAGER, 'staff.resetPin', { staffId: casey, pin: '9753' });
    await ok(MANAGER, 'staff.setLanguage', { staffId: casey, language: 'fr-CA' });
    await ok(MANAGER, 'staff.setLanguage', { staffId: casey, language: null });
    await ok(MANAGER, 'settings.setIdleLock', { seconds: 120 });
    assert.deepEqual(audited(), [
      [morgan, 'staff.disable', casey],
      [morgan, 'staff.enable', casey],
      [morgan, 'staff.reset_pin', casey],
      [morgan, 'staff.language', `${casey} fr-CA`],
      [morgan, 'staff.language', `${casey} shop`],
      [morgan, 'settings.idle_lock', '120'],
    ]);
    assert.equal(core.settings.get('idle_lock_seconds'), 120);
    // A manager cannot disable themself (someone else must), nor set the language of nobody.
    const self = await call(MANAGER, 'staff.setActive', { staffId: morgan, active: false });
    assert.ok(!self.ok && self.error.code === 'invalid_payload');
    const nobody = await call(MANAGER, 'staff.setLanguage', {
      staffId: '00000000-0000-4000-8000-000000000000',
      language: 'fr-CA',
    });
    assert.ok(!nobody.ok && nobody.error.code === 'invalid_payload');
    assert.deepEqual(audited(), [], 'refused changes are not audited as done');
  },
);

test('each person’s words in their own language, else the shop’s', { timeout: 30_000 }, async () => {
  assert.equal((await ok<SessionView>(CASHIER, 'session.signIn', { staffId: casey, pin: '9753' })).locale, 'en-CA');
  // A cashier asking for a manager's operation is refused in words.
  const english = await call(CASHIER, 'staff.list', {});
  assert.ok(!english.ok);
  await ok(MANAGER, 'staff.setLanguage', { staffId: casey, language: 'fr-CA' });
  assert.equal((await ok<SessionView>(CASHIER, 'session.signIn', { staffId: casey, pin: '9753' })).locale, 'fr-CA');
  const french = await call(CASHIER, 'staff.list', {});
  assert.ok(!french.ok && french.error.message !== english.error.message, 'Casey’s own language now');
  await ok(MANAGER, 'staff.setLanguage', { staffId: casey, language: null });
  await ok(MANAGER, 'settings.setLanguage', { language: 'fr-CA' });
  const shop = await call(CASHIER, 'staff.list', {});
  assert.ok(!shop.ok && shop.error.message === french.error.message, 'the shop’s language when Casey has none');
  await ok(MANAGER, 'settings.setLanguage', { language: 'en-CA' });
});

test('an override refused is audited with why: not a manager, or the PIN', { timeout: 30_000 }, async () => {
  audited();
  const notManager = await call(CASHIER, 'override.approve', {
    action: 'refund',
    transactionId: '123',
    amountCents: 100,
    managerId: casey,
    pin: '9753',
  });
  assert.ok(!notManager.ok && notManager.error.code === 'forbidden');
  const wrongPin = await call(CASHIER, 'override.approve', {
    action: 'refund',
    transactionId: '123',
    amountCents: 100,
    managerId: morgan,
    pin: '000000',
  });
  assert.ok(!wrongPin.ok);
  assert.deepEqual(audited(), [
    [casey, 'override.refused', 'refund 123: not a manager'],
    [casey, 'override.refused', `refund 123: wrong_pin for ${morgan}`],
  ]);
});

test(
  'wrong PINs, word for word: tries left, locked for 30 seconds on the fifth, the seconds still to wait, the list’s lock flag, then 60 seconds on the sixth',
  { timeout: 60_000 },
  async () => {
    let clock = Date.now();
    const c = await testCore('staff-lockout', { now: () => clock });
    try {
      const id = (await c.core.staffStore.create('Robin', 'cashier', '2468')).id;
      const mgr = (await c.core.staffStore.create('Sam', 'manager', '135790')).id;
      const sign = (pin: string) => c.core.staffStore.verify(id, pin);
      const words = async (pin: string) =>
        sign(pin).then(
          () => 'signed in',
          (e: Error) => e.message,
        );
      for (const left of [4, 3, 2, 1])
        assert.equal(
          await words('1357'),
          `Wrong PIN. ${left === 1 ? '1 try' : `${left} tries`} left before a lockout.`,
        );
      assert.equal(await words('1357'), 'Wrong PIN. Too many tries: locked for 30 seconds.');
      assert.equal(c.core.staffStore.list().find((s) => s.id === id)!.locked, true, 'shown as locked');
      clock += 10_000;
      assert.equal(await words('2468'), 'Too many wrong PINs. Try again in 20 seconds.', 'even the right PIN waits');
      clock += 19_001;
      assert.equal(await words('2468'), 'Too many wrong PINs. Try again in 1 second.');
      clock += 999;
      assert.equal(c.core.staffStore.list().find((s) => s.id === id)!.locked, false, 'no longer locked at 30 seconds');
      assert.equal(
        await words('1357'),
        'Wrong PIN. Too many tries: locked for 60 seconds.',
        'the sixth miss doubles the lock',
      );
      clock += 60_000;
      assert.equal(await words('2468'), 'signed in');
      assert.equal(
        await words('1357'),
        'Wrong PIN. 4 tries left before a lockout.',
        'the right PIN starts the count again',
      );
      // A person the counter does not know, and a PIN reset or language for nobody: refused in plain words.
      const nobody = '00000000-0000-4000-8000-000000000000';
      const is = (code: string, words: string) => (e: unknown) =>
        e instanceof PosError && e.code === code && e.message === words;
      await assert.rejects(
        c.core.staffStore.verify(nobody, '2468'),
        is('forbidden', 'That staff member cannot sign in.'),
      );
      assert.throws(
        () => c.core.staffStore.setActive(nobody, false),
        is('invalid_payload', 'There is no such staff member.'),
      );
      await assert.rejects(
        c.core.staffStore.resetPin(nobody, '2468'),
        is('invalid_payload', 'There is no such staff member.'),
      );
      assert.throws(
        () => c.core.staffStore.setActive(mgr, false),
        is('invalid_payload', 'The last active manager cannot be disabled.'),
      );
      assert.equal(c.core.staffStore.takeOverrideMisses(nobody), 0, 'nobody has missed nothing');
      // A hash already peppered is not rewritten at each sign-in.
      const hashOf = () =>
        (c.core.db.prepare('SELECT pin_hash FROM staff WHERE id = ?').get(id) as { pin_hash: string }).pin_hash;
      const before = hashOf();
      await sign('2468');
      assert.equal(hashOf(), before);
      // Wrong PINs typed at sign-in are not "wrong PINs for your manager approval".
      await assert.rejects(c.core.staffStore.verify(mgr, '000000'));
      assert.equal(c.core.staffStore.takeOverrideMisses(mgr), 0);
      await assert.rejects(c.core.staffStore.verify(mgr, '000000', 'override'));
      assert.equal(c.core.staffStore.takeOverrideMisses(mgr), 1, 'a miss in the override prompt is');
      assert.equal(c.core.staffStore.takeOverrideMisses(mgr), 0, 'told once');
      // Sam's sign-in locked by wrong PINs: the tries refused meanwhile are not override misses either.
      for (let i = 0; i < 6; i++) await assert.rejects(c.core.staffStore.verify(mgr, '000000'));
      assert.equal(c.core.staffStore.takeOverrideMisses(mgr), 0);
    } finally {
      await c.close();
    }
  },
);

test(
  'the staff screens’ answers: the list with who is locked, the idle lock in the status, a touch that answers nothing; refusals word for word (own account, a name taken or alike, a PIN too short or too easy)',
  { timeout: 30_000 },
  async () => {
    const list = await ok<StaffRecord[]>(MANAGER, 'staff.list', {});
    assert.deepEqual(list.map((s) => [s.name, s.role, s.active, s.locked]).sort(), [
      ['Casey', 'cashier', true, false],
      ['Jo', 'cashier', false, false],
      ['Morgan', 'manager', true, false],
    ]);
    assert.equal(await ok(MANAGER, 'session.touch', {}), null);
    await ok(MANAGER, 'settings.setIdleLock', { seconds: 240 });
    assert.equal((await ok<{ idleLockSeconds: number }>(MANAGER, 'app.status', {})).idleLockSeconds, 240);
    // With a second manager, the only thing refusing Morgan's own account is the "yourself" rule.
    await ok(MANAGER, 'staff.add', { name: 'Riley', role: 'manager', pin: '864209' });
    const self = await call(MANAGER, 'staff.setActive', { staffId: morgan, active: false });
    assert.ok(!self.ok && self.error.message === 'You cannot disable your own account.', JSON.stringify(self));
    const words = async (payload: Record<string, unknown>) => {
      const r = await call(MANAGER, 'staff.add', payload);
      return r.ok ? 'added' : r.error.message;
    };
    assert.equal(
      await words({ name: 'Casey', role: 'cashier', pin: '3579' }),
      'There is already someone called Casey.',
    );
    assert.equal(
      await words({ name: 'CASEY', role: 'cashier', pin: '3579' }),
      'That name looks the same as Casey on the sign-in screen. Choose a name that can be told apart.',
    );
    await assert.rejects(
      core.staffStore.create('Avery', 'cashier', '357'),
      (e: Error) => e.message === 'A cashier PIN is 4 to 12 digits.',
    );
    assert.equal(await words({ name: 'Avery', role: 'manager', pin: '35791' }), 'A manager PIN is 6 to 12 digits.');
    assert.equal(
      await words({ name: 'Avery', role: 'cashier', pin: '1111' }),
      'That PIN is too easy to guess (repeated or consecutive digits).',
    );
    // Repeated digits only when every digit is the same: these are fine.
    assert.equal(await words({ name: 'Avery', role: 'cashier', pin: '2111' }), 'added');
    assert.equal(await words({ name: 'Blake', role: 'cashier', pin: '1112' }), 'added');
    // Signing out a window with nobody signed in is fine, and writes nothing.
    audited();
    assert.equal(await ok(CASHIER + 5, 'session.signOut', {}), null);
    assert.deepEqual(audited(), []);
  },
);
