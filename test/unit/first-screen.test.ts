/**
 * The sign-in screen main draws into the counter's page (issue 31): the React screen's markup, in the
 * shop's language, every name escaped; nothing drawn for a first run or an empty roster.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstScreenHtml } from '../../main/staff/first-screen';
import { counterPage } from '../../main/electron/static-site';

const roster = {
  firstRun: false,
  staff: [
    { id: 's1', name: 'Casey', role: 'cashier' as const },
    { id: 's2', name: 'Morgan', role: 'manager' as const },
  ],
};

test('the sign-in screen as React draws it: heading, one button per person with their role', () => {
  assert.equal(
    firstScreenHtml({ locale: 'en-CA', training: false, roster }),
    '<div class="app"><main class="content" tabindex="0"><section class="panel narrow" aria-label="Sign in">' +
      '<h1>Sign in</h1><div class="staff-grid">' +
      '<button type="button" class="staff-pick"><strong>Casey</strong><span>cashier</span></button>' +
      '<button type="button" class="staff-pick"><strong>Morgan</strong><span>manager</span></button>' +
      '</div></section></main></div>',
  );
});

test('in training the banner says so, in the shop’s language', () => {
  const en = firstScreenHtml({ locale: 'en-CA', training: true, roster })!;
  assert.match(en, /^<div class="app"><div class="training-banner" role="note">TRAINING MODE — no real card/);
  const fr = firstScreenHtml({ locale: 'fr-CA', training: true, roster })!;
  assert.match(fr, /<div class="training-banner" role="note">MODE FORMATION/);
  assert.match(fr, /<h1>Connexion<\/h1>/);
  assert.match(fr, /<strong>Morgan<\/strong><span>gérant<\/span>/);
  assert.doesNotMatch(firstScreenHtml({ locale: 'en-CA', training: false, roster })!, /training-banner/);
});

test('a name is text, never markup: each of & < > " \' escaped', () => {
  const html = firstScreenHtml({
    locale: 'en-CA',
    training: false,
    roster: { firstRun: false, staff: [{ id: 'x', name: `<img src=x onerror="alert('1')">&`, role: 'cashier' }] },
  })!;
  assert.match(html, /<strong>&lt;img src=x onerror=&quot;alert\(&#39;1&#39;\)&quot;&gt;&amp;<\/strong>/);
  assert.doesNotMatch(html, /<img/);
});

test('nothing drawn for the shop’s first run or with nobody to pick', () => {
  assert.equal(firstScreenHtml({ locale: 'en-CA', training: true, roster: { firstRun: true, staff: [] } }), null);
  assert.equal(firstScreenHtml({ locale: 'en-CA', training: true, roster: { firstRun: false, staff: [] } }), null);
});

test('the page is served with that screen in its root; without one, its root as built', () => {
  const html = Buffer.from('<html><head></head><body><div id="root"></div></body></html>');
  const drawn = counterPage(html, {}, 'en-CA', '<p>drawn</p>').toString();
  assert.equal(drawn, '<html><head></head><body><div id="root"><p>drawn</p></div></body></html>');
  assert.equal(counterPage(html, {}, 'en-CA', null), html);
  assert.equal(counterPage(html, {}, 'en-CA'), html);
  const rootless = Buffer.from('<html><head></head><body></body></html>');
  assert.equal(counterPage(rootless, {}, 'en-CA', '<p>drawn</p>').toString(), rootless.toString());
});
