/**
 * The card form's rules (main/payments/checkout.ts: HelcimPay.js purchase, verify, hold), one at a
 * time, on a real journal with Helcim's answers scripted here and the result's hash computed here from
 * HELCIM.md's words (SHA-256 of the JSON of `data` then the secret token; these data are plain ASCII
 * with no "/", where PHP's json_encode and JSON.stringify agree) — not with the app's encoder.
 *
 * Journaled before it starts; the secret token never handed out; only the window and person that
 * opened a form may finish it; a result counts only with its hash and its fields matching the attempt;
 * a close or an abort is believed only when Helcim's list shows no approval; the windows of 60
 * minutes, 5 minutes, 15 seconds and 3 minutes as literals. The whole path through the bridge and the
 * simulator is in test/integration (bridge, cashier-flows, money-guards, fault-matrix).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { CheckoutService } from '../../main/payments/checkout';
import { LateApprovals } from '../../main/payments/late-approvals';
import { Journal } from '../../main/journal/journal';
import { PosError } from '../../main/errors';
import type { CardTransaction, HelcimClient } from '../../main/helcim/client';
import type { CheckoutEvent } from '../../common/contract';
import type { TokenSlot } from '../../main/policy/table';
import { cardRow } from '../support/card-rows';
import { refusal as refused } from '../support/journal-rows';

const CASEY = { staffId: 'casey', name: 'Casey', role: 'cashier' as const };
const ROBIN = { staffId: 'robin', name: 'Robin', role: 'cashier' as const };
const NOW = Date.parse('2026-12-07T18:00:00Z');
const MINUTE = 60_000;

type Init = Parameters<HelcimClient['initializeCheckout']>[1];

function setUp(o: { prefix?: string } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-checkout-'));
  const clock = { now: NOW };
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => clock.now);
  const inits: { token: string; p: Init }[] = [];
  const lists: { token: string; invoiceNumber?: string }[] = [];
  const audits: string[] = [];
  const script = {
    init: async (p: Init) => ({
      checkoutToken: `ct-${inits.length - 1}`,
      secretToken: `secret-${inits.length - 1}`,
      p,
    }),
    list: async (_invoiceNumber: string): Promise<CardTransaction[]> => [],
  };
  const client = {
    initializeCheckout: async (token: string, p: Init) => {
      inits.push({ token, p });
      const r = await script.init(p);
      return { checkoutToken: r.checkoutToken, secretToken: r.secretToken };
    },
    listCardTransactions: async (token: string, f: { invoiceNumber?: string }) => {
      lists.push({ token, invoiceNumber: f.invoiceNumber });
      return script.list(f.invoiceNumber!);
    },
  } as unknown as HelcimClient;
  const late = new LateApprovals({
    journal,
    now: () => clock.now,
    audit: (actor, action, detail) => audits.push(`${actor} ${action} ${detail}`),
  });
  const checkout = new CheckoutService({
    client: () => client,
    journal,
    token: async (slot: TokenSlot) => `token-${slot}`,
    scriptUrl: () => 'https://secure.helcim.app/helcim-pay/services/start.js',
    hostUrl: () => 'app://counter/helcim-pay.html',
    mode: () => 'training',
    now: () => clock.now,
    ...(o.prefix ? { invoicePrefix: o.prefix } : {}),
    late,
  });
  const done = () => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { clock, journal, inits, lists, audits, script, checkout, done };
}

/** The refusal's code and catalog key (the words are the catalogs', tested in test/unit/i18n). */
const refusal = async (p: Promise<unknown>) => {
  const { code, key } = await refused(p);
  return { code, key };
};

/** HelcimPay.js's SUCCESS message for `data`, hashed with `secret` as HELCIM.md says Helcim does. */
function success(checkoutToken: string, data: Record<string, unknown>, secret: string): CheckoutEvent {
  const hash = createHash('sha256')
    .update(JSON.stringify(data) + secret)
    .digest('hex');
  return {
    eventName: `helcim-pay-js-${checkoutToken}`,
    eventStatus: 'SUCCESS',
    eventMessage: JSON.stringify({ data, hash }),
  } as CheckoutEvent;
}
const closedBy = (checkoutToken: string, status: 'HIDE' | 'ABORTED', message: unknown = ''): CheckoutEvent =>
  ({ eventName: `helcim-pay-js-${checkoutToken}`, eventStatus: status, eventMessage: message }) as CheckoutEvent;

