/**
 * Sign-out, and the one place that knows every store holding a person's work: nothing of one
 * person's work is left on the screen for the next (main keeps and finishes the money itself).
 */
import { useTax } from '../tax/tax-store';
import { useDiscounts } from '../discounts/discount-store';
import { useMail } from '../mail/mail-store';
import { pos } from '../base/pos';
import { useNav, useStatus } from '../base/status-store';
import { useSale } from '../sale/sale-store';
import { useHistory } from '../transactions/history-store';
import { useReceipt } from '../receipts/receipt-store';
import { useReturns } from '../transactions/returns-store';
import { useHolds } from '../transactions/holds-store';
import { useDrawer } from '../drawer/drawer-store';
import { usePrinter } from '../devices/printer-store';
import { useShop } from '../shop/shop-store';
import { useCatalogAdmin } from '../catalog/catalog-admin-store';
import { useCatalog } from '../sale/catalog-store';
import { useReturnLines } from '../transactions/return-lines-store';

/** Amount, result, receipt, searches, card form: all back to empty, and the Sale screen. */
export function forgetPersonalState(): void {
  useSale.getState().newSale();
  useHistory.getState().reset();
  useReceipt.getState().close();
  useReturns.getState().reset();
  useHolds.getState().reset();
  useDrawer.getState().reset();
  usePrinter.getState().reset();
  useShop.getState().reset();
  useCatalogAdmin.getState().reset();
  useTax.getState().reset();
  useDiscounts.getState().reset();
  useMail.getState().reset();
  useCatalog.getState().clear();
  useReturnLines.getState().clear();
  useNav.getState().go('sale');
}

export async function signOut(): Promise<void> {
  // The card form leaves the screen first; main then closes it and confirms with Helcim's list.
  forgetPersonalState();
  await pos.session.signOut({});
  await useStatus.getState().refresh();
}
