/**
 * The bridge, as preload exposed it (typed once, in global.d.ts). Only the stores call it: the
 * components read stores and call their actions, so there is one way to reach main.
 */
import type { BridgeError, BridgeResult } from '../../../common/contract';

export const pos = window.pos;

/** A store's update after a bridge call: the value's fields and no error, or the error alone. */
export function settled<T, S extends object>(
  r: BridgeResult<T>,
  onOk: (value: T) => S,
): (S & { error: null }) | { error: BridgeError } {
  return r.ok ? { ...onOk(r.value), error: null } : { error: r.error };
}
