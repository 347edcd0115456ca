/**
 * The cash drawer through the real router: one open drawer per counter, paid in/out only with a
 * manager's approval bound to this drawer and amount, never more out than it holds, a blind close,
 * over/short, and no Z report while it is open. Each refusal changes nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Sender } from '../../main/ipc/dispatch';
import { testCore, type TestCore } from '../support/core';
import {
  channelOf,
  type BridgeResult,
  type DayReport,
  type DrawerClose,
  type DrawerView,
  type OperationName,
  type OverrideApproval,
} from '../../common/contract';

let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
const ids = { casey: '', morgan: '' };
const CASHIER = 1;
const MANAGER = 2;
const sender = (w: number): Sender => ({ windowId: w, frameUrl: 'app://counter/index.html', isMainFrame: true });
const call = async <T>(w: number, op: OperationName, payload: unknown) =>
  (await core.dispatch(channelOf(op), payload, sender(w))) as BridgeResult<T>;
const codeOf = (r: BridgeResult<unknown>) => (r.ok ? 'ok' : r.error.code);
const view = async (w = CASHIER) => {
  const r = await call<DrawerView>(w, 'drawer.status', {});
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
};
const approve = async (drawerId: string, amountCents: number, direction: 'in' | 'out' = 'out') => {
  const a = await call<OverrideApproval>(CASHIER, 'override.approve', {
    action: direction === 'in' ? 'paid_in' : 'paid_out',
    drawerSession: drawerId,
    amountCents,
    managerId: ids.morgan,
    pin: '135790',
  });
  assert.ok(a.ok, JSON.stringify(a));
  return a.value.approvalId;
};
/** The float, approved by the manager for the next session's number (what the closed view shows). */
const openWith = async (
  floatCents: number,
  approval?: { action?: string; drawerSession?: string; amountCents?: number },
) => {
  const next = (await view()).sessionId!;
  const a = await call<OverrideApproval>(CASHIER, 'override.approve', {
    action: approval?.action ?? 'float',
    drawerSession: approval?.drawerSession ?? next,
    amountCents: approval?.amountCents ?? floatCents,
    managerId: ids.morgan,
    pin: '135790',
  });
  assert.ok(a.ok, JSON.stringify(a));
  // Sent with the number the approval names, so a wrong number reaches the drawer's own check.
  return call<DrawerView>(CASHIER, 'drawer.open', {
    drawerSession: approval?.drawerSession ?? next,
    amountCents: floatCents,
    approvalId: a.value.approvalId,
  });
};
const move = (
  drawerId: string,
  direction: 'in' | 'out',
  amountCents: number,
  approvalId: string,
  reason = 'coffee for the shop',
) =>
  call<DrawerView>(CASHIER, direction === 'in' ? 'drawer.payIn' : 'drawer.payOut', {
    drawerSession: drawerId,
    amountCents,
    reason,
    approvalId,
  });

before(async () => {
  t = await testCore('drawer');
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  ids.morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  assert.equal(codeOf(await call(CASHIER, 'session.signIn', { staffId: ids.casey, pin: '2468' })), 'ok');
  assert.equal(codeOf(await call(MANAGER, 'session.signIn', { staffId: ids.morgan, pin: '135790' })), 'ok');
});
after(async () => {
  await t.close();
});

