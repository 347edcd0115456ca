/**
 * Connection-test probes: the refund, capture and release probes post to money endpoints, so each is
 * sent once and never retried; a 5xx to a probe is "could not tell", shown as such — never "not allowed".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { startSimulator } from '../../main/simulator/server';
import { createKeytarVault } from '../../main/vault/vault';
import { createTestCore, removeKeychainEntries } from '../support/core';

/** A core whose "live" Helcim is a simulator of its own, with quick retries. */
async function probeCore() {
  const sim = await startSimulator();
  const service = `Counter POS probes ${randomUUID()}`;
  const core = await createTestCore({
    appOrigin: 'app://counter',
    journalFile: path.join(mkdtempSync(path.join(tmpdir(), 'pos-probe-')), 'a.sqlite'),
    vault: createKeytarVault(keytar, service),
    live: { apiBase: sim.baseUrl, scriptUrl: sim.scriptUrl },
    http: { timeoutMs: 2000, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
    log: () => {},
  });
  return { sim, service, core };
}

test(
  'a 500 to the refund probe: not retried, "could not tell", and a later test tells',
  { timeout: 60_000 },
  async () => {
    const { sim, service, core } = await probeCore();
    try {
      const token = sim.createToken({ general: 'none', settings: 'none', transactions: 'admin' });
      // One 500 only: a retry would have got the real answer ("no such transaction": allowed).
      sim.injectFault({ method: 'POST', path: '/v2/payment/refund' }, { kind: 'status', status: 500 }, 1);
      const first = await core.gateway.save('admin', token);
      const refund = first.checks.find((c) => c.operation === 'refund')!;
      assert.equal(refund.ok, null, 'could not tell');
      assert.match(refund.fix ?? '', /no clear answer/);
      assert.equal(first.passed, false);
      assert.match(first.message, /Could not tell/);
      assert.equal(first.checks.find((c) => c.operation === 'purchase')!.ok, true, 'the other probes still answered');
      // Asked again with Helcim answering: it can refund.
      const again = await core.gateway.test('admin');
      assert.equal(again.checks.find((c) => c.operation === 'refund')!.ok, true);
      assert.equal(again.passed, true);
    } finally {
      await core.close();
      await removeKeychainEntries(service, core.databaseId);
      await sim.close();
    }
  },
);

for (const [operation, endpoint] of [
  ['capture', '/v2/payment/capture'],
  ['release', '/v2/payment/reverse'],
] as const)
  test(
    `a 500 to the ${operation} probe: not retried, "could not tell", and a later test tells`,
    { timeout: 60_000 },
    async () => {
      const { sim, service, core } = await probeCore();
      try {
        const token = sim.createToken({ general: 'none', settings: 'none', transactions: 'admin' });
        sim.injectFault({ method: 'POST', path: endpoint }, { kind: 'status', status: 500 }, 1);
        const first = await core.gateway.save('admin', token);
        const row = first.checks.find((c) => c.operation === operation)!;
        assert.equal(row.ok, null, 'could not tell: a retry would have got the real answer');
        assert.match(row.fix ?? '', /no clear answer/);
        assert.match(first.message, /Could not tell|Connected/);
        assert.equal(first.checks.find((c) => c.operation === 'refund')!.ok, true, 'the other probes still answered');
        const again = await core.gateway.test('admin');
        assert.equal(again.checks.find((c) => c.operation === operation)!.ok, true);
      } finally {
        await core.close();
        await removeKeychainEntries(service, core.databaseId);
        await sim.close();
      }
    },
  );
