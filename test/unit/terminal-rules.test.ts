/**
 * The terminal's rules (main/payments/terminal.ts), one at a time, on a real journal with Helcim's
 * answers scripted here and a clock the test moves: pairing; a push journaled first and sent once; a
 * refused push ends "nothing started", a lost one is followed like any other; Helcim asked at its pace
 * (every second, slower when told) and the 3-minute limit as a literal; a result recorded at what
 * Helcim approved (a tip, a partial approval) in its words; "customer cancelled" believed only against
 * Helcim's list, then watched 3 minutes; the debit refund on the terminal and the other card; results
 * kept 10 minutes for the screen that started the sale. The whole path (bridge, simulator, timers) is
 * in test/integration/terminal.test.ts and terminal-owned.test.ts; the shop's shared lookups in
 * shared-lookups.test.ts — here a stand-in board tells only whether the lead looks and what it found.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TerminalService } from '../../main/payments/terminal';
import type { SharedLookups } from '../../main/payments/shared-lookups';
import { LateApprovals } from '../../main/payments/late-approvals';
import { Journal } from '../../main/journal/journal';
import { PosError } from '../../main/errors';
import type { CardTransaction, HelcimClient } from '../../main/helcim/client';
import type { TokenSlot } from '../../main/policy/table';
import type { TransactionView } from '../../common/contract';
import type { Approval } from '../../main/policy/approvals';
import { cardRow } from '../support/card-rows';
import { journaled, refusal } from '../support/journal-rows';

const CASEY = { staffId: 'casey', name: 'Casey', role: 'cashier' as const };
const NOW = Date.parse('2026-12-07T18:00:00Z');
const SECOND = 1_000;
const MINUTE = 60_000;

type Push = { token: string; code: string; p: Record<string, unknown> };

function setUp(
  o: {
    paired?: string | null;
    slot?: TokenSlot | null;
    spacing?: (base: number) => number;
    shared?: SharedLookups;
  } = {},
) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-terminal-'));
  const clock = { now: NOW };
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => clock.now);
  const pushes: Push[] = [];
  const lists: { token: string; f: { invoiceNumber?: string; between?: { from: Date; to: Date } } }[] = [];
  const audits: string[] = [];
  const device = { code: o.paired === undefined ? 'AB12' : o.paired };
  const script = {
    slot: o.slot === undefined ? ('admin' as TokenSlot | null) : o.slot,
    push: async (_p: Record<string, unknown>): Promise<unknown> => undefined,
    rows: [] as CardTransaction[],
    list: null as null | (() => Promise<CardTransaction[]>),
    devices: async (): Promise<{ code: string }[]> => [{ code: 'AB12' }, { code: 'CD34' }],
    ping: async (): Promise<unknown> => ({}),
  };
  const client = {
    pushToDevice: async (token: string, code: string, p: Record<string, unknown>) => {
      pushes.push({ token, code, p });
      return script.push(p);
    },
    listCardTransactions: async (token: string, f: (typeof lists)[number]['f']) => {
      lists.push({ token, f });
      if (script.list) return script.list();
      return f.invoiceNumber ? script.rows.filter((r) => r.invoiceNumber === f.invoiceNumber) : script.rows;
    },
    listDevices: async () => script.devices(),
    pingDevice: async (token: string, code: string) => {
      pushes.push({ token, code, p: { ping: true } });
      return script.ping();
    },
  } as unknown as HelcimClient;
  const late = new LateApprovals({
    journal,
    now: () => clock.now,
    audit: (actor, action, detail) => audits.push(`${actor} ${action} ${detail}`),
  });
  const terminal = new TerminalService({
    client: () => client,
    journal,
    token: async (slot) => `token-${slot}`,
    mode: () => 'training',
    deviceCode: () => device.code,
    invoicePrefix: 'C1A2B3C4D',
    now: () => clock.now,
    lookupSlot: () => script.slot,
    setDeviceCode: (code) => {
      device.code = code;
    },
    late,
    audit: (actor, action, detail) => audits.push(`${actor} ${action} ${detail}`),
    ...(o.spacing ? { spacingMs: o.spacing } : {}),
    ...(o.shared ? { shared: o.shared } : {}),
  });
  /** Helcim lists a row for the sale's invoice (a purchase approved unless `status` says otherwise). */
  const helcimHas = (
    invoiceNumber: string,
    dollars: number | string,
    status = 'APPROVED',
    over: Partial<CardTransaction> = {},
  ) =>
    script.rows.push(
      cardRow(dollars, status, {
        transactionId: `T${script.rows.length + 1}`,
        invoiceNumber,
        cardType: 'VI',
        cardNumber: '4242424242',
        approvalCode: 'A1',
        ...over,
      }),
    );
  const done = () => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { clock, journal, pushes, lists, audits, device, script, terminal, helcimHas, late, done };
}

const at = (s: ReturnType<typeof setUp>, ms: number) => {
  s.clock.now = NOW + ms;
};

test('pairing: the terminal is pinged with the slot’s token, then kept; unpaired, every sale is refused in words', async () => {
  const s = setUp({ paired: null });
  try {
    assert.deepEqual(s.terminal.info(), {
      deviceCode: null,
      answered: false,
      message: 'No terminal is paired with this counter.',
    });
    assert.deepEqual(await refusal(s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales')), {
      code: 'terminal_not_paired',
      key: 'error.terminal.notPaired',
      message: 'No terminal is paired with this counter. A manager can pair one under Helcim setup.',
    });
    assert.deepEqual(await s.terminal.devices('admin'), [{ code: 'AB12' }, { code: 'CD34' }]);
    assert.deepEqual(await s.terminal.pair('CD34', 'admin'), {
      deviceCode: 'CD34',
      answered: true,
      message: 'Terminal CD34 answered: its screen should have lit up. Sales on this counter now go to it.',
    });
    assert.deepEqual(s.pushes, [{ token: 'token-admin', code: 'CD34', p: { ping: true } }]);
    assert.equal(s.device.code, 'CD34');
    assert.equal(s.terminal.paired(), 'CD34');
    assert.equal(s.terminal.info().message, 'Terminal CD34 is paired with this counter.');
    assert.deepEqual(s.terminal.unpair(), {
      deviceCode: null,
      answered: false,
      message: 'No terminal is paired: cards are typed into Helcim’s card form.',
    });
    assert.equal(s.device.code, null);
  } finally {
    s.done();
  }
});

