/**
 * An X/Z report's sections and their words, in one place for the End of day screen (renderer), the
 * PDF and the CSV (main): which lines, under which title, and how a line's key reads in a language
 * (a kind of payment, a tender, "cash" and "unknown" brands; cashier names and card brands are names).
 */
import type { DayReport, DrawerLine, ReportLine, ShopLines } from '../contract';
import type { MessageKey, Translator } from './translator';
import { taxLabelIn } from './lines';
import type { SaleTax } from '../contract';

export type ReportGroup =
  | 'type'
  | 'cashier'
  | 'brand'
  | 'tender'
  | 'tenderCashier'
  | 'tips'
  | 'taxCollected'
  | 'taxRefunded'
  | 'rounding'
  | 'discountReason'
  | 'discountCashier';

/**
 * A report's sections, in order. `whenEmpty: false`: left out of a report that has none of its lines
 * (a shop that charges no tax sees no tax section).
 */
export const REPORT_SECTIONS: {
  group: ReportGroup;
  title: MessageKey;
  rows: (r: DayReport) => ReportLine[];
  whenEmpty?: false;
}[] = [
  { group: 'type', title: 'report.byType', rows: (r) => r.byType },
  { group: 'cashier', title: 'report.byCashier', rows: (r) => r.byCashier },
  { group: 'brand', title: 'report.byBrand', rows: (r) => r.byBrand },
  { group: 'tender', title: 'report.byTender', rows: (r) => r.byTender },
  { group: 'tenderCashier', title: 'report.byTenderCashier', rows: (r) => r.byTenderCashier },
  { group: 'tips', title: 'report.tips', rows: (r) => [r.tips] },
  { group: 'taxCollected', title: 'report.taxCollected', rows: (r) => r.taxCollected ?? [], whenEmpty: false },
  { group: 'taxRefunded', title: 'report.taxRefunded', rows: (r) => r.taxRefunded ?? [], whenEmpty: false },
  {
    group: 'rounding',
    title: 'report.rounding',
    rows: (r) => (r.rounding && r.rounding.count > 0 ? [r.rounding] : []),
    whenEmpty: false,
  },
  {
    group: 'discountReason',
    title: 'report.discountsByReason',
    rows: (r) => r.discountsByReason ?? [],
    whenEmpty: false,
  },
  {
    group: 'discountCashier',
    title: 'report.discountsByCashier',
    rows: (r) => r.discountsByCashier ?? [],
    whenEmpty: false,
  },
];

/**
 * The whole shop's sections (its day, or its Z): the tax, rounding and discount lines its counters add
 * up to (the sections a report leaves out when empty are exactly those), with their lines; none that
 * has no line.
 */
export function shopLineSections(z: ShopLines): { group: ReportGroup; title: MessageKey; lines: ReportLine[] }[] {
  // Only these sections' rows are read, and a shop's lines are exactly theirs.
  const lines: Pick<
    DayReport,
    'taxCollected' | 'taxRefunded' | 'rounding' | 'discountsByReason' | 'discountsByCashier'
  > = {
    taxCollected: z.taxCollected,
    taxRefunded: z.taxRefunded,
    ...(z.rounding[0] ? { rounding: z.rounding[0] } : {}),
    discountsByReason: z.discountsByReason,
    discountsByCashier: z.discountsByCashier,
  };
  return REPORT_SECTIONS.filter((s) => s.whenEmpty === false)
    .map((s) => ({ group: s.group, title: s.title, lines: s.rows(lines as DayReport) }))
    .filter((s) => s.lines.length > 0);
}

/** The sections a report shows: every one, but those left out when they have no line. */
export function reportSections(r: DayReport): typeof REPORT_SECTIONS {
  return REPORT_SECTIONS.filter((s) => s.whenEmpty !== false || s.rows(r).length > 0);
}

/** How a line's key reads: main keys lines by kind (`purchase`), tender (`cash`), `cash · Casey`, brand or name. */
export function lineLabel(
  { t, locale }: Translator,
  group: ReportGroup,
  key: string,
  names?: ReportLine['names'],
): string {
  // A discount's reason: its name in this language, as the manager's list named it then.
  if (names) return locale === 'fr-CA' ? names.fr : names.en;
  if (group === 'taxCollected' || group === 'taxRefunded') {
    const [code, rate] = key.split(' ');
    return taxLabelIn({ code: code as SaleTax['code'], rateMillionths: Number(rate), included: false }, locale);
  }
  if (group === 'type') return t('history.kind', { kind: key });
  if (group === 'tender') return t('report.tender', { tender: key });
  if (group === 'tips') return t('report.tipsLine');
  if (group === 'rounding') return t('report.roundingLine');
  if (group === 'brand' && (key === 'Cash' || key === 'Unknown')) return t('report.brandOther', { brand: key });
  if (group === 'tenderCashier') {
    const at = key.indexOf(' · ');
    if (at > 0) return `${t('report.tender', { tender: key.slice(0, at) })} · ${key.slice(at + 3)}`;
  }
  return key;
}

/** The drawer section: float, cash in and out, expected, counted, over/short (null: not counted yet). */
export function drawerLines(d: DrawerLine): [MessageKey, number | null][] {
  return [
    ['report.drawer.float', d.floatCents],
    ['report.drawer.cashSales', d.cashSalesCents],
    // Only where cash is rounded to 5¢ and some was.
    ...(d.roundingCents ? [['report.drawer.rounding', d.roundingCents] as [MessageKey, number]] : []),
    ['report.drawer.paidIn', d.paidInCents],
    ['report.drawer.paidOut', d.paidOutCents],
    ['report.drawer.expected', d.expectedCents],
    ['report.drawer.counted', d.countedCents],
    ['report.drawer.overShort', d.overShortCents],
  ];
}

/**
 * The differences with Helcim's list, each with its title: transaction ids, or (`sentences`) one
 * sentence each that says the sale, what differs and what to do.
 */
export const DIFFERENCES: {
  title: MessageKey;
  ids: (r: DayReport['reconciliation']) => string[];
  sentences?: true;
}[] = [
  { title: 'report.diff.missingAtHelcim', ids: (c) => c.missingAtHelcim },
  { title: 'report.diff.notInJournal', ids: (c) => c.notInJournal },
  { title: 'report.diff.amounts', ids: (c) => c.amountMismatch },
  { title: 'report.diff.otherCard', ids: (c) => c.refundsToOtherCard ?? [] },
  { title: 'report.diff.invoices', ids: (c) => c.invoices ?? [], sentences: true },
];

/** Not differences: Helcim's rows made by the shop's other counters (told by their invoice prefix). */
export const OTHER_COUNTERS: { title: MessageKey; ids: (r: DayReport['reconciliation']) => string[] } = {
  title: 'report.diff.otherCounters',
  ids: (c) => c.otherCounters,
};
