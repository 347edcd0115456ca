/**
 * The Sale screen's ear for a keyboard-wedge scanner (scanner.ts decides; this carries it out). It
 * listens before anything else on the page (the capture phase of the window), so a scan is taken
 * whatever has focus — the search box, a PIN, the cash amount — and none of its digits is typed
 * there. Digits held back that were a person typing are handed to the page as they would have
 * arrived: into the focused field, or as the key to the screen's own keys.
 */
import { ScanDetector, SCANNER_TIMING } from './scanner';

/** Types held keys where the person meant them: the focused field, else the screen's key handlers. */
function typeOn(target: Element | null, key: string): void {
  const el = target as HTMLElement | null;
  if (el && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && !el.readOnly && !el.disabled) {
    // insertText keeps the caret and the selection, and fires the input event React listens to.
    // Deprecated in name only: Chromium (and so Electron) keeps it for editors that must type text.
    document.execCommand('insertText', false, key);
    return;
  }
  (el ?? document.body).dispatchEvent(
    new KeyboardEvent('keydown', { key, code: `Digit${key}`, bubbles: true, cancelable: true }),
  );
}

/** Starts listening; returns the way to stop. `onScan` gets each whole code. */
export function listenForScans(onScan: (code: string) => void, timing = SCANNER_TIMING): () => void {
  let handing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const detector = new ScanDetector(
    {
      scan: onScan,
      typed: (keys) => {
        handing = true;
        try {
          for (const k of keys) typeOn(document.activeElement, k);
        } finally {
          handing = false;
        }
      },
    },
    timing,
  );
  const onKeyDown = (e: KeyboardEvent) => {
    if (handing || e.isComposing) return;
    // A key held down repeats: that is a person, never a scanner.
    const modified = e.ctrlKey || e.altKey || e.metaKey || e.repeat;
    if (detector.key(e.key, e.timeStamp, modified)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
    clearTimeout(timer);
    if (detector.holding) timer = setTimeout(whenQuiet, timing.maxGapMs + 5);
  };
  // No key for a while: what is held was typed. (Checked again if the last key's stamp is still ahead
  // of the clock, as a key stamped by the input system a moment late can be.)
  const whenQuiet = () => {
    detector.idle(performance.now());
    if (detector.holding) timer = setTimeout(whenQuiet, timing.maxGapMs);
  };
  // A click or a tap ends any typing: what was held goes where it was typed before the click acts.
  const onPointer = () => detector.idle(Number.POSITIVE_INFINITY);
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('pointerdown', onPointer, true);
  return () => {
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('pointerdown', onPointer, true);
    clearTimeout(timer);
    detector.idle(Number.POSITIVE_INFINITY);
  };
}