test('pairing refused: a token without device access is told how to fix it; any other error as it came; nothing kept', async () => {
  const s = setUp({ paired: null });
  try {
    s.script.devices = async () => {
      throw new PosError('helcim_permission', 'error.internal');
    };
    s.script.ping = s.script.devices;
    for (const r of [await refusal(s.terminal.devices('admin')), await refusal(s.terminal.pair('AB12', 'admin'))])
      assert.deepEqual([r.code, r.key], ['helcim_permission', 'error.terminal.deviceAccess']);
    assert.equal(s.device.code, null);
    const other = new PosError('terminal_not_found', 'error.internal');
    const refuseOther = async (): Promise<never> => {
      throw other;
    };
    s.script.ping = refuseOther;
    s.script.devices = refuseOther;
    await assert.rejects(s.terminal.pair('AB12', 'admin'), (e) => e === other);
    await assert.rejects(s.terminal.devices('admin'), (e) => e === other);
    const plain = new Error('socket');
    s.script.ping = async () => {
      throw plain;
    };
    await assert.rejects(s.terminal.pair('AB12', 'admin'), (e) => e === plain);
    assert.equal(s.device.code, null);
  } finally {
    s.done();
  }
});

test('a sale pushed: journaled (pending, its key, this counter’s invoice number) before the push, sent once with them', async () => {
  const s = setUp();
  try {
    let whileOut: unknown[] = [];
    s.script.push = async () => {
      whileOut = s.journal.list().map((a) => [a.state, a.idempotencyKey, a.reference]);
    };
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    const a = s.journal.get(st.attemptId)!;
    assert.equal(a.reference, `C1A2B3C4D-${st.attemptId.replace(/-/g, '').slice(0, 10).toUpperCase()}`);
    assert.deepEqual(whileOut, [['pending', a.idempotencyKey, a.reference]]);
    assert.deepEqual(s.pushes, [
      {
        token: 'token-sales',
        code: 'AB12',
        p: {
          kind: 'purchase',
          amountCents: 12_34,
          currency: 'CAD',
          invoiceNumber: a.reference,
          idempotencyKey: a.idempotencyKey,
        },
      },
    ]);
    assert.deepEqual(st, {
      attemptId: a.id,
      amountCents: 12_34,
      currency: 'CAD',
      deviceCode: 'AB12',
      invoiceNumber: a.reference,
    });
    assert.deepEqual(
      [a.kind, a.amountCents, a.staffId, a.approverId, a.saleId, a.mode],
      ['purchase', 12_34, 'casey', null, null, 'training'],
    );
    assert.deepEqual(
      s.journal
        .events(a.id)
        .filter((e) => e.kind === 'terminal')
        .map((e) => e.detail),
      ['pushed to terminal AB12'],
    );
    assert.deepEqual(
      [s.terminal.isLive(a.id), s.terminal.watching(a.id), s.terminal.onScreen(a.id), s.terminal.followingCount()],
      [true, true, true, 1],
    );
  } finally {
    s.done();
  }
});

test('a sale’s card part pays against the sale’s invoice, written with the sale, its customer named', async () => {
  const s = setUp();
  try {
    let created = 0;
    const st = await s.terminal.start(5_00, 'CAD', CASEY, 1, 'sales', {
      saleId: 'sale-1',
      dueCents: 5_00,
      invoiceNumber: 'C1A2B3C4D-ABCDE12345',
      customerCode: 'CUST-1',
      create: () => created++,
    });
    const a = s.journal.get(st.attemptId)!;
    assert.deepEqual(
      [a.reference, a.saleId, created, st.invoiceNumber],
      ['C1A2B3C4D-ABCDE12345', 'sale-1', 1, 'C1A2B3C4D-ABCDE12345'],
    );
    assert.equal(s.pushes[0]!.p.customerCode, 'CUST-1');
    await s.terminal.start(5_00, 'CAD', CASEY, 1, 'sales', { saleId: 'sale-2', dueCents: 5_00 });
    assert.equal('customerCode' in s.pushes[1]!.p, false);
  } finally {
    s.done();
  }
});

