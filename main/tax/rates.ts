/**
 * Canada's sales taxes as data (DESIGN.md §12): each rate with the date it took effect, the date it
 * ended (if it did) and where it is published. A rate change is a new row here with its future date —
 * the counter starts charging it that day, with no new version needed for the day itself. Nothing
 * else in the code knows a rate.
 *
 * Rates are in millionths (9.975 % = 99 750), so every rate in force is an integer and the tax
 * arithmetic (rules.ts) stays in integers.
 */

import { JURISDICTIONS, TAX_CODES } from '../../common/limits';

export { JURISDICTIONS };
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export type TaxCode = (typeof TAX_CODES)[number];

export type TaxRate = {
  code: TaxCode;
  /** Where it applies: 'CA' (federal GST, every province without HST) or a province. */
  where: 'CA' | Exclude<Jurisdiction, 'US'>;
  rateMillionths: number;
  /** First day charged (the shop's local day, YYYY-MM-DD). */
  from: string;
  /** First day no longer charged, or null while in force. */
  until: string | null;
  source: string;
};

const CRA_GST_HST =
  'https://www.canada.ca/en/revenue-agency/services/tax/businesses/topics/gst-hst-businesses/charge-collect-which-rate/calculator.html';

export const TAX_RATES: readonly TaxRate[] = [
  { code: 'GST', where: 'CA', rateMillionths: 50_000, from: '2008-01-01', until: null, source: CRA_GST_HST },
  { code: 'HST', where: 'ON', rateMillionths: 130_000, from: '2010-07-01', until: null, source: CRA_GST_HST },
  { code: 'HST', where: 'NB', rateMillionths: 150_000, from: '2016-07-01', until: null, source: CRA_GST_HST },
  { code: 'HST', where: 'NL', rateMillionths: 150_000, from: '2016-07-01', until: null, source: CRA_GST_HST },
  { code: 'HST', where: 'PE', rateMillionths: 150_000, from: '2016-10-01', until: null, source: CRA_GST_HST },
  { code: 'HST', where: 'NS', rateMillionths: 150_000, from: '2010-07-01', until: '2025-04-01', source: CRA_GST_HST },
  {
    code: 'HST',
    where: 'NS',
    rateMillionths: 140_000,
    from: '2025-04-01',
    until: null,
    source:
      'https://www.canada.ca/en/revenue-agency/news/newsroom/tax-tips/tax-tips-2025/nova-scotia-hst-rate-decrease.html',
  },
  {
    code: 'PST',
    where: 'BC',
    rateMillionths: 70_000,
    from: '2013-04-01',
    until: null,
    source: 'https://www2.gov.bc.ca/gov/content/taxes/sales-taxes/pst',
  },
  {
    code: 'RST',
    where: 'MB',
    rateMillionths: 70_000,
    from: '2019-07-01',
    until: null,
    source: 'https://www.gov.mb.ca/finance/taxation/taxes/retail.html',
  },
  {
    code: 'PST',
    where: 'SK',
    rateMillionths: 60_000,
    from: '2017-03-23',
    until: null,
    source:
      'https://www.saskatchewan.ca/business/taxes-licensing-and-reporting/provincial-taxes-policies-and-bulletins/provincial-sales-tax',
  },
  {
    // On the price before GST (since 2013 the QST is no longer charged on the GST).
    code: 'QST',
    where: 'QC',
    rateMillionths: 99_750,
    from: '2013-01-01',
    until: null,
    source:
      'https://www.revenuquebec.ca/en/businesses/consumption-taxes/gsthst-and-qst/collecting-gst-and-qst/calculating-the-taxes/',
  },
];

/** Provinces that charge the HST in place of the GST (and of any provincial sales tax). */
const HST_PROVINCES = new Set(['ON', 'NB', 'NL', 'NS', 'PE']);

/** The taxes in force in a jurisdiction on a day, in the order a receipt lists them. US shops: none here (their own). */
export function taxesOn(where: Jurisdiction, day: string): TaxRate[] {
  if (where === 'US') return [];
  const inForce = (r: TaxRate) => r.from <= day && (r.until === null || day < r.until);
  const own = TAX_RATES.filter((r) => r.where === where && inForce(r));
  // The HST holds the federal part: no GST beside it.
  return HST_PROVINCES.has(where) ? own : [...TAX_RATES.filter((r) => r.where === 'CA' && inForce(r)), ...own];
}