/** What Helcim's card form sends back for an approved purchase of $12.34 under `invoiceNumber`. */
const approvedData = (invoiceNumber: string, over: Record<string, unknown> = {}) => ({
  transactionId: '8001',
  status: 'APPROVED',
  type: 'purchase',
  amount: '12.34',
  currency: 'CAD',
  approvalCode: 'T1',
  cardNumber: '4242424242',
  cardType: 'VI',
  invoiceNumber,
  ...over,
});

test('start: journaled (pending, its key, its invoice number) before Helcim is asked; only the checkout token handed out', async () => {
  const s = setUp({ prefix: 'C1A2B3C4D' });
  try {
    let whileOut: unknown[] = [];
    s.script.init = async (p) => {
      whileOut = s.journal.list().map((a) => [a.state, a.idempotencyKey, a.reference]);
      return { checkoutToken: 'ct-x', secretToken: 'very-secret', p };
    };
    const start = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const a = s.journal.get(start.attemptId)!;
    assert.match(a.reference!, /^C1A2B3C4D-[0-9A-F]{12}$/);
    assert.equal(a.reference, `C1A2B3C4D-${start.attemptId.replace(/-/g, '').slice(0, 12).toUpperCase()}`);
    assert.deepEqual(whileOut, [['pending', a.idempotencyKey, a.reference]]);
    assert.deepEqual(
      [a.kind, a.amountCents, a.currency, a.staffId, a.approverId, a.saleId, a.mode],
      ['purchase', 12_34, 'CAD', 'casey', null, null, 'training'],
    );
    assert.deepEqual(s.inits, [
      {
        token: 'token-sales',
        p: {
          paymentType: 'purchase',
          amountCents: 12_34,
          currency: 'CAD',
          invoiceNumber: a.reference,
          idempotencyKey: a.idempotencyKey,
        },
      },
    ]);
    assert.deepEqual(start, {
      attemptId: a.id,
      kind: 'purchase',
      amountCents: 12_34,
      currency: 'CAD',
      checkoutToken: 'ct-x',
      scriptUrl: 'https://secure.helcim.app/helcim-pay/services/start.js',
      hostUrl: 'app://counter/helcim-pay.html',
    });
    assert.ok(!JSON.stringify(start).includes('very-secret'));
  } finally {
    s.done();
  }
});

test('start: a counter with no prefix says POS; a sale’s part pays against the sale’s invoice, written with the sale', async () => {
  const s = setUp();
  try {
    const alone = await s.checkout.start('verify', 0, 'USD', CASEY, 1, 'admin', undefined, 'CUST-9');
    assert.match(s.journal.get(alone.attemptId)!.reference!, /^POS-[0-9A-F]{12}$/);
    assert.equal(s.inits[0]!.token, 'token-admin');
    assert.equal(s.inits[0]!.p.customerCode, 'CUST-9', 'a verification that saves this customer’s card');
    let created = 0;
    const part = await s.checkout.start('purchase', 5_00, 'CAD', CASEY, 1, 'sales', {
      saleId: 'sale-1',
      dueCents: 5_00,
      invoiceNumber: 'C1A2B3C4D-ABCDE12345',
      customerCode: 'CUST-1',
      create: () => created++,
    });
    const a = s.journal.get(part.attemptId)!;
    assert.deepEqual([a.reference, a.saleId, created], ['C1A2B3C4D-ABCDE12345', 'sale-1', 1]);
    assert.equal(s.inits[1]!.p.invoiceNumber, 'C1A2B3C4D-ABCDE12345');
    assert.equal(s.inits[1]!.p.customerCode, 'CUST-1');
    // The sale's customer wins over one given beside it; none at all: none named.
    await s.checkout.start(
      'purchase',
      1_00,
      'CAD',
      CASEY,
      1,
      'sales',
      { saleId: 's2', dueCents: 1_00, customerCode: 'A' },
      'B',
    );
    assert.equal(s.inits[2]!.p.customerCode, 'A');
    await s.checkout.start('purchase', 1_00, 'CAD', CASEY, 1, 'sales', { saleId: 's3', dueCents: 1_00 });
    assert.equal('customerCode' in s.inits[3]!.p, false);
  } finally {
    s.done();
  }
});

