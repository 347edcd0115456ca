/**
 * A core for integration tests: a fresh database in a temp folder, its own (empty) keychain
 * namespace in the test session's real gnome-keyring, training mode unless `live` is given.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { createPosCore, type CoreOptions } from '../../main/core';
import { createKeytarVault } from '../../main/vault/vault';

export const APP = 'app://counter';

export async function testCore(name: string, extra: Partial<CoreOptions> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), `pos-${name}-`));
  const service = `Counter POS ${name} ${randomUUID()}`;
  const core = await createPosCore({
    appOrigin: APP,
    checkoutHostUrl: 'app://checkout/host.html',
    journalFile: path.join(dir, 'app.sqlite'),
    vault: createKeytarVault(keytar, service),
    log: () => {},
    ...extra,
  });
  return {
    core,
    dir,
    service,
    async close() {
      await core.close();
      await keytar.deletePassword(service, 'sales');
      await keytar.deletePassword(service, 'admin');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
