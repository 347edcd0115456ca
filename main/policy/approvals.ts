/**
 * Manager overrides. A manager types their PIN at the counter for one refund, void or hold release; main issues
 * an approval bound to (action, original transaction, amount, cashier, window) that works once and
 * expires after 60 seconds. Approvals live only in main's memory: a restart voids them all.
 */
import { randomUUID } from 'node:crypto';
import { PosError } from '../errors';
import type { OverrideAction } from '../../common/contract';

export type { OverrideAction };

/**
 * `refund` / `reverse` / `release`: bound to the Helcim transaction and the amount.
 * `float`: the float a drawer opens with (bound to the next session's number and the amount).
 * `paid_in` / `paid_out`: money paid into or out of the cash drawer (bound to the drawer session,
 * the amount and, by its kind, the direction).
 * `abandon`: a half-paid sale given back (bound to the sale's number and what goes back).
 * `cash_refund`: cash handed back for a cash sale (bound to the sale's number and the amount).
 */
export type Approval = {
  id: string;
  action: OverrideAction;
  /** The number it is bound to; what kind of number follows from the action (APPROVAL_SUBJECT). */
  subject: string;
  amountCents: number;
  /** A return by line: the lines it gives back (linesKey); null: an amount alone. */
  lines: string | null;
  cashierId: string;
  windowId: number;
  managerId: string;
  managerName: string;
  expiresAt: number;
};

export const APPROVAL_TTL_MS = 60_000;

/** Lines of a return as one text (by position), so an approval binds exactly these lines and quantities. */
export function linesKey(lines: readonly { position: number; quantityMilli: number }[] | undefined): string | null {
  if (!lines) return null;
  return [...lines]
    .sort((a, b) => a.position - b.position)
    .map((l) => `${l.position}:${l.quantityMilli}`)
    .join(',');
}

export class ApprovalStore {
  private readonly live = new Map<string, Approval>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(a: Omit<Approval, 'id' | 'expiresAt'>): Approval {
    this.sweep();
    const approval = { ...a, id: randomUUID(), expiresAt: this.now() + APPROVAL_TTL_MS };
    this.live.set(approval.id, approval);
    return approval;
  }

  /**
   * Uses an approval up. Any attempt burns it, matching or not, so a wrong guess cannot be retried
   * with other values. Throws `forbidden` unless every bound value matches.
   */
  consume(
    id: unknown,
    want: {
      action: OverrideAction;
      subject: string;
      cashierId: string;
      windowId: number;
      amountCents?: number;
      lines: string | null;
    },
  ): Approval {
    // Stryker disable next-line ConditionalExpression: equivalent — a Map keyed by strings finds nothing for another type either; the check says what is expected.
    const a = typeof id === 'string' ? this.live.get(id) : undefined;
    if (!a) throw new PosError('forbidden', 'error.approval.missing');
    this.live.delete(a.id);
    if (a.expiresAt < this.now()) throw new PosError('forbidden', 'error.approval.expired');
    const mismatch =
      a.action !== want.action ||
      a.subject !== want.subject ||
      a.cashierId !== want.cashierId ||
      a.windowId !== want.windowId ||
      a.lines !== want.lines ||
      (want.amountCents !== undefined && a.amountCents !== want.amountCents);
    if (mismatch) throw new PosError('forbidden', 'error.approval.mismatch');
    return a;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, a] of this.live) if (a.expiresAt < now) this.live.delete(id);
  }
}
