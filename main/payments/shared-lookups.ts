/**
 * Shared terminal lookups (issue 31): counters linked by a shop database share one merchant's Helcim
 * budget (100 calls a minute), and each looking its own terminal sales up made five counters wait
 * seconds for an approval. Instead, one counter at a time — the lead, a lease in the shop database
 * (main/shop/terminal-board.ts) — asks Helcim's list once per cycle for every counter's waiting sales
 * and writes what it found beside each, sealed with the shop's key; every counter reads its own sale's
 * row and records the result in its own journal, through the same rules as its own lookups
 * (`rowForInvoice`, `recordHelcimRow` in terminal.ts).
 *
 * What a counter believes: a row whose seal holds (the database cannot make one) for its own counter,
 * attempt and invoice, from a look newer than the last it believed (a replayed older look is not
 * news). What it does not believe it ignores, and when no newer look came for LOOK_STALE_MS — the
 * database away, no lead, a lead that cannot reach Helcim, a row tampered with — it looks its sale up
 * itself, at its own pace, as a counter alone does. A sale still not found OWN_CHECK_AFTER_MS after its
 * push is looked up by its own counter too, now and then (a lead whose token cannot see it).
 *
 * Only live card-present sales are shared: training sales live in each counter's own simulator, and a
 * terminal refund is found by amount and time, not by an invoice of ours (terminal.ts keeps those).
 */
import { z } from 'zod';
import type { Mode } from '../../common/contract';
import {
  CARD_TRANSACTIONS_PAGE,
  cardTransactionSchema,
  type CardTransaction,
  type HelcimClient,
} from '../helcim/client';
import type { TokenSlot } from '../policy/table';
import { Sealer } from '../seal';
import { lastFourOf } from '../../common/cards';
import type { ShopTerminalBoard } from '../shop/terminal-board';

/** How long a lead's lease runs; renewed each cycle, so a lead that goes away is replaced within this. */
export const LEAD_LEASE_MS = 5_000;
/** No newer look of a sale for this long: its counter looks it up itself. */
export const LOOK_STALE_MS = 5_000;
/** How often a counter reads its sale's row while the lead looks (a database read, no Helcim call). */
export const SHARED_READ_EVERY_MS = 250;
/** The lead's pace with plenty of budget left: one list call a second for every waiting sale of the shop. */
export const LEAD_LOOK_EVERY_MS = 1_000;
/** A sale not found this long after its push is also looked up by its own counter, at most this often. */
export const OWN_CHECK_AFTER_MS = 30_000;
export const OWN_CHECK_EVERY_MS = 10_000;
/**
 * How long the lead keeps the times of its own calls: Helcim's report of the minute may be up to a
 * minute old, and speaks of the minute before it (rate-budget.ts counts the calls of that minute).
 */
const OWN_CALLS_KEPT_MS = 2 * 60_000;
/** How far back the lead weighs how busy the shop is (its pace while sales wait follows it). */
const BUSY_WINDOW_MS = 10 * 60_000;
/** How often a counter that does not lead asks whether the lead is free (a database write). */
const LEAD_ASK_EVERY_MS = 1_000;

type Followed = {
  invoiceNumber: string;
  /** The newest look believed (0: none yet). */
  looked: number;
  /** When (this counter's clock) the newest look was believed, or the sale posted. */
  seenAt: number;
  /** What that look found for this sale's invoice. */
  rows: CardTransaction[];
  /** Within how long the lead meant to look again, as that look said. */
  nextWithinMs: number;
  /** A refused row was logged for this sale (said once, not every read). */
  refusedSaid?: boolean;
};

