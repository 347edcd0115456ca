/**
 * Receipts and reports as printable HTML (for print and PDF) and reports as CSV. Self-contained
 * pages: inline styles only, no scripts, every value escaped.
 */
import type { DayReport, Receipt, ReportLine } from '../../preload/contract';

import { escapeHtml as esc } from '../html';
import { brandName } from '../../preload/cards';
const money = (cents: number, currency: string) => new Intl.NumberFormat('en-CA', { style: 'currency', currency }).format(cents / 100);
const when = (iso: string) => new Date(iso).toLocaleString('en-CA', { dateStyle: 'medium', timeStyle: 'short' });
const TITLES: Record<Receipt['kind'], string> = {
  purchase: 'SALE',
  verify: 'CARD VERIFICATION',
  preauth: 'CARD HOLD (PRE-AUTHORIZATION)',
  capture: 'SALE (CAPTURED HOLD)',
  refund: 'REFUND',
  reverse: 'VOID',
  release: 'HOLD RELEASED',
};
/** The closing line of a receipt. */
const FOOTER: Record<Receipt['kind'], string> = {
  purchase: 'APPROVED — thank you',
  verify: 'APPROVED — thank you',
  preauth: 'Amount held on the card, not charged yet.',
  capture: 'APPROVED — thank you',
  refund: 'Money returned to the card.',
  reverse: 'Money returned to the card.',
  release: 'The hold is released. Nothing was charged.',
};

const page = (title: string, body: string, width = '80mm') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
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
  const row = (k: string, v?: string) => (v ? `<tr><td>${esc(k)}</td><td class="r">${esc(v)}</td></tr>` : '');
  return page(
    `Receipt ${r.transactionId ?? r.attemptId}`,
    `<h1>${esc(r.shop)}</h1>
${r.shopAddress ? `<p class="c">${r.shopAddress.split('\n').map(esc).join('<br>')}</p>` : ''}
<p class="c">${esc(when(r.time))}</p>
${r.training ? '<div class="train">TRAINING — NOT A REAL TRANSACTION</div>' : ''}
<p class="c big">${TITLES[r.kind]}<br>${esc(money(r.kind === 'verify' ? 0 : r.amountCents, r.currency))}</p>
<hr><table>
${r.tipCents ? `${row('Sale', money(r.amountCents - r.tipCents, r.currency))}${row('Tip', money(r.tipCents, r.currency))}${row('Total', money(r.amountCents, r.currency))}` : ''}
${r.sale ? `${row(`Sale #${r.sale.number} total`, money(r.sale.totalCents, r.currency))}${r.sale.tenders.map((t) => row(`Paid by ${t.label}`, money(t.amountCents, r.currency))).join('')}` : ''}
${r.cash ? `${row('Cash tendered', money(r.cash.tenderedCents, r.currency))}${row('Change', money(r.cash.changeCents, r.currency))}` : ''}
${row('Card', r.cardLast4 ? `${brandName(r.cardType)} •••• ${r.cardLast4}` : undefined)}
${row('Approval', r.approvalCode)}
${row('Transaction', r.transactionId)}
${row('Original transaction', r.originalTransactionId)}
${row('Cashier', r.cashier)}
${row('Authorized by', r.approver)}
</table><hr>
<p class="c">${FOOTER[r.kind]}</p>`,
    // A thermal roll through its driver: the page is the roll's printable width (4 mm margins each side).
    paperMm ? `${paperMm - 8}mm` : undefined,
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
