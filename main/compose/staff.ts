/** The staff feature, built for core.ts: sign-in, accounts and manager overrides, and their handlers. */
import type { Foundation } from './foundation';
import type { HelcimFeature } from './helcim';
import type { ShopFeature } from './shop';
import { staffHandlers } from '../staff/handlers';
import { StaffService } from '../staff/service';

export function staffFeature(foundation: Foundation, helcim: HelcimFeature, shop: ShopFeature) {
  const staff = new StaffService(
    foundation.staffStore,
    foundation.sessions,
    foundation.approvals,
    () => helcim.gateway.access(),
    foundation.audit,
    foundation.settings,
    (id, change) => shop.shop.shared(id, change),
  );
  return { staff, handlers: staffHandlers(staff) };
}
export type StaffFeature = ReturnType<typeof staffFeature>;
