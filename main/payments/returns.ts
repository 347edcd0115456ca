/**
 * Money going back: finding the original payment (a purchase, or a captured hold), refunds (closed batch, full or partial) and
 * voids (open batch, full amount only), each behind a manager's single-use approval that the
 * router has already consumed. Journaled before the request is sent, with cashier and approver.
 */
import type { Currency, MoneyReturn, TransactionView, Mode } from '../../common/contract';
import { CURRENCIES } from '../../common/limits';
import { isApproved, isDebitCard, isSaleType, lastFourOf } from '../../common/cards';
import { localDay, localDayBounds, localWallTime } from '../../common/days';
import { PosError } from '../errors';
import type { CardTransaction, HelcimClient } from '../helcim/client';
import type { Attempt, Journal } from '../journal/journal';
import { helcimAmountToCents, helcimAmountToCentsOrNull } from '../money';
import type { TokenSlot } from '../policy/table';
import type { Session } from '../session';
import type { Approval } from '../policy/approvals';
import { counterIp, journaledMoneyCall } from './money-call';
import { say } from '../language';
import { amount, type MessageKey } from '../../common/i18n';

export type SearchFilters = { date?: string; amountCents?: number; last4?: string; invoiceNumber?: string };

/** Batch state by batch id, asked once per search. */
export type BatchCache = Map<string, Promise<boolean>>;

/**
 * Whether a transaction's card batch has closed (settled): then only a refund is possible, while it
 * is open only a reverse (a void, or a hold's release).
 */
export function batchClosed(
  client: HelcimClient,
  token: string,
  r: CardTransaction,
  cache: BatchCache,
): Promise<boolean> {
  const batchId = String((r as { cardBatchId?: unknown }).cardBatchId ?? '');
  let closed = cache.get(batchId);
  if (!closed) {
    closed = /^\d+$/.test(batchId) ? client.getCardBatch(token, batchId).then((b) => b.closed) : Promise.resolve(false);
    cache.set(batchId, closed);
  }
  return closed;
}

/** How money goes back on a sale, and why, in words for the refund screen. */
function returnWay(
  sale: boolean,
  settled: boolean,
  cardType: string | undefined,
  terminalPaired: boolean,
): Pick<TransactionView, 'returnBy' | 'returnNote'> {
  if (!sale) return { returnBy: null, returnNote: '' };
  if (!settled) return { returnBy: 'void', returnNote: say('returns.void') };
  if (!isDebitCard(cardType)) return { returnBy: 'refund', returnNote: say('returns.refund') };
  return { returnBy: 'terminal-refund', returnNote: say(debitNote(terminalPaired)) };
}

const debitNote = (terminalPaired: boolean): MessageKey =>
  terminalPaired ? 'returns.debitOnTerminal' : 'returns.debitNoTerminal';

export class ReturnsService {
  constructor(
    private readonly deps: {
      client: () => HelcimClient;
      journal: Journal;
      token: (slot: TokenSlot) => Promise<string>;
      audit: (actor: string, action: string, detail: string) => void;
      mode: () => Mode;
      /** Finds out from Helcim what happened to an attempt whose answer was lost. */
      reconcile: (attemptId: string) => Promise<Attempt>;
      /** The clock: "today" for a search without a date. */
      now: () => number;
      /** Debit refunds after settlement go to this counter's terminal, card present (null: none paired). */
      terminalRefund: (
        v: TransactionView,
        amountCents: number,
        session: Session,
        approval: Approval,
        slot: TokenSlot,
        within?: (attemptId: string) => void,
      ) => Promise<MoneyReturn>;
      terminalPaired: () => boolean;
    },
  ) {}

