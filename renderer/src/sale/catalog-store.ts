/**
 * What the Sale screen offers to pick from: the search's results as the cashier types, and the
 * quick keys a manager arranged (one page per department). Main searches and keeps the pages.
 */
import { create } from 'zustand';
import type { BridgeError, ItemView, QuickKeyPage } from '../../../common/contract';
import { pos } from '../base/pos';
import { forgetOnSignOut } from '../base/forget';

type CatalogSlice = {
  query: string;
  results: ItemView[];
  /** The query the results are for (an older answer arriving late is dropped). */
  resultsFor: string;
  pages: QuickKeyPage[];
  /** The quick-key page on show (a department). */
  page: string | null;
  error: BridgeError | null;
  setQuery: (query: string) => Promise<void>;
  loadPages: () => Promise<void>;
  showPage: (department: string) => void;
  clear: () => void;
};

export const useCatalog = create<CatalogSlice>((set, get) => ({
  query: '',
  results: [],
  resultsFor: '',
  pages: [],
  page: null,
  error: null,
  setQuery: async (query) => {
    set({ query });
    const text = query.trim();
    if (text === '') return set({ results: [], resultsFor: '', error: null });
    const r = await pos.catalog.search({ query: text });
    if (get().query !== query) return; // typed on meanwhile: a newer search is on its way
    set(r.ok ? { results: r.value, resultsFor: query, error: null } : { results: [], error: r.error });
  },
  loadPages: async () => {
    const r = await pos.catalog.quickKeys({});
    if (!r.ok) return set({ error: r.error });
    const page = get().page;
    set({
      pages: r.value,
      page: r.value.some((p) => p.department === page) ? page : (r.value[0]?.department ?? null),
    });
  },
  showPage: (department) => set({ page: department }),
  clear: () => set({ query: '', results: [], resultsFor: '' }),
}));

forgetOnSignOut(() => useCatalog.getState().clear());
