/** 'app.status', built for core.ts from what each feature reports: mode, session, Helcim's reachability, checks, what is open. */
import type { Foundation } from './foundation';
import type { HardwareFeature } from './hardware';
import type { HelcimFeature } from './helcim';
import { unresolvedCount } from '../payments/handlers';
import type { PaymentsFeature } from './payments';
import type { ShopFeature } from './shop';
import type { BackupFeature } from './backup';
import type { StaffFeature } from './staff';
import { statusHandlers } from '../status/handlers';

export function statusFeature(
  foundation: Foundation,
  helcim: HelcimFeature,
  staff: StaffFeature,
  shop: ShopFeature,
  payments: PaymentsFeature,
  hardware: HardwareFeature,
  backup: BackupFeature,
) {
  const { reachability } = helcim;
  const { checkout, terminal, sales, late } = payments;
  return {
    handlers: statusHandlers({
      mode: helcim.mode,
      currency: foundation.currency,
      sessions: foundation.sessions,
      auditCheck: foundation.auditCheck,
      auditCopyCheck: () => shop.shop.auditCopyCheck(),
      reachable: () => reachability.reachable,
      downSince: () => (reachability.downSince === null ? null : new Date(reachability.downSince).toISOString()),
      view: (s) => staff.staff.view(s),
      idleLockSeconds: () => staff.staff.idleLockSeconds(),
      unresolved: () => unresolvedCount({ journal: foundation.journal, checkout, terminal }),
      notices: () => late.notices(),
      terminalCode: () => foundation.settings.get('terminal.code'),
      printer: () => hardware.printer.config().kind,
      shopLanguage: () => foundation.settings.get('shop.language'),
      cashRounding: () => payments.rounding.applies(foundation.currency),
      emailReceipts: () => foundation.settings.get('mail') !== null,
      shopDatabase: () => shop.shop.state(),
      backup: () => {
        const b = backup.backups.status();
        return { problem: b.problem, lastGoodAt: b.lastGoodAt };
      },
      halfPaidSales: () =>
        sales
          .halfPaid()
          .map((s) => ({ saleId: s.saleId, number: s.number, paidCents: s.paidCents, totalCents: s.totalCents })),
    }),
  };
}
