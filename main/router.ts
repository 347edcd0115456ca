/**
 * The router: (operation, validated payload, session) -> policy check -> handler. No handler runs
 * unless the permission table allows the call for this session and these Helcim tokens.
 */
import type { z } from 'zod';
import type { Contract, OperationName, ResultOf } from '../preload/contract';
import { PosError } from './errors';
import { decide, POLICY, type HelcimAccess, type TokenSlot, type TxLevel } from './policy/table';
import type { Session } from './session';
import type { Approval, ApprovalStore } from './staff/approvals';

export type CallContext = { windowId: number; session: Session | null };
export type HandlerContext = CallContext & { token?: TokenSlot; approval?: Approval };

export type Handlers = {
  [K in OperationName]: (payload: z.output<Contract[K]['payload']>, ctx: HandlerContext) => Promise<ResultOf<K>>;
};

export type Route = <K extends OperationName>(op: K, payload: z.output<Contract[K]['payload']>, ctx: CallContext) => Promise<ResultOf<K>>;

/** Plain words for what an operation does, for messages about a refused token. */
const DOING: Partial<Record<OperationName, string>> = {
  'purchase.start': 'take payments',
  'verify.start': 'verify cards',
  'transactions.search': 'look up transactions',
  'override.approve': 'refund or void',
  'refund.submit': 'refund',
  'reverse.submit': 'void',
};

export type RouterDeps = {
  access: () => HelcimAccess;
  approvals: ApprovalStore;
  /** Helcim refused a token a call: record it and return the error to show. */
  permissionDenied: (slot: TokenSlot, needed: TxLevel, doing: string) => PosError;
};

export function createRouter(handlers: Handlers, deps: RouterDeps): Route {
  const { access, approvals } = deps;
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
    try {
      return await handlers[op](payload, { ...ctx, token: decision.token, approval });
    } catch (err) {
      const need = POLICY[op].helcim;
      if (err instanceof PosError && err.code === 'helcim_permission' && decision.token && need)
        throw deps.permissionDenied(decision.token, need.level, DOING[op] ?? op);
      throw err;
    }
  };
}
