/**
 * The shop's link code. Staff PIN hashes are shared through the shop database, so every counter must
 * hash PINs with the same pepper — and the pepper must never sit in the shop database beside the
 * hashes (a copy of that database would let anyone try every 4-digit PIN in seconds). The first
 * counter linked keeps its own pepper as the shop's and puts it in the database only encrypted
 * (AES-256-GCM) under a key derived from a random link code (100 bits, shown once to its manager).
 * Each further counter is linked with that code; its keychain then holds the pepper, like the first.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U to misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export type WrappedPepper = { v: 1; iv: string; tag: string; data: string };

/** 20 characters (100 bits), shown as XXXXX-XXXXX-XXXXX-XXXXX. */
export function newLinkCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** What a person typed, in the code's own form (case, spaces, dashes and look-alike letters forgiven), or null. */
export function readLinkCode(typed: string): string | null {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{20}$/.test(clean)) return null;
  return clean.match(/.{5}/g)!.join('-');
}

const keyOf = (code: string) => Buffer.from(hkdfSync('sha256', code, 'counter-pos shop pepper', 'link code v1', 32));

export function wrapPepper(code: string, pepper: Buffer): WrappedPepper {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keyOf(code), iv);
  const data = Buffer.concat([c.update(pepper), c.final()]);
  return { v: 1, iv: iv.toString('hex'), tag: c.getAuthTag().toString('hex'), data: data.toString('hex') };
}

/** The pepper, or null when the code is not this shop's (GCM's tag does not match). */
export function unwrapPepper(code: string, w: WrappedPepper): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', keyOf(code), Buffer.from(w.iv, 'hex'));
    d.setAuthTag(Buffer.from(w.tag, 'hex'));
    return Buffer.concat([d.update(Buffer.from(w.data, 'hex')), d.final()]);
  } catch {
    return null;
  }
}