test('a drawer session: float, cash sales, paid out and in with a manager, a blind close with a shortage, and Z only once it is closed', async () => {
  assert.equal((await view()).open, false);
  assert.equal(codeOf(await call(CASHIER, 'drawer.close', { countedCents: 0 })), 'invalid_payload', 'nothing to close');
  // The float is what every close is measured against: a manager's PIN, bound to this opening and amount.
  const next = (await view()).sessionId!;
  assert.equal(
    codeOf(
      await call(CASHIER, 'drawer.open', { drawerSession: next, amountCents: 10_000, approvalId: crypto.randomUUID() }),
    ),
    'forbidden',
    'no approval',
  );
  assert.equal(codeOf(await openWith(10_000, { amountCents: 9_999 })), 'forbidden', 'approved for one cent less');
  assert.equal(codeOf(await openWith(10_000, { action: 'paid_in' })), 'forbidden', 'a paid-in approval');
  assert.equal(
    codeOf(await openWith(10_000, { drawerSession: String(Number(next) + 1) })),
    'forbidden',
    'approved for another opening',
  );
  assert.equal((await view()).open, false, 'none of those opened it');
  const opened = await openWith(10_000);
  assert.ok(opened.ok, JSON.stringify(opened));
  const id = opened.value.sessionId!;
  assert.equal(id, next, 'the session has the number the approval was bound to');
  assert.ok(
    core.audit.entries().some((e) => e.action === 'drawer.opened' && e.detail.includes(`approved by ${ids.morgan}`)),
  );
  assert.equal(codeOf(await openWith(5_000)), 'invalid_payload', 'a second drawer on the same counter');
  for (const [amount, tendered] of [
    [1_250, 2_000],
    [3_000, 5_000],
  ])
    assert.equal(
      codeOf(await call(CASHIER, 'cash.sale', { amountCents: amount, tenderedCents: tendered, currency: 'CAD' })),
      'ok',
    );
  assert.equal((await view()).expectedCents, 14_250);

  // Paid out: never without a manager's approval for this drawer and this amount, never more than it holds.
  assert.equal(codeOf(await move(id, 'out', 2_000, crypto.randomUUID())), 'forbidden');
  assert.equal(
    codeOf(await move(id, 'out', 2_000, await approve(id, 1_999))),
    'forbidden',
    'approved for one cent less',
  );
  assert.equal(
    codeOf(await move(String(Number(id) + 1), 'out', 2_000, await approve(id, 2_000))),
    'forbidden',
    'approval for another drawer',
  );
  const other = String(Number(id) + 1);
  assert.equal(
    codeOf(await move(other, 'out', 2_000, await approve(other, 2_000))),
    'forbidden',
    'approved and sent for a drawer that is not the open one',
  );
  assert.equal(
    codeOf(await move(id, 'out', 14_251, await approve(id, 14_251))),
    'invalid_payload',
    'one cent more than the drawer holds',
  );
  assert.equal(
    codeOf(await move(id, 'out', 2_000, await approve(id, 2_000), ' ')),
    'invalid_payload',
    'no reason given',
  );
  assert.equal((await view()).expectedCents, 14_250, 'nothing changed');
  assert.ok((await move(id, 'out', 2_000, await approve(id, 2_000))).ok);
  // A manager's PIN for money put in never takes money out, and the other way round.
  assert.equal(
    codeOf(await move(id, 'out', 500, await approve(id, 500, 'in'), 'change from the bank')),
    'forbidden',
    'paid-in approval used to pay out',
  );
  assert.equal(
    codeOf(await move(id, 'in', 500, await approve(id, 500, 'out'), 'change from the bank')),
    'forbidden',
    'paid-out approval used to pay in',
  );
  assert.ok((await move(id, 'in', 500, await approve(id, 500, 'in'), 'change from the bank')).ok);
  assert.equal((await view()).expectedCents, 12_750);

  // Blind close: the cashier does not see the expected figure; the manager does.
  assert.equal(codeOf(await call(CASHIER, 'settings.setBlindClose', { blind: true })), 'forbidden');
  assert.equal(codeOf(await call(MANAGER, 'settings.setBlindClose', { blind: true })), 'ok');
  assert.equal((await view()).expectedCents, null);
  assert.equal((await view(MANAGER)).expectedCents, 12_750);

  // No Z while the drawer is open.
  const z = await call(MANAGER, 'report.z', { confirm: true });
  assert.equal(codeOf(z), 'invalid_payload');
  assert.match(z.ok ? '' : z.error.message, /drawer is still open/);
  const x = await call<DayReport>(MANAGER, 'report.x', {});
  assert.ok(x.ok);
  assert.deepEqual(x.value.drawer, {
    open: true,
    floatCents: 10_000,
    cashSalesCents: 4_250,
    paidInCents: 500,
    paidOutCents: 2_000,
    expectedCents: 12_750,
    countedCents: null,
    overShortCents: null,
  });

  const closed = await call<DrawerClose>(CASHIER, 'drawer.close', { countedCents: 12_700 });
  assert.ok(closed.ok, JSON.stringify(closed));
  assert.deepEqual([closed.value.expectedCents, closed.value.overShortCents], [12_750, -50], 'short by 50 cents');
  assert.equal((await view()).open, false);
  const zz = await call<DayReport>(MANAGER, 'report.z', { confirm: true });
  assert.ok(zz.ok, JSON.stringify(zz));
  assert.equal(zz.value.drawer!.overShortCents, -50);
  assert.ok(core.audit.entries().some((e) => e.action === 'drawer.paid_out'));
});

test('a counter that counts its drawer takes cash only into an open one: with the drawer closed, cash is refused in plain words and nothing is journaled', async () => {
  assert.equal((await view()).open, false, 'the last test closed it');
  const before = core.journal.list(1)[0]?.id;
  const refused = await call(CASHIER, 'cash.sale', { amountCents: 4_000, tenderedCents: 4_000, currency: 'CAD' });
  assert.equal(codeOf(refused), 'invalid_payload');
  assert.match(refused.ok ? '' : refused.error.message, /Open the cash drawer first/);
  assert.equal(core.journal.list(1)[0]?.id, before, 'nothing journaled');
  assert.equal(codeOf(await openWith(10_000)), 'ok');
  assert.equal(
    codeOf(await call(CASHIER, 'cash.sale', { amountCents: 4_000, tenderedCents: 4_000, currency: 'CAD' })),
    'ok',
  );
  assert.equal((await view(MANAGER)).expectedCents, 14_000, 'counted in');
});

