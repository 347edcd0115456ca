/**
 * HelcimPay.js result checking. Helcim's page says the response hash is
 *   sha256( json_encode(json_decode($rawData)) . $secretToken )
 * (devdocs.helcim.com/docs/helcimpayjs-validation). json_encode is PHP's, with default flags: it
 * escapes "/" as "\/" and writes every non-ASCII character as a \uXXXX escape (lowercase hex,
 * surrogate pairs for astral characters). JSON.stringify does neither, which is the byte difference
 * behind most false "invalid hash" results, so we reproduce PHP's encoding exactly here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function helcimPayHash(data: unknown, secretToken: string): string {
  return createHash('sha256').update(phpJsonEncode(data) + secretToken, 'utf8').digest('hex');
}

export function hashMatches(data: unknown, secretToken: string, hash: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hash)) return false;
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
