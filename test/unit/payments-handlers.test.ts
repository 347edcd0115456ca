/**
 * The payments feature's bridge handlers (main/payments/handlers.ts), on a real journal and a real sale
 * table, with the services behind them standing in and recording what they were asked: the rule that
 * nobody charges a card while an earlier outcome is unknown, at every door that charges (the issue-25
 * habit "one door only": each door tried, not the first); a sale's card part paying against its
 * invoice for its customer; a first tender that was refused closing the sale it opened; returns by line
 * handed to the money call; the lookup-day rule; the audit of pairing. The whole path (router, policy,
 * Helcim over HTTP) is in test/integration/bridge.test.ts, every-door and money-guards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { paymentHandlers, unresolvedCount, withInvoice, type PaymentsDeps } from '../../main/payments/handlers';
import { SalesService } from '../../main/payments/sales';
import { openDatabase } from '../../main/db';
import { Journal } from '../../main/journal/journal';
import { PosError } from '../../main/errors';
import type { Approval } from '../../main/policy/approvals';
import { localDay } from '../../common/days';
import { journaled, refusal } from '../support/journal-rows';

const CASHIER = { staffId: 'casey', name: 'Casey', role: 'cashier' as const };
const MANAGER = { staffId: 'morgan', name: 'Morgan', role: 'manager' as const };
const NOW = Date.parse('2026-12-07T18:00:00Z');
const APPROVAL = (amountCents: number): Approval => ({
  id: 'ap',
  action: 'refund',
  subject: '9001',
  amountCents,
  lines: null,
  cashierId: 'casey',
  windowId: 3,
  managerId: 'morgan',
  managerName: 'Morgan',
  expiresAt: NOW + 60_000,
});

function setUp() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-pay-handlers-'));
  const db = openDatabase(path.join(dir, 'counter.sqlite'));
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => NOW);
  const calls: unknown[][] = [];
  const note =
    (name: string, answer: (...a: unknown[]) => unknown = () => ({ from: name })) =>
    async (...a: unknown[]) => {
      calls.push([name, ...a]);
      return answer(...a);
    };
  const audits: string[] = [];
  const live = new Set<string>();
  const onScreen = new Set<string>();
  const state = {
    paired: true as boolean,
    deviceCode: 'AB12' as string | null,
    /** What reconciliation settles when it runs (ids). */
    reconcileSettles: [] as string[],
    startFails: null as Error | null,
    invoice: 'C1A2B3C4D-INV' as string | null,
    customer: null as { customerCode: string } | null,
  };
  const sales = new SalesService({
    db,
    journal,
    now: () => NOW,
    mode: () => 'training',
    audit: (actor, action, detail) => audits.push(`${actor} ${action} ${detail}`),
    returns: { giveBack: note('giveBack', () => ({ outcome: 'approved', message: '' })) as never },
    voidToken: () => ({ slot: 'admin' }),
    cashInDrawer: () => null,
    shopLanguage: () => 'en-CA',
    openDrawer: async () => undefined,
    linesOf: () => [],
    taxesOf: () => [],
    subtotalOf: () => 0,
    saleDiscountOf: () => null,
  });
  const starting = (name: string) =>
    note(name, (...a) => {
      if (state.startFails) throw state.startFails;
      return { attemptId: `${name}-attempt`, args: a.length };
    });
  const deps = {
    byLine: {
      saleOf: (id: string) => (
        calls.push(['saleOf', id]),
        id === 'paid-whole' ? ({ totalCents: 40_00 } as never) : null
      ),
      saleToReturn: (by: object) => (calls.push(['saleToReturn', by]), { saleId: 'S' } as never),
      givingBack: (sale: unknown, picks: unknown, cents: unknown) => (
        calls.push(['givingBack', sale, picks, cents]),
        { record: recordLines }
      ),
      givingBackAll: (sale: unknown) => (calls.push(['givingBackAll', sale]), { record: recordLines }),
    },
    invoices: {
      forCardPart: async (saleId: string, staffId: string) => {
        calls.push(['forCardPart', saleId, staffId]);
        return state.invoice ? { invoiceNumber: state.invoice } : null;
      },
    },
    customerOf: () => state.customer,
    savedCards: {
      recordConsent: (...a: unknown[]) => void calls.push(['recordConsent', ...a]),
      cards: note('cards', () => []),
      chargeSaved: note('chargeSaved'),
    },
    invoicePrefix: 'C1A2B3C4D',
    checkout: {
      start: starting('checkout.start'),
      finish: note('checkout.finish'),
      isLive: (id: string) => live.has(id),
    },
    returns: { search: note('search'), refund: note('refund'), reverse: note('reverse') },
    holds: { list: note('holds.list'), capture: note('capture'), release: note('release') },
    terminal: {
      start: starting('terminal.start'),
      paired: () => {
        if (!state.paired) throw new PosError('terminal_not_paired', 'error.terminal.notPaired');
        return 'AB12';
      },
      onScreen: (id: string) => onScreen.has(id),
      check: note('terminal.check'),
      cancel: note('terminal.cancel'),
      devices: note('terminal.devices'),
      pair: note('terminal.pair'),
      unpair: () => (calls.push(['terminal.unpair']), { deviceCode: null }),
      info: () => ({ deviceCode: state.deviceCode }),
    },
    cash: { sale: note('cash.sale'), refund: note('cash.refund') },
    sales,
    drawer: {
      view: note('drawer.view'),
      open: note('drawer.open'),
      move: note('drawer.move'),
      close: note('drawer.close'),
    },
    audit: (actor: string, action: string, detail: string) => audits.push(`${actor} ${action} ${detail}`),
    reconciler: {
      run: async () => {
        calls.push(['reconcile']);
        for (const id of state.reconcileSettles) journal.settle(id, 'declined', { detail: 'reconciled' });
      },
    },
    journal,
    now: () => NOW,
  } as unknown as PaymentsDeps;
  const h = paymentHandlers(deps);
  const ctx = (over: object = {}) =>
    ({ windowId: 3, session: CASHIER, token: 'sales', approval: APPROVAL(40_00), ...over }) as never;
  const named = (name: string) => calls.filter((c) => c[0] === name);
  const done = () => {
    journal.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, journal, sales, calls, named, audits, live, onScreen, state, deps, h, ctx, done };
}
const recordLines = () => undefined;

