/**
 * Cash at the counter, through the real router: journaled at once (no Helcim call, so it goes on when
 * Helcim is unreachable), change computed by main, bad amounts refused in plain words with nothing
 * recorded, and the X report telling card from cash. (Issue 15, first part: whole-sale cash.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Sender } from '../../main/ipc/dispatch';
import { testCore, type TestCore } from '../support/core';
import { simulateSale } from '../support/simulated-sale';
import {
  channelOf,
  type AppStatus,
  type BridgeResult,
  type CashSale,
  type DayReport,
  type OperationName,
  type Receipt,
} from '../../common/contract';
import { MAX_CHANGE_CENTS } from '../../common/limits';

let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
const sender = (w: number): Sender => ({ windowId: w, frameUrl: 'app://counter/index.html', isMainFrame: true });
const call = async <T>(w: number, op: OperationName, payload: unknown) =>
  (await core.dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);

before(async () => {
  t = await testCore('cash');
  core = t.core;
  const casey = await core.staffStore.create('Casey', 'cashier', '2468');
  const morgan = await core.staffStore.create('Morgan', 'manager', '135790');
  assert.equal(codeOf(await call(1, 'session.signIn', { staffId: casey.id, pin: '2468' })), 'ok');
  assert.equal(codeOf(await call(2, 'session.signIn', { staffId: morgan.id, pin: '135790' })), 'ok');
});
after(async () => {
  await t.close();
});

test('a cash sale is recorded at once with the change, and needs no Helcim at all', async () => {
  // Helcim unreachable: every API call is cut.
  core.simulator!.injectFault({ method: 'GET', path: '/v2/' }, { kind: 'reset' }, 1000);
  core.simulator!.injectFault({ method: 'POST', path: '/v2/' }, { kind: 'reset' }, 1000);
  const before = core.simulator!.transactions().length;
  try {
    const r = await call<CashSale>(1, 'cash.sale', { amountCents: 1234, tenderedCents: 2000, currency: 'CAD' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.changeCents, 766);
    const a = core.journal.get(r.value.attemptId)!;
    assert.deepEqual(
      [a.kind, a.state, a.tender, a.amountCents, a.tenderedCents],
      ['purchase', 'approved', 'cash', 1234, 2000],
    );
    assert.equal(core.simulator!.transactions().length, before, 'nothing sent to Helcim');
    const receipt = await call<Receipt>(1, 'receipt.get', { attemptId: r.value.attemptId });
    assert.ok(receipt.ok);
    assert.deepEqual(receipt.value.cash, { tenderedCents: 2000, changeCents: 766 });
    // Exact cash: no change.
    const exact = await call<CashSale>(1, 'cash.sale', { amountCents: 500, tenderedCents: 500, currency: 'CAD' });
    assert.ok(exact.ok && exact.value.changeCents === 0);
  } finally {
    core.simulator!.clearFaults();
  }
});

test('bad cash amounts: each refused in plain words, nothing recorded', async () => {
  const count = () => core.journal.list(1000).length;
  const before = count();
  const cases: [unknown, RegExp | null][] = [
    [{ amountCents: 1000, tenderedCents: 999, currency: 'CAD' }, /less than the \$10\.00 due/], // one cent short
    [
      { amountCents: 1000, tenderedCents: 1000 + MAX_CHANGE_CENTS + 1, currency: 'CAD' },
      /^That would give \$500\.01 in change, more than the \$500\.00 a counter gives: check the amount tendered\. Nothing was recorded\.$/,
    ], // one cent too much change
    [{ amountCents: -500, tenderedCents: 1000, currency: 'CAD' }, null],
    [{ amountCents: 1000, tenderedCents: 10.5, currency: 'CAD' }, null],
    [{ amountCents: 1000, tenderedCents: 1e12, currency: 'CAD' }, null],
    [{ amountCents: 1000, tenderedCents: 2000, currency: 'EUR' }, null],
  ];
  for (const [payload, words] of cases) {
    const r = await call(1, 'cash.sale', payload);
    assert.equal(codeOf(r), 'invalid_payload', JSON.stringify(payload));
    if (words) assert.match(r.ok ? '' : r.error.message, words);
  }
  // The largest change allowed is accepted.
  assert.equal(
    codeOf(await call(1, 'cash.sale', { amountCents: 1000, tenderedCents: 1000 + MAX_CHANGE_CENTS, currency: 'CAD' })),
    'ok',
  );
  assert.equal(count(), before + 1);
  // Signed out: no cash sale either.
  assert.equal(
    codeOf(await call(9, 'cash.sale', { amountCents: 100, tenderedCents: 100, currency: 'CAD' })),
    'not_signed_in',
  );
});

test('the X report tells card from cash, and cash is not “missing at Helcim”', async () => {
  await simulateSale(core.simulator!, 1000); // a card sale made elsewhere: at Helcim, not in this journal
  const x = await call<DayReport>(2, 'report.x', {});
  assert.ok(x.ok, JSON.stringify(x));
  const cash = x.value.byTender.find((l) => l.key === 'cash')!;
  assert.equal(cash.count, 3);
  assert.equal(cash.cents, 1234 + 500 + 1000);
  assert.ok(x.value.byBrand.some((l) => l.key === 'Cash'));
  assert.deepEqual(
    x.value.reconciliation.missingAtHelcim,
    [],
    'cash sales never reach Helcim, so they are not compared',
  );
});

test('Helcim down mid-shift: said since when, cash goes on, nothing lost; back: cards again and the X report is right', async () => {
  await core.reachability.ping();
  let st = await call<AppStatus>(1, 'app.status', {});
  assert.ok(st.ok && st.value.helcimReachable === true && st.value.helcimDownSince === null);
  core.simulator!.injectFault({ method: 'GET', path: '/v2/' }, { kind: 'reset' }, 1000);
  core.simulator!.injectFault({ method: 'POST', path: '/v2/' }, { kind: 'reset' }, 1000);
  try {
    await core.reachability.ping();
    st = await call<AppStatus>(1, 'app.status', {});
    assert.ok(st.ok);
    assert.equal(st.value.helcimReachable, false);
    assert.ok(st.value.helcimDownSince, 'since when');
    const firstDown = st.value.helcimDownSince;
    // A card sale fails in plain words and moves nothing; cash sales go on.
    const card = await call(1, 'purchase.start', { amountCents: 800, currency: 'CAD' });
    assert.equal(codeOf(card), 'helcim_unavailable');
    for (const cents of [300, 450])
      assert.equal(
        codeOf(await call(1, 'cash.sale', { amountCents: cents, tenderedCents: 1000, currency: 'CAD' })),
        'ok',
      );
    await core.reachability.ping();
    st = await call<AppStatus>(1, 'app.status', {});
    assert.ok(st.ok && st.value.helcimDownSince === firstDown, 'still the first moment it went down');
  } finally {
    core.simulator!.clearFaults();
  }
  await core.reachability.ping();
  st = await call<AppStatus>(1, 'app.status', {});
  assert.ok(st.ok && st.value.helcimReachable === true && st.value.helcimDownSince === null);
  const x = await call<DayReport>(2, 'report.x', {});
  assert.ok(x.ok);
  assert.equal(
    x.value.byTender.find((l) => l.key === 'cash')!.count,
    5,
    'the cash sales made while Helcim was down are all there',
  );
  assert.equal(x.value.reconciliation.checked, true);
  assert.equal(core.journal.unresolved().length, 0, 'nothing left unknown');
});

test('cash handed back for a cash sale: at most what it took, at most what the drawer holds, audited; each limit at its value', async () => {
  const ids = {
    casey: core.staffStore.list().find((s) => s.name === 'Casey')!.id,
    morgan: core.staffStore.list().find((s) => s.name === 'Morgan')!.id,
  };
  const approve = async (action: string, subject: Record<string, string>, amountCents: number) => {
    const a = await call<{ approvalId: string }>(1, 'override.approve', {
      action,
      ...subject,
      amountCents,
      managerId: ids.morgan,
      pin: '135790',
    });
    assert.ok(a.ok, JSON.stringify(a));
    return a.value.approvalId;
  };
  const refund = async (saleNumber: number, amountCents: number) =>
    call(1, 'cash.refund', {
      saleNumber: String(saleNumber),
      amountCents,
      approvalId: await approve('cash_refund', { saleNumber: String(saleNumber) }, amountCents),
    });
  const numberOf = (attemptId: string) =>
    (
      core.db
        .prepare('SELECT s.number FROM sales s JOIN attempts a ON a.sale_id = s.id WHERE a.id = ?')
        .get(attemptId) as {
        number: number;
      }
    ).number;
  // A counter that has never counted a drawer hands cash back without one (nothing to hold it to).
  const early = core.journal
    .list(1000)
    .find((a) => a.tender === 'cash' && a.kind === 'purchase' && a.amountCents === 1234)!;
  const back0 = await refund(numberOf(early.id), 100);
  assert.ok(back0.ok, JSON.stringify(back0));
  assert.ok(
    core.journal.events(core.journal.list(1)[0]!.id).some((e) => e.detail === 'cash 100 back: cash refund'),
    'the journal says why the cash went back',
  );
  // A drawer holding $10.00 and a $30.00 cash sale: $40.00 in it.
  const d = await call<{ sessionId: string }>(1, 'drawer.status', {});
  assert.ok(d.ok);
  const floatId = await approve('float', { drawerSession: d.value.sessionId }, 1_000);
  assert.ok(
    (await call(1, 'drawer.open', { drawerSession: d.value.sessionId, amountCents: 1_000, approvalId: floatId })).ok,
  );
  const sold = await call<CashSale>(1, 'cash.sale', { amountCents: 3_000, tenderedCents: 3_000, currency: 'CAD' });
  assert.ok(sold.ok);
  const n = numberOf(sold.value.attemptId);
  // More than the sale took: refused, in words; exactly what it took is not (below).
  const over = await refund(n, 3_001);
  assert.equal(codeOf(over), 'transaction_not_eligible');
  assert.match(over.ok ? '' : over.error.message, /\$30\.00/);
  // Money paid out leaves $5.00 in the drawer: $5.01 cannot be handed back, $5.00 can.
  const out = await approve('paid_out', { drawerSession: d.value.sessionId }, 3_500);
  assert.ok(
    (
      await call(1, 'drawer.payOut', {
        drawerSession: d.value.sessionId,
        amountCents: 3_500,
        reason: 'to the bank',
        approvalId: out,
      })
    ).ok,
  );
  const short = await refund(n, 501);
  assert.equal(codeOf(short), 'invalid_payload');
  assert.match(short.ok ? '' : short.error.message, /\$5\.00/);
  const back = await refund(n, 500);
  assert.ok(back.ok, JSON.stringify(back));
  assert.ok(
    core.audit
      .entries()
      .some((e) => e.action === 'cash.refunded' && e.detail === `sale ${n} 500 approved by ${ids.morgan}`),
  );
  // The rest of the sale ($25.00) is more than the drawer now holds ($0.00), and nothing more than that is left to give.
  const pay = await approve('paid_in', { drawerSession: d.value.sessionId }, 5_000);
  assert.ok(
    (
      await call(1, 'drawer.payIn', {
        drawerSession: d.value.sessionId,
        amountCents: 5_000,
        reason: 'change',
        approvalId: pay,
      })
    ).ok,
  );
  assert.ok((await refund(n, 2_500)).ok, 'exactly what is left of the sale');
  const none = await refund(n, 1);
  assert.equal(codeOf(none), 'transaction_not_eligible');
  assert.match(
    none.ok ? '' : none.error.message,
    /No cash was paid on this sale \(or it was all handed back already\)/,
  );
  const closed = await call(1, 'drawer.close', { countedCents: 2_500 });
  assert.ok(closed.ok, JSON.stringify(closed));
});
