/** The catalog feature, built for core.ts: items, barcodes and search, and their handlers. */
import type { Foundation } from './foundation';
import { localDay } from '../../common/days';
import type { StaffFeature } from './staff';
import { Catalog } from '../catalog/catalog';
import { catalogHandlers } from '../catalog/handlers';
import { CatalogImport } from '../catalog/import';
import { QuickKeys } from '../catalog/quick-keys';
import { CatalogCopy } from '../catalog/shared';
import type { ShopFeature } from './shop';

export function catalogFeature(foundation: Foundation, staff: StaffFeature, shop: ShopFeature) {
  const labels = () => foundation.settings.get('catalog.labels');
  const catalog = new Catalog({ db: foundation.db, now: foundation.now, record: foundation.record, labels });
  const imports = new CatalogImport({
    db: foundation.db,
    catalog,
    labels,
    now: foundation.now,
    record: foundation.record,
  });
  const quickKeys = new QuickKeys({ db: foundation.db, catalog, record: foundation.record });
  // At a counter in a shop, this copy follows the shop database's catalog (main/shop/service.ts).
  shop.shop.shareCatalog(
    new CatalogCopy({
      db: foundation.db,
      catalog,
      sealer: () => foundation.staffStore.sealer(),
      record: foundation.record,
    }),
  );
  return {
    catalog,
    quickKeys,
    labels,
    handlers: catalogHandlers({
      catalog,
      imports,
      labels,
      quickKeys,
      confirmManager: (session, what, managerId, pin) => staff.staff.confirmManager(session, what, managerId, pin),
      saveText: (text, name) => foundation.output.saveText(text, name),
      today: () => localDay(foundation.now()),
      record: foundation.record,
      shared: (change) => shop.shop.sharedCatalog(change),
    }),
  };
}
export type CatalogFeature = ReturnType<typeof catalogFeature>;
