/**
 * Backups of this counter's database: made with SQLite's online backup (the counter keeps selling),
 * encrypted under the shop's backup passphrase (backup-file.ts), written to the data folder and to a
 * second place a manager picks, each copy read back and checked, kept in generations, and recorded
 * in the audit trail with its hash. Made after each Z, nightly, before an update, and when a
 * manager asks. What failed, or a backup that is overdue, is said on the manager's status bar.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupStatus, BackupRun } from '../../common/contract';
import { LOCAL_SCHEMA_VERSION, type Db } from '../db';
import { PosError } from '../errors';
import type { DatabaseKeychain } from '../vault/vault';
import type { Settings } from '../settings/settings';
import {
  decryptBackup,
  deriveBackupKey,
  encryptBackup,
  MIN_PASSPHRASE_LENGTH,
  type BackupKey,
  type BackupKeys,
} from './backup-file';

/** A backup is overdue when the last good one is older than this: the nightly one failed or the PC was off. */
export const BACKUP_OVERDUE_MS = 26 * 60 * 60 * 1000;
/** A nightly backup is made when the last good one is older than this (checked every few minutes). */
export const NIGHTLY_EVERY_MS = 20 * 60 * 60 * 1000;
/**
 * Our backups' names: counter-pos-<counter>-<UTC stamp>-<reason>-<run>.cposbak (the run's own 6 hex
 * digits: two backups of one millisecond never share a name). Only these are ever pruned. The counter
 * is its invoice prefix: C and four or eight hex digits (main/invoices/prefix.ts).
 */
const NAME = /^counter-pos-[A-Z0-9]{1,9}-\d{8}T\d{9}Z-(?:z|nightly|update|manager)-[0-9a-f]{6}\.cposbak$/;
export const BACKUP_EXTENSION = '.cposbak';

