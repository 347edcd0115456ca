/**
 * Receipts and reports as printable HTML (for print and PDF) and reports as CSV. Self-contained
 * pages: inline styles only, no scripts, every value escaped.
 */
import type { DayReport, Receipt, ReportLine } from '../../preload/contract';

import { escapeHtml as esc } from '../html';
import { translator, type MessageKey } from '../../preload/i18n';
const money = (cents: number, currency: string) => new Intl.NumberFormat('en-CA', { style: 'currency', currency }).format(cents / 100);
const when = (iso: string) => new Date(iso).toLocaleString('en-CA', { dateStyle: 'medium', timeStyle: 'short' });
/** The closing line of a receipt, by what it was for. */
export function footerKey(r: Pick<Receipt, 'kind' | 'cash'>): MessageKey {
  if (r.kind === 'preauth') return 'receipt.footer.preauth';
  if (r.kind === 'release') return 'receipt.footer.release';
  if (r.kind === 'refund' || r.kind === 'reverse') return r.cash ? 'receipt.footer.cashBack' : 'receipt.footer.moneyBack';
  return 'receipt.footer.approved';
}

/** A receipt's label/value rows, in its language — one list for paper (ESC/POS) and page (HTML). */
export function receiptRows(r: Receipt): [string, string | undefined][] {
  const { t, money, brand } = translator(r.locale);
  const m = (cents: number) => money(cents, r.currency);
  const how = (x: NonNullable<Receipt['sale']>['tenders'][number]) =>
    x.tender === 'cash' ? t('receipt.cash') : `${brand(x.cardType)}${x.cardLast4 ? ` •••• ${x.cardLast4}` : ''}`;
  return [
    ...(r.sale
      ? ([
          [t('receipt.row.saleTotal', { number: r.sale.number }), m(r.sale.totalCents)],
          ...r.sale.tenders.map((x) => [t('receipt.row.paidBy', { how: how(x) }), m(x.amountCents)]),
        ] as [string, string][])
      : []),
    [t('receipt.row.sale'), r.tipCents ? m(r.amountCents - r.tipCents) : undefined],
    [t('receipt.row.tip'), r.tipCents ? m(r.tipCents) : undefined],
    [t('receipt.row.total'), r.tipCents ? m(r.amountCents) : undefined],
    [t('receipt.row.cashTendered'), r.cash ? m(r.cash.tenderedCents) : undefined],
    [t('receipt.row.change'), r.cash ? m(r.cash.changeCents) : undefined],
    [t('receipt.row.card'), r.cardLast4 ? `${brand(r.cardType)} •••• ${r.cardLast4}` : undefined],
    [t('receipt.row.approval'), r.approvalCode],
    [t('receipt.row.transaction'), r.transactionId],
    [t('receipt.row.original'), r.originalTransactionId],
    [t('receipt.row.cashier'), r.cashier],
    [t('receipt.row.authorizedBy'), r.approver],
  ];
}

const page = (title: string, body: string, width = '80mm', lang = 'en-CA') => `<!doctype html>
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

/** `paperMm`: a thermal roll printed through its OS driver (58 or 80 mm); otherwise an 80 mm-wide page. */
export function receiptHtml(r: Receipt, paperMm?: 58 | 80): string {
  const { t, money, dateTime } = translator(r.locale);
  const row = ([k, v]: [string, string | undefined]) => (v ? `<tr><td>${esc(k)}</td><td class="r">${esc(v)}</td></tr>` : '');
  return page(
    `${t(`receipt.title.${r.kind}`)} ${r.transactionId ?? r.attemptId}`,
    `<h1>${esc(r.shop)}</h1>
