/**
 * Connection-test probes: the refund probe posts to a money endpoint, so it is sent once and never
 * retried; a 5xx to a probe is "could not tell", shown as such — never "not allowed".
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

test('a 500 to the refund probe: not retried, "could not tell", and a later test tells', { timeout: 60_000 }, async () => {
  const sim = await startSimulator();
  const service = `Counter POS probes ${randomUUID()}`;
  const core = await createTestCore({
    appOrigin: 'app://counter',
    checkoutHostUrl: 'app://checkout/host.html',
    journalFile: path.join(mkdtempSync(path.join(tmpdir(), 'pos-probe-')), 'a.sqlite'),
    vault: createKeytarVault(keytar, service),
    live: { apiBase: sim.baseUrl, scriptUrl: sim.scriptUrl },
    http: { timeoutMs: 2000, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
    log: () => {},
  });
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
});