export type BackupReason = BackupRun['reason'];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS backup_runs (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  reason TEXT NOT NULL,
  file TEXT,
  bytes INTEGER,
  sha256 TEXT,
  ok INTEGER NOT NULL,
  second TEXT NOT NULL,
  problem TEXT
);
CREATE INDEX IF NOT EXISTS backup_runs_at ON backup_runs (at);
`;

type RunRow = {
  id: string;
  at: string;
  reason: BackupReason;
  file: string | null;
  bytes: number | null;
  sha256: string | null;
  ok: number;
  second: BackupRun['second'];
  problem: string | null;
};

export type BackupDeps = {
  db: Db;
  /** Where the database lives; backups go to its `backups` folder. */
  dataDir: string;
  keychain: DatabaseKeychain;
  settings: Settings;
  /** What a backup carries so a new PC can use the database (backup-file.ts BackupKeys). */
  keys: () => Omit<BackupKeys, 'auditCount'>;
  counter: string;
  audit: (staffId: string, kind: string, detail: string) => void;
  now: () => number;
  log: (line: string) => void;
  /** Test hook: after a copy is written, before it is read back (a disk or drive that garbles). */
  afterWrite?: (file: string) => void;
};

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:.]/g, '');

/** Writes a file whole or not at all: a `.part` beside it, flushed, then renamed over. */
function writeWhole(file: string, bytes: Buffer): void {
  const part = `${file}.part`;
  const fd = openSync(part, 'w', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(part, file);
}

export class Backups {
  private running: Promise<BackupRun> | null = null;

  constructor(private readonly deps: BackupDeps) {
    deps.db.exec(SCHEMA);
  }

  get folder(): string {
    return path.join(this.deps.dataDir, 'backups');
  }

  /** The passphrase's key, read from the keychain once (load) and kept when a manager sets it. */
  private cachedKey: BackupKey | null = null;

  /** Reads the passphrase's key from the keychain (at start). */
  async load(): Promise<this> {
    const stored = await this.deps.keychain.secret('backup-key');
    const m = stored ? /^([0-9a-f]{32}):(\d+):(\d+):(\d+):([0-9a-f]{64})$/.exec(stored) : null;
    this.cachedKey = m
      ? { salt: m[1]!, cost: { N: Number(m[2]), r: Number(m[3]), p: Number(m[4]) }, key: Buffer.from(m[5]!, 'hex') }
      : null;
    return this;
  }

  private key(): BackupKey | null {
    return this.cachedKey;
  }

  /** Keeps a passphrase's key (never the passphrase) in the keychain: backups are made unattended. */
  static async keepKey(keychain: DatabaseKeychain, k: BackupKey): Promise<void> {
    await keychain.setSecret('backup-key', `${k.salt}:${k.cost.N}:${k.cost.r}:${k.cost.p}:${k.key.toString('hex')}`);
  }

  /** A manager sets (or changes) the passphrase. Backups made before keep the passphrase they were made with. */
  async setPassphrase(passphrase: string, staffId: string): Promise<BackupStatus> {
    if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH)
      throw new PosError('invalid_payload', 'error.backup.shortPassphrase', { min: MIN_PASSPHRASE_LENGTH });
    const changed = this.key() !== null;
    const key = deriveBackupKey(passphrase);
    await Backups.keepKey(this.deps.keychain, key);
    this.cachedKey = key;
    this.deps.audit(staffId, 'backup.passphrase', changed ? 'changed' : 'set');
    return this.status();
  }

  /** The second place, checked writable before it is kept (null: none). */
  setSecondFolder(folder: string | null, staffId: string): BackupStatus {
    if (folder !== null) this.assertWritable(folder);
    this.deps.settings.set('backup', { ...this.deps.settings.get('backup'), secondFolder: folder });
    this.deps.audit(staffId, 'backup.second_folder', folder ?? 'none');
    return this.status();
  }

  private assertWritable(folder: string): void {
    try {
      if (!statSync(folder).isDirectory()) throw new Error('not a folder');
      const probe = path.join(folder, `.counter-pos-probe-${randomUUID()}`);
      writeWhole(probe, Buffer.from('probe'));
      rmSync(probe);
    } catch {
      throw new PosError('invalid_payload', 'error.backup.folderUnwritable', { folder });
    }
  }

  /** Makes one backup now (one at a time: a second call waits for the first and makes its own). */
  backUp(reason: BackupReason, staffId = 'system'): Promise<BackupRun> {
    const run = (this.running ?? Promise.resolve()).then(
      () => this.make(reason, staffId),
      () => this.make(reason, staffId),
    );
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    });
    return run;
  }

  /** Waits for a backup being made (at close: the database must stay open until it is done). */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Nightly: a backup when the last good one is old enough (and a passphrase is set). */
  async backUpIfDue(): Promise<BackupRun | null> {
    if (!this.key()) return null;
    const last = this.lastGood();
    if (last && this.deps.now() - Date.parse(last.at) < NIGHTLY_EVERY_MS) return null;
    return this.backUp('nightly');
  }

  private async make(reason: BackupReason, staffId: string): Promise<BackupRun> {
    const at = this.deps.now();
    const id = randomUUID();
    const second = this.deps.settings.get('backup').secondFolder;
    const failed = (problem: string): BackupRun => {
      const run: BackupRun = { ...failedRun(id, at, reason), second: second ? 'failed' : 'none', problem };
      this.keep(run);
      this.deps.audit(staffId, 'backup.failed', `${reason}: ${problem}`);
      this.deps.log(`[pos] backup (${reason}) failed: ${problem}`);
      return run;
    };
    const key = this.key();
    // Without a passphrase, only a manager's "Back up now" is a failure worth a row: the status bar
    // already says backups are off, and a Z or a night need not add one to the audit trail each time.
    if (!key && reason !== 'manager')
      return { ...failedRun(id, at, reason), problem: 'no passphrase set', second: 'none' };
    if (!key) return failed('no passphrase set');
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    // SQLite's online backup, to a plain copy that lives only until it is encrypted.
    const plain = path.join(this.folder, `.plain-${id}.sqlite`);
    let database: Buffer;
    let lastRow: string;
    let auditCount: number;
    try {
      await this.deps.db.backup(plain);
      // One self-contained file (no -wal beside it to lose), as a new PC opens it first.
      const copy = new Database(plain);
      try {
        copy.pragma('journal_mode = DELETE');
        auditCount = (copy.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
      } finally {
        copy.close();
      }
      database = readFileSync(plain);
      lastRow = lastJournalRow(plain);
    } catch (err) {
      return failed(`the database could not be copied (${(err as Error).message})`);
    } finally {
      rmSync(plain, { force: true });
      rmSync(`${plain}-journal`, { force: true });
    }
    const name = `counter-pos-${this.deps.counter}-${stamp(at)}-${reason}-${id.slice(0, 6)}${BACKUP_EXTENSION}`;
    // The audit trail's length as the copy holds it: the restored counter expects no fewer rows.
    const bytes = encryptBackup(key, { ...this.deps.keys(), auditCount }, database, {
      schema: LOCAL_SCHEMA_VERSION,
      createdAt: new Date(at).toISOString(),
      counter: this.deps.counter,
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = path.join(this.folder, name);
    try {
      writeWhole(file, bytes);
    } catch (err) {
      return failed(`the file could not be written (${(err as Error).message})`);
    }
    const problem = this.check(file, key.key, sha256, lastRow);
    if (problem) {
      rmSync(file, { force: true });
      return failed(problem);
    }
    let secondState: BackupRun['second'] = 'none';
    let secondProblem: string | null = null;
    if (second) {
      try {
        const copy = path.join(second, name);
        writeWhole(copy, bytes);
        const copyProblem = this.check(copy, key.key, sha256, lastRow);
        if (copyProblem) throw new Error(copyProblem);
        this.prune(second);
        secondState = 'ok';
      } catch (err) {
        secondState = 'failed';
        secondProblem = `the copy in ${second} failed (${(err as Error).message})`;
      }
    }
    this.prune(this.folder);
    const run: BackupRun = {
      id,
      at: new Date(at).toISOString(),
      reason,
      file: name,
      bytes: bytes.length,
      sha256,
      ok: true,
      second: secondState,
      problem: secondProblem,
    };
    this.keep(run);
    // The hash in the audit chain: a backup swapped for another later is told from the one made here.
    this.deps.audit(staffId, 'backup.written', `${name} sha256 ${sha256} (${reason})`);
    if (secondProblem) {
      this.deps.audit(staffId, 'backup.second_failed', secondProblem);
      this.deps.log(`[pos] backup: ${secondProblem}`);
    }
    return run;
  }

  /**
   * Reads a written copy back and proves it restores: the same bytes, decrypts under the key, a
   * database SQLite finds whole, whose journal ends on the row the copy was made with. null: good.
   */
  private check(file: string, key: Buffer, sha256: string, lastRow: string): string | null {
    this.deps.afterWrite?.(file);
    const back = readFileSync(file);
    if (createHash('sha256').update(back).digest('hex') !== sha256)
      return 'the file read back differs from what was written';
    let database: Buffer;
    try {
      database = decryptBackup(back, key, LOCAL_SCHEMA_VERSION).database;
    } catch {
      return 'the file written does not decrypt';
    }
    const probe = path.join(this.folder, `.check-${randomUUID()}.sqlite`);
    try {
      writeWhole(probe, database);
      const db = new Database(probe, { readonly: true, fileMustExist: true });
      try {
        if (db.pragma('integrity_check', { simple: true }) !== 'ok') return 'SQLite finds the copy damaged';
      } finally {
        db.close();
      }
      if (lastJournalRow(probe) !== lastRow) return 'the copy does not end on the journal’s last row';
      return null;
    } catch (err) {
      return `the copy could not be opened (${(err as Error).message})`;
    } finally {
      rmSync(probe, { force: true });
    }
  }

  /** Keeps the newest N of our own backups in a folder; nothing else in it is touched. */
  private prune(folder: string): void {
    const keep = this.deps.settings.get('backup').keep;
    const ours = readdirSync(folder)
      .filter((f) => NAME.test(f))
      .sort((a, b) => stampOf(b).localeCompare(stampOf(a)));
    for (const old of ours.slice(keep)) rmSync(path.join(folder, old), { force: true });
  }

  private keep(run: BackupRun): void {
    this.deps.db
      .prepare(
        'INSERT INTO backup_runs (id, at, reason, file, bytes, sha256, ok, second, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(run.id, run.at, run.reason, run.file, run.bytes, run.sha256, run.ok ? 1 : 0, run.second, run.problem);
  }

  private lastGood(): BackupRun | null {
    const row = this.deps.db.prepare('SELECT * FROM backup_runs WHERE ok = 1 ORDER BY at DESC LIMIT 1').get() as
      RunRow | undefined;
    return row ? toRun(row) : null;
  }

  /** The backups written in the data folder, newest first (what a manager can copy elsewhere or restore). */
  files(): string[] {
    try {
      return readdirSync(this.folder)
        .filter((f) => NAME.test(f))
        .sort((a, b) => stampOf(b).localeCompare(stampOf(a)));
    } catch {
      return [];
    }
  }

  /**
   * What the manager's status bar and Health card say. `problem`: none, no passphrase set, the last
   * run failed, the second copy failed, or the last good backup is overdue (none at all counts).
   */
  status(): BackupStatus {
    const last = this.deps.db.prepare('SELECT * FROM backup_runs ORDER BY at DESC, rowid DESC LIMIT 1').get() as
      RunRow | undefined;
    const good = this.lastGood();
    const { secondFolder, keep } = this.deps.settings.get('backup');
    const passphraseSet = this.key() !== null;
    let problem: BackupStatus['problem'] = 'none';
    if (!passphraseSet) problem = 'no_passphrase';
    else if (last && !last.ok) problem = 'failed';
    else if (!good || this.deps.now() - Date.parse(good.at) > BACKUP_OVERDUE_MS) problem = 'overdue';
    else if (last && last.second === 'failed') problem = 'second_failed';
    return {
      passphraseSet,
      secondFolder,
      keep,
      folder: this.folder,
      last: last ? toRun(last) : null,
      lastGoodAt: good?.at ?? null,
      problem,
    };
  }
}

const failedRun = (id: string, at: number, reason: BackupReason): BackupRun => ({
  id,
  at: new Date(at).toISOString(),
  reason,
  file: null,
  bytes: null,
  sha256: null,
  ok: false,
  second: 'none',
  problem: null,
});

const stampOf = (name: string) => /-(\d{8}T\d{9}Z)-/.exec(name)?.[1] ?? '';

const toRun = (r: RunRow): BackupRun => ({
  id: r.id,
  at: r.at,
  reason: r.reason,
  file: r.file,
  bytes: r.bytes,
  sha256: r.sha256,
  ok: r.ok === 1,
  second: r.second,
  problem: r.problem,
});

/** The journal's newest row in a database file: "<id> <state>", or "none". */
export function lastJournalRow(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasJournal = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attempts'").get();
    if (!hasJournal) return 'none';
    const row = db.prepare('SELECT id, state FROM attempts ORDER BY rowid DESC LIMIT 1').get() as
      { id: string; state: string } | undefined;
    return row ? `${row.id} ${row.state}` : 'none';
  } finally {
    db.close();
  }
}
