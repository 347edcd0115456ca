/**
 * Reconciliation when Helcim's clock and the counter's differ (found by the money model, issue 25):
 * a payment approved just before a Z may carry a Helcim time just after it. Within the 5-minute
 * margin it matches its journal row — in this period, and it is not named again in the next one;
 * beyond it, it is a difference (a counter clock that far off is worth a manager's look).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls } from '../support/bridge-calls';
import { simulateSale } from '../support/simulated-sale';
import type { DayReport } from '../../common/contract';

const M = 1;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
/** The counter's clock (the training simulator keeps it too: a row made while it is moved ahead is dated ahead). */
let clock = Date.now();
let staffId = '';
const { ok } = bridgeCalls(() => core);

/** A card payment Helcim makes, dated on Helcim's clock `aheadMs` ahead of the counter's. */
async function atHelcim(cents: number, aheadMs: number): Promise<string> {
  const counter = clock;
  clock += aheadMs;
  try {
    return await simulateSale(core.simulator!, cents);
  } finally {
    clock = counter;
  }
}

/** The same payment journaled at the counter's clock. */
async function paidAt(cents: number, helcimAheadMs: number): Promise<string> {
  const helcimId = await atHelcim(cents, helcimAheadMs);
  const id = randomUUID();
  core.journal.begin({
    id,
    kind: 'purchase',
    amountCents: cents,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId,
    approverId: null,
    mode: 'training',
  });
  core.journal.settle(id, 'approved', {
    helcimTransactionId: helcimId,
    detail: 'test',
    card: { type: 'VI', last4: '9990', approvalCode: 'T1' },
  });
  return helcimId;
}

before(async () => {
  t = await testCore('recon-clock', { now: () => clock });
  core = t.core;
  const m = await core.staffStore.create('Morgan', 'manager', '135790');
  staffId = m.id;
  core.sessions.signIn(M, { staffId: m.id, name: m.name, role: 'manager' });
});
after(async () => {
  await t.close();
});

test(
  'beyond the 5-minute margin, a payment is a difference: the counter’s clock is too far off',
  { timeout: 60_000 },
  async () => {
    // Helcim's clock runs 5 minutes and 10 seconds ahead of the counter's (the first period begins at this payment).
    const far = await paidAt(6_00, 5 * 60_000 + 10_000);
    clock += 1;
    const x = await ok<DayReport>(M, 'report.x', {});
    assert.deepEqual([x.reconciliation.matched, x.reconciliation.missingAtHelcim], [0, [far]]);
    // 4 minutes 50 seconds ahead: inside the margin, matched (the far one is still beyond it).
    clock += 1;
    const near = await paidAt(6_50, 5 * 60_000 - 10_000);
    clock += 1;
    const z = await ok<DayReport>(M, 'report.z', { confirm: true });
    assert.deepEqual([z.reconciliation.matched, z.reconciliation.missingAtHelcim], [1, [far]], `${near} matched`);
  },
);

test(
  'a payment Helcim dates 2 seconds after the Z matches its journal row, and is not named again in the next period',
  { timeout: 60_000 },
  async () => {
    clock += 60_000;
    const late = await paidAt(21_00, 2_000);
    clock += 1;
    const z = await ok<DayReport>(M, 'report.z', { confirm: true });
    assert.deepEqual(
      [z.reconciliation.matched, z.reconciliation.missingAtHelcim, z.reconciliation.notInJournal],
      [1, [], []],
      `Helcim's row ${late} is past the Z's end by Helcim's clock, inside the margin: matched`,
    );
    // The next period (now past Helcim's time for it): the row is in Helcim's list, and in the journal at another time.
    clock += 10_000;
    await paidAt(3_00, 0);
    clock += 1;
    const x = await ok<DayReport>(M, 'report.x', {});
    assert.equal(x.reconciliation.matched, 1);
    assert.deepEqual(x.reconciliation.notInJournal, [], 'the last period’s payment is not this period’s difference');
    await ok<DayReport>(M, 'report.z', { confirm: true });
  },
);

test(
  'a payment at Helcim only, in the margin but outside the period, is the neighbouring period’s, not this one’s',
  { timeout: 60_000 },
  async () => {
    clock += 60_000;
    // Helcim dates it 30 seconds after this period ends.
    const stranger = await atHelcim(7_77, 30_000);
    await paidAt(4_00, 0);
    clock += 1;
    const x = await ok<DayReport>(M, 'report.x', {});
    assert.deepEqual(
      [x.reconciliation.matched, x.reconciliation.notInJournal],
      [1, []],
      `${stranger} lies after the period`,
    );
    // Once the period reaches Helcim's time for it, it is a difference.
    clock += 40_000;
    const later = await ok<DayReport>(M, 'report.x', {});
    assert.deepEqual(
      later.reconciliation.notInJournal,
      [stranger],
      'a payment only Helcim has, inside the period, is named',
    );
  },
);
