/**
 * Who is signed in lives here, in main, per window. The renderer only ever sees a SessionView.
 * A session that has been idle longer than the configured period is ended on its next use —
 * except while that window is busy (a customer typing into Helcim's card form is activity we cannot
 * see). Whenever a window's session ends or changes hands, the `onEnd` listeners run, so whatever
 * was open in that window (a card form) is closed and never inherited by the next person.
 */
import type { Role } from '../common/contract';
import { say } from './language';
import type { MessageKey, MessageValues } from '../common/i18n';

export type Session = {
  staffId: string;
  name: string;
  role: Role;
  /** Wrong PINs typed for this manager's approval since they last signed in: told once signed in. */
  overrideMisses?: number;
};

type Entry = { session: Session; lastActivity: number };

export class SessionRegistry {
  private readonly byWindow = new Map<number, Entry>();
  /** Windows whose session main ended, and why (said in the reader's language at the sign-in screen). */
  private readonly endedBecause = new Map<number, { key: MessageKey; values?: MessageValues }>();

  private busy: (windowId: number) => boolean = () => false;
  private readonly endListeners: ((windowId: number, session: Session) => void)[] = [];

  constructor(
    /** The idle period, read from the shop's settings on every check (its default lives there). */
    private readonly idleMs: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A busy window is not idle (e.g. a card form is open in it). */
  setBusy(busy: (windowId: number) => boolean): void {
    this.busy = busy;
  }

  /** Runs when a window's session ends (sign-out, idle lock, disabled account) or is replaced. */
  onEnd(listener: (windowId: number, session: Session) => void): void {
    this.endListeners.push(listener);
  }

  /** The window's session, or null; ends it first if it has been idle too long. */
  get(windowId: number): Session | null {
    const e = this.byWindow.get(windowId);
    if (!e) return null;
    if (this.busy(windowId)) e.lastActivity = this.now();
    if (this.now() - e.lastActivity > this.idleMs()) {
      this.end(windowId);
      this.endedBecause.set(windowId, {
        key: 'session.lockedIdle',
        values: { minutes: Math.round(this.idleMs() / 60_000) || 1 },
      });
      return null;
    }
    return e.session;
  }

  /** Whether anyone is signed in at any window of this counter (each window's idle limit applied first). */
  signedInAnywhere(): boolean {
    return [...this.byWindow.keys()].some((windowId) => this.get(windowId) !== null);
  }

  private end(windowId: number): void {
    const e = this.byWindow.get(windowId);
    if (!e) return;
    this.byWindow.delete(windowId);
    for (const listener of this.endListeners) listener(windowId, e.session);
  }

  touch(windowId: number): void {
    const e = this.byWindow.get(windowId);
    if (e) e.lastActivity = this.now();
  }

  signIn(windowId: number, session: Session): void {
    this.endedBecause.delete(windowId);
    const before = this.byWindow.get(windowId);
    if (before && before.session.staffId !== session.staffId) this.end(windowId);
    this.byWindow.set(windowId, { session: Object.freeze({ ...session }), lastActivity: this.now() });
  }

  signOut(windowId: number): void {
    this.end(windowId);
  }

  /**
   * Ends every session of one staff member (e.g. when a manager disables the account); `why`, if
   * given, is what the sign-in screen of those windows then says.
   */
  signOutStaff(staffId: string, why?: MessageKey): void {
    for (const [id, e] of [...this.byWindow])
      if (e.session.staffId === staffId) {
        this.end(id);
        if (why) this.endedBecause.set(id, { key: why });
      }
  }

  lockedReason(windowId: number): string | null {
    const why = this.endedBecause.get(windowId);
    return why === undefined ? null : say(why.key, why.values);
  }
}
