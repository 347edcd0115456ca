/**
 * Shared by the money rules' unit tests (test/unit/*-rules.test.ts): an attempt written into a real
 * journal as the app would have written it, and the typed refusal a rule answers with.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Journal, AttemptKind, AttemptState } from '../../main/journal/journal';
import { PosError } from '../../main/errors';

/**
 * An attempt begun (pending) by Casey in training, in CAD, then settled in `state` with Helcim's id if
 * given. `original`: the transaction a refund, void, capture or release is against.
 */
export function journaled(
  journal: Journal,
  a: {
    kind: AttemptKind;
    cents: number;
    state: AttemptState;
    helcimId?: string;
    original?: string;
    saleId?: string;
    reference?: string;
    approverId?: string | null;
  },
): string {
  const id = randomUUID();
  journal.begin({
    id,
    kind: a.kind,
    amountCents: a.cents,
    currency: 'CAD',
    idempotencyKey: randomUUID(),
    staffId: 'casey',
    approverId: a.approverId ?? null,
    ...(a.original ? { originalTransactionId: a.original } : {}),
    ...(a.saleId ? { saleId: a.saleId } : {}),
    ...(a.reference ? { reference: a.reference } : {}),
    mode: 'training',
  });
  if (a.state !== 'pending')
    journal.settle(id, a.state, { detail: 'test', ...(a.helcimId ? { helcimTransactionId: a.helcimId } : {}) });
  return id;
}

/** The PosError a call is refused with (its code, catalog key and words); fails the test if it is not refused. */
export async function refusal(
  call: Promise<unknown> | (() => unknown),
): Promise<{ code: string; key: string; message: string }> {
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (err) {
    assert.ok(err instanceof PosError, String(err));
    return { code: err.code, key: err.key, message: err.message };
  }
  assert.fail('not refused');
}
