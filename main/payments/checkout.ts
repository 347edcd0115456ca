/**
 * Purchase, verify and preauth (a hold) through HelcimPay.js.
 *
 * start:  journal the attempt (pending) -> initialize with the sales token -> keep secretToken here,
 *         hand the renderer only the checkoutToken.
 * finish: the renderer relays HelcimPay.js's message untouched. An approval is recorded only if its
 *         hash checks out with the secretToken and its data matches the attempt. A cancel or abort is
 *         confirmed against Helcim's transaction list, so a lying or buggy relay cannot make us
 *         forget a real approval.
 *
 * A checkout belongs to the window that opened it. When that window's session ends (sign-out, idle
 * lock, someone else signs in) the checkout is abandoned: the screen drops the card form, the
 * attempt becomes `unknown`, and after a short grace (for a payment already on its way) Helcim's
 * list decides. A genuine, hash-checked result from that window is still recorded whenever it
 * arrives: the attempt is bound to the window, the result to its hash — not to who is signed in.
 */
import { randomUUID } from 'node:crypto';
import type {
  CheckoutEvent,
  CheckoutKind,
  CheckoutOutcome,
  CheckoutStart,
  Currency,
  Mode,
} from '../../common/contract';
import { PosError } from '../errors';
import type { CardTransaction, HelcimClient } from '../helcim/client';
import { declineWords } from '../helcim/errors';
import { hashMatches, helcimPayDataSchema, readSuccessMessage } from '../helcim/helcimpay';
import type { Journal } from '../journal/journal';

type AttemptKind = CheckoutKind;
import { helcimAmountToCents } from '../money';
import { isApproved, lastFourOf } from '../../common/cards';
import type { TokenSlot } from '../policy/table';
import type { Session } from '../session';
import type { LateApprovals } from './late-approvals';
import { rowForInvoice } from './helcim-result';
import type { SaleForTender } from './sales';
import { say } from '../language';
import type { MessageKey } from '../../common/i18n';

type OpenCheckout = {
  attemptId: string;
  kind: AttemptKind;
  amountCents: number;
  currency: Currency;
  checkoutToken: string;
  secretToken: string;
  invoiceNumber: string;
  staffId: string;
  windowId: number;
  tokenSlot: TokenSlot;
  openedAt: number;
  expiresAt: number;
  /** Set when the window's session ended with this card form open. */
  abandonedAt?: number;
};

export type CheckoutDeps = {
  client: () => HelcimClient;
  journal: Journal;
  /** Reads a token from the vault; throws a typed error if it is missing. */
  token: (slot: TokenSlot) => Promise<string>;
  scriptUrl: () => string;
  hostUrl: () => string;
  mode: () => Mode;
  now?: () => number;
  /** This counter's invoice prefix (its sales are told from another counter's in Helcim's list by it); default `POS`. */
  invoicePrefix?: string;
  /** The counter's one record of late approvals (shared with the terminal and reconciliation): never a second. */
  late: LateApprovals;
};

/** Helcim keeps a checkout session for 60 minutes; so do we. */
const CHECKOUT_TTL_MS = 60 * 60 * 1000;
/**
 * A card form open longer than this counts as unresolved for the guards (new charges wait, the
 * status bar says "Checking"), and no longer holds off the idle lock.
 */
export const CHECKOUT_STALE_MS = 5 * 60 * 1000;
/** After a card form is abandoned, Helcim's list is asked only once a payment already sent could have landed. */
export const ABANDON_GRACE_MS = 15_000;

const APPROVED_WORDS: Record<AttemptKind, MessageKey> = {
  purchase: 'checkout.approved.purchase',
  verify: 'checkout.approved.verify',
  preauth: 'checkout.approved.preauth',
};

/** After a card form is closed with nothing at Helcim, how long a late approval is looked for. */
export const LATE_APPROVAL_WATCH_MS = 3 * 60_000;

export class CheckoutService {
  private readonly open = new Map<string, OpenCheckout>();
  /** Card forms closed with nothing at Helcim yet: a card submitted just before may still be approved. */
  private readonly closed = new Map<string, { c: OpenCheckout; until: number }>();
  private readonly late: LateApprovals;
  private readonly now: () => number;

  constructor(private readonly deps: CheckoutDeps) {
    this.now = deps.now ?? Date.now;
    this.late = deps.late;
  }

