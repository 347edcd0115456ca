/**
 * The app's one SQLite file in userData: journal, staff, audit and settings tables live together.
 * A damaged or foreign file is never written to: the app refuses to start with a clear error and
 * keeps a copy of the file beside it.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { PosError } from './errors';
import { say } from './language';

export type Db = Database.Database;

/** PRAGMA application_id of a Counter POS database ("POS1"). */
export const APPLICATION_ID = 0x504f5331;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

function refuse(file: string, why: string): never {
  const backup = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  let kept: string;
  try {
    copyFileSync(file, backup);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${backup}-wal`);
    kept = backup;
  } catch {
    kept = '';
  }
  throw new PosError('database_unreadable', 'error.database.unreadable', {
    file,
    why,
    kept,
    copied: kept ? 'yes' : 'no',
  });
}

export function openDatabase(file: string): Db {
  if (existsSync(file) && statSync(file).size > 0) {
    const head = Buffer.alloc(16);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
    if (head.toString('latin1') !== SQLITE_MAGIC) refuse(file, say('error.database.why.notSqlite'));
    let probe: Db | null = null;
    try {
      probe = new Database(file, { readonly: true, fileMustExist: true });
      const check = probe.pragma('quick_check', { simple: true });
      const appId = probe.pragma('application_id', { simple: true }) as number;
      const tables = (
        probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
      ).map((t) => t.name);
      // A newer version's database is refused before anything here writes to it (not even a pragma).
      const schema = tables.includes('meta')
        ? (probe.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined)
        : undefined;
      if (schema && Number(schema.value) > LOCAL_SCHEMA_VERSION) {
        probe.close();
        probe = null;
        throw newerSchema(schema.value);
      }
      probe.close();
      probe = null;
      if (check !== 'ok') refuse(file, say('error.database.why.damaged'));
      if (appId !== APPLICATION_ID && (appId !== 0 || (tables.length > 0 && !tables.includes('attempts'))))
        refuse(file, say('error.database.why.otherProgram'));
    } catch (err) {
      probe?.close();
      if (err instanceof PosError) throw err;
      refuse(file, say('error.database.why.unreadable'));
    }
  }
  // Owner-only: PIN hashes, the journal and the audit trail are nobody else's business on this PC.
  // SQLite gives the -wal and -shm files the main file's permissions; they are set again below.
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Money and staff rows: an acknowledged write survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const side of [`${file}-wal`, `${file}-shm`]) if (existsSync(side)) chmodSync(side, 0o600);
  return db;
}

/**
 * A database's statements, each compiled once and reused (better-sqlite3 compiles at every
 * `prepare`, which costs more than running a small statement). For code that runs the same few
 * statements many times over: the catalog's import and search, the audit trail's append. Only for
 * statements run to completion (`get`, `all`, `run`), never a statement left half-iterated.
 */
export function statementCache(db: Db): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
}

/**
 * The local database's schema, as this version of the app writes it. Raised by a release whose
 * tables an older version could not use. A database (or a backup) from a newer version is refused
 * in plain words rather than written to by code that does not know its tables.
 */
export const LOCAL_SCHEMA_VERSION = 1;

const newerSchema = (schema: string) =>
  new PosError('database_unreadable', 'error.database.newer', { schema, known: String(LOCAL_SCHEMA_VERSION) });

/** Records this version's schema in a database it opened (after openDatabase refused a newer one). */
export function checkSchemaVersion(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  const stored = row ? Number(row.value) : 0;
  if (!Number.isSafeInteger(stored)) throw new PosError('database_unreadable', 'error.database.identity');
  if (stored > LOCAL_SCHEMA_VERSION) throw newerSchema(String(stored));
  if (stored < LOCAL_SCHEMA_VERSION)
    db.prepare(
      "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(String(LOCAL_SCHEMA_VERSION));
}
