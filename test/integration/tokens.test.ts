/**
 * Helcim token setup through the bridge, with a real keychain and a simulator standing in for live
 * Helcim: connection tests, save/rotate/remove, the live switch, and permission errors that arrive
 * later. Ends with a scan: no token bytes in any bridge answer, log line, or database file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import type { Sender } from '../../main/ipc/dispatch';
import { startSimulator, type Simulator } from '../../main/simulator/server';
import { accountFor, createKeytarVault } from '../../main/vault/vault';
import { removeKeychainEntries, createTestCore, type TestCore } from '../support/core';
import {
  channelOf,
  type AppStatus,
  type BridgeResult,
  type ConnectionReport,
  type OperationName,
  type TokenStatus,
} from '../../common/contract';

const APP = 'app://counter';
const service = `Counter POS tokens ${randomUUID()}`;
let core: TestCore;
let helcim: Simulator;
let dir: string;
const answers: string[] = [];
const logs: string[] = [];
/** Everything this process writes to stdout/stderr, not only the injected log sink. */
const printed: string[] = [];
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
const tokens: string[] = [];
const MANAGER = 1;
const CASHIER = 2;

const sender = (windowId: number): Sender => ({ windowId, frameUrl: `${APP}/index.html`, isMainFrame: true });
async function call<T>(windowId: number, op: OperationName, payload: unknown): Promise<BridgeResult<T>> {
  const r = (await core.dispatch(channelOf(op), payload, sender(windowId))) as BridgeResult<T>;
  answers.push(JSON.stringify(r));
  return r;
}
const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);
function token(profile: Parameters<Simulator['createToken']>[0]) {
  const t = helcim.createToken(profile);
  tokens.push(t);
  return t;
}
const save = async (slot: 'sales' | 'admin', t: string) => {
  const r = await call<ConnectionReport>(MANAGER, 'helcim.saveToken', { slot, token: t });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
};
const checks = (r: ConnectionReport) => Object.fromEntries(r.checks.map((c) => [c.operation, c.ok]));

let salesToken = '';

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pos-tokens-'));
  helcim = await startSimulator();
  core = await createTestCore({
    appOrigin: APP,
    journalFile: path.join(dir, 'app.sqlite'),
    vault: createKeytarVault(keytar, service),
    live: { apiBase: helcim.baseUrl, scriptUrl: helcim.scriptUrl },
    log: (l) => logs.push(l),
  });
  const m = await core.staffStore.create('Morgan', 'manager', '135790');
  const c = await core.staffStore.create('Casey', 'cashier', '2468');
  assert.equal(codeOf(await call(MANAGER, 'session.signIn', { staffId: m.id, pin: '135790' })), 'ok');
  assert.equal(codeOf(await call(CASHIER, 'session.signIn', { staffId: c.id, pin: '2468' })), 'ok');
});
after(async () => {
  await core.close();
  await helcim.close();
  await removeKeychainEntries(service, core.databaseId);
  rmSync(dir, { recursive: true, force: true });
});

test('a cashier cannot see or change Helcim tokens', async () => {
  for (const [op, p] of [
    ['helcim.status', {}],
    ['helcim.saveToken', { slot: 'sales', token: 'x'.repeat(20) }],
    ['helcim.testToken', { slot: 'sales' }],
    ['helcim.removeToken', { slot: 'admin' }],
    ['helcim.setMode', { mode: 'live' }],
  ] as const)
    assert.equal(codeOf(await call(CASHIER, op, p)), 'forbidden', op);
});

test('an unknown or legacy token is refused by Helcim and never stored', async () => {
  const legacy = token({ general: 'write', settings: 'write', transactions: 'admin', legacy: true });
  const madeUp = `made_up_${randomUUID()}`;
  tokens.push(madeUp);
  for (const t of [legacy, madeUp]) {
    const r = await save('sales', t);
    assert.deepEqual([r.reachable, r.accepted, r.passed], [true, false, false]);
    assert.match(r.message, /legacy token/);
    assert.equal(await keytar.getPassword(service, accountFor(core.databaseId, 'sales')), null);
  }
});

