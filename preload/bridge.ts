/**
 * Builds `window.pos` from the contract: one frozen function per operation, each bound to its own
 * fixed channel. There is deliberately no way to name a channel from the renderer.
 */
import type { BridgeResult, PosApi } from '../common/contract';
import { OPERATION_NAMES, channelOf } from '../common/operations';

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;

export function buildPosApi(invoke: Invoke): PosApi {
  const api: Record<string, Record<string, (payload: unknown) => Promise<BridgeResult<unknown>>>> = {};
  for (const name of OPERATION_NAMES) {
    const [group, method] = name.split('.') as [string, string];
    const channel = channelOf(name);
    (api[group] ??= {})[method] = (payload: unknown) =>
      invoke(channel, payload ?? {}).then(
        (answer) => answer as BridgeResult<unknown>,
        // Electron turns a handler throw into a rejected invoke; main never throws on purpose,
        // so this is a transport failure. Keep it data-shaped and stack-free.
        () => ({ ok: false, error: { code: 'internal', message: 'The app could not reach its main process.' } }),
      );
  }
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as unknown as PosApi;
}
