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
import { Reports, isOtherCounter } from '../../main/reports/reports';
import { PosError } from '../../main/errors';
import type { CardTransaction, HelcimClient } from '../../main/helcim/client';
import type { OutputPort } from '../../main/reports/output';
import type { AttemptKind } from '../../main/journal/journal';
import type {
  CashSale,
  DayReport,
  HistoryRow,
  Receipt,
  SaleView,
  TerminalProgress,
  TerminalStart,
} from '../../common/contract';

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
  o: {
    staff?: string;
    state?: 'approved' | 'declined';
    helcimId?: string;
    card?: { type?: string; last4?: string };
    tip?: number;
    original?: string;
  } = {},
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

/** A Reports over this counter's database with Helcim answered by `list`; `sales`: the sales it may look up. */
function reportsWith(list: () => Promise<CardTransaction[]>, sales: SaleView[] = []): Reports {
  return new Reports({
    saleOf: (saleId) => sales.find((x) => x.saleId === saleId)!,
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

/** Every sale of this counter as the Sale screen sees it. */
const allSales = async () =>
  Promise.all(
    (core.db.prepare('SELECT id FROM sales').all() as { id: string }[]).map((r) =>
      ok<SaleView>(M, 'sale.get', { saleId: r.id }),
    ),
  );

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
    assert.deepEqual(
      [refused[0]!.reason.code, refused[0]!.reason.message],
      ['invalid_payload', `This period was already closed by Z report #${number}.`],
    );
    // With nothing since, a third is refused in plain words.
    clock += 1;
    await assert.rejects(
      one.z(ids.morgan, null),
      /There is nothing to close: no payment was attempted since the last Z report\./,
    );
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
      .run(
        '2020-01-01T00:00:00.000Z',
        '2020-01-02T00:00:00.000Z',
        ids.morgan,
        JSON.stringify({ ...old, reconciliation: rec }),
      );
    saved.length = 0;
    await ok(M, 'report.export', { number: Number(info.lastInsertRowid), format: 'csv' });
    assert.match(saved[0]!.body, /"tips \(included above\)","tips",0,0\.00\r\n/, 'no tips line then: none');
    assert.ok(!saved[0]!.body.includes('"drawer"'), 'no drawer then');
    // As a page too: no drawer, and no list of other counters or refunds to another card (it had none).
    await ok(M, 'report.export', { number: Number(info.lastInsertRowid), format: 'pdf' });
    assert.ok(!saved[1]!.body.includes('Cash drawer'));
    assert.ok(
      !saved[1]!.body.includes('another counter of the shop') && !saved[1]!.body.includes('Refunded to another card'),
    );
    core.db.prepare('DELETE FROM z_reports WHERE number = ?').run(Number(info.lastInsertRowid));
    const none = await call(M, 'report.export', { number: 999, format: 'csv' });
    assert.ok(
      !none.ok && none.error.code === 'invalid_payload' && none.error.message === 'There is no Z report number 999.',
      JSON.stringify(none),
    );
  },
);

test(
  'reconciliation that cannot check says why, and claims no match: no token that reads, Helcim unreachable, too many rows',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    journaled('purchase', 5_00);
    clock += 1;
    const unchecked = (r: DayReport) => [
      r.reconciliation.checked,
      r.reconciliation.matched,
      r.reconciliation.missingAtHelcim,
      r.reconciliation.notInJournal,
    ];
    const noToken = await reportsWith(async () => []).x(null);
    assert.deepEqual([noToken.kind, noToken.number], ['x', null]);
    assert.deepEqual(unchecked(noToken), [false, 0, [], []]);
    assert.deepEqual([noToken.reconciliation.otherCounters, noToken.reconciliation.amountMismatch], [[], []]);
    assert.equal(noToken.reconciliation.message, 'Not checked against Helcim: no API token can read transactions.');
    const down = await reportsWith(async () => {
      throw new Error('ECONNREFUSED');
    }).x('sales');
    assert.deepEqual(unchecked(down), [false, 0, [], []]);
    assert.equal(
      down.reconciliation.message,
      'Not checked against Helcim: Helcim could not be reached. Run the report again later.',
    );
    const tooMany = await reportsWith(async () => {
      throw new PosError('too_many_results', 'error.helcim.tooMany', { max: 100_000 });
    }).x('sales');
    assert.deepEqual(unchecked(tooMany), [false, 0, [], []]);
    assert.deepEqual([tooMany.reconciliation.otherCounters, tooMany.reconciliation.amountMismatch], [[], []]);
    assert.match(tooMany.reconciliation.message, /^Not checked against Helcim: .*100,000/);
    // Another refusal from Helcim is "could not be reached", not "too many".
    const refused = await reportsWith(async () => {
      throw new PosError('helcim_unavailable', 'error.helcim.unavailable');
    }).x('sales');
    assert.equal(
      refused.reconciliation.message,
      'Not checked against Helcim: Helcim could not be reached. Run the report again later.',
    );
  },
);

