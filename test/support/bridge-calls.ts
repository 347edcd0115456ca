/**
 * Calling the real bridge dispatcher from a Node test, as a counter window does: `call` answers the
 * bridge result as is, `ok` insists it succeeded (and says what it got otherwise).
 */
import assert from 'node:assert/strict';
import type { Sender } from '../../main/ipc/dispatch';
import { channelOf, type BridgeResult, type OperationName } from '../../common/contract';
import type { TestCore } from './core';

export const sender = (w: number): Sender => ({ windowId: w, frameUrl: 'app://counter/index.html', isMainFrame: true });
export const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);
export const messageOf = (r: BridgeResult<unknown>) => (r.ok ? '' : r.error.message);
/** A refusal of bad input (`invalid_payload`, nothing done), and its words. */
export const refusalOf = (r: BridgeResult<unknown>) => {
  assert.equal(codeOf(r), 'invalid_payload', JSON.stringify(r));
  return messageOf(r);
};

export function bridgeCalls(core: () => TestCore) {
  const call = async <T>(w: number, op: OperationName, payload: unknown) =>
    (await core().dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
  const ok = async <T>(w: number, op: OperationName, payload: unknown): Promise<T> => {
    const r = await call<T>(w, op, payload);
    assert.ok(r.ok, `${op}: ${JSON.stringify(r)}`);
    return r.value;
  };
  return { call, ok };
}