test('a refused push: nothing started — cancelled saying so, the error to the screen, nothing followed', async () => {
  for (const thrown of [new PosError('terminal_not_listening', 'error.internal'), new Error('boom')]) {
    const s = setUp();
    try {
      s.script.push = async () => {
        throw thrown;
      };
      await assert.rejects(s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales'), (e) => e === thrown);
      const [a] = s.journal.list();
      const code = thrown instanceof PosError ? 'terminal_not_listening' : 'internal';
      assert.deepEqual([a!.state, a!.detail], ['cancelled', `nothing started: terminal push refused (${code})`]);
      assert.equal(s.terminal.followingCount(), 0);
    } finally {
      s.done();
    }
  }
});

test('a lost push answer: followed like any other sale, the cashier told the terminal may not have it', async () => {
  const s = setUp();
  try {
    s.script.push = async () => {
      throw new PosError('helcim_unknown_outcome', 'error.internal');
    };
    const st = await s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales');
    assert.equal(s.journal.get(st.attemptId)!.state, 'pending');
    assert.deepEqual(
      s.journal
        .events(st.attemptId)
        .filter((e) => e.kind === 'unconfirmed')
        .map((e) => e.detail),
      ['no answer to the push; looking for the result'],
    );
    const p = await s.terminal.check(st.attemptId, 1);
    assert.deepEqual(p, {
      attemptId: st.attemptId,
      state: 'waiting',
      amountCents: 1_00,
      tipCents: 0,
      currency: 'CAD',
      message:
        'The terminal did not confirm it got this sale. If it shows no amount, press “Customer cancelled” and take the payment another way (cash).',
    });
  } finally {
    s.done();
  }
});

test('Helcim asked once a second, to the millisecond, with the lookup token and the sale’s invoice; slower when the budget says so', async () => {
  const s = setUp();
  try {
    const st = await s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales');
    const waiting = await s.terminal.check(st.attemptId, 1);
    assert.deepEqual([waiting.state, waiting.message], ['waiting', 'Customer: tap, insert or swipe on the terminal.']);
    assert.equal(s.lists.length, 0, 'not yet: pushed this instant');
    at(s, 999);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 0);
    at(s, SECOND);
    await s.terminal.check(st.attemptId, 1);
    assert.deepEqual(s.lists, [{ token: 'token-admin', f: { invoiceNumber: st.invoiceNumber } }]);
    at(s, SECOND + 999);
    await s.terminal.tick();
    assert.equal(s.lists.length, 1);
    at(s, 2 * SECOND);
    await s.terminal.tick();
    assert.equal(s.lists.length, 2, 'main’s own timer asks too');
  } finally {
    s.done();
  }
  const slow = setUp({ spacing: (base) => base * 5 });
  try {
    const st = await slow.terminal.start(1_00, 'CAD', CASEY, 1, 'sales');
    at(slow, 4_999);
    await slow.terminal.check(st.attemptId, 1);
    assert.equal(slow.lists.length, 0);
    at(slow, 5_000);
    await slow.terminal.check(st.attemptId, 1);
    assert.equal(slow.lists.length, 1);
  } finally {
    slow.done();
  }
});

test('no answer for 3 minutes to the millisecond: unknown, reconciliation takes over; no lookup token counts as no answer', async () => {
  for (const slot of ['admin', null] as const) {
    const s = setUp({ slot });
    try {
      // Two sales pushed at the same instant, each looked at once: one a millisecond before the limit, one at it.
      const before = await s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales');
      const atLimit = await s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales');
      at(s, 3 * MINUTE - 1);
      assert.equal((await s.terminal.check(before.attemptId, 1)).state, 'waiting');
      at(s, 3 * MINUTE);
      const p = await s.terminal.check(atLimit.attemptId, 1);
      assert.deepEqual(
        [p.state, p.message],
        [
          'unknown',
          'The terminal gave no answer. Do not charge again: the app keeps checking with Helcim (see the status bar).',
        ],
        String(slot),
      );
      const a = s.journal.get(atLimit.attemptId)!;
      assert.deepEqual([a.state, a.detail], ['unknown', 'the terminal gave no answer in time; confirming with Helcim']);
      assert.equal(s.journal.get(before.attemptId)!.state, 'pending');
      assert.equal(s.terminal.followingCount(), 1);
      assert.equal(s.lists.length, slot ? 2 : 0);
    } finally {
      s.done();
    }
  }
});

test('Helcim not answering the lookup is no answer: still waiting inside the 3 minutes', async () => {
  const s = setUp();
  try {
    s.script.list = async () => {
      throw new PosError('helcim_unavailable', 'error.internal');
    };
    const st = await s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales');
    at(s, 2 * MINUTE);
    assert.equal((await s.terminal.check(st.attemptId, 1)).state, 'waiting');
    assert.equal(s.lists.length, 1);
  } finally {
    s.done();
  }
});

test('approved: recorded at what Helcim approved, with the card, in the words for a plain approval, a tip and a partial approval', async () => {
  const cases: [number | string, number, number, string][] = [
    ['12.34', 12_34, 0, 'Approved.'],
    ['14.34', 12_34, 2_00, 'Approved, with a tip of $2.00.'],
    ['10.00', 10_00, 0, 'Partly approved: the card covered $10.00 of $12.34. Take the rest another way.'],
  ];
  for (const [dollars, amountCents, tipCents, words] of cases) {
    const s = setUp();
    try {
      const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
      s.helcimHas(st.invoiceNumber, dollars);
      at(s, SECOND);
      const p = await s.terminal.check(st.attemptId, 1);
      assert.deepEqual(
        p,
        {
          attemptId: st.attemptId,
          state: 'approved',
          amountCents,
          tipCents,
          currency: 'CAD',
          transactionId: 'T1',
          approvalCode: 'A1',
          cardType: 'VI',
          cardLast4: '4242',
          message: words,
        },
        String(dollars),
      );
      const a = s.journal.get(st.attemptId)!;
      assert.deepEqual(
        [a.state, a.helcimTransactionId, a.detail],
        ['approved', 'T1', 'terminal result found at Helcim'],
      );
      assert.equal(s.terminal.followingCount(), 0);
      assert.deepEqual(s.late.notices(), [], 'seen on the screen: no late notice');
    } finally {
      s.done();
    }
  }
});

test('an approval with no code, card type or readable number says none; a decline is declined in words, with its id', async () => {
  const s = setUp();
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    s.helcimHas(st.invoiceNumber, '12.34', 'APPROVED', { approvalCode: '', cardType: '', cardNumber: '' });
    at(s, SECOND);
    const p = await s.terminal.check(st.attemptId, 1);
    assert.deepEqual([p.approvalCode, p.cardType, p.cardLast4], [undefined, undefined, undefined]);
    const d = await s.terminal.start(5_00, 'CAD', CASEY, 1, 'sales');
    s.helcimHas(d.invoiceNumber, '5.00', 'DECLINED');
    at(s, 2 * SECOND);
    assert.deepEqual(await s.terminal.check(d.attemptId, 1), {
      attemptId: d.attemptId,
      state: 'declined',
      amountCents: 5_00,
      tipCents: 0,
      currency: 'CAD',
      transactionId: 'T2',
      message: 'Declined on the terminal — ask for another card or another way to pay.',
    });
  } finally {
    s.done();
  }
});

