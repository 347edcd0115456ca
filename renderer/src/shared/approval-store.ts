/**
 * A manager's override, from the screen's side: the managers to pick from, and "ask a manager, then
 * submit" — the one way every store does it (drawer float and pay in/out, cash back, refund and
 * void, hold release, an abandoned sale). Main issues the approval, bound to the action, its
 * transaction and amount, and checks it again when the action is submitted; the screen only carries
 * its id from one call to the next.
 */
import { create } from 'zustand';
import type { BridgeResult, PayloadOf } from '../../../common/contract';
import { pos } from '../base/pos';

/** What the manager typed on the cashier's screen. */
export type ManagerSignOff = { managerId: string; pin: string };

/** Asks main for the approval; with it, submits the action. Either step's refusal is the answer. */
export async function withManagerApproval<T>(
  ask: PayloadOf<'override.approve'>,
  submit: (approvalId: string) => Promise<BridgeResult<T>>,
): Promise<BridgeResult<T>> {
  const approval = await pos.override.approve(ask);
  return approval.ok ? submit(approval.value.approvalId) : approval;
}

/** The managers who may authorise, for the picker in ManagerApproval. */
export const useManagers = create<{ managers: { id: string; name: string }[]; loadManagers: () => Promise<void> }>(
  (set) => ({
    managers: [],
    loadManagers: async () => {
      const r = await pos.staff.roster({});
      if (r.ok)
        set({ managers: r.value.staff.filter((s) => s.role === 'manager').map(({ id, name }) => ({ id, name })) });
    },
  }),
);
