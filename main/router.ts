/**
 * The router: (operation, validated payload, session) -> policy check -> handler. No handler runs
 * unless the permission table allows the call for this session and these Helcim tokens.
 *
 * Each handler's context is typed from its own policy row: a row that needs a signed-in role gets a
 * `session`, a row that names a Helcim capability gets the `token` slot, a row that needs a manager
 * override gets the consumed `approval`. The router builds exactly that, so handlers never assert.
 */
import { z } from 'zod';
import { APPROVAL_SUBJECT, type Contract, type OperationName, type ResultOf } from '../common/contract';
import { PosError } from './errors';
import {
  decide,
  POLICY,
  type HelcimAccess,
  type Rule,
  type RuleOf,
  type TokenSlot,
  type TxLevel,
} from './policy/table';
import type { Session } from './session';
import { linesKey, type Approval, type ApprovalStore } from './policy/approvals';
import type { MessageKey } from '../common/i18n';

export type CallContext = { windowId: number; session: Session | null };

type Row<K extends OperationName> = RuleOf<K>;
/** The context a handler of operation K receives, derived from K's policy row. */
export type ContextOf<K extends OperationName> = { windowId: number } & (Row<K>['role'] extends 'anyone'
  ? { session: Session | null }
  : { session: Session }) &
  (Row<K> extends { helcim: object } ? { token: TokenSlot } : unknown) &
  (Row<K> extends { override: string } ? { approval: Approval } : unknown);

export type PayloadOut<K extends OperationName> = z.output<Contract[K]['payload']>;
export type Handler<K extends OperationName> = (payload: PayloadOut<K>, ctx: ContextOf<K>) => Promise<ResultOf<K>>;
export type Handlers = { [K in OperationName]: Handler<K> };

export type Route = <K extends OperationName>(op: K, payload: PayloadOut<K>, ctx: CallContext) => Promise<ResultOf<K>>;

/**
 * What an override-bound operation's payload must carry: the approval, the amount it is bound to and
 * the number it is bound to, in the field its action names (APPROVAL_SUBJECT). Read with a schema,
 * not a cast; the type check below keeps every override row's payload in shape.
 */
const overrideFields = z.looseObject({
  approvalId: z.string(),
  amountCents: z.number().int().optional(),
  lines: z.array(z.object({ position: z.number().int(), quantityMilli: z.number().int() })).optional(),
});
type OverrideOp = { [K in OperationName]: Row<K> extends { override: string } ? K : never }[OperationName];
type SubjectOf<K extends OverrideOp> = (typeof APPROVAL_SUBJECT)[RuleOf<K>['override']];
type OverridePayloadsFit = {
  [K in OverrideOp]: PayloadOut<K> extends z.output<typeof overrideFields> & Record<SubjectOf<K>, string>
    ? true
    : never;
};
const overridePayloadsFit: OverridePayloadsFit = {
  'refund.submit': true,
  'reverse.submit': true,
  'release.submit': true,
  'drawer.open': true,
  'drawer.payIn': true,
  'drawer.payOut': true,
  'cash.refund': true,
  'sale.abandon': true,
};
void overridePayloadsFit;

/** Plain words for what an operation does, for messages about a refused token. */
const DOING: Partial<Record<OperationName, MessageKey>> = {
  'purchase.start': 'doing.purchase',
  'verify.start': 'doing.verify',
  'preauth.start': 'doing.preauth',
  'holds.list': 'doing.holds',
  'capture.submit': 'doing.capture',
  'release.submit': 'doing.release',
  'transactions.search': 'doing.lookup',
  'refund.submit': 'doing.refund',
  'reverse.submit': 'doing.reverse',
};

export type RouterDeps = {
  access: () => HelcimAccess;
  approvals: ApprovalStore;
  /** Helcim refused a token a call: record it and return the error to show. */
  permissionDenied: (slot: TokenSlot, needed: TxLevel, doing: MessageKey) => PosError;
};

export function createRouter(handlers: Handlers, deps: RouterDeps): Route {
  const { access, approvals } = deps;
  return async <K extends OperationName>(op: K, payload: PayloadOut<K>, call: CallContext) => {
    const decision = decide(op, call.session?.role ?? null, access());
    if (!decision.allowed) throw new PosError(decision.code, decision.key, decision.values);
    let approval: Approval | undefined;
    if (decision.override) {
      // The manager's approval is consumed here, before any service runs, bound to this call.
      const bound = overrideFields.safeParse(payload);
      const subject: unknown = (payload as Record<string, unknown>)[APPROVAL_SUBJECT[decision.override]];
      if (!bound.success || typeof subject !== 'string' || !call.session)
        throw new PosError('internal', 'error.noApprovalHere');
      approval = approvals.consume(bound.data.approvalId, {
        action: decision.override,
        subject,
        cashierId: call.session.staffId,
        windowId: call.windowId,
        amountCents: bound.data.amountCents,
        lines: linesKey(bound.data.lines),
      });
    }
    // decide() has just guaranteed what this row's context promises: a session for a signed-in
    // role, a token slot for a Helcim row, an approval for an override row.
    const ctx = { ...call, token: decision.token, approval } as ContextOf<K>;
    const handler = handlers[op] as Handler<K>;
    try {
      return await handler(payload, ctx);
    } catch (err) {
      const rule: Rule = POLICY[op];
      const need = rule.helcim;
      // (A row that needs no Transaction Processing level names its own restriction in its error.)
      if (
        err instanceof PosError &&
        err.code === 'helcim_permission' &&
        decision.token &&
        need &&
        need.level !== 'none'
      )
        throw deps.permissionDenied(decision.token, need.level, DOING[op] ?? 'doing.other');
      throw err;
    }
  };
}
