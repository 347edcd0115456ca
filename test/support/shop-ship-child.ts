/**
 * Child process for the shop database's crash test: opens a counter already linked to the shop
 * database and ships its outbox; right after the shop database commits the first batch — before the
 * outbox forgets it — the process kills itself (SIGKILL: no cleanup, no last write).
 */
import keytar from 'keytar';
import { createPosCore } from '../../main/core';
import { createKeytarVault } from '../../main/vault/vault';

const env = (k: string) => process.env[k]!;

async function main() {
  const core = await createPosCore({
    appOrigin: 'app://counter',
    journalFile: env('SHIP_DB'),
    vault: createKeytarVault(keytar, env('SHIP_SERVICE')),
    log: () => {},
    shopShipEveryMs: 3_600_000,
    shopAfterCommit: (entries) => {
      process.stdout.write(`committed ${entries.length}\n`);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  // Reached through the core's internals, as the timer would.
  const { coreInternals } = await import('../../main/core');
  await coreInternals(core).shop.database()!.shipAll();
  process.stdout.write('not killed\n');
  process.exit(4);
}

main().catch((e) => {
  console.error('shop-ship-child failed:', e instanceof Error ? e.message : e);
  process.exit(2);
});
