/**
 * Shared terminal lookups' own rules, one at a time (issue 25: each guard at its literal value): the
 * lead's pace and what it counts, the window it asks Helcim for, what it writes, what a counter
 * believes and for how long, tidying, resigning. The shop database is a board written here in memory
 * (every call recorded); the sealing is the real Sealer; Helcim's list is an answer the test writes.
 * The whole path — a real PostgreSQL, the simulator, three counters — is test/integration/shared-lookups.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SharedLookups, type SharedLookupsDeps } from '../../main/payments/shared-lookups';
import { Sealer } from '../../main/seal';
import type { LookRow, LookWrite, PostedWait, ShopTerminalBoard } from '../../main/shop/terminal-board';
import { z } from 'zod';
import { cardTransactionSchema, type HelcimClient } from '../../main/helcim/client';
import type { Mode } from '../../common/contract';

/** The shop database's board, in memory: what each call was given, and what it answers. */
class Board {
  calls: string[] = [];
  posts: PostedWait[] = [];
  kept: string[][] = [];
  dropped: string[] = [];
  published: LookWrite[][] = [];
  leases: number[] = [];
  waits: PostedWait[] = [];
  rows = new Map<string, LookRow>();
  grantLead = true;
  look = 0;
  fail = new Set<string>();
  private maybeFail(what: string) {
    this.calls.push(what);
    if (this.fail.has(what)) throw new Error(`the board's ${what} failed`);
  }
  async post(w: PostedWait) {
    this.maybeFail('post');
    this.posts.push(w);
  }
  async drop(_counterId: string, attemptId: string) {
    this.maybeFail('drop');
    this.dropped.push(attemptId);
  }
  async keepOnly(_counterId: string, attemptIds: string[]) {
    this.maybeFail('keepOnly');
    this.kept.push(attemptIds);
  }
  async lead(_counterId: string, leaseMs: number) {
    this.maybeFail('lead');
    this.leases.push(leaseMs);
    return this.grantLead;
  }
  async resign() {
    this.maybeFail('resign');
  }
  async waiting() {
    this.maybeFail('waiting');
    return this.waits;
  }
  async nextLook() {
    this.maybeFail('nextLook');
    return ++this.look;
  }
  async publish(looks: LookWrite[]) {
    this.maybeFail('publish');
    this.published.push(looks);
  }
  async read(counterId: string, attemptId: string) {
    this.maybeFail('read');
    return this.rows.get(`${counterId}/${attemptId}`) ?? null;
  }
}

const COUNTER = 'counter-a';
const sealer = new Sealer(randomBytes(32));

/** A Helcim row as its list answers (HELCIM.md, card transactions). */
const helcimRow = (invoiceNumber: string | undefined, extra: Record<string, unknown> = {}) => ({
  transactionId: 1001,
  dateCreated: '2026-12-07 08:00:00',
  status: 'APPROVED',
  type: 'purchase',
  amount: 20,
  currency: 'CAD',
  ...(invoiceNumber !== undefined ? { invoiceNumber } : {}),
  ...extra,
});

function setUp(over: Partial<SharedLookupsDeps> = {}, start = Date.parse('2027-06-01T12:00:00Z')) {
  const board = new Board();
  const clock = { now: start };
  const spacingCalls: [number, number[], number, number | null][] = [];
  const listCalls: { from: number; to: number }[] = [];
  const logs: string[] = [];
  const helcim = { rows: [] as unknown[], fail: false };
  let mode: Mode = 'live';
  const client = {
    listCardTransactions: async (_token: string, f: { between: { from: Date; to: Date } }) => {
      listCalls.push({ from: f.between.from.getTime(), to: f.between.to.getTime() });
      if (helcim.fail) throw new Error('Helcim did not answer');
      // As the real client answers: Helcim's rows read by its schema (ids as text, the instant added).
      return z.array(cardTransactionSchema).parse(helcim.rows);
    },
  } as unknown as HelcimClient;
  const spacing = { ms: 1_000 };
  const lookups = new SharedLookups({
    board: () => board as unknown as ShopTerminalBoard,
    counterId: COUNTER,
    sealer: () => sealer,
    client: () => client,
    token: async () => 'the-token',
    lookupSlot: () => 'admin',
    mode: () => mode,
    now: () => clock.now,
    spacingMs: (base, own, busy, leadingSince) => {
      spacingCalls.push([base, [...own], busy, leadingSince]);
      return spacing.ms;
    },
    log: (line) => logs.push(line),
    ...over,
  });
  const at = (ms: number) => (clock.now = start + ms);
  return {
    board,
    clock,
    at,
    lookups,
    spacingCalls,
    listCalls,
    logs,
    helcim,
    spacing,
    setMode: (m: Mode) => (mode = m),
  };
}
const settle = () => new Promise((r) => setImmediate(r));
const wait = (attemptId: string, invoiceNumber: string, pushedAt: number, counterId = COUNTER): PostedWait => ({
  counterId,
  attemptId,
  invoiceNumber,
  pushedAt: new Date(pushedAt),
});

