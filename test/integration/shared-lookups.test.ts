/**
 * Shared terminal lookups (issue 31): three counters of one merchant, linked to one real PostgreSQL
 * (started here on a private port), each with its Smart Terminal on one simulated Helcim. One counter
 * leads and asks Helcim's list once per look for every counter's waiting sales; each counter records
 * its own result in its own journal. The lead that goes away is replaced within its lease; a shop
 * database that is away, or a row changed there (a forged approval, a look replayed), leaves each
 * counter to its own lookups — never to a result it cannot trust.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startSimulator, type Simulator } from '../../main/simulator/server';
import { testCore } from '../support/core';
import { adminPool, startPostgres, type TestPostgres } from '../support/postgres';
import { channelOf, type BridgeResult, type TerminalProgress, type TerminalStart } from '../../common/contract';
import type { Sender } from '../../main/ipc/dispatch';
import { Sealer } from '../../main/seal';
import { ShopTerminalBoard } from '../../main/shop/terminal-board';

type Counter = Awaited<ReturnType<typeof testCore>>;
const CASHIER = 1;
let db: TestPostgres;
let admin: pg.Pool;
let sim: Simulator;
let clock = Date.parse('2026-12-07T15:00:00Z');
const counters: Counter[] = [];
// Long enough that no lease runs out by itself during a test: the lease test ends one on the database's clock.
const LEASE_MS = 60_000;
const STALE_MS = 5_000;

const sender: Sender = { windowId: CASHIER, frameUrl: 'app://counter/index.html', isMainFrame: true };
async function ok<T>(c: Counter, op: Parameters<typeof channelOf>[0], payload: unknown): Promise<T> {
  const r = (await c.core.dispatch(channelOf(op), payload, sender)) as BridgeResult<T>;
  assert.ok(r.ok, `${op}: ${JSON.stringify(r)}`);
  return r.value;
}
const code = (i: number) => `T00${i + 1}`;
const shared = (c: Counter) => c.core.shared;
/** Helcim list calls that look one invoice up: a counter asking for its own sale. */
const ownLookups = () =>
  sim.apiRequests().filter((r) => r.path === '/v2/card-transactions' && r.search.includes('invoiceNumber=')).length;
/** Helcim list calls by day: the lead's looks. */
const leadLooks = () =>
  sim.apiRequests().filter((r) => r.path === '/v2/card-transactions' && !r.search.includes('invoiceNumber=')).length;

/** Main's timer at each counter (the lead looks, every counter follows its sales), `ms` of the counters' clock. */
async function run(ms: number, step = 250, who: Counter[] = counters): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock += step;
    for (const c of who) {
      c.core.sessions.touch(CASHIER); // the cashier is at the counter all along
      await c.core.terminal.tick();
    }
  }
}
/** What a look writes for a sale (shared-lookups.ts): Helcim's rows, and within how long the lead looks again. */
const lookOf = (rows: unknown[], nextWithinMs = 0) => JSON.stringify({ rows, nextWithinMs });
/** Main's timer at these counters until one of them asks Helcim for its own sale, for at most `ms`: whether it did. */
async function runUntilOwnLookup(who: Counter[], ms: number): Promise<boolean> {
  const before = ownLookups();
  for (let t = 0; t < ms && ownLookups() === before; t += 250) await run(250, 250, who);
  return ownLookups() > before;
}
/** The longest a lead may promise its next look (shared-lookups.ts bounds it), plus a tick. */
const PROMISE_MAX_MS = 60_000 + 250;
const state = (c: Counter, attemptId: string) => c.core.journal.get(attemptId)!.state;
const leads = () => counters.filter((c) => shared(c).isLead());

