/** The bridge handlers of history, receipts and end-of-day reports, and where their files go. */
import { localDay } from '../../common/days';
import type { AuditLog } from '../journal/audit';
import { assertLookupDay, type TokenSlot } from '../policy/table';
import type { Handlers } from '../router';
import type { OutputPort } from './output';
import type { DayReport, PrintResult, Receipt } from '../../common/contract';
import { receiptHtml, reportCsv, reportHtml } from './render';
import type { Reports } from './reports';

/** What printing a receipt needs from the printer (hardware/printer.ts's PrinterService is one). */
export type ReceiptPrinter = { printReceipt(r: Receipt): Promise<PrintResult> };

type ReportOps =
  'history.search' | 'receipt.get' | 'receipt.print' | 'receipt.savePdf' | 'report.x' | 'report.z' | 'report.export';

/** The file name a report is saved under: z-report-7-2026-11-26, or x-report-2026-11-26. */
export const reportFileName = (r: DayReport) =>
  `${r.kind === 'z' ? `z-report-${r.number}` : 'x-report'}-${r.to.slice(0, 10)}`;

export function reportHandlers(deps: {
  reports: Reports;
  audit: AuditLog;
  output: OutputPort;
  printer: ReceiptPrinter;
  shopName: () => string;
  /** The token for Helcim's list in reports, if any token may look up (X/Z work without one). */
  lookupSlot: () => TokenSlot | null;
  now: () => number;
  /** After a Z is closed (the backup that follows it). */
  afterZ?: (staffId: string) => void;
}): Pick<Handlers, ReportOps> {
  const { reports, audit, output } = deps;
  return {
    'history.search': async (p, ctx) => {
      assertLookupDay(ctx.session.role, p.date, localDay(deps.now()));
      return reports.history(p, ctx.token);
    },
    'receipt.get': async (p) => reports.receipt(p.attemptId),
    // Printing never opens the drawer (PrinterService.openDrawer has its own three callers).
    'receipt.print': async (p, ctx) =>
      audit.after(ctx.session.staffId, 'receipt.print', p.attemptId, () =>
        deps.printer.printReceipt(reports.receipt(p.attemptId)),
      ),
    'receipt.savePdf': async (p) => {
      const r = reports.receipt(p.attemptId);
      return { path: await output.savePdf(receiptHtml(r), `receipt-${r.transactionId ?? r.attemptId}.pdf`) };
    },
    'report.x': async () => reports.x(deps.lookupSlot()),
    'report.z': async (_p, ctx) => {
      const z = await audit.after(ctx.session.staffId, 'report.z', 'day closed', () =>
        reports.z(ctx.session.staffId, deps.lookupSlot()),
      );
      deps.afterZ?.(ctx.session.staffId);
      return z;
    },
    'report.export': async (p) => {
      const r = p.number === null ? await reports.x(deps.lookupSlot()) : reports.stored(p.number);
      const name = reportFileName(r);
      return {
        path:
          p.format === 'csv'
            ? await output.saveText(reportCsv(r), `${name}.csv`)
            : await output.savePdf(reportHtml(r, deps.shopName()), `${name}.pdf`),
      };
    },
  };
}
