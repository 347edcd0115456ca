/** The shop database feature, built for core.ts: the link to the shop's PostgreSQL, started, and its handlers. */
import type { Foundation } from './foundation';
import { shopHandlers } from '../shop/handlers';
import { ShopLinkService } from '../shop/service';

export async function shopFeature(f: Foundation) {
  const shop = new ShopLinkService({
    db: f.db,
    settings: f.settings,
    keychain: f.keys.keychain,
    staff: f.staffStore,
    localPepper: f.keys.pepper,
    counterId: f.keys.databaseId,
    invoicePrefix: f.invoicePrefix,
    now: f.now,
    audit: f.record,
    signOut: (staffId, why) => f.sessions.signOutStaff(staffId, why),
    afterCommit: f.options.shopAfterCommit,
    verifyAuditChain: (rows) => f.audit.verifyChain(rows),
  });
  await shop.start();
  // With the shop's pepper in use (a linked counter), rows from before seals are sealed — once per database.
  await f.staffStore.sealOnce(f.keys.keychain);
  return {
    shop,
    handlers: shopHandlers({
      shop,
      settings: f.settings,
      currency: f.currency,
      counterId: f.keys.databaseId,
      staffName: (id) => f.staffStore.record(id)?.name,
    }),
  };
}
export type ShopFeature = Awaited<ReturnType<typeof shopFeature>>;
