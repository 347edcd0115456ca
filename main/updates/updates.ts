/**
 * Updates for this counter: the daily check of the signed feed, the rollout decision, the check of
 * what was downloaded, and the install — only at the Z or at quit, only with nothing open, and only
 * after a backup made for it. electron-updater downloads and installs in the Electron shell
 * (main/electron/updater.ts), asking this service at each step. Every version change is audited.
 */
import type { KeyObject } from 'node:crypto';
import type { BackupRun, UpdateView } from '../../common/contract';
import type { Db } from '../db';
import type { Settings } from '../settings/settings';
import {
  decide,
  feedFileFor,
  installBlockers,
  matchesFeed,
  mayInstall,
  verifyFeed,
  type Feed,
  type OpenWork,
  type UpdateDecision,
} from './policy';

/** The feed in electron-builder.yml's `publish.url` (a test holds the two equal). */
export const DEFAULT_FEED = 'https://updates.counterpos.ca/stable/';
/** Checked once a day (and a minute after start). */
export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
/** One check waits this long for the feed at most. */
const FEED_TIMEOUT_MS = 20_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS update_checks (
  at TEXT NOT NULL,
  feed TEXT NOT NULL,
  ok INTEGER NOT NULL,
  version TEXT,
  decision TEXT NOT NULL,
  problem TEXT
);
CREATE INDEX IF NOT EXISTS update_checks_at ON update_checks (at);
`;

export type UpdatesDeps = {
  db: Db;
  settings: Settings;
  keys: KeyObject[];
  currentVersion: string;
  counterId: string;
  platform: NodeJS.Platform;
  fetch?: typeof fetch;
  now: () => number;
  audit: (staffId: string, kind: string, detail: string) => void;
  log: (line: string) => void;
  openWork: () => OpenWork;
  /** The backup made before an install; null: backups are off (no passphrase set: said on the status bar). */
  backUp: () => Promise<BackupRun | null>;
};

export class Updates {
  /** The last feed whose signature held and that offered this counter a newer version. */
  private offered: Feed | null = null;
  private ready: string | null = null;

  constructor(private readonly deps: UpdatesDeps) {
    deps.db.exec(SCHEMA);
  }

  feedUrl(): string {
    return this.deps.settings.get('updates.feed') ?? DEFAULT_FEED;
  }

  /**
   * At start: a version other than the one that last ran is audited (from → to), so every version
   * change is in the audit trail whichever way it came.
   */
  recordVersion(): void {
    const row = this.deps.db.prepare("SELECT value FROM meta WHERE key = 'app_version'").get() as
      { value: string } | undefined;
    if (row?.value === this.deps.currentVersion) return;
    if (row) this.deps.audit('system', 'update.installed', `${row.value} → ${this.deps.currentVersion}`);
    this.deps.db
      .prepare(
        "INSERT INTO meta (key, value) VALUES ('app_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(this.deps.currentVersion);
  }

  /** Reads the feed and its signature; decides. Never throws: a feed away or refused is recorded and said. */
  async check(): Promise<UpdateDecision | null> {
    const feed = this.feedUrl();
    const file = feedFileFor(this.deps.platform);
    const get = async (name: string) => {
      const res = await (this.deps.fetch ?? fetch)(new URL(name, feed), {
        signal: AbortSignal.timeout(FEED_TIMEOUT_MS),
        redirect: 'error',
      });
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    };
    let text: Buffer;
    let signature: string | null;
    try {
      text = await get(file);
      signature = await get(`${file}.sig`)
        .then((b) => b.toString('utf8'))
        .catch(() => null);
    } catch (err) {
      return this.recordCheck(feed, null, 'none', `the feed did not answer (${(err as Error).message})`);
    }
    const verified = verifyFeed(text, signature, this.deps.keys);
    if (typeof verified === 'string') {
      const why = {
        unsigned: 'the feed is not signed',
        badSignature: 'the feed’s signature is not ours: refused',
        unreadable: 'the feed cannot be read',
      }[verified];
      return this.recordCheck(feed, null, 'refused', why);
    }
    const decision = decide(this.deps.currentVersion, verified, this.deps.counterId);
    if (decision.action === 'download') {
      this.offered = verified;
      if (this.ready !== decision.version) this.ready = null;
    }
    this.recordCheck(feed, decision.version, decision.action === 'download' ? 'download' : decision.why, null);
    return decision;
  }

  private recordCheck(feed: string, version: string | null, decision: string, problem: string | null): null {
    this.deps.db
      .prepare('INSERT INTO update_checks (at, feed, ok, version, decision, problem) VALUES (?, ?, ?, ?, ?, ?)')
      .run(new Date(this.deps.now()).toISOString(), feed, problem ? 0 : 1, version, decision, problem);
    if (problem) this.deps.log(`[pos] update check: ${problem}`);
    return null;
  }

  /**
   * electron-updater downloaded a file: it is kept for install only if it is the one the signed
   * feed names (size and SHA-512); otherwise refused, audited and forgotten.
   */
  async downloaded(file: string, version: string): Promise<boolean> {
    const feed = this.offered;
    const good = feed !== null && feed.version === version && (await matchesFeed(file, feed).catch(() => false));
    if (!good) {
      this.deps.audit('system', 'update.refused', `${version}: the download is not the file the signed feed names`);
      this.ready = null;
      return false;
    }
    this.ready = version;
    return true;
  }

  /**
   * Whether to install now. Only at the Z or at quit, with nothing open, after a good backup made
   * for it; audited. The Electron shell then lets electron-updater install.
   */
  async install(moment: 'z' | 'quit' | 'shift'): Promise<boolean> {
    if (!this.ready) return false;
    const work = this.deps.openWork();
    if (!mayInstall(moment, work)) {
      this.deps.log(
        `[pos] update ${this.ready} waits: ${moment === 'shift' ? 'never mid-shift' : installBlockers(work).join(', ')}`,
      );
      return false;
    }
    const backup = await this.deps.backUp();
    if (backup && !backup.ok) {
      this.deps.log(`[pos] update ${this.ready} waits: the backup before it failed`);
      return false;
    }
    this.deps.audit('system', 'update.install', `${this.deps.currentVersion} → ${this.ready} at the ${moment}`);
    return true;
  }

  view(): UpdateView {
    const last = this.deps.db.prepare('SELECT * FROM update_checks ORDER BY at DESC, rowid DESC LIMIT 1').get() as
      { at: string; ok: number; version: string | null; decision: string; problem: string | null } | undefined;
    const lastGood = this.deps.db
      .prepare('SELECT at FROM update_checks WHERE ok = 1 ORDER BY at DESC LIMIT 1')
      .get() as { at: string } | undefined;
    return {
      current: this.deps.currentVersion,
      feed: this.feedUrl(),
      lastCheckAt: last?.at ?? null,
      lastAnsweredAt: lastGood?.at ?? null,
      problem: last?.problem ?? null,
      offered: this.offered?.version ?? null,
      ready: this.ready,
      waitingFor: this.ready ? installBlockers(this.deps.openWork()) : [],
    };
  }
}
