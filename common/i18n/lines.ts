/**
 * A cart line's words, the same on the Sale screen, the customer display and the receipt: its name
 * in a language (the other one when the item has none in it), and its quantity as that language
 * writes numbers ("2", "1.250 kg", "1,250 kg").
 */
import type { Currency, SaleDiscount, SaleLine, SaleTax } from '../contract';
import { translator, type Locale } from './translator';

/** An item's or a line's name in `locale`, else in the other language. */
export function nameIn(l: { name: { en: string; fr: string } }, locale: Locale): string {
  return (locale === 'fr-CA' ? l.name.fr || l.name.en : l.name.en || l.name.fr) || '—';
}

/** Whole pieces ("2"), or a weight to the gram with its unit ("1.250 kg"). */
export function quantityIn(l: Pick<SaleLine, 'quantityMilli' | 'soldBy'>, locale: Locale): string {
  const n = l.quantityMilli / 1000;
  return l.soldBy === 'unit'
    ? new Intl.NumberFormat(locale).format(n)
    : `${new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(n)} ${l.soldBy}`;
}

/** A tax as a receipt names it: "GST 5 %", "TVQ 9,975 %", "HST 13 % (included)". */
export function taxLabelIn(x: Pick<SaleTax, 'code' | 'rateMillionths' | 'included'>, locale: Locale): string {
  const { t } = translator(locale);
  const rate = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(x.rateMillionths / 10_000);
  const label = t('tax.line', { code: x.code, rate });
  return x.included ? t('tax.lineIncluded', { label }) : label;
}

/**
 * A discount as the screen, the receipt and the customer display name it: its reason and what was
 * asked ("Damaged item: 10 % off", "Price match: price $3.00"), with the manager who approved it.
 */
export function discountTextIn(d: SaleDiscount, locale: Locale, currency: Currency): string {
  const { t, money } = translator(locale);
  const what =
    d.kind === 'percent'
      ? t('discount.percentText', {
          percent: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(d.value / 100),
        })
      : d.kind === 'amount'
        ? t('discount.amountText', { amount: money(d.value, currency) })
        : t('discount.priceText', { amount: money(d.value, currency) });
  const text = t('discount.line', { reason: locale === 'fr-CA' ? d.reason.fr : d.reason.en, what });
  return d.approvedBy ? `${text} (${t('discount.approvedBy', { name: d.approvedBy })})` : text;
}