${r.shopAddress ? `<p class="c">${r.shopAddress.split('\n').map(esc).join('<br>')}</p>` : ''}
<p class="c">${esc(dateTime(r.time))}</p>
${r.training ? `<div class="train">${esc(t('receipt.training'))}</div>` : ''}
<p class="c big">${esc(t(`receipt.title.${r.kind}`))}<br>${esc(money(r.kind === 'verify' ? 0 : r.amountCents, r.currency))}</p>
<hr><table>
${receiptRows(r).map(row).join('\n')}
</table><hr>
<p class="c">${esc(t(footerKey(r)))}</p>`,
    // A thermal roll through its driver: the page is the roll's printable width (4 mm margins each side).
    paperMm ? `${paperMm - 8}mm` : undefined,
    r.locale,
  );
}

const lines = (title: string, rows: ReportLine[], currency: string) =>
  `<h2>${esc(title)}</h2><table><tr><th></th><th class="r">Count</th><th class="r">Total</th></tr>${rows
    .map((l) => `<tr><td>${esc(l.key)}</td><td class="r">${l.count}</td><td class="r">${esc(money(l.cents, currency))}</td></tr>`)
    .join('')}</table>`;

/** The drawer section: float, cash in and out, expected, counted, over/short. */
function drawerRows(r: DayReport): [string, number | null][] {
  const d = r.drawer;
  if (!d) return [];
  return [
    ['float', d.floatCents],
    ['cash sales less cash refunds', d.cashSalesCents],
    ['paid in', d.paidInCents],
    ['paid out', d.paidOutCents],
    ['expected in the drawer', d.expectedCents],
    ['counted', d.countedCents],
    ['over (+) / short (−)', d.overShortCents],
  ];
}

function drawerHtml(r: DayReport): string {
  if (!r.drawer) return '';
  return `<h2>Cash drawer (${r.drawer.open ? 'open' : 'closed'})</h2><table>${drawerRows(r)
    .map(([k, v]) => `<tr><td>${esc(k)}</td><td class="r">${v === null ? '—' : esc(money(v, r.currency))}</td></tr>`)
    .join('')}</table>`;
}

export function reportHtml(r: DayReport, shop: string): string {
  const rec = r.reconciliation;
  const list = (label: string, ids: string[]) => (ids.length ? `<p>${esc(label)}: ${ids.map(esc).join(', ')}</p>` : '');
  return page(
    `${r.kind.toUpperCase()} report`,
    `<h1>${esc(shop)} — ${r.kind === 'z' ? `Z report #${r.number} (day closed)` : 'X report (running)'}</h1>
<p class="c">${esc(when(r.from))} → ${esc(when(r.to))}</p>
${lines('By type', r.byType, r.currency)}
${lines('By cashier', r.byCashier, r.currency)}
${lines('By card brand', r.byBrand, r.currency)}
${lines('By tender (taken less given back)', r.byTender, r.currency)}
${lines('By tender and cashier', r.byTenderCashier, r.currency)}
${lines('Tips (included above)', [r.tips], r.currency)}
${drawerHtml(r)}
<p class="big">Net: ${esc(money(r.netCents, r.currency))}</p>
<h2>Checked against Helcim</h2><p>${esc(rec.message)}</p>
${list('Approved here, missing at Helcim', rec.missingAtHelcim)}${list('At Helcim, not in this journal', rec.notInJournal)}${list('Amounts differ', rec.amountMismatch)}`,
    '180mm',
  );
}

/** A number cell (a count, or an amount in dollars with 2 decimals): written bare, so a spreadsheet sums it. */
type NumberCell = { number: string };
const num = (n: number, decimals = 0): NumberCell => ({ number: n.toFixed(decimals) });

const csvCell = (v: string | NumberCell) => {
  if (typeof v !== 'string') {
    // Only our own formatted numbers get here; anything else would be a bug, so it is quoted as text.
    if (/^-?\d+(\.\d+)?$/.test(v.number)) return v.number;
    v = v.number;
  }
  // Text is always quoted; a cell a spreadsheet would run as a formula (= + - @, or a leading tab
  // or carriage return it strips first) is neutralised with a leading apostrophe.
  return `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
};

export function reportCsv(r: DayReport): string {
  const out: (string | NumberCell)[][] = [['report', r.kind === 'z' ? `Z${r.number}` : 'X'], ['from', r.from], ['to', r.to], ['currency', r.currency], []];
  out.push(['group', 'key', 'count', 'total']);
  for (const [group, rows] of [
    ['type', r.byType],
    ['cashier', r.byCashier],
    ['card brand', r.byBrand],
    ['tender', r.byTender],
    ['tender by cashier', r.byTenderCashier],
    ['tips (included above)', [r.tips]],
  ] as const)
    for (const l of rows) out.push([group, l.key, num(l.count), num(l.cents / 100, 2)]);
  for (const [k, v] of drawerRows(r)) out.push(['drawer', k, '', v === null ? '' : num(v / 100, 2)]);
  out.push([], ['net', '', '', num(r.netCents / 100, 2)], ['helcim check', r.reconciliation.message]);
  return out.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
