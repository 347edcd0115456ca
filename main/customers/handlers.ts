/**
 * The bridge handlers of the customers feature: find, add and attach a customer, list and remove their
 * saved cards. Saving a card and charging one are money operations: their handlers live with the
 * other charges (main/payments/handlers.ts), behind the rule that nobody charges while an earlier
 * outcome is unknown.
 */
import { PosError } from '../errors';
import type { Journal } from '../journal/journal';
import type { Handlers } from '../router';
import type { SaleView } from '../../common/contract';
import type { Customers } from './customers';

type CustomerOps =
  'customers.search' | 'customers.add' | 'sale.setCustomer' | 'customers.cards' | 'customers.removeCard';

export function customerHandlers(deps: {
  customers: Customers;
  sales: { view(saleId: string): SaleView };
  journal: Pick<Journal, 'bySale'>;
}): Pick<Handlers, CustomerOps> {
  return {
    'customers.search': async (p) => deps.customers.search(p.text),
    'customers.add': async (p, ctx) =>
      deps.customers.add(
        { contactName: p.contactName, businessName: p.businessName, cellPhone: p.cellPhone },
        ctx.session.staffId,
      ),
    // Before the sale's first tender only: its invoice and card parts carry the customer.
    'sale.setCustomer': async (p, ctx) => {
      const sale = deps.sales.view(p.saleId);
      if (sale.state !== 'open') throw new PosError('invalid_payload', 'error.sale.closed', { state: sale.state });
      const tenders = deps.journal.bySale(p.saleId).length;
      if (p.customerCode === null) {
        deps.customers.detach(p.saleId, ctx.session.staffId, tenders);
        return null;
      }
      return deps.customers.attach(p.saleId, p.customerCode, ctx.session.staffId, tenders);
    },
    'customers.cards': async (p) => deps.customers.cards(p.customerCode),
    'customers.removeCard': async (p, ctx) => deps.customers.removeCard(p.customerCode, p.cardId, ctx.session.staffId),
  };
}