test('the status bar counts every unresolved attempt but a card form or a terminal sale still on its starter’s screen', () => {
  const s = setUp();
  try {
    const form = journaled(s.journal, { kind: 'purchase', cents: 1_00, state: 'pending' });
    const term = journaled(s.journal, { kind: 'purchase', cents: 1_00, state: 'pending' });
    journaled(s.journal, { kind: 'refund', cents: 1_00, state: 'unknown', original: 'x' });
    journaled(s.journal, { kind: 'capture', cents: 1_00, state: 'pending', original: 'y' });
    journaled(s.journal, { kind: 'purchase', cents: 1_00, state: 'approved' });
    assert.equal(unresolvedCount(s.deps), 4);
    s.live.add(form);
    assert.equal(unresolvedCount(s.deps), 3);
    s.onScreen.add(term);
    assert.equal(unresolvedCount(s.deps), 2);
  } finally {
    s.done();
  }
});

// Every door that charges a card, with a payload it accepts.
const CHARGING_DOORS: [string, Record<string, unknown>][] = [
  ['purchase.start', { amountCents: 5_00, currency: 'CAD' }],
  ['verify.start', { currency: 'CAD' }],
  ['preauth.start', { amountCents: 5_00, currency: 'CAD' }],
  ['terminal.start', { amountCents: 5_00, currency: 'CAD' }],
  ['customers.saveCard', { customerCode: 'CUST-1', currency: 'CAD' }],
  ['sale.chargeSavedCard', { amountCents: 5_00, currency: 'CAD', cardId: 7 }],
];
const call = (s: ReturnType<typeof setUp>, op: string, p: Record<string, unknown>, ctx: object = {}) =>
  (s.h as unknown as Record<string, (p: unknown, c: unknown) => Promise<unknown>>)[op]!(p, s.ctx(ctx));

test('no door charges a card while an earlier purchase, verification or hold is unknown: reconciliation runs first, then it is refused', async () => {
  for (const [op, payload] of CHARGING_DOORS)
    for (const kind of ['purchase', 'verify', 'preauth'] as const) {
      const s = setUp();
      try {
        const p =
          op === 'sale.chargeSavedCard' ? { ...payload, saleId: s.sales.open(5_00, 'CAD', CASHIER).saleId } : payload;
        journaled(s.journal, { kind, cents: 1_00, state: 'unknown' });
        assert.deepEqual(await refusal(call(s, op, p)), {
          code: 'helcim_unknown_outcome',
          key: 'error.payment.earlierChecking',
          message:
            'An earlier payment is still being checked with Helcim. Wait until the status bar stops saying “Checking”, so no card is charged twice.',
        });
        assert.equal(s.named('reconcile').length, 1, `${op} after a ${kind}: reconciliation asked first`);
        for (const started of ['checkout.start', 'terminal.start', 'chargeSaved', 'forCardPart'])
          assert.equal(s.named(started).length, 0, `${op}: nothing started`);
      } finally {
        s.done();
      }
    }
});