test('a drawer may open with no float at all (zero), still counted in by a manager', async () => {
  assert.equal(codeOf(await call(CASHIER, 'drawer.close', { countedCents: 14_000 })), 'ok');
  const opened = await openWith(0);
  assert.ok(opened.ok, JSON.stringify(opened));
  assert.equal(opened.value.floatCents, 0);
  assert.equal(codeOf(await call(CASHIER, 'drawer.close', { countedCents: 0 })), 'ok');
});

test('the drawer’s edges: paying out exactly what it holds, paying in more than it holds, a pay-in with none open, a session with only a paid out, and the audit’s words', async () => {
  // None open: a pay-in is refused in words, before any approval is looked at.
  assert.equal((await view()).open, false, 'the last test closed it');
  const none = await move('99', 'in', 500, crypto.randomUUID());
  assert.equal(codeOf(none), 'forbidden', 'an unknown approval is refused by the router first');
  const early = await move((await view()).sessionId!, 'in', 500, await approve((await view()).sessionId!, 500, 'in'));
  assert.equal(codeOf(early), 'invalid_payload');
  assert.match(early.ok ? '' : early.error.message, /no drawer is open|Open the cash drawer/i);
  const opened = await openWith(1_000);
  assert.ok(opened.ok && opened.value.open === true, 'the opened drawer says it is open');
  const id = opened.value.sessionId!;
  // More in than the drawer holds is fine (change from the bank); only money out is capped.
  assert.ok((await move(id, 'in', 5_000, await approve(id, 5_000, 'in'), 'change from the bank')).ok);
  const cap = await move(id, 'out', 6_001, await approve(id, 6_001));
  assert.match(cap.ok ? '' : cap.error.message, /\$60\.00.*\$60\.01|\$60\.01.*\$60\.00/);
  assert.ok((await move(id, 'out', 6_000, await approve(id, 6_000), 'to the bank')).ok, 'exactly what it holds');
  assert.equal((await view(MANAGER)).expectedCents, 0);
  assert.ok(
    core.audit
      .entries()
      .some((e) => e.action === 'drawer.paid_out' && e.detail === `6000 "to the bank" approved by ${ids.morgan}`),
  );
  assert.equal(codeOf(await call(CASHIER, 'drawer.close', { countedCents: 0 })), 'ok');
  assert.ok(core.audit.entries().some((e) => e.action === 'drawer.closed' && e.detail === 'counted 0 expected 0'));
  // A closed drawer is reported closed.
  const x = await call<DayReport>(MANAGER, 'report.x', {});
  assert.ok(x.ok);
  assert.equal(x.value.drawer!.open, false);
  // A session with a paid out and no paid in reports nothing paid in.
  const again = await openWith(2_000);
  assert.ok(again.ok);
  assert.ok((await move(again.value.sessionId!, 'out', 700, await approve(again.value.sessionId!, 700), 'stamps')).ok);
  const y = await call<DayReport>(MANAGER, 'report.x', {});
  assert.ok(y.ok);
  assert.deepEqual(
    [y.value.drawer!.paidInCents, y.value.drawer!.paidOutCents, y.value.drawer!.expectedCents],
    [0, 700, 1_300],
  );
  assert.equal(codeOf(await call(CASHIER, 'drawer.close', { countedCents: 1_300 })), 'ok');
});

test('a cash sale made in the same millisecond as the drawer is read counts in it', async () => {
  const clock = Date.parse('2026-12-07T16:00:00Z');
  const fixed = await testCore('drawer-clock', { now: () => clock });
  try {
    const c = fixed.core;
    const casey = (await c.staffStore.create('Casey', 'cashier', '2468')).id;
    const morgan = (await c.staffStore.create('Morgan', 'manager', '135790')).id;
    const at = async <T>(op: OperationName, payload: unknown) =>
      (await c.dispatch(channelOf(op), payload, sender(CASHIER))) as BridgeResult<T>;
    assert.ok((await at('session.signIn', { staffId: casey, pin: '2468' })).ok);
    const a = await at<OverrideApproval>('override.approve', {
      action: 'float',
      drawerSession: '1',
      amountCents: 1_000,
      managerId: morgan,
      pin: '135790',
    });
    assert.ok(a.ok);
    assert.ok((await at('drawer.open', { drawerSession: '1', amountCents: 1_000, approvalId: a.value.approvalId })).ok);
    assert.ok((await at('cash.sale', { amountCents: 250, tenderedCents: 250, currency: 'CAD' })).ok);
    const v = await at<DrawerView>('drawer.status', {});
    assert.ok(v.ok);
    assert.equal(v.value.expectedCents, 1_250, 'the float and the sale, at the same instant');
  } finally {
    await fixed.close();
  }
});
