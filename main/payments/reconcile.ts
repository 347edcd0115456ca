/**
 * Reconciliation: for every attempt whose outcome is not known (pending, or unknown after lost
 * answers), ask Helcim's transaction list what really happened and record that. Runs at start-up,
 * before the counter screen opens, then every 30 s, and right after a request's answer is lost.
 * Until an attempt is resolved its amount counts as possibly moved, so nobody can try it again.
 */
import type { CardTransaction, HelcimClient } from '../helcim/client';
import { LOST_ANSWER, type Attempt, type AttemptKind, type Journal } from '../journal/journal';
import { helcimAmountToCentsOrNull } from '../money';
import { isApproved } from '../../common/cards';
import type { TokenUse } from '../policy/table';
import { recordHelcimRow, rowForInvoice } from './helcim-result';
import type { Mode } from '../../common/contract';

/** Helcim's `type` for each kind of attempt: a hold's release is Helcim's reverse. */
export const HELCIM_TYPE: Record<AttemptKind, string> = {
  purchase: 'purchase',
  verify: 'verify',
  preauth: 'preauth',
  capture: 'capture',
  refund: 'refund',
  reverse: 'reverse',
  release: 'reverse',
};

/** Attempts made through HelcimPay.js carry our invoice number; the others act on an earlier transaction. */
const BY_INVOICE: readonly AttemptKind[] = ['purchase', 'verify', 'preauth'];

/**
 * A money call whose answer was lost may still be working its way through Helcim: a request the
 * client gave up on can be processed seconds later. Until this long after the attempt became unknown,
 * not finding it in Helcim's list does not prove that nothing moved; it stays unknown (its amount
 * reserved, nobody may try again) and the 30-second reconciliation asks again.
 */
export const LATE_ARRIVAL_MS = 120_000;

export type ReconcileSummary = { checked: number; resolved: number; unresolved: number };

export class Reconciler {
  private running: Promise<ReconcileSummary> | null = null;

  constructor(
    private readonly deps: {
      journal: Journal;
      client: () => HelcimClient;
      token: (use: TokenUse) => Promise<string>;
      mode: () => Mode;
      /** Attempts still open in a checkout frame are settled by their own result message. */
      isOpen: (attemptId: string) => boolean;
      log: (line: string) => void;
      now?: () => number;
      /** See LATE_ARRIVAL_MS (tests shorten it). */
      lateArrivalMs?: number;
      /** Tells every window of a sale approved that no screen showed as approved. */
      announce?: (a: Attempt) => void;
    },
  ) {}

