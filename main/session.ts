/**
 * Who is signed in lives here, in main, per window. The renderer only ever sees a SessionView.
 * A session that has been idle longer than the configured period is ended on its next use.
 */
import type { Role } from '../preload/contract';

export type Session = {
  staffId: string;
  name: string;
  role: Role;
  /** Something the person must be told once signed in (e.g. wrong PINs typed for their approval). */
  notice?: string;
};

type Entry = { session: Session; lastActivity: number };

export class SessionRegistry {
  private readonly byWindow = new Map<number, Entry>();
  private readonly endedBecause = new Map<number, string>();

  constructor(
    private readonly idleMs: () => number = () => 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The window's session, or null; ends it first if it has been idle too long. */
  get(windowId: number): Session | null {
    const e = this.byWindow.get(windowId);
    if (!e) return null;
    if (this.now() - e.lastActivity > this.idleMs()) {
      this.byWindow.delete(windowId);
      this.endedBecause.set(windowId, `Locked after ${Math.round(this.idleMs() / 60_000) || 1} minute(s) without activity. Sign in again.`);
      return null;
    }
    return e.session;
  }

  touch(windowId: number): void {
    const e = this.byWindow.get(windowId);
    if (e) e.lastActivity = this.now();
  }

  signIn(windowId: number, session: Session): void {
    this.endedBecause.delete(windowId);
    this.byWindow.set(windowId, { session: Object.freeze({ ...session }), lastActivity: this.now() });
  }

  signOut(windowId: number): void {
    this.byWindow.delete(windowId);
  }

  /** Ends every session of one staff member (e.g. when a manager disables the account). */
  signOutStaff(staffId: string): void {
    for (const [id, e] of this.byWindow) if (e.session.staffId === staffId) this.byWindow.delete(id);
  }

  lockedReason(windowId: number): string | null {
    return this.endedBecause.get(windowId) ?? null;
  }
}
