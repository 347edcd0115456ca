/**
 * This counter's receipt printer and the cash drawer wired to it. One place decides when the drawer
 * opens: a cash tender taken, cash handed back, or a manager's "Open drawer (no sale)" — never on a
 * receipt, never on a reprint. A printer problem never blocks or loses a sale: the money is recorded
 * before anything is printed, and the cashier is told "Receipt not printed" with a way to reprint.
 */
import type { OperationName, PrinterConfig, PrintResult, Receipt } from '../../common/contract';
import type { Handlers } from '../router';
import type { OutputPort } from '../reports/output';
import { receiptHtml } from '../reports/render';
import type { Settings } from '../settings/settings';
import { drawerPulseBytes, receiptBytes, testPageBytes } from './escpos';
import type { AmountsBeingTyped } from './customer-display';
import { escapeHtml } from '../html';
import { PrinterFault, sendToPrinter, type NetworkPrinter } from './network-printer';
import { say } from '../language';

export type PrinterDeps = {
  settings: Settings;
  output: OutputPort;
  shopName: () => string;
  audit: (actor: string, action: string, detail: string) => void;
  /** Where each pulse is written down (the journal's events of the attempt it was for). */
  note: (attemptId: string, kind: string, detail: string) => void;
  /** Test seam: the transport to network printers (timeouts shortened in tests). */
  send?: (p: NetworkPrinter, bytes: Uint8Array) => Promise<void>;
};

export class PrinterService {
  constructor(private readonly deps: PrinterDeps) {}

  config(): PrinterConfig {
    return this.deps.settings.get('printer');
  }

  configure(c: PrinterConfig, actor: string): PrinterConfig {
    this.deps.settings.set('printer', c);
    this.deps.audit(
      actor,
      'printer.configured',
      c.kind === 'network' ? `network ${c.host}:${c.port} ${c.paper}mm` : `${c.kind} ${c.deviceName} ${c.paper}mm`,
    );
    return this.config();
  }

  private async toNetwork(bytes: Uint8Array): Promise<PrintResult> {
    const c = this.config();
    if (!c.host) return { printed: false, message: say('printer.noAddress') };
    try {
      await (this.deps.send ?? sendToPrinter)({ host: c.host, port: c.port }, bytes);
      return { printed: true, message: say('printer.printed') };
    } catch (err) {
      return { printed: false, message: err instanceof PrinterFault ? err.message : say('printer.unreachable') };
    }
  }

  /** A receipt, on this counter's printer: ESC/POS to a network printer, silently to an OS printer, else the print dialog. */
  async printReceipt(r: Receipt): Promise<PrintResult> {
    const c = this.config();
    if (c.kind === 'network') {
      const done = await this.toNetwork(receiptBytes(r, c));
      return done.printed
        ? { printed: true, message: say('printer.receiptPrinted') }
        : { printed: false, message: say('printer.receiptNotPrinted', { why: done.message }) };
    }
    const printed = await this.deps.output.print(receiptHtml(r, c.kind === 'os' ? c.paper : undefined), 'Receipt', {
      silent: c.kind === 'os',
      deviceName: c.kind === 'os' ? c.deviceName : undefined,
    });
    return printed
      ? { printed: true, message: say('printer.receiptPrinted') }
      : { printed: false, message: say('printer.receiptNotPrinted', { why: say('printer.notTaken') }) };
  }

  async testPage(): Promise<PrintResult> {
    const c = this.config();
    if (c.kind !== 'network') {
      const printed = await this.deps.output.print(
        // The shop's name comes from settings (or the shop database): escaped, and the page gets the printed pages' CSP.
        `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"></head><body style="width:${c.paper - 8}mm;font:12px monospace"><h1>${escapeHtml(this.deps.shopName())}</h1><p>${escapeHtml(say('printer.testPage'))}</p></body></html>`,
        say('printer.testPage'),
        { silent: c.kind === 'os', deviceName: c.deviceName || undefined },
      );
      return { printed, message: say(printed ? 'printer.testPrinted' : 'printer.testNotPrinted') };
    }
    return this.toNetwork(
      testPageBytes(c, this.deps.shopName(), {
        title: say('printer.testPage'),
        lines: [
          say('printer.testLayout', { columns: c.columns, codepage: c.codepage }),
          say('printer.testLine', { where: `${c.host}:${c.port}`, paper: c.paper }),
        ],
      }),
    );
  }

  /**
   * Opens the drawer. Only three callers exist: a cash tender taken, cash handed back (each once, for
   * its attempt), and a manager's "Open drawer (no sale)". Null: no network printer to send it to
   * (with an OS printer the drawer follows the driver's own setting).
   */
  async openDrawer(
    why: { attemptId: string; for: 'cash taken' | 'cash back' } | { noSale: string },
  ): Promise<PrintResult | null> {
    if (this.config().kind !== 'network') return null;
    const r = await this.toNetwork(drawerPulseBytes());
    const result = r.printed
      ? { printed: true, message: say('drawer.opened') }
      : { printed: false, message: say('drawer.notOpened', { why: r.message }) };
    if ('noSale' in why) this.deps.audit(why.noSale, 'drawer.no_sale', result.message);
    else this.deps.note(why.attemptId, 'drawer_pulse', `${why.for}: ${result.message}`);
    return result;
  }
}

type HardwareOps = Extract<
  OperationName,
  | 'printer.get'
  | 'printer.configure'
  | 'printer.testPage'
  | 'drawer.kick'
  | 'display.get'
  | 'display.configure'
  | 'display.typed'
>;

/** The bridge handlers of the counter's hardware: the receipt printer, its drawer, the customer display. */
export function hardwareHandlers(
  printer: PrinterService,
  settings: Settings,
  audit: PrinterDeps['audit'],
  typing: { amounts: AmountsBeingTyped; now: () => number },
): Pick<Handlers, HardwareOps> {
  return {
    'display.typed': async (p, ctx) => {
      typing.amounts.set(ctx.windowId, {
        amountCents: p.amountCents,
        currency: p.currency,
        staffId: ctx.session.staffId,
        at: typing.now(),
      });
      return null;
    },
    'display.get': async () => settings.get('display.customer'),
    'display.configure': async (p, ctx) => {
      settings.set('display.customer', p);
      audit(ctx.session.staffId, 'display.configured', p.enabled ? `on screen ${p.screen}` : 'off');
      return settings.get('display.customer');
    },
    'printer.get': async () => printer.config(),
    'printer.configure': async (p, ctx) => printer.configure(p, ctx.session.staffId),
    'printer.testPage': async () => printer.testPage(),
    'drawer.kick': async (_p, ctx) =>
      (await printer.openDrawer({ noSale: ctx.session.staffId })) ?? {
        printed: false,
        message: say('drawer.noPrinter'),
      },
  };
}