test('start: the form never opened — the attempt ends cancelled, saying why, and the error goes to the screen', async () => {
  for (const thrown of [new PosError('helcim_unavailable', 'error.internal'), new Error('boom')]) {
    const s = setUp();
    try {
      s.script.init = async () => {
        throw thrown;
      };
      await assert.rejects(s.checkout.start('purchase', 1_00, 'CAD', CASEY, 1, 'sales'), (e) => e === thrown);
      const [a] = s.journal.list();
      const code = thrown instanceof PosError ? 'helcim_unavailable' : 'internal';
      assert.deepEqual([a!.state, a!.detail], ['cancelled', `checkout did not start (${code})`]);
      assert.equal(s.checkout.isOpen(a!.id), false);
    } finally {
      s.done();
    }
  }
});

test('open for Helcim’s 60 minutes to the millisecond, live for 5; then swept as unknown', async () => {
  const s = setUp();
  try {
    const { attemptId: id } = await s.checkout.start('purchase', 1_00, 'CAD', CASEY, 7, 'sales');
    assert.deepEqual(
      [s.checkout.isOpen(id), s.checkout.isLive(id), s.checkout.liveIn(7), s.checkout.liveIn(8)],
      [true, true, true, false],
    );
    assert.equal(s.checkout.liveCount(), 1);
    s.clock.now = NOW + 5 * MINUTE;
    assert.equal(s.checkout.isLive(id), true, 'live at 5 minutes exactly');
    s.clock.now = NOW + 5 * MINUTE + 1;
    assert.deepEqual([s.checkout.isLive(id), s.checkout.liveIn(7), s.checkout.liveCount()], [false, false, 0]);
    assert.equal(s.checkout.isOpen(id), true);
    s.clock.now = NOW + 60 * MINUTE;
    assert.equal(s.checkout.isOpen(id), true, 'open at 60 minutes exactly');
    // Another start sweeps: still inside 60 minutes, nothing happens to it.
    await s.checkout.start('verify', 0, 'CAD', CASEY, 8, 'sales');
    assert.equal(s.journal.get(id)!.state, 'pending');
    s.clock.now = NOW + 60 * MINUTE + 1;
    assert.equal(s.checkout.isOpen(id), false);
    await s.checkout.start('verify', 0, 'CAD', CASEY, 8, 'sales');
    assert.deepEqual(
      [s.journal.get(id)!.state, s.journal.get(id)!.detail],
      ['unknown', 'checkout expired without a result'],
    );
    assert.deepEqual(await refusal(s.checkout.finish(id, closedBy('ct-0', 'HIDE'), CASEY, 7)), {
      code: 'checkout_invalid',
      key: 'error.checkout.finished',
    });
    assert.deepEqual(await refusal(s.checkout.finish('no-such-id', closedBy('ct-0', 'HIDE'), CASEY, 7)), {
      code: 'checkout_invalid',
      key: 'error.checkout.noSuch',
    });
  } finally {
    s.done();
  }
});

