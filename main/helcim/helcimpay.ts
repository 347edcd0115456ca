/**
 * HelcimPay.js result checking. Helcim's page says the response hash is
 *   sha256( json_encode(json_decode($rawData)) . $secretToken )
 * (devdocs.helcim.com/docs/helcimpayjs-validation). json_encode is PHP's, with default flags: it
 * escapes "/" as "\/" and writes every non-ASCII character as a \uXXXX escape (lowercase hex,
 * surrogate pairs for astral characters). JSON.stringify does neither, which is the byte difference
 * behind most false "invalid hash" results, so we reproduce PHP's encoding exactly here.
 *
 * Byte-exact for what HelcimPay.js sends: `data` whose values are strings (HELCIM.md), and also
 * integers, booleans and null. Not for floats: PHP 7.1+ writes a float 15 as `15.0` and 1e21 as
 * `1.0e+21`, and once JSON.parse has run we cannot tell `15` from `15.0`. Rather than guess, a
 * value holding a non-integer number is refused (`phpJsonEncode` throws, `hashMatches` answers
 * false), so such a message is "unverified" and reconciled with Helcim's list — never approved on
 * a guess.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const hasFloat = (v: unknown): boolean =>
  typeof v === 'number'
    ? !Number.isSafeInteger(v)
    : v !== null && typeof v === 'object' && Object.values(v).some(hasFloat);

export function phpJsonEncode(value: unknown): string {
  if (hasFloat(value)) throw new Error('HelcimPay.js data with a non-integer number cannot be re-encoded byte-exact');
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function helcimPayHash(data: unknown, secretToken: string): string {
  return createHash('sha256')
    .update(phpJsonEncode(data) + secretToken, 'utf8')
    .digest('hex');
}

export function hashMatches(data: unknown, secretToken: string, hash: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hash) || hasFloat(data)) return false;
  const want = Buffer.from(helcimPayHash(data, secretToken), 'hex');
  return timingSafeEqual(want, Buffer.from(hash.toLowerCase(), 'hex'));
}

/** The fields of a HelcimPay.js transaction response this app reads. Others are kept for the hash. */
export const helcimPayDataSchema = z.looseObject({
  transactionId: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  type: z.string(),
  amount: z.union([z.string(), z.number()]),
  currency: z.string(),
  approvalCode: z.string().optional(),
  cardNumber: z.string().optional(),
  cardType: z.string().optional(),
  invoiceNumber: z.string().optional(),
});

/**
 * eventMessage arrives as a JSON string or an object, as `{data, hash}` or wrapped once more as
 * `{data: {data, hash}}`. Returns the raw data object (exactly as sent, for hashing) and the hash.
 */
export function readSuccessMessage(eventMessage: unknown): { data: Record<string, unknown>; hash: string } | null {
  let m: unknown = eventMessage;
  if (typeof m === 'string') {
    try {
      m = JSON.parse(m);
    } catch {
      return null;
    }
  }
  for (let depth = 0; depth < 2 && m && typeof m === 'object'; depth++) {
    const o = m as Record<string, unknown>;
    if (typeof o.hash === 'string' && o.data && typeof o.data === 'object' && !Array.isArray(o.data))
      return { data: o.data as Record<string, unknown>, hash: o.hash };
    m = o.data;
  }
  return null;
}
