/** End-of-day totals and reconciliation, receipts and CSV, against a real SQLite journal and the simulator. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testCore, type TestCore } from '../support/core';
import { reportCsv, receiptHtml } from '../../main/reports/render';
import {
  channelOf,
  type BridgeResult,
  type DayReport,
  type HistoryRow,
  type OperationName,
  type Receipt,
} from '../../common/contract';
import { simulateSale } from '../support/simulated-sale';

let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
const M = 1;
const ids = { cashier: '', manager: '' };
const call = async <T>(op: OperationName, p: unknown) =>
  (await core.dispatch(channelOf(op), p, {
    windowId: M,
    frameUrl: 'app://counter/index.html',
    isMainFrame: true,
  })) as BridgeResult<T>;

/** Journals an attempt as the app would after Helcim answered. */
function journaled(
  kind: 'purchase' | 'verify' | 'refund' | 'reverse',
  cents: number,
  staffId: string,
  state: 'approved' | 'declined',
  helcimId: string,
  card: { type: string; last4: string },
) {
  const id = randomUUID();
  core.journal.begin({
    id,
    kind,
    amountCents: cents,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId,
    approverId: kind === 'refund' ? ids.manager : null,
    mode: 'training',
  });
  core.journal.settle(id, state, {
    helcimTransactionId: helcimId,
    detail: 'test',
    card: { ...card, approvalCode: 'T1' },
  });
  return id;
}

before(async () => {
  t = await testCore('reports');
  core = t.core;
  ids.cashier = (await core.staffStore.create('=SUM(A1)', 'cashier', '2468')).id;
  const m = await core.staffStore.create('Morgan', 'manager', '135790');
  ids.manager = m.id;
  core.sessions.signIn(M, { staffId: m.id, name: m.name, role: 'manager' });
});
after(async () => {
  await t.close();
});

