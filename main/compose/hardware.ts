/** The counter's hardware, built for core.ts: the receipt printer and its drawer, what the customer display shows, and their handlers. */
import type { Foundation } from './foundation';
import { AmountsBeingTyped } from '../hardware/customer-display';
import { hardwareHandlers, PrinterService } from '../hardware/printer';

export function hardwareFeature(foundation: Foundation) {
  const printer = new PrinterService({
    settings: foundation.settings,
    output: foundation.output,
    shopName: foundation.shopName,
    audit: foundation.record,
    note: (id, kind, detail) => foundation.journal.event(id, kind, detail),
    send: foundation.options.printerSend,
  });
  // What a cashier types before a sale opens, for the customer display (nobody's once they sign out).
  const typing = new AmountsBeingTyped();
  return {
    printer,
    typing,
    handlers: hardwareHandlers(printer, foundation.settings, foundation.record, {
      amounts: typing,
      now: foundation.now,
    }),
  };
}
export type HardwareFeature = ReturnType<typeof hardwareFeature>;
