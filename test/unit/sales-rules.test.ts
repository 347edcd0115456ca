/**
 * A sale and its tenders (main/payments/sales.ts), one rule at a time, on a real SQLite file and a real
 * journal: what is paid, due, being checked and would go back is worked out from the journal's parts
 * by hand here (an approval lower than asked, a tip, a decline, a part still being checked, a card part
 * already given back, cash handed back); a new tender is refused above what is due, while a part is
 * being checked, on a closed sale or in another currency; a half-paid sale is abandoned only behind an
 * approval for exactly what goes back, never twice, never beyond the drawer; the Z's end-of-day rule.
 * The whole path through the bridge is in test/integration (sales, cash, money-guards, money-model).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SalesService, type SalesDeps } from '../../main/payments/sales';
import { openDatabase } from '../../main/db';
import { Journal, type AttemptState } from '../../main/journal/journal';
import type { Approval } from '../../main/policy/approvals';
import type { MoneyReturn } from '../../common/contract';
import { journaled, refusal } from '../support/journal-rows';

const CASEY = { staffId: 'casey', name: 'Casey', role: 'cashier' as const };
const NOW = Date.parse('2026-12-07T18:00:00Z');

function setUp(o: { inDrawer?: number | null; voidRefused?: boolean; giveBack?: (id: string) => MoneyReturn } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-sales-'));
  const clock = { now: NOW };
  const db = openDatabase(path.join(dir, 'counter.sqlite'));
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => clock.now);
  const audits: string[] = [];
  const drawer: unknown[] = [];
  const givenBack: { id: string; approver: string; slot: string }[] = [];
  const rounding = new Map<string, number>();
  const deps: SalesDeps = {
    db,
    journal,
    now: () => clock.now,
    mode: () => 'training',
    audit: (actor, action, detail) => audits.push(`${actor} ${action} ${detail}`),
    returns: {
      giveBack: async (id, _session, approver, slot) => {
        givenBack.push({ id, approver, slot });
        const r = o.giveBack?.(id) ?? ({ outcome: 'approved', message: 'ok' } as MoneyReturn);
        if (r.outcome === 'approved') {
          // As the real one does: the void is journaled against the payment.
          journaled(journal, { kind: 'reverse', cents: 1, state: 'approved', original: id, approverId: approver });
        }
        return r;
      },
    },
    voidToken: () => (o.voidRefused ? { refused: { key: 'error.token.noVoid' } } : { slot: 'admin' }),
    cashInDrawer: () => (o.inDrawer === undefined ? 1_000_00 : o.inDrawer),
    shopLanguage: () => 'fr-CA',
    openDrawer: async (why) => void drawer.push(why),
    linesOf: () => [],
    roundingOf: (id) => rounding.get(id) ?? 0,
    taxesOf: () => [],
    subtotalOf: () => 0,
    saleDiscountOf: () => null,
  };
  const sales = new SalesService(deps);
  /** A card part of a sale, ending in `state` (a tip or a partial approval: `approvedCents` differs). */
  const card = (
    saleId: string,
    cents: number,
    state: AttemptState,
    o2: { helcimId?: string; tipCents?: number; approvedCents?: number; card?: string } = {},
  ) => {
    const id = randomUUID();
    journal.begin({
      id,
      kind: 'purchase',
      amountCents: cents,
      currency: 'CAD',
      idempotencyKey: randomUUID(),
      staffId: 'casey',
      approverId: null,
      saleId,
      mode: 'training',
    });
    if (state !== 'pending')
      journal.settle(id, state, {
        detail: 'test',
        ...(o2.helcimId ? { helcimTransactionId: o2.helcimId } : {}),
        ...(o2.card ? { card: { type: o2.card, last4: '4242' } } : {}),
        ...(o2.tipCents || o2.approvedCents
          ? { tip: { amountCents: o2.approvedCents ?? cents + (o2.tipCents ?? 0), tipCents: o2.tipCents ?? 0 } }
          : {}),
      });
    return id;
  };
  const cash = (saleId: string, cents: number, tenderedCents = cents) => {
    const id = randomUUID();
    journal.recordCash({
      id,
      amountCents: cents,
      tenderedCents,
      currency: 'CAD',
      staffId: 'casey',
      saleId,
      mode: 'training',
    });
    return id;
  };
  const done = () => {
    journal.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { clock, db, journal, audits, drawer, givenBack, rounding, sales, card, cash, done };
}

const approval = (amountCents: number): Approval => ({
  id: 'ap',
  action: 'abandon',
  subject: '1',
  amountCents,
  lines: null,
  cashierId: 'casey',
  windowId: 1,
  managerId: 'morgan',
  managerName: 'Morgan',
  expiresAt: NOW + 60_000,
});