test('the lead asks Helcim for the window from a minute before the oldest waiting push to a minute after now', async () => {
  const s = setUp();
  const pushedEarly = Date.parse('2026-01-05T10:00:00Z');
  s.board.waits = [wait('a1', 'INV-1', pushedEarly + 5_000), wait('a2', 'INV-2', pushedEarly)];
  await s.lookups.cycle();
  assert.deepEqual(s.listCalls, [{ from: pushedEarly - 60_000, to: s.clock.now + 60_000 }]);
});

test('lease and pace: 5 s asked of the database, one look a second from the budget’s base, and none while nothing waits', async () => {
  const s = setUp();
  await s.lookups.cycle();
  assert.deepEqual(s.board.leases, [5_000]);
  assert.equal(s.lookups.isLead(), true);
  assert.equal(s.listCalls.length, 0, 'nothing waits: no call to Helcim');
  assert.equal(s.spacingCalls[0]![0], 1_000, 'the base pace');
});

test('the lead looks again once its spacing has passed, not a millisecond before', async () => {
  const s = setUp();
  s.spacing.ms = 2_500;
  s.board.waits = [wait('a1', 'INV-1', s.clock.now)];
  await s.lookups.cycle();
  assert.equal(s.listCalls.length, 1);
  s.at(2_499);
  await s.lookups.cycle();
  assert.equal(s.listCalls.length, 1, '2.499 s: not yet');
  s.at(2_500);
  await s.lookups.cycle();
  assert.equal(s.listCalls.length, 2, '2.5 s: looks');
});

test('a counter that does not lead asks for the lead once a second, not more often', async () => {
  const s = setUp();
  s.board.grantLead = false;
  await s.lookups.cycle();
  assert.equal(s.board.leases.length, 1);
  s.at(999);
  await s.lookups.cycle();
  assert.equal(s.board.leases.length, 1, '0.999 s: does not ask');
  s.at(1_000);
  await s.lookups.cycle();
  assert.equal(s.board.leases.length, 2, '1 s: asks again');
  assert.equal(s.lookups.isLead(), false);
});

test('the lead keeps its own calls’ times for two minutes (a report a minute old speaks of the minute before it): 119.999 s kept, 120 s not', async () => {
  const s = setUp();
  s.board.waits = [wait('a1', 'INV-1', s.clock.now)];
  await s.lookups.cycle();
  s.spacingCalls.length = 0;
  s.board.waits = [];
  s.at(119_999);
  await s.lookups.cycle();
  assert.deepEqual(s.spacingCalls[0]![1], [s.clock.now - 119_999], 'the call 119.999 s ago');
  s.at(120_000);
  await s.lookups.cycle();
  assert.deepEqual(s.spacingCalls.at(-1)![1], [], 'none 120 s ago');
});