test('every charging door goes ahead once reconciliation settles the earlier payment, and without asking it when nothing is unknown', async () => {
  for (const [op, payload] of CHARGING_DOORS) {
    const s = setUp();
    try {
      const p =
        op === 'sale.chargeSavedCard' ? { ...payload, saleId: s.sales.open(5_00, 'CAD', CASHIER).saleId } : payload;
      await call(s, op, p);
      assert.equal(s.named('reconcile').length, 0, `${op}: nothing unknown, nothing asked`);
      const stuck = journaled(s.journal, { kind: 'purchase', cents: 1_00, state: 'pending' });
      s.state.reconcileSettles = [stuck];
      await call(s, op, p);
      assert.equal(s.named('reconcile').length, 1, op);
    } finally {
      s.done();
    }
  }
});

test('a card form open on a screen, or an unknown refund, does not hold the next charge back', async () => {
  const s = setUp();
  try {
    const open = journaled(s.journal, { kind: 'purchase', cents: 1_00, state: 'pending' });
    s.live.add(open);
    journaled(s.journal, { kind: 'refund', cents: 1_00, state: 'unknown', original: 'z' });
    journaled(s.journal, { kind: 'reverse', cents: 1_00, state: 'pending', original: 'z' });
    await call(s, 'verify.start', { currency: 'CAD' });
    assert.equal(s.named('reconcile').length, 0);
    assert.equal(s.named('checkout.start').length, 1);
  } finally {
    s.done();
  }
});

test('the card doors pass what they were given: the kind, the amount, the window, the slot, and the sale', async () => {
  const s = setUp();
  try {
    await call(s, 'verify.start', { currency: 'USD' });
    await call(s, 'preauth.start', { amountCents: 7_00, currency: 'CAD' });
    const [verify, preauth] = s.named('checkout.start');
    assert.deepEqual(verify!.slice(1), ['verify', 0, 'USD', CASHIER, 3, 'sales']);
    assert.deepEqual(preauth!.slice(1), ['preauth', 7_00, 'CAD', CASHIER, 3, 'sales']);
    const r = (await call(s, 'purchase.start', {
      amountCents: 5_00,
      currency: 'CAD',
      newSale: { totalCents: 9_00 },
    })) as {
      saleId: string;
      attemptId: string;
    };
    const purchase = s.named('checkout.start')[2]!;
    assert.deepEqual(purchase.slice(1, 7), ['purchase', 5_00, 'CAD', CASHIER, 3, 'sales']);
    const sale = purchase[7] as { saleId: string; dueCents: number; create?: () => void };
    assert.deepEqual([sale.saleId, sale.dueCents, typeof sale.create], [r.saleId, 9_00, 'function']);
    assert.equal(r.attemptId, 'checkout.start-attempt', 'the service’s answer, with the sale’s id');
    assert.deepEqual(s.named('forCardPart'), [], 'a sale this tender opens has no invoice');
  } finally {
    s.done();
  }
});

test('a card part of an existing sale pays against its invoice for its customer; no invoice, no customer: neither named', async () => {
  const s = setUp();
  try {
    const v = s.sales.open(20_00, 'CAD', CASHIER);
    s.state.customer = { customerCode: 'CUST-9' };
    await call(s, 'terminal.start', { saleId: v.saleId, amountCents: 5_00, currency: 'CAD' });
    assert.deepEqual(s.named('forCardPart'), [['forCardPart', v.saleId, 'casey']]);
    const sale = s.named('terminal.start')[0]![6] as Record<string, unknown>;
    assert.deepEqual(sale, {
      saleId: v.saleId,
      dueCents: 20_00,
      invoiceNumber: 'C1A2B3C4D-INV',
      customerCode: 'CUST-9',
    });
    s.state.invoice = null;
    s.state.customer = null;
    assert.deepEqual(await withInvoice(s.deps, { saleId: v.saleId, dueCents: 20_00 }, 'casey'), {
      saleId: v.saleId,
      dueCents: 20_00,
    });
    await call(s, 'sale.chargeSavedCard', { saleId: v.saleId, amountCents: 5_00, currency: 'CAD', cardId: 7 });
    const [, p, currency, session, slot, prefix] = s.named('chargeSaved')[0]!;
    assert.deepEqual(p, { saleId: v.saleId, invoiceNumber: null, cardId: 7, amountCents: 5_00 });
    assert.deepEqual([currency, session, slot, prefix], ['CAD', CASHIER, 'sales', 'C1A2B3C4D']);
    s.state.invoice = 'C1A2B3C4D-INV2';
    await call(s, 'sale.chargeSavedCard', { saleId: v.saleId, amountCents: 5_00, currency: 'CAD', cardId: 7 });
    assert.equal((s.named('chargeSaved')[1]![1] as { invoiceNumber: string }).invoiceNumber, 'C1A2B3C4D-INV2');
  } finally {
    s.done();
  }
});