test('a new sale: its total, the shop’s language unless told, open with everything due', () => {
  const s = setUp();
  try {
    const v = s.sales.open(25_00, 'CAD', CASEY);
    assert.deepEqual(
      [v.number, v.totalCents, v.paidCents, v.dueCents, v.checkingCents, v.backCents, v.state, v.language, v.message],
      [1, 25_00, 0, 25_00, 0, 0, 'open', 'fr-CA', '$25.00 due.'],
    );
    assert.equal(s.sales.open(1_00, 'USD', CASEY, 'en-CA').language, 'en-CA');
    assert.equal(s.sales.open(1_00, 'USD', CASEY).number, 3);
    assert.equal(s.sales.openCount(), 3);
    assert.equal(s.sales.exists(v.saleId), true);
    assert.equal(s.sales.exists(randomUUID()), false);
    assert.equal(
      (s.db.prepare('SELECT staff_id, mode FROM sales WHERE id = ?').get(v.saleId) as { staff_id: string }).staff_id,
      'casey',
    );
  } finally {
    s.done();
  }
});

test('what is paid counts approvals only — at what Helcim approved, its tip apart; a part being checked is neither paid nor due', () => {
  const s = setUp();
  try {
    const v = s.sales.open(50_00, 'CAD', CASEY);
    s.card(v.saleId, 10_00, 'approved', { helcimId: 'h1', tipCents: 2_00, card: 'VI' }); // $10 + $2 tip
    s.card(v.saleId, 20_00, 'approved', { helcimId: 'h2', approvedCents: 15_00 }); // a prepaid card approved $15 of $20
    s.card(v.saleId, 30_00, 'declined', { helcimId: 'h3' });
    s.card(v.saleId, 30_00, 'cancelled');
    const paid = s.sales.view(v.saleId);
    assert.deepEqual([paid.paidCents, paid.dueCents, paid.checkingCents], [25_00, 25_00, 0]);
    assert.equal(paid.message, '$25.00 paid, $25.00 still due.');
    assert.deepEqual(
      paid.tenders.map((t) => [
        t.tender,
        t.state,
        t.amountCents,
        t.tipCents,
        t.cardType ?? null,
        t.cardLast4 ?? null,
        t.returned,
      ]),
      [
        ['card', 'approved', 10_00, 2_00, 'VI', '4242', false],
        ['card', 'approved', 15_00, 0, null, null, false],
        ['card', 'declined', 30_00, 0, null, null, false],
        ['card', 'cancelled', 30_00, 0, null, null, false],
      ],
    );
    s.card(v.saleId, 5_00, 'pending');
    s.card(v.saleId, 7_00, 'unknown');
    const checking = s.sales.view(v.saleId);
    assert.deepEqual([checking.paidCents, checking.dueCents, checking.checkingCents], [25_00, 25_00, 12_00]);
    assert.equal(checking.message, 'A card payment of $12.00 is being checked with Helcim: wait before taking more.');
  } finally {
    s.done();
  }
});

test('paid in full once approvals reach the total and nothing is being checked — recorded, and nothing more due', () => {
  const s = setUp();
  try {
    const v = s.sales.open(30_00, 'CAD', CASEY);
    s.cash(v.saleId, 10_00, 20_00);
    const wait = s.card(v.saleId, 20_00, 'pending');
    assert.equal(s.sales.view(v.saleId).state, 'open', 'paid in full only once the card part is known');
    s.journal.settle(wait, 'approved', { detail: 'test', helcimTransactionId: 'h9' });
    s.clock.now = NOW + 5_000;
    const paid = s.sales.view(v.saleId);
    assert.deepEqual([paid.state, paid.dueCents, paid.backCents, paid.message], ['paid', 0, 0, 'Paid in full.']);
    const row = s.db.prepare('SELECT state, updated_at FROM sales WHERE id = ?').get(v.saleId) as {
      state: string;
      updated_at: string;
    };
    assert.deepEqual(row, { state: 'paid', updated_at: new Date(NOW + 5_000).toISOString() });
    assert.equal(paid.tenders[0]!.tenderedCents, 20_00, 'what the customer handed over');
    assert.equal(s.sales.openCount(), 0);
    // Over by a tip is paid too.
    const w = s.sales.open(10_00, 'CAD', CASEY);
    s.card(w.saleId, 9_99, 'approved', { helcimId: 'h10' });
    assert.equal(s.sales.view(w.saleId).state, 'open', 'a cent short is not paid');
    s.card(w.saleId, 1, 'approved', { helcimId: 'h11' });
    assert.equal(s.sales.view(w.saleId).state, 'paid');
  } finally {
    s.done();
  }
});

