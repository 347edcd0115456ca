/**
 * The day report's rules, each changed alone (issue 25, the survivors StrykerJS left in
 * main/reports/): who closes a period when two close it at once, a stored Z read back (and one
 * stored before tips, tenders and the drawer were reported), what reconciliation says when it cannot
 * check, a declined row in Helcim's list, the lines by cashier and brand that count only money, the
 * refunds paid to another card, and what a receipt carries.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls } from '../support/bridge-calls';
import { Reports } from '../../main/reports/reports';
import { PosError } from '../../main/errors';
import type { CardTransaction, HelcimClient } from '../../main/helcim/client';
import type { OutputPort } from '../../main/reports/output';
import type { AttemptKind } from '../../main/journal/journal';
import type { CashSale, DayReport, Receipt } from '../../preload/contract';

const M = 1;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
let clock = Date.parse('2026-12-06T15:00:00.000Z');
const ids = { casey: '', morgan: '' };
const { ok, call } = bridgeCalls(() => core);
/** What the export and print operations handed to the output port. */
const saved: { kind: 'pdf' | 'text'; body: string; name: string }[] = [];
const output: OutputPort = {
  print: async () => true,
  savePdf: async (html, name) => (saved.push({ kind: 'pdf', body: html, name }), `/tmp/${name}`),
  saveText: async (text, name) => (saved.push({ kind: 'text', body: text, name }), `/tmp/${name}`),
};

/** Journals a settled attempt at the counter's clock, as the app would after Helcim answered. */
function journaled(
  kind: AttemptKind,
  cents: number,
  o: { staff?: string; state?: 'approved' | 'declined'; helcimId?: string; card?: { type?: string; last4?: string }; tip?: number; original?: string } = {},
): string {
  const id = randomUUID();
  core.journal.begin({
    id,
    kind,
    amountCents: cents,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId: o.staff ?? ids.casey,
    approverId: kind === 'refund' || kind === 'reverse' ? ids.morgan : null,
    originalTransactionId: o.original,
    mode: 'training',
  });
  core.journal.settle(id, o.state ?? 'approved', {
    helcimTransactionId: o.helcimId ?? String(40_000_000 + Math.floor(Math.random() * 1e6)),
    detail: 'test',
    card: o.card ?? { type: 'VI', last4: '9990', approvalCode: 'T1' },
    // A terminal tip: the approval is for the amount plus the tip.
    ...(o.tip ? { tip: { amountCents: cents + o.tip, tipCents: o.tip } } : {}),
  });
  return id;
}

/** A Reports over this counter's database with Helcim answered by `list` (null: no token can read). */
function reportsWith(list: () => Promise<CardTransaction[]>): Reports {
  return new Reports({
    db: core.db,
    journal: core.journal,
    staff: core.staffStore,
    client: () => ({ listCardTransactions: list }) as unknown as HelcimClient,
    token: async () => 'not-a-real-token',
    shopName: () => 'Test shop',
    currency: 'CAD',
    now: () => clock,
  });
}

/** Closes whatever is open, so each test starts a period of its own. */
async function closeAll(): Promise<void> {
  clock += 1_000;
  const r = await call<DayReport>(M, 'report.z', { confirm: true });
  assert.ok(r.ok || r.error.code === 'invalid_payload', JSON.stringify(r));
  clock += 1_000;
}

before(async () => {
  t = await testCore('report-rules', { now: () => clock, output });
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  const m = await core.staffStore.create('Morgan', 'manager', '135790');
  ids.morgan = m.id;
  core.sessions.signIn(M, { staffId: m.id, name: m.name, role: 'manager' });
});
after(async () => {
  await t.close();
});

test(
  'two closing the same period at once (two windows, each its own path to the database): one Z, the other told which Z closed it',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    journaled('purchase', 10_00);
    clock += 1;
    const [one, two] = [reportsWith(async () => []), reportsWith(async () => [])];
    const results = await Promise.allSettled([one.z(ids.morgan, null), two.z(ids.morgan, null)]);
    const closed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(closed.length, 1, 'one Z');
    assert.equal(refused.length, 1);
    const number = (closed[0] as PromiseFulfilledResult<DayReport>).value.number;
    assert.ok(refused[0]!.reason instanceof PosError);
    assert.equal(refused[0]!.reason.message, `This period was already closed by Z report #${number}.`);
    // With nothing since, a third is refused in plain words.
    clock += 1;
    await assert.rejects(one.z(ids.morgan, null), /There is nothing to close: no payment was attempted since the last Z report\./);
  },
);

