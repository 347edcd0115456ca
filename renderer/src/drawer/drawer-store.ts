/** This counter's cash drawer: open with a float (a manager's PIN), paid in/out with a manager's PIN, close with a count. */
import { create } from 'zustand';
import type { BridgeError, DrawerClose, DrawerView } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { withManagerApproval } from '../shared/approval-store';
import { forgetOnSignOut } from '../base/forget';

type DrawerSlice = {
  view: DrawerView | null;
  closed: DrawerClose | null;
  busy: boolean;
  error: BridgeError | null;
  load: () => Promise<void>;
  open: (p: { floatCents: number; managerId: string; pin: string }) => Promise<boolean>;
  move: (p: {
    direction: 'in' | 'out';
    amountCents: number;
    reason: string;
    managerId: string;
    pin: string;
  }) => Promise<boolean>;
  close: (countedCents: number) => Promise<void>;
  reset: () => void;
};

export const useDrawer = create<DrawerSlice>((set, get) => ({
  view: null,
  closed: null,
  busy: false,
  error: null,
  load: async () => set(settled(await pos.drawer.status({}), (view) => ({ view }))),
  open: async ({ floatCents, managerId, pin }) => {
    // While closed, the view's session number is the next session's: the approval is bound to it.
    const id = get().view?.sessionId;
    if (!id) return false;
    set({ busy: true, closed: null });
    const r = await withManagerApproval(
      { action: 'float', drawerSession: id, amountCents: floatCents, managerId, pin },
      (approvalId) => pos.drawer.open({ drawerSession: id, amountCents: floatCents, approvalId }),
    );
    set({ busy: false, ...settled(r, (view) => ({ view })) });
    return r.ok;
  },
  move: async ({ direction, amountCents, reason, managerId, pin }) => {
    const id = get().view?.sessionId;
    if (!id) return false;
    set({ busy: true });
    const r = await withManagerApproval(
      { action: direction === 'in' ? 'paid_in' : 'paid_out', drawerSession: id, amountCents, managerId, pin },
      (approvalId) => {
        const moved = { drawerSession: id, amountCents, reason, approvalId };
        return direction === 'in' ? pos.drawer.payIn(moved) : pos.drawer.payOut(moved);
      },
    );
    set({ busy: false, ...settled(r, (view) => ({ view })) });
    return r.ok;
  },
  close: async (countedCents) => {
    set({ busy: true });
    const r = await pos.drawer.close({ countedCents });
    set({ busy: false, ...settled(r, (closed) => ({ closed })) });
    if (r.ok) await get().load();
  },
  reset: () => set({ view: null, closed: null, busy: false, error: null }),
}));

forgetOnSignOut(() => useDrawer.getState().reset());
