/**
 * Who is signed in lives here, in main, per window. The renderer only ever sees a SessionView.
 */
import type { Role } from '../preload/contract';

export type Session = { staffId: string; name: string; role: Role };

export class SessionRegistry {
  private readonly byWindow = new Map<number, Session>();

  get(windowId: number): Session | null {
    return this.byWindow.get(windowId) ?? null;
  }

  signIn(windowId: number, session: Session): void {
    this.byWindow.set(windowId, Object.freeze({ ...session }));
  }

  signOut(windowId: number): void {
    this.byWindow.delete(windowId);
  }
}

/**
 * Until staff accounts exist (issue 3), each counter window opens signed in as this built-in
 * cashier. It has the lowest role, so nothing here grants more than a cashier may do.
 */
export const COUNTER_CASHIER: Session = Object.freeze({ staffId: 'counter', name: 'Counter', role: 'cashier' });
