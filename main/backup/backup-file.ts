/**
 * A backup file: the counter's SQLite database and the keys that make it usable on another PC,
 * encrypted under a key derived from the shop's backup passphrase.
 *
 *   "CPOSBAK" 0x01 | header length (u32 BE) | header (JSON, plain, authenticated) | ciphertext | GCM tag (16)
 *
 * The header says what a person needs before typing a passphrase (when, which counter, which schema)
 * and how to derive the key (scrypt's salt and cost). It is the GCM's additional data, so a header
 * changed by hand fails the tag like the data does. A short key check (HMAC of a fixed text under the
 * derived key) tells "wrong passphrase" from "damaged file": both would only fail the tag otherwise.
 *
 * The plaintext is a small JSON part (the database's id, its PIN pepper, its audit key and the audit
 * trail's length) then the database's bytes. Those keys are what a new PC's empty keychain cannot
 * know and without which no PIN can be checked and no audit row verified; they travel only inside
 * the encryption. Helcim tokens, the shop database's password and the mail password are keychain
 * entries that never enter a backup: they are typed again after a restore.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { PosError } from '../errors';

const MAGIC = Buffer.from('CPOSBAK\u0001', 'latin1');
const TAG_BYTES = 16;
/** The most a header may claim to be: a damaged length must not make us read (or allocate) gigabytes. */
const MAX_HEADER_BYTES = 4096;

/**
 * scrypt's cost: N = 2^15, r = 8 (32 MiB, about 0.1 s here) — a passphrase guesser pays that per
 * guess. Written in each file, so a later version may raise it and still read older backups.
 */
export const SCRYPT_COST = { N: 1 << 15, r: 8, p: 1 } as const;
type ScryptCost = { N: number; r: number; p: number };
/** The most a file may ask scrypt for (a hostile header must not make a restore take minutes). */
const MAX_SCRYPT_N = 1 << 20;

/** Passphrases shorter than this are refused: the backup leaves the PC, and guesses cost only scrypt. */
export const MIN_PASSPHRASE_LENGTH = 12;

export type BackupKey = { salt: string; cost: ScryptCost; key: Buffer };

export type BackupHeader = {
  v: 1;
  kdf: { name: 'scrypt'; salt: string } & ScryptCost;
  check: string;
  iv: string;
  /** The local database's schema (db.ts LOCAL_SCHEMA_VERSION) of the counter that wrote it. */
  schema: number;
  createdAt: string;
  /** The counter's invoice prefix: which counter it was, in words a manager has seen. */
  counter: string;
};

/** What travels with the database, inside the encryption. */
export type BackupKeys = {
  databaseId: string;
  pinPepper: string;
  auditKey: string;
  auditCount: number;
};

const scrypt = (passphrase: string, salt: string, cost: ScryptCost) =>
  scryptSync(passphrase.normalize('NFC'), Buffer.from(salt, 'hex'), 32, {
    ...cost,
    maxmem: 128 * cost.N * cost.r * 2,
  });

/** A new key from a passphrase (a new salt each time the passphrase is set). */
export function deriveBackupKey(passphrase: string): BackupKey {
  const salt = randomBytes(16).toString('hex');
  return { salt, cost: { ...SCRYPT_COST }, key: scrypt(passphrase, salt, SCRYPT_COST) };
}

const keyCheck = (key: Buffer) =>
  createHmac('sha256', key).update('counter-pos backup key check v1').digest().subarray(0, 16).toString('hex');