test('abandoned when the window’s session ends: unknown at once, once only, its window’s alone; open to reconciliation after 15 s', async () => {
  const s = setUp();
  try {
    const mine = await s.checkout.start('purchase', 1_00, 'CAD', CASEY, 1, 'sales');
    const other = await s.checkout.start('purchase', 2_00, 'CAD', ROBIN, 2, 'sales');
    s.checkout.abandon(1);
    const a = s.journal.get(mine.attemptId)!;
    assert.deepEqual(
      [a.state, a.detail],
      ['unknown', 'card form closed when the session ended; confirming with Helcim'],
    );
    assert.deepEqual(
      s.journal
        .events(a.id)
        .filter((e) => e.kind === 'abandoned')
        .map((e) => e.detail),
      ['the session ended with the card form open'],
    );
    assert.equal(s.journal.get(other.attemptId)!.state, 'pending', 'another window’s form is left alone');
    assert.deepEqual(
      [s.checkout.isLive(mine.attemptId), s.checkout.liveIn(1), s.checkout.liveIn(2)],
      [false, false, true],
    );
    s.clock.now = NOW + 10_000;
    s.checkout.abandon(1);
    assert.equal(s.journal.events(a.id).filter((e) => e.kind === 'abandoned').length, 1, 'abandoned once');
    s.clock.now = NOW + 14_999;
    assert.equal(s.checkout.isOpen(mine.attemptId), true, 'a payment already on its way: reconciliation waits');
    s.clock.now = NOW + 15_000;
    assert.equal(s.checkout.isOpen(mine.attemptId), false, 'after 15 s, Helcim’s list decides');
    // A close after abandonment changes nothing; the person who opened it may not be the one at the counter now.
    assert.deepEqual(await refusal(s.checkout.finish(mine.attemptId, closedBy('ct-0', 'HIDE'), ROBIN, 1)), {
      code: 'helcim_unknown_outcome',
      key: 'error.checkout.closedAtSessionEnd',
    });
    assert.equal(s.journal.get(mine.attemptId)!.state, 'unknown');
    assert.deepEqual(s.lists, [], 'Helcim not asked from the abandoned form');
  } finally {
    s.done();
  }
});

test('an abandoned form whose genuine result still arrives is recorded; once reconciliation has settled it, the form is let go', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const inv = s.journal.get(st.attemptId)!.reference!;
    s.checkout.abandon(1);
    const out = await s.checkout.finish(st.attemptId, success('ct-0', approvedData(inv), 'secret-0'), null, 1);
    assert.equal(out.outcome, 'approved');
    assert.equal(s.journal.get(st.attemptId)!.state, 'approved');
    // Another form, abandoned, then settled by reconciliation: the next sweep lets it go.
    const other = await s.checkout.start('purchase', 1_00, 'CAD', CASEY, 2, 'sales');
    s.checkout.abandon(2);
    assert.equal(s.checkout.isOpen(other.attemptId), true);
    s.journal.settle(other.attemptId, 'declined', { detail: 'reconciled' });
    assert.equal(s.checkout.isOpen(other.attemptId), true, 'until a sweep');
    await s.checkout.start('verify', 0, 'CAD', CASEY, 3, 'sales');
    assert.equal(s.checkout.isOpen(other.attemptId), false);
    // Still unknown (reconciliation has not decided): kept.
    const third = await s.checkout.start('purchase', 1_00, 'CAD', CASEY, 4, 'sales');
    s.checkout.abandon(4);
    await s.checkout.start('verify', 0, 'CAD', CASEY, 3, 'sales');
    assert.equal(s.checkout.isOpen(third.attemptId), true);
  } finally {
    s.done();
  }
});

test('finish: only from the window that opened it, and only by who opened it (or nobody signed in) — each refusal noted', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const inv = s.journal.get(st.attemptId)!.reference!;
    const msg = success('ct-0', approvedData(inv), 'secret-0');
    assert.deepEqual(await refusal(s.checkout.finish(st.attemptId, msg, CASEY, 2)), {
      code: 'checkout_invalid',
      key: 'error.checkout.otherSession',
    });
    assert.deepEqual(await refusal(s.checkout.finish(st.attemptId, msg, ROBIN, 1)), {
      code: 'checkout_invalid',
      key: 'error.checkout.otherSession',
    });
    assert.deepEqual(
      await refusal(s.checkout.finish(st.attemptId, { ...msg, eventName: 'helcim-pay-js-ct-9' }, CASEY, 1)),
      {
        code: 'checkout_invalid',
        key: 'error.checkout.otherMessage',
      },
    );
    assert.deepEqual(
      s.journal
        .events(st.attemptId)
        .filter((e) => e.kind === 'rejected_message')
        .map((e) => e.detail),
      [
        'finish from another window or staff member',
        'finish from another window or staff member',
        'event name does not match the checkout',
      ],
    );
    assert.equal(s.journal.get(st.attemptId)!.state, 'pending', 'a refusal changes nothing');
    // Between a session's end and its abandonment nobody is signed in: the window's message still lands.
    const out = await s.checkout.finish(st.attemptId, msg, null, 1);
    assert.equal(out.outcome, 'approved');
  } finally {
    s.done();
  }
});