test('X report: totals by type, cashier and brand; net; differences with Helcim named', async () => {
  const sim = core.simulator!;
  const a = await simulateSale(sim, 5000, '4124939999999990');
  const b = await simulateSale(sim, 1500, '5413330089099130');
  journaled('purchase', 5000, ids.cashier, 'approved', a, { type: 'VI', last4: '9990' });
  journaled('purchase', 1500, ids.manager, 'approved', b, { type: 'MC', last4: '9130' });
  journaled('purchase', 2000, ids.cashier, 'approved', '99999999', { type: 'VI', last4: '9990' }); // Helcim has no such id
  journaled('purchase', 3000, ids.cashier, 'declined', '99999998', { type: 'VI', last4: '9990' }); // not counted
  const refundId = journaled('refund', 1000, ids.cashier, 'approved', '99999997', { type: 'VI', last4: '9990' });
  const stranger = await simulateSale(sim, 900); // at Helcim only, during the period
  // A counter in no shop has no other counters: a sale with a counter-like prefix (C0FFE) it did not
  // make is a difference like any other (a shop's counters are told apart in shop-database.test.ts).
  // One with this counter's own prefix that this journal lacks is one, like a sale with no prefix at all.
  const lookalike = await simulateSale(sim, 800, '4124939999999990', 'purchase', 'C0FFE-1A2B3C4D5E6F');
  const ownPrefix = core.invoicePrefix;
  const ownButLost = await simulateSale(sim, 700, '4124939999999990', 'purchase', `${ownPrefix}-1A2B3C4D5E6F`);
  const r = await call<DayReport>('report.x', {});
  assert.ok(r.ok, JSON.stringify(r));
  const x = r.value;
  assert.deepEqual(x.byType, [
    { key: 'purchase', count: 3, cents: 8500 },
    { key: 'refund', count: 1, cents: 1000 },
  ]);
  // By cashier and by brand are signed as the net is: the $10.00 refund is taken off, never added
  // (issue 24: a refund counted as money in made these add up to more than the net).
  assert.deepEqual(x.byCashier, [
    { key: '=SUM(A1)', count: 3, cents: 6000 },
    { key: 'Morgan', count: 1, cents: 1500 },
  ]);
  assert.deepEqual(x.byBrand, [
    { key: 'Mastercard', count: 1, cents: 1500 },
    { key: 'Visa', count: 3, cents: 6000 },
  ]);
  assert.equal(
    x.byCashier.reduce((n, l) => n + l.cents, 0),
    x.netCents,
    'the cashiers’ lines add up to the net',
  );
  assert.equal(x.netCents, 7500);
  assert.equal(x.reconciliation.checked, true);
  assert.equal(x.reconciliation.matched, 2);
  assert.deepEqual(x.reconciliation.missingAtHelcim.sort(), ['99999997', '99999999']);
  assert.deepEqual(x.reconciliation.notInJournal.sort(), [stranger, ownButLost, lookalike].sort());
  assert.deepEqual(x.reconciliation.otherCounters, [], 'no other counters: this counter is in no shop');
  assert.match(x.reconciliation.message, /^5 differences with Helcim/);
  // CSV: text quoted, a name that looks like a formula neutralised, counts and amounts as numbers.
  const csv = reportCsv(x);
  assert.match(csv, /"cashier","'=SUM\(A1\)",3,60\.00\r\n/);
  assert.match(csv, /"net","","",75\.00\r\n/);
  // A leading tab or carriage return (which spreadsheets strip before reading a formula) is neutralised
  // too; a negative net stays a number a spreadsheet can add up.
  const odd = reportCsv({
    ...x,
    netCents: -1250,
    byCashier: [
      { key: '\t=1+2', count: 1, cents: 100 },
      { key: '\r@SUM(1)', count: 2, cents: -50 },
    ],
  });
  assert.match(odd, /"cashier","'\t=1\+2",1,1\.00\r\n/);
  assert.match(odd, /"cashier","'\r@SUM\(1\)",2,-0\.50\r\n/);
  assert.match(odd, /"net","","",-12\.50\r\n/);
  // History merges both sides.
  const h = await call<HistoryRow[]>('history.search', {});
  assert.ok(h.ok);
  assert.deepEqual(
    ['both', 'journal', 'helcim'].map((s) => h.value.filter((row) => row.source === s).length),
    [2, 3, 3],
  );
  // Receipts: approved only, and never more of the card than brand and last four.
  const rc = await call<Receipt>('receipt.get', { attemptId: refundId });
  assert.ok(rc.ok);
  const html = receiptHtml(rc.value);
  assert.match(html, /REFUND/);
  assert.match(html, /Visa •••• 9990/);
  assert.doesNotMatch(html, /4124939999999990|412493/);
});

test('Z closes the period: stored, numbered, and the next X starts empty', async () => {
  const z = await call<DayReport>('report.z', { confirm: true });
  assert.ok(z.ok);
  assert.equal(z.value.number, 1);
  assert.equal(z.value.netCents, 7500);
  const next = await call<DayReport>('report.x', {});
  assert.ok(next.ok);
  assert.deepEqual([next.value.byType, next.value.netCents], [[], 0]);
  assert.equal(next.value.from, z.value.to);
  assert.equal(codeOf(await call('report.z', {})), 'invalid_payload', 'closing needs an explicit confirm');
});

const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);

test('three Zs: each X starts where the last Z ended, never the first one', async () => {
  const zs: DayReport[] = [];
  for (const cents of [1_11, 2_22]) {
    journaled('purchase', cents, ids.cashier, 'approved', String(Math.floor(Math.random() * 1e9)), {
      type: 'VI',
      last4: '9990',
    });
    const z = await call<DayReport>('report.z', { confirm: true });
    assert.ok(z.ok, JSON.stringify(z));
    assert.equal(z.value.netCents, cents, `Z${z.value.number} holds only its own period`);
    zs.push(z.value);
  }
  journaled('purchase', 3_33, ids.cashier, 'approved', String(Math.floor(Math.random() * 1e9)), {
    type: 'VI',
    last4: '9990',
  });
  const x = await call<DayReport>('report.x', {});
  assert.ok(x.ok);
  assert.equal(x.value.from, zs.at(-1)!.to, 'from the end of the last Z');
  assert.equal(x.value.netCents, 3_33, 'only what came after the last Z');
  const z3 = await call<DayReport>('report.z', { confirm: true });
  assert.ok(z3.ok);
  assert.deepEqual([z3.value.number! - zs[0]!.number!, z3.value.netCents], [2, 3_33]);
});

