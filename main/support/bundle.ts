/**
 * The support file: what someone helping the shop needs, in one readable JSON file, and nothing
 * secret. Each part is gathered from the service that owns it; the whole text is then scrubbed
 * (redaction.ts) as a last net, and a crash dump that holds a secret this counter knows is withheld
 * (a dump is the process's memory). Never in it: a token, PIN, pepper, password, key, passphrase,
 * full card number or customer email.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redactor } from '../logs/redaction';

/** Days of logs in a support file (today and the two before). */
export const SUPPORT_LOG_DAYS = 3;
/** A crash dump larger than this is listed, not included. */
const MAX_DUMP_BYTES = 2 * 1024 * 1024;

export type SupportSources = {
  appVersion: string;
  counter: string;
  mode: () => string;
  now: () => number;
  /** Each setting as stored (none holds a secret; scrubbed anyway). */
  settings: () => Record<string, unknown>;
  /** The day log's folder and its days, newest first. */
  logs: { folder: string; days: () => string[]; fileFor: (day: string) => string } | null;
  journalCounts: () => Record<string, number>;
  unresolved: () => { id: string; kind: string; amountCents: number; state: string; createdAt: string; mode: string }[];
  audit: () => unknown;
  integrity: () => string;
  printer: () => unknown;
  terminal: () => unknown;
  shopDatabase: () => unknown;
  connectionTests: () => unknown;
  backups: () => unknown;
  /** Where crash dumps are kept (null: none on this machine). */
  crashDir: string | null;
  redactor: Redactor;
  health: () => unknown;
};

/** Every file under a folder (crash dumps live in sub-folders: pending/, completed/). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
    );
  } catch {
    return [];
  }
}

export function supportBundle(s: SupportSources): string {
  const probe = (label: string) => `[support] ${label}`;
  const dumps = s.crashDir
    ? filesUnder(s.crashDir).map((file) => {
        const bytes = statSync(file).size;
        const name = path.relative(s.crashDir!, file);
        if (bytes > MAX_DUMP_BYTES) return { name, bytes, included: false, why: 'too large for a support file' };
        const raw = readFileSync(file);
        // A dump whose bytes hold a known secret (as text, UTF-16 or base64) is withheld whole.
        // UTF-16 text may start at an odd offset: both alignments are read.
        const asText = [raw.toString('latin1'), raw.toString('utf16le'), raw.subarray(1).toString('utf16le')].join(
          '\n',
        );
        if (s.redactor.scrub(asText) !== asText)
          return { name, bytes, included: false, why: 'withheld: it holds a secret or a card number' };
        return { name, bytes, included: true, base64: raw.toString('base64') };
      })
    : [];
  const logs = s.logs
    ? s.logs
        .days()
        .slice(0, SUPPORT_LOG_DAYS)
        .map((day) => ({ day, text: readFileSync(s.logs!.fileFor(day), 'utf8') }))
    : [];
  const safe = <T>(label: string, f: () => T): T | string => {
    try {
      return f();
    } catch (err) {
      return probe(`${label} could not be read: ${(err as Error).message}`);
    }
  };
  const bundle = {
    what: 'Counter POS support file',
    madeAt: new Date(s.now()).toISOString(),
    app: {
      version: s.appVersion,
      electron: process.versions.electron ?? 'not running in Electron',
      chrome: process.versions.chrome ?? null,
      node: process.versions.node,
    },
    os: {
      type: os.type(),
      release: os.release(),
      arch: os.arch(),
      freeMemory: os.freemem(),
      totalMemory: os.totalmem(),
    },
    counter: s.counter,
    mode: s.mode(),
    settings: safe('settings', s.settings),
    journal: safe('journal', s.journalCounts),
    unresolved: safe('unresolved attempts', s.unresolved),
    audit: safe('audit trail', s.audit),
    integrityCheck: safe('integrity check', s.integrity),
    printer: safe('printer', s.printer),
    terminal: safe('terminal', s.terminal),
    shopDatabase: safe('shop database', s.shopDatabase),
    connectionTests: safe('connection tests', s.connectionTests),
    backups: safe('backups', s.backups),
    health: safe('health', s.health),
    logs,
    crashDumps: dumps,
  };
  return s.redactor.scrub(JSON.stringify(bundle, null, 2));
}
