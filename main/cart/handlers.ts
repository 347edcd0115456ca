/** The cart's operation: the Sale screen's lines, priced in main. */
import type { Handlers } from '../router';
import type { CartService } from './cart';

export function cartHandlers(cart: CartService): Pick<Handlers, 'sale.cart'> {
  return {
    'sale.cart': async (p, ctx) => cart.set(p, ctx.session),
  };
}
