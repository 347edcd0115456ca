/**
 * A shift through main alone (issue 31): thousands of sales — on the terminal, keyed in the card form,
 * in cash, split between the terminal and cash, and a cash refund every 20 — through the real router,
 * journal and simulator, as the bridge calls them. Main's memory after the first 50 sales and at the
 * end, after a garbage collection; and the app time of each sale (main's share: the bridge calls it
 * made, Helcim's stand-in included) at the start and at the end.
 */
import { channelOf, type BridgeResult, type CashSale, type CheckoutStart } from '../../common/contract';
import type { OperationName, OverrideApproval, TerminalProgress, TerminalStart } from '../../common/contract';
import { testCore } from '../support/core';
import { approvalAsk } from '../support/approval-ask';
import { cardFormPays } from '../support/simulated-sale';
import type { Sender } from '../../main/ipc/dispatch';

export type ShiftResult = {
  sales: number;
  /** Main's resident memory and JS heap (bytes) after the first 50 sales and at the end, each after a GC. */
  rssAt50: number;
  rssAtEnd: number;
  heapAt50: number;
  heapAtEnd: number;
  /** App time of a sale (ms), median and 95th percentile, over the first and the last 200 sales. */
  first: { median: number; p95: number };
  last: { median: number; p95: number };
};

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
};
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
/** The `q` quantile of a list of times (nearest rank). */
export const at = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

export async function shiftInMain(sales: number): Promise<ShiftResult> {
  let clock = Date.now();
  const t = await testCore('shift', { now: () => clock, terminalTickMs: 3_600_000, shopShipEveryMs: 3_600_000 });
  const { core } = t;
  try {
    const sim = core.simulator!;
    const cashier = await core.staffStore.create('Casey', 'cashier', '2468');
    const manager = await core.staffStore.create('Morgan', 'manager', '135790');
    const sender: Sender = { windowId: 1, frameUrl: 'app://counter/index.html', isMainFrame: true };
    let appMs = 0;
    const call = async <T>(op: OperationName, payload: unknown): Promise<BridgeResult<T>> => {
      const started = performance.now();
      const r = (await core.dispatch(channelOf(op), payload, sender)) as BridgeResult<T>;
      appMs += performance.now() - started;
      return r;
    };
    const ok = async <T>(op: OperationName, payload: unknown): Promise<T> => {
      const r = await call<T>(op, payload);
      if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
      return r.value;
    };
    await ok('session.signIn', { staffId: cashier.id, pin: '2468' });
    // The manager pairs the terminal at another window, as in the shop.
    const managerWindow: Sender = { ...sender, windowId: 2 };
    await core.dispatch(channelOf('session.signIn'), { staffId: manager.id, pin: '135790' }, managerWindow);
    sim.addTerminal('SH01');
    const paired = (await core.dispatch(
      channelOf('terminal.pair'),
      { deviceCode: 'SH01' },
      managerWindow,
    )) as BridgeResult<unknown>;
    if (!paired.ok) throw new Error(`terminal.pair: ${JSON.stringify(paired.error)}`);
    const terminal = async (cents: number, sale: { saleId: string } | { newSale: { totalCents: number } }) => {
      const start = await ok<TerminalStart>('terminal.start', { amountCents: cents, currency: 'CAD', ...sale });
      sim.terminalAct('SH01', { action: 'approve', card: 'visa' });
      clock += 1_000;
      const p = await ok<TerminalProgress>('terminal.check', { attemptId: start.attemptId });
      if (p.state !== 'approved') throw new Error(`terminal: ${p.state}`);
      return start.saleId!;
    };
    const times: number[] = [];
    let m50 = { rss: 0, heap: 0 };
    for (let i = 0; i < sales; i++) {
      appMs = 0;
      const cents = 100 + ((i * 7919) % 9_000);
      const kind = i % 4;
      if (kind === 0) await terminal(cents, { newSale: { totalCents: cents } });
      else if (kind === 1) {
        const start = await ok<CheckoutStart>('purchase.start', { amountCents: cents, currency: 'CAD' });
        // The card typed in Helcim's form (the simulator's page) is the customer's time: only the
        // bridge calls count (checkout.finish).
        const outcome = await cardFormPays(sim, call, start);
        if (outcome.outcome !== 'approved') throw new Error(`keyed: ${outcome.outcome}`);
      } else if (kind === 2) {
        const sale = await ok<CashSale>('cash.sale', {
          amountCents: cents,
          tenderedCents: cents + 500,
          currency: 'CAD',
          newSale: { totalCents: cents },
        });
        if (i % 20 === 2) {
          // A refund every 20 sales: part of this cash sale handed back, with a manager's PIN.
          const number = String(sale.sale.number);
          const approval = await ok<OverrideApproval>(
            'override.approve',
            approvalAsk('cash_refund', number, 100, manager.id, '135790'),
          );
          await ok('cash.refund', { saleNumber: number, amountCents: 100, approvalId: approval.approvalId });
        }
      } else {
        const part = Math.floor(cents / 2);
        const saleId = await terminal(part, { newSale: { totalCents: cents } });
        await ok<CashSale>('cash.sale', {
          amountCents: cents - part,
          tenderedCents: cents - part,
          currency: 'CAD',
          saleId,
        });
      }
      times.push(appMs);
      clock += 5_000;
      core.sessions.touch(1);
      if (i === 49) m50 = memory();
    }
    const end = memory();
    return {
      sales,
      rssAt50: m50.rss,
      rssAtEnd: end.rss,
      heapAt50: m50.heap,
      heapAtEnd: end.heap,
      first: { median: at(times.slice(0, 200), 0.5), p95: at(times.slice(0, 200), 0.95) },
      last: { median: at(times.slice(-200), 0.5), p95: at(times.slice(-200), 0.95) },
    };
  } finally {
    await t.close();
  }
}