export type SharedLookupsDeps = {
  /** The shop database's board; null for a counter alone (or one that may not write there). */
  board: () => ShopTerminalBoard | null;
  counterId: string;
  /** Seals with the shop's key: the lead's results are made and checked with it. */
  sealer: () => Sealer;
  client: () => HelcimClient;
  token: (slot: TokenSlot) => Promise<string>;
  /** The token the lead asks Helcim's list with (admin if set, else sales); null: this counter cannot lead. */
  lookupSlot: () => TokenSlot | null;
  mode: () => Mode;
  now: () => number;
  /** The lead's spacing from Helcim's reported budget and its own calls (rate-budget.ts `leadSpacingMs`). */
  spacingMs: (base: number, ownCallTimes: readonly number[], busy: number, leadingSince: number | null) => number;
  log: (line: string) => void;
  /** See LEAD_LEASE_MS, LOOK_STALE_MS and LEAD_LOOK_EVERY_MS (tests shorten them). */
  leaseMs?: number;
  staleMs?: number;
  lookEveryMs?: number;
};

/**
 * What of Helcim's row goes into the shop database: only what a counter records a terminal result by.
 * Never the card token, the cardholder's name, the customer's code or the card's first digits — the
 * database is shared infrastructure, readable by whoever holds its password.
 */
type SharedRow = Pick<
  CardTransaction,
  | 'transactionId'
  | 'dateCreated'
  | 'status'
  | 'type'
  | 'amount'
  | 'currency'
  | 'cardType'
  | 'approvalCode'
  | 'invoiceNumber'
> & { cardNumber?: string };
const sharedRow = (r: CardTransaction): SharedRow => ({
  transactionId: r.transactionId,
  dateCreated: r.dateCreated,
  status: r.status,
  type: r.type,
  amount: r.amount,
  currency: r.currency,
  // Stryker disable ConditionalExpression: equivalent when always true — the row is written as JSON, which leaves out a field set to undefined.
  ...(r.cardType !== undefined ? { cardType: r.cardType } : {}),
  ...(r.approvalCode !== undefined ? { approvalCode: r.approvalCode } : {}),
  ...(r.invoiceNumber !== undefined ? { invoiceNumber: r.invoiceNumber } : {}),
  // Stryker restore ConditionalExpression
  ...(r.cardNumber ? { cardNumber: lastFourOf(r.cardNumber) ?? '' } : {}),
});

/**
 * What a look writes for a sale: Helcim's rows of its invoice, and within how long the lead means to
 * look again (its pace follows the merchant's budget: a counter does not take a slow lead for a gone one).
 */
const lookResult = z.strictObject({
  rows: z.array(cardTransactionSchema).max(CARD_TRANSACTIONS_PAGE),
  nextWithinMs: z.number().int().min(0).max(60_000),
});

export class SharedLookups {
  private readonly followed = new Map<string, Followed>();
  private leading = false;
  /** When this counter took the lead it holds (its clock), or null. */
  private leadingSince: number | null = null;
  // Stryker disable next-line UnaryOperator: equivalent — read only while leading, and set when the lead is taken.
  private lastLookAt = -Infinity;
  private lastAskAt = -Infinity;
  /** Pages the last look needed: a cycle costs that many calls, so the pace stretches with it. */
  private pages = 1;
  private cycling: Promise<void> | null = null;
  /** Helcim list calls this counter made as the lead (the bench reports them). */
  lookCalls = 0;
  /** When (this counter's clock) each of its calls as the lead of the last minute was made. */
  private readonly callTimes: number[] = [];
  /** The lead's cycles of the last BUSY_WINDOW_MS: when, and whether a sale waited anywhere. */
  private readonly cycles: { at: number; busy: boolean }[] = [];
  /**
   * Rows of this counter's may be on the board that it no longer follows (a drop that failed while the
   * database was away, or a run before a restart): removed at the next cycle, or the lead would look
   * them up for an hour.
   */
  private untidy = true;

  constructor(private readonly deps: SharedLookupsDeps) {}

  private board(): ShopTerminalBoard | null {
    return this.deps.mode() === 'live' ? this.deps.board() : null;
  }

  private get staleMs(): number {
    return this.deps.staleMs ?? LOOK_STALE_MS;
  }

  /** Whether this counter leads the shop's lookups now. */
  isLead(): boolean {
    return this.leading;
  }

