/**
 * Holds (Helcim preauthorizations: deposits, rentals, tabs). The hold itself is placed through
 * HelcimPay.js like a sale (CheckoutService, kind `preauth`); this service lists the holds this
 * counter placed that are still open, captures up to the held amount (Payment API capture, Positive
 * level), and releases a hold (Payment API reverse, Admin level, behind a manager's override) while
 * its card batch is open. After the batch closes Helcim cannot release it: the hold lapses on its
 * own when the card issuer lets it go.
 *
 * Each capture or release is sent through journaledMoneyCall, like refunds and voids: journaled
 * first, one idempotency key, unknown outcomes reconciled before anyone may try again.
 */
import type { Currency, HoldView, MoneyReturn } from '../../preload/contract';
import { CURRENCIES } from '../../preload/limits';
import { isApproved, lastFourOf } from '../../preload/cards';
import { localWallTime } from '../../preload/days';
import { PosError } from '../errors';
import type { CardTransaction, HelcimClient } from '../helcim/client';
import type { Attempt } from '../journal/journal';
import { helcimAmountToCents } from '../money';
import type { TokenSlot } from '../policy/table';
import type { Session } from '../session';
import type { Approval } from '../staff/approvals';
import { counterIp, journaledMoneyCall, type MoneyCallDeps } from './money-call';
import { batchClosed, type BatchCache } from './returns';
import { say } from '../language';
import { amount } from '../../preload/i18n';

/**
 * How far back the open-holds list looks. Card issuers keep a hold for days, rarely more than 30;
 * an older one has lapsed whatever Helcim's list says.
 */
export const HOLD_LOOKBACK_MS = 31 * 24 * 3_600_000;

type Hold = { row: CardTransaction; amountCents: number; currency: Currency; settled: boolean };

export class HoldsService {
  constructor(private readonly deps: MoneyCallDeps & { client: () => HelcimClient; now: () => number }) {}

  /** Holds placed here, approved, neither captured nor released (nor being checked), newest first. */
  async list(slot: TokenSlot): Promise<HoldView[]> {
    const now = this.deps.now();
    const placed = this.deps.journal
      .search({ from: new Date(now - HOLD_LOOKBACK_MS).toISOString(), to: new Date(now + 60_000).toISOString(), kind: 'preauth', state: 'approved' })
      .filter((a) => a.helcimTransactionId && this.deps.journal.returnsAgainst(a.helcimTransactionId).length === 0);
    if (placed.length === 0) return [];
    const token = await this.deps.token(slot);
    const batches: BatchCache = new Map();
    const views: HoldView[] = [];
    for (const a of placed) {
      const hold = await this.read(a.helcimTransactionId!, token, batches);
      if (!hold) continue;
      views.push(this.view(a, hold));
    }
    return views;
  }

  async capture(transactionId: string, amountCents: number, session: Session, slot: TokenSlot): Promise<MoneyReturn> {
    const hold = await this.openHold(transactionId, slot);
    if (amountCents > hold.amountCents)
      throw new PosError('transaction_not_eligible', 'error.hold.atMost', { amount: amount(hold.amountCents, hold.currency) });
    return journaledMoneyCall(this.deps, {
      kind: 'capture',
      original: this.original(hold),
      amountCents,
      session,
      approverId: null,
      slot,
      send: (token, idempotencyKey) =>
        this.deps.client().capture(token, { preAuthTransactionId: transactionId, amountCents, ipAddress: counterIp(), idempotencyKey }),
    });
  }

  async release(transactionId: string, session: Session, approval: Approval, slot: TokenSlot): Promise<MoneyReturn> {
    const hold = await this.openHold(transactionId, slot);
    if (hold.settled) throw new PosError('transaction_not_eligible', 'hold.lapses');
    // The manager approved releasing this whole hold, and nothing else.
    if (approval.amountCents !== hold.amountCents) throw new PosError('forbidden', 'error.approval.otherAmountHold');
    return journaledMoneyCall(this.deps, {
      kind: 'release',
      original: this.original(hold),
      amountCents: hold.amountCents,
      session,
      approverId: approval.managerId,
      slot,
      send: (token, idempotencyKey) => this.deps.client().reverse(token, { cardTransactionId: transactionId, ipAddress: counterIp(), idempotencyKey }),
    });
  }

  /** A hold that may still be captured or released: approved at Helcim, nothing done to it yet. */
  private async openHold(transactionId: string, slot: TokenSlot): Promise<Hold> {
    const hold = await this.read(transactionId, await this.deps.token(slot), new Map());
    if (!hold) throw new PosError('transaction_not_eligible', 'error.hold.notHold');
    const acted = this.deps.journal.returnsAgainst(transactionId);
    const busy = acted.find((a) => a.state !== 'approved');
    if (busy) throw new PosError('helcim_unknown_outcome', 'error.hold.busy', { kind: busy.kind });
    if (acted.length) throw new PosError('transaction_not_eligible', 'error.hold.done', { kind: acted[0]!.kind });
    return hold;
  }

  /** Helcim's row for a hold, or null if it is not an approved preauthorization. */
  private async read(transactionId: string, token: string, batches: BatchCache): Promise<Hold | null> {
    const row = await this.deps.client().getCardTransaction(token, transactionId);
    if (row.type.toLowerCase() !== 'preauth' || !isApproved(row.status)) return null;
    const currency = (CURRENCIES as readonly string[]).includes(row.currency) ? (row.currency as Currency) : 'CAD';
    return { row, amountCents: helcimAmountToCents(row.amount), currency, settled: await batchClosed(this.deps.client(), token, row, batches) };
  }

  private original(h: Hold) {
    return { transactionId: h.row.transactionId, currency: h.currency, cardType: h.row.cardType, cardLast4: lastFourOf(h.row.cardNumber) };
  }

  private view(a: Attempt, h: Hold): HoldView {
    return {
      transactionId: h.row.transactionId,
      attemptId: a.id,
      time: h.row.createdAt ? localWallTime(h.row.createdAt) : h.row.dateCreated,
      amountCents: h.amountCents,
      currency: h.currency,
      cardType: h.row.cardType,
      cardLast4: lastFourOf(h.row.cardNumber),
      invoiceNumber: h.row.invoiceNumber || undefined,
      releasable: !h.settled,
      note: say(h.settled ? 'hold.lapses' : 'hold.open'),
    };
  }
}
