/**
 * Typed errors. Anything thrown inside main that is not a PosError is a bug; it reaches the
 * renderer only as `internal` with a fixed message, so no stack or upstream text can leak.
 */
import type { BridgeError, ErrorCode } from '../preload/contract';

export class PosError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PosError';
  }
}

export function toBridgeError(err: unknown): BridgeError {
  if (err instanceof PosError) return { code: err.code, message: err.message };
  return { code: 'internal', message: 'Something went wrong inside the app. Nothing was charged by this step.' };
}