test(
  'a stored Z read back (export): the same report by its number; one stored before tips, tenders and the drawer were reported reads with none; an unknown number is refused',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    journaled('purchase', 11_34, { tip: 1_00 });
    clock += 1;
    const z = await ok<DayReport>(M, 'report.z', { confirm: true });
    saved.length = 0;
    await ok(M, 'report.export', { number: z.number, format: 'csv' });
    assert.equal(saved[0]!.kind, 'text');
    assert.equal(saved[0]!.name, `z-report-${z.number}-${z.to.slice(0, 10)}.csv`);
    assert.match(saved[0]!.body, new RegExp(`^"report","Z${z.number}"\\r\\n`));
    assert.match(saved[0]!.body, /"net","","",12\.34\r\n/);
    // The X (no number), as a page.
    await ok(M, 'report.export', { number: null, format: 'pdf' });
    assert.equal(saved[1]!.kind, 'pdf');
    assert.match(saved[1]!.name, /^x-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    assert.match(saved[1]!.body, /X report — running totals/);
    // A Z written by an older version: no tips, tenders, drawer, other counters or refunds to another card.
    const old = { ...z, number: 0 } as Partial<DayReport>;
    delete old.tips;
    delete old.byTender;
    delete old.byTenderCashier;
    delete old.drawer;
    const rec = { ...z.reconciliation } as Partial<DayReport['reconciliation']>;
    delete rec.otherCounters;
    delete rec.refundsToOtherCard;
    const info = core.db
      .prepare('INSERT INTO z_reports (period_from, period_to, closed_by, data) VALUES (?, ?, ?, ?)')
      .run('2020-01-01T00:00:00.000Z', '2020-01-02T00:00:00.000Z', ids.morgan, JSON.stringify({ ...old, reconciliation: rec }));
    saved.length = 0;
    await ok(M, 'report.export', { number: Number(info.lastInsertRowid), format: 'csv' });
    assert.match(saved[0]!.body, /"tips \(included above\)","tips",0,0\.00\r\n/, 'no tips line then: none');
    assert.ok(!saved[0]!.body.includes('"drawer"'), 'no drawer then');
    core.db.prepare('DELETE FROM z_reports WHERE number = ?').run(Number(info.lastInsertRowid));
    const none = await call(M, 'report.export', { number: 999, format: 'csv' });
    assert.ok(!none.ok && none.error.message === 'There is no Z report number 999.', JSON.stringify(none));
  },
);

test(
  'reconciliation that cannot check says why, and claims no match: no token that reads, Helcim unreachable, too many rows',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    journaled('purchase', 5_00);
    clock += 1;
    const unchecked = (r: DayReport) => [r.reconciliation.checked, r.reconciliation.matched, r.reconciliation.missingAtHelcim, r.reconciliation.notInJournal];
    const noToken = await reportsWith(async () => []).x(null);
    assert.deepEqual(unchecked(noToken), [false, 0, [], []]);
    assert.equal(noToken.reconciliation.message, 'Not checked against Helcim: no API token can read transactions.');
    const down = await reportsWith(async () => {
      throw new Error('ECONNREFUSED');
    }).x('sales');
    assert.deepEqual(unchecked(down), [false, 0, [], []]);
    assert.equal(down.reconciliation.message, 'Not checked against Helcim: Helcim could not be reached. Run the report again later.');
    const tooMany = await reportsWith(async () => {
      throw new PosError('too_many_results', 'error.helcim.tooMany', { max: 100_000 });
    }).x('sales');
    assert.deepEqual(unchecked(tooMany), [false, 0, [], []]);
    assert.match(tooMany.reconciliation.message, /^Not checked against Helcim: .*100,000/);
    // Another refusal from Helcim is "could not be reached", not "too many".
    const refused = await reportsWith(async () => {
      throw new PosError('helcim_unavailable', 'error.helcim.unavailable');
    }).x('sales');
    assert.equal(refused.reconciliation.message, 'Not checked against Helcim: Helcim could not be reached. Run the report again later.');
  },
);

test(
  'a declined row in Helcim’s list is no difference; an approved one only Helcim has is, and the count of differences adds every kind',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    journaled('purchase', 7_00, { helcimId: '50000001' });
    journaled('purchase', 3_00, { helcimId: '50000002' }); // Helcim has another amount
    journaled('purchase', 2_00, { helcimId: '50000003' }); // Helcim has nothing
    clock += 1;
    const at = new Date(clock - 1).toISOString();
    const row = (id: string, cents: number, status: string): CardTransaction =>
      ({ transactionId: id, dateCreated: '', createdAt: at, status, type: 'purchase', amount: cents / 100, currency: 'CAD' }) as CardTransaction;
    const x = await reportsWith(async () => [
      row('50000001', 7_00, 'APPROVED'),
      row('50000002', 3_50, 'APPROVED'),
      row('50000009', 9_00, 'DECLINED'),
      row('50000010', 4_00, 'APPROVED'),
    ]).x('sales');
    const r = x.reconciliation;
    assert.deepEqual([r.checked, r.matched, r.amountMismatch, r.missingAtHelcim, r.notInJournal], [true, 1, ['50000002'], ['50000003'], ['50000010']]);
    assert.equal(r.message, '3 differences with Helcim’s list — see below.');
    // All matched: said so, with the count.
    await closeAll();
    journaled('purchase', 8_00, { helcimId: '50000020' });
    clock += 1;
    const at2 = new Date(clock - 1).toISOString();
    const ok2 = await reportsWith(async () => [{ ...row('50000020', 8_00, 'APPROVED'), createdAt: at2 }]).x('sales');
    assert.equal(ok2.reconciliation.message, 'The 1 approved transaction matches Helcim’s list.');
    assert.deepEqual([ok2.reconciliation.matched, ok2.reconciliation.notInJournal, ok2.reconciliation.missingAtHelcim], [1, [], []]);
  },
);

