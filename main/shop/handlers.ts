/** The bridge handlers of the shop database: a manager links this counter, sees the link, and the whole shop's day. */
import type { Currency, OperationName, ShopLinkView } from '../../preload/contract';
import { localDay, localDayBounds } from '../../preload/days';
import type { Handlers } from '../router';
import type { Settings } from '../settings/settings';
import type { ShopLinkService } from './service';

type ShopOps = Extract<OperationName, 'shop.get' | 'shop.link' | 'report.shop' | 'report.shopZ'>;

export function shopHandlers(d: { shop: ShopLinkService; settings: Settings; currency: Currency; counterId: string }): Pick<Handlers, ShopOps> {
  const view = async (linkCode?: string | null): Promise<ShopLinkView> => ({
    link: d.settings.get('shop.link'),
    state: d.shop.state(),
    linkCode: linkCode ?? (await d.shop.linkCode()),
  });
  return {
    'shop.get': async () => view(),
    'shop.link': async (p, ctx) => {
      const { password, linkCode, ...link } = p;
      const r = await d.shop.link(link, password, ctx.session.staffId, linkCode);
      return view(r.linkCode);
    },
    'report.shopZ': async (_p, ctx) => d.shop.closeShopDay(ctx.session.staffId),
    'report.shop': async (p) => {
      const date = p.date ?? localDay();
      const { from, to } = localDayBounds(date);
      const totals = await d.shop.totals(from.toISOString(), to.toISOString());
      const counters = totals.counters.map((c) => ({ ...c, thisCounter: c.counterId === d.counterId }));
      return { date, currency: d.currency, counters, netCents: totals.netCents };
    },
  };
}
