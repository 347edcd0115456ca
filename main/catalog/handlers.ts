/** The catalog's operations: cashiers search and scan; managers add, change and deactivate (policy table). */
import type { ScanResult } from '../../common/contract';
import type { Handlers } from '../router';
import { say } from '../language';
import type { Catalog } from './catalog';
import type { CatalogImport } from './import';
import type { QuickKeys } from './quick-keys';
import type { Session } from '../session';
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
  | 'catalog.export'
  | 'catalog.saveExport'
  | 'catalog.quickKeys'
  | 'catalog.arrangeQuickKeys'
  | 'catalog.addAtCounter';

export function catalogHandlers(deps: {
  catalog: Catalog;
  imports: CatalogImport;
  quickKeys: QuickKeys;
  /** Saves a file where the manager chooses (null: cancelled); the shop's day, for its name. */
  saveText: (text: string, name: string) => Promise<string | null>;
  today: () => string;
  record: (actor: string, action: string, detail: string) => void;
  /** A manager's PIN typed at this counter (staff/service.ts), for an item added while a cashier sells. */
  confirmManager: (session: Session, what: string, managerId: string, pin: string) => Promise<{ id: string }>;
  labels: () => readonly LabelPattern[];
  /**
   * How a change is written: at a counter in a shop, into the shop database too (main/shop/service.ts),
   * undone here if it refuses or is away; alone, just here.
   */
  shared: <T>(change: () => T) => Promise<T>;
}): Pick<Handlers, CatalogOps> {
  const { catalog, shared } = deps;
  return {
    'catalog.search': async (p, ctx) => {
      const manager = p.includeInactive === true && ctx.session.role === 'manager';
      // A manager's list with nothing typed yet: the items changed last.
      if (manager && p.query.trim() === '') return catalog.latest();
      return catalog.search(p.query, { withInactive: manager });
    },
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
    'catalog.add': async (p, ctx) => shared(() => catalog.add(ctx.session.staffId, p)),
    // An unknown barcode at a cashier's sale: the manager beside them types their PIN, and the item is
    // theirs in the audit (with the cashier who was selling).
    'catalog.addAtCounter': async (p, ctx) => {
      const manager = await deps.confirmManager(ctx.session, `catalog.add ${p.item.sku}`, p.managerId, p.pin);
      return shared(() => catalog.add(manager.id, p.item, ctx.session.staffId));
    },
    'catalog.update': async (p, ctx) => shared(() => catalog.update(ctx.session.staffId, p.id, p.item)),
    'catalog.setActive': async (p, ctx) => shared(() => catalog.setActive(ctx.session.staffId, p.id, p.active)),
    'catalog.importPreview': async (p, ctx) => deps.imports.preview(p.csv, ctx.session.staffId, ctx.windowId),
    'catalog.importConfirm': async (p, ctx) =>
      shared(() => deps.imports.confirm(p.token, ctx.session.staffId, ctx.windowId)),
    'catalog.export': async () => ({ csv: writeCatalogCsv(catalog.all()) }),
    'catalog.saveExport': async (_p, ctx) => {
      const items = catalog.all();
      const path = await deps.saveText(writeCatalogCsv(items), `catalog-${deps.today()}.csv`);
      if (path) deps.record(ctx.session.staffId, 'catalog.exported', `${items.length} items`);
      return { path, items: items.length };
    },
    'catalog.quickKeys': async () => deps.quickKeys.pages(),
    'catalog.arrangeQuickKeys': async (p, ctx) =>
      shared(() => deps.quickKeys.arrange(ctx.session.staffId, p.department, p.itemIds)),
  };
}