test('a cash part’s rounding is shown on its line, and only on cash', () => {
  const s = setUp();
  try {
    const v = s.sales.open(10_02, 'CAD', CASEY);
    const c = s.cash(v.saleId, 10_00);
    const k = s.card(v.saleId, 2, 'declined');
    s.rounding.set(c, -2);
    s.rounding.set(k, 9);
    const t = s.sales.view(v.saleId).tenders;
    assert.deepEqual([t[0]!.roundingCents, 'roundingCents' in t[1]!], [-2, false]);
    s.rounding.set(c, 0);
    assert.equal('roundingCents' in s.sales.view(v.saleId).tenders[0]!, false);
  } finally {
    s.done();
  }
});

test('what would go back on an open sale: card parts with their tips, not one already given back; cash less what was handed back', () => {
  const s = setUp();
  try {
    const v = s.sales.open(100_00, 'CAD', CASEY);
    s.card(v.saleId, 10_00, 'approved', { helcimId: 'h1', tipCents: 1_50 });
    s.card(v.saleId, 20_00, 'approved', { helcimId: 'h2' });
    s.card(v.saleId, 40_00, 'declined', { helcimId: 'h3' });
    s.cash(v.saleId, 15_00);
    s.cash(v.saleId, 5_00);
    const back = s.sales.view(v.saleId);
    assert.deepEqual([back.backCents, back.cashRefundableCents], [11_50 + 20_00 + 20_00, 20_00]);
    // A void of h2 approved; one of h1 declined (no money moved); cash 6 handed back.
    for (const [orig, state] of [
      ['h2', 'approved'],
      ['h1', 'declined'],
    ] as const) {
      journaled(s.journal, { kind: 'reverse', cents: 1, state, original: orig, approverId: 'morgan' });
    }
    s.journal.recordCashRefund({
      id: randomUUID(),
      amountCents: 6_00,
      currency: 'CAD',
      staffId: 'casey',
      approverId: 'morgan',
      saleId: v.saleId,
      mode: 'training',
      why: 'test',
    });
    const after = s.sales.view(v.saleId);
    assert.deepEqual(
      after.tenders.map((t) => t.returned),
      [false, true, false, false, false],
    );
    assert.deepEqual([after.backCents, after.cashRefundableCents], [11_50 + 14_00, 14_00]);
    assert.equal(after.paidCents, 50_00, 'a part given back still counts as paid on the sale');
  } finally {
    s.done();
  }
});

test('a new tender on a sale: refused on a closed sale, in another currency, while a part is checked, and above what is due by a cent', async () => {
  const s = setUp();
  try {
    const v = s.sales.open(30_00, 'CAD', CASEY);
    s.card(v.saleId, 10_00, 'approved', { helcimId: 'h1' });
    assert.deepEqual(s.sales.tenderFor(v.saleId, 20_00, 'CAD', CASEY), { saleId: v.saleId, dueCents: 20_00 });
    assert.deepEqual(await refusal(() => s.sales.tenderFor(v.saleId, 20_01, 'CAD', CASEY)), {
      code: 'invalid_payload',
      key: 'error.sale.moreThanDue',
      message: 'Only $20.00 is still due on this sale: $20.01 is more than that. Nothing was taken.',
    });
    assert.deepEqual(await refusal(() => s.sales.tenderFor(v.saleId, 1_00, 'USD', CASEY)), {
      code: 'invalid_payload',
      key: 'error.sale.currency',
      message: 'This sale is in CAD.',
    });
    const wait = s.card(v.saleId, 5_00, 'unknown');
    assert.deepEqual(await refusal(() => s.sales.tenderFor(v.saleId, 1_00, 'CAD', CASEY)), {
      code: 'helcim_unknown_outcome',
      key: 'error.sale.checking',
      message:
        'A card payment of $5.00 for this sale is still being checked with Helcim. Wait for it before taking anything more, so the customer never pays twice.',
    });
    s.journal.settle(wait, 'approved', { detail: 'test', helcimTransactionId: 'h2' });
    s.cash(v.saleId, 15_00);
    assert.deepEqual(await refusal(() => s.sales.tenderFor(v.saleId, 1, 'CAD', CASEY)), {
      code: 'invalid_payload',
      key: 'error.sale.closed',
      message: 'This sale is already paid in full.',
    });
    assert.equal((await refusal(() => s.sales.tenderFor(randomUUID(), 1, 'CAD', CASEY))).key, 'error.sale.noSuch');
  } finally {
    s.done();
  }
});