test(
  'a declined row in Helcim’s list is no difference; an approved one only Helcim has is, inside the period [from, to); cash is never missing at Helcim',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    const from = (
      core.db.prepare('SELECT period_to FROM z_reports ORDER BY number DESC LIMIT 1').get() as { period_to: string }
    ).period_to;
    journaled('purchase', 7_00, { helcimId: '50000001' });
    journaled('purchase', 3_00, { helcimId: '50000002' }); // Helcim has another amount
    journaled('purchase', 2_00, { helcimId: '50000003' }); // Helcim has nothing
    await ok<CashSale>(M, 'cash.sale', { amountCents: 6_00, tenderedCents: 6_00, currency: 'CAD' }); // cash: never at Helcim
    // The report ends on a whole second, so that a Helcim time can fall on its end exactly.
    clock = Math.ceil((clock + 1) / 1000) * 1000;
    const to = new Date(clock).toISOString();
    const at = new Date(clock - 1_000).toISOString();
    const row = (id: string, cents: number, status: string, createdAt: string | null = at): CardTransaction =>
      ({
        transactionId: id,
        dateCreated: '',
        createdAt,
        status,
        type: 'purchase',
        amount: cents / 100,
        currency: 'CAD',
      }) as CardTransaction;
    const x = await reportsWith(async () => [
      row('50000001', 7_00, 'APPROVED'),
      row('50000002', 3_50, 'APPROVED'),
      row('50000009', 9_00, 'DECLINED'),
      row('50000010', 4_00, 'APPROVED'),
      row('50000011', 1_00, 'APPROVED', null), // Helcim's time unreadable: counted in
      row('50000012', 1_00, 'APPROVED', to), // stamped at the period's end: the next period's
      row('50000013', 1_00, 'APPROVED', new Date(Date.parse(from) - 30_000).toISOString()), // before it began: the last period's
    ]).x('sales');
    assert.equal(x.to, to);
    const r = x.reconciliation;
    assert.deepEqual(
      [r.checked, r.matched, r.amountMismatch, r.missingAtHelcim, r.notInJournal],
      [true, 1, ['50000002'], ['50000003'], ['50000010', '50000011']],
    );
    assert.equal(r.message, '4 differences with Helcim’s list — see below.');
    // All matched: said so, with the count.
    await closeAll();
    journaled('purchase', 8_00, { helcimId: '50000020' });
    clock += 1;
    const at2 = new Date(clock - 1).toISOString();
    const ok2 = await reportsWith(async () => [{ ...row('50000020', 8_00, 'APPROVED'), createdAt: at2 }]).x('sales');
    assert.equal(ok2.reconciliation.message, 'The 1 approved transaction matches Helcim’s list.');
    assert.deepEqual(
      [ok2.reconciliation.matched, ok2.reconciliation.notInJournal, ok2.reconciliation.missingAtHelcim],
      [1, [], []],
    );
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

test(
  'refunds paid to another card than the sale’s are listed by Helcim’s id (or the attempt’s, with none)',
  { timeout: 30_000 },
  async () => {
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
  },
);

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
    const r = await ok<Receipt>(M, 'receipt.get', {
      attemptId: journaled('refund', 4_00, { helcimId: '70000002', original: '70000001' }),
    });
    assert.deepEqual(
      [r.kind, r.transactionId, r.originalTransactionId, r.approver],
      ['refund', '70000002', '70000001', 'Morgan'],
    );
    assert.equal(r.locale, 'en-CA', 'a payment of no sale is printed in the shop’s language');
  },
);