export function encryptBackup(
  key: BackupKey,
  keys: BackupKeys,
  database: Buffer,
  about: { schema: number; createdAt: string; counter: string },
): Buffer {
  const iv = randomBytes(12);
  const header: BackupHeader = {
    v: 1,
    kdf: { name: 'scrypt', salt: key.salt, ...key.cost },
    check: keyCheck(key.key),
    iv: iv.toString('hex'),
    ...about,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const aad = Buffer.concat([MAGIC, length, headerBytes]);
  const keysBytes = Buffer.from(JSON.stringify(keys), 'utf8');
  const keysLength = Buffer.alloc(4);
  keysLength.writeUInt32BE(keysBytes.length);
  const c = createCipheriv('aes-256-gcm', key.key, iv);
  c.setAAD(aad);
  const data = Buffer.concat([c.update(keysLength), c.update(keysBytes), c.update(database), c.final()]);
  return Buffer.concat([aad, data, c.getAuthTag()]);
}

const refused = (why: 'notBackup' | 'damaged' | 'wrongPassphrase' | 'newer', values: Record<string, string> = {}) =>
  new PosError('backup_refused', `error.backup.${why}`, values);

/** The plain header, for "which backup is this?" before a passphrase is asked. Throws a typed refusal. */
export function readBackupHeader(file: Buffer): { header: BackupHeader; aad: Buffer } {
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw refused('notBackup');
  const length = file.readUInt32BE(MAGIC.length);
  if (length > MAX_HEADER_BYTES || file.length < MAGIC.length + 4 + length + TAG_BYTES) throw refused('damaged');
  const aad = file.subarray(0, MAGIC.length + 4 + length);
  let header: BackupHeader;
  try {
    header = JSON.parse(aad.subarray(MAGIC.length + 4).toString('utf8')) as BackupHeader;
  } catch {
    throw refused('damaged');
  }
  const hex = (s: unknown, n: number) => typeof s === 'string' && new RegExp(`^[0-9a-f]{${n}}$`).test(s);
  const whole = (n: unknown, max: number) => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= max;
  const k = header?.kdf;
  if (
    header?.v !== 1 ||
    k?.name !== 'scrypt' ||
    !hex(k.salt, 32) ||
    !whole(k.N, MAX_SCRYPT_N) ||
    (k.N & (k.N - 1)) !== 0 ||
    !whole(k.r, 32) ||
    !whole(k.p, 4) ||
    !hex(header.check, 32) ||
    !hex(header.iv, 24) ||
    !whole(header.schema, 1_000_000) ||
    typeof header.createdAt !== 'string' ||
    typeof header.counter !== 'string'
  )
    throw refused('damaged');
  return { header, aad };
}

/** The key a passphrase gives for this file, or a "wrong passphrase" refusal. */
export function keyForFile(header: BackupHeader, passphrase: string): BackupKey {
  const cost = { N: header.kdf.N, r: header.kdf.r, p: header.kdf.p };
  const key = scrypt(passphrase, header.kdf.salt, cost);
  if (!timingSafeEqual(Buffer.from(keyCheck(key), 'hex'), Buffer.from(header.check, 'hex')))
    throw refused('wrongPassphrase');
  return { salt: header.kdf.salt, cost, key };
}

/**
 * The database and its keys, when the key opens the file and nothing in it was changed; a typed
 * refusal otherwise ("newer" before any decryption: the schema is in the header).
 */
export function decryptBackup(
  file: Buffer,
  key: Buffer,
  newestSchema: number,
): { header: BackupHeader; keys: BackupKeys; database: Buffer } {
  const { header, aad } = readBackupHeader(file);
  if (header.schema > newestSchema) throw refused('newer', { schema: String(header.schema) });
  if (keyCheck(key) !== header.check) throw refused('wrongPassphrase');
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'hex'));
    d.setAAD(aad);
    d.setAuthTag(file.subarray(file.length - TAG_BYTES));
    plain = Buffer.concat([d.update(file.subarray(aad.length, file.length - TAG_BYTES)), d.final()]);
  } catch {
    throw refused('damaged');
  }
  const keysLength = plain.readUInt32BE(0);
  let keys: BackupKeys;
  try {
    keys = JSON.parse(plain.subarray(4, 4 + keysLength).toString('utf8')) as BackupKeys;
  } catch {
    throw refused('damaged');
  }
  if (
    !/^[0-9a-f]{32}$/.test(keys?.databaseId) ||
    !/^[0-9a-f]{64}$/.test(keys.pinPepper) ||
    !/^[0-9a-f]{64}\/\d{1,15}$/.test(keys.auditKey) ||
    !Number.isSafeInteger(keys.auditCount) ||
    keys.auditCount < 0
  )
    throw refused('damaged');
  return { header, keys, database: plain.subarray(4 + keysLength) };
}