test('reconciliation names a payment Helcim holds at another amount than the journal', async () => {
  // A new period (the last test closed its Z): only these two payments are in it.
  const sim = core.simulator!;
  const same = await simulateSale(sim, 4_00);
  const other = await simulateSale(sim, 12_00);
  journaled('purchase', 4_00, ids.cashier, 'approved', same, { type: 'VI', last4: '9990' });
  journaled('purchase', 12_50, ids.cashier, 'approved', other, { type: 'VI', last4: '9990' }); // Helcim has $12.00
  const x = await call<DayReport>('report.x', {});
  assert.ok(x.ok, JSON.stringify(x));
  const rec = x.value.reconciliation;
  assert.deepEqual([rec.matched, rec.amountMismatch, rec.missingAtHelcim], [1, [other], []]);
  // (Helcim's times are to the second: the earlier tests' payments of this same second may be listed too.)
  assert.ok(!rec.notInJournal.includes(same) && !rec.notInJournal.includes(other));
  assert.match(rec.message, /^\d+ differences? with Helcim/);
});

test('History: each row says what both sides know; the amount and last-four filters keep only matching rows, from either side', async () => {
  const sim = core.simulator!;
  const both = await simulateSale(sim, 31_41, '5413330089099130');
  const bothId = journaled('purchase', 31_41, ids.cashier, 'approved', both, { type: 'MC', last4: '9130' });
  const helcimOnly = await simulateSale(sim, 27_18, '4124939999999990');
  const journalOnly = journaled('purchase', 16_18, ids.manager, 'declined', '77777771', { type: 'VI', last4: '1111' });
  const search = async (f: object) => {
    const r = await call<HistoryRow[]>('history.search', f);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };
  const [b] = await search({ amountCents: 31_41 });
  assert.deepEqual(
    [
      b!.attemptId,
      b!.transactionId,
      b!.kind,
      b!.state,
      b!.amountCents,
      b!.cardType,
      b!.cardLast4,
      b!.source,
      b!.staffName,
      b!.training,
    ],
    [bothId, both, 'purchase', 'approved', 31_41, 'MC', '9130', 'both', '=SUM(A1)', true],
  );
  const h = await search({ amountCents: 27_18 });
  assert.deepEqual(
    h.map((r) => [r.transactionId, r.source, r.kind, r.state, r.amountCents, r.cardLast4, r.training, r.attemptId]),
    [[helcimOnly, 'helcim', 'purchase', 'approved', 27_18, '9990', false, undefined]],
    'a payment at Helcim only: Helcim’s words, lower-cased, and its last four',
  );
  const j = await search({ amountCents: 16_18 });
  assert.deepEqual(
    j.map((r) => [r.attemptId, r.source, r.state, r.staffName, r.cardLast4]),
    [[journalOnly, 'journal', 'declined', 'Morgan', '1111']],
  );
  // By last four: rows from both sides, and nothing else.
  const by9130 = await search({ last4: '9130' });
  assert.ok(by9130.length >= 1 && by9130.every((r) => r.cardLast4 === '9130'));
  assert.ok(by9130.some((r) => r.transactionId === both));
  assert.deepEqual(await search({ amountCents: 31_41, last4: '9990' }), [], 'both filters at once');
  // Newest first.
  const all = await search({});
  assert.deepEqual(
    all.map((r) => r.time),
    all
      .map((r) => r.time)
      .sort()
      .reverse(),
  );
});
