/**
 * Holds' own rules (main/payments/holds.ts), one at a time, on a real journal with Helcim's rows
 * written here: which holds are listed (this counter's approved preauthorizations, not released, not
 * captured in full — what is still being checked counts as neither), what may be captured or
 * released and the words when not, the 7-day window to the millisecond, a currency Helcim names
 * that the counter does not take. The whole path over HTTP is test/integration/holds.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { HoldsService, CAPTURE_WINDOW_MS } from '../../main/payments/holds';
import { Journal, type AttemptKind, type AttemptState } from '../../main/journal/journal';
import type { CardTransaction, HelcimClient } from '../../main/helcim/client';
import { cardRow } from '../support/card-rows';
import { journaled, refusal } from '../support/journal-rows';

const CASEY = { staffId: 'casey', name: 'Casey', role: 'cashier' as const };
const NOW = Date.parse('2026-12-07T18:00:00Z');

function setUp() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-holds-'));
  const clock = { now: NOW };
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => clock.now);
  const rows = new Map<string, CardTransaction>();
  const read: string[] = [];
  const tokens: string[] = [];
  const client = {
    getCardTransaction: async (_t: string, id: string) => {
      read.push(id);
      return rows.get(id)!;
    },
    getCardBatch: async () => ({ id: '1', closed: false }),
    capture: async () => cardRow(1, 'APPROVED', { transactionId: randomUUID(), type: 'capture' }),
  } as unknown as HelcimClient;
  const holds = new HoldsService({
    journal,
    token: async (slot) => (tokens.push(slot), `token-${slot}`),
    audit: () => undefined,
    mode: () => 'training',
    reconcile: async (id) => journal.get(id)!,
    client: () => client,
    now: () => clock.now,
  });
  /** An attempt in the journal as the app would have written it, ending in `state`. */
  const attempt = (kind: AttemptKind, cents: number, state: AttemptState, helcimId?: string, original?: string) =>
    journaled(journal, { kind, cents, state, helcimId, original });
  /** A hold placed here and approved, with Helcim's row for it placed `agoMs` before now. */
  const hold = (helcimId: string, dollars: number, agoMs = 60_000, over: Partial<CardTransaction> = {}) => {
    attempt('preauth', Math.round(dollars * 100), 'approved', helcimId);
    rows.set(
      helcimId,
      cardRow(dollars, 'APPROVED', {
        transactionId: helcimId,
        type: 'preauth',
        createdAt: new Date(clock.now - agoMs).toISOString(),
        ...over,
      }),
    );
  };
  const done = () => {
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { clock, journal, rows, read, tokens, holds, attempt, hold, done };
}

test('nothing held: an empty list, and no token asked for', async () => {
  const s = setUp();
  try {
    s.attempt('purchase', 20_00, 'approved', '100');
    s.attempt('preauth', 30_00, 'declined', '101');
    assert.deepEqual(await s.holds.list('admin'), []);
    assert.deepEqual(s.tokens, []);
    assert.deepEqual(s.read, [], 'a sale and a declined hold are not read from Helcim');
  } finally {
    s.done();
  }
});

test('the list: approved holds only, each once; what is still being checked neither ends a hold nor counts as captured', async () => {
  const s = setUp();
  try {
    s.attempt('purchase', 20_00, 'approved', '100');
    s.hold('200', 50);
    s.hold('201', 40);
    s.attempt('release', 40_00, 'pending', undefined, '201'); // a release still out: not released yet
    s.hold('202', 30);
    s.attempt('capture', 10_00, 'unknown', undefined, '202'); // a capture whose answer was lost
    const views = await s.holds.list('admin');
    assert.deepEqual(s.read.sort(), ['200', '201', '202']);
    assert.deepEqual(views.map((v) => [v.transactionId, v.capturableCents, v.releasable]).sort(), [
      ['200', 50_00, true],
      ['201', 40_00, true],
      ['202', 30_00, true],
    ]);
    // …but nothing may be done with those two until they are settled.
    for (const id of ['201', '202']) {
      const r = await refusal(s.holds.capture(id, 1_00, CASEY, 'admin'));
      assert.equal(r.code, 'helcim_unknown_outcome');
    }
    assert.equal(
      (await refusal(s.holds.capture('201', 1_00, CASEY, 'admin'))).message,
      'An earlier release of this hold is still being checked with Helcim. Wait until the status bar stops saying “Checking”.',
    );
  } finally {
    s.done();
  }
});

