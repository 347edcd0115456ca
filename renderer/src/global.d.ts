import type { PosApi } from '../../common/contract';

declare global {
  interface Window {
    /** The bridge preload exposes (preload/index.ts): the contract's operations, nothing else. */
    readonly pos: PosApi;
  }
}