test('the budget is told since when this counter leads: from the cycle it took the lead, until it gives it up or loses it', async () => {
  const s = setUp();
  const took = s.clock.now;
  await s.lookups.cycle();
  assert.equal(s.spacingCalls.at(-1)![3], null, 'asked before the lead was taken');
  s.at(1_000);
  await s.lookups.cycle();
  assert.equal(s.spacingCalls.at(-1)![3], took, 'the lead taken at the first cycle');
  s.at(2_000);
  await s.lookups.cycle();
  assert.equal(s.spacingCalls.at(-1)![3], took, 'renewed: still since then');
  await s.lookups.resign();
  s.at(60_000);
  await s.lookups.cycle();
  assert.equal(s.spacingCalls.at(-1)![3], null, 'given up: no longer (asked before it takes it again)');
  s.at(61_000);
  await s.lookups.cycle();
  assert.equal(s.spacingCalls.at(-1)![3], took + 60_000, 'taken again at 60 s: since then');
  s.board.grantLead = false;
  s.at(70_000);
  await s.lookups.cycle();
  s.at(71_000);
  await s.lookups.cycle();
  assert.equal(s.spacingCalls.at(-1)![3], null, 'another counter holds it: no longer');
});

test('a look that needs two pages costs two calls: counted twice, and the pace stretches twice', async () => {
  const s = setUp();
  s.spacing.ms = 1_000;
  s.helcim.rows = Array.from({ length: 1_001 }, (_, i) => helcimRow(`INV-${i}`, { transactionId: i + 1 }));
  s.board.waits = [wait('a1', 'INV-1', s.clock.now)];
  await s.lookups.cycle();
  assert.equal(s.lookups.lookCalls, 2);
  const found = JSON.parse(s.board.published[0]![0]!.found) as { nextWithinMs: number };
  assert.equal(found.nextWithinMs, 2_000, 'its next look: two base spacings away');
  s.board.waits = [];
  s.at(1_999);
  await s.lookups.cycle();
  assert.equal(s.board.calls.filter((c) => c === 'waiting').length, 1, '1.999 s: not due yet');
  s.at(2_000);
  await s.lookups.cycle();
  assert.equal(s.spacingCalls.at(-1)![1].length, 2, 'two calls this minute');
  s.helcim.rows = [];
  s.board.waits = [wait('a1', 'INV-1', s.clock.now)];
  s.at(4_000);
  await s.lookups.cycle();
  assert.equal(s.lookups.lookCalls, 3, 'a one-page look: one call more');
});

test('how busy the shop was: the share of the last 10 minutes’ cycles with a sale waiting (none yet counts as busy)', async () => {
  const s = setUp();
  await s.lookups.cycle(); // idle cycle at 0
  assert.equal(s.spacingCalls[0]![2], 1, 'no cycle yet: busy, the careful guess');
  s.board.waits = [wait('a1', 'INV-1', s.clock.now)];
  for (const ms of [1_000, 2_000, 3_000]) {
    s.at(ms);
    await s.lookups.cycle();
  }
  // Cycles: idle at 0, busy at 1, 2, 3 s.
  s.at(4_000);
  s.spacingCalls.length = 0;
  await s.lookups.cycle();
  assert.equal(s.spacingCalls[0]![2], 3 / 4);
  // 10 minutes after the first (idle) cycle it no longer counts; 9:59.999 after, it does.
  s.board.waits = [];
  s.at(599_999);
  s.spacingCalls.length = 0;
  await s.lookups.cycle();
  assert.equal(s.spacingCalls[0]![2], 4 / 5, 'the idle cycle at 0 s still weighs (and the busy 4 s one)');
  s.at(600_000);
  s.spacingCalls.length = 0;
  await s.lookups.cycle();
  assert.equal(s.spacingCalls[0]![2], 4 / 5, 'at 10 min: the cycle at 0 s is out, the one at 599.999 s in');
});

