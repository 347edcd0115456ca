/**
 * PIN hashing: node:crypto scrypt with a per-user random salt, compared in constant time.
 * Parameters are stored with each hash so they can be raised later without breaking old PINs.
 *
 * A 4-to-6-digit PIN has at most a million values, so scrypt alone falls in minutes to anyone
 * holding a copy of the database. The PIN is therefore first keyed with HMAC-SHA256 under a pepper
 * kept in the OS keychain (bound to this database, main/vault): the file alone is not enough.
 * Format: `scrypt2$N$r$p$salt$hash` (peppered). Hashes from before the pepper (`scrypt$…`) still
 * verify, and are rewritten peppered at the next successful sign-in.
 */
import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pin: string | Buffer, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(pin, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** ~50 ms per hash on these machines: slow for guessing, quick at the counter. */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEYLEN = 32;
/** The pepper: 32 random bytes, hex in the keychain. */
export const PEPPER_BYTES = 32;

// Stryker disable next-line StringLiteral: equivalent — UTF-8 is the default encoding; said for the reader.
const peppered = (pin: string, pepper: Buffer) => createHmac('sha256', pepper).update(pin, 'utf8').digest();

export async function hashPin(pin: string, pepper: Buffer): Promise<string> {
  if (pepper.length < 16) throw new Error('PIN pepper missing');
  const salt = randomBytes(16);
  const key = await scrypt(peppered(pin, pepper), salt, KEYLEN, PARAMS);
  return `scrypt2$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when this hash predates the pepper and should be rewritten after a successful check. */
export const needsRehash = (stored: string) => stored.startsWith('scrypt$');

export async function verifyPin(pin: string, stored: string, pepper: Buffer): Promise<boolean> {
  const parts = stored.split('$');
  // Stryker disable next-line ConditionalExpression: equivalent for the outcome — a hash of another kind never matches scrypt's output; refused early.
  if (parts.length !== 6 || (parts[0] !== 'scrypt' && parts[0] !== 'scrypt2')) return false;
  const [kind, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const want = Buffer.from(hash, 'base64');
  // scrypt's output for a shorter length is the start of the longer one: a stored hash cut short
  // would still match (and a 1-byte hash be guessed at once). Only a full-length hash is compared.
  if (want.length !== KEYLEN) return false;
  const input = kind === 'scrypt2' ? peppered(pin, pepper) : pin;
  const got = await scrypt(input, Buffer.from(salt, 'base64'), KEYLEN, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(got, want);
}
