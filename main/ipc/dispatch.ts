/**
 * What every bridge call goes through in main, Electron or not: sender check (our own app origin,
 * top frame only), payload validation against the contract, then the router. The answer is always
 * a BridgeResult; nothing thrown here ever reaches the renderer as an exception.
 */
import { OPERATION_NAMES, channelOf, contract, type BridgeResult, type OperationName } from '../../preload/contract';
import { PosError, toBridgeError } from '../errors';
import type { Route } from '../router';
import { originOf } from '../url';
import type { SessionRegistry } from '../session';

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

export function createDispatcher(o: { appOrigin: string; route: Route; sessions: SessionRegistry; log?: (line: string) => void }): Dispatch {
  const log = o.log ?? ((line: string) => console.error(line));
  return async (channel, payload, sender) => {
    const op = BY_CHANNEL.get(channel);
    try {
      if (!op) throw new PosError('unknown_operation', 'There is no such operation.');
      if (!isAppSender(sender, o.appOrigin)) throw new PosError('bad_sender', 'Request refused: it did not come from the counter app.');
      const parsed = contract[op].payload.safeParse(payload);
      if (!parsed.success) {
        // Field names and rules only: the offending values are never echoed back.
        const why = parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
          .join('; ');
        throw new PosError('invalid_payload', `The request was not valid (${why}).`);
      }
      const session = o.sessions.get(sender.windowId); // ends an idle session first
      // Status polls are not activity; every other call keeps the counter unlocked.
      if (op !== 'app.status') o.sessions.touch(sender.windowId);
      const value = await o.route(op, parsed.data as never, { windowId: sender.windowId, session });
      return { ok: true, value };
    } catch (err) {
      // Name only: an unexpected error's message could carry upstream text.
      if (!(err instanceof PosError)) log(`[pos] unexpected ${err instanceof Error ? err.name : typeof err} in ${op ?? 'unknown operation'}`);
      return { ok: false, error: toBridgeError(err) };
    }
  };
}