test('a tender with no sale opens one for the screen’s total (or its own amount), written only when its journal row is', async () => {
  const s = setUp();
  try {
    const own = s.sales.tenderFor(undefined, 12_00, 'CAD', CASEY);
    assert.equal(own.dueCents, 12_00);
    assert.equal(s.sales.exists(own.saleId), false, 'nothing written yet');
    own.create!();
    const v = s.sales.view(own.saleId);
    assert.deepEqual([v.totalCents, v.language, v.currency], [12_00, 'fr-CA', 'CAD']);
    const part = s.sales.tenderFor(undefined, 5_00, 'USD', CASEY, { totalCents: 20_00, language: 'en-CA' });
    assert.equal(part.dueCents, 20_00);
    part.create!();
    assert.deepEqual([s.sales.view(part.saleId).totalCents, s.sales.view(part.saleId).language], [20_00, 'en-CA']);
    assert.equal(s.sales.tenderFor(undefined, 20_00, 'CAD', CASEY, { totalCents: 20_00 }).dueCents, 20_00);
    assert.deepEqual(await refusal(() => s.sales.tenderFor(undefined, 20_01, 'CAD', CASEY, { totalCents: 20_00 })), {
      code: 'invalid_payload',
      key: 'error.sale.moreThanDue',
      message: 'Only $20.00 is still due on this sale: $20.01 is more than that. Nothing was taken.',
    });
  } finally {
    s.done();
  }
});

test('a cart’s new total: only while open, in its currency, with no tender taken (not even a declined one)', async () => {
  const s = setUp();
  try {
    const v = s.sales.open(10_00, 'CAD', CASEY);
    s.clock.now = NOW + 1_000;
    s.sales.retotal(v.saleId, 12_00, 'CAD');
    assert.deepEqual([s.sales.view(v.saleId).totalCents, s.sales.view(v.saleId).language], [12_00, 'fr-CA']);
    s.sales.retotal(v.saleId, 13_00, 'CAD', 'en-CA');
    assert.equal(s.sales.view(v.saleId).language, 'en-CA');
    s.sales.retotal(v.saleId, 14_00, 'CAD');
    assert.equal(s.sales.view(v.saleId).language, 'en-CA', 'kept when not told');
    assert.equal(
      (s.db.prepare('SELECT updated_at FROM sales').get() as { updated_at: string }).updated_at,
      new Date(NOW + 1_000).toISOString(),
    );
    assert.deepEqual(await refusal(() => s.sales.retotal(v.saleId, 1, 'USD')), {
      code: 'invalid_payload',
      key: 'error.sale.currency',
      message: 'This sale is in CAD.',
    });
    s.card(v.saleId, 1_00, 'declined');
    assert.deepEqual(await refusal(() => s.sales.retotal(v.saleId, 1, 'CAD')), {
      code: 'invalid_payload',
      key: 'error.cart.tendersTaken',
      message: 'A payment was already taken on this sale: its lines can no longer change. Finish or abandon the sale.',
    });
    const w = s.sales.open(10_00, 'CAD', CASEY);
    s.sales.discard(w.saleId, CASEY);
    assert.deepEqual(await refusal(() => s.sales.retotal(w.saleId, 1, 'CAD')), {
      code: 'invalid_payload',
      key: 'error.sale.closed',
      message: 'This sale was abandoned.',
    });
  } finally {
    s.done();
  }
});

test('discard: only a sale with nothing paid and nothing being checked; a closed sale is left as it is', async () => {
  const s = setUp();
  try {
    const v = s.sales.open(10_00, 'CAD', CASEY);
    const d = s.sales.discard(v.saleId, CASEY);
    assert.deepEqual([d.state, d.message], ['abandoned', 'Abandoned: nothing was taken.']);
    assert.deepEqual(s.audits, ['casey sale.discarded sale 1 1000, nothing paid']);
    assert.equal(s.sales.discard(v.saleId, CASEY).state, 'abandoned', 'again: unchanged');
    assert.equal(s.audits.length, 1);
    const paid = s.sales.open(10_00, 'CAD', CASEY);
    s.cash(paid.saleId, 1_00);
    assert.deepEqual(await refusal(() => s.sales.discard(paid.saleId, CASEY)), {
      code: 'invalid_payload',
      key: 'error.sale.cannotDrop',
      message:
        '$1.00 has been taken on this sale: it cannot just be dropped. Take the rest, or abandon it with a manager (the money is given back).',
    });
    const checking = s.sales.open(10_00, 'CAD', CASEY);
    s.card(checking.saleId, 2_00, 'pending');
    assert.match((await refusal(() => s.sales.discard(checking.saleId, CASEY))).message, /^\$2\.00 has been taken/);
  } finally {
    s.done();
  }
});

