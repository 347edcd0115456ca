/**
 * Approvals that arrive after the counter was told "cancelled" (a card form closed just after the
 * card was submitted, a terminal sale the cashier marked "customer cancelled"): recorded as approved —
 * the customer paid — and shown on every screen for a while. One place for both.
 */
import { lastFourOf } from '../../preload/cards';
import type { CardTransaction } from '../helcim/client';
import type { Journal } from '../journal/journal';

/** How long the screens show a late approval. */
export const NOTICE_MS = 10 * 60_000;

export class LateApprovals {
  private readonly late: { at: number; text: string }[] = [];

  constructor(
    private readonly journal: Journal,
    private readonly now: () => number,
  ) {}

  /** Records Helcim's approval on an attempt marked cancelled, and what the cashier is told. */
  record(attemptId: string, row: CardTransaction, amounts: { amountCents: number; tipCents: number }, text: string): void {
    this.journal.lateApproval(attemptId, {
      helcimTransactionId: row.transactionId,
      card: { type: row.cardType, last4: lastFourOf(row.cardNumber), approvalCode: row.approvalCode },
      ...amounts,
    });
    this.late.push({ at: this.now(), text });
  }

  /** Late approvals of the last NOTICE_MS. */
  notices(): string[] {
    const since = this.now() - NOTICE_MS;
    return this.late.filter((n) => n.at >= since).map((n) => n.text);
  }
}
