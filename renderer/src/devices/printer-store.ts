/** This counter's receipt printer: its settings (a manager's), printing receipts, and the drawer with no sale. */
import { create } from 'zustand';
import type { BridgeError, CustomerDisplaySetting, PrinterConfig, PrintResult } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { useStatus } from '../base/status-store';
import { currentT } from '../base/i18n';
import { forgetOnSignOut } from '../base/forget';

type PrinterSlice = {
  config: PrinterConfig | null;
  /** The customer display (a second screen). */
  display: CustomerDisplaySetting | null;
  error: BridgeError | null;
  /** The last thing the printer did (saved, test page, drawer opened), in plain words. */
  said: PrintResult | null;
  /** Receipts printed by the result screen, by attempt: what happened to each. */
  receipts: Record<string, PrintResult | 'printing'>;
  load: () => Promise<void>;
  saveDisplay: (d: CustomerDisplaySetting) => Promise<void>;
  save: (c: PrinterConfig) => Promise<void>;
  testPage: () => Promise<void>;
  openDrawer: () => Promise<void>;
  /** Prints a receipt (first time or reprint); never opens the drawer. */
  print: (attemptId: string) => Promise<void>;
  reset: () => void;
};

export const usePrinter = create<PrinterSlice>((set, get) => ({
  config: null,
  display: null,
  error: null,
  said: null,
  receipts: {},
  load: async () => {
    set(settled(await pos.printer.get({}), (config) => ({ config })));
    set(settled(await pos.display.get({}), (display) => ({ display })));
  },
  saveDisplay: async (d) =>
    set(
      settled(await pos.display.configure(d), (display) => ({
        display,
        said: { printed: true, message: currentT().t('common.saved') },
      })),
    ),
  save: async (c) => {
    set({
      said: null,
      ...settled(await pos.printer.configure(c), (config) => ({
        config,
        said: { printed: true, message: currentT().t('common.saved') },
      })),
    });
    // Every screen learns the printer from the status (the result screen prints by itself).
    await useStatus.getState().refresh();
  },
  testPage: async () => set({ said: null, ...settled(await pos.printer.testPage({}), (said) => ({ said })) }),
  openDrawer: async () => set({ said: null, ...settled(await pos.drawer.kick({}), (said) => ({ said })) }),
  print: async (attemptId) => {
    if (get().receipts[attemptId] === 'printing') return;
    set({ receipts: { ...get().receipts, [attemptId]: 'printing' } });
    const r = await pos.receipt.print({ attemptId });
    set({
      receipts: {
        ...get().receipts,
        [attemptId]: r.ok
          ? r.value
          : { printed: false, message: currentT().t('printer.receiptNotPrinted', { why: r.error.message }) },
      },
    });
  },
  reset: () => set({ config: null, display: null, error: null, said: null, receipts: {} }),
}));

forgetOnSignOut(() => usePrinter.getState().reset());