test('abandon: each card part voided by the void token, cash handed back from the drawer, the sale closed with its approver', async () => {
  const s = setUp();
  try {
    const v = s.sales.open(100_00, 'CAD', CASEY);
    s.card(v.saleId, 10_00, 'approved', { helcimId: 'h1', tipCents: 1_00 });
    s.card(v.saleId, 20_00, 'approved', { helcimId: 'h2' });
    s.card(v.saleId, 5_00, 'declined', { helcimId: 'h3' });
    s.cash(v.saleId, 15_00);
    const after = await s.sales.abandon(String(v.number), CASEY, approval(11_00 + 20_00 + 15_00));
    assert.deepEqual(s.givenBack, [
      { id: 'h1', approver: 'morgan', slot: 'admin' },
      { id: 'h2', approver: 'morgan', slot: 'admin' },
    ]);
    const back = s.journal.bySale(v.saleId).filter((a) => a.kind === 'refund');
    assert.deepEqual(
      back.map((a) => [a.tender, a.amountCents, a.approverId, a.staffId, a.detail]),
      [['cash', 15_00, 'morgan', 'casey', 'sale 1 abandoned']],
    );
    assert.deepEqual(s.drawer, [{ attemptId: back[0]!.id, for: 'cash back' }]);
    assert.deepEqual(
      [after.state, after.message, after.backCents, after.dueCents],
      ['abandoned', 'Abandoned: everything taken was given back.', 0, 0],
    );
    assert.equal(
      (s.db.prepare('SELECT approver_id FROM sales').get() as { approver_id: string }).approver_id,
      'morgan',
    );
    assert.deepEqual(s.audits, ['casey sale.abandoned sale 1: 4600 given back (2 card, 1500 cash) approved by morgan']);
    assert.deepEqual(await refusal(s.sales.abandon(String(v.number), CASEY, approval(0))), {
      code: 'invalid_payload',
      key: 'error.sale.cannotAbandon',
      message: 'This sale was already abandoned.',
    });
  } finally {
    s.done();
  }
});

test('abandon with cards only: nothing recorded as cash and the drawer stays shut; with cash only, no token needed', async () => {
  const s = setUp({ voidRefused: true });
  try {
    const v = s.sales.open(50_00, 'CAD', CASEY);
    s.cash(v.saleId, 10_00);
    await s.sales.abandon(String(v.number), CASEY, approval(10_00));
    assert.equal(s.drawer.length, 1);
    const w = s.sales.open(50_00, 'CAD', CASEY);
    s.card(w.saleId, 10_00, 'approved', { helcimId: 'h1' });
    assert.deepEqual(await refusal(s.sales.abandon(String(w.number), CASEY, approval(10_00))), {
      code: 'token_missing',
      key: 'error.token.noVoid',
      message: 'No Helcim token may void payments.',
    });
    assert.equal(s.sales.view(w.saleId).state, 'open');
  } finally {
    s.done();
  }
  const t = setUp();
  try {
    const w = t.sales.open(50_00, 'CAD', CASEY);
    t.card(w.saleId, 10_00, 'approved', { helcimId: 'h1' });
    await t.sales.abandon(String(w.number), CASEY, approval(10_00));
    assert.deepEqual(t.drawer, []);
    assert.deepEqual(
      t.journal.bySale(w.saleId).filter((a) => a.tender === 'cash'),
      [],
    );
    assert.deepEqual(t.audits, ['casey sale.abandoned sale 1: 1000 given back (1 card, 0 cash) approved by morgan']);
  } finally {
    t.done();
  }
});