test('the result main found stays for the screen that started the sale 10 minutes; then the journal’s word; another window is refused', async () => {
  const s = setUp();
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    assert.deepEqual(await refusal(s.terminal.check(st.attemptId, 2)), {
      code: 'checkout_invalid',
      key: 'error.terminal.otherWindow',
      message: 'This terminal sale belongs to another counter window.',
    });
    s.helcimHas(st.invoiceNumber, '14.34'); // with a $2.00 tip
    at(s, SECOND);
    await s.terminal.tick(); // main finds it, nobody looking
    at(s, 10 * MINUTE + SECOND);
    await s.terminal.tick();
    const kept = await s.terminal.check(st.attemptId, 1);
    assert.equal(kept.message, 'Approved, with a tip of $2.00.', 'kept 10 minutes exactly');
    const other = await s.terminal.check(st.attemptId, 2);
    assert.equal(other.message, 'Approved.', 'another window reads the journal');
    at(s, 10 * MINUTE + SECOND + 1);
    await s.terminal.tick();
    assert.deepEqual(await s.terminal.check(st.attemptId, 1), {
      attemptId: st.attemptId,
      state: 'approved',
      amountCents: 12_34,
      tipCents: 2_00,
      currency: 'CAD',
      transactionId: 'T1',
      approvalCode: 'A1',
      cardType: 'VI',
      cardLast4: '4242',
      message: 'Approved.',
    });
    assert.deepEqual(await refusal(s.terminal.check('no-such', 1)), {
      code: 'checkout_invalid',
      key: 'error.terminal.noSuchSale',
      message: 'There is no such terminal sale.',
    });
    const verify = journaled(s.journal, { kind: 'verify', cents: 0, state: 'approved' });
    assert.equal((await refusal(s.terminal.check(verify, 1))).key, 'error.terminal.noSuchSale');
    const pending = journaled(s.journal, { kind: 'purchase', cents: 1_00, state: 'pending' });
    const p = await s.terminal.check(pending, 1);
    assert.deepEqual([p.state, p.message], ['unknown', 'Being checked with Helcim.']);
  } finally {
    s.done();
  }
});

test('handed over when the session ends: its window’s sales only, once; an approval main finds then is told on every screen', async () => {
  const s = setUp();
  try {
    const mine = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    const other = await s.terminal.start(5_00, 'CAD', CASEY, 2, 'sales');
    s.terminal.handOver(1);
    s.terminal.handOver(1);
    assert.deepEqual(
      s.journal
        .events(mine.attemptId)
        .filter((e) => e.kind === 'handed_over')
        .map((e) => e.detail),
      ['the session ended while the customer was at the terminal; main keeps following the sale'],
    );
    assert.deepEqual([s.terminal.onScreen(mine.attemptId), s.terminal.onScreen(other.attemptId)], [false, true]);
    assert.equal(s.terminal.isLive(mine.attemptId), true);
    s.helcimHas(mine.invoiceNumber, '12.34');
    at(s, SECOND);
    await s.terminal.tick();
    const a = s.journal.get(mine.attemptId)!;
    assert.deepEqual(
      [a.state, a.detail],
      ['approved', 'terminal result found at Helcim by main after the session ended'],
    );
    assert.equal(s.late.notices().length, 1);
    assert.equal(s.journal.events(other.attemptId).filter((e) => e.kind === 'handed_over').length, 0);
  } finally {
    s.done();
  }
});