  async search(f: SearchFilters, slot: TokenSlot): Promise<TransactionView[]> {
    const token = await this.deps.token(slot);
    const date = f.date ?? localDay(this.deps.now());
    const rows = await this.deps
      .client()
      .listCardTransactions(token, { between: localDayBounds(date), invoiceNumber: f.invoiceNumber });
    const hits = rows
      .filter((r) => isSaleType(r.type))
      .filter((r) => f.amountCents === undefined || helcimAmountToCentsOrNull(r.amount) === f.amountCents)
      .filter((r) => f.last4 === undefined || lastFourOf(r.cardNumber) === f.last4)
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))
      .slice(0, 100);
    const batches: BatchCache = new Map();
    return Promise.all(hits.map((r) => this.toView(r, token, batches)));
  }

  async view(transactionId: string, slot: TokenSlot): Promise<TransactionView> {
    const token = await this.deps.token(slot);
    return this.toView(await this.deps.client().getCardTransaction(token, transactionId), token, new Map());
  }

  /** `within`: written with the refund's attempt (the lines of the sale it gives back). */
  async refund(
    transactionId: string,
    amountCents: number,
    session: Session,
    approval: Approval,
    slot: TokenSlot,
    within?: (attemptId: string) => void,
  ): Promise<MoneyReturn> {
    const v = await this.view(transactionId, slot);
    if (!v.settled) throw new PosError('transaction_not_eligible', 'error.returns.notSettled');
    if (v.returnBy === 'terminal-refund' && !this.deps.terminalPaired())
      throw new PosError('transaction_not_eligible', 'returns.debitNoTerminal');
    if (!v.canRefund || amountCents > v.refundableCents)
      throw new PosError('transaction_not_eligible', 'error.returns.atMost', {
        amount: amount(v.refundableCents, v.currency),
      });
    // A debit card never goes to the Payment API refund: Helcim needs the card present on a terminal.
    if (isDebitCard(v.cardType)) return this.deps.terminalRefund(v, amountCents, session, approval, slot, within);
    return this.send('refund', v, amountCents, session, approval.managerId, slot, within);
  }

  /**
   * Gives a whole card payment back, the way its state allows (an abandoned sale's card part): voided
   * while its batch is open, else refunded to a credit card. A settled debit card needs the card present
   * on the terminal, so it is refused here with the words that say so.
   */
  async giveBack(transactionId: string, session: Session, approverId: string, slot: TokenSlot): Promise<MoneyReturn> {
    const v = await this.view(transactionId, slot);
    // canReverse (an approved sale, its batch open, nothing given back yet) is a way back of 'void'.
    if (v.canReverse) return this.send('reverse', v, v.amountCents, session, approverId, slot);
    if (v.returnBy === 'refund' && v.canRefund)
      return this.send('refund', v, v.refundableCents, session, approverId, slot);
    throw new PosError(
      'transaction_not_eligible',
      v.returnBy === 'terminal-refund' ? debitNote(this.deps.terminalPaired()) : 'error.returns.notAutomatic',
    );
  }

  /** `within`: written with the void's attempt (a void of the payment that paid a whole cart gives back every line). */
  async reverse(
    transactionId: string,
    session: Session,
    approval: Approval,
    slot: TokenSlot,
    within?: (attemptId: string) => void,
  ): Promise<MoneyReturn> {
    const v = await this.view(transactionId, slot);
    if (v.settled) throw new PosError('transaction_not_eligible', 'error.returns.settled');
    if (!v.canReverse) throw new PosError('transaction_not_eligible', 'error.returns.cannotVoid');
    // The approval was for the full amount of this payment, and nothing else.
    if (approval.amountCents !== v.amountCents) throw new PosError('forbidden', 'error.approval.otherAmountPayment');
    return this.send('reverse', v, v.amountCents, session, approval.managerId, slot, within);
  }

  private send(
    kind: 'refund' | 'reverse',
    v: TransactionView,
    amountCents: number,
    session: Session,
    approverId: string,
    slot: TokenSlot,
    within?: (attemptId: string) => void,
  ): Promise<MoneyReturn> {
    return journaledMoneyCall(this.deps, {
      kind,
      original: v,
      amountCents,
      session,
      approverId,
      slot,
      within,
      send: (token, idempotencyKey) =>
        kind === 'refund'
          ? this.deps.client().refund(token, {
              originalTransactionId: v.transactionId,
              amountCents,
              ipAddress: counterIp(),
              idempotencyKey,
            })
          : this.deps
              .client()
              .reverse(token, { cardTransactionId: v.transactionId, ipAddress: counterIp(), idempotencyKey }),
    });
  }

  private async toView(r: CardTransaction, token: string, batches: BatchCache): Promise<TransactionView> {
    const isSettled = await batchClosed(this.deps.client(), token, r, batches);
    const amountCents = helcimAmountToCents(r.amount);
    const returnedCents = this.deps.journal.returnsAgainst(r.transactionId).reduce((sum, a) => sum + a.amountCents, 0);
    const approvedSale = isApproved(r.status) && isSaleType(r.type);
    const refundableCents = approvedSale ? Math.max(0, amountCents - returnedCents) : 0;
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
      canRefund: isSettled && refundableCents > 0 && (!isDebitCard(r.cardType) || this.deps.terminalPaired()),
      canReverse: !isSettled && approvedSale && returnedCents === 0,
      ...returnWay(approvedSale, isSettled, r.cardType, this.deps.terminalPaired()),
    };
  }
}
