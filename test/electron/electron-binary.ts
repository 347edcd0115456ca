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

/**
 * The unpackaged app on a throwaway data folder, as Playwright drives it (automation allowed for this
 * development build only); `logs()` reads the day's log files; `close()` quits and removes the folder.
 */
export async function launchCounter(binary: string, name: string) {
  const { _electron: electron } = await import('@playwright/test');
  const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const userData = mkdtempSync(path.join(tmpdir(), `pos-${name}-`));
  const app = await electron.launch({
    executablePath: binary,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), path.resolve(__dirname, '../../dist/main/index.js')],
    env: { ...process.env, POS_USER_DATA: userData, POS_ALLOW_AUTOMATION: '1' } as Record<string, string>,
  });
  const logs = () => {
    const dir = path.join(userData, 'logs');
    try {
      return readdirSync(dir)
        .map((f) => readFileSync(path.join(dir, f), 'utf8'))
        .join('');
    } catch {
      return '';
    }
  };
  return {
    app,
    logs,
    async close() {
      await app.close().catch(() => undefined);
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
