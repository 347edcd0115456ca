/**
 * One money call on an earlier transaction (main/payments/money-call.ts: refund, void, capture,
 * release), on a real journal with Helcim's answer scripted: journaled and audited before it leaves,
 * approved or declined only on Helcim's word, cancelled only when it never reached the card network,
 * unknown for any answer that does not prove "nothing moved" — then asked of Helcim before anything
 * else. Each outcome changed alone; the words written out.
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { counterIp, journaledMoneyCall, type MoneyCallKind } from '../../main/payments/money-call';
import { Journal, type Attempt } from '../../main/journal/journal';
import { PosError } from '../../main/errors';
import type { CardTransaction } from '../../main/helcim/client';
import { cardRow } from '../support/card-rows';

/** Helcim's side of the call; it may look at the journal and the audit trail as they are while the call is out. */
type Send = (token: string, key: string, now: { journal: Journal; audits: string[] }) => Promise<CardTransaction>;

async function call(
  send: Send,
  o: { kind?: MoneyCallKind; approverId?: string | null; reconcile?: (j: Journal, id: string) => Attempt } = {},
) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-money-call-'));
  const journal = new Journal(path.join(dir, 'journal.sqlite'));
  const audits: string[] = [];
  const reconciled: string[] = [];
  const within: string[] = [];
  const result = journaledMoneyCall(
    {
      journal,
      token: async (slot) => `token-for-${slot}`,
      audit: (actor, action, detail) => audits.push(`${actor} ${action} ${detail}`),
      mode: () => 'training',
      reconcile: async (id) => {
        reconciled.push(id);
        return o.reconcile ? o.reconcile(journal, id) : journal.get(id)!;
      },
    },
    {
      kind: o.kind ?? 'refund',
      original: { transactionId: '6001', currency: 'CAD', cardType: 'VI', cardLast4: '4242' },
      amountCents: 7_50,
      session: { staffId: 'casey', name: 'Casey', role: 'cashier' },
      approverId: o.approverId === undefined ? 'morgan' : o.approverId,
      slot: 'admin',
      send: (token, key) => send(token, key, { journal, audits }),
      within: (id) => within.push(id),
    },
  );
  const settled = await result.then(
    (value) => ({ value, error: null }),
    (error: unknown) => ({ value: null, error }),
  );
  const attempts = journal.list();
  const out = { ...settled, attempts, audits, reconciled, within, journal };
  return {
    ...out,
    done: () => {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('journaled (pending, with the key it is sent with) and audited before it leaves; approved on Helcim’s word, with the card and the approval code', async () => {
  let whileOut: { token: string; key: string; attempts: Attempt[]; audits: string[] } | null = null;
  const r = await call(async (token, key, now) => {
    whileOut = { token, key, attempts: now.journal.list(), audits: [...now.audits] };
    return cardRow(7.5, 'APPROVED', { transactionId: '6002', type: 'refund', approvalCode: 'R1' });
  });
  try {
    const [a] = r.attempts;
    assert.equal(whileOut!.token, 'token-for-admin');
    assert.deepEqual(
      whileOut!.attempts.map((x) => [x.id, x.state, x.idempotencyKey]),
      [[a!.id, 'pending', whileOut!.key]],
      'pending, under the key it is sent with',
    );
    assert.deepEqual(whileOut!.audits, ['casey refund.sent 6001 750 approved by morgan']);
    assert.deepEqual(r.within, [a!.id], 'the lines written with the attempt');
    assert.deepEqual(
      [a!.kind, a!.state, a!.amountCents, a!.originalTransactionId, a!.helcimTransactionId, a!.approverId, a!.staffId],
      ['refund', 'approved', 7_50, '6001', '6002', 'morgan', 'casey'],
    );
    assert.deepEqual([a!.cardType, a!.cardLast4, a!.approvalCode, a!.detail], ['VI', '4242', 'R1', 'refund approved']);
    assert.deepEqual(r.value, {
      attemptId: a!.id,
      kind: 'refund',
      originalTransactionId: '6001',
      amountCents: 7_50,
      currency: 'CAD',
      outcome: 'approved',
      transactionId: '6002',
      message: 'Refunded $7.50 to the customer’s card.',
    });
  } finally {
    r.done();
  }
});

test('declined by Helcim’s status: declined, its status the detail, nothing else', async () => {
  const r = await call(async () => cardRow(7.5, 'DECLINED', { transactionId: '6003' }));
  try {
    const [a] = r.attempts;
    assert.deepEqual([a!.state, a!.helcimTransactionId, a!.detail], ['declined', '6003', 'DECLINED']);
    assert.equal(r.value!.outcome, 'declined');
    assert.equal(r.value!.transactionId, '6003');
    assert.equal(r.value!.message, 'Helcim did not approve the refund.');
    assert.deepEqual(r.reconciled, []);
  } finally {
    r.done();
  }
});

test('declined as an error (Helcim said no): declined, in Helcim’s words as the error says them', async () => {
  const declined = new PosError('helcim_declined', 'error.helcim.busy');
  const r = await call(async () => {
    throw declined;
  });
  try {
    assert.deepEqual([r.attempts[0]!.state, r.attempts[0]!.detail], ['declined', 'helcim_declined']);
    assert.deepEqual([r.value!.outcome, r.value!.message], ['declined', declined.message]);
  } finally {
    r.done();
  }
});

test('refused before the card network (a PosError or a bug): cancelled with its code, the same error thrown on, never asked again', async () => {
  for (const [thrown, code] of [
    [new PosError('helcim_unavailable', 'error.helcim.busy'), 'helcim_unavailable'],
    [new Error('a bug'), 'internal'],
  ] as const) {
    const r = await call(async () => {
      throw thrown;
    });
    try {
      assert.equal(r.error, thrown);
      assert.deepEqual([r.attempts[0]!.state, r.attempts[0]!.detail], ['cancelled', code]);
      assert.deepEqual(r.reconciled, []);
    } finally {
      r.done();
    }
  }
});

test('an answer that proves nothing (lost): unknown, then Helcim is asked — approved after all, or nothing moved, or still unknown', async () => {
  const lost = new PosError('helcim_unknown_outcome', 'error.helcim.busy');
  const approvedLater = await call(
    async () => {
      throw lost;
    },
    {
      kind: 'reverse',
      reconcile: (j, id) => j.settle(id, 'approved', { detail: 'found', helcimTransactionId: '6009' }),
    },
  );
  try {
    const [a] = approvedLater.attempts;
    assert.deepEqual(approvedLater.reconciled, [a!.id]);
    assert.deepEqual(
      [approvedLater.value!.outcome, approvedLater.value!.transactionId, approvedLater.value!.message],
      ['approved', '6009', 'Voided the $7.50 payment (confirmed with Helcim after the connection dropped).'],
    );
    assert.equal(
      approvedLater.journal.events(a!.id).some((e) => e.detail === 'helcim_unknown_outcome'),
      true,
      'recorded as unknown before Helcim was asked',
    );
  } finally {
    approvedLater.done();
  }

  const nothing = await call(
    async () => {
      throw lost;
    },
    { reconcile: (j, id) => j.settle(id, 'cancelled', { detail: 'not at Helcim' }) },
  );
  try {
    assert.ok(nothing.error instanceof PosError);
    assert.deepEqual(
      [(nothing.error as PosError).code, (nothing.error as PosError).message],
      ['helcim_unavailable', 'Helcim confirmed the refund did not go through. Nothing moved; you can try again.'],
    );
  } finally {
    nothing.done();
  }

  const still = await call(async () => {
    throw lost;
  });
  try {
    assert.equal(still.error, lost, 'still unknown: the lost answer said as it was');
    assert.equal(still.attempts[0]!.state, 'unknown');
  } finally {
    still.done();
  }
});

test('a capture has no manager: audited without one', async () => {
  const r = await call(async () => cardRow(7.5, 'APPROVED', { transactionId: '6010', type: 'capture' }), {
    kind: 'capture',
    approverId: null,
  });
  try {
    assert.deepEqual(r.audits, ['casey capture.sent 6001 750']);
    assert.equal(r.attempts[0]!.approverId, null);
  } finally {
    r.done();
  }
});

test('the counter’s address for Helcim: its first outside IPv4 address, else 127.0.0.1', () => {
  type Nics = ReturnType<typeof os.networkInterfaces>;
  const loopback = { lo: [{ family: 'IPv4', internal: true, address: '127.0.0.1' }] };
  const nics = mock.method(
    os,
    'networkInterfaces',
    (): Nics =>
      ({
        ...loopback,
        eth6: [{ family: 'IPv6', internal: false, address: 'fe80::1' }],
        eth0: [{ family: 'IPv4', internal: false, address: '192.168.1.40' }],
        eth1: [{ family: 'IPv4', internal: false, address: '10.0.0.2' }],
      }) as unknown as Nics,
  );
  try {
    assert.equal(counterIp(), '192.168.1.40');
    nics.mock.mockImplementation((): Nics => ({ ...loopback, none: undefined }) as unknown as Nics);
    assert.equal(counterIp(), '127.0.0.1');
  } finally {
    nics.mock.restore();
  }
});
