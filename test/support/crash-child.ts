/**
 * Child process for the crash test: opens the app core on the given database (live mode, against
 * the parent's simulator), then sends one manager-approved refund. The parent kills this process
 * after Helcim has applied the refund and before any answer arrives.
 */
import keytar from 'keytar';
import { createPosCore } from '../../main/core';
import { createKeytarVault } from '../../main/vault/vault';
import { channelOf } from '../../common/contract';

const env = (k: string) => process.env[k]!;

async function main() {
  const core = await createPosCore({
    appOrigin: 'app://counter',
    journalFile: env('CRASH_DB'),
    vault: createKeytarVault(keytar, env('CRASH_SERVICE')),
    live: { apiBase: env('CRASH_API'), scriptUrl: env('CRASH_SCRIPT') },
    http: { timeoutMs: 60_000 },
    log: () => {},
  });
  const sender = { windowId: 1, frameUrl: 'app://counter/index.html', isMainFrame: true };
  const call = (op: Parameters<typeof channelOf>[0], p: unknown) =>
    core.dispatch(channelOf(op), p, sender) as Promise<{ ok: boolean; value?: { approvalId: string } }>;
  await call('session.signIn', { staffId: env('CRASH_CASHIER'), pin: '2468' });
  const a = await call('override.approve', {
    action: 'refund',
    transactionId: env('CRASH_TX'),
    amountCents: 1500,
    managerId: env('CRASH_MANAGER'),
    pin: '135790',
  });
  if (!a.ok) process.exit(3);
  process.stdout.write('sending\n');
  await call('refund.submit', { transactionId: env('CRASH_TX'), amountCents: 1500, approvalId: a.value!.approvalId });
  process.stdout.write('answered\n'); // never reached: killed first
}

main().catch((e) => {
  console.error('crash-child failed:', e instanceof Error ? e.message : e);
  process.exit(2);
});