test('no terminal paired: refused before an invoice is made for nothing', async () => {
  const s = setUp();
  try {
    const v = s.sales.open(20_00, 'CAD', CASHIER);
    s.state.paired = false;
    assert.equal(
      (await refusal(call(s, 'terminal.start', { saleId: v.saleId, amountCents: 5_00, currency: 'CAD' }))).key,
      'error.terminal.notPaired',
    );
    assert.deepEqual([s.named('forCardPart'), s.named('terminal.start')], [[], []]);
  } finally {
    s.done();
  }
});

test('a first tender refused after its sale was written closes that sale; an existing sale, or one with a part being checked, stays open', async () => {
  for (const op of ['purchase.start', 'terminal.start']) {
    const s = setUp();
    try {
      const refused = new PosError('terminal_not_listening', 'error.internal');
      // The service writes the sale with its attempt (cancelled), then refuses.
      (s.deps.checkout as unknown as { start: unknown }).start = (
        s.deps.terminal as unknown as { start: unknown }
      ).start = async (...a: unknown[]) => {
        const sale = a.at(-1) as { saleId: string; create?: () => void };
        journaled(s.journal, { kind: 'purchase', cents: 5_00, state: 'cancelled', saleId: sale.saleId });
        sale.create?.();
        throw refused;
      };
      await assert.rejects(call(s, op, { amountCents: 5_00, currency: 'CAD' }), (e) => e === refused);
      const [row] = s.db.prepare('SELECT id, state FROM sales').all() as { id: string; state: string }[];
      assert.equal(row!.state, 'abandoned', `${op}: the sale it opened is closed`);
      assert.deepEqual(s.audits, [`casey sale.discarded sale 1 500, nothing paid`]);
      // A sale that already existed is left as it was.
      const v = s.sales.open(20_00, 'CAD', CASHIER);
      await assert.rejects(call(s, op, { saleId: v.saleId, amountCents: 5_00, currency: 'CAD' }));
      assert.equal(s.sales.view(v.saleId).state, 'open');
    } finally {
      s.done();
    }
  }
  // Refused before anything was written (no sale row): nothing to close.
  const t = setUp();
  try {
    t.state.startFails = new PosError('helcim_unavailable', 'error.internal');
    await assert.rejects(call(t, 'purchase.start', { amountCents: 5_00, currency: 'CAD' }));
    assert.deepEqual(t.db.prepare('SELECT * FROM sales').all(), []);
  } finally {
    t.done();
  }
  // A first tender whose answer was lost (its attempt being checked) keeps its sale open for reconciliation.
  const u = setUp();
  try {
    const lost = new PosError('helcim_unknown_outcome', 'error.internal');
    (u.deps.checkout as unknown as { start: unknown }).start = async (...a: unknown[]) => {
      const sale = a.at(-1) as { saleId: string; create?: () => void };
      journaled(u.journal, { kind: 'purchase', cents: 5_00, state: 'unknown', saleId: sale.saleId });
      sale.create?.();
      throw lost;
    };
    await assert.rejects(call(u, 'purchase.start', { amountCents: 5_00, currency: 'CAD' }), (e) => e === lost);
    assert.equal((u.db.prepare('SELECT state FROM sales').get() as { state: string }).state, 'open');
  } finally {
    u.done();
  }
});

