/**
 * Restoring a backup onto a fresh install, in two steps so a running counter never has its database
 * swapped underneath it:
 *   1. stageRestore (the first-run screen, through main): the file and passphrase are checked, the
 *      database written beside the journal file as `<file>.restoring`, checked again by SQLite, and
 *      its keys put in this PC's keychain under its own database id. Nothing else changes.
 *   2. installStagedRestore (the next start, before the database is opened): the staged database
 *      replaces the fresh one — only if that one is still fresh (no staff, no payments).
 * A wrong passphrase, a damaged file or a newer schema is refused at step 1 and changes nothing.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { APPLICATION_ID, LOCAL_SCHEMA_VERSION } from '../db';
import { PosError } from '../errors';
import type { Keychain } from '../vault/vault';
import { decryptBackup, keyForFile, readBackupHeader } from './backup-file';
import { Backups, BACKUP_EXTENSION } from './backups';

export const STAGED_SUFFIX = '.restoring';
/** A backup bigger than this is not a counter's (years of sales are a few hundred MB). */
const MAX_BACKUP_BYTES = 4 * 1024 ** 3 - 1;

export type RestoredSummary = {
  createdAt: string;
  counter: string;
  staff: number;
  payments: number;
  /** Payments whose outcome was not known when the backup was made: checked with Helcim before any card sale. */
  unresolved: number;
};

const refused = (why: 'notBackup' | 'damaged' | 'notFresh' | 'unreadable', values: Record<string, string> = {}) =>
  new PosError('backup_refused', `error.backup.${why}`, values);

/** Whether a database file holds nothing a shop made: no staff, no payments (a fresh install). */
export function isFreshDatabase(file: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0) return true;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const has = (table: string) =>
      !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) &&
      !!db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get();
    return !has('staff') && !has('attempts');
  } finally {
    db.close();
  }
}

export async function stageRestore(input: {
  backupFile: string;
  passphrase: string;
  journalFile: string;
  keychain: Keychain;
}): Promise<RestoredSummary> {
  const { backupFile, journalFile } = input;
  if (!backupFile.toLowerCase().endsWith(BACKUP_EXTENSION)) throw refused('notBackup');
  let bytes: Buffer;
  try {
    if (statSync(backupFile).size > MAX_BACKUP_BYTES) throw refused('notBackup');
    bytes = readFileSync(backupFile);
  } catch (err) {
    if (err instanceof PosError) throw err;
    throw refused('unreadable', { file: backupFile });
  }
  if (!isFreshDatabase(journalFile)) throw refused('notFresh');
  const { header } = readBackupHeader(bytes);
  if (header.schema > LOCAL_SCHEMA_VERSION)
    throw new PosError('backup_refused', 'error.backup.newer', { schema: String(header.schema) });
  const key = keyForFile(header, input.passphrase);
  const { keys, database } = decryptBackup(bytes, key.key, LOCAL_SCHEMA_VERSION);

  const staged = `${journalFile}${STAGED_SUFFIX}`;
  rmSync(staged, { force: true });
  writeFileSync(staged, database, { mode: 0o600 });
  let summary: RestoredSummary;
  try {
    const db = new Database(staged, { fileMustExist: true });
    try {
      const meta = (k: string) =>
        (db.prepare('SELECT value FROM meta WHERE key = ?').get(k) as { value: string } | undefined)?.value;
      if (
        db.pragma('integrity_check', { simple: true }) !== 'ok' ||
        db.pragma('application_id', { simple: true }) !== APPLICATION_ID ||
        meta('database_id') !== keys.databaseId
      )
        throw refused('damaged');
      if (Number(meta('schema_version') ?? 0) > LOCAL_SCHEMA_VERSION)
        throw new PosError('backup_refused', 'error.backup.newer', { schema: String(meta('schema_version')) });
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      summary = {
        createdAt: header.createdAt,
        counter: header.counter,
        staff: count('SELECT COUNT(*) AS n FROM staff'),
        payments: count("SELECT COUNT(*) AS n FROM attempts WHERE state = 'approved'"),
        unresolved: count("SELECT COUNT(*) AS n FROM attempts WHERE state IN ('pending', 'unknown')"),
      };
      // Said in the audit trail by the restored counter at its first start (foundation).
      db.prepare(
        "INSERT INTO meta (key, value) VALUES ('restored_from', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ).run(`${header.createdAt}, counter ${header.counter}`);
    } finally {
      db.close();
    }
  } catch (err) {
    rmSync(staged, { force: true });
    if (err instanceof PosError) throw err;
    throw refused('damaged');
  }
  // The keys a new PC's keychain lacks, bound to the restored database's id; the passphrase's key too,
  // so the restored counter goes on making backups under the same passphrase.
  const bound = input.keychain.forDatabase(keys.databaseId);
  await bound.setSecret('pin-pepper', keys.pinPepper);
  await bound.setSecret('audit-key', keys.auditKey);
  await bound.setSecret('audit-count', String(keys.auditCount));
  await Backups.keepKey(bound, key);
  return summary;
}

/**
 * At start, before the database opens: a staged restore replaces a fresh database. A database
 * that is no longer fresh is never replaced; the staged file is then set aside and said in the log.
 */
export function installStagedRestore(journalFile: string, log: (line: string) => void): boolean {
  const staged = `${journalFile}${STAGED_SUFFIX}`;
  if (!existsSync(staged)) return false;
  if (!isFreshDatabase(journalFile)) {
    const aside = `${staged}-not-installed-${Date.now()}`;
    renameSync(staged, aside);
    log(
      `[pos] a restored database was not installed: ${journalFile} already holds staff or payments (kept as ${aside})`,
    );
    return false;
  }
  for (const f of [journalFile, `${journalFile}-wal`, `${journalFile}-shm`]) rmSync(f, { force: true });
  renameSync(staged, journalFile);
  return true;
}
