/**
 * Binds the database and the keychain to each other. A database gets a random id the first time
 * it is opened; its keychain entries (Helcim tokens, PIN pepper, audit key) are named after that id.
 *
 *   new database         new id, new pepper and audit key; tokens of any other database stay
 *                        invisible (a second data folder or a renamed file starts with nothing).
 *   shop's database, first start after this change (staff exist, no id yet)
 *                        new id; the unbound tokens of the old version move to it; old PIN hashes
 *                        and audit rows keep verifying and are keyed from here on.
 *   database with an id whose keys are not in this keychain (a copied file, a reset keychain)
 *                        refused with a plain message: its PINs cannot be checked without the
 *                        pepper, and starting over would give a newcomer the shop's tokens.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { AuditKey } from '../journal/audit';
import { PEPPER_BYTES } from '../staff/pin';
import { DATABASE_ID_PATTERN, type DatabaseKeychain, type Keychain } from './vault';

export type DatabaseKeys = {
  databaseId: string;
  keychain: DatabaseKeychain;
  pepper: Buffer;
  audit: AuditKey;
  adopted: string[];
};

const META = 'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)';

const hasRows = (db: Db, table: string) =>
  !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) &&
  !!db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get();

export async function openDatabaseKeys(db: Db, keychain: Keychain): Promise<DatabaseKeys> {
  db.exec(META);
  const stored = (db.prepare("SELECT value FROM meta WHERE key = 'database_id'").get() as { value: string } | undefined)
    ?.value;
  if (stored !== undefined) {
    if (!DATABASE_ID_PATTERN.test(stored)) throw new PosError('database_unreadable', 'error.database.identity');
    const bound = keychain.forDatabase(stored);
    const [pepper, audit] = [await bound.secret('pin-pepper'), await bound.secret('audit-key')];
    const auditKey = audit ? parseAuditKey(audit) : null;
    if (!pepper || !/^[0-9a-f]{64}$/.test(pepper) || !auditKey)
      throw new PosError('keychain_unavailable', 'error.database.keysMissing');
    return { databaseId: stored, keychain: bound, pepper: Buffer.from(pepper, 'hex'), audit: auditKey, adopted: [] };
  }

  // First start of this database (or of the shop's database since ids were introduced).
  const databaseId = randomBytes(16).toString('hex');
  const bound = keychain.forDatabase(databaseId);
  const shopsOwn = hasRows(db, 'staff');
  const pepper = randomBytes(PEPPER_BYTES);
  const lastAuditRow = hasRows(db, 'audit')
    ? (db.prepare('SELECT MAX(seq) AS s FROM audit').get() as { s: number }).s
    : 0;
  const audit: AuditKey = { key: randomBytes(32), keyedFrom: lastAuditRow + 1 };
  // Keychain first, the id last: a crash in between leaves no id, and the next start does it again.
  await bound.setSecret('pin-pepper', pepper.toString('hex'));
  await bound.setSecret('audit-key', formatAuditKey(audit));
  const adopted = shopsOwn ? await bound.adoptUnboundTokens() : [];
  db.prepare("INSERT INTO meta (key, value) VALUES ('database_id', ?)").run(databaseId);
  return { databaseId, keychain: bound, pepper, audit, adopted };
}

const formatAuditKey = (a: AuditKey) => `${a.key.toString('hex')}/${a.keyedFrom}`;

function parseAuditKey(v: string): AuditKey | null {
  const m = /^([0-9a-f]{64})\/(\d{1,15})$/.exec(v);
  return m ? { key: Buffer.from(m[1]!, 'hex'), keyedFrom: Number(m[2]) } : null;
}
