/**
 * The Sale screen's keyboard: what a key does, given the screen's phase and where the focus is.
 * A focused control keeps its own keys: Enter on "Verify card", "Sign out", a tab or "Receipt…"
 * presses that control, never a charge or a new sale.
 */
import type { Phase } from './sale-store';

export type SaleKeyAction = 'digit' | 'backspace' | 'clear' | 'charge' | 'new-sale' | 'cancel-checkout' | null;

/** What is focused: a control that acts on Enter/Space, or a field that takes typing. */
export type Focus = 'none' | 'control' | 'field';

export function focusOf(el: Element | null): Focus {
  // The scrollable <main> takes focus only so keyboards can scroll it; it has no keys of its own.
  if (!el || el === document.body || el === document.documentElement || el.tagName === 'MAIN') return 'none';
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable)
    return 'field';
  const tabindex = el.getAttribute('tabindex');
  // tabindex="-1" only lets us move focus there (a heading, the amount): it is not a control.
  if (
    tag === 'BUTTON' ||
    tag === 'A' ||
    tag === 'IFRAME' ||
    el.getAttribute('role') === 'button' ||
    (tabindex !== null && tabindex !== '-1')
  )
    return 'control';
  return 'none';
}

export function saleKeyAction(phase: Phase, key: string, focus: Focus, modifiers: boolean): SaleKeyAction {
  if (modifiers || focus === 'field') return null;
  if (phase === 'checkout') return key === 'Escape' ? 'cancel-checkout' : null;
  if (phase === 'result') {
    if (key === 'Escape') return 'new-sale';
    return key === 'Enter' && focus === 'none' ? 'new-sale' : null;
  }
  if (phase !== 'entry') return null;
  if (/^\d$/.test(key)) return 'digit';
  if (key === 'Backspace') return 'backspace';
  if (key === 'Escape') return 'clear';
  if (key === 'Enter' && focus === 'none') return 'charge';
  return null;
}
