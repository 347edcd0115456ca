/** Managers: the staff list, account changes and the idle lock. */
import { create } from 'zustand';
import type { BridgeError, BridgeResult, Role, StaffRecord } from '../../../common/contract';
import { pos, settled } from '../base/pos';
import type { Locale } from '../../../common/i18n/index';
import { useStatus } from '../base/status-store';
import { currentT } from '../base/i18n';

type StaffSlice = {
  staff: StaffRecord[];
  error: BridgeError | null;
  notice: string;
  load: () => Promise<void>;
  add: (name: string, role: Role, pin: string) => Promise<boolean>;
  setActive: (s: StaffRecord) => Promise<boolean>;
  resetPin: (s: StaffRecord, pin: string) => Promise<boolean>;
  setIdleLock: (minutes: number) => Promise<boolean>;
  /** Their own language for the counter's screens (null: the shop's). */
  setLanguage: (s: StaffRecord, language: Locale | null) => Promise<boolean>;
};

export const useStaff = create<StaffSlice>((set, get) => {
  /** One change: say what was done (or why not), then show the list as main now has it. */
  const change = async (r: BridgeResult<unknown>, done: string) => {
    set(settled(r, () => ({ notice: done })));
    if (!r.ok) set({ notice: '' });
    else await get().load();
    return r.ok;
  };
  return {
    staff: [],
    error: null,
    notice: '',
    load: async () => set(settled(await pos.staff.list({}), (staff) => ({ staff }))),
    add: async (name, role, pin) =>
      change(await pos.staff.add({ name, role, pin }), currentT().t('staff.added', { name: name.trim() })),
    setActive: async (s) =>
      change(
        await pos.staff.setActive({ staffId: s.id, active: !s.active }),
        currentT().t('staff.toggled', { name: s.name, active: String(!s.active) }),
      ),
    resetPin: async (s, pin) =>
      change(await pos.staff.resetPin({ staffId: s.id, pin }), currentT().t('staff.pinSet', { name: s.name })),
    setLanguage: async (s, language) => {
      const ok = await change(
        await pos.staff.setLanguage({ staffId: s.id, language }),
        currentT().t('staff.languageSaved', { name: s.name }),
      );
      await useStatus.getState().refresh();
      return ok;
    },
    setIdleLock: async (minutes) => {
      const ok = await change(
        await pos.settings.setIdleLock({ seconds: minutes * 60 }),
        currentT().t('staff.idleSaved'),
      );
      await useStatus.getState().refresh();
      return ok;
    },
  };
});
