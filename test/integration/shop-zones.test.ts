/**
 * Whose day is "today"? Helcim dates everything in Mountain Time; a shop in Toronto, Vancouver or
 * Halifax sees its own day. Sales just after the shop's midnight and just before the next one are
 * in that day's History and search; the ones just outside are not — also across DST changes.
 * The shop's zone is the process's (TZ); the simulator stamps Mountain Time with its own clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from '../../main/simulator/server';
import { createTestCore, removeKeychainEntries } from '../support/core';
import { simulateSale } from '../support/simulated-sale';
import { createKeytarVault } from '../../main/vault/vault';
import keytar from 'keytar';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { channelOf, type BridgeResult, type HistoryRow, type TransactionView } from '../../common/contract';

/** A shop day, and the UTC instants of 00:30 and 23:30 local time on it (worked out by hand). */
const CASES = [
  { zone: 'America/Toronto', day: '2026-11-26', early: '2026-11-26T05:30:00Z', late: '2026-11-27T04:30:00Z' }, // EST, UTC−5
  { zone: 'America/Vancouver', day: '2026-11-26', early: '2026-11-26T08:30:00Z', late: '2026-11-27T07:30:00Z' }, // PST, UTC−8
  { zone: 'America/Halifax', day: '2026-11-26', early: '2026-11-26T04:30:00Z', late: '2026-11-27T03:30:00Z' }, // AST, UTC−4
  { zone: 'America/Toronto', day: '2026-03-08', early: '2026-03-08T05:30:00Z', late: '2026-03-09T03:30:00Z' }, // spring forward: 23-hour day
  { zone: 'America/Vancouver', day: '2026-11-01', early: '2026-11-01T07:30:00Z', late: '2026-11-02T07:30:00Z' }, // fall back: 25-hour day
];
const HOUR = 3_600_000;

for (const c of CASES) {
  test(`${c.zone}, ${c.day}: the shop's own day in History and search`, { timeout: 60_000 }, async () => {
    const saved = process.env.TZ;
    process.env.TZ = c.zone;
    let clock = Date.parse(c.early);
    const sim = await startSimulator({ now: () => clock });
    const service = `Counter POS zones ${randomUUID()}`;
    const core = await createTestCore({
      appOrigin: 'app://counter',
      journalFile: path.join(mkdtempSync(path.join(tmpdir(), 'pos-zone-')), 'a.sqlite'),
      vault: createKeytarVault(keytar, service),
      live: { apiBase: sim.baseUrl, scriptUrl: sim.scriptUrl },
      now: () => clock,
      log: () => {},
    });
    try {
      assert.equal(
        (
          await core.gateway.save(
            'admin',
            sim.createToken({ general: 'none', settings: 'none', transactions: 'admin' }),
          )
        ).passed,
        true,
      );
      await core.gateway.setMode('live');
      const sale = async (at: number, cents: number) => {
        clock = at;
        return simulateSale(sim, cents);
      };
      const before = await sale(Date.parse(c.early) - HOUR, 101); // 23:30 the day before
      const early = await sale(Date.parse(c.early), 202); // 00:30
      const late = await sale(Date.parse(c.late), 303); // 23:30
      const after = await sale(Date.parse(c.late) + HOUR, 404); // 00:30 the day after
      const m = await core.staffStore.create('Morgan', 'manager', '135790');
      core.sessions.signIn(1, { staffId: m.id, name: 'Morgan', role: 'manager' });
      const sender = { windowId: 1, frameUrl: 'app://counter/index.html', isMainFrame: true };

      const history = (await core.dispatch(channelOf('history.search'), { date: c.day }, sender)) as BridgeResult<
        HistoryRow[]
      >;
      assert.ok(history.ok, JSON.stringify(history));
      assert.deepEqual(
        history.value.map((r) => r.transactionId).sort(),
        [early, late].sort(),
        'exactly the two sales of that day',
      );
      assert.ok(!history.value.some((r) => r.transactionId === before || r.transactionId === after));
      // Times are real instants, in order.
      assert.deepEqual(
        history.value.map((r) => new Date(r.time).toISOString()),
        [new Date(c.late).toISOString(), new Date(c.early).toISOString()],
      );

      const search = (await core.dispatch(channelOf('transactions.search'), { date: c.day }, sender)) as BridgeResult<
        TransactionView[]
      >;
      assert.ok(search.ok, JSON.stringify(search));
      assert.deepEqual(search.value.map((t) => t.transactionId).sort(), [early, late].sort());
      // Shown in the shop's own time.
      assert.deepEqual(search.value.map((t) => t.dateCreated.slice(11, 16)).sort(), ['00:30', '23:30']);
    } finally {
      await core.close();
      await removeKeychainEntries(service, core.databaseId);
      await sim.close();
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
}
