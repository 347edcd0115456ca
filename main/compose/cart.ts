/** The cart feature, built for core.ts: a sale's lines priced from the catalog, and its handler. */
import type { Foundation } from './foundation';
import type { CatalogFeature } from './catalog';
import type { PaymentsFeature } from './payments';
import { CartService } from '../cart/cart';
import { cartHandlers } from '../cart/handlers';
import { localDay } from '../../common/days';

export function cartFeature(foundation: Foundation, catalog: CatalogFeature, payments: PaymentsFeature) {
  const cart = new CartService({
    db: foundation.db,
    catalog: catalog.catalog,
    labels: catalog.labels,
    sales: payments.sales,
    lines: payments.saleLines,
    tax: () => {
      const t = foundation.settings.get('tax');
      return {
        setup: t.jurisdiction ? { jurisdiction: t.jurisdiction, usRates: t.usRates, categories: t.categories } : null,
        pricesInclude: t.pricesInclude,
      };
    },
    today: () => localDay(foundation.now()),
    discounts: () => foundation.settings.get('discounts'),
    approvals: foundation.approvals,
    audit: foundation.record,
  });
  return { cart, handlers: cartHandlers(cart, payments.lineReturns) };
}