test('a verified approval: recorded with Helcim’s id, the card and its code, in the words of its kind', async () => {
  const words = {
    purchase: 'Approved.',
    verify: 'Card verified — no charge was made.',
    preauth: 'Hold approved — nothing is charged until it is captured (Transactions → Open holds).',
  } as const;
  for (const kind of ['purchase', 'verify', 'preauth'] as const) {
    const s = setUp();
    try {
      const cents = kind === 'verify' ? 0 : 12_34;
      const st = await s.checkout.start(kind, cents, 'CAD', CASEY, 1, 'sales');
      const inv = s.journal.get(st.attemptId)!.reference!;
      const data = approvedData(inv, {
        type: kind.toUpperCase(),
        amount: kind === 'verify' ? '0.00' : '12.34',
        transactionId: 8001,
      });
      const out = await s.checkout.finish(st.attemptId, success('ct-0', data, 'secret-0'), CASEY, 1);
      assert.deepEqual(out, {
        attemptId: st.attemptId,
        kind,
        outcome: 'approved',
        amountCents: cents,
        currency: 'CAD',
        message: words[kind],
        transactionId: '8001',
        approvalCode: 'T1',
        cardType: 'VI',
        cardLast4: '4242',
      });
      const a = s.journal.get(st.attemptId)!;
      assert.deepEqual(
        [a.state, a.helcimTransactionId, a.cardType, a.cardLast4, a.approvalCode, a.detail],
        ['approved', '8001', 'VI', '4242', 'T1', 'verified HelcimPay.js result'],
      );
      assert.equal(s.checkout.isOpen(st.attemptId), false);
    } finally {
      s.done();
    }
  }
});

test('a verified approval without a code, a card type or a readable card number says none of them', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const inv = s.journal.get(st.attemptId)!.reference!;
    const data = approvedData(inv, { approvalCode: '', cardType: '', cardNumber: '424242******' });
    const out = await s.checkout.finish(st.attemptId, success('ct-0', data, 'secret-0'), CASEY, 1);
    assert.deepEqual([out.approvalCode, out.cardType, out.cardLast4], [undefined, undefined, undefined]);
    // APPROVAL (one old example of Helcim's) is an approval too; no invoice number in the result is not a mismatch.
    const st2 = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const { invoiceNumber: _dropped, ...noInvoice } = approvedData('x', { status: 'APPROVAL', transactionId: '8002' });
    const out2 = await s.checkout.finish(st2.attemptId, success('ct-1', noInvoice, 'secret-1'), CASEY, 1);
    assert.equal(out2.outcome, 'approved');
  } finally {
    s.done();
  }
});

test('a verified decline: declined with Helcim’s id and status, the issuer’s words', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const inv = s.journal.get(st.attemptId)!.reference!;
    const out = await s.checkout.finish(
      st.attemptId,
      success('ct-0', approvedData(inv, { status: 'DECLINED' }), 'secret-0'),
      CASEY,
      1,
    );
    assert.deepEqual(
      [out.outcome, out.transactionId, out.message],
      ['declined', '8001', 'Declined by the card issuer — ask for another card.'],
    );
    const a = s.journal.get(st.attemptId)!;
    assert.deepEqual([a.state, a.helcimTransactionId, a.detail], ['declined', '8001', 'DECLINED']);
    assert.equal(s.checkout.isOpen(st.attemptId), false);
  } finally {
    s.done();
  }
});