test('what the lead writes: each waiting sale’s own invoice rows (rows without an invoice are nobody’s), stripped, sealed, with its next look', async () => {
  const s = setUp();
  s.spacing.ms = 1_500;
  s.helcim.rows = [
    helcimRow('INV-1', { cardType: 'VI', approvalCode: 'A1B2', cardNumber: '4111111111111111', cardToken: 'tok' }),
    helcimRow('INV-1', { transactionId: 1002, status: 'DECLINED', cardNumber: '411111******' }),
    helcimRow(undefined, { transactionId: 1003 }),
    helcimRow('INV-9', { transactionId: 1004 }),
  ];
  s.board.waits = [wait('a1', 'INV-1', s.clock.now), wait('b1', 'INV-2', s.clock.now, 'counter-b')];
  await s.lookups.cycle();
  const [looks] = s.board.published;
  assert.equal(looks!.length, 2);
  const [a, b] = looks!;
  assert.equal(a!.looked, 1);
  assert.deepEqual(JSON.parse(a!.found), {
    rows: [
      {
        transactionId: '1001',
        dateCreated: '2026-12-07 08:00:00',
        status: 'APPROVED',
        type: 'purchase',
        amount: 20,
        currency: 'CAD',
        cardType: 'VI',
        approvalCode: 'A1B2',
        invoiceNumber: 'INV-1',
        cardNumber: '1111',
      },
      {
        transactionId: '1002',
        dateCreated: '2026-12-07 08:00:00',
        status: 'DECLINED',
        type: 'purchase',
        amount: 20,
        currency: 'CAD',
        invoiceNumber: 'INV-1',
        cardNumber: '', // no last four digits to keep: none written
      },
    ],
    nextWithinMs: 1_500,
  });
  assert.equal(a!.seal, sealer.look(COUNTER, 'a1', 'INV-1', 1, a!.found));
  assert.deepEqual(JSON.parse(b!.found), { rows: [], nextWithinMs: 1_500 });
  assert.equal(b!.counterId, 'counter-b');
  assert.equal(b!.seal, sealer.look('counter-b', 'b1', 'INV-2', 1, b!.found));
});

test('a lead’s promise of its next look is at most a minute, however slow the budget makes it', async () => {
  const s = setUp();
  s.spacing.ms = 90_000;
  s.board.waits = [wait('a1', 'INV-1', s.clock.now)];
  await s.lookups.cycle();
  assert.equal((JSON.parse(s.board.published[0]![0]!.found) as { nextWithinMs: number }).nextWithinMs, 60_000);
});

test('Helcim or the database failing: the lead is given up, said in the log, and the next lease left to the others', async () => {
  const s = setUp();
  s.board.waits = [wait('a1', 'INV-1', s.clock.now)];
  s.helcim.fail = true;
  await s.lookups.cycle();
  assert.equal(s.lookups.isLead(), false);
  assert.ok(s.board.calls.includes('resign'));
  assert.deepEqual(s.logs, ['shared terminal lookups: this counter gives the lead up (Helcim did not answer)']);
  // It asks again only after a lease and the usual second: 6 s, not 5.999 s.
  s.helcim.fail = false;
  s.at(5_999);
  await s.lookups.cycle();
  assert.equal(s.board.leases.length, 1);
  s.at(6_000);
  await s.lookups.cycle();
  assert.equal(s.board.leases.length, 2);
  assert.equal(s.lookups.isLead(), true);
});

test('a lease set by the caller is the one asked for, and the one stepped back for', async () => {
  const s = setUp({ leaseMs: 8_000 });
  await s.lookups.cycle();
  assert.deepEqual(s.board.leases, [8_000]);
  await s.lookups.resign();
  s.at(8_999);
  await s.lookups.cycle();
  assert.equal(s.board.leases.length, 1);
  s.at(9_000);
  await s.lookups.cycle();
  assert.equal(s.board.leases.length, 2);
});

test('resigning when not the lead touches nothing; training mode, or no token to ask with, gives the lead up', async () => {
  const s = setUp();
  await s.lookups.resign();
  assert.deepEqual(s.board.calls, [], 'not the lead: the board is not written');
  await s.lookups.cycle();
  assert.equal(s.lookups.isLead(), true);
  s.setMode('training');
  s.at(1_000);
  await s.lookups.cycle();
  assert.equal(s.lookups.isLead(), false, 'training');
  assert.equal(s.board.calls.at(-1), 'resign');

  let slot: 'admin' | null = 'admin';
  const t = setUp({ lookupSlot: () => slot });
  await t.lookups.cycle();
  assert.equal(t.lookups.isLead(), true);
  slot = null;
  t.at(1_000);
  await t.lookups.cycle();
  assert.equal(t.lookups.isLead(), false, 'no token');
  assert.equal(t.board.calls.at(-1), 'resign');
});

