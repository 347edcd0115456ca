/** The counter's hardware, built for core.ts: the receipt printer and its drawer, what the customer display shows, and their handlers. */
import type { Foundation } from './foundation';
import { AmountsBeingTyped } from '../hardware/customer-display';
import { hardwareHandlers, PrinterService } from '../hardware/printer';

export function hardwareFeature(f: Foundation) {
  const printer = new PrinterService({
    settings: f.settings,
    output: f.output,
    shopName: f.shopName,
    audit: f.record,
    note: (id, kind, detail) => f.journal.event(id, kind, detail),
    send: f.options.printerSend,
  });
  // What a cashier types before a sale opens, for the customer display (nobody's once they sign out).
  const typing = new AmountsBeingTyped();
  return {
    printer,
    typing,
    handlers: hardwareHandlers(printer, f.settings, f.record, { amounts: typing, now: f.now }),
  };
}
export type HardwareFeature = ReturnType<typeof hardwareFeature>;