  /** `sale`: the sale a purchase is a tender of (verifies and holds belong to none). */
  async start(
    kind: AttemptKind,
    amountCents: number,
    currency: Currency,
    session: Session,
    windowId: number,
    tokenSlot: TokenSlot,
    sale?: SaleForTender,
    /** A verification that saves the card of this customer (main/customers); a sale's customer comes with the sale. */
    customerCode?: string,
  ): Promise<CheckoutStart> {
    this.sweep();
    const attemptId = randomUUID();
    const idempotencyKey = randomUUID();
    // A sale's card parts pay against its Helcim invoice (main/invoices); a payment alone has its own number.
    const invoiceNumber =
      sale?.invoiceNumber ??
      `${this.deps.invoicePrefix ?? 'POS'}-${attemptId.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
    // Journaled before anything is sent.
    this.deps.journal.begin({
      id: attemptId,
      kind,
      amountCents,
      currency,
      idempotencyKey,
      staffId: session.staffId,
      approverId: null,
      reference: invoiceNumber,
      saleId: sale?.saleId,
      within: sale?.create,
      mode: this.deps.mode(),
    });
    let init;
    try {
      const token = await this.deps.token(tokenSlot);
      // The customer already exists at Helcim (main/customers), so initialize names them by `customerCode`
      // (HELCIM.md); `customerRequest` would describe a customer for Helcim to make — another record.
      const customer = sale?.customerCode ?? customerCode;
      init = await this.deps.client().initializeCheckout(token, {
        paymentType: kind,
        amountCents,
        currency,
        invoiceNumber,
        idempotencyKey,
        ...(customer ? { customerCode: customer } : {}),
      });
    } catch (err) {
      // HelcimPay never opened, so no card was taken: the attempt ends here.
      const code = err instanceof PosError ? err.code : 'internal';
      this.deps.journal.settle(attemptId, 'cancelled', { detail: `checkout did not start (${code})` });
      throw err;
    }
    this.open.set(attemptId, {
      attemptId,
      kind,
      amountCents,
      currency,
      invoiceNumber,
      windowId,
      tokenSlot,
      checkoutToken: init.checkoutToken,
      secretToken: init.secretToken,
      staffId: session.staffId,
      openedAt: this.now(),
      expiresAt: this.now() + CHECKOUT_TTL_MS,
    });
    return {
      attemptId,
      kind,
      amountCents,
      currency,
      checkoutToken: init.checkoutToken,
      scriptUrl: this.deps.scriptUrl(),
      hostUrl: this.deps.hostUrl(),
    };
  }

  /**
   * Reconciliation leaves it alone: still open in a card form (only its own result may settle it),
   * or abandoned so recently that a payment already sent may not be in Helcim's list yet.
   */
  isOpen(attemptId: string): boolean {
    const c = this.open.get(attemptId);
    if (!c) return false;
    return c.abandonedAt === undefined ? c.expiresAt >= this.now() : this.now() - c.abandonedAt < ABANDON_GRACE_MS;
  }

  /**
   * On screen right now and recent: the guards may leave it out. An abandoned card form, or one
   * open longer than CHECKOUT_STALE_MS, counts as unresolved like any lost answer.
   */
  isLive(attemptId: string): boolean {
    const c = this.open.get(attemptId);
    return !!c && c.abandonedAt === undefined && this.now() - c.openedAt <= CHECKOUT_STALE_MS;
  }

  /** Card forms open and live on any window (an update waits for them). */
  liveCount(): number {
    return [...this.open.values()].filter((c) => this.isLive(c.attemptId)).length;
  }

  /**
   * A live card form is open in this window: the idle lock waits for it (the customer's typing inside
   * Helcim's frame is activity the counter cannot see) — but only while it is live (CHECKOUT_STALE_MS,
   * as `isLive`), not for Helcim's whole 60 minutes: then the lock ends the session, and the abandon
   * path keeps whatever result comes (a genuine result from the window still lands; Helcim's list decides).
   */
  liveIn(windowId: number): boolean {
    for (const c of this.open.values()) if (c.windowId === windowId && this.isLive(c.attemptId)) return true;
    return false;
  }

  /** The window's session ended with a card form open: nobody may inherit it; Helcim's list decides. */
  abandon(windowId: number): void {
    for (const c of this.open.values()) {
      if (c.windowId !== windowId || c.abandonedAt !== undefined) continue;
      c.abandonedAt = this.now();
      this.deps.journal.event(c.attemptId, 'abandoned', 'the session ended with the card form open');
      this.deps.journal.settle(c.attemptId, 'unknown', {
        detail: 'card form closed when the session ended; confirming with Helcim',
      });
    }
  }

  async finish(
    attemptId: string,
    event: CheckoutEvent,
    session: Session | null,
    windowId: number,
  ): Promise<CheckoutOutcome> {
    this.sweep();
    const c = this.open.get(attemptId);
    if (!c) {
      const known = this.deps.journal.get(attemptId);
      throw new PosError('checkout_invalid', known ? 'error.checkout.finished' : 'error.checkout.noSuch');
    }
    // Bound to the window that opened it. While it is not abandoned, only the person who opened it
    // (or nobody, between an ended session and its abandonment) may relay its messages.
    if (c.windowId !== windowId || (c.abandonedAt === undefined && session !== null && c.staffId !== session.staffId)) {
      this.deps.journal.event(attemptId, 'rejected_message', 'finish from another window or staff member');
      throw new PosError('checkout_invalid', 'error.checkout.otherSession');
    }
    if (event.eventName !== `helcim-pay-js-${c.checkoutToken}`) {
      this.deps.journal.event(attemptId, 'rejected_message', 'event name does not match the checkout');
      throw new PosError('checkout_invalid', 'error.checkout.otherMessage');
    }
    if (event.eventStatus === 'SUCCESS') return this.finishSuccess(c, event.eventMessage);
    if (c.abandonedAt !== undefined)
      // A close or abort after abandonment changes nothing: Helcim's list decides.
      throw new PosError('helcim_unknown_outcome', 'error.checkout.closedAtSessionEnd');

    // HIDE (closed) or ABORTED (declined / failed): confirm with Helcim that nothing was approved.
    const approved = await this.findApproval(c);
    if (approved === 'unreachable') {
      // Not knowing is not a cancel: the attempt stays open for reconciliation.
      this.open.delete(c.attemptId);
      this.deps.journal.settle(c.attemptId, 'unknown', {
        detail: `${event.eventStatus} received; could not confirm with Helcim`,
      });
      throw new PosError('helcim_unknown_outcome', 'error.checkout.couldNotConfirm');
    }
    if (approved) return this.recordApproval(c, approved, 'approval found at Helcim after a cancel/abort message');
    this.open.delete(c.attemptId);
    if (event.eventStatus === 'HIDE') {
      this.deps.journal.settle(c.attemptId, 'cancelled', { detail: 'checkout closed' });
      // A card submitted just before the form was closed may still be approved: watched a while.
      this.closed.set(c.attemptId, { c, until: this.now() + LATE_APPROVAL_WATCH_MS });
      return this.outcome(c, 'cancelled', { message: say('checkout.cancelled') });
    }
    const reason = typeof event.eventMessage === 'string' ? event.eventMessage.slice(0, 300) : '';
    const message = /declined/i.test(reason) ? declineWords(reason) : say('checkout.notAccepted');
    this.deps.journal.settle(c.attemptId, 'declined', { detail: reason || 'aborted' });
    return this.outcome(c, 'declined', { message });
  }

  private async finishSuccess(c: OpenCheckout, eventMessage: unknown): Promise<CheckoutOutcome> {
    const msg = readSuccessMessage(eventMessage);
    if (!msg || !hashMatches(msg.data, c.secretToken, msg.hash)) {
      // Kept open: a forged message must not stop the genuine result from being recorded.
      this.deps.journal.event(c.attemptId, 'rejected_message', msg ? 'hash does not match' : 'unreadable result');
      this.deps.journal.settle(c.attemptId, 'unknown', { detail: 'unverified result message' });
      throw new PosError('checkout_unverified', 'error.checkout.unverified');
    }
    const parsed = helcimPayDataSchema.safeParse(msg.data);
    if (!parsed.success) {
      this.deps.journal.event(c.attemptId, 'rejected_message', 'verified result has unreadable fields');
      throw new PosError('checkout_unverified', 'error.checkout.unverified');
    }
    const d = parsed.data;
    const mismatch =
      d.type.toLowerCase() !== c.kind ||
      d.currency !== c.currency ||
      (d.invoiceNumber !== undefined && d.invoiceNumber !== c.invoiceNumber) ||
      helcimAmountToCents(d.amount) !== c.amountCents;
    if (mismatch) {
      this.deps.journal.event(c.attemptId, 'rejected_message', 'verified result does not match the attempt');
      this.deps.journal.settle(c.attemptId, 'unknown', { detail: 'result does not match attempt' });
      throw new PosError('checkout_unverified', 'error.checkout.unverified');
    }
    if (isApproved(d.status)) return this.recordApproval(c, d, 'verified HelcimPay.js result');
    this.open.delete(c.attemptId);
    this.deps.journal.settle(c.attemptId, 'declined', { helcimTransactionId: d.transactionId, detail: d.status });
    return this.outcome(c, 'declined', { message: declineWords(''), transactionId: d.transactionId });
  }

  private recordApproval(
    c: OpenCheckout,
    d: { transactionId: string | number; approvalCode?: string; cardNumber?: string; cardType?: string },
    how: string,
  ): CheckoutOutcome {
    this.open.delete(c.attemptId);
    const transactionId = String(d.transactionId);
    const last4 = lastFourOf(d.cardNumber);
    this.deps.journal.settle(c.attemptId, 'approved', {
      helcimTransactionId: transactionId,
      detail: how,
      card: { type: d.cardType, last4, approvalCode: d.approvalCode },
    });
    return this.outcome(c, 'approved', {
      message: say(APPROVED_WORDS[c.kind]),
      transactionId,
      approvalCode: d.approvalCode || undefined,
      cardType: d.cardType || undefined,
      cardLast4: last4,
    });
  }

  /**
   * Looks for approvals of card forms that were closed (reconciliation's 30 s timer calls this): one
   * found is recorded as approved — the customer paid — and every window's status bar says so.
   */
  async watch(): Promise<void> {
    for (const [id, w] of this.closed) {
      const found = await this.findApproval(w.c);
      if (found !== 'unreachable' && found) {
        this.closed.delete(id);
        // Stryker disable next-line StringLiteral: equivalent — a cancelled attempt approved late gets the journal's own words.
        this.late.record(id, found, 'late.checkout', 'approved by Helcim after the card form was closed as cancelled');
      } else if (this.now() > w.until) this.closed.delete(id);
    }
  }

  /** Late approvals of the last few minutes, for every screen. */
  notices(): string[] {
    return this.late.notices();
  }

  /** Helcim's own record for this attempt's invoice, if it approved one. */
  private async findApproval(c: OpenCheckout): Promise<CardTransaction | null | 'unreachable'> {
    try {
      const token = await this.deps.token(c.tokenSlot);
      const rows = await this.deps.client().listCardTransactions(token, { invoiceNumber: c.invoiceNumber });
      // Several card parts of one sale share its invoice number: a row another part recorded is not this one's.
      const row = rowForInvoice(
        rows,
        c.invoiceNumber,
        c.kind,
        (id) => {
          const claimed = this.deps.journal.byHelcimTransaction(id);
          return !!claimed && claimed.id !== c.attemptId;
        },
        c.amountCents,
      );
      return row && isApproved(row.status) ? row : null;
    } catch (err) {
      const code = err instanceof PosError ? err.code : 'internal';
      this.deps.journal.event(c.attemptId, 'unconfirmed', `could not confirm with Helcim (${code})`);
      return 'unreachable';
    }
  }

  private outcome(
    c: OpenCheckout,
    outcome: CheckoutOutcome['outcome'],
    rest: Omit<CheckoutOutcome, 'attemptId' | 'kind' | 'outcome' | 'amountCents' | 'currency'>,
  ): CheckoutOutcome {
    return { attemptId: c.attemptId, kind: c.kind, outcome, amountCents: c.amountCents, currency: c.currency, ...rest };
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, c] of this.open) {
      if (c.expiresAt < now) {
        this.open.delete(id);
        this.deps.journal.settle(id, 'unknown', { detail: 'checkout expired without a result' });
      } else if (
        c.abandonedAt !== undefined &&
        // Stryker disable next-line OptionalChaining: equivalent — an open card form's attempt is always in the journal.
        this.deps.journal.get(id)?.state !== 'unknown'
      )
        // Reconciliation has settled it (an abandoned form is unknown until then): nothing is left to wait for.
        this.open.delete(id);
    }
  }
}