before(async () => {
  db = await startPostgres();
  admin = adminPool(db);
  sim = await startSimulator({ now: () => clock });
  const link = { host: db.host, port: db.port, database: db.database, user: db.user, certificate: db.fingerprint! };
  let linkCode: string | null = null;
  for (let i = 0; i < 3; i++) {
    const c = await testCore(`shared-${i}`, {
      now: () => clock,
      live: { apiBase: sim.baseUrl },
      http: { timeoutMs: 5000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
      // The test moves main's timer itself (run), on the counters' clock.
      terminalTickMs: 3_600_000,
      shopShipEveryMs: 3_600_000,
      sharedLeaseMs: LEASE_MS,
      sharedStaleMs: STALE_MS,
      log: (line) => process.env.SHARED_DEBUG && console.log(line),
    });
    counters.push(c);
    if (!linkCode) {
      await c.core.staffStore.create('Casey', 'cashier', '2468');
      linkCode = (await c.core.shop.link(link, db.password, 'test')).linkCode;
    } else await c.core.shop.link(link, db.password, 'test', linkCode);
    const token = sim.createToken({ general: 'read', settings: 'read', transactions: 'admin' });
    assert.ok((await c.core.gateway.save('admin', token)).passed);
    await c.core.gateway.setMode('live');
    sim.addTerminal(code(i));
    await c.core.terminal.pair(code(i), 'admin');
    const casey = c.core.staffStore.list().find((s) => s.name === 'Casey')!;
    c.core.sessions.signIn(CASHIER, { staffId: casey.id, name: casey.name, role: 'cashier' });
  }
  // Setting up (connection tests, pairing) happens before the shop opens: its calls age out of Helcim's minute.
  clock += 61_000;
});
// Each test in a minute of its own: Helcim's budget (which paces the lead and each counter's own lookups)
// starts each test as fresh as at opening.
beforeEach(async () => {
  clock += 61_000;
  for (const c of counters) c.core.sessions.touch(CASHIER);
});
after(async () => {
  for (const c of counters) await c.close();
  await sim.close();
  await admin.end();
  await db.close();
});

async function pushAll(cents: number): Promise<TerminalStart[]> {
  const started: TerminalStart[] = [];
  for (const c of counters)
    started.push(await ok<TerminalStart>(c, 'terminal.start', { amountCents: cents, currency: 'CAD' }));
  // The posts are on their way (a sale is followed at once; its row lands a moment later).
  await new Promise((r) => setTimeout(r, 50));
  return started;
}

test('one counter leads: three counters waiting cost one Helcim list call per look, and each records its own approval', async () => {
  const started = await pushAll(20_00);
  const own = ownLookups();
  const looks = leadLooks();
  await run(3_000);
  assert.equal(leads().length, 1, 'exactly one lead');
  // Each customer taps (one with a tip); each counter finds its own result from the lead's looks.
  sim.terminalAct(code(0), { action: 'approve', card: 'visa', tipCents: 3_00 });
  sim.terminalAct(code(1), { action: 'decline', card: 'visa' });
  sim.terminalAct(code(2), { action: 'approve', card: 'visa' });
  await run(2_000);
  assert.deepEqual(
    counters.map((c, i) => state(c, started[i]!.attemptId)),
    ['approved', 'declined', 'approved'],
  );
  assert.equal(counters[0]!.core.journal.get(started[0]!.attemptId)!.tipCents, 3_00);
  // The screen that started each sale reads the same result.
  const p = await ok<TerminalProgress>(counters[0]!, 'terminal.check', { attemptId: started[0]!.attemptId });
  assert.deepEqual([p.state, p.tipCents], ['approved', 3_00]);
  assert.equal(ownLookups() - own, 0, 'no counter asked Helcim for its own sale');
  const lookCalls = leadLooks() - looks;
  // 5 s of waiting at one look a second (and none once nothing waits).
  assert.ok(lookCalls >= 3 && lookCalls <= 6, `the lead's looks: ${lookCalls}`);
  // Nothing waits any more: the board is empty and the lead asks Helcim nothing.
  assert.equal((await admin.query('SELECT 1 FROM terminal_waits')).rowCount, 0);
  const idle = leadLooks();
  await run(3_000);
  assert.equal(leadLooks(), idle, 'no look while nothing waits');
});

test('the lead that goes away is replaced once its lease runs out, never before; one that resigns at once', async () => {
  const first = leads()[0]!;
  const others = counters.filter((c) => c !== first);
  // The lead stops (its timer no longer runs, it never resigns): while its lease runs, nobody takes over.
  await run(3_000, 250, others);
  assert.equal(others.filter((c) => shared(c).isLead()).length, 0, 'no other counter takes a lead whose lease runs');
  // Its lease runs out (the database's clock moves on): the next counter to ask leads.
  await admin.query("UPDATE terminal_lead SET until = now() - interval '1 millisecond'");
  await run(1_000, 250, others);
  const next = others.filter((c) => shared(c).isLead());
  assert.equal(next.length, 1, 'another counter leads once the lease ran out');
  // The first one comes back: at its next look it finds it no longer leads, and the new lead keeps it.
  await run(1_500);
  assert.deepEqual(leads(), next);
  // A lead that resigns (closing) is replaced at the next ask, without waiting for its lease.
  await shared(next[0]!).resign();
  await run(1_250);
  assert.equal(leads().length, 1);
  assert.notEqual(leads()[0], next[0]);
});

test('a forged approval in the shop database is not believed: the counter asks Helcim itself, and the customer has not paid', async () => {
  const started = await pushAll(7_00);
  await run(1_000);
  const victim = counters.find((c) => !shared(c).isLead())!;
  const i = counters.indexOf(victim);
  const a = victim.core.journal.get(started[i]!.attemptId)!;
  // Whoever holds the database's password writes an approval for this sale, with a seal of their own.
  const forged = lookOf([
    {
      transactionId: 99_000_001,
      dateCreated: '2026-12-07 08:00:00',
      cardBatchId: 1,
      status: 'APPROVED',
      type: 'purchase',
      amount: 7,
      currency: 'CAD',
      cardType: 'VI',
      approvalCode: 'FAKE01',
      cardNumber: '4111111111',
      invoiceNumber: a.reference,
    },
  ]);
  const wrongKey = new Sealer(Buffer.alloc(32, 7));
  // Stop the lead's looks (they would overwrite the forgery): only the forged row is there to read.
  const lead = leads()[0]!;
  await admin.query('UPDATE terminal_waits SET looked = looked + 1000, found = $1, seal = $2 WHERE attempt_id = $3', [
    forged,
    wrongKey.look(victim.core.databaseId, a.id, a.reference!, 1, forged),
    a.id,
  ]);
  // The lead's last genuine look promised its next within its pace: after that, and LOOK_STALE_MS, the counter asks.
  assert.ok(await runUntilOwnLookup([victim], STALE_MS + PROMISE_MAX_MS), 'the counter looked its sale up itself');
  assert.equal(state(victim, a.id), 'pending', 'a forged approval is never recorded');
  // The customer really pays: the counter's own lookup finds it.
  sim.terminalAct(code(i), { action: 'approve', card: 'visa' });
  // At its own pace: Helcim's budget, which the lead's looks share, spaces a counter's own lookups.
  await run(15_000, 250, [victim]);
  assert.equal(state(victim, a.id), 'approved');
  assert.notEqual(victim.core.journal.get(a.id)!.helcimTransactionId, '99000001');
  // The others settle as usual.
  for (const [j, c] of counters.entries())
    if (c !== victim) sim.terminalAct(code(j), { action: 'approve', card: 'visa' });
  await run(2_000);
  assert.ok(counters.every((c, j) => state(c, started[j]!.attemptId) === 'approved'));
  assert.ok(lead);
});

test('a genuine look replayed, another counter’s look, or one for another invoice is not believed', async () => {
  const started = await pushAll(9_00);
  await run(1_250);
  const victim = counters.find((c) => !shared(c).isLead())!;
  const i = counters.indexOf(victim);
  const a = victim.core.journal.get(started[i]!.attemptId)!;
  // The lead looks at its pace (the merchant's budget, which the tests before used): until it has.
  for (let t = 0; t < PROMISE_MAX_MS; t += 250) {
    const r = await admin.query('SELECT 1 FROM terminal_waits WHERE attempt_id = $1 AND seal IS NOT NULL', [a.id]);
    if (r.rowCount) break;
    await run(250);
  }
  const now = await admin.query<{ looked: string; found: string; seal: string }>(
    'SELECT looked, found, seal FROM terminal_waits WHERE attempt_id = $1',
    [a.id],
  );
  const genuine = now.rows[0]!;
  assert.ok(genuine.seal, 'the lead sealed its look');
  const sealer = victim.core.shop.sealer();
  const approvedRow = (invoice: string) =>
    lookOf([
      {
        transactionId: 99_000_002,
        dateCreated: '2026-12-07 08:00:00',
        status: 'APPROVED',
        type: 'purchase',
        amount: 9,
        currency: 'CAD',
        cardType: 'VI',
        approvalCode: 'FAKE02',
        cardNumber: '4111111111',
        invoiceNumber: invoice,
      },
    ]);
  // Each change only what its seal binds: the counter, the attempt, the invoice, the look's number; or
  // what it carries is not Helcim's rows. Each case a newer look than any before (else it is no news).
  let looked = Number(genuine.looked) + 1000;
  const me = victim.core.databaseId;
  const ref = a.reference!;
  const broken = lookOf([{ invoiceNumber: ref, type: 'purchase', status: 'APPROVED', amount: 9 }]);
  const cases: [string, (n: number) => [string, string]][] = [
    [
      'another counter’s seal',
      (n) => [approvedRow(ref), sealer.look('another-counter', a.id, ref, n, approvedRow(ref))],
    ],
    [
      'another attempt in the seal',
      (n) => [approvedRow(ref), sealer.look(me, 'another-attempt', ref, n, approvedRow(ref))],
    ],
    ['another invoice in the seal', (n) => [approvedRow(ref), sealer.look(me, a.id, 'X-OTHER', n, approvedRow(ref))]],
    ['another look number in the seal', (n) => [approvedRow(ref), sealer.look(me, a.id, ref, n - 1, approvedRow(ref))]],
    ['not Helcim’s rows (no transaction id), sealed', (n) => [broken, sealer.look(me, a.id, ref, n, broken)]],
    ['not JSON, sealed', (n) => ['approved!', sealer.look(me, a.id, ref, n, 'approved!')]],
    [
      'rows of another invoice, sealed',
      (n) => [approvedRow('X-OTHER'), sealer.look(me, a.id, ref, n, approvedRow('X-OTHER'))],
    ],
  ];
  for (const [what, make] of cases) {
    looked += 1;
    const [found, seal] = make(looked);
    await admin.query('UPDATE terminal_waits SET looked = $1, found = $2, seal = $3 WHERE attempt_id = $4', [
      looked,
      found,
      seal,
      a.id,
    ]);
    await run(500, 250, [victim]);
    assert.equal(state(victim, a.id), 'pending', what);
  }
  // The last look believed, left as it is (a lead gone quiet, or the database serving it again): it
  // goes stale, and the counter asks Helcim itself.
  const quiet = ownLookups();
  await run(STALE_MS + 1_000, 250, [victim]);
  assert.ok(ownLookups() > quiet, 'a look not renewed goes stale');
  // A genuine older look put back (the number not newer than the last believed): not news.
  await admin.query('UPDATE terminal_waits SET looked = $1, found = $2, seal = $3 WHERE attempt_id = $4', [
    genuine.looked,
    genuine.found,
    genuine.seal,
    a.id,
  ]);
  const own = ownLookups();
  await run(STALE_MS + 1_000, 250, [victim]);
  assert.ok(ownLookups() > own, 'a replayed look is stale: the counter asks Helcim itself');
  // And the one that holds (the control): a correctly sealed approval of this sale is believed.
  const real = sim.terminalAct(code(i), { action: 'approve', card: 'visa' })!;
  assert.ok(real);
  await run(1_500);
  assert.equal(state(victim, a.id), 'approved');
  for (const [j, c] of counters.entries())
    if (c !== victim) sim.terminalAct(code(j), { action: 'approve', card: 'visa' });
  await run(2_000);
});

test('the shop database away: every counter looks its own sales up, and still records each result', async () => {
  const started = await pushAll(11_00);
  await run(1_000);
  await db.stop();
  try {
    const own = ownLookups();
    for (const [i] of counters.entries()) sim.terminalAct(code(i), { action: 'approve', card: 'visa' });
    await run(STALE_MS + 2_000);
    assert.deepEqual(
      counters.map((c, i) => state(c, started[i]!.attemptId)),
      ['approved', 'approved', 'approved'],
    );
    assert.ok(ownLookups() - own >= 3, 'each counter asked for its own sale');
  } finally {
    await db.start();
  }
  // Back: what the counters could not remove while it was away (their settled sales) is removed now,
  // or the lead would look them up for an hour.
  assert.ok(((await admin.query('SELECT 1 FROM terminal_waits')).rowCount ?? 0) > 0);
  await run(1_250);
  assert.equal((await admin.query('SELECT 1 FROM terminal_waits')).rowCount, 0);
});

test('a training counter shares nothing: its sales are not posted, and it never leads', async () => {
  const c = counters[2]!;
  await c.core.gateway.setMode('training');
  try {
    const before = (await admin.query('SELECT 1 FROM terminal_waits')).rowCount;
    c.core.terminal.paired();
    await run(1_000, 250, [c]);
    assert.equal(shared(c).isLead(), false);
    assert.equal((await admin.query('SELECT 1 FROM terminal_waits')).rowCount, before);
  } finally {
    await c.core.gateway.setMode('live');
  }
});

test('a lead whose looks never show a sale: its own counter asks Helcim too, from 30 s after the push, every 10 s', async () => {
  await run(1_250); // a lead again (the training counter gave it up)
  assert.equal(leads().length, 1);
  const victim = counters.find((c) => !shared(c).isLead())!;
  const i = counters.indexOf(victim);
  const start = await ok<TerminalStart>(victim, 'terminal.start', { amountCents: 13_00, currency: 'CAD' });
  await new Promise((r) => setTimeout(r, 50));
  const a = victim.core.journal.get(start.attemptId)!;
  const sealer = victim.core.shop.sealer();
  const pushedAt = clock;
  let looked = Number((await admin.query<{ n: string }>("SELECT nextval('terminal_look') AS n")).rows[0]!.n);
  /** A genuine look, a second apart, that finds nothing (a lead whose token or account cannot see this sale). */
  const blindLook = async () => {
    looked += 1;
    await admin.query('UPDATE terminal_waits SET looked = $1, found = $2, seal = $3 WHERE attempt_id = $4', [
      looked,
      lookOf([]),
      sealer.look(victim.core.databaseId, a.id, a.reference!, looked, lookOf([])),
      a.id,
    ]);
  };
  const own = ownLookups();
  const until = async (ms: number) => {
    while (clock < pushedAt + ms) {
      await blindLook();
      await run(250, 250, [victim]);
    }
  };
  await until(29_750);
  assert.equal(ownLookups(), own, 'no lookup of its own while the looks are fresh, before 30 s');
  await until(30_250);
  assert.equal(ownLookups(), own + 1, 'its own lookup at 30 s');
  await until(39_750);
  assert.equal(ownLookups(), own + 1, 'none again before 10 s more');
  // The customer pays: the lead's looks still show nothing, the counter's own lookup at 40 s finds it.
  sim.terminalAct(code(i), { action: 'approve', card: 'visa' });
  await until(40_250);
  assert.equal(ownLookups(), own + 2, 'its own lookup at 40 s');
  assert.equal(state(victim, a.id), 'approved');
});

test('"customer cancelled" is checked with Helcim itself, not with the lead’s last look', async () => {
  await run(1_250);
  const victim = counters.find((c) => !shared(c).isLead())!;
  const i = counters.indexOf(victim);
  const start = await ok<TerminalStart>(victim, 'terminal.start', { amountCents: 14_00, currency: 'CAD' });
  await new Promise((r) => setTimeout(r, 50));
  await run(1_000);
  // The customer pays; before the lead's next look, the cashier says the customer cancelled.
  sim.terminalAct(code(i), { action: 'approve', card: 'visa' });
  const p = await ok<TerminalProgress>(victim, 'terminal.cancel', { attemptId: start.attemptId });
  assert.equal(p.state, 'approved');
});

test('a lead’s promise of its next look: believed up to a minute (no lookups of its own meanwhile), refused beyond', async () => {
  await run(1_250);
  const victim = counters.find((c) => !shared(c).isLead())!;
  const i = counters.indexOf(victim);
  const start = await ok<TerminalStart>(victim, 'terminal.start', { amountCents: 15_00, currency: 'CAD' });
  await new Promise((r) => setTimeout(r, 50));
  const a = victim.core.journal.get(start.attemptId)!;
  const sealer = victim.core.shop.sealer();
  const me = victim.core.databaseId;
  const ref = a.reference!;
  // A look that promises the next one in more than a minute: refused (a counter would trust a gone lead that long).
  const promise = async (nextWithinMs: number) => {
    // A number from the shop's sequence, as a lead takes it (so the lead's later looks are newer still).
    const looked = Number((await admin.query<{ n: string }>("SELECT nextval('terminal_look') AS n")).rows[0]!.n);
    const found = lookOf([], nextWithinMs);
    await admin.query('UPDATE terminal_waits SET looked = $1, found = $2, seal = $3 WHERE attempt_id = $4', [
      looked,
      found,
      sealer.look(me, a.id, ref, looked, found),
      a.id,
    ]);
    const before = ownLookups();
    await run(STALE_MS + 1_000, 250, [victim]);
    return ownLookups() - before;
  };
  assert.ok((await promise(60_001)) > 0, 'a promise beyond a minute is not believed');
  assert.equal(await promise(60_000), 0, 'a slow lead (a minute) is believed: no lookups of its own meanwhile');
  sim.terminalAct(code(i), { action: 'approve', card: 'visa' });
  await run(3_000);
  assert.equal(state(victim, a.id), 'approved');
});

test('what the lead writes in the shop database is what a counter records by: no card token, name, customer or first digits', async () => {
  await run(1_250);
  const lead = leads()[0]!;
  const victim = counters.find((c) => c !== lead)!;
  const i = counters.indexOf(victim);
  const start = await ok<TerminalStart>(victim, 'terminal.start', { amountCents: 16_00, currency: 'CAD' });
  await new Promise((r) => setTimeout(r, 50));
  const paid = sim.terminalAct(code(i), { action: 'approve', card: 'visa' })!;
  assert.ok(paid.cardToken && paid.customerCode, 'Helcim’s row has a card token and a customer');
  // Only the lead's timer: its look is written and not yet read.
  let found = '';
  for (let t = 0; t < PROMISE_MAX_MS && !found.includes(String(paid.transactionId)); t += 250) {
    await run(250, 250, [lead]);
    found =
      (
        await admin.query<{ found: string | null }>('SELECT found FROM terminal_waits WHERE attempt_id = $1', [
          start.attemptId,
        ])
      ).rows[0]?.found ?? '';
  }
  assert.ok(found.includes(String(paid.transactionId)), 'the lead found the sale');
  for (const secret of [paid.cardToken, paid.customerCode, String(paid.cardNumber).slice(0, 6)])
    assert.ok(!found.includes(String(secret)), `not in the shop database: ${secret}`);
  assert.ok(!/cardHolderName|cardToken|customerCode/.test(found));
  await run(1_000);
  const a = victim.core.journal.get(start.attemptId)!;
  assert.deepEqual([a.state, a.cardLast4], ['approved', String(paid.cardNumber).slice(-4)]);
});

test('a posted sale left behind by a counter (an hour on the database’s clock) is no longer looked up; one of 59 minutes is', async () => {
  await run(1_250);
  assert.equal(leads().length, 1);
  // A counter that went away mid-sale (never to tidy its rows up).
  await admin.query("INSERT INTO counters (id, invoice_prefix) VALUES ('gone-counter', 'GONE1')");
  await admin.query(
    `INSERT INTO terminal_waits (counter_id, attempt_id, invoice_number, pushed_at, since) VALUES
       ('gone-counter', 'left-61', 'X-61', now(), now() - interval '61 minutes'),
       ('gone-counter', 'left-59', 'X-59', now(), now() - interval '59 minutes')`,
  );
  await run(1_250);
  const left = (await admin.query<{ attempt_id: string }>('SELECT attempt_id FROM terminal_waits ORDER BY 1')).rows;
  assert.deepEqual(
    left.map((r) => r.attempt_id),
    ['left-59'],
  );
  await admin.query('DELETE FROM terminal_waits');
});

// Last: it takes and gives back the shop's lead itself.
test('the board as the database keeps it: a sale posted and not looked at yet, one never posted, one dropped; a lead held is not taken', async () => {
  const board = new ShopTerminalBoard({ read: admin });
  await admin.query("INSERT INTO counters (id, invoice_prefix) VALUES ('board-a', 'BRDA1'), ('board-b', 'BRDB1')");
  await board.post({ counterId: 'board-a', attemptId: 'w1', invoiceNumber: 'BRDA1-1', pushedAt: new Date(clock) });
  assert.deepEqual(await board.read('board-a', 'w1'), { looked: null, found: null, seal: null });
  assert.equal(await board.read('board-a', 'never-posted'), null);
  assert.equal(await board.read('board-b', 'w1'), null, 'another counter’s sale of the same id');
  await board.drop('board-a', 'w1');
  assert.equal(await board.read('board-a', 'w1'), null);
  // No counter's timer runs between tests (the test moves it): nobody takes the lead meanwhile.
  await admin.query('DELETE FROM terminal_lead');
  assert.equal(await board.lead('board-a', 60_000), true);
  assert.equal(await board.lead('board-b', 60_000), false, 'a lead never passes while its lease runs');
  assert.equal(await board.lead('board-a', 60_000), true, 'renewed by its holder');
  await board.resign('board-a');
  assert.equal(await board.lead('board-b', 60_000), true, 'given up: the next asker takes it at once');
  await board.resign('board-b');
});
