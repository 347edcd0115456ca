/**
 * Telling a USB keyboard-wedge scanner from a person typing. A scanner "types" the code's digits
 * a few milliseconds apart and ends with Enter; a person's keys come tens to hundreds of
 * milliseconds apart. So every digit key on the Sale screen is held back for a moment: if the next
 * digit comes quickly, it is held too; if Enter follows a run of at least `minLength` quick digits,
 * the run is a scan and nothing of it reaches the page. Otherwise (a pause, another key, a short
 * run) the held keys are handed to the page as typed, in order, before the key that ended the run.
 *
 * Why not @point-of-sale/keyboard-barcode-scanner: it ignores keys typed into <input> fields (so a
 * scan with the PIN or search field focused would land there as typed text, which issue 27 forbids),
 * and it only starts swallowing keys after the third, so the first digits of every scan would reach
 * whatever has focus. Holding every digit back for a moment is the only way to keep a scan out of a
 * field without knowing in advance that it is one.
 *
 * This module is pure (no DOM): the Sale screen feeds it key events with their times and carries
 * out what it says (scanner-listener.ts), so its rules are unit tested with exact times.
 */

export type ScannerTiming = {
  /** The longest pause between two keys of one scan (ms). Fast scanners: ~10 ms; slow ones up to ~40. */
  maxGapMs: number;
  /** The fewest digits a scan has (EAN-8 is the shortest code we read). */
  minLength: number;
  /** The most digits a scan has (a GTIN-14 and some slack); a longer run is typing (or a stuck key). */
  maxLength: number;
};

/** Chosen from the scanners' documented speeds and people's: a fast typist's keys are ≥ 60 ms apart. */
export const SCANNER_TIMING: ScannerTiming = { maxGapMs: 45, minLength: 8, maxLength: 20 };

export type ScannerOutput = {
  /** A whole scan: the digits, without the Enter. */
  scan: (code: string) => void;
  /** Keys held back that were typing after all: to be handed to the page in this order. */
  typed: (keys: string[]) => void;
};

export class ScanDetector {
  private held: string[] = [];
  private lastAt = 0;

  constructor(
    private readonly out: ScannerOutput,
    private readonly timing: ScannerTiming = SCANNER_TIMING,
  ) {}

  /** True while digits are held back (a timer should call `idle` after `maxGapMs`). */
  get holding(): boolean {
    return this.held.length > 0;
  }

  /**
   * A key went down at `at` (ms). Returns true when the detector keeps it from the page (a digit
   * held back, or the Enter that ends a scan); false when the page should get it as usual (after
   * any held digits were handed over first).
   */
  key(key: string, at: number, withModifier: boolean): boolean {
    const digit = !withModifier && /^[0-9]$/.test(key);
    if (at - this.lastAt > this.timing.maxGapMs) this.release();
    if (digit) {
      this.held.push(key);
      this.lastAt = at;
      if (this.held.length > this.timing.maxLength) this.release();
      return true;
    }
    if (key === 'Enter' && !withModifier && this.held.length >= this.timing.minLength) {
      const code = this.held.join('');
      this.held = [];
      this.out.scan(code);
      return true;
    }
    this.release();
    return false;
  }

  /** No key came for a while: what is held was typed by a person. */
  idle(at: number): void {
    if (at - this.lastAt >= this.timing.maxGapMs) this.release();
  }

  private release(): void {
    if (this.held.length === 0) return;
    const keys = this.held;
    this.held = [];
    this.out.typed(keys);
  }
}
