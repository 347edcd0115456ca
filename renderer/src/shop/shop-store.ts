/** Staff & settings → Shop database (a manager): where this counter ships, linking it, and the whole shop's day. */
import { create } from 'zustand';
import type { BridgeError, ShopLinkView, ShopProbe, ShopReport, ShopZ } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import { useStatus } from '../base/status-store';
import { forgetOnSignOut } from '../base/forget';

export type ShopLinkForm = {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  linkCode?: string;
  certificate?: string;
  plaintext?: true;
};

type ShopSlice = {
  view: ShopLinkView | null;
  busy: boolean;
  error: BridgeError | null;
  report: ShopReport | null;
  reportError: BridgeError | null;
  /** The last shop Z closed here, or why it could not be. */
  shopZ: ShopZ | null;
  shopZError: BridgeError | null;
  load: () => Promise<void>;
  link: (form: ShopLinkForm) => Promise<boolean>;
  /** What the server at host:port presents (TLS and its certificate's fingerprint), before anything is sent to it. */
  checked: { host: string; port: number; probe: ShopProbe } | null;
  check: (host: string, port: number) => Promise<void>;
  /** A new link code for the next counter, shown once (the previous one stops working). */
  newLinkCode: () => Promise<void>;
  loadReport: () => Promise<void>;
  closeShopDay: () => Promise<void>;
  reset: () => void;
};

export const useShop = create<ShopSlice>((set) => ({
  view: null,
  busy: false,
  error: null,
  report: null,
  reportError: null,
  shopZ: null,
  shopZError: null,
  load: async () => set(settled(await pos.shop.get({}), (view) => ({ view }))),
  link: async (form) => {
    set({ busy: true, error: null });
    const r = await pos.shop.link(form);
    set({ busy: false, ...settled(r, (view) => ({ view })) });
    await useStatus.getState().refresh();
    return r.ok;
  },
  checked: null,
  check: async (host, port) => {
    set({ busy: true, error: null, checked: null });
    const r = await pos.shop.probe({ host, port });
    set(r.ok ? { busy: false, checked: { host, port, probe: r.value } } : { busy: false, error: r.error });
  },
  newLinkCode: async () => {
    set({ busy: true, error: null });
    const r = await pos.shop.newLinkCode({});
    set({ busy: false, ...settled(r, (view) => ({ view })) });
  },
  loadReport: async () => {
    const r = await pos.report.shop({});
    set(r.ok ? { report: r.value, reportError: null } : { report: null, reportError: r.error });
  },
  closeShopDay: async () => {
    set({ busy: true, shopZ: null, shopZError: null });
    const r = await pos.report.shopZ({ confirm: true });
    set(r.ok ? { busy: false, shopZ: r.value } : { busy: false, shopZError: r.error });
  },
  reset: () =>
    set({
      view: null,
      busy: false,
      error: null,
      report: null,
      reportError: null,
      shopZ: null,
      shopZError: null,
      checked: null,
    }),
}));

forgetOnSignOut(() => useShop.getState().reset());
