/** The bridge handlers of the shop database: a manager links this counter, sees the link, and the whole shop's day. */
import type { Currency, OperationName, ShopLinkView } from '../../common/contract';
import { localDay, localDayBounds } from '../../common/days';
import type { Handlers } from '../router';
import type { Settings } from '../settings/settings';
import type { ShopLinkService } from './service';

type ShopOps = Extract<
  OperationName,
  'shop.get' | 'shop.link' | 'shop.probe' | 'shop.newLinkCode' | 'report.shop' | 'report.shopZ' | 'history.shop'
>;

export function shopHandlers(deps: {
  shop: ShopLinkService;
  settings: Settings;
  currency: Currency;
  counterId: string;
  staffName: (id: string) => string | undefined;
}): Pick<Handlers, ShopOps> {
  // A link code is in the answer only where it was just made (founding, or a manager asking for a new one): shown once.
  const view = (linkCode: string | null = null): ShopLinkView => ({
    link: deps.settings.get('shop.link'),
    state: deps.shop.state(),
    linkCode,
  });
  return {
    'shop.get': async () => view(),
    'shop.link': async (p, ctx) => {
      const { password, linkCode, ...link } = p;
      const r = await deps.shop.link(link, password, ctx.session.staffId, linkCode);
      return view(r.linkCode);
    },
    'shop.probe': async (p) => deps.shop.probe(p.host, p.port),
    'shop.newLinkCode': async (_p, ctx) => view(await deps.shop.renewLinkCode(ctx.session.staffId)),
    'report.shopZ': async (_p, ctx) => deps.shop.closeShopDay(ctx.session.staffId),
    'history.shop': async (p) => {
      const { from, to } = localDayBounds(p.date ?? localDay());
      const rows = await deps.shop.searchShop({
        from: from.toISOString(),
        to: to.toISOString(),
        amountCents: p.amountCents,
        last4: p.last4,
      });
      return rows.map((r) => ({
        counter: r.invoice_prefix,
        thisCounter: r.counter_id === deps.counterId,
        attemptId: r.id,
        time: r.created_at.toISOString(),
        kind: r.kind,
        state: r.state,
        tender: r.tender,
        amountCents: r.amount_cents,
        currency: r.currency as Currency,
        ...(r.card_type ? { cardType: r.card_type } : {}),
        ...(r.card_last4 ? { cardLast4: r.card_last4 } : {}),
        ...(deps.staffName(r.staff_id) ? { staffName: deps.staffName(r.staff_id) } : {}),
      }));
    },
    'report.shop': async (p) => {
      const date = p.date ?? localDay();
      const { from, to } = localDayBounds(date);
      const totals = await deps.shop.totals(from.toISOString(), to.toISOString());
      const counters = totals.counters.map((c) => ({ ...c, thisCounter: c.counterId === deps.counterId }));
      return {
        date,
        currency: deps.currency,
        counters,
        netCents: totals.netCents,
        unsealedRows: totals.unsealed,
        missingRows: totals.missing.map((m) => ({ invoicePrefix: m.invoicePrefix, payments: m.payments })),
        ...totals.lines,
      };
    },
  };
}
