/**
 * Receipts and reports as printable HTML (for print and PDF) and reports as CSV. Self-contained
 * pages: inline styles only, no scripts, every value escaped.
 */
import type { DayReport, Receipt, ReportLine } from '../../common/contract';

import { escapeHtml as esc } from '../html';
import { translator, type MessageKey, type Translator } from '../../common/i18n';
import { footerKey, receiptHeadlineCents, receiptRows } from '../../common/i18n/receipt';
import {
  DIFFERENCES,
  OTHER_COUNTERS,
  reportSections,
  drawerLines,
  lineLabel,
  type ReportGroup,
} from '../../common/i18n/report';
import { speakingNow } from '../language';
import { PHONE_NUMBER } from './phone-numbers';
const page = (title: string, body: string, lang: string, width = '80mm') => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
 @page { margin: 6mm; }
 body { font: 12px 'DejaVu Sans Mono', monospace; width: ${width}; margin: 0 auto; color: #000; }
 h1 { font-size: 16px; text-align: center; margin: 4px 0; }
 .c { text-align: center; } .big { font-size: 18px; font-weight: bold; }
 table { width: 100%; border-collapse: collapse; } td, th { padding: 2px 0; text-align: left; } td.r, th.r { text-align: right; }
 .train { border: 2px dashed #000; padding: 4px; text-align: center; font-weight: bold; margin: 6px 0; }
 hr { border: 0; border-top: 1px dashed #000; }
</style></head><body>${body}</body></html>`;

/** An address line, escaped, with each phone number kept on one line (a 58 mm roll is narrow). */
const keepNumbersWhole = (line: string) =>
  esc(line).replace(PHONE_NUMBER, (n) => `<span style="white-space:nowrap">${n}</span>`);

/** `paperMm`: a thermal roll printed through its OS driver (58 or 80 mm); otherwise an 80 mm-wide page. */
export function receiptHtml(r: Receipt, paperMm?: 58 | 80): string {
  const { t, money, dateTime } = translator(r.locale);
  const row = ([k, v]: [string, string | undefined]) =>
    v ? `<tr><td>${esc(k)}</td><td class="r">${esc(v)}</td></tr>` : '';
  return page(
    `${t(`receipt.title.${r.kind}`)} ${r.transactionId ?? r.attemptId}`,
    `<h1>${esc(r.shop)}</h1>
${r.shopAddress ? `<p class="c">${r.shopAddress.split('\n').map(keepNumbersWhole).join('<br>')}</p>` : ''}
<p class="c">${esc(dateTime(r.time))}</p>
${r.training ? `<div class="train">${esc(t('receipt.training'))}</div>` : ''}
<p class="c big">${esc(t(`receipt.title.${r.kind}`))}<br>${esc(money(receiptHeadlineCents(r), r.currency))}</p>
<hr><table>
${receiptRows(r)
  .map(({ label, value }) => row([label, value]))
  .join('\n')}
</table><hr>
<p class="c">${esc(t(footerKey(r)))}</p>`,
    r.locale,
    // A thermal roll through its driver: the page is the roll's printable width (4 mm margins each side).
    paperMm ? `${paperMm - 8}mm` : undefined,
  );
}

const lines = (tr: Translator, title: MessageKey, group: ReportGroup, rows: ReportLine[], currency: string) =>
  `<h2>${esc(tr.t(title))}</h2><table><tr><th></th><th class="r">${esc(tr.t('report.count'))}</th><th class="r">${esc(tr.t('report.total'))}</th></tr>${rows
    .map(
      (l) =>
        `<tr><td>${esc(lineLabel(tr, group, l.key, l.names))}</td><td class="r">${l.count}</td><td class="r">${esc(tr.money(l.cents, currency))}</td></tr>`,
    )
    .join('')}</table>`;

function drawerHtml(tr: Translator, r: DayReport): string {
  if (!r.drawer) return '';
  return `<h2>${esc(tr.t('report.drawer.title', { open: String(r.drawer.open) }))}</h2><table>${drawerLines(r.drawer)
    .map(
      ([k, v]) =>
        `<tr><td>${esc(tr.t(k))}</td><td class="r">${v === null ? '—' : esc(tr.money(v, r.currency))}</td></tr>`,
    )
    .join('')}</table>`;
}

/** The report as a page for print and PDF, in the language of the manager who asked for it. */
export function reportHtml(r: DayReport, shop: string, tr: Translator = translator(speakingNow())): string {
  const rec = r.reconciliation;
  const when = (iso: string) => tr.dateTime(iso);
  return page(
    tr.t('report.heading', { kind: r.kind, number: r.number ?? 0 }),
    `<h1>${esc(shop)} — ${esc(tr.t('report.heading', { kind: r.kind, number: r.number ?? 0 }))}</h1>
<p class="c">${esc(when(r.from))} → ${esc(when(r.to))}</p>
${reportSections(r)
  .map((s) => lines(tr, s.title, s.group, s.rows(r), r.currency))
  .join('\n')}
${drawerHtml(tr, r)}
<p class="big">${esc(tr.t('report.net', { amount: tr.money(r.netCents, r.currency) }))}</p>
<h2>${esc(tr.t('report.checked'))}</h2><p>${esc(rec.message)}</p>
${[...DIFFERENCES, OTHER_COUNTERS].map((d) => (d.ids(rec).length ? `<p>${esc(tr.t(d.title))}: ${d.ids(rec).map(esc).join(', ')}</p>` : '')).join('')}`,
    tr.locale,
    '180mm',
  );
}

/** A number cell (a count, or an amount in dollars with 2 decimals): written bare, so a spreadsheet sums it. */
type NumberCell = { number: string };
const num = (n: number, decimals = 0): NumberCell => ({ number: n.toFixed(decimals) });

const csvCell = (v: string | NumberCell) => {
  if (typeof v !== 'string') {
    // Only our own formatted numbers get here; anything else would be a bug, so it is quoted as text.
    // Stryker disable next-line ConditionalExpression,Regex: equivalent — num() only ever makes numbers this pattern takes whole.
    if (/^-?\d+(\.\d+)?$/.test(v.number)) return v.number;
    v = v.number;
  }
  // Text is always quoted; a cell a spreadsheet would run as a formula (= + - @, or a leading tab
  // or carriage return it strips first) is neutralised with a leading apostrophe.
  return `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
};

/** The report as CSV: headers and labels in the manager's language, amounts as bare numbers (dollars, 2 decimals). */
export function reportCsv(r: DayReport, tr: Translator = translator(speakingNow())): string {
  const { t } = tr;
  const out: (string | NumberCell)[][] = [
    [t('report.csv.report'), r.kind === 'z' ? `Z${r.number}` : 'X'],
    [t('report.csv.from'), r.from],
    [t('report.csv.to'), r.to],
    [t('report.csv.currency'), r.currency],
    [],
  ];
  out.push([t('report.csv.group'), t('report.csv.key'), t('report.count'), t('report.total')]);
  for (const s of reportSections(r))
    for (const l of s.rows(r))
      out.push([
        t('report.csv.groupName', { group: s.group }),
        lineLabel(tr, s.group, l.key, l.names),
        num(l.count),
        num(l.cents / 100, 2),
      ]);
  if (r.drawer)
    for (const [k, v] of drawerLines(r.drawer))
      out.push([t('report.csv.groupName', { group: 'drawer' }), t(k), '', v === null ? '' : num(v / 100, 2)]);
  out.push(
    [],
    [t('report.csv.net'), '', '', num(r.netCents / 100, 2)],
    [t('report.csv.helcimCheck'), r.reconciliation.message],
  );
  return out.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
