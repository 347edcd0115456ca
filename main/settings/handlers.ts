/**
 * The bridge handlers that change a shop setting from a screen: the idle lock, a blind drawer close,
 * the shop's language, its sales tax. Each is a manager's (policy table), saved through Settings' own
 * schema, and audited with who changed it to what.
 */
import type { TaxSettings } from '../../common/contract';
import type { Handlers } from '../router';
import type { Settings, SettingValue } from './settings';

type SettingsOps =
  | 'settings.setIdleLock'
  | 'settings.setBlindClose'
  | 'settings.setLanguage'
  | 'settings.tax'
  | 'settings.setTax'
  | 'settings.discounts'
  | 'settings.setDiscounts';

/** The tax setting as the manager's form shows it. */
function taxForm(t: SettingValue<'tax'>): TaxSettings {
  return {
    jurisdiction: t.jurisdiction,
    pricesInclude: t.pricesInclude,
    usRateMillionths: t.usRates[0]?.rateMillionths ?? 0,
    usCashRounding: t.roundCash,
    legalName: t.legalName ?? '',
    gstHstNumber: t.gstHstNumber ?? '',
    qstNumber: t.qstNumber ?? '',
    categories: t.categories.map((c) => ({ name: c.name, taxes: c.taxes.map((x) => ({ ...x })) })),
  };
}

/** A registration number as receipts print it: 123456789 RT 0001. */
const spaced = (n: string, letters: string) => n.replace(/\s/g, '').replace(letters, ` ${letters} `);

export function settingsHandlers(deps: {
  settings: Settings;
  audit: (staffId: string, kind: string, detail: string) => void;
}): Pick<Handlers, SettingsOps> {
  const { settings, audit } = deps;
  return {
    'settings.setIdleLock': async (p, ctx) => {
      settings.set('idle_lock_seconds', p.seconds);
      audit(ctx.session.staffId, 'settings.idle_lock', String(p.seconds));
      return null;
    },
    'settings.setBlindClose': async (p, ctx) => {
      settings.set('drawer.blind_close', p.blind);
      audit(ctx.session.staffId, 'settings.blind_close', String(p.blind));
      return null;
    },
    'settings.setLanguage': async (p, ctx) => {
      settings.set('shop.language', p.language);
      audit(ctx.session.staffId, 'settings.language', p.language);
      return null;
    },
    'settings.tax': async () => taxForm(settings.get('tax')),
    // From the next cart on; a sale already priced keeps the taxes it was priced with.
    'settings.setTax': async (p, ctx) => {
      const before = settings.get('tax');
      settings.set('tax', {
        ...before,
        jurisdiction: p.jurisdiction,
        pricesInclude: p.pricesInclude,
        usRates: p.usRateMillionths > 0 ? [{ code: 'SALES', rateMillionths: p.usRateMillionths }] : [],
        roundCash: p.usCashRounding,
        legalName: p.legalName.trim() || null,
        gstHstNumber: p.gstHstNumber ? spaced(p.gstHstNumber, 'RT') : null,
        qstNumber: p.qstNumber ? spaced(p.qstNumber, 'TQ') : null,
        categories: p.categories ?? before.categories,
      });
      audit(
        ctx.session.staffId,
        'settings.tax',
        `${p.jurisdiction ?? 'no tax'}, prices ${p.pricesInclude ? 'include' : 'exclude'} tax${p.jurisdiction === 'US' ? `, rate ${p.usRateMillionths}` : ''}${p.categories?.length ? `, categories ${p.categories.map((c) => c.name).join(', ')}` : ''}`,
      );
      return taxForm(settings.get('tax'));
    },
    'settings.discounts': async () => settings.get('discounts'),
    // From the next cart change on; a discount already given keeps the reason's names it had.
    'settings.setDiscounts': async (p, ctx) => {
      settings.set('discounts', p);
      audit(
        ctx.session.staffId,
        'settings.discounts',
        `cashier limit ${p.cashierLimitBasisPoints} bp, reasons ${p.reasons.map((r) => r.id).join(', ') || 'none'}`,
      );
      return settings.get('discounts');
    },
  };
}
