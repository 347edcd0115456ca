/**
 * What main draws into the counter's page (issue 31): the sign-in screen with the active staff while
 * nobody is signed in at any window; nothing while someone is, or before the first manager exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCore } from '../support/core';

test('the sign-in screen is drawn only while nobody is signed in anywhere', { timeout: 60_000 }, async () => {
  let clock = Date.parse('2026-12-08T15:00:00Z');
  const t = await testCore('first-screen', { now: () => clock });
  try {
    const { core } = t;
    assert.equal(core.firstScreen(), null, 'the first run: the first manager’s screen, drawn by the app');
    const casey = await core.staffStore.create('Casey', 'cashier', '2468');
    const gone = await core.staffStore.create('Old Timer', 'cashier', '1357');
    core.staffStore.setActive(gone.id, false);
    const drawn = core.firstScreen()!;
    assert.match(drawn, /<strong>Casey<\/strong>/);
    assert.doesNotMatch(drawn, /Old Timer/, 'only the active staff, as the roster');
    assert.match(drawn, /training-banner/, 'a new counter is in training');
    core.sessions.signIn(2, { staffId: casey.id, name: casey.name, role: 'cashier' });
    assert.equal(core.firstScreen(), null, 'someone is signed in at another window');
    clock += 24 * 3_600_000; // long past any idle limit: the session ends
    assert.match(core.firstScreen() ?? '', /<strong>Casey<\/strong>/);
  } finally {
    await t.close();
  }
});