test(
  'History’s rows: a live payment is not training; a card type Helcim knows fills the journal’s gap; a Helcim row without a readable time keeps its own, one without a readable amount is left out; a cash sale says what can still go back; newest first',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    const live = randomUUID();
    core.journal.begin({
      id: live,
      kind: 'purchase',
      amountCents: 9_00,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: ids.casey,
      approverId: null,
      mode: 'live',
    });
    core.journal.settle(live, 'approved', { helcimTransactionId: '80000001', detail: 'test', card: { last4: '9130' } });
    clock += 1_000;
    const sale = await ok<SaleView>(M, 'sale.open', { amountCents: 4_00, currency: 'CAD' });
    const cash = await ok<CashSale>(M, 'cash.sale', {
      amountCents: 4_00,
      tenderedCents: 5_00,
      currency: 'CAD',
      saleId: sale.saleId,
    });
    clock += 1_000;
    const card = journaled('purchase', 3_00, { helcimId: '80000003' });
    clock += 1_000;
    const base = { dateCreated: '', status: 'APPROVED', type: 'purchase', currency: 'CAD' };
    const rows = await reportsWith(
      async () =>
        [
          {
            ...base,
            transactionId: '80000001',
            createdAt: new Date(clock - 3_000).toISOString(),
            amount: 9,
            cardType: 'MC',
            cardNumber: '5413330089099130',
          },
          {
            ...base,
            transactionId: '80000009',
            createdAt: null,
            dateCreated: '2026-12-06 08:00:00',
            amount: 2.5,
            cardNumber: '4124939999999990',
          },
          { ...base, transactionId: '80000010', createdAt: new Date(clock - 500).toISOString(), amount: 'not money' },
        ] as unknown as CardTransaction[],
      await allSales(),
    ).history({}, 'sales');
    const byId = (id: string) => rows.find((r) => r.transactionId === id || r.attemptId === id)!;
    assert.deepEqual(
      [byId(live).training, byId(live).cardType, byId(live).source],
      [false, 'MC', 'both'],
      'live, its brand from Helcim',
    );
    assert.equal(
      (await ok<Receipt>(M, 'receipt.get', { attemptId: live })).training,
      false,
      'a live payment’s receipt is not a training one',
    );
    assert.equal(byId(card).training, true);
    assert.deepEqual([byId(cash.attemptId).saleNumber, byId(cash.attemptId).cashRefundableCents], [sale.number, 4_00]);
    assert.ok(!('cashRefundableCents' in byId(card)), 'a card payment has no cash to hand back');
    assert.deepEqual(
      [byId('80000009').time, byId('80000009').source, byId('80000009').cardLast4],
      ['2026-12-06 08:00:00', 'helcim', '9990'],
    );
    assert.equal(
      rows.find((r) => r.transactionId === '80000010'),
      undefined,
      'an amount that is not money is left out',
    );
    const times = rows.map((r) => r.time);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
  },
);

test(
  'a receipt of a split sale lists every tender that paid it (a tip on its own), not a declined one; a sale paid once lists none; a payment of no sale is printed in the shop’s language',
  { timeout: 60_000 },
  async () => {
    await closeAll();
    core.simulator!.addTerminal('AB12');
    await ok(M, 'terminal.pair', { deviceCode: 'AB12' });
    const s = await ok<SaleView>(M, 'sale.open', { amountCents: 20_00, currency: 'CAD' });
    await ok<CashSale>(M, 'cash.sale', { amountCents: 5_00, tenderedCents: 5_00, currency: 'CAD', saleId: s.saleId });
    const part = async (action: 'approve' | 'decline') => {
      const start = await ok<TerminalStart>(M, 'terminal.start', {
        amountCents: 15_00,
        currency: 'CAD',
        saleId: s.saleId,
      });
      core.simulator!.terminalAct(
        'AB12',
        action === 'approve' ? { action, card: 'visa', tipCents: 2_00 } : { action, card: 'visa' },
      );
      let state = 'waiting';
      for (let i = 0; i < 30 && state === 'waiting'; i++) {
        state = (await ok<TerminalProgress>(M, 'terminal.check', { attemptId: start.attemptId })).state;
        clock += 5_000;
      }
      assert.equal(state, action === 'approve' ? 'approved' : 'declined');
      return start.attemptId;
    };
    await part('decline');
    const paid = await part('approve');
    const r = await ok<Receipt>(M, 'receipt.get', { attemptId: paid });
    assert.deepEqual(r.sale, {
      number: s.number,
      totalCents: 20_00,
      tenders: [
        { label: 'Cash', tender: 'cash', amountCents: 5_00 },
        {
          label: 'Visa •••• 9990',
          tender: 'card',
          cardType: 'VI',
          cardLast4: '9990',
          amountCents: 15_00,
          tipCents: 2_00,
        },
      ],
    });
    assert.equal(r.cash, undefined, 'the card part: nothing handed over in cash');
    // History: only the sale's cash part offers cash to hand back.
    const history = await ok<HistoryRow[]>(M, 'history.search', {});
    const rowOf = (id: string) => history.find((h) => h.attemptId === id)!;
    const cashPart = core.journal.list(100_000).find((a) => a.saleId === s.saleId && a.tender === 'cash')!;
    assert.deepEqual([rowOf(cashPart.id).saleNumber, rowOf(cashPart.id).cashRefundableCents], [s.number, 5_00]);
    assert.deepEqual(
      [rowOf(paid).saleNumber, rowOf(paid).cashRefundableCents],
      [undefined, undefined],
      'the card part offers no cash',
    );
    // One tender: no list of tenders.
    const one = await ok<SaleView>(M, 'sale.open', { amountCents: 3_00, currency: 'CAD' });
    const alone = await ok<CashSale>(M, 'cash.sale', {
      amountCents: 3_00,
      tenderedCents: 3_00,
      currency: 'CAD',
      saleId: one.saleId,
    });
    assert.equal((await ok<Receipt>(M, 'receipt.get', { attemptId: alone.attemptId })).sale, undefined);
    // A payment of no sale: the shop's language.
    await ok(M, 'settings.setLanguage', { language: 'fr-CA' });
    try {
      assert.equal((await ok<Receipt>(M, 'receipt.get', { attemptId: journaled('purchase', 1_00) })).locale, 'fr-CA');
    } finally {
      await ok(M, 'settings.setLanguage', { language: 'en-CA' });
    }
  },
);

