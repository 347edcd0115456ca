/** The catalog's operations: cashiers search and scan; managers add, change and deactivate (policy table). */
import type { ScanResult } from '../../common/contract';
import type { Handlers } from '../router';
import { say } from '../language';
import type { Catalog } from './catalog';
import type { CatalogImport } from './import';
import { writeCatalogCsv } from './csv';
import { labelAmountIn, readBarcode, type LabelPattern } from './barcodes';

type CatalogOps =
  | 'catalog.search'
  | 'catalog.scan'
  | 'catalog.add'
  | 'catalog.update'
  | 'catalog.setActive'
  | 'catalog.importPreview'
  | 'catalog.importConfirm'
  | 'catalog.export';

export function catalogHandlers(deps: {
  catalog: Catalog;
  imports: CatalogImport;
  labels: () => readonly LabelPattern[];
}): Pick<Handlers, CatalogOps> {
  const { catalog } = deps;
  return {
    'catalog.search': async (p, ctx) =>
      catalog.search(p.query, { withInactive: p.includeInactive === true && ctx.session.role === 'manager' }),
    'catalog.scan': async (p): Promise<ScanResult> => {
      const read = readBarcode(p.code, deps.labels());
      if (read.kind === 'unreadable') return { found: 'unreadable', message: say(`scan.unreadable.${read.reason}`) };
      if (read.kind === 'label') {
        const item = catalog.byGtin(read.key);
        if (!item) return { found: 'unknown', code: read.key, message: say('scan.unknown') };
        return read.value === 'price'
          ? { found: 'item', item, labelPriceCents: labelAmountIn(read, 2) }
          : { found: 'item', item, labelQuantityMilli: labelAmountIn(read, 3) };
      }
      // An 8-digit code that is both an EAN-8 and a UPC-E: whichever an item has.
      for (const gtin of read.gtins) {
        const item = catalog.byGtin(gtin);
        if (item) return { found: 'item', item };
      }
      return { found: 'unknown', code: read.gtins[0]!, message: say('scan.unknown') };
    },
    'catalog.add': async (p, ctx) => catalog.add(ctx.session.staffId, p),
    'catalog.update': async (p, ctx) => catalog.update(ctx.session.staffId, p.id, p.item),
    'catalog.setActive': async (p, ctx) => catalog.setActive(ctx.session.staffId, p.id, p.active),
    'catalog.importPreview': async (p, ctx) => deps.imports.preview(p.csv, ctx.session.staffId, ctx.windowId),
    'catalog.importConfirm': async (p, ctx) => deps.imports.confirm(p.token, ctx.session.staffId, ctx.windowId),
    'catalog.export': async () => ({ csv: writeCatalogCsv(catalog.all()) }),
  };
}