test('transactions: a cashier looks up today only, a manager any day; the search gets the filters and the slot', async () => {
  const s = setUp();
  try {
    const today = localDay(NOW);
    await call(s, 'transactions.search', { date: today, last4: '4242' });
    await call(s, 'transactions.search', {});
    await call(s, 'transactions.search', { date: '2026-11-30' }, { session: MANAGER, token: 'admin' });
    assert.deepEqual(
      s.named('search').map((c) => c.slice(1)),
      [
        [{ date: today, last4: '4242' }, 'sales'],
        [{}, 'sales'],
        [{ date: '2026-11-30' }, 'admin'],
      ],
    );
    assert.deepEqual(await refusal(call(s, 'transactions.search', { date: '2026-11-30' })), {
      code: 'forbidden',
      key: 'error.policy.otherDays',
      message: 'Cashiers can look up today’s payments. Ask a manager for other days.',
    });
  } finally {
    s.done();
  }
});

test('a refund by line: the lines of the payment’s sale, at the approved amount, written with the refund; without lines, none', async () => {
  const s = setUp();
  try {
    const lines = [{ position: 1, quantityMilli: 1000 }];
    await call(s, 'refund.submit', { transactionId: '9001', amountCents: 15_00, lines });
    assert.deepEqual(s.named('saleToReturn'), [['saleToReturn', { transactionId: '9001' }]]);
    assert.deepEqual(s.named('givingBack'), [['givingBack', { saleId: 'S' }, lines, 15_00]]);
    assert.deepEqual(s.named('refund')[0]!.slice(1), ['9001', 15_00, CASHIER, APPROVAL(40_00), 'sales', recordLines]);
    await call(s, 'refund.submit', { transactionId: '9002', amountCents: 1_00 });
    assert.deepEqual(s.named('refund')[1]!.slice(1), ['9002', 1_00, CASHIER, APPROVAL(40_00), 'sales', undefined]);
    await call(s, 'cash.refund', { saleNumber: '4', amountCents: 2_00, lines });
    assert.deepEqual(s.named('saleToReturn')[1], ['saleToReturn', { saleNumber: '4' }]);
    assert.deepEqual(s.named('cash.refund')[0]!.slice(1), ['4', 2_00, CASHIER, APPROVAL(40_00), recordLines]);
    await call(s, 'cash.refund', { saleNumber: '4', amountCents: 2_00 });
    assert.deepEqual(s.named('cash.refund')[1]!.slice(1), ['4', 2_00, CASHIER, APPROVAL(40_00), undefined]);
  } finally {
    s.done();
  }
});

test('a void of the payment that paid a whole cart gives every line back — at its total exactly, not a cent less', async () => {
  const s = setUp();
  try {
    await call(s, 'reverse.submit', { transactionId: 'paid-whole' }, { approval: APPROVAL(40_00) });
    await call(s, 'reverse.submit', { transactionId: 'paid-whole' }, { approval: APPROVAL(39_99) });
    await call(s, 'reverse.submit', { transactionId: 'a-payment-alone' }, { approval: APPROVAL(40_00) });
    assert.deepEqual(s.named('givingBackAll'), [['givingBackAll', { totalCents: 40_00 }]]);
    assert.deepEqual(
      s.named('reverse').map((c) => [c[1], c[5]]),
      [
        ['paid-whole', recordLines],
        ['paid-whole', undefined],
        ['a-payment-alone', undefined],
      ],
    );
    assert.deepEqual(s.named('reverse')[0]!.slice(2, 5), [CASHIER, APPROVAL(40_00), 'sales']);
  } finally {
    s.done();
  }
});

test('pairing and unpairing a terminal are audited with its code', async () => {
  const s = setUp();
  try {
    await call(s, 'terminal.pair', { deviceCode: 'CD34' }, { session: MANAGER, token: 'admin' });
    assert.deepEqual(s.named('terminal.pair')[0]!.slice(1), ['CD34', 'admin']);
    await call(s, 'terminal.unpair', {}, { session: MANAGER });
    s.state.deviceCode = null;
    await call(s, 'terminal.unpair', {}, { session: MANAGER });
    assert.deepEqual(s.audits, [
      'morgan terminal.paired CD34',
      'morgan terminal.unpaired AB12',
      'morgan terminal.unpaired ',
    ]);
  } finally {
    s.done();
  }
});

