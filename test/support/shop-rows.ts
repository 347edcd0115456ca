import assert from 'node:assert/strict';
import type pg from 'pg';
import type { TestCore } from './core';

/**
 * A counter's journal and what the shop database holds for it: the same attempts, each once, in the
 * same state and amount (after the counter has shipped).
 */
export async function assertSameAttempts(admin: pg.Pool, core: TestCore): Promise<void> {
  const local = core.journal
    .list(100_000)
    .map((a) => `${a.id} ${a.state} ${a.amountCents}`)
    .sort();
  const shop = (
    await admin.query<{ id: string; state: string; amount_cents: string }>(
      'SELECT id, state, amount_cents FROM attempts WHERE counter_id = $1',
      [core.databaseId],
    )
  ).rows
    .map((r) => `${r.id} ${r.state} ${r.amount_cents}`)
    .sort();
  assert.deepEqual(shop, local, 'the shop database holds the counter’s journal, row for row');
}
