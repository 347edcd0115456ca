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

  /** Low: the 30-second status ping and reconciliation run less often. */
  low(): boolean {
    return this.spare() + MONEY_RESERVE < PLENTY;
  }
}