test('the sales token: Positive passes, and the table says refunds need Admin', async () => {
  salesToken = token({ general: 'none', settings: 'none', transactions: 'positive' });
  const r = await save('sales', salesToken);
  assert.equal(r.passed, true);
  assert.equal(r.level, 'positive');
  assert.deepEqual(checks(r), {
    verify: true,
    preauth: true,
    purchase: true,
    capture: true,
    lookup: true,
    refund: false,
    release: false,
    devices: false,
    terminal: true,
    invoices: false,
  });
  assert.match(r.checks.find((c) => c.operation === 'invoices')!.fix!, /set General to Read & Write on this token/);
  assert.match(
    r.checks.find((c) => c.operation === 'refund')!.fix!,
    /API Access Configuration: set Transaction Processing to Admin \(Reversal, Refund\)/,
  );
  assert.match(
    r.checks.find((c) => c.operation === 'release')!.fix!,
    /set Transaction Processing to Admin \(Reversal, Refund\)/,
  );
  assert.equal(
    await keytar.getPassword(service, accountFor(core.databaseId, 'sales')),
    salesToken,
    'in the real keychain',
  );
});

test('an Auth-only token cannot be the admin token; each ✗ says what to change; live stays closed', async () => {
  const r = await save('admin', token({ general: 'read', settings: 'none', transactions: 'auth' }));
  assert.deepEqual([r.passed, r.level], [false, 'auth']);
  assert.deepEqual(checks(r), {
    verify: true,
    preauth: true,
    purchase: false,
    capture: false,
    lookup: true,
    refund: false,
    release: false,
    devices: false,
    terminal: false,
    invoices: false,
  });
  assert.match(r.checks.find((c) => c.operation === 'devices')!.fix!, /set General to Read and Settings to Read/);
  assert.match(
    r.checks.find((c) => c.operation === 'capture')!.fix!,
    /set Transaction Processing to Positive \(Purchase, Capture\)/,
  );
  for (const c of r.checks.filter((x) => !x.ok))
    assert.match(c.fix!, /All Tools → Integrations → API Access Configuration/);
  assert.equal(r.generalAccess, true);
  const s = await call<TokenStatus>(MANAGER, 'helcim.status', {});
  assert.ok(s.ok);
  assert.equal(s.value.canGoLive, false);
  // General Read alone: the admin token (the one that makes invoices) may not create them.
  assert.match(
    s.value.warnings.join(' '),
    /admin token may not create invoices.*set its General restriction to Read & Write/,
  );
  assert.equal(codeOf(await call(MANAGER, 'helcim.setMode', { mode: 'live' })), 'forbidden');
});

test('rotate the admin token to an Admin one; switch to live', async () => {
  // Helcim's recommended API token: General Read & Write makes the sales' itemized invoices.
  const adminToken = token({ general: 'write', settings: 'none', transactions: 'admin' });
  const r = await save('admin', adminToken);
  assert.equal(r.passed, true);
  assert.deepEqual(checks(r), {
    verify: true,
    preauth: true,
    purchase: true,
    capture: true,
    lookup: true,
    refund: true,
    release: true,
    devices: false,
    terminal: true,
    invoices: true,
  });
  assert.equal(
    await keytar.getPassword(service, accountFor(core.databaseId, 'admin')),
    adminToken,
    'the new token replaced the old one',
  );
  const live = await call<TokenStatus>(MANAGER, 'helcim.setMode', { mode: 'live' });
  assert.ok(live.ok);
  assert.equal(live.value.mode, 'live');
  assert.deepEqual(live.value.warnings, []);
  const st = await call<AppStatus>(CASHIER, 'app.status', {});
  assert.ok(st.ok && st.value.mode === 'live');
});

