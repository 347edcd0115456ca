/**
 * Card present: sales (and debit refunds) on this counter's Helcim Smart Terminal, through Helcim's
 * Payment Hardware API (HELCIM.md, DESIGN.md §7).
 *
 * start:  journal the attempt (pending, an invoice number with this counter's prefix, a key) → push
 *         it to the terminal → 202: the customer taps, inserts or swipes there.
 * check:  there is no webhook on a counter PC, so main looks the invoice number up in Helcim's
 *         transaction list, at a pace (`LOOKUP_EVERY_MS`), and records approved (with any tip:
 *         the approved amount above what was asked) or declined.
 * cancel: the cashier says "customer cancelled"; main asks Helcim's list before it believes it, and
 *         keeps watching for a while: an approval that arrives after all is recorded as approved and
 *         the cashier is told (the customer paid).
 * A terminal that answers nothing for TERMINAL_ANSWER_MS leaves the attempt `unknown`: reconciliation
 * settles it like every other unknown, and no new charge starts on this counter meanwhile.
 *
 * Main owns every terminal sale from push to final state: its own timer (`tick`, every
 * LOOKUP_EVERY_MS) looks results up and applies the time limit, whatever screen, window or person is
 * there — a sign-out, an idle lock or a closed window while the customer is at the terminal only
 * hands the sale over (`handOver`). The screen's `check` reads the same state. Every result is
 * recorded through `recordHelcimRow`, the one function reconciliation uses too.
 */
import { randomUUID } from 'node:crypto';
import type {
  Currency,
  MoneyReturn,
  TerminalInfo,
  TerminalProgress,
  TerminalStart,
  TransactionView,
  Mode,
} from '../../common/contract';
import type { Approval } from '../policy/approvals';
import type { LateApprovals } from './late-approvals';
import { OWN_CHECK_AFTER_MS, OWN_CHECK_EVERY_MS, SHARED_READ_EVERY_MS, type SharedLookups } from './shared-lookups';
import { recordHelcimRow, rowForInvoice } from './helcim-result';
import { brandName, isApproved, lastFourOf } from '../../common/cards';
import { PosError } from '../errors';
import type { CardTransaction, HelcimClient } from '../helcim/client';
import { NOTHING_STARTED, type Attempt, type Journal } from '../journal/journal';
import { helcimAmountToCentsOrNull } from '../money';
import type { TokenSlot } from '../policy/table';
import type { Session } from '../session';
import type { SaleForTender } from './sales';
import { say } from '../language';
import { amount } from '../../common/i18n';

/** How often the list is asked while a customer is at the terminal (one counter, healthy budget). */
export const LOOKUP_EVERY_MS = 1_000;
/** No answer from the terminal for this long: the outcome is unknown, and reconciliation takes over. */
export const TERMINAL_ANSWER_MS = 3 * 60_000;
/** After "customer cancelled", how long main keeps looking for an approval that arrives after all. */
export const LATE_APPROVAL_WATCH_MS = 3 * 60_000;

type Waiting = {
  attemptId: string;
  kind: 'purchase' | 'refund';
  /** A refund: the sale it returns money to (refund rows carry no invoice number of ours). */
  originalTransactionId?: string;
  amountCents: number;
  currency: Currency;
  invoiceNumber: string;
  deviceCode: string;
  windowId: number;
  staffId: string;
  pushedAt: number;
  lastLookAt: number;
  /** Set once the cashier said "customer cancelled": watched until this time. */
  watchUntil?: number;
  /** The session that started it ended (sign-out, idle lock, window closed): main follows it alone. */
  handedOver?: boolean;
  /** The push got no answer: the terminal may never have received the sale. */
  unconfirmed?: boolean;
  /** A lookup for it is under way (the timer and the screen never ask twice at once). */
  looking?: Promise<TerminalProgress>;
  /** When this counter last asked Helcim itself (the shop's lead asks for it while its looks are fresh). */
  lastOwnAt: number;
};

/** How long a result main found stays readable by the screen that started the sale. */
const RESULT_KEPT_MS = 10 * 60_000;

