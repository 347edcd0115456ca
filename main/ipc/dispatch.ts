/**
 * What every bridge call goes through in main, Electron or not: sender check (our own app origin,
 * top frame only), payload validation against the contract, then the router. The answer is always
 * a BridgeResult; nothing thrown here ever reaches the renderer as an exception.
 */
import { OPERATION_NAMES, channelOf, contract, type BridgeResult, type OperationName } from '../../common/contract';
import { PosError, toBridgeError } from '../errors';
import type { Route } from '../router';
import { originOf } from '../url';
import type { Session, SessionRegistry } from '../session';
import { speaking } from '../language';
import type { Locale } from '../../common/i18n';

export type Sender = { windowId: number; frameUrl: string | undefined; isMainFrame: boolean };
export type Dispatch = (channel: string, payload: unknown, sender: Sender) => Promise<BridgeResult<unknown>>;

const BY_CHANNEL = new Map<string, OperationName>(OPERATION_NAMES.map((op) => [channelOf(op), op]));

/** The counter page's own paths. The customer display shares the origin but is never a sender. */
const COUNTER_PAGES = new Set(['/', '/index.html']);

export function isAppSender(sender: Sender, appOrigin: string): boolean {
  if (!sender.isMainFrame || originOf(sender.frameUrl) !== appOrigin) return false;
  try {
    return COUNTER_PAGES.has(new URL(sender.frameUrl!).pathname);
  } catch {
    return false;
  }
}

export function createDispatcher(deps: {
  appOrigin: string;
  route: Route;
  sessions: SessionRegistry;
  /** The language a call is answered in: the signed-in person's own, else the shop's. */
  localeOf: (session: Session | null) => Locale;
  log?: (line: string) => void;
}): Dispatch {
  const log = deps.log ?? ((line: string) => console.error(line));
  return async (channel, payload, sender) => {
    const op = BY_CHANNEL.get(channel);
    // Who is asking decides the language of every word in the answer (session.ts ends an idle session first).
    const known = deps.sessions.get(sender.windowId);
    return speaking(deps.localeOf(known), () => answer(op, payload, sender));
  };

  async function answer(
    op: OperationName | undefined,
    payload: unknown,
    sender: Sender,
  ): Promise<BridgeResult<unknown>> {
    try {
      if (!op) throw new PosError('unknown_operation', 'error.bridge.unknownOperation');
      if (!isAppSender(sender, deps.appOrigin)) throw new PosError('bad_sender', 'error.bridge.badSender');
      const parsed = contract[op].payload.safeParse(payload);
      if (!parsed.success) {
        // Field names and rules only: the offending values are never echoed back.
        const why = parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
          .join('; ');
        throw new PosError('invalid_payload', 'error.bridge.invalid', { why });
      }
      const session = deps.sessions.get(sender.windowId);
      // Status polls are not activity; every other call keeps the counter unlocked.
      if (op !== 'app.status') deps.sessions.touch(sender.windowId);
      const value = await deps.route(op, parsed.data as never, { windowId: sender.windowId, session });
      return { ok: true, value };
    } catch (err) {
      // Name only: an unexpected error's message could carry upstream text.
      if (!(err instanceof PosError))
        log(`[pos] unexpected ${err instanceof Error ? err.name : typeof err} in ${op ?? 'unknown operation'}`);
      return { ok: false, error: toBridgeError(err) };
    }
  }
}
