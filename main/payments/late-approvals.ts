/**
 * Approvals that arrive after the counter stopped waiting for them: a card form closed just after
 * the card was submitted, a terminal sale the cashier marked "customer cancelled", a terminal that
 * gave no answer and was settled by reconciliation, or one found hours later while the batch is
 * still open. Each is recorded through `recordHelcimRow` (what Helcim approved, tip or partial
 * approval included, never the amount asked), audited, and shown on every window; when the sale it
 * belongs to was already paid or abandoned, the notice says what to give back and how.
 * One instance per counter, shared by the card forms, the terminal and reconciliation.
 */
import { isApproved } from '../../common/cards';
import type { CardTransaction, HelcimClient } from '../helcim/client';
import type { Attempt, Journal } from '../journal/journal';
import { say } from '../language';
import { amount, type MessageKey, type MessageValues } from '../../common/i18n';
import type { SaleView, Mode } from '../../common/contract';
import { recordHelcimRow, rowForInvoice, siblingUnresolved } from './helcim-result';

/** How long the screens show a late approval. */
export const NOTICE_MS = 10 * 60_000;
/**
 * How far back the sweep looks for approvals of sales the counter recorded as cancelled: a day, as
 * Helcim settles its card batches daily (HELCIM.md) — while the batch is open the money can still be
 * voided, so a late approval must be found within that window.
 */
export const SWEEP_BACK_MS = 24 * 60 * 60_000;

export type LateDeps = {
  journal: Journal;
  now: () => number;
  audit: (actor: string, action: string, detail: string) => void;
  /** The sale an attempt is a tender of, to tell whether it was already paid or abandoned. */
  saleOf?: (saleId: string) => SaleView;
};

export class LateApprovals {
  // Stryker disable next-line ArrayDeclaration: equivalent — an entry without a time is never within the notice window.
  private readonly late: { at: number; key: MessageKey; values: MessageValues }[] = [];

  constructor(private readonly deps: LateDeps) {}

  /**
   * Records Helcim's approval on an attempt the counter stopped waiting for, and tells every window.
   * `key` says how it was found. Returns the attempt when it changed, null when nothing did.
   */
  record(
    attemptId: string,
    row: CardTransaction,
    key: 'late.checkout' | 'late.terminal' | 'late.found',
    how: string,
  ): Attempt | null {
    if (!isApproved(row.status)) return null;
    const before = this.deps.journal.get(attemptId);
    // A sale's other card part under the same invoice is still being settled: this row may be its; asked again later.
    if (before && siblingUnresolved(this.deps.journal, before)) return null;
    const r = recordHelcimRow(this.deps.journal, attemptId, row, how);
    // Stryker disable next-line ConditionalExpression: equivalent — only an approved row gets here, and it settles as approved.
    if (r.change === null || r.attempt.state !== 'approved') return null;
    this.announce(r.attempt, key);
    return r.attempt;
  }

  /** Tells every window about an approval the cashier never saw (and the sale's overpayment, if any). */
  announce(a: Attempt, key: 'late.checkout' | 'late.terminal' | 'late.found'): void {
    const values = { amount: amount(a.amountCents, a.currency), invoice: a.reference ?? a.helcimTransactionId ?? '' };
    this.late.push({ at: this.deps.now(), key, values });
    this.deps.audit('system', 'payment.late_approval', `${a.id} ${a.helcimTransactionId} ${a.amountCents} (${key})`);
    const sale = a.saleId && this.deps.saleOf ? this.deps.saleOf(a.saleId) : null;
    if (!sale) return;
    // A sale abandoned or paid another way before this approval was known has taken this money twice:
    // the manager gives this payment back (void in an open batch, refund after) from Transactions.
    const overpaid = sale.state === 'abandoned' ? a.amountCents : Math.max(0, sale.paidCents - sale.totalCents);
    if (overpaid <= 0) return;
    this.late.push({
      at: this.deps.now(),
      key: 'late.giveBack',
      values: {
        number: sale.number,
        state: sale.state,
        amount: amount(Math.min(overpaid, a.amountCents), a.currency),
        transaction: a.helcimTransactionId ?? '',
      },
    });
    this.deps.audit(
      'system',
      'sale.paid_twice',
      `sale ${sale.number}: ${overpaid} more than its total, transaction ${a.helcimTransactionId}`,
    );
  }

  /** Any other money news every window must see for a while (a refund paid to another card). */
  tell(key: MessageKey, values: MessageValues): void {
    this.late.push({ at: this.deps.now(), key, values });
  }

  /** Late approvals of the last NOTICE_MS, in the words of whoever is reading the screen. */
  notices(): string[] {
    const since = this.deps.now() - NOTICE_MS;
    return this.late.filter((n) => n.at >= since).map((n) => say(n.key, n.values));
  }

  /**
   * Any payment Helcim lists for this counter's invoice numbers of the last day that the journal
   * has as cancelled is recorded as paid, whenever it is found (reconciliation's 30 s timer calls
   * this). `watchedElsewhere`: attempts a screen's own watch still follows. One list call, and only
   * when there is something to look for. Helcim unreachable: tried again next time.
   */
  async sweep(o: {
    client: () => HelcimClient;
    token: () => Promise<string>;
    invoicePrefix: string;
    mode: Mode;
    watchedElsewhere: (attemptId: string) => boolean;
  }): Promise<number> {
    const now = this.deps.now();
    const candidates = this.deps.journal
      .cardPurchasesGivenUp(new Date(now - SWEEP_BACK_MS).toISOString(), `${o.invoicePrefix}-`, o.mode)
      .filter((a) => !o.watchedElsewhere(a.id));
    if (candidates.length === 0) return 0;
    const oldest = Math.min(...candidates.map((a) => Date.parse(a.createdAt)));
    let rows: CardTransaction[];
    try {
      rows = await o.client().listCardTransactions(await o.token(), {
        // Helcim's times are real instants: the window covers both clocks (they differ only in tests).
        between: {
          from: new Date(Math.min(oldest, Date.now()) - 60_000),
          to: new Date(Math.max(now, Date.now()) + 60_000),
        },
      });
    } catch {
      return 0;
    }
    let found = 0;
    for (const a of candidates) {
      const row = rowForInvoice(
        rows,
        a.reference!,
        a.kind,
        (id) => {
          const claimed = this.deps.journal.byHelcimTransaction(id);
          return !!claimed && claimed.id !== a.id;
        },
        a.amountCents,
      );
      if (
        row &&
        // Stryker disable next-line StringLiteral: equivalent — the sweep's candidates are cancelled, and a late approval's detail is the journal's own words.
        this.record(a.id, row, 'late.found', 'found approved at Helcim after the counter had recorded it as cancelled')
      )
        found++;
    }
    return found;
  }
}