test('a result that cannot be verified: unknown, noted, and the form kept open so the genuine one still lands', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const inv = s.journal.get(st.attemptId)!.reference!;
    const forged = success('ct-0', approvedData(inv), 'not-the-secret');
    const unreadable = {
      eventName: 'helcim-pay-js-ct-0',
      eventStatus: 'SUCCESS',
      eventMessage: '{not json',
    } as CheckoutEvent;
    for (const bad of [forged, unreadable])
      assert.deepEqual(await refusal(s.checkout.finish(st.attemptId, bad, CASEY, 1)), {
        code: 'checkout_unverified',
        key: 'error.checkout.unverified',
      });
    assert.deepEqual(
      s.journal
        .events(st.attemptId)
        .filter((e) => e.kind === 'rejected_message')
        .map((e) => e.detail),
      ['hash does not match', 'unreadable result'],
    );
    assert.deepEqual(
      [s.journal.get(st.attemptId)!.state, s.journal.get(st.attemptId)!.detail],
      ['unknown', 'unverified result message'],
    );
    assert.equal(s.checkout.isOpen(st.attemptId), true);
    const out = await s.checkout.finish(st.attemptId, success('ct-0', approvedData(inv), 'secret-0'), CASEY, 1);
    assert.equal(out.outcome, 'approved');
  } finally {
    s.done();
  }
});

test('a verified result with unreadable fields: refused and noted, the form kept open, nothing settled', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const inv = s.journal.get(st.attemptId)!.reference!;
    const { status: _s, ...noStatus } = approvedData(inv);
    assert.deepEqual(await refusal(s.checkout.finish(st.attemptId, success('ct-0', noStatus, 'secret-0'), CASEY, 1)), {
      code: 'checkout_unverified',
      key: 'error.checkout.unverified',
    });
    assert.deepEqual(
      s.journal
        .events(st.attemptId)
        .filter((e) => e.kind === 'rejected_message')
        .map((e) => e.detail),
      ['verified result has unreadable fields'],
    );
    assert.equal(s.journal.get(st.attemptId)!.state, 'pending');
    assert.equal(s.checkout.isOpen(st.attemptId), true);
  } finally {
    s.done();
  }
});

test('a verified result for another payment — each field changed alone — is refused and the attempt left unknown', async () => {
  const changes: Record<string, unknown>[] = [
    { type: 'preauth' },
    { currency: 'USD' },
    { invoiceNumber: 'POS-OTHER' },
    { amount: '12.35' },
    { amount: '12.33' },
  ];
  for (const change of changes) {
    const s = setUp();
    try {
      const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
      const inv = s.journal.get(st.attemptId)!.reference!;
      const r = await refusal(
        s.checkout.finish(st.attemptId, success('ct-0', approvedData(inv, change), 'secret-0'), CASEY, 1),
      );
      assert.deepEqual(r, { code: 'checkout_unverified', key: 'error.checkout.unverified' }, JSON.stringify(change));
      const a = s.journal.get(st.attemptId)!;
      assert.deepEqual([a.state, a.detail], ['unknown', 'result does not match attempt'], JSON.stringify(change));
      assert.deepEqual(
        s.journal
          .events(st.attemptId)
          .filter((e) => e.kind === 'rejected_message')
          .map((e) => e.detail),
        ['verified result does not match the attempt'],
      );
    } finally {
      s.done();
    }
  }
  // The type in Helcim's capitals is the same type.
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const inv = s.journal.get(st.attemptId)!.reference!;
    const out = await s.checkout.finish(
      st.attemptId,
      success('ct-0', approvedData(inv, { type: 'Purchase' }), 'secret-0'),
      CASEY,
      1,
    );
    assert.equal(out.outcome, 'approved');
  } finally {
    s.done();
  }
});