  /**
   * A terminal sale pushed: posted for the lead to look up. Followed at once (the post is on its way);
   * a post that fails leaves the sale to its own counter's lookups.
   */
  follow(attemptId: string, invoiceNumber: string, pushedAt: Date): void {
    const board = this.board();
    if (!board) return;
    this.followed.set(attemptId, { invoiceNumber, looked: 0, seenAt: this.deps.now(), rows: [], nextWithinMs: 0 });
    board
      .post({ counterId: this.deps.counterId, attemptId, invoiceNumber, pushedAt })
      .catch(() => this.followed.delete(attemptId));
  }

  /** The sale is settled (or left to other rules): no longer looked up for, its row removed. */
  forget(attemptId: string): void {
    if (!this.followed.delete(attemptId)) return;
    void this.board()
      ?.drop(this.deps.counterId, attemptId)
      .catch(() => {
        this.untidy = true;
      });
  }

  /** Whether the lead looks this sale up (it is posted): its counter reads the board before asking Helcim. */
  following(attemptId: string): boolean {
    return this.followed.has(attemptId);
  }

  /**
   * What the lead's newest look found for this sale's invoice, or 'own' when no look newer than
   * LOOK_STALE_MS can be believed (the counter then asks Helcim itself).
   */
  async rowsFor(attemptId: string): Promise<CardTransaction[] | 'own'> {
    const f = this.followed.get(attemptId);
    const board = this.board();
    if (!f || !board) return 'own';
    try {
      const row = await board.read(this.deps.counterId, attemptId);
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent — a missing row's read throws into the catch below, and null > n is false: neither is news either way.
      if (row && row.looked !== null && row.looked > f.looked) {
        const result = this.believe(attemptId, f, row.looked, row.found, row.seal);
        if (result) Object.assign(f, { looked: row.looked, seenAt: this.deps.now(), ...result });
      }
    } catch {
      // The shop database did not answer: the counter's own lookups take over once the last look is stale.
    }
    // Stale: no newer look within what the last one promised, and never sooner than LOOK_STALE_MS.
    return this.deps.now() - f.seenAt <= this.staleMs + f.nextWithinMs ? f.rows : 'own';
  }

  /** A look's rows, if its seal holds for this counter, sale, invoice and look, and they are Helcim rows. */
  private believe(
    attemptId: string,
    f: Followed,
    looked: number,
    found: string | null,
    seal: string | null,
  ): z.infer<typeof lookResult> | null {
    const refuse = (why: string) => {
      if (!f.refusedSaid)
        this.deps.log(`shared lookup for ${attemptId} refused (${why}); this counter looks its sale up itself`);
      f.refusedSaid = true;
      return null;
    };
    if (found === null) return refuse('no result');
    const expected = this.deps.sealer().look(this.deps.counterId, attemptId, f.invoiceNumber, looked, found);
    if (!Sealer.matches(seal, expected)) return refuse('its seal does not match');
    let parsed: unknown;
    try {
      parsed = JSON.parse(found);
    } catch {
      return refuse('not JSON');
    }
    const result = lookResult.safeParse(parsed);
    if (!result.success) return refuse('not Helcim rows');
    // Rows of another invoice are never this sale's: rowForInvoice (terminal.ts) keeps only its own.
    return result.data;
  }

  /**
   * One step of the shop's lookups (main's terminal timer calls it): the lead renewed or asked for,
   * then, when a look is due and a sale waits anywhere in the shop, one list call for all of them.
   */
  cycle(): Promise<void> {
    this.cycling ??= this.runCycle().finally(() => {
      this.cycling = null;
    });
    return this.cycling;
  }

