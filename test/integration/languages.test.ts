/**
 * Main speaks the language of the person it answers (issue 17): a French cashier's errors and
 * results come from the fr-CA catalog, an English manager on the same counter gets en-CA, someone
 * not signed in gets the shop's language, and a change applies at the next call. Each guard has its
 * negative case: the same call, only the language changed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Sender } from '../../main/ipc/dispatch';
import { testCore, type TestCore } from '../support/core';
import { channelOf, type BridgeResult, type OperationName, type AppStatus, type SaleView } from '../../common/contract';

let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
const sender = (w: number): Sender => ({ windowId: w, frameUrl: 'app://counter/index.html', isMainFrame: true });
const call = async <T>(w: number, op: OperationName, payload: unknown) =>
  (await core.dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
const words = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.message);
let camille = '';
let morgan = '';

// The cash sale one cent short: a guard whose words carry two amounts.
const SHORT = { amountCents: 1000, tenderedCents: 999, currency: 'CAD' };

before(async () => {
  t = await testCore('languages');
  core = t.core;
  camille = (await core.staffStore.create('Camille', 'cashier', '2468')).id;
  morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  assert.ok((await call(2, 'session.signIn', { staffId: morgan, pin: '135790' })).ok);
  assert.ok((await call(2, 'staff.setLanguage', { staffId: camille, language: 'fr-CA' })).ok);
  assert.ok((await call(1, 'session.signIn', { staffId: camille, pin: '2468' })).ok);
});
after(async () => {
  await t.close();
});

test('a French cashier is refused in French, amounts formatted « 9,99 $ »; the English manager on the same counter in English', async () => {
  assert.equal(
    words(await call(1, 'cash.sale', SHORT)),
    'Le client a remis 9,99\u00a0$, moins que les 10,00\u00a0$ dus. Rien n’a été enregistré.',
  );
  assert.equal(
    words(await call(2, 'cash.sale', SHORT)),
    'The customer handed over $9.99, less than the $10.00 due. Nothing was recorded.',
  );
});

test('a result’s message (not only an error) is in the caller’s language', async () => {
  const opened = await call<SaleView>(1, 'sale.open', { amountCents: 5000, currency: 'CAD' });
  assert.ok(opened.ok, JSON.stringify(opened));
  assert.equal(opened.value.message, '50,00\u00a0$ à payer.');
  const asManager = await call<SaleView>(2, 'sale.get', { saleId: opened.value.saleId });
  assert.ok(asManager.ok, JSON.stringify(asManager));
  assert.equal(asManager.value.message, '$50.00 due.');
});

test('a policy refusal is in French for a French cashier (the guard’s words, not only its code); nobody signed in: the shop’s', async () => {
  const refused = await call(1, 'staff.list', {});
  assert.deepEqual(
    [refused.ok ? 'ok' : refused.error.code, words(refused)],
    ['forbidden', 'Seul un gérant peut faire ceci.'],
  );
  const englishRefused = await call(3, 'staff.list', {});
  assert.equal(words(englishRefused), 'Sign in first.', 'nobody signed in: the shop’s language (en-CA by default)');
});

test('nobody signed in: the shop’s language; a manager’s change of it applies at the next call', async () => {
  const wrong = async () => words(await call(3, 'session.signIn', { staffId: morgan, pin: '000000' }));
  assert.match(await wrong(), /^Wrong PIN\. 4 tries left before a lockout\.$/);
  assert.ok((await call(2, 'settings.setLanguage', { language: 'fr-CA' })).ok);
  assert.match(await wrong(), /^NIP erroné\. Encore 3 essais avant le verrouillage\.$/);
  // The English manager keeps English: their own language wins over the shop's.
  assert.ok((await call(2, 'staff.setLanguage', { staffId: morgan, language: 'en-CA' })).ok);
  assert.equal(
    words(await call(2, 'cash.sale', SHORT)),
    'The customer handed over $9.99, less than the $10.00 due. Nothing was recorded.',
  );
  // Back to the shop's language for Camille: still French (the shop is French now).
  assert.ok((await call(2, 'staff.setLanguage', { staffId: camille, language: null })).ok);
  assert.match(words(await call(1, 'cash.sale', SHORT)), /^Le client a remis/);
  assert.ok((await call(2, 'settings.setLanguage', { language: 'en-CA' })).ok);
  assert.match(
    words(await call(1, 'cash.sale', SHORT)),
    /^The customer handed over/,
    'the shop back in English: Camille follows it',
  );
});

test('the status bar’s words follow the reader: the manager’s audit line in English, a French manager’s in French', async () => {
  const status = async () => {
    const r = await call<AppStatus>(2, 'app.status', {});
    assert.ok(r.ok);
    return r.value.audit?.message ?? '';
  };
  assert.match(await status(), /^Audit trail verified at start-up/);
  assert.ok((await call(2, 'staff.setLanguage', { staffId: morgan, language: 'fr-CA' })).ok);
  assert.match(await status(), /^Piste d’audit vérifiée au démarrage/);
});