test('a token later lowered in Helcim to Auth: typed error naming token and restriction; purchase disabled, verify still works', async () => {
  assert.equal(codeOf(await call(CASHIER, 'purchase.start', { amountCents: 500, currency: 'CAD' })), 'ok');
  helcim.setTokenProfile(salesToken, { general: 'none', settings: 'none', transactions: 'auth' });
  const refused = await call(CASHIER, 'purchase.start', { amountCents: 500, currency: 'CAD' });
  assert.equal(codeOf(refused), 'helcim_permission');
  assert.match(
    !refused.ok ? refused.error.message : '',
    /the sales token is not allowed to take payments.*Transaction Processing to Positive \(Purchase, Capture\)/,
  );
  const st = await call<AppStatus>(CASHIER, 'app.status', {});
  assert.ok(st.ok);
  assert.equal(st.value.session!.capabilities['purchase.start'], false, 'disabled until a new test passes');
  assert.equal(st.value.session!.capabilities['verify.start'], true);
  assert.equal(
    codeOf(await call(CASHIER, 'purchase.start', { amountCents: 500, currency: 'CAD' })),
    'token_insufficient',
  );
  assert.equal(
    codeOf(await call(CASHIER, 'verify.start', { currency: 'CAD' })),
    'ok',
    'an Auth token can still verify',
  );
  const retest = await call<ConnectionReport>(MANAGER, 'helcim.testToken', { slot: 'sales' });
  assert.ok(retest.ok);
  assert.deepEqual(
    [retest.value.passed, checks(retest.value).purchase, checks(retest.value).verify],
    [false, false, true],
  );
  // The manager fixes it in Helcim and tests again: purchases come back.
  helcim.setTokenProfile(salesToken, { general: 'none', settings: 'none', transactions: 'positive' });
  const fixed = await call<ConnectionReport>(MANAGER, 'helcim.testToken', { slot: 'sales' });
  assert.ok(fixed.ok && fixed.value.passed);
  assert.equal(codeOf(await call(CASHIER, 'purchase.start', { amountCents: 500, currency: 'CAD' })), 'ok');
});

test('one Admin token for everything works, with a warning; removing deletes it from the keychain', async () => {
  const gone = await call<TokenStatus>(MANAGER, 'helcim.removeToken', { slot: 'sales' });
  assert.ok(gone.ok);
  assert.equal(await keytar.getPassword(service, accountFor(core.databaseId, 'sales')), null);
  assert.match(gone.value.warnings.join(' '), /One Admin token is doing everything/);
  assert.equal(
    codeOf(await call(CASHIER, 'purchase.start', { amountCents: 700, currency: 'CAD' })),
    'ok',
    'sales falls back to the admin token',
  );
  const none = await call<TokenStatus>(MANAGER, 'helcim.removeToken', { slot: 'admin' });
  assert.ok(none.ok);
  assert.equal(await keytar.getPassword(service, accountFor(core.databaseId, 'admin')), null);
  assert.equal(none.value.mode, 'training', 'no token left: back to training');
});

test('no token bytes in bridge answers, log lines, stdout/stderr, the audit trail or any database file', () => {
  assert.ok(tokens.length >= 5 && answers.length > 20);
  const files = readdirSync(dir).map((f) => readFileSync(path.join(dir, f)).toString('latin1'));
  const audit = JSON.stringify(core.audit.entries());
  assert.match(audit, /helcim\.token_saved/);
  for (const t of tokens) {
    for (const a of answers) assert.equal(a.includes(t), false, 'bridge answer');
    for (const l of logs) assert.equal(l.includes(t), false, 'log line');
    for (const p of printed) assert.equal(p.includes(t), false, 'stdout/stderr');
    assert.equal(audit.includes(t), false, 'audit');
    for (const f of files) assert.equal(f.includes(t), false, 'database file');
  }
});