test('closed (HIDE) with nothing at Helcim: cancelled, and watched 3 minutes for a card sent just before', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    const inv = s.journal.get(st.attemptId)!.reference!;
    const out = await s.checkout.finish(st.attemptId, closedBy('ct-0', 'HIDE'), CASEY, 1);
    assert.deepEqual([out.outcome, out.message], ['cancelled', 'Payment cancelled — no charge was made.']);
    assert.deepEqual(s.lists, [{ token: 'token-sales', invoiceNumber: inv }]);
    assert.deepEqual(
      [s.journal.get(st.attemptId)!.state, s.journal.get(st.attemptId)!.detail],
      ['cancelled', 'checkout closed'],
    );
    assert.equal(s.checkout.isOpen(st.attemptId), false);
    // Within 3 minutes Helcim lists the approval: recorded as a late approval, told on every screen.
    s.clock.now = NOW + 3 * MINUTE;
    await s.checkout.watch();
    assert.equal(s.lists.length, 2, 'looked for at 3 minutes exactly');
    s.script.list = async (n) => [
      cardRow('12.34', 'APPROVED', {
        transactionId: '8100',
        invoiceNumber: n,
        cardNumber: '4242424242',
        cardType: 'VI',
      }),
    ];
    await s.checkout.watch();
    assert.equal(s.journal.get(st.attemptId)!.state, 'approved');
    assert.equal(s.journal.get(st.attemptId)!.helcimTransactionId, '8100');
    assert.deepEqual(s.checkout.notices(), [
      `The $12.34 card payment closed as cancelled was approved by Helcim after all (invoice ${inv}). The customer has paid: do not charge again.`,
    ]);
    assert.equal(s.audits.filter((x) => x.includes('payment.late_approval')).length, 1);
    await s.checkout.watch();
    assert.equal(s.lists.length, 3, 'found: no longer watched');
  } finally {
    s.done();
  }
});

test('a closed form is watched no longer than 3 minutes', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    await s.checkout.finish(st.attemptId, closedBy('ct-0', 'HIDE'), CASEY, 1);
    s.clock.now = NOW + 3 * MINUTE + 1;
    await s.checkout.watch(); // asked one last time, then dropped
    await s.checkout.watch();
    assert.equal(s.lists.length, 2);
    // A watch that cannot reach Helcim keeps watching inside the window.
    const s2 = setUp();
    try {
      const st2 = await s2.checkout.start('purchase', 1_00, 'CAD', CASEY, 1, 'sales');
      await s2.checkout.finish(st2.attemptId, closedBy('ct-0', 'HIDE'), CASEY, 1);
      s2.script.list = async () => {
        throw new PosError('helcim_unavailable', 'error.internal');
      };
      await s2.checkout.watch();
      await s2.checkout.watch();
      assert.equal(s2.lists.length, 3);
      assert.equal(s2.journal.get(st2.attemptId)!.state, 'cancelled');
    } finally {
      s2.done();
    }
  } finally {
    s.done();
  }
});

test('closed or aborted, and Helcim lists an approval under the form’s invoice: the customer paid', async () => {
  for (const status of ['HIDE', 'ABORTED'] as const) {
    const s = setUp();
    try {
      const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
      s.script.list = async (n) => [
        cardRow('12.34', 'DECLINED', { transactionId: '8200', invoiceNumber: n }),
        cardRow('12.34', 'APPROVED', {
          transactionId: '8201',
          invoiceNumber: n,
          cardNumber: '4242424242',
          approvalCode: 'Z9',
        }),
      ];
      const out = await s.checkout.finish(st.attemptId, closedBy('ct-0', status), CASEY, 1);
      assert.deepEqual([out.outcome, out.transactionId, out.approvalCode], ['approved', '8201', 'Z9'], status);
      assert.equal(s.journal.get(st.attemptId)!.detail, 'approval found at Helcim after a cancel/abort message');
    } finally {
      s.done();
    }
  }
});

test('an approval another part of the sale already recorded, or one for another type, is not this form’s', async () => {
  const s = setUp();
  try {
    const sale = { saleId: 'sale-1', dueCents: 24_68, invoiceNumber: 'C1-SHARED' };
    const first = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales', sale);
    await s.checkout.finish(first.attemptId, success('ct-0', approvedData('C1-SHARED'), 'secret-0'), CASEY, 1);
    const second = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales', sale);
    s.script.list = async (n) => [
      cardRow('12.34', 'APPROVED', { transactionId: '8001', invoiceNumber: n }), // the first part's
      cardRow('12.34', 'APPROVED', { transactionId: '8300', invoiceNumber: n, type: 'preauth' }),
    ];
    const out = await s.checkout.finish(second.attemptId, closedBy('ct-1', 'HIDE'), CASEY, 1);
    assert.equal(out.outcome, 'cancelled');
  } finally {
    s.done();
  }
});

