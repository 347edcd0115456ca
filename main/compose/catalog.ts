/** The catalog feature, built for core.ts: items, barcodes and search, and their handlers. */
import type { Foundation } from './foundation';
import { Catalog } from '../catalog/catalog';
import { catalogHandlers } from '../catalog/handlers';
import { CatalogImport } from '../catalog/import';

export function catalogFeature(foundation: Foundation) {
  const labels = () => foundation.settings.get('catalog.labels');
  const catalog = new Catalog({ db: foundation.db, now: foundation.now, record: foundation.record, labels });
  const imports = new CatalogImport({
    db: foundation.db,
    catalog,
    labels,
    now: foundation.now,
    record: foundation.record,
  });
  return { catalog, labels, handlers: catalogHandlers({ catalog, imports, labels }) };
}
export type CatalogFeature = ReturnType<typeof catalogFeature>;
