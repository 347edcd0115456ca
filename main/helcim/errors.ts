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
export function mapHelcimHttpError(status: number, body: unknown, kind: CallKind, redact: (s: string) => string): PosError {
  const lines = readHelcimErrors(body).map(redact);
  const detail = lines.join('; ');
  if (PERMISSION_RE.test(detail))
    return new PosError(
      'helcim_permission',
      `Helcim refused: this API token lacks the permission for this call (${detail}). In Helcim, open All Tools → ` +
        'Integrations → API Access Configuration and raise the token’s Access Restrictions.',
    );
  // Payment Hardware API (HELCIM.md): 409 "Device Not Listening" means nothing started on the terminal.
  if (/device not listening/i.test(detail))
    return new PosError(
      'terminal_not_listening',
      'The terminal is not listening, so nothing was started. Wake it (touch its screen), check that API mode is on for it in Helcim, and try again.',
    );
  if (status === 404 && /device not found/i.test(detail))
    return new PosError('terminal_not_found', 'Helcim does not know this terminal’s code. A manager can pair the terminal again under Helcim setup.');
  if (status === 401)
    return new PosError(
      'helcim_unauthorized',
      'Helcim did not accept the API token. Check that it is active in All Tools → Integrations → API Access ' +
        'Configuration. Legacy (pre-V2) tokens do not work; create a new API Access.',
    );
  if (status === 403) return new PosError('helcim_permission', `Helcim refused: this API token lacks the permission for this call (${detail || 'forbidden'}).`);
  if (status === 429) return new PosError('helcim_rate_limited', 'Helcim is busy (too many requests). Try again in a moment.');
  // 409: this idempotency key already belongs to an earlier transaction (HELCIM.md: same key, other
  // body). That earlier one may have moved money, so on a money call it is not "nothing happened".
  if (status === 409 && kind === 'money')
    return new PosError(
      'helcim_unknown_outcome',
      'Helcim says this request was already made once. The app is checking with Helcim what happened; do not retry.',
    );
  if (DECLINE_RE.test(detail)) return new PosError('helcim_declined', declineWords(detail));
  if (status >= 500)
    return kind === 'money'
      ? new PosError('helcim_unknown_outcome', 'Helcim had a problem and the outcome is not known yet. Do not retry; the app will check with Helcim.')
      : new PosError('helcim_unavailable', 'Helcim is not available right now. Try again in a moment.');
  return new PosError('helcim_bad_request', `Helcim did not accept the request: ${detail || `HTTP ${status}`}.`);
}

/** A request that never got an HTTP answer. */
export function mapHelcimTransportError(err: unknown, kind: CallKind): PosError {
  const name = err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  if (kind === 'money')
    return new PosError(
      'helcim_unknown_outcome',
      `${timedOut ? 'Helcim did not answer in time' : 'The connection to Helcim dropped'}; the outcome is not known yet. Do not retry; the app will check with Helcim.`,
    );
  return new PosError('helcim_unavailable', timedOut ? 'Helcim did not answer in time.' : 'Helcim cannot be reached. Check the internet connection.');
}

/** Turns an issuer's decline into words a cashier can say. */
export function declineWords(detail: string): string {
  if (/suspected duplicate/i.test(detail))
    return 'Declined as a possible duplicate: a payment with the same card, name and amount went through in the last 5 minutes. Check History — the customer may already have paid.';
  const reason = detail.replace(/^.*?declined:?\s*/i, '').trim();
  return `Declined by the card issuer${reason ? ` (${reason})` : ''} — ask for another card.`;
}
