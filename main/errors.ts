/**
 * Typed errors. Anything thrown inside main that is not a PosError is a bug; it reaches the
 * renderer only as `internal` with a fixed message, so no stack or upstream text can leak.
 * The code is for programs; the words come from the catalogs (`common/i18n`), in the language of
 * the person whose call failed (see `language.ts`).
 */
import type { BridgeError, ErrorCode } from '../common/contract';
import type { MessageKey, MessageValues } from '../common/i18n';
import { say } from './language';

export class PosError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly values?: MessageValues,
  ) {
    super(say(key, values));
    this.name = 'PosError';
  }
}

export function toBridgeError(err: unknown): BridgeError {
  if (err instanceof PosError) return { code: err.code, message: err.message };
  return { code: 'internal', message: say('error.internal') };
}