test('a hold captured in part lists what is left; captured in full, or released, it is gone — and says which', async () => {
  const s = setUp();
  try {
    s.hold('300', 50);
    s.attempt('capture', 20_00, 'approved', '301', '300');
    s.hold('310', 50);
    s.attempt('capture', 20_00, 'approved', '311', '310');
    s.attempt('capture', 30_00, 'approved', '312', '310');
    s.hold('320', 50);
    s.attempt('release', 50_00, 'approved', '321', '320');
    const views = await s.holds.list('admin');
    assert.deepEqual(
      views.map((v) => [v.transactionId, v.capturableCents, v.releasable]),
      [['300', 30_00, false]],
    );
    assert.equal(
      (await refusal(s.holds.capture('310', 1_00, CASEY, 'admin'))).message,
      'This hold was already captured.',
    );
    assert.equal(
      (await refusal(s.holds.capture('320', 1_00, CASEY, 'admin'))).message,
      'This hold was already released.',
    );
    // Released after a part was captured (not something this app does, but a journal may say so): released.
    s.hold('330', 50);
    s.attempt('capture', 10_00, 'approved', '331', '330');
    s.attempt('release', 40_00, 'approved', '332', '330');
    assert.equal(
      (await refusal(s.holds.capture('330', 1_00, CASEY, 'admin'))).message,
      'This hold was already released.',
    );
  } finally {
    s.done();
  }
});

test('only this counter’s approved hold: a sale’s transaction, a declined hold or an unknown id is "not a hold placed here"', async () => {
  const s = setUp();
  try {
    s.attempt('purchase', 20_00, 'approved', '400');
    s.rows.set('400', cardRow(20, 'APPROVED', { transactionId: '400', type: 'purchase' }));
    s.attempt('preauth', 20_00, 'declined', '401');
    s.rows.set('401', cardRow(20, 'APPROVED', { transactionId: '401', type: 'preauth' }));
    for (const id of ['400', '401', '499']) {
      const r = await refusal(s.holds.capture(id, 1_00, CASEY, 'admin'));
      assert.deepEqual([r.code, r.key], ['transaction_not_eligible', 'error.hold.notHere'], id);
    }
  } finally {
    s.done();
  }
});

test('the 7 days: a hold placed exactly 7 days ago may still be captured; a millisecond more and it has lapsed', async () => {
  const s = setUp();
  try {
    s.hold('500', 50, CAPTURE_WINDOW_MS);
    s.hold('501', 50, CAPTURE_WINDOW_MS + 1);
    const views = new Map((await s.holds.list('admin')).map((v) => [v.transactionId, v]));
    assert.deepEqual([views.get('500')!.lapsed, views.get('500')!.capturableCents], [false, 50_00]);
    assert.deepEqual([views.get('501')!.lapsed, views.get('501')!.capturableCents], [true, 0]);
    assert.equal((await s.holds.capture('500', 1_00, CASEY, 'admin')).outcome, 'approved');
    assert.equal((await refusal(s.holds.capture('501', 1_00, CASEY, 'admin'))).key, 'error.hold.lapsed');
  } finally {
    s.done();
  }
});

test('a hold in a currency the counter does not take is shown in dollars (CAD), never dropped', async () => {
  const s = setUp();
  try {
    s.hold('600', 25, 60_000, { currency: 'EUR' });
    const [v] = await s.holds.list('admin');
    assert.deepEqual([v!.transactionId, v!.currency, v!.amountCents], ['600', 'CAD', 25_00]);
  } finally {
    s.done();
  }
});