test('“customer cancelled” with nothing at Helcim: cancelled, the terminal may still show it, watched 3 minutes for a late tap', async () => {
  const s = setUp();
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    assert.deepEqual(await refusal(s.terminal.cancel(st.attemptId, 2)), {
      code: 'checkout_invalid',
      key: 'error.terminal.otherWindow',
      message: 'This terminal sale belongs to another counter window.',
    });
    const p = await s.terminal.cancel(st.attemptId, 1);
    assert.deepEqual(
      [p.state, p.message],
      [
        'cancelled',
        'Cancelled: Helcim has no payment for it. The terminal may still show $12.34: press Cancel (X) on it before the next sale. If the customer pays on it after all, the app records it and tells you.',
      ],
    );
    assert.equal(s.lists.length, 1, 'Helcim asked at once, whatever the pace');
    const a = s.journal.get(st.attemptId)!;
    assert.deepEqual(
      [a.state, a.detail],
      ['cancelled', 'the cashier said the customer cancelled; nothing at Helcim yet'],
    );
    assert.deepEqual(
      [s.terminal.isLive(a.id), s.terminal.watching(a.id), s.terminal.onScreen(a.id)],
      [false, true, false],
    );
    // Asked again: the journal's word.
    assert.equal((await s.terminal.cancel(st.attemptId, 1)).message, 'Cancelled.');
    // The terminal still shows it: a new push it refuses as not listening says so.
    s.script.push = async () => {
      throw new PosError('terminal_not_listening', 'error.internal');
    };
    assert.deepEqual(await refusal(s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales')), {
      code: 'terminal_not_listening',
      key: 'error.terminal.stillShowing',
      message:
        'The terminal is still showing the cancelled $12.34 sale. Press Cancel (X) on the terminal, then charge again.',
    });
    // Watched: at 3 minutes exactly still looked for; after, no more.
    at(s, 3 * MINUTE);
    await s.terminal.watch();
    assert.equal(s.terminal.watching(st.attemptId), true);
    at(s, 3 * MINUTE + 1);
    await s.terminal.watch();
    assert.equal(s.terminal.watching(st.attemptId), false);
    const asked = s.lists.length;
    await s.terminal.watch();
    assert.equal(s.lists.length, asked);
    // Past the watch, the terminal's refusal is its own again.
    await s.terminal.tick();
    assert.equal((await refusal(s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales'))).key, 'error.internal');
  } finally {
    s.done();
  }
});

test('a late tap after “customer cancelled”: recorded approved and told; a decline meanwhile is not an approval', async () => {
  const s = setUp();
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    await s.terminal.cancel(st.attemptId, 1);
    s.helcimHas(st.invoiceNumber, '12.34', 'DECLINED');
    await s.terminal.watch();
    assert.equal(s.journal.get(st.attemptId)!.state, 'cancelled');
    assert.equal(s.terminal.watching(st.attemptId), true);
    s.script.rows = [];
    s.helcimHas(st.invoiceNumber, '12.34');
    at(s, MINUTE);
    await s.terminal.watch();
    const a = s.journal.get(st.attemptId)!;
    assert.equal(a.state, 'approved');
    assert.equal(s.terminal.watching(st.attemptId), false);
    assert.equal(s.late.notices().length, 1);
    assert.ok(s.audits.some((x) => x.startsWith('system payment.late_approval')));
  } finally {
    s.done();
  }
});

test('“customer cancelled” but Helcim lists an approval (or a decline): that is recorded; Helcim not reachable: unknown, not cancelled', async () => {
  const s = setUp();
  try {
    const paid = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    s.helcimHas(paid.invoiceNumber, '12.34');
    const p = await s.terminal.cancel(paid.attemptId, 1);
    assert.equal(p.state, 'approved');
    assert.equal(s.journal.get(paid.attemptId)!.detail, 'found at Helcim when the cashier said cancelled');
    const unasked = await s.terminal.start(5_00, 'CAD', CASEY, 1, 'sales');
    s.script.slot = null;
    const u = await s.terminal.cancel(unasked.attemptId, 1);
    assert.deepEqual(
      [u.state, u.message],
      [
        'unknown',
        'Helcim could not be asked whether the customer paid. The payment is being checked: take nothing else for this sale until the status bar stops saying “Checking”.',
      ],
    );
    const a = s.journal.get(unasked.attemptId)!;
    assert.deepEqual(
      [a.state, a.detail],
      ['unknown', 'the cashier said the customer cancelled; Helcim could not be asked'],
    );
    assert.equal(s.terminal.watching(unasked.attemptId), false);
  } finally {
    s.done();
  }
});

test('an approval another part of the sale recorded, or for another amount when one matches, is not this part’s', async () => {
  const s = setUp();
  try {
    const sale = { saleId: 'sale-1', dueCents: 20_00, invoiceNumber: 'C1A2B3C4D-SHARED' };
    const first = await s.terminal.start(10_00, 'CAD', CASEY, 1, 'sales', sale);
    s.helcimHas('C1A2B3C4D-SHARED', '10.00');
    at(s, SECOND);
    await s.terminal.check(first.attemptId, 1);
    const second = await s.terminal.start(10_00, 'CAD', CASEY, 1, 'sales', sale);
    at(s, 2 * SECOND);
    assert.equal((await s.terminal.check(second.attemptId, 1)).state, 'waiting', 'T1 is the first part’s');
    s.helcimHas('C1A2B3C4D-SHARED', '7.00', 'APPROVED', { transactionId: 'T7' });
    s.helcimHas('C1A2B3C4D-SHARED', '10.00', 'APPROVED', { transactionId: 'T10' });
    at(s, 3 * SECOND);
    assert.equal((await s.terminal.check(second.attemptId, 1)).transactionId, 'T10');
  } finally {
    s.done();
  }
});

const SALE_VIEW = (over: Partial<TransactionView> = {}): TransactionView =>
  ({
    transactionId: '9001',
    currency: 'CAD',
    amountCents: 40_00,
    cardType: 'IN',
    cardLast4: '1111',
    ...over,
  }) as TransactionView;
const APPROVAL: Approval = {
  id: 'ap',
  action: 'refund',
  subject: '9001',
  amountCents: 15_00,
  lines: null,
  cashierId: 'casey',
  windowId: 1,
  managerId: 'morgan',
  managerName: 'Morgan',
  expiresAt: NOW + MINUTE,
};

test('a debit refund on the terminal: journaled with the manager, pushed once, found as the refund of that amount since the push', async () => {
  const s = setUp();
  try {
    journaled(s.journal, { kind: 'purchase', cents: 40_00, state: 'approved', helcimId: '9001' });
    let within = '';
    const r = await s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1, (id) => (within = id));
    assert.deepEqual(r, {
      attemptId: r.attemptId,
      kind: 'refund',
      originalTransactionId: '9001',
      amountCents: 15_00,
      currency: 'CAD',
      outcome: 'waiting',
      message: 'Customer: insert or tap the debit card on the terminal to receive the refund.',
    });
    assert.equal(within, r.attemptId);
    const a = s.journal.get(r.attemptId)!;
    assert.deepEqual(
      [a.kind, a.amountCents, a.approverId, a.originalTransactionId, a.state],
      ['refund', 15_00, 'morgan', '9001', 'pending'],
    );
    assert.deepEqual(s.pushes, [
      {
        token: 'token-admin',
        code: 'AB12',
        p: { kind: 'refund', amountCents: 15_00, originalTransactionId: '9001', idempotencyKey: a.idempotencyKey },
      },
    ]);
    assert.deepEqual(
      s.journal
        .events(a.id)
        .filter((e) => e.kind === 'terminal')
        .map((e) => e.detail),
      ['debit refund pushed to terminal AB12'],
    );
    // Helcim's list: refunds of another amount, for another sale, or another kind are not it.
    s.script.rows = [
      cardRow('15.00', 'APPROVED', { transactionId: 'R0', type: 'purchase' }),
      cardRow('15.01', 'APPROVED', { transactionId: 'R1', type: 'refund' }),
      cardRow('15.00', 'APPROVED', {
        transactionId: 'R2',
        type: 'refund',
        originalTransactionId: '9999',
      } as Partial<CardTransaction>),
      cardRow('15.00', 'APPROVED', {
        transactionId: 'R3',
        type: 'Refund',
        originalTransactionId: 9001,
        cardType: 'IN',
        cardNumber: '******1111',
      } as unknown as Partial<CardTransaction>),
    ];
    at(s, SECOND);
    const p = await s.terminal.check(r.attemptId, 1);
    assert.deepEqual(
      [p.state, p.transactionId, p.message, p.otherCard],
      ['approved', 'R3', 'Refunded $15.00 to the debit card.', undefined],
    );
    const [look] = s.lists;
    assert.equal(look!.f.invoiceNumber, undefined);
    assert.ok(
      look!.f.between!.from.getTime() <= NOW - MINUTE && look!.f.between!.to.getTime() >= NOW + MINUTE,
      'a minute either side of the push',
    );
  } finally {
    s.done();
  }
});

