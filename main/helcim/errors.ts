/**
 * The Helcim error mapping: every way a Helcim call can fail becomes one typed PosError here, and
 * nowhere else. Helcim's `errors` field may be a string, an object of field -> message, or an
 * array; all three are read. (devdocs.helcim.com: "Errors and Error Handling", "Testing Payment
 * Declines": a decline is HTTP 500 with "Transaction Declined: ...".)
 */
import { PosError } from '../errors';

/** Flattens Helcim's `errors` (string | object | array, possibly nested) into readable lines. */
export function readHelcimErrors(body: unknown): string[] {
  const errors = body && typeof body === 'object' && 'errors' in body ? (body as { errors: unknown }).errors : body;
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (out.length >= 10) return;
    if (typeof v === 'string' || typeof v === 'number') {
      const text = String(v).trim().slice(0, 300);
      if (text) out.push(key && !/^\d+$/.test(key) ? `${key}: ${text}` : text);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(errors);
  return out;
}

export type CallKind = 'read' | 'setup' | 'money';

const PERMISSION_RE = /permission|not allowed|access restriction/i;
const DECLINE_RE = /declined/i;

/** Maps an HTTP answer that was not a success. `redact` scrubs any token text out of messages. */
export function mapHelcimHttpError(
  status: number,
  body: unknown,
  kind: CallKind,
  redact: (s: string) => string,
): PosError {
  const lines = readHelcimErrors(body).map(redact);
  const detail = lines.join('; ');
  if (PERMISSION_RE.test(detail)) return new PosError('helcim_permission', 'error.helcim.permission', { detail });
  // Payment Hardware API (HELCIM.md): 409 "Device Not Listening" means nothing started on the terminal.
  if (/device not listening/i.test(detail))
    return new PosError('terminal_not_listening', 'error.terminal.notListening');
  if (status === 404 && /device not found/i.test(detail))
    return new PosError('terminal_not_found', 'error.terminal.notFound');
  if (status === 401) return new PosError('helcim_unauthorized', 'error.helcim.unauthorized');
  if (status === 403)
    return new PosError('helcim_permission', 'error.helcim.forbidden', { detail: detail || 'forbidden' });
  if (status === 429) return new PosError('helcim_rate_limited', 'error.helcim.busy');
  // 409: this idempotency key already belongs to an earlier transaction (HELCIM.md: same key, other
  // body). That earlier one may have moved money, so on a money call it is not "nothing happened".
  if (status === 409 && kind === 'money') return new PosError('helcim_unknown_outcome', 'error.helcim.alreadyMade');
  if (DECLINE_RE.test(detail)) return declined(detail);
  if (status >= 500)
    return kind === 'money'
      ? new PosError('helcim_unknown_outcome', 'error.helcim.problemUnknown')
      : new PosError('helcim_unavailable', 'error.helcim.unavailable');
  return new PosError('helcim_bad_request', 'error.helcim.badRequest', { detail: detail || `HTTP ${status}` });
}

/** A request that never got an HTTP answer. */
export function mapHelcimTransportError(err: unknown, kind: CallKind): PosError {
  const name = err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  if (kind === 'money')
    return new PosError('helcim_unknown_outcome', 'error.helcim.noAnswerUnknown', {
      why: timedOut ? 'late' : 'dropped',
    });
  return new PosError('helcim_unavailable', 'error.helcim.noAnswer', { why: timedOut ? 'late' : 'unreachable' });
}

/** Turns an issuer's decline into words a cashier can say. */
export function declined(detail: string): PosError {
  if (/suspected duplicate/i.test(detail)) return new PosError('helcim_declined', 'error.declined.duplicate');
  // The issuer's reason is Helcim's text (English): shown as it came, inside the reader's sentence.
  const reason = detail.replace(/^.*?declined:?\s*/i, '').trim();
  return new PosError('helcim_declined', 'error.declined.issuer', { reason, hasReason: reason ? 'yes' : 'no' });
}

export const declineWords = (detail: string): string => declined(detail).message;