export type TerminalDeps = {
  client: () => HelcimClient;
  journal: Journal;
  token: (slot: TokenSlot) => Promise<string>;
  mode: () => Mode;
  /** This counter's paired terminal, or null. */
  deviceCode: () => string | null;
  /** This counter's invoice prefix: other counters' sales are told apart by it. */
  invoicePrefix: string;
  now: () => number;
  /** The lookup token (admin if set, else sales). */
  lookupSlot: () => TokenSlot | null;
  setDeviceCode: (code: string | null) => void;
  /** See LOOKUP_EVERY_MS (the fault matrix shortens it). */
  lookupEveryMs?: number;
  /** Slows the lookups when the merchant's shared Helcim budget runs low (several counters share it). */
  spacingMs?: (base: number) => number;
  /** See TERMINAL_ANSWER_MS (the fault matrix shortens it). */
  answerMs?: number;
  /** See LATE_APPROVAL_WATCH_MS (the fault matrix shortens it). */
  lateWatchMs?: number;
  /** The counter's one record of late approvals (shared with card forms and reconciliation): never a second. */
  late: LateApprovals;
  /** Linked counters: one counter looks every counter's sales up (shared-lookups.ts); absent: each its own. */
  shared?: SharedLookups;
  audit: (actor: string, action: string, detail: string) => void;
};

/** Why a token may not list or ping terminals, in Helcim's words. */
const deviceAccess = (err: unknown) =>
  err instanceof PosError && err.code === 'helcim_permission'
    ? new PosError('helcim_permission', 'error.terminal.deviceAccess')
    : err;

export class TerminalService {
  private readonly waiting = new Map<string, Waiting>();
  /** Results main found, kept for the screen that started the sale (it may ask after main recorded it). */
  private readonly results = new Map<string, { progress: TerminalProgress; windowId: number; at: number }>();
  /** Sales the cashier marked cancelled while the terminal may still show them, by device. */
  private readonly stillShowing = new Map<string, { amountCents: number; currency: Currency; until: number }>();
  /** Sales that Helcim approved after the cashier was told they were cancelled. */
  private readonly late: LateApprovals;

  constructor(private readonly deps: TerminalDeps) {
    this.late = deps.late;
  }

  // ---- pairing (managers) --------------------------------------------------------------------

  async devices(slot: TokenSlot): Promise<{ code: string }[]> {
    try {
      return (await this.deps.client().listDevices(await this.deps.token(slot))).map((x) => ({ code: x.code }));
    } catch (err) {
      throw deviceAccess(err);
    }
  }

  /** Pings the terminal (it lights up, so the manager sees the right one answered), then keeps its code. */
  async pair(deviceCode: string, slot: TokenSlot): Promise<TerminalInfo> {
    try {
      await this.deps.client().pingDevice(await this.deps.token(slot), deviceCode);
    } catch (err) {
      throw deviceAccess(err);
    }
    this.deps.setDeviceCode(deviceCode);
    return { deviceCode, answered: true, message: say('terminal.pair.answered', { code: deviceCode }) };
  }

  unpair(): TerminalInfo {
    this.deps.setDeviceCode(null);
    return { deviceCode: null, answered: false, message: say('terminal.pair.none') };
  }

  info(): TerminalInfo {
    const code = this.deps.deviceCode();
    return {
      deviceCode: code,
      answered: false,
      message: code ? say('terminal.pair.paired', { code }) : say('terminal.pair.notPaired'),
    };
  }

  paired(): string {
    const code = this.deps.deviceCode();
    if (!code) throw new PosError('terminal_not_paired', 'error.terminal.notPaired');
    return code;
  }

  /** A terminal sale main is still following (a customer may be at the terminal): reconciliation leaves it alone, new charges wait. */
  isLive(attemptId: string): boolean {
    const w = this.waiting.get(attemptId);
    return !!w && w.watchUntil === undefined;
  }

  /** Terminal sales main is following now (an update waits for them). */
  followingCount(): number {
    return this.waiting.size;
  }

  /** Followed, or watched for a late approval after "customer cancelled": the sweep leaves it to this service. */
  watching(attemptId: string): boolean {
    return this.waiting.has(attemptId);
  }

  /** Followed and still on the screen of the person who started it: the status bar need not count it. */
  onScreen(attemptId: string): boolean {
    const w = this.waiting.get(attemptId);
    return !!w && w.watchUntil === undefined && !w.handedOver;
  }

