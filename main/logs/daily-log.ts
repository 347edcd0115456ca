/**
 * The log a person can send: one file per day in the data folder's `logs` folder
 * (counter-pos-YYYY-MM-DD.log, the counter's local day), each capped in size (a line loops all day
 * and the disk still holds), the oldest removed after N days. Every line was scrubbed before it got
 * here (redaction.ts). Writing never throws: a full disk loses log lines, never a sale.
 */
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { localDay } from '../../common/days';

/** One day's file stops growing here (with a last line that says so). */
export const LOG_DAY_CAP_BYTES = 5 * 1024 * 1024;
/** Days of logs kept. */
export const LOG_DAYS_KEPT = 14;
const NAME = /^counter-pos-(\d{4}-\d{2}-\d{2})\.log$/;

export class DailyLog {
  private day = '';
  private bytes = 0;
  private capped = false;

  constructor(
    readonly folder: string,
    private readonly now: () => number,
    private readonly capBytes = LOG_DAY_CAP_BYTES,
    private readonly daysKept = LOG_DAYS_KEPT,
  ) {}

  fileFor(day: string): string {
    return path.join(this.folder, `counter-pos-${day}.log`);
  }

  write(line: string): void {
    try {
      const at = this.now();
      const day = localDay(at);
      if (day !== this.day) this.openDay(day);
      if (this.capped) return;
      const text = `${new Date(at).toISOString()} ${line.replace(/[\r\n]+/g, ' ⏎ ')}\n`;
      const size = Buffer.byteLength(text);
      if (this.bytes + size > this.capBytes) {
        this.capped = true;
        appendFileSync(
          this.fileFor(day),
          `${new Date(at).toISOString()} [pos] log capped for today at ${this.capBytes} bytes\n`,
          { mode: 0o600 },
        );
        return;
      }
      appendFileSync(this.fileFor(day), text, { mode: 0o600 });
      this.bytes += size;
    } catch {
      // A log line lost (disk full, folder gone) is not worth a sale.
    }
  }

  /** The days on disk, newest first. */
  days(): string[] {
    try {
      return readdirSync(this.folder)
        .map((f) => NAME.exec(f)?.[1])
        .filter((d): d is string => !!d)
        .sort()
        .reverse();
    } catch {
      return [];
    }
  }

  /** Bytes the logs take on disk. */
  size(): number {
    return this.days().reduce((n, d) => n + statSync(this.fileFor(d)).size, 0);
  }

  private openDay(day: string): void {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    this.day = day;
    let size: number;
    try {
      size = statSync(this.fileFor(day)).size;
    } catch {
      size = 0;
    }
    this.bytes = size;
    this.capped = size >= this.capBytes;
    // Today's file and the newest days before it, N in all.
    const before = this.days().filter((d) => d !== day);
    for (const old of before.slice(this.daysKept - 1)) rmSync(this.fileFor(old), { force: true });
  }
}