test(
  'by cashier, brand and tender count money only: a verification and a hold are in the lines by type, not in a cashier’s or a brand’s',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    journaled('purchase', 20_00, { card: { type: 'MC', last4: '9130' } });
    journaled('verify', 0);
    journaled('preauth', 50_00);
    journaled('purchase', 4_00, { card: { last4: '0000' } }); // no brand in Helcim's answer
    await ok<CashSale>(M, 'cash.sale', { amountCents: 6_00, tenderedCents: 10_00, currency: 'CAD' }); // Morgan's
    clock += 1;
    const x = await ok<DayReport>(M, 'report.x', {});
    assert.deepEqual(
      x.byType.map((l) => [l.key, l.count, l.cents]),
      [
        ['preauth', 1, 50_00],
        ['purchase', 3, 30_00],
        ['verify', 1, 0],
      ],
    );
    assert.deepEqual(
      x.byCashier.map((l) => [l.key, l.count, l.cents]),
      [
        ['Casey', 2, 24_00],
        ['Morgan', 1, 6_00],
      ],
    );
    assert.deepEqual(
      x.byBrand.map((l) => [l.key, l.count, l.cents]),
      [
        ['Cash', 1, 6_00],
        ['Mastercard', 1, 20_00],
        ['Unknown', 1, 4_00],
      ],
    );
    assert.deepEqual(
      x.byTender.map((l) => [l.key, l.count, l.cents]),
      [
        ['card', 2, 24_00],
        ['cash', 1, 6_00],
      ],
    );
    assert.equal(x.netCents, 30_00);
  },
);

test('refunds paid to another card than the sale’s are listed by Helcim’s id (or the attempt’s, with none)', { timeout: 30_000 }, async () => {
  await closeAll();
  journaled('purchase', 30_00, { helcimId: '60000001' });
  const back = journaled('refund', 30_00, { helcimId: '60000002', original: '60000001' });
  core.journal.flag(back, 'refund_other_card', 'paid to another debit card');
  const id = randomUUID();
  core.journal.begin({
    id,
    kind: 'refund',
    amountCents: 1_00,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId: ids.casey,
    approverId: ids.morgan,
    mode: 'training',
  });
  core.journal.flag(id, 'refund_other_card', 'still being checked');
  clock += 1;
  const x = await ok<DayReport>(M, 'report.x', {});
  assert.deepEqual(x.reconciliation.refundsToOtherCard, ['60000002', id]);
});

test(
  'a receipt carries what was paid: only an approved payment has one; a tip when there was one; cash handed over and the change; what a refund gave back',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    const declined = journaled('purchase', 9_00, { state: 'declined' });
    const refused = await call(M, 'receipt.get', { attemptId: declined });
    assert.ok(!refused.ok && refused.error.code === 'invalid_payload', 'a declined payment has no receipt');
    const tipped = await ok<Receipt>(M, 'receipt.get', { attemptId: journaled('purchase', 11_00, { tip: 1_00 }) });
    assert.deepEqual(
      [tipped.amountCents, tipped.tipCents, tipped.approvalCode, tipped.cashier, tipped.training, tipped.cash],
      [12_00, 1_00, 'T1', 'Casey', true, undefined],
    );
    const plain = await ok<Receipt>(M, 'receipt.get', { attemptId: journaled('purchase', 11_00) });
    assert.ok(!('tipCents' in plain), 'no tip line without a tip');
    const cash = await ok<CashSale>(M, 'cash.sale', { amountCents: 6_50, tenderedCents: 10_00, currency: 'CAD' });
    const c = await ok<Receipt>(M, 'receipt.get', { attemptId: cash.attemptId });
    assert.deepEqual(c.cash, { tenderedCents: 10_00, changeCents: 3_50 });
    const r = await ok<Receipt>(M, 'receipt.get', { attemptId: journaled('refund', 4_00, { helcimId: '70000002', original: '70000001' }) });
    assert.deepEqual([r.kind, r.transactionId, r.originalTransactionId, r.approver], ['refund', '70000002', '70000001', 'Morgan']);
    assert.equal(r.locale, 'en-CA', 'a payment of no sale is printed in the shop’s language');
  },
);
