/**
 * Helcim's card-transactions list comes in pages of at most 1000 rows (HELCIM.md). A busy day's
 * History and end-of-day check see every row; a list longer than the bound is refused in plain
 * words, never silently cut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CARD_TRANSACTIONS_PAGE, HelcimClient, MAX_LIST_PAGES } from '../../main/helcim/client';
import { PosError } from '../../main/errors';
import { testCore } from '../support/core';
import { simulateSale } from '../support/simulated-sale';
import { channelOf, type BridgeResult, type DayReport, type HistoryRow } from '../../common/contract';

test(
  'a day with more than one page of payments: History and the X report see all of them',
  { timeout: 240_000 },
  async () => {
    const t = await testCore('lists');
    try {
      const sim = t.core.simulator!;
      const m = await t.core.staffStore.create('Morgan', 'manager', '135790');
      // The end-of-day period starts at this counter's first attempt: one before the busy day.
      t.core.journal.begin({
        id: crypto.randomUUID(),
        kind: 'purchase',
        amountCents: 100,
        currency: 'CAD',
        idempotencyKey: crypto.randomUUID(),
        staffId: m.id,
        approverId: null,
        mode: 'training',
      });
      const N = CARD_TRANSACTIONS_PAGE + 5;
      for (let i = 0; i < N; i += 25)
        await Promise.all(Array.from({ length: Math.min(25, N - i) }, () => simulateSale(sim, 100)));
      t.core.sessions.signIn(1, { staffId: m.id, name: 'Morgan', role: 'manager' });
      const sender = { windowId: 1, frameUrl: 'app://counter/index.html', isMainFrame: true };
      const history = (await t.core.dispatch(channelOf('history.search'), {}, sender)) as BridgeResult<HistoryRow[]>;
      assert.ok(history.ok, JSON.stringify(history).slice(0, 300));
      assert.equal(history.value.filter((r) => r.source === 'helcim').length, N);
      // End of day compares every Helcim row of the period, not the first page only.
      const x = (await t.core.dispatch(channelOf('report.x'), {}, sender)) as BridgeResult<DayReport>;
      assert.ok(x.ok);
      assert.equal(x.value.reconciliation.notInJournal.length, N);
    } finally {
      await t.close();
    }
  },
);

test('a list that never ends is cut at the bound with a typed error, after exactly that many pages', async () => {
  let requests = 0;
  const row = {
    transactionId: 1,
    dateCreated: '2026-11-26 10:00:00',
    status: 'APPROVED',
    type: 'purchase',
    amount: 1,
    currency: 'CAD',
  };
  const page = JSON.stringify(Array.from({ length: CARD_TRANSACTIONS_PAGE }, () => row));
  const server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url!, 'http://x');
    assert.equal(url.searchParams.get('limit'), String(CARD_TRANSACTIONS_PAGE));
    assert.equal(url.searchParams.get('page'), String(requests));
    res.writeHead(200, { 'content-type': 'application/json' }).end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const client = new HelcimClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/`,
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await assert.rejects(
      client.listCardTransactions('t'.repeat(20), {
        between: { from: new Date('2026-11-26T07:00:00Z'), to: new Date('2026-11-27T07:00:00Z') },
      }),
      (e: unknown) =>
        e instanceof PosError && e.code === 'too_many_results' && /more than 25,000 transactions/.test(e.message),
    );
    assert.equal(requests, MAX_LIST_PAGES);
  } finally {
    server.close();
  }
});
