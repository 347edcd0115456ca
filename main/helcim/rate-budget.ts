/**
 * One counter's view of the merchant's Helcim rate limits (HELCIM.md: 100 calls a minute, 3000 an
 * hour, 5 in flight, per merchant account — shared by every token and so by every counter). Helcim
 * reports what is left on each answer (`minute-limit-remaining`, `hour-limit-remaining`); this
 * remembers the last report and says how fast the counter's background calls may go: looking up a
 * terminal sale's result, the status ping, reconciliation. Money calls are never held back: the
 * reserve kept below is for them.
 */

/** Calls a minute kept free for money calls (a sale pushed, a refund): background calls stop above it. */
export const MONEY_RESERVE = 10;
/**
 * How many counters the budget is assumed to be shared by when it runs low (the app cannot see the
 * others): each spaces its background calls as if that many were polling too.
 */
export const SHARED_BY = 5;
/** With plenty left (at least this many this minute), a waiting sale is looked up every second. */
export const PLENTY = 50;
/** Calls a minute the shop's lead leaves to the counters' own calls (pushes, status, invoices) beyond the money reserve. */
export const LEAD_MINUTE_HEADROOM = 20;
/** Helcim's per-merchant limits (HELCIM.md): calls a minute, calls an hour. */
export const MINUTE_LIMIT = 100;
export const HOUR_LIMIT = 3000;
/** Calls a minute the shop's lead leaves unused of the hour's held pace (50 a minute), for the counters' bursts. */
export const LEAD_SUSTAINED_HEADROOM = 3;
/** However rarely a sale waits, the lead looks at most this many times faster than its average (a rush starts suddenly). */
const LEAST_BUSY = 0.25;
/** A report older than this says nothing about now (the minute has rolled over). */
const STALE_MS = 60_000;

export class RateBudget {
  private minuteLeft: number | null = null;
  private hourLeft: number | null = null;
  private seenAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Reads Helcim's headers from any answer (a 429's too). */
  observe(headers: Headers): void {
    const read = (name: string) => {
      const v = headers.get(name);
      // Stryker disable next-line MethodExpression: equivalent — Headers.get already strips the spaces around a value (Fetch: "normalize").
      return v !== null && /^\d{1,7}$/.test(v.trim()) ? Number(v) : null;
    };
    const minute = read('minute-limit-remaining');
    const hour = read('hour-limit-remaining');
    if (minute === null && hour === null) return;
    this.minuteLeft = minute;
    this.hourLeft = hour;
    this.seenAt = this.now();
  }

  /** Calls the counter may spend now without touching the money reserve (Infinity: no recent report). */
  spare(): number {
    if (this.now() - this.seenAt > STALE_MS) return Infinity;
    // Whichever window is closer to its limit decides (the hour binds only near its end).
    return Math.min(this.minuteLeft ?? Infinity, this.hourLeft ?? Infinity) - MONEY_RESERVE;
  }

  /** The least time between two background calls: 1 s with plenty left, slower as the budget drains. */
  backgroundSpacingMs(base: number): number {
    const spare = this.spare();
    // No recent report (Infinity) counts as plenty too.
    if (spare + MONEY_RESERVE >= PLENTY) return base;
    if (spare <= 0) return 30_000; // only money calls until the minute rolls over
    return Math.max(base, Math.ceil((60_000 * SHARED_BY) / spare));
  }

  /**
   * The pace of the shop's lead counter (shared lookups, main/payments/shared-lookups.ts), the one
   * counter that looks terminal sales up for all. Two rules, the slower wins:
   * - the minute: what Helcim says is left, plus the lead's own calls of that minute (they come back as
   *   it slides), less the money reserve and LEAD_MINUTE_HEADROOM for the counters' own calls;
   * - the hour: 3000 calls an hour is 50 a minute held all day; the other counters' calls of the last
   *   minute are their pace, and the lead's average takes the rest of the 50 but
   *   LEAD_SUSTAINED_HEADROOM. It looks only while a sale waits somewhere (`busy`: the share of the last
   *   minutes it did), so it may look faster then and still keep that average — and the merchant never
   *   runs into the hour's limit (a 429 there refuses a sale's push too). In a shop's first hour no
   *   call leaves Helcim's window yet: only the average protects it.
   */
  leadSpacingMs(base: number, ownLastMinute: number, busy: number): number {
    if (this.now() - this.seenAt > STALE_MS) return base;
    if (this.hourLeft !== null && this.hourLeft <= MONEY_RESERVE) return 30_000;
    if (this.minuteLeft === null) return base;
    const mine = this.minuteLeft - MONEY_RESERVE - LEAD_MINUTE_HEADROOM + ownLastMinute;
    const others = MINUTE_LIMIT - this.minuteLeft - ownLastMinute;
    const average = HOUR_LIMIT / 60 - LEAD_SUSTAINED_HEADROOM - others;
    if (average <= 0) return 30_000;
    // With today's constants the average runs out first (mine ≤ 0 implies average ≤ 0); the minute is
    // checked too in case they change.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent with today's constants, see above.
    if (mine <= 0) return 30_000;
    const sustained = average / Math.min(1, Math.max(LEAST_BUSY, busy));
    return Math.max(base, Math.ceil(60_000 / mine), Math.ceil(60_000 / sustained));
  }

  /** Low: the 30-second status ping and reconciliation run less often. */
  low(): boolean {
    return this.spare() + MONEY_RESERVE < PLENTY;
  }
}
