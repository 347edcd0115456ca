/** Managers: pairing this counter's Smart Terminal (Helcim setup). Main pings it and keeps its code. */
import { create } from 'zustand';
import type { BridgeError, BridgeResult, TerminalInfo } from '../../../common/contract';
import { pos } from '../base/pos';
import { useStatus } from '../base/status-store';

type TerminalSetupSlice = {
  busy: boolean;
  error: BridgeError | null;
  info: TerminalInfo | null;
  /** Codes on the Helcim account, once a manager asked for the list. */
  devices: string[] | null;
  pair: (deviceCode: string) => Promise<void>;
  unpair: () => Promise<void>;
  list: () => Promise<void>;
};

export const useTerminalSetup = create<TerminalSetupSlice>((set) => {
  const act = async (run: () => Promise<BridgeResult<TerminalInfo>>) => {
    set({ busy: true });
    const r = await run();
    set(r.ok ? { busy: false, error: null, info: r.value } : { busy: false, error: r.error });
    await useStatus.getState().refresh();
  };
  return {
    busy: false,
    error: null,
    info: null,
    devices: null,
    pair: (deviceCode) => act(() => pos.terminal.pair({ deviceCode })),
    unpair: () => act(() => pos.terminal.unpair({})),
    list: async () => {
      const r = await pos.terminal.devices({});
      set(r.ok ? { error: null, devices: r.value.map((d) => d.code) } : { error: r.error, devices: null });
    },
  };
});
