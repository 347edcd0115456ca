/** The reports feature, built for core.ts: history, receipts, the X and Z reports, and their handlers. */
import type { Foundation } from './foundation';
import type { HelcimFeature } from './helcim';
import type { HardwareFeature } from './hardware';
import type { PaymentsFeature } from './payments';
import type { ShopFeature } from './shop';
import { reportHandlers } from '../reports/handlers';
import { Reports } from '../reports/reports';

export function reportsFeature(
  foundation: Foundation,
  helcim: HelcimFeature,
  shop: ShopFeature,
  payments: PaymentsFeature,
  hardware: HardwareFeature,
  /** After a Z is closed: its backup, then a waiting update (compose/updates.ts). */
  afterZ: (staffId: string) => void,
) {
  const { drawer, sales } = payments;
  const reports = new Reports({
    shopPrefixes: () => shop.shop.shopPrefixes(),
    db: foundation.db,
    journal: foundation.journal,
    invoicePrefix: foundation.invoicePrefix,
    staff: foundation.staffStore,
    client: helcim.client,
    token: helcim.token,
    shopName: foundation.shopName,
    currency: foundation.currency,
    now: foundation.now,
    drawerLine: () => drawer.reportLine(),
    assertDrawerClosed: () => drawer.assertClosed(),
    settleSales: (closedBy) => sales.settleBeforeZ(closedBy),
    saleOf: (saleId) => sales.view(saleId),
    invoiceDifferences: (from, to) => payments.invoices.differences(from, to),
    invoiceOf: (saleId) => payments.invoices.of(saleId),
    shopAddress: () => foundation.settings.get('printer').shopAddress,
    roundingOf: (attemptId) => payments.rounding.of(attemptId),
    roundingBetween: (from, to) => payments.rounding.between(from, to),
    discountsBetween: (from, to) => payments.saleLines.discountsBetween(from, to),
    taxesBetween: (from, to) => ({
      collected: payments.saleLines.taxCollectedBetween(from, to),
      refunded: payments.lineReturns.taxRefundedBetween(from, to),
    }),
    taxNumbers: () => {
      const t = foundation.settings.get('tax');
      return { legalName: t.legalName, gstHst: t.gstHstNumber, qst: t.qstNumber };
    },
    shopLanguage: () => foundation.settings.get('shop.language'),
  });
  return {
    reports,
    handlers: reportHandlers({
      reports,
      audit: foundation.audit,
      output: foundation.output,
      printer: hardware.printer,
      shopName: foundation.shopName,
      now: foundation.now,
      lookupSlot: helcim.lookupSlot,
      afterZ,
    }),
  };
}
export type ReportsFeature = ReturnType<typeof reportsFeature>;
