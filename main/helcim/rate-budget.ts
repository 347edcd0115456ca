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
/**
 * How far back the lead averages the other counters' calls for the hour's rule. Their pushes come in
 * bursts; held to the last minute alone, the lead's pace (and so every counter's wait) swung with
 * them, and a lead slowed by a burst left counters to their own lookups — more calls, a slower lead.
 * The minute's rule still reads the minute as it is: no burst can push the merchant over 100.
 */
export const OTHERS_AVERAGED_OVER_MS = 5 * 60_000;
/** However rarely a sale waits, the lead looks at most this many times faster than its average (a rush starts suddenly). */
const LEAST_BUSY = 0.25;
/** A report older than this says nothing about now (the minute has rolled over). */
const STALE_MS = 60_000;

export class RateBudget {
  private minuteLeft: number | null = null;
  private hourLeft: number | null = null;
  private seenAt = 0;
  /** The others' calls of the minute, as each report said them, while leading (OTHERS_AVERAGED_OVER_MS). */
  private othersSeen: { at: number; calls: number }[] = [];

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
   * - the minute: what Helcim says is left, plus the lead's own calls of the minute the report speaks
   *   of (they come back as it slides), less the money reserve and LEAD_MINUTE_HEADROOM for the counters' own calls;
   * - the hour: 3000 calls an hour is 50 a minute held all day; the other counters' calls a minute,
   *   averaged over the last 5 minutes (othersPerMinute), are their pace, and the lead's average takes
   *   the rest of the 50 but
   *   LEAD_SUSTAINED_HEADROOM. It looks only while a sale waits somewhere (`busy`: the share of the last
   *   minutes it did), so it may look faster then and still keep that average — and the merchant never
   *   runs into the hour's limit (a 429 there refuses a sale's push too). In a shop's first hour no
   *   call leaves Helcim's window yet: only the average protects it.
   */
  leadSpacingMs(
    base: number,
    ownCallTimes: readonly number[],
    busy: number,
    leadingSince: number | null = null,
  ): number {
    if (this.now() - this.seenAt > STALE_MS) return base;
    if (this.hourLeft !== null && this.hourLeft <= MONEY_RESERVE) return 30_000;
    if (this.minuteLeft === null) return base;
    // The lead's own calls in the minute the report speaks of (it may be up to a minute old: counted
    // against now, calls that have aged out since would be taken for the other counters' calls).
    const ownThen = ownCallTimes.filter((t) => t <= this.seenAt && t > this.seenAt - 60_000).length;
    const mine = this.minuteLeft - MONEY_RESERVE - LEAD_MINUTE_HEADROOM + ownThen;
    const others = this.othersPerMinute(MINUTE_LIMIT - this.minuteLeft - ownThen, leadingSince);
    const average = HOUR_LIMIT / 60 - LEAD_SUSTAINED_HEADROOM - others;
    if (average <= 0) return 30_000;
    // With today's constants the average runs out first (mine ≤ 0 implies average ≤ 0); the minute is
    // checked too in case they change.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent with today's constants, see above.
    if (mine <= 0) return 30_000;
    const sustained = average / Math.min(1, Math.max(LEAST_BUSY, busy));
    return Math.max(base, Math.ceil(60_000 / mine), Math.ceil(60_000 / sustained));
  }

  /**
   * The other counters' calls a minute, for the hour's rule: the mean of what the reports of the last
   * OTHERS_AVERAGED_OVER_MS said, one sample per report, taken while this counter leads. In a lead's
   * first minute its minute still holds the last lead's calls (they are not its own, so they count as
   * the others'): the minute alone speaks then, as it does for a counter that does not lead.
   */
  private othersPerMinute(lastMinute: number, leadingSince: number | null): number {
    const now = this.now();
    if (leadingSince === null || now - leadingSince < 60_000) {
      this.othersSeen = [];
      return lastMinute;
    }
    if (this.othersSeen.at(-1)?.at !== this.seenAt) this.othersSeen.push({ at: this.seenAt, calls: lastMinute });
    // The report just taken is never older than a minute (STALE_MS above), so one sample always stays.
    while (this.othersSeen[0]!.at <= now - OTHERS_AVERAGED_OVER_MS) this.othersSeen.shift();
    return this.othersSeen.reduce((n, s) => n + s.calls, 0) / this.othersSeen.length;
  }

  /** Low: the 30-second status ping and reconciliation run less often. */
  low(): boolean {
    return this.spare() + MONEY_RESERVE < PLENTY;
  }
}
