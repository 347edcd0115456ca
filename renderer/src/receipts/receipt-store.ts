/** The receipt on screen (after a sale, or from History): show, print, save as PDF. */
import { create } from 'zustand';
import type { BridgeError, Receipt } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { currentT } from '../base/i18n';
import { forgetOnSignOut } from '../base/forget';

type ReceiptSlice = {
  receipt: Receipt | null;
  notice: string;
  error: BridgeError | null;
  open: (attemptId: string) => Promise<void>;
  print: () => Promise<void>;
  savePdf: () => Promise<void>;
  close: () => void;
};

export const useReceipt = create<ReceiptSlice>((set, get) => ({
  receipt: null,
  notice: '',
  error: null,
  open: async (attemptId) => set(settled(await pos.receipt.get({ attemptId }), (receipt) => ({ receipt, notice: '' }))),
  print: async () => {
    const id = get().receipt?.attemptId;
    if (!id) return;
    set(
      settled(await pos.receipt.print({ attemptId: id }), (v) => ({
        notice: v.printed ? currentT().t('receipt.sent') : v.message,
      })),
    );
  },
  savePdf: async () => {
    const id = get().receipt?.attemptId;
    if (!id) return;
    set(
      settled(await pos.receipt.savePdf({ attemptId: id }), (v) => ({
        notice: v.path ? currentT().t('common.savedAs', { path: v.path }) : currentT().t('common.notSaved'),
      })),
    );
  },
  close: () => set({ receipt: null, notice: '', error: null }),
}));

forgetOnSignOut(() => useReceipt.getState().close());
