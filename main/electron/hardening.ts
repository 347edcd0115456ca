/**
 * A packaged counter app offers no way into its own insides: no DevTools (a console in the counter
 * frame could read a manager's PIN as it is typed and drive `window.pos`), no reload, no remote
 * debugging. Development builds keep them. Electron-facing, but written as plain functions over
 * small interfaces so the Node tests can drive them with stand-ins.
 */
import type { BrowserWindowConstructorOptions, Input, MenuItemConstructorOptions, WebContents } from 'electron';

/**
 * Hardened in the packaged app. POS_FORCE_HARDENED=1 turns it on in a development build (the
 * Electron tests use it); nothing turns it off in a packaged one.
 */
export const isHardened = (packaged: boolean, env: NodeJS.ProcessEnv = process.env) =>
  packaged || env.POS_FORCE_HARDENED === '1';

/**
 * Playwright's `_electron` drives the app through --inspect and --remote-debugging-port, so the
 * Electron tests of the hardened app (a development build with POS_FORCE_HARDENED=1) also set
 * POS_ALLOW_AUTOMATION=1. A packaged app ignores it: there, the switches are always refused.
 */
export const mayUseDebugSwitches = (packaged: boolean, env: NodeJS.ProcessEnv = process.env) =>
  !isHardened(packaged, env) || (!packaged && env.POS_ALLOW_AUTOMATION === '1');

/**
 * Command-line switches that open a debugging door into the app; refused at start when hardened. On
 * Windows, Chromium also reads a switch written with a slash (`/remote-debugging-port=9222`).
 */
const DEBUG_SWITCH =
  /^(?:--?|\/)(remote-debugging-[\w-]+|inspect(-brk|-port|-publish-uid)?|remote-allow-origins)(=|$)/i;

/** The first debugging switch on the command line, or null. */
export function debugSwitch(argv: readonly string[]): string | null {
  return argv.find((a) => DEBUG_SWITCH.test(a))?.replace(/=.*/, '') ?? null;
}

/** Keys that open DevTools or reload the page in Electron's default menu or in Chromium itself. */
export function isDevShortcut(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (key === 'f12' || key === 'f5') return true;
  if (mod && input.shift && ['i', 'j', 'c'].includes(key)) return true; // DevTools, console, inspect element
  if (input.meta && input.alt && ['i', 'j', 'c'].includes(key)) return true; // macOS DevTools
  if (mod && key === 'r') return true; // reload, hard reload
  return false;
}

/** Stops the dev shortcuts and closes DevTools should anything open them anyway. */
export function lockDevTools(wc: Pick<WebContents, 'on' | 'closeDevTools'>): void {
  wc.on('before-input-event', (event, input) => {
    if (isDevShortcut(input)) event.preventDefault();
  });
  wc.on('devtools-opened', () => wc.closeDevTools());
}

/** The packaged app's menu: text editing and quitting only — no View menu, no DevTools, no reload. */
export function hardenedMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  if (platform === 'darwin') return [{ label: 'Counter POS', submenu: [{ role: 'hide' }, { role: 'quit' }] }, edit];
  return [{ label: 'File', submenu: [{ role: 'quit' }] }, edit];
}

/** DevTools off in the window's own preferences as well. */
export function hardenedPreferences(
  prefs: NonNullable<BrowserWindowConstructorOptions['webPreferences']>,
  hardened: boolean,
) {
  return { ...prefs, devTools: !hardened };
}
