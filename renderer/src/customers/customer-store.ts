/**
 * Customers at the counter, from the screen's side (main/customers keeps the rules): Helcim's
 * customers found by name, business or phone, one added with the customer's consent, attached to the
 * sale; the attached customer's saved cards, each with the consent recorded for it.
 */
import { create } from 'zustand';
import type { BridgeError, HelcimCustomerView, SaleCustomer, SavedCardView } from '../../../common/contract';
import { pos } from '../base/pos';
import { forgetOnSignOut } from '../base/forget';

type CustomerSlice = {
  found: HelcimCustomerView[];
  cards: SavedCardView[];
  error: BridgeError | null;
  search: (text: string) => Promise<void>;
  add: (c: { contactName: string; businessName: string; cellPhone: string }) => Promise<HelcimCustomerView | null>;
  /** Attaches (or, null, removes) the sale's customer; true when main agreed. */
  attach: (saleId: string, customerCode: string | null) => Promise<SaleCustomer | null | false>;
  loadCards: (customerCode: string) => Promise<void>;
  removeCard: (customerCode: string, cardId: number) => Promise<void>;
  reset: () => void;
};

export const useCustomers = create<CustomerSlice>((set) => ({
  found: [],
  cards: [],
  error: null,
  search: async (text) => {
    const r = await pos.customers.search({ text });
    set(r.ok ? { found: r.value, error: null } : { found: [], error: r.error });
  },
  add: async (c) => {
    const r = await pos.customers.add({ ...c, consent: true });
    if (!r.ok) {
      set({ error: r.error });
      return null;
    }
    set({ found: [r.value], error: null });
    return r.value;
  },
  attach: async (saleId, customerCode) => {
    const r = await pos.sale.setCustomer({ saleId, customerCode });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ error: null, cards: [] });
    return r.value;
  },
  loadCards: async (customerCode) => {
    const r = await pos.customers.cards({ customerCode });
    set(r.ok ? { cards: r.value, error: null } : { cards: [], error: r.error });
  },
  removeCard: async (customerCode, cardId) => {
    const r = await pos.customers.removeCard({ customerCode, cardId });
    set(r.ok ? { cards: r.value, error: null } : { error: r.error });
  },
  reset: () => set({ found: [], cards: [], error: null }),
}));

forgetOnSignOut(() => useCustomers.getState().reset());
