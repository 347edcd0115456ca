/**
 * The router: (operation, validated payload, session) -> policy check -> handler. No handler runs
 * unless the permission table allows the call for this session and these Helcim tokens.
 */
import type { z } from 'zod';
import type { Contract, OperationName, ResultOf } from '../preload/contract';
import { PosError } from './errors';
import { decide, type HelcimAccess, type TokenSlot } from './policy/table';
import type { Session } from './session';
import type { Approval, ApprovalStore } from './staff/approvals';

export type CallContext = { windowId: number; session: Session | null };
export type HandlerContext = CallContext & { token?: TokenSlot; approval?: Approval };

export type Handlers = {
  [K in OperationName]: (payload: z.output<Contract[K]['payload']>, ctx: HandlerContext) => Promise<ResultOf<K>>;
};

export type Route = <K extends OperationName>(op: K, payload: z.output<Contract[K]['payload']>, ctx: CallContext) => Promise<ResultOf<K>>;

export function createRouter(handlers: Handlers, access: () => HelcimAccess, approvals: ApprovalStore): Route {
  return async (op, payload, ctx) => {
    const decision = decide(op, ctx.session?.role ?? null, access());
    if (!decision.allowed) throw new PosError(decision.code, decision.message);
    let approval: Approval | undefined;
    if (decision.override) {
      // The manager's approval is consumed here, before any service runs, bound to this call.
      const p = payload as { approvalId?: unknown; transactionId?: string; amountCents?: number };
      approval = approvals.consume(p.approvalId, {
        action: decision.override,
        transactionId: String(p.transactionId),
        cashierId: ctx.session!.staffId,
        windowId: ctx.windowId,
        amountCents: p.amountCents,
      });
    }
    return handlers[op](payload, { ...ctx, token: decision.token, approval });
  };
}
