/**
 * One Payment API call that moves money on an earlier transaction — a refund, a void, the capture of
 * a hold or its release — sent the one way every such call is sent: journaled (pending, with its
 * idempotency key) and audited before it leaves; approved or declined only on Helcim's word; refused
 * before it reached the card network → cancelled, nothing moved; any answer that does not prove
 * "nothing moved" (a lost answer, a 409) → unknown, and reconciliation asks Helcim before anyone may
 * try again.
 */
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Currency, MoneyReturn, Mode } from '../../common/contract';
import { isApproved } from '../../common/cards';
import { PosError } from '../errors';
import type { CardTransaction } from '../helcim/client';
import type { Attempt, Journal } from '../journal/journal';
import type { TokenSlot } from '../policy/table';
import type { Session } from '../session';
import { say } from '../language';
import { amount as amountValue, type MessageKey } from '../../common/i18n';

export type MoneyCallKind = MoneyReturn['kind'];

export type MoneyCallDeps = {
  journal: Journal;
  token: (slot: TokenSlot) => Promise<string>;
  audit: (actor: string, action: string, detail: string) => void;
  mode: () => Mode;
  /** Finds out from Helcim what happened to an attempt whose answer was lost. */
  reconcile: (attemptId: string) => Promise<Attempt>;
};

/** Helcim's Payment API takes "the ipAddress where the payment is processed": this counter's. */
export function counterIp(): string {
  for (const list of Object.values(networkInterfaces()))
    // Stryker disable next-line ArrayDeclaration: equivalent — any stand-in for a missing list holds no IPv4 address.
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

/** What the cashier is told, per kind and outcome: the catalogs' `moneyCall.<kind>.<outcome>`. */
const words = (
  kind: MoneyCallKind,
  outcome: 'approved' | 'declined' | 'confirmedLater' | 'confirmedNothing',
): MessageKey => `moneyCall.${kind}.${outcome}`;

export async function journaledMoneyCall(
  d: MoneyCallDeps,
  o: {
    kind: MoneyCallKind;
    original: { transactionId: string; currency: Currency; cardType?: string; cardLast4?: string };
    amountCents: number;
    session: Session;
    /** The manager whose override allowed it (refund, void, release); null for a capture. */
    approverId: string | null;
    slot: TokenSlot;
    send: (token: string, idempotencyKey: string) => Promise<CardTransaction>;
    /** Written in the journal's transaction with the attempt (the lines of a sale it gives back). */
    within?: (attemptId: string) => void;
  },
): Promise<MoneyReturn> {
  const attemptId = randomUUID();
  const idempotencyKey = randomUUID();
  d.journal.begin({
    id: attemptId,
    kind: o.kind,
    amountCents: o.amountCents,
    currency: o.original.currency,
    idempotencyKey,
    staffId: o.session.staffId,
    approverId: o.approverId,
    originalTransactionId: o.original.transactionId,
    mode: d.mode(),
    ...(o.within ? { within: () => o.within!(attemptId) } : {}),
  });
  d.audit(
    o.session.staffId,
    `${o.kind}.sent`,
    `${o.original.transactionId} ${o.amountCents}${o.approverId ? ` approved by ${o.approverId}` : ''}`,
  );
  const amount = { amount: amountValue(o.amountCents, o.original.currency) };
  const base = {
    attemptId,
    kind: o.kind,
    originalTransactionId: o.original.transactionId,
    amountCents: o.amountCents,
    currency: o.original.currency,
  };
  try {
    const tx = await o.send(await d.token(o.slot), idempotencyKey);
    if (!isApproved(tx.status)) {
      d.journal.settle(attemptId, 'declined', { helcimTransactionId: tx.transactionId, detail: tx.status });
      return { ...base, outcome: 'declined', transactionId: tx.transactionId, message: say(words(o.kind, 'declined')) };
    }
    d.journal.settle(attemptId, 'approved', {
      helcimTransactionId: tx.transactionId,
      detail: `${o.kind} approved`,
      card: { type: o.original.cardType, last4: o.original.cardLast4, approvalCode: tx.approvalCode },
    });
    return {
      ...base,
      outcome: 'approved',
      transactionId: tx.transactionId,
      message: say(words(o.kind, 'approved'), amount),
    };
  } catch (err) {
    const code = err instanceof PosError ? err.code : 'internal';
    if (code === 'helcim_declined') {
      d.journal.settle(attemptId, 'declined', { detail: code });
      return { ...base, outcome: 'declined', message: (err as PosError).message };
    }
    if (code !== 'helcim_unknown_outcome') {
      // Refused before it reached the card network: nothing moved.
      d.journal.settle(attemptId, 'cancelled', { detail: code });
      throw err;
    }
    // Retries did not get an answer: ask Helcim what happened before anyone may try again.
    d.journal.settle(attemptId, 'unknown', { detail: code });
    const after = await d.reconcile(attemptId);
    if (after.state === 'approved')
      return {
        ...base,
        outcome: 'approved',
        transactionId: after.helcimTransactionId ?? undefined,
        message: say(words(o.kind, 'confirmedLater'), amount),
      };
    if (after.state === 'cancelled') throw new PosError('helcim_unavailable', words(o.kind, 'confirmedNothing'));
    throw err;
  }
}
