/**
 * One place that turns a row of Helcim's transaction list into what the journal records, whoever
 * found it: the terminal's own lookups, a closed card form's watch, reconciliation, or the sweep
 * for late approvals. Before this, reconciliation booked a late terminal approval at the amount
 * asked (no tip, no partial approval, no card) while the screen booked what Helcim approved.
 */
import { isApproved, lastFourOf } from '../../common/cards';
import type { CardTransaction } from '../helcim/client';
import type { Attempt, Journal } from '../journal/journal';
import { helcimAmountToCentsOrNull } from '../money';

/**
 * The one lookup rule (terminal, card form, reconciliation): among the rows of Helcim's list for
 * one invoice number and one type, the approval wins, whatever order Helcim lists them in; a decline
 * is the answer only when nothing was approved. Rows another attempt already recorded never count.
 */
export function rowForInvoice(
  rows: readonly CardTransaction[],
  invoiceNumber: string,
  type: string,
  // Stryker disable next-line ArrowFunction: equivalent — a default that answers undefined is as falsy as false.
  claimedByOther: (transactionId: string) => boolean = () => false,
  askedCents?: number,
): CardTransaction | null {
  const all = rows.filter(
    (r) => r.invoiceNumber === invoiceNumber && r.type.toLowerCase() === type && !claimedByOther(r.transactionId),
  );
  // A sale's card parts share its invoice number (main/invoices): a row for the amount this part asked
  // comes before another of the same standing (a tip or a partial approval changes the amount, so an
  // approval for another amount still wins over a decline).
  // Stryker disable next-line ConditionalExpression: equivalent — with no amount asked, no amount (nor null) equals undefined.
  const asked = (r: CardTransaction) => askedCents !== undefined && helcimAmountToCentsOrNull(r.amount) === askedCents;
  const approved = all.filter((r) => isApproved(r.status));
  return approved.find(asked) ?? approved[0] ?? all.find(asked) ?? all[0] ?? null;
}

/**
 * Another card part of the same sale, paying against the same invoice number, whose outcome is not
 * known yet: until it is, an unclaimed approval under that number may be its, not this attempt's.
 */
export function siblingUnresolved(journal: Journal, a: Attempt): boolean {
  if (!a.saleId || !a.reference) return false;
  return journal
    .bySale(a.saleId)
    .some((b) => b.id !== a.id && b.reference === a.reference && (b.state === 'pending' || b.state === 'unknown'));
}

/**
 * What a sale attempt really took, from Helcim's approved amount: above the asked amount, the rest
 * is a tip the customer added on the terminal; below it, a partial approval (a prepaid card) — never
 * the amount asked. Other kinds (refund, void, capture, release) move exactly what was asked.
 * `askedCents` is the attempt's amount before any result was recorded.
 */
export function amountsOf(
  kind: Attempt['kind'],
  askedCents: number,
  row: CardTransaction,
): { amountCents: number; tipCents: number } {
  if (kind !== 'purchase') return { amountCents: askedCents, tipCents: 0 };
  const approved = helcimAmountToCentsOrNull(row.amount) ?? askedCents;
  return { amountCents: approved, tipCents: Math.max(0, approved - askedCents) };
}

export type Recorded = {
  attempt: Attempt;
  /** 'settled': a pending or unknown attempt got its result; 'late': one marked cancelled was approved after all; null: nothing changed. */
  change: 'settled' | 'late' | null;
};

/** Records Helcim's row on the attempt it belongs to, through the journal's two allowed changes. */
export function recordHelcimRow(journal: Journal, attemptId: string, row: CardTransaction, how: string): Recorded {
  const before = journal.get(attemptId);
  if (!before) throw new Error(`no attempt ${attemptId}`);
  const approved = isApproved(row.status);
  const card = { type: row.cardType, last4: lastFourOf(row.cardNumber), approvalCode: row.approvalCode };
  const amounts = amountsOf(before.kind, before.amountCents, row);
  if (before.state === 'pending' || before.state === 'unknown') {
    const attempt = journal.settle(attemptId, approved ? 'approved' : 'declined', {
      helcimTransactionId: row.transactionId,
      detail: approved ? how : `${how}: ${row.status}`,
      card,
      ...(approved ? { tip: amounts } : {}),
    });
    // Stryker disable next-line ConditionalExpression: equivalent today — read and settled in one synchronous step, nothing can settle it in between; kept so a change of that is not reported as one.
    return { attempt, change: attempt.state === before.state ? null : 'settled' };
  }
  if (before.state === 'cancelled' && approved) {
    const attempt = journal.lateApproval(attemptId, { helcimTransactionId: row.transactionId, card, ...amounts });
    // Stryker disable next-line ConditionalExpression: equivalent today, as above.
    return { attempt, change: attempt.state === 'approved' ? 'late' : null };
  }
  return { attempt: before, change: null };
}