test('abandon is refused: paid in full, a part being checked, an approval for another amount, a void still out, more cash than the drawer holds', async () => {
  const s = setUp({ inDrawer: 14_99 });
  try {
    const paid = s.sales.open(10_00, 'CAD', CASEY);
    s.cash(paid.saleId, 10_00);
    assert.deepEqual(await refusal(s.sales.abandon(String(paid.number), CASEY, approval(0))), {
      code: 'invalid_payload',
      key: 'error.sale.cannotAbandon',
      message: 'This sale is paid in full: refund it instead.',
    });
    const v = s.sales.open(100_00, 'CAD', CASEY);
    const wait = s.card(v.saleId, 5_00, 'unknown');
    assert.deepEqual(await refusal(s.sales.abandon(String(v.number), CASEY, approval(0))), {
      code: 'helcim_unknown_outcome',
      key: 'error.sale.checkingAbandon',
      message: 'A card payment for this sale is still being checked with Helcim. Wait for it, then abandon the sale.',
    });
    s.journal.settle(wait, 'declined', { detail: 'test' });
    s.card(v.saleId, 10_00, 'approved', { helcimId: 'h1' });
    s.cash(v.saleId, 15_00);
    for (const wrong of [25_01, 24_99])
      assert.deepEqual(await refusal(s.sales.abandon(String(v.number), CASEY, approval(wrong))), {
        code: 'forbidden',
        key: 'error.approval.otherAmountSale',
        message: 'The manager’s approval was for a different amount than this sale gives back. Ask again.',
      });
    assert.deepEqual(await refusal(s.sales.abandon(String(v.number), CASEY, approval(25_00))), {
      code: 'invalid_payload',
      key: 'error.drawer.cannotHandBack',
      message: 'The drawer should hold $14.99: $15.00 cannot be handed back from it. Nothing was recorded.',
    });
    assert.deepEqual(s.givenBack, [], 'nothing given back before the drawer was checked');
    const voidOut = journaled(s.journal, {
      kind: 'reverse',
      cents: 10_00,
      state: 'pending',
      original: 'h1',
      approverId: 'morgan',
    });
    assert.deepEqual(await refusal(s.sales.abandon(String(v.number), CASEY, approval(25_00))), {
      code: 'helcim_unknown_outcome',
      key: 'error.sale.voidChecking',
      message: 'A void for this sale is still being checked with Helcim. Wait for it, then abandon the sale again.',
    });
    s.journal.settle(voidOut, 'unknown', { detail: 'lost' });
    assert.equal(
      (await refusal(s.sales.abandon(String(v.number), CASEY, approval(25_00)))).key,
      'error.sale.voidChecking',
    );
    assert.equal(s.sales.view(v.saleId).state, 'open');
    assert.deepEqual(
      s.journal.bySale(v.saleId).filter((a) => a.kind === 'refund'),
      [],
    );
  } finally {
    s.done();
  }
});

test('abandon with exactly what the drawer holds, or no drawer open, hands the cash back', async () => {
  for (const inDrawer of [15_00, null]) {
    const s = setUp({ inDrawer });
    try {
      const v = s.sales.open(100_00, 'CAD', CASEY);
      s.cash(v.saleId, 15_00);
      assert.equal(
        (await s.sales.abandon(String(v.number), CASEY, approval(15_00))).state,
        'abandoned',
        String(inDrawer),
      );
    } finally {
      s.done();
    }
  }
});

test('abandon: a card part Helcim does not give back stops it with the sale open; asked again, only what is left goes', async () => {
  let refuse = 'h2';
  const s = setUp({
    giveBack: (id) =>
      id === refuse
        ? ({ outcome: 'declined', message: 'Helcim did not approve the void.' } as MoneyReturn)
        : ({ outcome: 'approved', message: '' } as MoneyReturn),
  });
  try {
    const v = s.sales.open(100_00, 'CAD', CASEY);
    s.card(v.saleId, 10_00, 'approved', { helcimId: 'h1' });
    s.card(v.saleId, 20_00, 'approved', { helcimId: 'h2' });
    s.cash(v.saleId, 5_00);
    assert.deepEqual(await refusal(s.sales.abandon(String(v.number), CASEY, approval(35_00))), {
      code: 'helcim_declined',
      key: 'error.sale.partNotBack',
      message:
        'The $20.00 card part was not given back: Helcim did not approve the void. The sale stays open; ask again once it is settled.',
    });
    assert.equal(s.sales.view(v.saleId).state, 'open');
    assert.deepEqual(s.drawer, [], 'no cash handed back while a card part is not');
    refuse = '';
    // What goes back now: h2 and the cash ($25), h1 already voided.
    assert.equal(s.sales.view(v.saleId).backCents, 25_00);
    await s.sales.abandon(String(v.number), CASEY, approval(25_00));
    assert.deepEqual(
      s.givenBack.map((g) => g.id),
      ['h1', 'h2', 'h2'],
    );
    assert.equal(s.audits.at(-1), 'casey sale.abandoned sale 1: 2500 given back (1 card, 500 cash) approved by morgan');
  } finally {
    s.done();
  }
});

