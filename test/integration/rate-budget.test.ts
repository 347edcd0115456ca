/**
 * Five counters of one merchant, each with its own Smart Terminal, against one simulated Helcim that
 * enforces the merchant's limits (5 in flight, 100 a minute, 3000 an hour) on a clock the test
 * controls, through a busy simulated hour. Every Helcim call of a counter reads what is left; result
 * lookups slow down when it runs low, so that money calls keep their reserve: 0 × 429, and every
 * sale is resolved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { busyHour, percentile } from '../support/busy-hour';

test(
  '5 counters, one merchant, a busy simulated hour: 0 × 429 and every sale resolved',
  { timeout: 280_000 },
  async () => {
    const r = await busyHour({ counters: 5, minutes: 60, tickMs: 500 });
    console.log(
      `rate budget: 5 counters, 1 simulated hour, ${r.sales} sales, ${r.resolved} resolved, ${r.rateLimited} × 429, ` +
        `approval → counter p50 ${percentile(r.latencies, 0.5)} ms, p95 ${percentile(r.latencies, 0.95)} ms (simulated), ` +
        `${r.callsPerWaitingMinute.toFixed(1)} API calls per minute of waiting`,
    );
    assert.equal(r.rateLimited, 0, 'no call refused for the rate limit');
    assert.deepEqual(r.failures, [], 'no bridge call failed');
    assert.deepEqual(r.notApproved, [], 'every sale the customers paid was recorded as approved');
    assert.ok(r.sales >= 150, `a busy hour (${r.sales} sales)`);
    assert.ok(r.resolved >= r.sales - 5, 'every sale resolved but those still at a terminal when the hour ended');
    assert.equal(r.unresolvedAtEnd, 0);
    assert.equal(
      r.leakedSecrets,
      0,
      'no Helcim token in any bridge answer, log line or file, pairing and terminal sales included',
    );
  },
);