test('a debit refund: a refund row already recorded by another attempt is not this one; one naming no sale is', async () => {
  const s = setUp();
  try {
    journaled(s.journal, { kind: 'refund', cents: 15_00, state: 'approved', helcimId: 'R5', original: '9001' });
    const r = await s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1);
    s.script.rows = [cardRow('15.00', 'APPROVED', { transactionId: 'R5', type: 'refund' })];
    at(s, SECOND);
    assert.equal((await s.terminal.check(r.attemptId, 1)).state, 'waiting');
    s.script.rows.push(cardRow('15.00', 'APPROVED', { transactionId: 'R6', type: 'refund' }));
    at(s, 2 * SECOND);
    assert.equal((await s.terminal.check(r.attemptId, 1)).transactionId, 'R6');
  } finally {
    s.done();
  }
});

test('a debit refund to another card than the sale’s: approved all the same, flagged, audited, told — by brand or by last four', async () => {
  const cases: [Partial<CardTransaction>, string][] = [
    [
      { cardType: 'IN', cardNumber: '******2222' },
      'Refunded $15.00 to Interac •••• 2222, not to the sale’s card (Interac •••• 1111). The money went to that card: a manager must check it (listed on the X and Z reports).',
    ],
    [
      { cardType: 'DB', cardNumber: '******1111' },
      'Refunded $15.00 to Debit •••• 1111, not to the sale’s card (Interac •••• 1111). The money went to that card: a manager must check it (listed on the X and Z reports).',
    ],
  ];
  for (const [card, words] of cases) {
    const s = setUp();
    try {
      const sale = journaled(s.journal, { kind: 'purchase', cents: 40_00, state: 'pending' });
      s.journal.settle(sale, 'approved', {
        detail: 't',
        helcimTransactionId: '9001',
        card: { type: 'IN', last4: '1111' },
      });
      const r = await s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1);
      s.script.rows = [cardRow('15.00', 'APPROVED', { transactionId: 'R1', type: 'refund', ...card })];
      at(s, SECOND);
      const p = await s.terminal.check(r.attemptId, 1);
      assert.deepEqual([p.state, p.otherCard, p.message], ['approved', true, words]);
      const a = s.journal.get(r.attemptId)!;
      assert.equal(a.flag, 'refund_other_card');
      assert.equal(s.audits.filter((x) => x.includes('refund.other_card')).length, 1);
      assert.deepEqual(s.late.notices(), [words]);
    } finally {
      s.done();
    }
  }
  // The same card, or Helcim saying too little to tell: a plain refund.
  for (const card of [
    { cardType: 'IN', cardNumber: '******1111' },
    { cardType: '', cardNumber: '' },
  ]) {
    const s = setUp();
    try {
      const sale = journaled(s.journal, { kind: 'purchase', cents: 40_00, state: 'pending' });
      s.journal.settle(sale, 'approved', {
        detail: 't',
        helcimTransactionId: '9001',
        card: { type: 'IN', last4: '1111' },
      });
      const r = await s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1);
      s.script.rows = [cardRow('15.00', 'APPROVED', { transactionId: 'R1', type: 'refund', ...card })];
      at(s, SECOND);
      const p = await s.terminal.check(r.attemptId, 1);
      assert.deepEqual(
        [p.otherCard, p.message],
        [undefined, 'Refunded $15.00 to the debit card.'],
        JSON.stringify(card),
      );
      assert.equal(s.journal.get(r.attemptId)!.flag, null);
    } finally {
      s.done();
    }
  }
});

test('a debit refund refused by the terminal: nothing started; declined on the terminal in its words; cancelled in its words', async () => {
  const s = setUp();
  try {
    s.script.push = async () => {
      throw new PosError('terminal_not_listening', 'error.internal');
    };
    await assert.rejects(s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1));
    const [a] = s.journal.list();
    assert.deepEqual(
      [a!.state, a!.detail],
      ['cancelled', 'nothing started: terminal refund refused (terminal_not_listening)'],
    );
    s.script.push = async () => {
      throw new PosError('helcim_unknown_outcome', 'error.internal');
    };
    const lost = await s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1);
    assert.equal(lost.outcome, 'waiting');
    assert.deepEqual(
      s.journal
        .events(lost.attemptId)
        .filter((e) => e.kind === 'unconfirmed')
        .map((e) => e.detail),
      ['no answer to the push; looking for the result'],
    );
    s.script.rows = [cardRow('15.00', 'DECLINED', { transactionId: 'R1', type: 'refund' })];
    at(s, SECOND);
    const d = await s.terminal.check(lost.attemptId, 1);
    assert.deepEqual([d.state, d.message], ['declined', 'The refund was declined on the terminal.']);
    s.script.push = async () => undefined;
    s.script.rows = [];
    const c = await s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1);
    const p = await s.terminal.cancel(c.attemptId, 1);
    assert.deepEqual(
      [p.state, p.message],
      [
        'cancelled',
        'Cancelled: Helcim has no payment for it. If the customer pays on the terminal after all, the app records it and tells you.',
      ],
    );
  } finally {
    s.done();
  }
});