test('half paid and latest: only open sales with money taken or being checked; the latest sale, recorded if just paid', () => {
  const s = setUp();
  try {
    assert.equal(s.sales.latest(), null);
    const a = s.sales.open(10_00, 'CAD', CASEY);
    const b = s.sales.open(10_00, 'CAD', CASEY);
    const c = s.sales.open(10_00, 'CAD', CASEY);
    s.cash(b.saleId, 1_00);
    s.card(c.saleId, 2_00, 'pending');
    assert.deepEqual(
      s.sales.halfPaid().map((v) => v.number),
      [b.number, c.number],
    );
    assert.equal(a.state, 'open');
    s.clock.now = NOW + 9_000;
    s.cash(c.saleId, 8_00);
    s.journal.settle(s.journal.bySale(c.saleId)[0]!.id, 'approved', { detail: 't', helcimTransactionId: 'h1' });
    const latest = s.sales.latest()!;
    assert.deepEqual(
      [latest.sale.number, latest.sale.state, latest.staffId, latest.updatedAt],
      [3, 'paid', 'casey', new Date(NOW + 9_000).toISOString()],
    );
    assert.equal(s.sales.byNumber('2').cashRefundableCents, 1_00);
    assert.equal(s.sales.byNumber('3').state, 'paid');
  } finally {
    s.done();
  }
});

test('before a Z: open sales with nothing taken are discarded; a half-paid one, or one with a card part out, stops it in words', async () => {
  const s = setUp();
  try {
    const empty = s.sales.open(10_00, 'CAD', CASEY);
    s.sales.settleBeforeZ('morgan');
    assert.equal(s.sales.view(empty.saleId).state, 'abandoned');
    assert.deepEqual(s.audits, ['morgan sale.discarded sale 1 1000, nothing paid (end of day)']);
    const out = s.sales.open(10_00, 'CAD', CASEY);
    s.card(out.saleId, 4_00, 'unknown');
    assert.deepEqual(await refusal(() => s.sales.settleBeforeZ('morgan')), {
      code: 'invalid_payload',
      key: 'error.sale.zCardOpen',
      message:
        'Sale #2 has a card payment of $4.00 still open or being checked with Helcim. Finish it before the Z report.',
    });
    s.journal.settle(s.journal.bySale(out.saleId)[0]!.id, 'approved', { detail: 't', helcimTransactionId: 'h1' });
    assert.deepEqual(await refusal(() => s.sales.settleBeforeZ('morgan')), {
      code: 'invalid_payload',
      key: 'error.sale.zHalfPaid',
      message: 'Sale #2 is half paid ($4.00 of $10.00). Take the rest or abandon it (a manager) before the Z report.',
    });
    const more = s.sales.open(10_00, 'CAD', CASEY);
    s.cash(more.saleId, 1_00);
    assert.match((await refusal(() => s.sales.settleBeforeZ('morgan'))).message, /\(\$4\.00 of \$10\.00, and 1 more\)/);
    const third = s.sales.open(10_00, 'CAD', CASEY);
    s.cash(third.saleId, 1_00);
    assert.match((await refusal(() => s.sales.settleBeforeZ('morgan'))).message, /, and 2 more\)/);
    assert.equal(s.sales.view(out.saleId).state, 'open', 'a half-paid sale is never discarded');
  } finally {
    s.done();
  }
});

test('an old counter’s sales table without languages gets the column, its sales in English', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-sales-old-'));
  const db = openDatabase(path.join(dir, 'counter.sqlite'));
  const journal = new Journal(path.join(dir, 'journal.sqlite'));
  try {
    db.exec(`CREATE TABLE sales (number INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL, staff_id TEXT NOT NULL, total_cents INTEGER NOT NULL CHECK (total_cents > 0),
      currency TEXT NOT NULL, mode TEXT NOT NULL, state TEXT NOT NULL, approver_id TEXT)`);
    db.prepare(
      `INSERT INTO sales (id, created_at, updated_at, staff_id, total_cents, currency, mode, state) VALUES ('old', 'x', 'x', 'casey', 500, 'CAD', 'training', 'open')`,
    ).run();
    const sales = new SalesService({
      ...({} as SalesDeps),
      db,
      journal,
      now: () => NOW,
      mode: () => 'training',
      shopLanguage: () => 'fr-CA',
      linesOf: () => [],
      taxesOf: () => [],
      subtotalOf: () => 0,
      saleDiscountOf: () => null,
      audit: () => undefined,
    });
    assert.equal(sales.view('old').language, 'en-CA');
    // No rounding told (a counter before cash rounding): a cash part shows none.
    journal.recordCash({
      id: 'c1',
      amountCents: 5_00,
      tenderedCents: 5_00,
      currency: 'CAD',
      staffId: 'casey',
      saleId: 'old',
      mode: 'training',
    });
    assert.equal('roundingCents' in sales.view('old').tenders[0]!, false);
    assert.throws(() => db.prepare(`UPDATE sales SET language = 'de-DE'`).run(), /CHECK constraint/);
    assert.equal(sales.open(1_00, 'CAD', CASEY).language, 'fr-CA');
  } finally {
    journal.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a sale’s lines, their discounts added up, and its customer, as the screen shows them', () => {
  const s = setUp();
  try {
    const v = s.sales.open(10_00, 'CAD', CASEY);
    const deps = (s.sales as unknown as { deps: SalesDeps }).deps;
    deps.linesOf = () => [{ discountCents: 30 }, { discountCents: 0 }, { discountCents: 1_05 }] as never;
    deps.customerOf = (id) =>
      (id === v.saleId ? { customerCode: 'CUST-1', name: 'Ada', email: 'ada@example.com' } : null) as never;
    const view = s.sales.view(v.saleId);
    assert.equal(view.discountsCents, 1_35);
    assert.deepEqual(view.customer, { customerCode: 'CUST-1', name: 'Ada' }, 'only the code and the name');
    assert.equal(s.sales.open(1_00, 'CAD', CASEY).customer, null);
  } finally {
    s.done();
  }
});

