import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

/** The Electron binary's path, or null with the reason it is missing. */
export function electronBinary(): { path: string | null; reason: string } {
  try {
    const p = createRequire(__filename)('electron') as unknown as string;
    if (typeof p === 'string' && existsSync(p)) return { path: p, reason: '' };
  } catch {
    /* electron/index.js throws when its download never happened */
  }
  return {
    path: null,
    reason:
      'Electron binary not installed (its download from GitHub is not reachable on this machine). ' +
      'Run where the network allows, or set ELECTRON_MIRROR / ELECTRON_OVERRIDE_DIST_PATH, then `npm start` once.',
  };
}
