/**
 * A manager's override as the screen asks for it. Which payload field carries the number an
 * approval is bound to is written out here by hand, not read from the contract, so a contract that
 * moved an action to another kind of number fails the tests that use it.
 */
export type AskedAction =
  'refund' | 'reverse' | 'release' | 'float' | 'paid_in' | 'paid_out' | 'abandon' | 'cash_refund' | 'discount';

export const SUBJECT_FIELD = {
  refund: 'transactionId',
  reverse: 'transactionId',
  release: 'transactionId',
  float: 'drawerSession',
  paid_in: 'drawerSession',
  paid_out: 'drawerSession',
  abandon: 'saleNumber',
  cash_refund: 'saleNumber',
  discount: 'saleNumber',
} as const satisfies Record<AskedAction, string>;

/** The `override.approve` payload for `action`, bound to `subject` (a Helcim transaction, drawer session or sale number). */
export function approvalAsk(
  action: AskedAction,
  subject: string,
  amountCents: number,
  managerId: string,
  pin: string,
): Record<string, unknown> {
  return { action, [SUBJECT_FIELD[action]]: subject, amountCents, managerId, pin };
}