test('only cash handed back is cash back; a card tender shows no cash handed over', async () => {
  const s = setUp();
  try {
    const v = s.sales.open(50_00, 'CAD', CASEY);
    s.cash(v.saleId, 10_00, 20_00);
    s.card(v.saleId, 10_00, 'approved', { helcimId: 'h1' });
    // A card refund naming the sale (the app never writes one so) is not money out of the drawer,
    // and is not a card part of the sale to give back.
    journaled(s.journal, {
      kind: 'refund',
      cents: 3_00,
      state: 'approved',
      saleId: v.saleId,
      helcimId: 'r1',
      original: 'h1',
    });
    const view = s.sales.view(v.saleId);
    assert.equal(view.cashRefundableCents, 10_00);
    assert.equal('tenderedCents' in view.tenders[1]!, false);
    assert.equal(view.tenders[0]!.tenderedCents, 20_00);
    // Abandoned: the card part went back already (that refund), the refund itself is no card part to give back.
    assert.equal(view.backCents, 10_00);
    await s.sales.abandon(String(v.number), CASEY, approval(10_00));
    assert.deepEqual(s.givenBack, []);
  } finally {
    s.done();
  }
});

test('an abandoned sale stays abandoned when a late approval brings it to its total; a paid one with a part being checked is not paid yet', async () => {
  const s = setUp();
  try {
    const v = s.sales.open(10_00, 'CAD', CASEY);
    s.card(v.saleId, 5_00, 'approved', { helcimId: 'h1' });
    await s.sales.abandon(String(v.number), CASEY, approval(5_00));
    s.card(v.saleId, 5_00, 'approved', { helcimId: 'h2' }); // approved after all, after the abandon
    const after = s.sales.view(v.saleId);
    assert.deepEqual([after.state, after.dueCents, after.backCents], ['abandoned', 0, 0]);
    const w = s.sales.open(10_00, 'CAD', CASEY);
    s.card(w.saleId, 10_00, 'approved', { helcimId: 'h3' });
    s.card(w.saleId, 1_00, 'pending');
    assert.equal(s.sales.view(w.saleId).state, 'open', 'paid in full only once nothing is being checked');
  } finally {
    s.done();
  }
});

test('a drawer that should hold less than nothing does not stop an abandon that hands no cash back', async () => {
  const s = setUp({ inDrawer: -1_00 });
  try {
    const v = s.sales.open(50_00, 'CAD', CASEY);
    s.card(v.saleId, 10_00, 'approved', { helcimId: 'h1' });
    assert.equal((await s.sales.abandon(String(v.number), CASEY, approval(10_00))).state, 'abandoned');
  } finally {
    s.done();
  }
});

test('a sale whose approvals reached its total is not half paid, and does not stop the Z', () => {
  const s = setUp();
  try {
    const v = s.sales.open(10_00, 'CAD', CASEY);
    // Paid by a card part the journal recorded; the sale row still says open until it is next viewed.
    journaled(s.journal, { kind: 'purchase', cents: 10_00, state: 'approved', saleId: v.saleId, helcimId: 'h1' });
    assert.equal((s.db.prepare('SELECT state FROM sales').get() as { state: string }).state, 'open');
    assert.deepEqual(s.sales.halfPaid(), []);
    s.sales.settleBeforeZ('morgan');
    assert.deepEqual(s.audits, [], 'not discarded either');
    assert.equal(s.sales.view(v.saleId).state, 'paid');
  } finally {
    s.done();
  }
});
