/**
 * Sign-out, and forgetting a person's work: nothing of one person's work is left on the screen for
 * the next (main keeps and finishes the money itself). Each store says how it is emptied
 * (base/forget.ts), so this file imports none of them — and the first screen none of their screens.
 */
import { pos } from '../base/pos';
import { forgetEveryStore } from '../base/forget';
import { useNav, useStatus } from '../base/status-store';

/** Amount, result, receipt, searches, card form: all back to empty, and the Sale screen. */
export function forgetPersonalState(): void {
  forgetEveryStore();
  useNav.getState().go('sale');
}

export async function signOut(): Promise<void> {
  // The card form leaves the screen first; main then closes it and confirms with Helcim's list.
  forgetPersonalState();
  await pos.session.signOut({});
  await useStatus.getState().refresh();
}
