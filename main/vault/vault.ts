/**
 * Secrets live in the OS keychain (Secret Service / Keychain / Credential Manager) via keytar, and
 * nowhere else: if the keychain cannot be used, storing one fails with a reason. There is no file
 * fallback, by design.
 *
 * Every entry is bound to one database: its account name starts with that database's random id
 * (`<databaseId>/sales`). A second database — another data folder, a renamed or replaced file —
 * has another id, so it can neither use nor even see the shop's entries. Entries:
 *   sales, admin   the Helcim API tokens
 *   pin-pepper     mixed into every PIN hash, so a copied database file alone cannot be cracked
 *   audit-key      the HMAC key of the audit trail, so whoever can write the file cannot re-chain it
 *   backup-key     the key derived from the shop's backup passphrase (never the passphrase itself)
 */
import type { TokenSlot } from '../policy/table';
import { PosError } from '../errors';

export interface TokenVault {
  get(slot: TokenSlot): Promise<string | null>;
  set(slot: TokenSlot, token: string): Promise<void>;
  remove(slot: TokenSlot): Promise<boolean>;
}

/** Keys the app makes for itself, per database (never shown, never typed). */
export type DatabaseSecret =
  | 'pin-pepper'
  | 'audit-key'
  | 'shop-db-password'
  | 'shop-pepper'
  | 'shop-link-code'
  | 'staff-sealed'
  | 'audit-count'
  | 'mail-password'
  | 'backup-key';

/** The keychain entries of one database. */
export interface DatabaseKeychain extends TokenVault {
  readonly databaseId: string;
  secret(name: DatabaseSecret): Promise<string | null>;
  setSecret(name: DatabaseSecret, value: string): Promise<void>;
  /** Removes one (true: there was one). */
  removeSecret(name: DatabaseSecret): Promise<boolean>;
  /**
   * Moves Helcim tokens stored before entries were bound to a database (plain `sales`/`admin`
   * accounts) to this database. Only for the shop's own database on its first start after the
   * upgrade: a new, empty database never adopts them.
   */
  adoptUnboundTokens(): Promise<TokenSlot[]>;
}

export interface Keychain {
  forDatabase(databaseId: string): DatabaseKeychain;
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

/** A database id: 32 hex characters (128 random bits). */
export const DATABASE_ID_PATTERN = /^[0-9a-f]{32}$/;

export function keychainError(err: unknown): PosError {
  const raw = err instanceof Error ? err.message : String(err);
  let why = 'other';
  if (/locked collection|locked/i.test(raw)) why = 'locked';
  else if (/D-Bus|dbus|secret service|org\.freedesktop\.secrets/i.test(raw)) why = 'none';
  return new PosError('keychain_unavailable', 'error.keychain.unusable', { why });
}

/** The account name of one entry: bound to its database. */
export const accountFor = (databaseId: string, entry: TokenSlot | DatabaseSecret) => `${databaseId}/${entry}`;

export function createKeytarVault(keytar: KeytarLike, service = KEYCHAIN_SERVICE): Keychain {
  const guard = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      throw keychainError(err);
    }
  };
  return {
    forDatabase(databaseId) {
      if (!DATABASE_ID_PATTERN.test(databaseId)) throw new PosError('internal', 'error.keychain.databaseId');
      const account = (entry: TokenSlot | DatabaseSecret) => accountFor(databaseId, entry);
      return {
        databaseId,
        get: (slot) => guard(() => keytar.getPassword(service, account(slot))),
        async set(slot, token) {
          if (!TOKEN_PATTERN.test(token)) throw new PosError('invalid_payload', 'error.keychain.tokenShape');
          await guard(() => keytar.setPassword(service, account(slot), token));
        },
        remove: (slot) => guard(() => keytar.deletePassword(service, account(slot))),
        secret: (name) => guard(() => keytar.getPassword(service, account(name))),
        setSecret: (name, value) => guard(() => keytar.setPassword(service, account(name), value)),
        removeSecret: (name) => guard(() => keytar.deletePassword(service, account(name))),
        async adoptUnboundTokens() {
          const moved: TokenSlot[] = [];
          for (const slot of ['sales', 'admin'] as const) {
            const old = await guard(() => keytar.getPassword(service, slot));
            if (old === null) continue;
            await guard(() => keytar.setPassword(service, account(slot), old));
            await guard(() => keytar.deletePassword(service, slot));
            moved.push(slot);
          }
          return moved;
        },
      };
    },
  };
}
