/**
 * Helcim API tokens live in the OS keychain (Secret Service / Keychain / Credential Manager) via
 * keytar, and nowhere else: if the keychain cannot be used, storing a token fails with a reason.
 * There is no file fallback, by design.
 */
import type { TokenSlot } from '../policy/table';
import { PosError } from '../errors';

export interface TokenVault {
  get(slot: TokenSlot): Promise<string | null>;
  set(slot: TokenSlot, token: string): Promise<void>;
  remove(slot: TokenSlot): Promise<boolean>;
}

/** The part of keytar we use; lets tests hand in the real module or a broken one. */
export type KeytarLike = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

export const KEYCHAIN_SERVICE = 'Counter POS (Helcim)';

/** Helcim tokens are opaque printable strings; this rejects pasted whitespace, quotes and junk. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{16,256}$/;

export function keychainError(err: unknown): PosError {
  const raw = err instanceof Error ? err.message : String(err);
  let why = 'The system keychain could not be used.';
  if (/locked collection|locked/i.test(raw)) why = 'The system keychain is locked. Unlock it (sign in to the desktop session) and try again.';
  else if (/D-Bus|dbus|secret service|org\.freedesktop\.secrets/i.test(raw))
    why = 'No system keychain is running (Secret Service over D-Bus, e.g. gnome-keyring). Start one and try again.';
  return new PosError('keychain_unavailable', `${why} The token was not stored anywhere else.`);
}

export function createKeytarVault(keytar: KeytarLike, service = KEYCHAIN_SERVICE): TokenVault {
  const guard = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      throw keychainError(err);
    }
  };
  return {
    get: (slot) => guard(() => keytar.getPassword(service, slot)),
    async set(slot, token) {
      if (!TOKEN_PATTERN.test(token))
        throw new PosError('invalid_payload', 'That does not look like a Helcim API token. Copy it again from Helcim and paste it whole.');
      await guard(() => keytar.setPassword(service, slot, token));
    },
    remove: (slot) => guard(() => keytar.deletePassword(service, slot)),
  };
}
