/**
 * Money going back: finding the original payment, refunds (closed batch, full or partial) and
 * voids (open batch, full amount only), each behind a manager's single-use approval that the
 * router has already consumed. Journaled before the request is sent, with cashier and approver.
 */
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Currency, MoneyReturn, TransactionView } from '../../preload/contract';
import { CURRENCIES } from '../../preload/limits';
import { isApproved, lastFourOf } from '../../preload/cards';
import { localDay, localDayBounds, localWallTime } from '../../preload/days';
import { PosError } from '../errors';
import type { CardTransaction, HelcimClient } from '../helcim/client';
import type { Attempt, Journal } from '../journal/journal';
import { helcimAmountToCents, helcimAmountToCentsOrNull } from '../money';
import type { TokenSlot } from '../policy/table';
import type { Session } from '../session';
import type { Approval } from '../staff/approvals';

export type SearchFilters = { date?: string; amountCents?: number; last4?: string; invoiceNumber?: string };

/** Helcim's refund and reverse take "the ipAddress where the payment is processed": this counter's. */
function counterIp(): string {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

export class ReturnsService {
  constructor(
    private readonly deps: {
      client: () => HelcimClient;
      journal: Journal;
      token: (slot: TokenSlot) => Promise<string>;
      audit: (actor: string, action: string, detail: string) => void;
      mode: () => 'training' | 'live';
      /** Finds out from Helcim what happened to an attempt whose answer was lost. */
      reconcile: (attemptId: string) => Promise<Attempt>;
      /** The clock: "today" for a search without a date. */
      now: () => number;
    },
  ) {}

  async search(f: SearchFilters, slot: TokenSlot): Promise<TransactionView[]> {
    const token = await this.deps.token(slot);
    const date = f.date ?? localDay(this.deps.now());
    const rows = await this.deps.client().listCardTransactions(token, { between: localDayBounds(date), invoiceNumber: f.invoiceNumber });
    const hits = rows
      .filter((r) => r.type.toLowerCase() === 'purchase')
      .filter((r) => f.amountCents === undefined || helcimAmountToCentsOrNull(r.amount) === f.amountCents)
      .filter((r) => f.last4 === undefined || (r.cardNumber ?? '').endsWith(f.last4))
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))
      .slice(0, 100);
    const batches = new Map<string, Promise<boolean>>();
    return Promise.all(hits.map((r) => this.toView(r, token, batches)));
  }

  async view(transactionId: string, slot: TokenSlot): Promise<TransactionView> {
    const token = await this.deps.token(slot);
    return this.toView(await this.deps.client().getCardTransaction(token, transactionId), token, new Map());
  }

  async refund(transactionId: string, amountCents: number, session: Session, approval: Approval, slot: TokenSlot): Promise<MoneyReturn> {
    const v = await this.view(transactionId, slot);
    if (!v.settled)
      throw new PosError('transaction_not_eligible', 'This payment has not settled yet, so it cannot be refunded. Void it instead (the whole amount).');
    if (!v.canRefund || amountCents > v.refundableCents)
      throw new PosError('transaction_not_eligible', `At most ${(v.refundableCents / 100).toFixed(2)} can still be refunded on this payment.`);
    return this.send('refund', v, amountCents, session, approval, slot);
  }

  async reverse(transactionId: string, session: Session, approval: Approval, slot: TokenSlot): Promise<MoneyReturn> {
    const v = await this.view(transactionId, slot);
    if (v.settled) throw new PosError('transaction_not_eligible', 'This payment has already settled, so it cannot be voided. Refund it instead.');
    if (!v.canReverse) throw new PosError('transaction_not_eligible', 'This payment cannot be voided (already voided or partly returned).');
    // The approval was for the full amount of this payment, and nothing else.
    if (approval.amountCents !== v.amountCents) throw new PosError('forbidden', 'The manager’s approval was for a different amount than this payment.');
    return this.send('reverse', v, v.amountCents, session, approval, slot);
  }

  private async send(
    kind: 'refund' | 'reverse',
    v: TransactionView,
    amountCents: number,
    session: Session,
    approval: Approval,
    slot: TokenSlot,
  ): Promise<MoneyReturn> {
    const attemptId = randomUUID();
    const idempotencyKey = randomUUID();
    this.deps.journal.begin({
      id: attemptId,
      kind,
      amountCents,
      currency: v.currency,
      idempotencyKey,
      staffId: session.staffId,
      approverId: approval.managerId,
      originalTransactionId: v.transactionId,
      mode: this.deps.mode(),
    });
    this.deps.audit(session.staffId, `${kind}.sent`, `${v.transactionId} ${amountCents} approved by ${approval.managerId}`);
    const base = { attemptId, kind, originalTransactionId: v.transactionId, amountCents, currency: v.currency } as const;
    try {
      const token = await this.deps.token(slot);
      const tx =
        kind === 'refund'
          ? await this.deps.client().refund(token, { originalTransactionId: v.transactionId, amountCents, ipAddress: counterIp(), idempotencyKey })
          : await this.deps.client().reverse(token, { cardTransactionId: v.transactionId, ipAddress: counterIp(), idempotencyKey });
      if (!isApproved(tx.status)) {
        this.deps.journal.settle(attemptId, 'declined', { helcimTransactionId: tx.transactionId, detail: tx.status });
        return {
          ...base,
          outcome: 'declined',
          transactionId: tx.transactionId,
          message: `Helcim did not approve the ${kind === 'refund' ? 'refund' : 'void'}.`,
        };
      }
      this.deps.journal.settle(attemptId, 'approved', {
        helcimTransactionId: tx.transactionId,
        detail: `${kind} approved`,
        card: { type: v.cardType, last4: v.cardLast4, approvalCode: tx.approvalCode },
      });
      const amount = (amountCents / 100).toFixed(2);
      return {
        ...base,
        outcome: 'approved',
        transactionId: tx.transactionId,
        message: kind === 'refund' ? `Refunded ${amount} to the customer’s card.` : `Voided: the ${amount} payment is cancelled.`,
      };
    } catch (err) {
      const code = err instanceof PosError ? err.code : 'internal';
      if (code === 'helcim_declined') {
        this.deps.journal.settle(attemptId, 'declined', { detail: code });
        return { ...base, outcome: 'declined', message: (err as PosError).message };
      }
      if (code !== 'helcim_unknown_outcome') {
        // Refused before it reached the card network: nothing moved.
        this.deps.journal.settle(attemptId, 'cancelled', { detail: code });
        throw err;
      }
      // Retries did not get an answer: ask Helcim what happened before anyone may try again.
      this.deps.journal.settle(attemptId, 'unknown', { detail: code });
      const after = await this.deps.reconcile(attemptId);
      if (after.state === 'approved') {
        const amount = (amountCents / 100).toFixed(2);
        return {
          ...base,
          outcome: 'approved',
          transactionId: after.helcimTransactionId ?? undefined,
          message: `${kind === 'refund' ? `Refunded ${amount}` : `Voided the ${amount} payment`} (confirmed with Helcim after the connection dropped).`,
        };
      }
      if (after.state === 'cancelled')
        throw new PosError(
          'helcim_unavailable',
          `Helcim confirmed the ${kind === 'refund' ? 'refund' : 'void'} did not go through. Nothing moved; you can try again.`,
        );
      throw err;
    }
  }

  private async toView(r: CardTransaction, token: string, batches: Map<string, Promise<boolean>>): Promise<TransactionView> {
    const batchId = String((r as { cardBatchId?: unknown }).cardBatchId ?? '');
    let settled = batches.get(batchId);
    if (!settled) {
      settled = /^\d+$/.test(batchId)
        ? this.deps
            .client()
            .getCardBatch(token, batchId)
            .then((b) => b.closed)
        : Promise.resolve(false);
      batches.set(batchId, settled);
    }
    const isSettled = await settled;
    const amountCents = helcimAmountToCents(r.amount);
    const returnedCents = this.deps.journal.returnsAgainst(r.transactionId).reduce((sum, a) => sum + a.amountCents, 0);
    const approvedPurchase = isApproved(r.status) && r.type.toLowerCase() === 'purchase';
    const refundableCents = approvedPurchase ? Math.max(0, amountCents - returnedCents) : 0;
    const currency = (CURRENCIES as readonly string[]).includes(r.currency) ? (r.currency as Currency) : 'CAD';
    return {
      transactionId: r.transactionId,
      // Shown in the shop's own time (Helcim's dateCreated is Mountain Time).
      dateCreated: r.createdAt ? localWallTime(r.createdAt) : r.dateCreated,
      type: r.type,
      status: r.status,
      amountCents,
      currency,
      cardType: r.cardType,
      cardLast4: lastFourOf(r.cardNumber),
      invoiceNumber: r.invoiceNumber || undefined,
      settled: isSettled,
      returnedCents,
      refundableCents,
      canRefund: isSettled && refundableCents > 0,
      canReverse: !isSettled && approvedPurchase && returnedCents === 0,
    };
  }
}