  /** All unresolved attempts; concurrent calls share one run. */
  run(): Promise<ReconcileSummary> {
    this.running ??= this.runAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async one(attemptId: string): Promise<Attempt> {
    const a = this.deps.journal.get(attemptId)!;
    if (a.state !== 'pending' && a.state !== 'unknown') return a;
    if (this.deps.isOpen(a.id)) return a;
    if (a.mode !== this.deps.mode()) {
      // A training attempt whose simulator is gone moved no real money.
      if (a.mode === 'training')
        return this.deps.journal.settle(a.id, 'cancelled', { detail: 'training session ended before a result' });
      return a; // live attempts wait until live mode is back
    }
    let rows: CardTransaction[];
    try {
      const token = await this.deps.token('lookup');
      rows = BY_INVOICE.includes(a.kind)
        ? await this.deps.client().listCardTransactions(token, { invoiceNumber: a.reference ?? undefined })
        : // A refund, void, capture or release lands at Helcim within seconds of our attempt; look from just before it until now.
          await this.deps.client().listCardTransactions(token, {
            between: {
              from: new Date(Date.parse(a.createdAt) - 10 * 60_000),
              to: new Date(Math.max(Date.now(), Date.parse(a.createdAt)) + 10 * 60_000),
            },
          });
    } catch {
      return a; // Helcim unreachable: stays unresolved, tried again later
    }
    // One lookup rule for every path (rowForInvoice): an approval under the invoice wins over a decline listed first.
    const match = BY_INVOICE.includes(a.kind)
      ? a.reference
        ? rowForInvoice(rows, a.reference, HELCIM_TYPE[a.kind], (id) => this.claimedByOther(a, id), a.amountCents)
        : null
      : (rows.find((r) => this.matches(a, r)) ?? null);
    if (match) {
      this.deps.journal.event(a.id, 'reconciled', `found at Helcim: ${match.transactionId} ${match.status}`);
      // The same function the terminal and the card forms record with: what Helcim approved (tip, partial, card).
      const { attempt, change } = recordHelcimRow(this.deps.journal, a.id, match, `reconciled: ${match.status}`);
      // A sale approved that no screen showed as approved (no answer, a restart, a closed form): every window is told.
      if (
        // Stryker disable next-line ConditionalExpression: equivalent — `one` returns before this for a final attempt, so a row recorded here always settles it.
        change === 'settled' &&
        attempt.state === 'approved' &&
        attempt.kind === 'purchase' &&
        // Stryker disable next-line ConditionalExpression: equivalent — cash is final when recorded, never pending or unknown.
        attempt.tender === 'card'
      )
        this.deps.announce?.(attempt);
      return attempt;
    }
    // A refund, void, capture or release can only be ruled out if Helcim's rows say which transaction
    // they act on; if its list does not carry that field, a manager must look (the attempt stays unknown).
    const sameKind = rows.filter((r) => r.type.toLowerCase() === HELCIM_TYPE[a.kind]);
    if (!BY_INVOICE.includes(a.kind) && sameKind.some((r) => !('originalTransactionId' in r))) {
      this.deps.journal.event(a.id, 'reconcile_ambiguous', 'Helcim rows do not name their original transaction');
      return this.deps.journal.settle(a.id, 'unknown', { detail: 'needs a manager to match it in Helcim' });
    }
    const since = (this.deps.now ?? Date.now)() - Date.parse(a.updatedAt);
    // A sale sent straight to the Payment API (a saved card) whose answer was lost may land late too.
    const lostMoneyCall = !BY_INVOICE.includes(a.kind) || a.detail === LOST_ANSWER;
    if (lostMoneyCall && since < (this.deps.lateArrivalMs ?? LATE_ARRIVAL_MS)) {
      this.deps.journal.event(a.id, 'not_yet_at_helcim', 'not in Helcim’s list yet; asked again later');
      return a;
    }
    this.deps.journal.event(a.id, 'reconciled', 'not at Helcim');
    return this.deps.journal.settle(a.id, 'cancelled', {
      detail: 'reconciled: Helcim has no such transaction; nothing moved',
    });
  }

  private claimedByOther(a: Attempt, transactionId: string): boolean {
    const claimed = this.deps.journal.byHelcimTransaction(transactionId);
    // Stryker disable next-line ConditionalExpression: equivalent — an attempt that recorded a row is final, and `one` returns before asking.
    return !!claimed && claimed.id !== a.id;
  }

  /** A refund, void, capture or release: Helcim's row of the same type, on the same original, for the same amount. */
  private matches(a: Attempt, r: CardTransaction): boolean {
    if (r.type.toLowerCase() !== HELCIM_TYPE[a.kind]) return false;
    if (this.claimedByOther(a, r.transactionId)) return false;
    const original = (r as { originalTransactionId?: unknown }).originalTransactionId;
    return (
      String(original) === a.originalTransactionId &&
      helcimAmountToCentsOrNull(r.amount) === a.amountCents &&
      isApproved(r.status)
    );
  }

  private async runAll(): Promise<ReconcileSummary> {
    const open = this.deps.journal.unresolved();
    let resolved = 0;
    for (const a of open) {
      const after = await this.one(a.id);
      if (after.state !== 'pending' && after.state !== 'unknown') resolved++;
    }
    const unresolved = open.length - resolved;
    if (open.length)
      this.deps.log(`[pos] reconciliation: ${open.length} checked, ${resolved} resolved, ${unresolved} still unknown`);
    return { checked: open.length, resolved, unresolved };
  }
}
