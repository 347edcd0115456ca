/**
 * Receipts in ESC/POS, encoded by a well-kept library (@point-of-sale/receipt-printer-encoder): this
 * file only lays a receipt out — which lines, in what order — for 32, 42 or 48 columns. Text goes out
 * in the printer's code page (Windows-1252 by default: French accents, the dash and the bullet).
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrinterConfig, Receipt } from '../../common/contract';
import { translator } from '../../common/i18n';
import { footerKey, receiptHeadlineCents, receiptRows } from '../../common/i18n/receipt';
import { PHONE_NUMBER } from '../reports/phone-numbers';

type Layout = Pick<PrinterConfig, 'columns' | 'codepage'>;

/**
 * C0 and C1 control characters (and DEL), line feeds aside: in ESC/POS they are commands — an ESC p
 * in a shop or staff name from the shop database would open the drawer on every receipt. Every text
 * is passed through this before it reaches the encoder; nothing we print needs one.
 */
const CONTROLS = /(?!\n)\p{Cc}/gu;
export const printable = (text: string): string => text.replace(CONTROLS, '');

/** The receipt with every text in it printable (names, address, labels): see `printable`. */
function printableReceipt(r: Receipt): Receipt {
  const clean = (v: unknown): unknown =>
    typeof v === 'string'
      ? printable(v)
      : Array.isArray(v)
        ? v.map(clean)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]))
          : v;
  return clean(r) as Receipt;
}

/**
 * One line of text laid out on `columns`: broken at spaces, a phone number kept whole (it goes to
 * the next line instead). Only a word or number longer than the whole width is cut.
 */
export function wrapLine(text: string, columns: number): string[] {
  // Spaces inside phone numbers become no-break markers while the words are split.
  const NB = '\u0000';
  const words = text
    .replace(PHONE_NUMBER, (n) => n.replace(/ /g, NB))
    .split(' ')
    .filter((w) => w !== '')
    // A number wider than the whole roll cannot stay on one line: it breaks at its own spaces.
    .flatMap((w) => (w.length > columns ? w.split(NB) : [w.split(NB).join(' ')]));
  const out: string[] = [];
  let line = '';
  for (let word of words) {
    if (line && line.length + 1 + word.length <= columns) {
      line += ` ${word}`;
      continue;
    }
    if (line) out.push(line);
    while (word.length > columns) {
      out.push(word.slice(0, columns));
      word = word.slice(columns);
    }
    line = word;
  }
  if (line) out.push(line);
  return out;
}

function encoder(l: Layout): ReceiptPrinterEncoder {
  // Epson's code page numbers (ESC t n) are what most ESC/POS printers follow.
  return new ReceiptPrinterEncoder({ language: 'esc-pos', columns: l.columns, codepageMapping: 'epson', newline: '\n' })
    .initialize()
    .codepage(l.codepage);
}

/** Two columns, label left and value right, the value never cut. */
function rows(e: ReceiptPrinterEncoder, l: Layout, pairs: [string, string | undefined][]): void {
  const present = pairs.filter((p): p is [string, string] => !!p[1]);
  if (present.length === 0) return;
  const right = Math.min(l.columns - 8, Math.max(...present.map((p) => p[1].length)));
  e.table(
    [
      { width: l.columns - right - 1, align: 'left', overflow: 'wrap' },
      { width: right, align: 'right', marginLeft: 1 },
    ],
    present,
  );
}

/** One printed copy of a receipt, in its language; `copy` names it when a refund prints the shop's and the customer's. */
function receiptCopy(
  e: ReceiptPrinterEncoder,
  r: Receipt,
  l: Layout,
  copy?: 'receipt.copy.merchant' | 'receipt.copy.customer',
): void {
  const { t, money, dateTime } = translator(r.locale);
  e.align('center').bold(true);
  for (const line of wrapLine(r.shop, l.columns)) e.line(line);
  e.bold(false);
  for (const line of r.shopAddress.split('\n').filter((x) => x.trim()))
    for (const part of wrapLine(line.trim(), l.columns)) e.line(part);
  e.line(dateTime(r.time));
  if (r.training)
    e.newline()
      .invert(true)
      .line(` ${t('receipt.training')} `)
      .invert(false);
  e.newline()
    .size(2, 2)
    .line(t(`receipt.title.${r.kind}`))
    .line(money(receiptHeadlineCents(r), r.currency))
    .size(1, 1)
    .newline();
  e.align('left').rule();
  rows(
    e,
    l,
    receiptRows(r).map((x) => [x.label, x.value]),
  );
  e.rule().align('center');
  if (copy) e.bold(true).line(t(copy)).bold(false);
  e.line(t(footerKey(r))).newline();
}

/**
 * The bytes for a receipt. A card refund or void prints two copies, the shop's and the customer's,
 * each cut. The drawer is never opened here: a pulse is its own job (see PrinterService).
 */
export function receiptBytes(receipt: Receipt, l: Layout): Uint8Array {
  const r = printableReceipt(receipt);
  const e = encoder(l);
  const cardMoneyBack = (r.kind === 'refund' || r.kind === 'reverse') && !r.cash && r.transactionId !== undefined;
  if (cardMoneyBack) {
    receiptCopy(e, r, l, 'receipt.copy.merchant');
    e.cut();
    receiptCopy(e, r, l, 'receipt.copy.customer');
  } else receiptCopy(e, r, l);
  return e.cut().encode();
}

/**
 * "Print test page": what the settings are, so a manager sees the width and the accents come out
 * right. `said`: its title and lines, in the manager's language. The accent sample is the same in
 * every language: it is what a French receipt needs the code page to carry.
 */
export function testPageBytes(l: Layout, shop: string, said: { title: string; lines: string[] }): Uint8Array {
  const e = encoder(l);
  e.align('center').bold(true).line(printable(shop)).bold(false).line(printable(said.title)).newline().align('left');
  for (const line of said.lines) e.line(printable(line));
  e.line('1234567890'.repeat(Math.ceil(l.columns / 10)).slice(0, l.columns));
  e.line('Accents: é è à ç ô — Merci, à bientôt!');
  return e.rule().cut().encode();
}

/** Opens the cash drawer wired to the printer (pin 2), nothing printed. */
export function drawerPulseBytes(): Uint8Array {
  return new ReceiptPrinterEncoder({ language: 'esc-pos' }).initialize().pulse().encode();
}