  private async runCycle(): Promise<void> {
    const board = this.board();
    const slot = this.deps.lookupSlot();
    if (!board || !slot) return this.resign();
    if (this.untidy) {
      this.untidy = false;
      await board.keepOnly(this.deps.counterId, [...this.followed.keys()]).catch(() => {
        this.untidy = true;
      });
    }
    const now = this.deps.now();
    while (this.callTimes.length && this.callTimes[0]! <= now - OWN_CALLS_KEPT_MS) this.callTimes.shift();
    const every = this.spacing(now);
    if (this.leading ? now - this.lastLookAt < every : now - this.lastAskAt < LEAD_ASK_EVERY_MS) return;
    this.lastAskAt = now;
    try {
      this.leading = await board.lead(this.deps.counterId, this.deps.leaseMs ?? LEAD_LEASE_MS);
      if (!this.leading) return void (this.leadingSince = null);
      this.leadingSince ??= now;
      this.lastLookAt = now;
      const waits = await board.waiting();
      this.cycles.push({ at: now, busy: waits.length > 0 });
      // Nothing waits anywhere in the shop: no call to Helcim.
      if (waits.length === 0) return;
      const looked = await board.nextLook();
      const oldest = Math.min(...waits.map((w) => w.pushedAt.getTime()));
      // Helcim's times are real instants: the window covers both clocks (they differ only in tests).
      const rows = await this.deps.client().listCardTransactions(await this.deps.token(slot), {
        between: {
          from: new Date(Math.min(Date.now(), oldest) - 60_000),
          to: new Date(Math.max(Date.now(), now) + 60_000),
        },
      });
      this.pages = Math.max(1, Math.ceil(rows.length / CARD_TRANSACTIONS_PAGE));
      this.lookCalls += this.pages;
      for (let p = 0; p < this.pages; p++) this.callTimes.push(now);
      const byInvoice = new Map<string, SharedRow[]>();
      for (const r of rows)
        // Stryker disable next-line ConditionalExpression: equivalent — a row without an invoice would be filed under none, which no waiting sale reads.
        if (r.invoiceNumber) byInvoice.set(r.invoiceNumber, [...(byInvoice.get(r.invoiceNumber) ?? []), sharedRow(r)]);
      const sealer = this.deps.sealer();
      // Said with each look: the pace the budget allows now, so no counter takes a slow lead for a gone one.
      const nextWithinMs = Math.min(60_000, this.spacing(now));
      await board.publish(
        waits.map((w) => {
          const found = JSON.stringify({ rows: byInvoice.get(w.invoiceNumber) ?? [], nextWithinMs });
          return {
            counterId: w.counterId,
            attemptId: w.attemptId,
            looked,
            found,
            seal: sealer.look(w.counterId, w.attemptId, w.invoiceNumber, looked, found),
          };
        }),
      );
    } catch (err) {
      // Helcim or the shop database did not answer: the lead is given up, so a counter that can ask
      // takes it; meanwhile every counter's own lookups take over as the looks go stale.
      this.deps.log(`shared terminal lookups: this counter gives the lead up (${(err as Error).message})`);
      await this.resign();
    }
  }

  /** The lead's pace now: the budget's, for what its last look cost (pages), how busy the shop has been. */
  private spacing(now: number): number {
    while (this.cycles.length && this.cycles[0]!.at <= now - BUSY_WINDOW_MS) this.cycles.shift();
    // The share of the recent cycles with a sale waiting (none yet: busy, the careful guess).
    const busy = this.cycles.length ? this.cycles.filter((c) => c.busy).length / this.cycles.length : 1;
    return (
      this.deps.spacingMs(this.deps.lookEveryMs ?? LEAD_LOOK_EVERY_MS, this.callTimes, busy, this.leadingSince) *
      this.pages
    );
  }

  /**
   * Gives the lead up (closing, training mode, no token to ask Helcim with, Helcim or the database not
   * answering): this counter then leaves the next lease to the others (it asks again only after one).
   */
  async resign(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.leadingSince = null;
    this.lastAskAt = this.deps.now() + (this.deps.leaseMs ?? LEAD_LEASE_MS);
    await this.deps
      .board()
      ?.resign(this.deps.counterId)
      .catch(() => undefined);
  }
}
