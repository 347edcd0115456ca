/**
 * A core for integration tests: a fresh database in a temp folder, its own (empty) keychain
 * namespace in the test session's real gnome-keyring, training mode unless `live` is given.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { coreInternals, createPosCore, type CoreInternals, type CoreOptions, type PosCore } from '../../main/core';

/** A core as tests see it: the production surface plus its services (through `coreInternals`). */
export type TestCore = PosCore & CoreInternals;
export function testView(core: PosCore): TestCore {
  const internals = coreInternals(core);
  return new Proxy(core, {
    get: (target, key) => (key in target ? Reflect.get(target, key) : Reflect.get(internals, key)),
  }) as TestCore;
}
import { accountFor, createKeytarVault } from '../../main/vault/vault';
import type { AuditKey } from '../../main/journal/audit';

/** Keys for tests that build a StaffStore or AuditLog by hand (the core makes real ones in the keychain). */
export const TEST_PEPPER = Buffer.alloc(32, 7);
export const TEST_AUDIT_KEY: AuditKey = { key: Buffer.alloc(32, 9), keyedFrom: 1 };

/** Deletes every keychain entry of one test database. */
export async function removeKeychainEntries(service: string, databaseId: string): Promise<void> {
  for (const entry of [
    'sales',
    'admin',
    'pin-pepper',
    'audit-key',
    'shop-db-password',
    'shop-pepper',
    'shop-link-code',
    'staff-sealed',
    'audit-count',
    'mail-password',
    'backup-key',
  ] as const)
    await keytar.deletePassword(service, accountFor(databaseId, entry));
}

export const APP = 'app://counter';

/** createPosCore, seen through testView. */
export async function createTestCore(o: CoreOptions): Promise<TestCore> {
  return testView(await createPosCore(o));
}

export async function testCore(name: string, extra: Partial<CoreOptions> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), `pos-${name}-`));
  const service = `Counter POS ${name} ${randomUUID()}`;
  const core = testView(
    await createPosCore({
      appOrigin: APP,
      journalFile: path.join(dir, 'app.sqlite'),
      vault: createKeytarVault(keytar, service),
      log: () => {},
      ...extra,
    }),
  );
  return {
    core,
    dir,
    service,
    async close() {
      await core.close();
      await removeKeychainEntries(service, core.databaseId);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
