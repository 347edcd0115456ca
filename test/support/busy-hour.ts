/**
 * Counters of one merchant, each with its own Smart Terminal, selling against one simulated Helcim
 * that enforces the merchant's rate limits on a clock this code moves. Used by the rate-budget test
 * (0 × 429, every sale resolved) and by `npm run bench` (how soon an approval reaches the counter).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startSimulator } from '../../main/simulator/server';
import { testCore } from './core';
import type { TestPostgres } from './postgres';
import {
  channelOf,
  type BridgeResult,
  type OperationName,
  type TerminalProgress,
  type TerminalStart,
} from '../../common/contract';
import type { Sender } from '../../main/ipc/dispatch';

export type BusyHourResult = {
  sales: number;
  resolved: number;
  notApproved: string[];
  failures: string[];
  rateLimited: number;
  /** Simulated ms from the customer's approval on the terminal to "Approved" at the counter, sorted. */
  latencies: number[];
  /** API calls per minute while customers were at the terminals. */
  callsPerWaitingMinute: number;
  unresolvedAtEnd: number;
  /** Helcim tokens (and simulator secrets) found in any bridge answer, log line or file the counters wrote. */
  leakedSecrets: number;
};

/** A small deterministic random source, so a run is the same every time. */
function random(seed: number) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

export async function busyHour(o: {
  counters: number;
  minutes: number;
  tickMs: number;
  seed?: number;
  /** Linked to this shop database: one counter looks every counter's terminal sales up (issue 31). */
  shop?: TestPostgres;
}): Promise<BusyHourResult> {
  let clock = Date.parse('2026-11-26T15:00:00Z');
  const sim = await startSimulator({ now: () => clock, enforceRateLimits: true });
  /** Everything the counters said: bridge answers and log lines (searched for secrets at the end). */
  const seen: string[] = [];
  const http = { timeoutMs: 5000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } };
  const counters = await Promise.all(
    Array.from({ length: o.counters }, (_, i) =>
      testCore(`busy-${i}`, {
        now: () => clock,
        live: { apiBase: sim.baseUrl },
        http,
        log: (line) => seen.push(line),
        // Main's timer runs on this clock: the loop below ticks each counter (terminal.tick).
        terminalTickMs: 3_600_000,
        shopShipEveryMs: 3_600_000,
      }),
    ),
  );
  try {
    if (o.shop) {
      const link = {
        host: o.shop.host,
        port: o.shop.port,
        database: o.shop.database,
        user: o.shop.user,
        certificate: o.shop.fingerprint!,
      };
      let code: string | null = null;
      for (const { core } of counters)
        if (!code) code = (await core.shop.link(link, o.shop.password, 'bench')).linkCode;
        else await core.shop.link(link, o.shop.password, 'bench', code);
    }
    for (const [i, { core }] of counters.entries()) {
      // Setting up (connection tests, pairing) happens before the shop opens: its calls age out.
      const token = sim.createToken({ general: 'read', settings: 'read', transactions: 'admin' });
      if (!(await core.gateway.save('admin', token)).passed) throw new Error('connection test failed');
      await core.gateway.setMode('live');
      sim.addTerminal(`T${String(i + 1).padStart(3, '0')}`);
      await core.terminal.pair(`T${String(i + 1).padStart(3, '0')}`, 'admin');
      const c = await core.staffStore.create(`Cashier ${i}`, 'cashier', '2468');
      core.sessions.signIn(1, { staffId: c.id, name: c.name, role: 'cashier' });
      clock += 61_000;
    }
    const sender = (): Sender => ({ windowId: 1, frameUrl: 'app://counter/index.html', isMainFrame: true });
    const call = async <T>(i: number, op: OperationName, payload: unknown) =>
      (await counters[i]!.core.dispatch(channelOf(op), payload, sender())) as BridgeResult<T>;
    const opened = clock;
    const callsAtOpen = sim.apiCalls(opened).hour;
    const rnd = random(o.seed ?? 20261126);
    type State =
      { phase: 'idle'; nextAt: number } | { phase: 'waiting'; sale: TerminalStart; payAt: number; paidAt?: number };
    const states: State[] = counters.map(() => ({ phase: 'idle', nextAt: opened + Math.floor(rnd() * 20_000) }));
    const r: BusyHourResult = {
      sales: 0,
      resolved: 0,
      notApproved: [],
      failures: [],
      rateLimited: 0,
      latencies: [],
      callsPerWaitingMinute: 0,
      unresolvedAtEnd: 0,
      leakedSecrets: 0,
    };
    let waitingMs = 0;
    while (clock < opened + o.minutes * 60_000) {
      clock += o.tickMs;
      waitingMs += states.filter((s) => s.phase === 'waiting').length * o.tickMs;
      // Main's own timer at each counter (the shop's lead looks for everyone here).
      await Promise.all(counters.map(({ core }) => core.terminal.tick()));
      await Promise.all(
        states.map(async (s, i) => {
          const code = `T${String(i + 1).padStart(3, '0')}`;
          counters[i]!.core.sessions.touch(1); // the cashier is at the counter all along
          if (s.phase === 'idle') {
            if (clock < s.nextAt) return;
            const started = await call<TerminalStart>(i, 'terminal.start', {
              amountCents: 500 + Math.floor(rnd() * 9000),
              currency: 'CAD',
            });
            if (!started.ok) {
              r.failures.push(started.error.code);
              states[i] = { phase: 'idle', nextAt: clock + 5_000 };
              return;
            }
            r.sales++;
            states[i] = { phase: 'waiting', sale: started.value, payAt: clock + 4_000 + Math.floor(rnd() * 16_000) };
            return;
          }
          if (s.paidAt === undefined && clock >= s.payAt) {
            sim.terminalAct(code, { action: 'approve', card: 'visa', tipCents: rnd() < 0.3 ? 200 : 0 });
            s.paidAt = clock;
          }
          const p = await call<TerminalProgress>(i, 'terminal.check', { attemptId: s.sale.attemptId });
          if (!p.ok) return void r.failures.push(p.error.code);
          if (p.value.state === 'waiting') return;
          if (p.value.state !== 'approved') r.notApproved.push(`${p.value.state}: ${p.value.message}`);
          r.resolved++;
          r.latencies.push(clock - s.paidAt!);
          states[i] = { phase: 'idle', nextAt: clock + 5_000 + Math.floor(rnd() * 25_000) };
        }),
      );
    }
    r.latencies.sort((a, b) => a - b);
    r.rateLimited = sim.rateLimited();
    r.callsPerWaitingMinute = waitingMs
      ? (sim.apiCalls(clock).hour - (clock - opened >= 3_600_000 ? 0 : callsAtOpen)) / (waitingMs / 60_000)
      : 0;
    // Tokens stay in main: not in an answer, a log line, the database file or anything else in the counter's folder.
    const files = counters.flatMap(({ dir }) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((f) => f.isFile())
        .map((f) => readFileSync(path.join(f.parentPath, f.name)).toString('latin1')),
    );
    r.leakedSecrets = sim
      .secrets()
      .filter((secret) => [...seen, ...files].some((text) => text.includes(secret))).length;
    r.unresolvedAtEnd = counters.reduce(
      (n, { core }) => n + core.journal.unresolved().filter((a) => !core.terminal.isLive(a.id)).length,
      0,
    );
    return r;
  } finally {
    for (const c of counters) await c.close();
    await sim.close();
  }
}

export const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