  /** The session in this window ended with a customer at the terminal: main keeps following the sale. */
  handOver(windowId: number): void {
    for (const w of this.waiting.values()) {
      if (w.windowId !== windowId || w.watchUntil !== undefined || w.handedOver) continue;
      w.handedOver = true;
      this.deps.journal.event(
        w.attemptId,
        'handed_over',
        'the session ended while the customer was at the terminal; main keeps following the sale',
      );
    }
  }

  /**
   * Main's own pace (core's timer): every terminal sale still followed gets its lookup when it is due
   * and the time limit applied, whoever is or is not looking at it.
   */
  async tick(): Promise<void> {
    // Linked counters: the shop's lead (perhaps this one) looks every counter's sales up first.
    await this.deps.shared?.cycle();
    for (const w of [...this.waiting.values()]) if (w.watchUntil === undefined) await this.advance(w);
    const now = this.deps.now();
    for (const [id, r] of this.results) if (now - r.at > RESULT_KEPT_MS) this.results.delete(id);
    for (const [code, s] of this.stillShowing) if (now > s.until) this.stillShowing.delete(code);
  }

  /** `sale`: the sale this is a tender of. */
  async start(
    amountCents: number,
    currency: Currency,
    session: Session,
    windowId: number,
    slot: TokenSlot,
    sale?: SaleForTender,
  ): Promise<TerminalStart> {
    const deviceCode = this.paired();
    const attemptId = randomUUID();
    const idempotencyKey = randomUUID();
    // A sale's card parts pay against its Helcim invoice (main/invoices); a payment alone has its own number.
    const invoiceNumber =
      sale?.invoiceNumber ?? `${this.deps.invoicePrefix}-${attemptId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    this.deps.journal.begin({
      id: attemptId,
      kind: 'purchase',
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
    this.deps.journal.event(attemptId, 'terminal', `pushed to terminal ${deviceCode}`);
    const now = this.deps.now();
    const w: Waiting = {
      attemptId,
      kind: 'purchase',
      amountCents,
      currency,
      invoiceNumber,
      deviceCode,
      windowId,
      staffId: session.staffId,
      pushedAt: now,
      lastLookAt: now,
      lastOwnAt: now,
    };
    try {
      await this.deps.client().pushToDevice(await this.deps.token(slot), deviceCode, {
        kind: 'purchase',
        amountCents,
        currency,
        invoiceNumber,
        idempotencyKey,
        ...(sale?.customerCode ? { customerCode: sale.customerCode } : {}),
      });
    } catch (err) {
      const code = err instanceof PosError ? err.code : 'internal';
      if (code !== 'helcim_unknown_outcome') {
        // Refused (not listening, unknown device, permission…): nothing started on the terminal.
        this.deps.journal.settle(attemptId, 'cancelled', {
          detail: `${NOTHING_STARTED} terminal push refused (${code})`,
        });
        const showing = this.stillShowing.get(deviceCode);
        // The terminal is busy with the sale the cashier cancelled at the counter (Helcim has no call to clear it).
        if (code === 'terminal_not_listening' && showing)
          throw new PosError('terminal_not_listening', 'error.terminal.stillShowing', {
            amount: amount(showing.amountCents, showing.currency),
          });
        throw err;
      }
      // The push may have reached the terminal: wait for it like any other, the lookup decides.
      this.deps.journal.event(attemptId, 'unconfirmed', 'no answer to the push; looking for the result');
      w.unconfirmed = true;
    }
    this.stillShowing.delete(deviceCode);
    this.waiting.set(attemptId, w);
    this.deps.shared?.follow(attemptId, invoiceNumber, new Date(now));
    return { attemptId, amountCents, currency, deviceCode, invoiceNumber };
  }

  /**
   * A debit refund after settlement, card present: journaled (with the manager who approved it),
   * pushed to the terminal; the customer inserts or taps the card there, and `check` finds the result.
   */
  async refund(
    v: TransactionView,
    amountCents: number,
    session: Session,
    approval: Approval,
    slot: TokenSlot,
    windowId: number,
    within?: (attemptId: string) => void,
  ): Promise<MoneyReturn> {
    const deviceCode = this.paired();
    const attemptId = randomUUID();
    const idempotencyKey = randomUUID();
    this.deps.journal.begin({
      id: attemptId,
      kind: 'refund',
      amountCents,
      currency: v.currency,
      idempotencyKey,
      staffId: session.staffId,
      approverId: approval.managerId,
      originalTransactionId: v.transactionId,
      mode: this.deps.mode(),
      ...(within ? { within: () => within(attemptId) } : {}),
    });
    this.deps.journal.event(attemptId, 'terminal', `debit refund pushed to terminal ${deviceCode}`);
    const now = this.deps.now();
    const base = {
      attemptId,
      kind: 'refund' as const,
      originalTransactionId: v.transactionId,
      amountCents,
      currency: v.currency,
    };
    try {
      await this.deps.client().pushToDevice(await this.deps.token(slot), deviceCode, {
        kind: 'refund',
        amountCents,
        originalTransactionId: v.transactionId,
        idempotencyKey,
      });
    } catch (err) {
      const code = err instanceof PosError ? err.code : 'internal';
      if (code !== 'helcim_unknown_outcome') {
        this.deps.journal.settle(attemptId, 'cancelled', {
          detail: `${NOTHING_STARTED} terminal refund refused (${code})`,
        });
        throw err;
      }
      this.deps.journal.event(attemptId, 'unconfirmed', 'no answer to the push; looking for the result');
    }
    this.stillShowing.delete(deviceCode);
    this.waiting.set(attemptId, {
      attemptId,
      kind: 'refund',
      originalTransactionId: v.transactionId,
      amountCents,
      currency: v.currency,
      // Stryker disable next-line StringLiteral: equivalent — a refund is looked up by amount and time, never by invoice.
      invoiceNumber: '',
      deviceCode,
      windowId,
      staffId: session.staffId,
      pushedAt: now,
      lastLookAt: now,
      lastOwnAt: now,
    });
    return { ...base, outcome: 'waiting', message: say('terminal.refundWaiting') };
  }

  /** Where a terminal sale stands, for the screen that started it; asks Helcim's list when it is time to. */
  async check(attemptId: string, windowId: number): Promise<TerminalProgress> {
    const w = this.mine(attemptId, windowId);
    if (w) return this.advance(w);
    const found = this.results.get(attemptId);
    if (found && found.windowId === windowId) return found.progress;
    return this.fromJournal(attemptId);
  }

  /** One step of a followed sale: a lookup when due, the time limit, the result recorded. */
  private advance(w: Waiting): Promise<TerminalProgress> {
    w.looking ??= this.step(w).finally(() => {
      w.looking = undefined;
    });
    return w.looking;
  }

  private async step(w: Waiting): Promise<TerminalProgress> {
    const now = this.deps.now();
    // Stryker disable next-line ConditionalExpression,LogicalOperator,OptionalChaining: equivalent — check() reaches here only for a sale still followed; tick() reads no answer.
    if (!this.waiting.has(w.attemptId)) return this.results.get(w.attemptId)?.progress ?? this.fromJournal(w.attemptId);
    // A sale the shop's lead looks up is read from the shop database often (no Helcim call); else Helcim's pace.
    const every = this.sharing(w) ? SHARED_READ_EVERY_MS : this.ownSpacingMs();
    if (now - w.lastLookAt < every) return this.waitingProgress(w);
    w.lastLookAt = now;
    const row = await this.lookup(w);
    // The cashier may have said "customer cancelled" while Helcim was being asked: their path decides.
    // (Today cancel() waits for this lookup first, so nothing changes under it: kept for a change of that.)
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent today, as said above.
    if (!this.waiting.has(w.attemptId) || w.watchUntil !== undefined)
      // Stryker disable next-line all: equivalent today, as said above.
      return this.results.get(w.attemptId)?.progress ?? this.fromJournal(w.attemptId);
    if (row === 'unreachable' || row === null) {
      if (this.deps.now() - w.pushedAt < (this.deps.answerMs ?? TERMINAL_ANSWER_MS)) return this.waitingProgress(w);
      this.release(w.attemptId);
      this.deps.journal.settle(w.attemptId, 'unknown', {
        detail: 'the terminal gave no answer in time; confirming with Helcim',
      });
      return this.remember(w, this.progress(w, 'unknown', say('terminal.noAnswer')));
    }
    return this.remember(
      w,
      this.record(
        w,
        row,
        w.handedOver
          ? 'terminal result found at Helcim by main after the session ended'
          : 'terminal result found at Helcim',
      ),
    );
  }

  private waitingProgress(w: Waiting): TerminalProgress {
    return this.progress(w, 'waiting', say(w.unconfirmed ? 'terminal.unconfirmed' : 'terminal.customerActs'));
  }

  private remember(w: Waiting, progress: TerminalProgress): TerminalProgress {
    this.results.set(w.attemptId, { progress, windowId: w.windowId, at: this.deps.now() });
    return progress;
  }

  /** The cashier says the customer cancelled: believed only if Helcim's list has no approval. */
  async cancel(attemptId: string, windowId: number): Promise<TerminalProgress> {
    const w = this.mine(attemptId, windowId);
    if (!w) return this.fromJournal(attemptId);
    // A lookup already under way (main's timer) finishes first: its answer may settle the sale.
    if (w.looking) await w.looking.catch(() => undefined);
    // A sale released just now has its result remembered (step and record always remember it).
    // Stryker disable next-line OptionalChaining: equivalent, as said above.
    if (!this.waiting.has(attemptId)) return this.results.get(attemptId)?.progress ?? this.fromJournal(attemptId);
    // Helcim itself, now: the cashier's word is believed only against Helcim's own list.
    const row = await this.lookup(w, true);
    // Stryker disable next-line OptionalChaining: equivalent, as said above.
    if (!this.waiting.has(attemptId)) return this.results.get(attemptId)?.progress ?? this.fromJournal(attemptId);
    if (row !== 'unreachable' && row !== null)
      return this.remember(w, this.record(w, row, 'found at Helcim when the cashier said cancelled'));
    if (row === 'unreachable') {
      // Helcim was not asked (no answer, or no call left in the shared budget): the cashier's word alone
      // is not "nothing moved". Reconciliation finds the sale by its invoice before anything else is taken.
      this.release(attemptId);
      this.deps.journal.settle(attemptId, 'unknown', {
        detail: 'the cashier said the customer cancelled; Helcim could not be asked',
      });
      return this.progress(w, 'unknown', say('terminal.cancelUnasked'));
    }
    this.deps.journal.settle(attemptId, 'cancelled', {
      detail: 'the cashier said the customer cancelled; nothing at Helcim yet',
    });
    // Watched for a late approval by this counter's own lookups (watch()), not the shop's lead.
    this.deps.shared?.forget(attemptId);
    w.watchUntil = this.deps.now() + (this.deps.lateWatchMs ?? LATE_APPROVAL_WATCH_MS);
    // Helcim documents no call that clears the terminal: it may still show this amount to the next customer.
    this.stillShowing.set(w.deviceCode, { amountCents: w.amountCents, currency: w.currency, until: w.watchUntil });
    return this.progress(
      w,
      'cancelled',
      say(w.kind === 'refund' ? 'terminal.cancelled' : 'terminal.cancelledClear', {
        amount: amount(w.amountCents, w.currency),
      }),
    );
  }

  /** Looks for approvals of sales marked cancelled (reconciliation calls this every 30 s). */
  async watch(): Promise<void> {
    const now = this.deps.now();
    for (const w of this.waiting.values()) {
      if (w.watchUntil === undefined) continue;
      // Stryker disable next-line BooleanLiteral: equivalent — a watched sale is never the lead's to look up (sharing()).
      const row = await this.lookup(w, true);
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent — 'unreachable' has no status, so it is never approved.
      if (row !== 'unreachable' && row !== null && isApproved(row.status)) {
        this.late.record(
          w.attemptId,
          row,
          'late.terminal',
          // Stryker disable next-line StringLiteral: equivalent — a cancelled attempt approved late gets the journal's own words.
          'approved on the terminal after the cashier said the customer cancelled',
        );
        this.release(w.attemptId);
      } else if (now > w.watchUntil) this.release(w.attemptId);
    }
  }

  /** Late approvals of the last few minutes, for every window of this counter. */
  notices(): string[] {
    return this.late.notices();
  }

  private mine(attemptId: string, windowId: number): Waiting | null {
    const w = this.waiting.get(attemptId);
    if (!w || w.watchUntil !== undefined) return null;
    if (w.windowId !== windowId) throw new PosError('checkout_invalid', 'error.terminal.otherWindow');
    return w;
  }

  private fromJournal(attemptId: string): TerminalProgress {
    const a = this.deps.journal.get(attemptId);
    if (!a || (a.kind !== 'purchase' && a.kind !== 'refund'))
      throw new PosError('checkout_invalid', 'error.terminal.noSuchSale');
    const state = a.state === 'pending' ? 'unknown' : a.state;
    return {
      attemptId,
      state,
      amountCents: a.amountCents - a.tipCents,
      tipCents: a.tipCents,
      currency: a.currency,
      transactionId: a.helcimTransactionId ?? undefined,
      approvalCode: a.approvalCode ?? undefined,
      cardType: a.cardType ?? undefined,
      cardLast4: a.cardLast4 ?? undefined,
      message: say('terminal.stateWord', { state }),
    };
  }

  /** Helcim's row for this sale's invoice, null if none yet, 'unreachable' if Helcim did not answer. */
  private async lookup(w: Waiting, askHelcimItself = false): Promise<CardTransaction | null | 'unreachable'> {
    // Several card parts of one sale share its invoice number: a row another part recorded is not this one's.
    const ours = (rows: CardTransaction[]) =>
      rowForInvoice(rows, w.invoiceNumber, 'purchase', (id) => this.claimedByOther(w.attemptId, id), w.amountCents);
    if (!askHelcimItself && this.sharing(w)) {
      const rows = await this.deps.shared!.rowsFor(w.attemptId);
      const now = this.deps.now();
      if (rows !== 'own') {
        const found = ours(rows);
        // Found by the lead, or not yet and no reason to doubt its looks: nothing asked of Helcim here.
        const ownCheck = now - w.pushedAt >= OWN_CHECK_AFTER_MS && now - w.lastOwnAt >= OWN_CHECK_EVERY_MS;
        if (found || !ownCheck) return found;
      } else if (now - w.lastOwnAt < this.ownSpacingMs()) return null; // its own lookups keep Helcim's pace
    }
    const slot = this.deps.lookupSlot();
    if (!slot) return 'unreachable';
    w.lastOwnAt = this.deps.now();
    try {
      const token = await this.deps.token(slot);
      if (w.kind === 'purchase')
        return ours(await this.deps.client().listCardTransactions(token, { invoiceNumber: w.invoiceNumber }));
      // A refund row has no invoice of ours: the refund of this amount made since the push, not claimed
      // by another attempt, naming this sale if Helcim says which (guess: HELCIM.md documents no link).
      const rows = await this.deps.client().listCardTransactions(token, {
        // Helcim's times are real instants: the window covers both clocks (they differ only in tests).
        between: {
          from: new Date(Math.min(Date.now(), w.pushedAt) - 60_000),
          to: new Date(Math.max(Date.now(), w.pushedAt) + 60_000),
        },
      });
      return (
        rows.find((r) => {
          if (r.type.toLowerCase() !== 'refund' || helcimAmountToCentsOrNull(r.amount) !== w.amountCents) return false;
          const original = (r as { originalTransactionId?: unknown }).originalTransactionId;
          if (original !== undefined && String(original) !== w.originalTransactionId) return false;
          const claimed = this.deps.journal.byHelcimTransaction(r.transactionId);
          // Stryker disable next-line ConditionalExpression: equivalent — a refund is released the moment its row is recorded on it.
          return !claimed || claimed.id === w.attemptId;
        }) ?? null
      );
    } catch {
      return 'unreachable';
    }
  }

  /** Whether the shop's lead looks this sale up (linked counters, a live sale posted to the shop database). */
  private sharing(w: Waiting): boolean {
    return (
      w.kind === 'purchase' &&
      // Stryker disable next-line ConditionalExpression: equivalent — a watched sale is forgotten by the lead (cancel()), so not followed.
      w.watchUntil === undefined &&
      !!this.deps.shared?.following(w.attemptId)
    );
  }

  /** This counter's own pace of asking Helcim: every second, slower as the merchant's budget runs low. */
  private ownSpacingMs(): number {
    const base = this.deps.lookupEveryMs ?? LOOKUP_EVERY_MS;
    return this.deps.spacingMs?.(base) ?? base;
  }

  /** Stops following a sale (settled, or left to reconciliation): the shop's lead no longer looks it up. */
  private release(attemptId: string): void {
    this.waiting.delete(attemptId);
    this.deps.shared?.forget(attemptId);
  }

  private claimedByOther(attemptId: string, transactionId: string): boolean {
    const claimed = this.deps.journal.byHelcimTransaction(transactionId);
    // Stryker disable next-line ConditionalExpression: equivalent — a sale is released the moment its row is recorded on it.
    return !!claimed && claimed.id !== attemptId;
  }

  private record(w: Waiting, row: CardTransaction, how: string): TerminalProgress {
    this.release(w.attemptId);
    const card = { type: row.cardType, last4: lastFourOf(row.cardNumber), approvalCode: row.approvalCode };
    const { attempt } = recordHelcimRow(this.deps.journal, w.attemptId, row, how);
    if (attempt.state === 'declined') {
      const words = say(w.kind === 'refund' ? 'terminal.refundDeclined' : 'terminal.declined');
      return { ...this.progress(w, 'declined', words), transactionId: row.transactionId };
    }
    // Stryker disable next-line ConditionalExpression: equivalent — a followed attempt is pending, and a row settles it approved or declined.
    if (attempt.state !== 'approved') return this.fromJournal(w.attemptId);
    if (w.handedOver && w.kind === 'purchase') this.late.announce(attempt, 'late.found');
    // Stryker disable next-line ConditionalExpression: equivalent — a sale names no original transaction, so it has no other card.
    const otherCard = w.kind === 'refund' ? this.refundToOtherCard(attempt) : null;
    return {
      attemptId: w.attemptId,
      state: 'approved',
      amountCents: attempt.amountCents - attempt.tipCents,
      tipCents: attempt.tipCents,
      currency: w.currency,
      transactionId: row.transactionId,
      approvalCode: row.approvalCode || undefined,
      cardType: row.cardType || undefined,
      cardLast4: card.last4,
      ...(otherCard ? { otherCard: true } : {}),
      message: otherCard
        ? otherCard
        : w.kind === 'refund'
          ? say('terminal.refunded', { amount: amount(w.amountCents, w.currency) })
          : attempt.amountCents < w.amountCents
            ? say('terminal.partly', {
                covered: amount(attempt.amountCents, w.currency),
                asked: amount(w.amountCents, w.currency),
              })
            : attempt.tipCents > 0
              ? say('terminal.approvedTip', { tip: amount(attempt.tipCents, w.currency) })
              : say('terminal.approved'),
    };
  }

  /**
   * A debit refund on the terminal goes to whatever card the customer presents. Helcim documents no
   * rule that it must be the sale's card (a question in `helcim:check`), so main compares what Helcim
   * says of both: brand and last four. Another card: the refund moved money all the same, so it
   * stays approved, marked `refund_other_card`, audited, told to every window and listed in X/Z.
   * Returns the words for the cashier, or null when it is the sale's card (or Helcim said too little to tell).
   */
  private refundToOtherCard(refund: Attempt): string | null {
    const sale = refund.originalTransactionId
      ? this.deps.journal.byHelcimTransaction(refund.originalTransactionId)
      : null;
    if (!sale) return null;
    const differs =
      (!!sale.cardType && !!refund.cardType && sale.cardType !== refund.cardType) ||
      (!!sale.cardLast4 && !!refund.cardLast4 && sale.cardLast4 !== refund.cardLast4);
    if (!differs) return null;
    this.deps.journal.flag(
      refund.id,
      'refund_other_card',
      `refunded to ${refund.cardType ?? '?'} ${refund.cardLast4 ?? '????'}, the sale was ${sale.cardType ?? '?'} ${sale.cardLast4 ?? '????'}`,
    );
    this.deps.audit(
      refund.staffId,
      'refund.other_card',
      `${refund.id}: ${refund.amountCents} to ${refund.cardType} ${refund.cardLast4} for sale ${refund.originalTransactionId} (${sale.cardType} ${sale.cardLast4})`,
    );
    const values = {
      amount: amount(refund.amountCents, refund.currency),
      card: `${brandName(refund.cardType)} •••• ${refund.cardLast4 ?? '????'}`,
      saleCard: `${brandName(sale.cardType)} •••• ${sale.cardLast4 ?? '????'}`,
    };
    this.late.tell('terminal.refundOtherCard', values);
    return say('terminal.refundOtherCard', values);
  }

  private progress(w: Waiting, state: TerminalProgress['state'], message: string): TerminalProgress {
    return { attemptId: w.attemptId, state, amountCents: w.amountCents, tipCents: 0, currency: w.currency, message };
  }
}
