/**
 * The manager's catalog: items found (on sale or not), an item added or changed, taken off sale or
 * put back; a CSV file previewed, then imported; a department's quick keys arranged. Main checks
 * and does all of it; this slice follows.
 */
import { create } from 'zustand';
import type { BridgeError, ImportPreview, ItemDraft, ItemView, QuickKeyPage } from '../../../common/contract';
import { pos } from '../base/pos';
import { currentT } from '../base/i18n';
import { forgetOnSignOut } from '../base/forget';

type CatalogAdminSlice = {
  query: string;
  items: ItemView[];
  error: BridgeError | null;
  notice: string | null;
  /** The file's preview, waiting for the manager's yes; then what was written. */
  preview: ImportPreview | null;
  imported: ImportPreview | null;
  pages: QuickKeyPage[];
  find: (query: string) => Promise<void>;
  save: (id: string | null, draft: ItemDraft) => Promise<boolean>;
  setActive: (item: ItemView, active: boolean) => Promise<void>;
  previewFile: (csv: string) => Promise<void>;
  confirmImport: () => Promise<void>;
  dropPreview: () => void;
  /** The catalog saved as CSV where the manager chooses; `notice` says where. */
  saveExport: () => Promise<void>;
  loadPages: () => Promise<void>;
  arrange: (department: string, itemIds: string[]) => Promise<boolean>;
  reset: () => void;
};

const empty = {
  query: '',
  items: [] as ItemView[],
  error: null,
  notice: null,
  preview: null,
  imported: null,
  pages: [] as QuickKeyPage[],
};

export const useCatalogAdmin = create<CatalogAdminSlice>((set, get) => ({
  ...empty,
  find: async (query) => {
    set({ query });
    const r = await pos.catalog.search({ query, includeInactive: true });
    if (get().query !== query) return;
    set(r.ok ? { items: r.value, error: null } : { error: r.error });
  },
  save: async (id, draft) => {
    const r = id ? await pos.catalog.update({ id, item: draft }) : await pos.catalog.add(draft);
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ error: null, notice: null });
    await get().find(get().query);
    return true;
  },
  setActive: async (item, active) => {
    const r = await pos.catalog.setActive({ id: item.id, active });
    if (!r.ok) return set({ error: r.error });
    set({ items: get().items.map((i) => (i.id === item.id ? r.value : i)), error: null });
  },
  previewFile: async (csv) => {
    set({ preview: null, imported: null, error: null });
    const r = await pos.catalog.importPreview({ csv });
    set(r.ok ? { preview: r.value } : { error: r.error });
  },
  confirmImport: async () => {
    const p = get().preview;
    if (!p) return;
    const r = await pos.catalog.importConfirm({ token: p.token });
    set(r.ok ? { preview: null, imported: r.value, error: null } : { preview: null, error: r.error });
    if (r.ok) await get().find(get().query);
  },
  dropPreview: () => set({ preview: null }),
  saveExport: async () => {
    const r = await pos.catalog.saveExport({});
    if (!r.ok) return set({ error: r.error });
    const { t } = currentT();
    set({
      error: null,
      notice: r.value.path
        ? t('catalog.export.saved', { count: r.value.items, path: r.value.path })
        : t('catalog.export.cancelled'),
    });
  },
  loadPages: async () => {
    const r = await pos.catalog.quickKeys({});
    set(r.ok ? { pages: r.value } : { error: r.error });
  },
  arrange: async (department, itemIds) => {
    const r = await pos.catalog.arrangeQuickKeys({ department, itemIds });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ pages: r.value, error: null });
    return true;
  },
  reset: () => set({ ...empty }),
}));

forgetOnSignOut(() => useCatalogAdmin.getState().reset());