test(
  'a receipt saved as PDF is named by Helcim’s transaction (a cash one by its attempt); printing and closing the day are audited',
  { timeout: 30_000 },
  async () => {
    await closeAll();
    const card = journaled('purchase', 2_00, { helcimId: '90000001' });
    const cash = await ok<CashSale>(M, 'cash.sale', { amountCents: 1_00, tenderedCents: 1_00, currency: 'CAD' });
    saved.length = 0;
    await ok(M, 'receipt.savePdf', { attemptId: card });
    await ok(M, 'receipt.savePdf', { attemptId: cash.attemptId });
    assert.deepEqual(
      saved.map((x) => [x.kind, x.name]),
      [
        ['pdf', 'receipt-90000001.pdf'],
        ['pdf', `receipt-${cash.attemptId}.pdf`],
      ],
    );
    assert.match(saved[0]!.body, /<title>[^<]+ 90000001<\/title>/);
    const seen = core.audit.entries().length;
    await call(M, 'receipt.print', { attemptId: card });
    clock += 1;
    await ok(M, 'report.z', { confirm: true });
    assert.deepEqual(
      core.audit
        .entries()
        .slice(seen)
        .map((e) => [e.actor, e.action, e.detail]),
      [
        [ids.morgan, 'receipt.print', card],
        [ids.morgan, 'report.z', 'day closed'],
      ],
    );
  },
);

test(
  'a stored Z keeps what it had: its drawer, other counters’ sales and refunds to another card read back as written',
  { timeout: 30_000 },
  async () => {
    const z: DayReport = {
      ...(await ok<DayReport>(M, 'report.x', {})),
      kind: 'z',
      number: 0,
      drawer: {
        open: false,
        floatCents: 50_00,
        cashSalesCents: 10_00,
        paidInCents: 0,
        paidOutCents: 0,
        expectedCents: 60_00,
        countedCents: 60_00,
        overShortCents: 0,
      },
    };
    z.reconciliation = { ...z.reconciliation, otherCounters: ['31415926'], refundsToOtherCard: ['27182818'] };
    const info = core.db
      .prepare('INSERT INTO z_reports (period_from, period_to, closed_by, data) VALUES (?, ?, ?, ?)')
      .run('2020-02-01T00:00:00.000Z', '2020-02-02T00:00:00.000Z', ids.morgan, JSON.stringify(z));
    try {
      saved.length = 0;
      await ok(M, 'report.export', { number: Number(info.lastInsertRowid), format: 'pdf' });
      const html = saved[0]!.body;
      assert.match(html, /<h2>Cash drawer \(closed\)<\/h2>/);
      assert.match(html, /\$60\.00/);
      assert.ok(
        html.includes('<p>Made at another counter of the shop (its invoice prefix), not a difference: 31415926</p>'),
      );
      assert.ok(html.includes('<p>Refunded to another card than the sale’s: 27182818</p>'));
    } finally {
      core.db.prepare('DELETE FROM z_reports WHERE number = ?').run(Number(info.lastInsertRowid));
    }
  },
);

test(
  'a receipt with nothing more known: no address, the shop’s default language, and “Staff” for someone no longer on the list; another counter’s prefix only at an invoice’s start',
  { timeout: 30_000 },
  async () => {
    const id = randomUUID();
    core.journal.begin({
      id,
      kind: 'purchase',
      amountCents: 1_00,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: randomUUID(),
      approverId: null,
      mode: 'training',
    });
    core.journal.settle(id, 'approved', { helcimTransactionId: '91000001', detail: 'test' });
    const r = reportsWith(async () => []).receipt(id);
    assert.deepEqual([r.shopAddress, r.locale, r.cashier, r.shop], ['', 'en-CA', 'Staff', 'Test shop']);
    const shop = new Set(['C1A2B']);
    assert.equal(isOtherCounter('C1A2B-00001', 'C0000', shop), true);
    assert.equal(isOtherCounter('XC1A2B-00001', 'C0000', shop), false, 'the prefix starts the invoice');
    assert.equal(isOtherCounter('C1A2B-00001', 'C1A2B', shop), false, 'this counter’s own');
    assert.equal(isOtherCounter('C1A2B-00001', 'C0000', null), false, 'a counter in no shop has no other counters');
  },
);