test('follow posts the sale; a post that fails leaves it to its counter; training posts nothing', async () => {
  const s = setUp();
  s.lookups.follow('a1', 'INV-1', new Date(s.clock.now));
  assert.equal(s.lookups.following('a1'), true);
  await settle();
  assert.deepEqual(s.board.posts, [wait('a1', 'INV-1', s.clock.now)]);
  s.board.fail.add('post');
  s.lookups.follow('a2', 'INV-2', new Date(s.clock.now));
  await settle();
  assert.equal(s.lookups.following('a2'), false);
  assert.equal(s.lookups.following('a1'), true);

  const t = setUp();
  t.setMode('training');
  t.lookups.follow('a1', 'INV-1', new Date(t.clock.now));
  await settle();
  assert.equal(t.lookups.following('a1'), false);
  assert.deepEqual(t.board.calls, []);
  assert.equal(await t.lookups.rowsFor('a1'), 'own');
});

test('tidying: the first cycle keeps only the sales followed; then not again until a drop fails or the tidying does', async () => {
  const s = setUp();
  s.board.grantLead = false;
  s.lookups.follow('a1', 'INV-1', new Date(s.clock.now));
  s.lookups.follow('a2', 'INV-2', new Date(s.clock.now));
  await s.lookups.cycle();
  assert.deepEqual(s.board.kept, [['a1', 'a2']]);
  s.at(1_000);
  await s.lookups.cycle();
  assert.equal(s.board.kept.length, 1, 'tidy: not asked again');
  s.lookups.forget('a1');
  await settle();
  assert.deepEqual(s.board.dropped, ['a1']);
  s.lookups.forget('a-never-followed');
  await settle();
  assert.deepEqual(s.board.dropped, ['a1'], 'a sale not followed is not dropped');
  s.board.fail.add('drop');
  s.lookups.forget('a2');
  await settle();
  // The drop failed: the next cycle tidies — and that fails too (the database still away) …
  s.board.fail.add('keepOnly');
  s.at(2_000);
  await s.lookups.cycle();
  assert.equal(s.board.calls.filter((c) => c === 'keepOnly').length, 2, 'tidying tried after the failed drop');
  assert.equal(s.board.kept.length, 1);
  // … so it is tried again at the one after.
  s.board.fail.delete('keepOnly');
  s.at(3_000);
  await s.lookups.cycle();
  assert.deepEqual(s.board.kept.at(-1), [], 'a tidying that failed is tried again');
  s.at(4_000);
  await s.lookups.cycle();
  assert.equal(s.board.calls.filter((c) => c === 'keepOnly').length, 3, 'and then not again');
});

/** Writes a look on the board for a1 as a lead would (or not: the test changes a part). */
function writeLook(s: ReturnType<typeof setUp>, looked: number, found: string, seal?: string | null) {
  s.board.rows.set(`${COUNTER}/a1`, {
    looked,
    found,
    seal: seal === undefined ? sealer.look(COUNTER, 'a1', 'INV-1', looked, found) : seal,
  });
}

test('a counter believes a newer sealed look for the time it promised plus 5 s, not a millisecond more', async () => {
  const s = setUp();
  s.lookups.follow('a1', 'INV-1', new Date(s.clock.now));
  await settle();
  writeLook(s, 3, JSON.stringify({ rows: [helcimRow('INV-1')], nextWithinMs: 2_000 }));
  const rows = await s.lookups.rowsFor('a1');
  assert.ok(Array.isArray(rows) && rows.length === 1 && rows[0]!.transactionId === '1001');
  s.at(7_000);
  assert.equal((await s.lookups.rowsFor('a1')).length, 1, '5 s + the 2 s promised: still believed');
  s.at(7_001);
  assert.equal(await s.lookups.rowsFor('a1'), 'own');
});

