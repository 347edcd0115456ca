/** A shop's catalog and drawer for the cart's integration tests (items by hand, a float to give change from). */
import type { DrawerView, ItemDraft, OperationName, OverrideApproval, TaxSettings } from '../../common/contract';
import { approvalAsk } from './approval-ask';

/** An item as a manager writes it: $1.00 by the piece unless told otherwise. */
export const itemDraft = (sku: string, over: Partial<ItemDraft>): ItemDraft => ({
  sku,
  name: { en: sku, fr: sku },
  priceCents: 1_00,
  taxCategory: 'standard',
  department: 'Grocery',
  soldBy: 'unit',
  barcodes: [],
  ...over,
});

/** Opens the cashier's drawer with a float, the manager approving it (cash can then be taken and given back). */
export async function openDrawerWithFloat(
  ok: <T>(windowId: number, op: OperationName, payload: unknown) => Promise<T>,
  cashier: number,
  managerId: string,
  pin: string,
  cents: number,
): Promise<void> {
  const next = (await ok<DrawerView>(cashier, 'drawer.status', {})).sessionId!;
  const float = await ok<OverrideApproval>(
    cashier,
    'override.approve',
    approvalAsk('float', next, cents, managerId, pin),
  );
  await ok(cashier, 'drawer.open', { drawerSession: next, amountCents: cents, approvalId: float.approvalId });
}

/** A Quebec shop's sales tax as a manager types it (the numbers as written on paper, main spaces them). */
export const QUEBEC: TaxSettings = {
  jurisdiction: 'QC',
  pricesInclude: false,
  usRateMillionths: 0,
  usCashRounding: false,
  legalName: 'Épicerie Tremblay inc.',
  gstHstNumber: '123456789RT0001',
  qstNumber: '1234567890TQ0001',
};
