/** The reports feature, built for core.ts: history, receipts, the X and Z reports, and their handlers. */
import type { Foundation } from './foundation';
import type { HelcimFeature } from './helcim';
import type { HardwareFeature } from './hardware';
import type { PaymentsFeature } from './payments';
import type { ShopFeature } from './shop';
import { reportHandlers } from '../reports/handlers';
import { Reports } from '../reports/reports';

export function reportsFeature(
  f: Foundation,
  helcim: HelcimFeature,
  shop: ShopFeature,
  payments: PaymentsFeature,
  hardware: HardwareFeature,
) {
  const { drawer, sales } = payments;
  const reports = new Reports({
    shopPrefixes: () => shop.shop.shopPrefixes(),
    db: f.db,
    journal: f.journal,
    invoicePrefix: f.invoicePrefix,
    staff: f.staffStore,
    client: helcim.client,
    token: helcim.token,
    shopName: f.shopName,
    currency: f.currency,
    now: f.now,
    drawerLine: () => drawer.reportLine(),
    assertDrawerClosed: () => drawer.assertClosed(),
    settleSales: (closedBy) => sales.settleBeforeZ(closedBy),
    saleOf: (saleId) => sales.view(saleId),
    shopAddress: () => f.settings.get('printer').shopAddress,
    shopLanguage: () => f.settings.get('shop.language'),
  });
  return {
    reports,
    handlers: reportHandlers({
      reports,
      audit: f.audit,
      output: f.output,
      printer: hardware.printer,
      shopName: f.shopName,
      now: f.now,
      lookupSlot: helcim.lookupSlot,
    }),
  };
}
