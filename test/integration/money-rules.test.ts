/**
 * Money rules a new engineer could break without another test noticing (issue 25's list): the
 * journal's final states, and reconciliation pairing one Helcim row with one attempt of the same
 * amount. Each test names the bug it guards; the values are literals written here, not the code's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../main/db';
import { Journal } from '../../main/journal/journal';
import { Reconciler } from '../../main/payments/reconcile';

const journalAt = () => new Journal(openDatabase(path.join(mkdtempSync(path.join(tmpdir(), 'pos-rules-')), 'app.sqlite')));

function begin(journal: Journal, kind: 'purchase' | 'refund' | 'reverse', amountCents: number, original?: string): string {
  const id = randomUUID();
  journal.begin({
    id,
    kind,
    amountCents,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId: 's',
    approverId: kind === 'purchase' ? null : 'm',
    ...(original ? { originalTransactionId: original } : {}),
    ...(kind === 'purchase' ? { reference: `C0001-${id.slice(0, 8)}` } : {}),
    mode: 'live',
  });
  return id;
}

test('the journal never lets a final state change: approved stays approved, declined and cancelled stay as they are', () => {
  const journal = journalAt();
  for (const final of ['approved', 'declined', 'cancelled'] as const) {
    const id = begin(journal, 'purchase', 12_00);
    journal.settle(id, final, { detail: 'first answer', helcimTransactionId: final === 'approved' ? '700' : undefined });
    const events = journal.events(id).length;
    for (const later of ['approved', 'declined', 'cancelled', 'unknown'] as const) {
      if (later === final) continue;
      const after = journal.settle(id, later, { detail: `a later ${later}`, helcimTransactionId: '999' });
      assert.equal(after.state, final, `${final} overwritten by ${later}`);
    }
    const a = journal.get(id)!;
    assert.equal(a.helcimTransactionId, final === 'approved' ? '700' : null, 'nor its Helcim transaction');
    assert.equal(journal.events(id).length, events, 'and no event claims it changed');
  }
  // Unknown is not final: it settles once, then stays.
  const unknown = begin(journal, 'purchase', 5_00);
  journal.settle(unknown, 'unknown', { detail: 'no answer' });
  assert.equal(journal.settle(unknown, 'approved', { detail: 'found', helcimTransactionId: '701' }).state, 'approved');
  assert.equal(journal.settle(unknown, 'cancelled', { detail: 'too late' }).state, 'approved');
});

const base = { dateCreated: '2026-11-25 10:00:00', status: 'APPROVED', currency: 'CAD' };
const reconcileWith = (journal: Journal, rows: object[], now = Date.now) =>
  new Reconciler({
    journal,
    client: () => ({ listCardTransactions: async () => rows }) as never,
    token: async () => 't',
    mode: () => 'live',
    isOpen: () => false,
    log: () => {},
    now,
  });

test('reconciliation pairs one Helcim row with one attempt: two refunds of the same amount on one payment, one row, one settled', async () => {
  const journal = journalAt();
  const first = begin(journal, 'refund', 5_00, '123');
  const second = begin(journal, 'refund', 5_00, '123');
  const rows = [{ ...base, transactionId: '900', type: 'refund', amount: 5, originalTransactionId: 123 }];
  const run = reconcileWith(journal, rows);
  const a = await run.one(first);
  const b = await run.one(second);
  assert.deepEqual([a.state, a.helcimTransactionId], ['approved', '900']);
  assert.equal(b.state, 'pending', 'the second refund is not settled by the row the first one took');
  assert.equal(b.helcimTransactionId, null);
  // Its own row lands later: now it settles, on that row.
  const both = [...rows, { ...base, transactionId: '901', type: 'refund', amount: 5, originalTransactionId: 123 }];
  const settled = await reconcileWith(journal, both).one(second);
  assert.deepEqual([settled.state, settled.helcimTransactionId], ['approved', '901']);
});

test('reconciliation matches a refund or a void only at its own amount', async () => {
  const journal = journalAt();
  const refund = begin(journal, 'refund', 7_00, '124');
  const reverse = begin(journal, 'reverse', 30_00, '125');
  const rows = [
    { ...base, transactionId: '910', type: 'refund', amount: 5, originalTransactionId: 124 },
    { ...base, transactionId: '911', type: 'reverse', amount: 29.99, originalTransactionId: 125 },
  ];
  assert.equal((await reconcileWith(journal, rows).one(refund)).state, 'pending', 'a $5.00 refund row is not this $7.00 refund');
  assert.equal((await reconcileWith(journal, rows).one(reverse)).state, 'pending', 'a $29.99 void row is not this $30.00 void');
  const right = [...rows, { ...base, transactionId: '912', type: 'refund', amount: 7, originalTransactionId: 124 }];
  assert.deepEqual([(await reconcileWith(journal, right).one(refund)).helcimTransactionId], ['912']);
});
