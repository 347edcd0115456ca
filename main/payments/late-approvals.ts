/**
 * Approvals that arrive after the counter was told "cancelled" (a card form closed just after the
 * card was submitted, a terminal sale the cashier marked "customer cancelled"): recorded as approved —
 * the customer paid — and shown on every screen for a while. One place for both.
 */
import { lastFourOf } from '../../preload/cards';
import type { CardTransaction } from '../helcim/client';
import type { Journal } from '../journal/journal';
import { say } from '../language';
import type { MessageKey, MessageValues } from '../../preload/i18n';

/** How long the screens show a late approval. */
export const NOTICE_MS = 10 * 60_000;

export class LateApprovals {
  private readonly late: { at: number; key: MessageKey; values: MessageValues }[] = [];

  constructor(
    private readonly journal: Journal,
    private readonly now: () => number,
  ) {}

  /** Records Helcim's approval on an attempt marked cancelled, and what the cashier is told. */
  record(attemptId: string, row: CardTransaction, amounts: { amountCents: number; tipCents: number }, key: MessageKey, values: MessageValues): void {
    this.journal.lateApproval(attemptId, {
      helcimTransactionId: row.transactionId,
      card: { type: row.cardType, last4: lastFourOf(row.cardNumber), approvalCode: row.approvalCode },
      ...amounts,
    });
    this.late.push({ at: this.now(), key, values });
  }

  /** Late approvals of the last NOTICE_MS, in the words of whoever is reading the screen. */
  notices(): string[] {
    const since = this.now() - NOTICE_MS;
    return this.late.filter((n) => n.at >= since).map((n) => say(n.key, n.values));
  }
}
