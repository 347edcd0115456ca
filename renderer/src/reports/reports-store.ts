/** Managers: the running X report, closing the day (Z) and exports. */
import { create } from 'zustand';
import type { BridgeError, DayReport } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { currentT } from '../base/i18n';

type ReportsSlice = {
  report: DayReport | null;
  error: BridgeError | null;
  notice: string;
  closing: boolean;
  loadX: () => Promise<void>;
  closeDay: () => Promise<void>;
  exportAs: (format: 'csv' | 'pdf') => Promise<void>;
};

export const useReports = create<ReportsSlice>((set, get) => ({
  report: null,
  error: null,
  notice: '',
  closing: false,
  loadX: async () => set({ notice: '', ...settled(await pos.report.x({}), (report) => ({ report })) }),
  closeDay: async () => {
    if (get().closing) return; // a double or triple click closes once (main refuses a second Z anyway)
    set({ closing: true });
    const r = await pos.report.z({ confirm: true });
    set({
      closing: false,
      ...settled(r, (report) => ({ report, notice: currentT().t('report.dayClosed', { number: report.number ?? 0 }) })),
    });
  },
  exportAs: async (format) => {
    const report = get().report;
    const r = await pos.report.export({ number: report?.kind === 'z' ? report.number : null, format });
    set(
      settled(r, (v) => ({
        notice: v.path ? currentT().t('common.savedAs', { path: v.path }) : currentT().t('common.notSaved'),
      })),
    );
  },
}));
