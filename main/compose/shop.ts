/** The shop database feature, built for core.ts: the link to the shop's PostgreSQL, started, and its handlers. */
import type { Foundation } from './foundation';
import { shopHandlers } from '../shop/handlers';
import { ShopLinkService } from '../shop/service';

export async function shopFeature(foundation: Foundation) {
  const shop = new ShopLinkService({
    db: foundation.db,
    settings: foundation.settings,
    keychain: foundation.keys.keychain,
    staff: foundation.staffStore,
    localPepper: foundation.keys.pepper,
    counterId: foundation.keys.databaseId,
    invoicePrefix: foundation.invoicePrefix,
    now: foundation.now,
    audit: foundation.record,
    signOut: (staffId, why) => foundation.sessions.signOutStaff(staffId, why),
    afterCommit: foundation.options.shopAfterCommit,
    verifyAuditChain: (rows) => foundation.audit.verifyChain(rows),
  });
  await shop.start();
  // With the shop's pepper in use (a linked counter), rows from before seals are sealed — once per database.
  await foundation.staffStore.sealOnce(foundation.keys.keychain);
  return {
    shop,
    handlers: shopHandlers({
      shop,
      settings: foundation.settings,
      currency: foundation.currency,
      counterId: foundation.keys.databaseId,
      staffName: (id) => foundation.staffStore.record(id)?.name,
    }),
  };
}
export type ShopFeature = Awaited<ReturnType<typeof shopFeature>>;