test('linked counters: while the lead looks, the counter reads the board, asking Helcim itself only 30 s after the push and then every 10 s', async () => {
  const board = {
    following: true,
    rows: [] as CardTransaction[] | 'own',
    cycles: 0,
    followed: [] as string[],
    forgotten: [] as string[],
  };
  const shared = {
    cycle: async () => void board.cycles++,
    follow: (id: string) => void board.followed.push(id),
    forget: (id: string) => void board.forgotten.push(id),
    following: () => board.following,
    rowsFor: async () => board.rows,
  } as unknown as SharedLookups;
  const s = setUp({ shared });
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    assert.deepEqual(board.followed, [st.attemptId]);
    // The board is read every 250 ms, and nothing is asked of Helcim.
    at(s, 249);
    await s.terminal.tick();
    assert.equal(board.cycles, 1, 'the lead’s cycle first');
    at(s, 250);
    await s.terminal.check(st.attemptId, 1);
    at(s, 29_750);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 0);
    // 30 s after the push with nothing found: its own look, then not again for 10 s.
    at(s, 30_000);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 1);
    at(s, 39_750);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 1);
    at(s, 40_000);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 2);
    // The board's look finds it: recorded, nothing asked of Helcim.
    board.rows = [cardRow('12.34', 'APPROVED', { transactionId: 'T9', invoiceNumber: st.invoiceNumber })];
    at(s, 40_250);
    const p = await s.terminal.check(st.attemptId, 1);
    assert.deepEqual([p.state, p.transactionId, s.lists.length], ['approved', 'T9', 2]);
    assert.deepEqual(board.forgotten, [st.attemptId]);
  } finally {
    s.done();
  }
});

test('linked counters: a stale board leaves the counter to its own pace (every second), and a cancelled sale is forgotten by the lead', async () => {
  const board = { forgotten: [] as string[] };
  const shared = {
    cycle: async () => undefined,
    follow: () => undefined,
    forget: (id: string) => void board.forgotten.push(id),
    following: () => true,
    rowsFor: async () => 'own' as const,
  } as unknown as SharedLookups;
  const s = setUp({ shared });
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    at(s, 750);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 0, 'its own pace');
    at(s, 1_000);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 1, 'a second after the push exactly');
    s.lists.length = 0;
    at(s, 1_249);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 0, 'the board is read at most every 250 ms');
    at(s, 1_999);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 0, 'not a second since its own look');
    at(s, 2_249);
    await s.terminal.check(st.attemptId, 1);
    assert.equal(s.lists.length, 1);
    await s.terminal.cancel(st.attemptId, 1);
    assert.equal(s.lists.length, 2, '“customer cancelled” asks Helcim itself');
    assert.deepEqual(board.forgotten, [st.attemptId]);
  } finally {
    s.done();
  }
});

test('a cancelled sale is no longer followed: not handed over, not looked up by main’s timer — only by its watch', async () => {
  const s = setUp();
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    await s.terminal.cancel(st.attemptId, 1);
    s.terminal.handOver(1);
    assert.deepEqual(
      s.journal.events(st.attemptId).filter((e) => e.kind === 'handed_over'),
      [],
    );
    s.helcimHas(st.invoiceNumber, '12.34');
    const asked = s.lists.length;
    at(s, 5 * SECOND);
    await s.terminal.tick();
    assert.equal(s.lists.length, asked, 'the timer leaves a watched sale to the watch');
    assert.equal(s.journal.get(st.attemptId)!.state, 'cancelled');
    // …and the watch leaves a followed sale to the timer.
    const live = await s.terminal.start(3_00, 'CAD', CASEY, 1, 'sales');
    s.helcimHas(live.invoiceNumber, '3.00');
    s.script.rows = s.script.rows.filter((r) => r.invoiceNumber === live.invoiceNumber);
    await s.terminal.watch();
    assert.equal(s.journal.get(live.attemptId)!.state, 'pending');
    assert.deepEqual(s.terminal.notices(), []);
  } finally {
    s.done();
  }
});

