/**
 * The bridge contract: the one list of operations the renderer may ask main for.
 *
 * Both sides import this module. preload builds `window.pos` from it (one function per operation,
 * nothing else); main validates every payload against the same schema before the router sees it.
 * Adding an operation means: add it here, add its row to main/policy/table.ts, add its handler.
 */
import { z } from 'zod';

import { CURRENCIES, MAX_AMOUNT_CENTS, type Currency } from './limits';
import { OPERATION_NAMES, channelOf, type OperationName } from './operations';

export { CURRENCIES, MAX_AMOUNT_CENTS, OPERATION_NAMES, channelOf, type Currency, type OperationName };

export type Role = 'cashier' | 'manager';
export type Mode = 'training' | 'live';

const amountCents = z
  .number()
  .int('amount must be a whole number of cents')
  .min(1, 'amount must be at least 1 cent')
  .max(MAX_AMOUNT_CENTS, 'amount is above the counter limit');
const currency = z.enum(CURRENCIES);
const noPayload = z.strictObject({});

/** What HelcimPay.js posts to the page; relayed untouched so main can check its hash. */
export const checkoutEventSchema = z.strictObject({
  eventName: z.string().max(200),
  eventStatus: z.enum(['SUCCESS', 'ABORTED', 'HIDE']),
  eventMessage: z.union([z.string().max(20_000), z.record(z.string(), z.unknown())]).optional(),
});
export type CheckoutEvent = z.infer<typeof checkoutEventSchema>;

// ---- result types -------------------------------------------------------------------------

export type SessionView = {
  name: string;
  role: Role;
  /** Computed in main from the permission table; the renderer only displays it. */
  capabilities: Record<OperationName, boolean>;
};

export type AppStatus = {
  mode: Mode;
  currency: Currency;
  helcimReachable: boolean | null;
  session: SessionView | null;
};

export type CheckoutStart = {
  attemptId: string;
  kind: 'purchase' | 'verify';
  amountCents: number;
  currency: Currency;
  checkoutToken: string;
  /** HelcimPay.js start.js to load inside the sandboxed checkout host. */
  scriptUrl: string;
  /** The checkout host page, on an origin of its own (never the app's). */
  hostUrl: string;
};

export type CheckoutOutcome = {
  attemptId: string;
  kind: 'purchase' | 'verify';
  outcome: 'approved' | 'declined' | 'cancelled';
  amountCents: number;
  currency: Currency;
  transactionId?: string;
  approvalCode?: string;
  cardType?: string;
  cardLast4?: string;
  /** Plain words for the cashier. */
  message: string;
};

// ---- the operations ------------------------------------------------------------------------

/** Declares an operation: its result type R and its payload schema. */
const op =
  <R>() =>
  <S extends z.ZodType>(payload: S) => ({ payload, result: undefined as unknown as R });

export const contract = {
  'app.status': op<AppStatus>()(noPayload),
  'purchase.start': op<CheckoutStart>()(z.strictObject({ amountCents, currency })),
  'verify.start': op<CheckoutStart>()(z.strictObject({ currency })),
  'checkout.finish': op<CheckoutOutcome>()(z.strictObject({ attemptId: z.uuid(), event: checkoutEventSchema })),
} as const satisfies Record<OperationName, { payload: z.ZodType; result: unknown }>;

export type Contract = typeof contract;
export type PayloadOf<K extends OperationName> = z.input<Contract[K]['payload']>;
export type ResultOf<K extends OperationName> = Contract[K]['result'];

// ---- errors that cross the bridge ------------------------------------------------------------

export const ERROR_CODES = [
  'invalid_payload',
  'bad_sender',
  'unknown_operation',
  'not_signed_in',
  'forbidden',
  'token_missing',
  'token_insufficient',
  'keychain_unavailable',
  'helcim_unauthorized',
  'helcim_legacy_token',
  'helcim_permission',
  'helcim_declined',
  'helcim_bad_request',
  'helcim_rate_limited',
  'helcim_unavailable',
  'helcim_unknown_outcome',
  'helcim_bad_response',
  'checkout_invalid',
  'checkout_unverified',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Errors are data, never exceptions with stacks. */
export type BridgeError = { code: ErrorCode; message: string };
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

type GroupOf<K> = K extends `${infer G}.${string}` ? G : never;
type MethodOf<K, G extends string> = K extends `${G}.${infer M}` ? M : never;

/** `window.pos`: one async function per operation, grouped by the part before the dot. */
export type PosApi = {
  [G in GroupOf<OperationName>]: {
    [K in OperationName as MethodOf<K, G>]: (payload: PayloadOf<K>) => Promise<BridgeResult<ResultOf<K>>>;
  };
};