test('an older or the same look again is not news: it does not make the last one fresh', async () => {
  const s = setUp();
  s.lookups.follow('a1', 'INV-1', new Date(s.clock.now));
  await settle();
  writeLook(s, 3, JSON.stringify({ rows: [], nextWithinMs: 0 }));
  await s.lookups.rowsFor('a1');
  s.at(4_000);
  writeLook(s, 3, JSON.stringify({ rows: [helcimRow('INV-1')], nextWithinMs: 0 }));
  assert.deepEqual(await s.lookups.rowsFor('a1'), [], 'look 3 again: the rows believed stay');
  s.at(5_001);
  assert.equal(await s.lookups.rowsFor('a1'), 'own', 'and it goes stale from when look 3 was first believed');
  writeLook(s, 4, JSON.stringify({ rows: [], nextWithinMs: 0 }));
  assert.deepEqual(await s.lookups.rowsFor('a1'), [], 'look 4: fresh again');
});

test('with no look yet, a followed sale is the lead’s for 5 s after its post (the default), then its own', async () => {
  const s = setUp();
  s.lookups.follow('a1', 'INV-1', new Date(s.clock.now));
  await settle();
  assert.deepEqual(await s.lookups.rowsFor('a1'), []);
  s.board.rows.set(`${COUNTER}/a1`, { looked: null, found: null, seal: null });
  s.at(5_000);
  assert.deepEqual(await s.lookups.rowsFor('a1'), [], 'a row not looked at yet: nothing to believe, not stale yet');
  s.at(5_001);
  assert.equal(await s.lookups.rowsFor('a1'), 'own');
  assert.deepEqual(s.logs, [], 'a row not looked at yet is not a refusal');
  assert.equal(await s.lookups.rowsFor('not-followed'), 'own');
});

test('the database not answering a read: the last look stands until it goes stale', async () => {
  const s = setUp({ staleMs: 1_000 });
  s.lookups.follow('a1', 'INV-1', new Date(s.clock.now));
  await settle();
  s.board.fail.add('read');
  s.at(1_000);
  assert.deepEqual(await s.lookups.rowsFor('a1'), []);
  s.at(1_001);
  assert.equal(await s.lookups.rowsFor('a1'), 'own');
});

for (const [why, found, seal] of [
  ['no result', null, undefined],
  ['its seal does not match', JSON.stringify({ rows: [], nextWithinMs: 0 }), 'forged'],
  ['not JSON', '{rows:', undefined],
  ['not Helcim rows', JSON.stringify({ rows: [{ approved: true }], nextWithinMs: 0 }), undefined],
] as const) {
  test(`a look refused (${why}): said once in the log, and the counter’s own lookups take over when it goes stale`, async () => {
    const s = setUp();
    s.lookups.follow('a1', 'INV-1', new Date(s.clock.now));
    await settle();
    s.board.rows.set(`${COUNTER}/a1`, {
      looked: 2,
      found,
      seal: seal ?? (found === null ? null : sealer.look(COUNTER, 'a1', 'INV-1', 2, found)),
    });
    // Read 3 s after the post: a refused look does not count as news (it would keep the sale the lead's).
    s.at(3_000);
    assert.deepEqual(await s.lookups.rowsFor('a1'), [], 'nothing believed yet');
    const said = [`shared lookup for a1 refused (${why}); this counter looks its sale up itself`];
    assert.deepEqual(s.logs, said, 'said at the first read');
    await s.lookups.rowsFor('a1');
    assert.deepEqual(s.logs, said, 'and not again at the next');
    s.at(5_001);
    assert.equal(await s.lookups.rowsFor('a1'), 'own');
  });
}

test('training mode after a sale was posted: its rows are its own, and forgetting it touches no board', async () => {
  const s = setUp();
  s.lookups.follow('a1', 'INV-1', new Date(s.clock.now));
  await settle();
  s.setMode('training');
  assert.equal(await s.lookups.rowsFor('a1'), 'own');
  s.lookups.forget('a1');
  await settle();
  assert.deepEqual(s.board.dropped, []);
  assert.equal(s.lookups.following('a1'), false);
});

test('the shop database unlinked while this counter leads: the lead is given up without a board to tell', async () => {
  let linked = true;
  const s = setUp();
  const t = setUp({ board: () => (linked ? (s.board as unknown as ShopTerminalBoard) : null) });
  await t.lookups.cycle();
  assert.equal(t.lookups.isLead(), true);
  linked = false;
  t.at(1_000);
  await t.lookups.cycle();
  assert.equal(t.lookups.isLead(), false);
});