test('the terminal still showing a cancelled sale: said on a refusal of “not listening” only, until 3 minutes exactly', async () => {
  const s = setUp();
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    await s.terminal.cancel(st.attemptId, 1);
    const found = new PosError('terminal_not_found', 'error.internal');
    s.script.push = async () => {
      throw found;
    };
    await assert.rejects(s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales'), (e) => e === found);
    s.script.push = async () => {
      throw new PosError('terminal_not_listening', 'error.internal');
    };
    at(s, 3 * MINUTE);
    await s.terminal.tick();
    assert.equal((await refusal(s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales'))).key, 'error.terminal.stillShowing');
    at(s, 3 * MINUTE + 1);
    await s.terminal.tick();
    assert.equal((await refusal(s.terminal.start(1_00, 'CAD', CASEY, 1, 'sales'))).key, 'error.internal');
  } finally {
    s.done();
  }
});

test('a debit refund pushed with no answer at all is cancelled as refused, saying so', async () => {
  const s = setUp();
  try {
    s.script.push = async () => {
      throw new Error('socket hang up');
    };
    await assert.rejects(s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1), /socket hang up/);
    const [a] = s.journal.list();
    assert.deepEqual([a!.state, a!.detail], ['cancelled', 'nothing started: terminal refund refused (internal)']);
  } finally {
    s.done();
  }
});

test('a finished debit refund read from the journal, and a refund handed over is not a late sale', async () => {
  const s = setUp();
  try {
    const r = await s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1);
    s.terminal.handOver(1);
    s.script.rows = [cardRow('15.00', 'APPROVED', { transactionId: 'R1', type: 'refund' })];
    at(s, SECOND);
    await s.terminal.tick();
    assert.equal(s.journal.get(r.attemptId)!.state, 'approved');
    assert.deepEqual(s.terminal.notices(), [], 'money back to the customer is not a late sale');
    const p = await s.terminal.check(r.attemptId, 2);
    assert.deepEqual([p.state, p.amountCents, p.transactionId, p.message], ['approved', 15_00, 'R1', 'Approved.']);
  } finally {
    s.done();
  }
});

test('linked counters: a debit refund is never the lead’s to look up — its counter asks Helcim itself', async () => {
  const shared = {
    cycle: async () => undefined,
    follow: () => undefined,
    forget: () => undefined,
    following: () => true,
    rowsFor: async () => [],
  } as unknown as SharedLookups;
  const s = setUp({ shared });
  try {
    const r = await s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1);
    at(s, 250);
    await s.terminal.check(r.attemptId, 1);
    assert.equal(s.lists.length, 0, 'its own pace: a second');
    at(s, SECOND);
    await s.terminal.check(r.attemptId, 1);
    assert.equal(s.lists.length, 1);
    assert.ok(s.lists[0]!.f.between);
  } finally {
    s.done();
  }
});

test('another card with little said: the flag and the words say what is not known', async () => {
  const s = setUp();
  try {
    const sale = journaled(s.journal, { kind: 'purchase', cents: 40_00, state: 'pending' });
    s.journal.settle(sale, 'approved', { detail: 't', helcimTransactionId: '9001', card: { type: 'IN' } });
    const r = await s.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1);
    s.script.rows = [
      cardRow('15.00', 'APPROVED', { transactionId: 'R1', type: 'refund', cardType: 'DB', cardNumber: '' }),
    ];
    at(s, SECOND);
    const p = await s.terminal.check(r.attemptId, 1);
    const words =
      'Refunded $15.00 to Debit •••• ????, not to the sale’s card (Interac •••• ????). The money went to that card: a manager must check it (listed on the X and Z reports).';
    assert.equal(p.message, words);
    assert.deepEqual(
      s.journal
        .events(r.attemptId)
        .filter((e) => e.kind === 'refund_other_card')
        .map((e) => e.detail),
      ['refunded to DB ????, the sale was IN ????'],
    );
    assert.deepEqual(
      s.audits.filter((x) => x.includes('refund.other_card')),
      [`casey refund.other_card ${r.attemptId}: 1500 to DB null for sale 9001 (IN null)`],
    );
  } finally {
    s.done();
  }
  const t = setUp();
  try {
    const sale = journaled(t.journal, { kind: 'purchase', cents: 40_00, state: 'pending' });
    t.journal.settle(sale, 'approved', { detail: 't', helcimTransactionId: '9001', card: { last4: '1111' } });
    const r = await t.terminal.refund(SALE_VIEW(), 15_00, CASEY, APPROVAL, 'admin', 1);
    t.script.rows = [cardRow('15.00', 'APPROVED', { transactionId: 'R1', type: 'refund', cardNumber: '******2222' })];
    at(t, SECOND);
    await t.terminal.check(r.attemptId, 1);
    assert.deepEqual(
      t.journal
        .events(r.attemptId)
        .filter((e) => e.kind === 'refund_other_card')
        .map((e) => e.detail),
      ['refunded to ? 2222, the sale was ? 1111'],
    );
  } finally {
    t.done();
  }
});

test('“customer cancelled” while main’s timer is asking Helcim: the timer’s answer first, Helcim asked once', async () => {
  const s = setUp();
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    s.helcimHas(st.invoiceNumber, '14.34');
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    s.script.list = async () => {
      await gate;
      return s.script.rows;
    };
    at(s, SECOND);
    const timer = s.terminal.tick();
    await new Promise((resolve) => setImmediate(resolve)); // the timer's lookup is out, waiting on Helcim
    assert.equal(s.lists.length, 1);
    const cancel = s.terminal.cancel(st.attemptId, 1);
    open();
    await timer;
    const p = await cancel;
    assert.deepEqual([p.state, p.message], ['approved', 'Approved, with a tip of $2.00.']);
    assert.equal(s.lists.length, 1, 'the cashier’s word waited for the lookup already out');
  } finally {
    s.done();
  }
});

test('“customer cancelled” while Helcim is asked, and main’s timer finds the approval meanwhile: approved, never “cancelled”', async () => {
  const s = setUp();
  try {
    const st = await s.terminal.start(12_34, 'CAD', CASEY, 1, 'sales');
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let calls = 0;
    s.script.list = async () => {
      calls++;
      if (calls === 1) {
        await gate; // the cashier's own look: nothing there yet when Helcim answers it
        return [];
      }
      return [cardRow('14.34', 'APPROVED', { transactionId: 'T1', invoiceNumber: st.invoiceNumber })];
    };
    const cancel = s.terminal.cancel(st.attemptId, 1);
    at(s, SECOND);
    await s.terminal.tick(); // main's timer finds the approval while the cashier's look is out
    open();
    const p = await cancel;
    assert.deepEqual([p.state, p.message], ['approved', 'Approved, with a tip of $2.00.']);
    assert.equal(s.journal.get(st.attemptId)!.state, 'approved');
  } finally {
    s.done();
  }
});