test('closed or aborted and Helcim cannot be asked: unknown — not knowing is not a cancel', async () => {
  for (const thrown of [new PosError('helcim_unavailable', 'error.internal'), new Error('socket')]) {
    const s = setUp();
    try {
      const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
      s.script.list = async () => {
        throw thrown;
      };
      assert.deepEqual(await refusal(s.checkout.finish(st.attemptId, closedBy('ct-0', 'ABORTED'), CASEY, 1)), {
        code: 'helcim_unknown_outcome',
        key: 'error.checkout.couldNotConfirm',
      });
      const a = s.journal.get(st.attemptId)!;
      assert.deepEqual([a.state, a.detail], ['unknown', 'ABORTED received; could not confirm with Helcim']);
      const code = thrown instanceof PosError ? 'helcim_unavailable' : 'internal';
      assert.deepEqual(
        s.journal
          .events(st.attemptId)
          .filter((e) => e.kind === 'unconfirmed')
          .map((e) => e.detail),
        [`could not confirm with Helcim (${code})`],
      );
      assert.equal(s.checkout.isOpen(st.attemptId), false);
    } finally {
      s.done();
    }
  }
});

test('aborted with nothing at Helcim: declined, in the issuer’s words when it says declined, else “not accepted”', async () => {
  const cases: [unknown, string, string][] = [
    [
      'Card declined: insufficient funds',
      'Declined by the card issuer (insufficient funds) — ask for another card.',
      'Card declined: insufficient funds',
    ],
    ['DECLINED', 'Declined by the card issuer — ask for another card.', 'DECLINED'],
    ['Invalid card number', 'The card was not accepted — ask for another card.', 'Invalid card number'],
    ['', 'The card was not accepted — ask for another card.', 'aborted'],
    [{ declined: true }, 'The card was not accepted — ask for another card.', 'aborted'],
    [
      `declined ${'x'.repeat(400)}`,
      `Declined by the card issuer (${'x'.repeat(291)}) — ask for another card.`,
      `declined ${'x'.repeat(291)}`,
    ],
  ];
  for (const [message, words, detail] of cases) {
    const s = setUp();
    try {
      const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
      const out = await s.checkout.finish(st.attemptId, closedBy('ct-0', 'ABORTED', message), CASEY, 1);
      assert.deepEqual([out.outcome, out.message], ['declined', words], JSON.stringify(message).slice(0, 40));
      const a = s.journal.get(st.attemptId)!;
      assert.deepEqual([a.state, a.detail], ['declined', detail]);
      assert.equal(s.checkout.isOpen(st.attemptId), false);
    } finally {
      s.done();
    }
  }
});

test('closed with only a decline listed under its invoice: cancelled — a decline is not a payment', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    s.script.list = async (n) => [cardRow('12.34', 'DECLINED', { transactionId: '8400', invoiceNumber: n })];
    const out = await s.checkout.finish(st.attemptId, closedBy('ct-0', 'HIDE'), CASEY, 1);
    assert.equal(out.outcome, 'cancelled');
    assert.equal(s.journal.get(st.attemptId)!.state, 'cancelled');
  } finally {
    s.done();
  }
});

test('a closed form whose approval reconciliation already recorded on it is no longer watched', async () => {
  const s = setUp();
  try {
    const st = await s.checkout.start('purchase', 12_34, 'CAD', CASEY, 1, 'sales');
    await s.checkout.finish(st.attemptId, closedBy('ct-0', 'HIDE'), CASEY, 1);
    // Reconciliation's sweep found the approval first and recorded it on this attempt.
    s.journal.lateApproval(st.attemptId, {
      helcimTransactionId: '8500',
      card: { type: 'VI', last4: '4242' },
      amountCents: 12_34,
      tipCents: 0,
    });
    s.script.list = async (n) => [cardRow('12.34', 'APPROVED', { transactionId: '8500', invoiceNumber: n })];
    await s.checkout.watch();
    const asked = s.lists.length;
    await s.checkout.watch();
    assert.equal(s.lists.length, asked, 'its own row is its approval: watching ends');
    assert.equal(s.journal.get(st.attemptId)!.state, 'approved');
  } finally {
    s.done();
  }
});
