/** The cart's operations: the Sale screen's lines, priced in main; a sale's lines as a return sees them. */
import type { Handlers } from '../router';
import type { CartService } from './cart';
import type { LineReturns } from './returns';

export function cartHandlers(
  cart: CartService,
  lineReturns: LineReturns,
): Pick<Handlers, 'sale.cart' | 'sale.discountQuote' | 'returns.lines' | 'returns.quote'> {
  return {
    'sale.cart': async (p, ctx) => cart.set(p, ctx.session, ctx.windowId),
    'sale.discountQuote': async (p, ctx) => cart.quote(p, ctx.session),
    'returns.lines': async (p) => lineReturns.returnable(lineReturns.saleToReturn(p)),
    'returns.quote': async (p) => lineReturns.quote(lineReturns.saleToReturn({ saleNumber: p.saleNumber }), p.lines),
  };
}