test('saving a customer’s card: the customer looked up first, a verification under their code, their consent recorded with it', async () => {
  const s = setUp();
  try {
    const r = await call(s, 'customers.saveCard', { customerCode: 'CUST-1', currency: 'CAD' });
    assert.deepEqual(s.named('cards'), [['cards', 'CUST-1']]);
    assert.deepEqual(s.named('checkout.start')[0]!.slice(1), [
      'verify',
      0,
      'CAD',
      CASHIER,
      3,
      'sales',
      undefined,
      'CUST-1',
    ]);
    assert.deepEqual(s.named('recordConsent'), [['recordConsent', 'CUST-1', 'checkout.start-attempt', 'casey']]);
    assert.deepEqual(r, { attemptId: 'checkout.start-attempt', args: 8 });
    // A customer Helcim does not have: nothing started, no consent.
    (s.deps.savedCards as unknown as { cards: unknown }).cards = async () => {
      throw new PosError('helcim_bad_request', 'error.internal');
    };
    await assert.rejects(call(s, 'customers.saveCard', { customerCode: 'NOPE', currency: 'CAD' }));
    assert.equal(s.named('checkout.start').length, 1);
    assert.equal(s.named('recordConsent').length, 1);
  } finally {
    s.done();
  }
});

test('the other doors hand their payload and context to their service unchanged', async () => {
  const s = setUp();
  try {
    const v = s.sales.open(10_00, 'CAD', CASHIER);
    const checks: [string, Record<string, unknown>, object, string, unknown[]][] = [
      ['checkout.finish', { attemptId: 'a1', event: { e: 1 } }, {}, 'checkout.finish', ['a1', { e: 1 }, CASHIER, 3]],
      ['holds.list', {}, {}, 'holds.list', ['sales']],
      ['capture.submit', { transactionId: 't1', amountCents: 3_00 }, {}, 'capture', ['t1', 3_00, CASHIER, 'sales']],
      ['release.submit', { transactionId: 't1' }, {}, 'release', ['t1', CASHIER, APPROVAL(40_00), 'sales']],
      [
        'cash.sale',
        { amountCents: 5_00, tenderedCents: 10_00, currency: 'CAD', saleId: 'S1', newSale: { totalCents: 5_00 } },
        {},
        'cash.sale',
        [5_00, 10_00, 'CAD', CASHIER, 'S1', { totalCents: 5_00 }],
      ],
      ['drawer.status', {}, {}, 'drawer.view', ['cashier']],
      ['drawer.open', { amountCents: 100_00 }, {}, 'drawer.open', [100_00, CASHIER, APPROVAL(40_00)]],
      [
        'drawer.payIn',
        { amountCents: 1_00, reason: 'float' },
        {},
        'drawer.move',
        ['in', 1_00, 'float', CASHIER, APPROVAL(40_00)],
      ],
      [
        'drawer.payOut',
        { amountCents: 2_00, reason: 'milk' },
        {},
        'drawer.move',
        ['out', 2_00, 'milk', CASHIER, APPROVAL(40_00)],
      ],
      ['drawer.close', { countedCents: 99_00 }, {}, 'drawer.close', [99_00, CASHIER]],
      ['terminal.check', { attemptId: 'a2' }, {}, 'terminal.check', ['a2', 3]],
      ['terminal.cancel', { attemptId: 'a3' }, {}, 'terminal.cancel', ['a3', 3]],
      ['terminal.devices', {}, { token: 'admin' }, 'terminal.devices', ['admin']],
    ];
    for (const [op, p, c, service, args] of checks) {
      const before = s.named(service).length;
      const answer = await call(s, op, p, c);
      const made = s.named(service);
      assert.equal(made.length, before + 1, op);
      assert.deepEqual(made.at(-1)!.slice(1), args, op);
      assert.deepEqual(answer, { from: service }, `${op}: the service’s answer`);
    }
    const opened = (await call(s, 'sale.open', { amountCents: 12_00, currency: 'USD', language: 'fr-CA' })) as {
      totalCents: number;
      currency: string;
      language: string;
    };
    assert.deepEqual([opened.totalCents, opened.currency, opened.language], [12_00, 'USD', 'fr-CA']);
    assert.equal(((await call(s, 'sale.get', { saleId: v.saleId })) as { number: number }).number, 1);
    assert.equal(((await call(s, 'sale.discard', { saleId: v.saleId })) as { state: string }).state, 'abandoned');
    assert.equal(s.audits.at(-1), 'casey sale.discarded sale 1 1000, nothing paid');
    const half = s.sales.open(10_00, 'CAD', CASHIER);
    journaled(s.journal, { kind: 'purchase', cents: 4_00, state: 'approved', saleId: half.saleId, helcimId: 'h1' });
    await call(
      s,
      'sale.abandon',
      { saleNumber: String(s.sales.view(half.saleId).number) },
      { approval: APPROVAL(4_00) },
    );
    assert.deepEqual(s.named('giveBack')[0]!.slice(1, 4), ['h1', CASHIER, 'morgan']);
  } finally {
    s.done();
  }
});
