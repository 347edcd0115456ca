/**
 * The day report as a page (print, PDF) and as CSV, and the receipt page, read back line by line from
 * a report written here by hand (issue 25: the rendering had no test of its own — a section dropped,
 * a difference list left out or the drawer's lines lost went unnoticed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { receiptHtml, reportCsv, reportHtml } from '../../main/reports/render';
import { reportFileName } from '../../main/reports/handlers';
import { NO_OUTPUT } from '../../main/reports/output';
import { translator } from '../../common/i18n';
import type { DayReport, Receipt } from '../../common/contract';

const en = translator('en-CA');
const fr = translator('fr-CA');

/** A Z report: two cashiers, a refund, a drawer, and every kind of difference with Helcim. */
const z: DayReport = {
  kind: 'z',
  number: 7,
  from: '2026-12-05T13:00:00.000Z',
  to: '2026-12-06T02:00:00.000Z',
  generatedAt: '2026-12-06T02:00:00.000Z',
  currency: 'CAD',
  byType: [
    { key: 'purchase', count: 3, cents: 60_00 },
    { key: 'refund', count: 1, cents: 5_00 },
  ],
  byCashier: [
    { key: 'Casey', count: 3, cents: 45_00 },
    { key: 'Morgan', count: 1, cents: 10_00 },
  ],
  byBrand: [
    { key: 'Cash', count: 1, cents: 20_00 },
    { key: 'Visa', count: 3, cents: 35_00 },
  ],
  byTender: [
    { key: 'card', count: 3, cents: 35_00 },
    { key: 'cash', count: 1, cents: 20_00 },
  ],
  byTenderCashier: [{ key: 'cash · Casey', count: 1, cents: 20_00 }],
  drawer: {
    open: false,
    floatCents: 100_00,
    cashSalesCents: 20_00,
    paidInCents: 0,
    paidOutCents: 0,
    expectedCents: 120_00,
    countedCents: 119_50,
    overShortCents: -50,
  },
  netCents: 55_00,
  tips: { key: 'tips', count: 1, cents: 2_00 },
  reconciliation: {
    checked: true,
    matched: 3,
    missingAtHelcim: ['111'],
    notInJournal: ['222'],
    otherCounters: ['333'],
    amountMismatch: ['444'],
    refundsToOtherCard: ['555'],
    message: '4 differences with Helcim’s list — see below.',
  },
};

/** The same day as an X report: no number, no drawer ever opened, nothing to list. */
const x: DayReport = {
  ...z,
  kind: 'x',
  number: null,
  drawer: null,
  reconciliation: {
    ...z.reconciliation,
    missingAtHelcim: [],
    notInJournal: [],
    otherCounters: [],
    amountMismatch: [],
    refundsToOtherCard: [],
  },
};

test('the report page: heading with the Z number, the period, every section, the drawer, the net, what was checked and each difference', () => {
  const html = reportHtml(z, 'Café <Nord>', en);
  assert.match(html, /^<!doctype html>\n<html lang="en-CA">/);
  assert.match(html, /<title>Z report #7 — day closed<\/title>/);
  assert.match(html, /<h1>Café &lt;Nord&gt; — Z report #7 — day closed<\/h1>/);
  assert.match(html, /width: 180mm/);
  // Each section's lines: a label, a count, an amount.
  assert.match(html, /<tr><td>Casey<\/td><td class="r">3<\/td><td class="r">\$45\.00<\/td><\/tr>/);
  assert.match(html, /<tr><td>Morgan<\/td><td class="r">1<\/td><td class="r">\$10\.00<\/td><\/tr>/);
  assert.match(html, /<th class="r">Count<\/th><th class="r">Total<\/th>/);
  // The drawer, closed, with a line of its own for the float and what was counted.
  assert.match(html, /<h2>Cash drawer \(closed\)<\/h2>/);
  assert.match(html, /\$100\.00/);
  assert.match(html, /\$119\.50/);
  assert.match(html, /<p class="big">Net \$55\.00<\/p>/);
  assert.match(html, /<h2>Checked against Helcim<\/h2><p>4 differences with Helcim’s list — see below\.<\/p>/);
  for (const [title, id] of [
    ['Approved here, missing at Helcim', '111'],
    ['At Helcim, not recorded by this counter', '222'],
    ['Amounts differ', '444'],
    ['Refunded to another card than the sale’s', '555'],
    ['Made at another counter of the shop (its invoice prefix), not a difference', '333'],
  ])
    assert.ok(html.includes(`<p>${title}: ${id}</p>`), `${title}: ${id}`);
  // The X report.
  const xHtml = reportHtml(x, 'Shop', en);
  assert.match(xHtml, /<h1>Shop — X report — running totals<\/h1>/);
  assert.ok(!xHtml.includes('Cash drawer'), 'no drawer section when none was opened');
  assert.ok(!/<p>[^<]*: \d+<\/p>/.test(xHtml), 'no difference lines when there are none');
  // In French, for a French-speaking manager.
  const frHtml = reportHtml(z, 'Café', fr);
  assert.match(frHtml, /<html lang="fr-CA">/);
  assert.match(frHtml, /Z no 7/);
});

test('the report as CSV: kind and number, period, currency, a line per section row, the drawer, the net and Helcim’s check', () => {
  const csv = reportCsv(z, en);
  const rows = csv.split('\r\n');
  assert.equal(csv.endsWith('\r\n'), true);
  assert.deepEqual(rows.slice(0, 6), [
    '"report","Z7"',
    `"from","${z.from}"`,
    `"to","${z.to}"`,
    '"currency","CAD"',
    '',
    '"group","key","Count","Total"',
  ]);
  assert.ok(rows.includes('"cashier","Casey",3,45.00'), 'a cashier row, its count and amount bare numbers');
  assert.ok(rows.includes('"cashier","Morgan",1,10.00'));
  assert.ok(rows.includes('"tips (included above)","tips",1,2.00'));
  assert.ok(rows.includes('"drawer","counted","",119.50'), 'the drawer’s counted cash');
  assert.ok(rows.includes('"drawer","over (+) / short (−)","",-0.50'), 'the drawer’s over/short, negative');
  assert.deepEqual(rows.slice(-4), [
    '',
    '"net","","",55.00',
    '"helcim check","4 differences with Helcim’s list — see below."',
    '',
  ]);
  // An X report is "X"; no drawer lines.
  const x = reportCsv({ ...z, kind: 'x', number: null, drawer: null }, en);
  assert.match(x, /^"report","X"\r\n/);
  assert.ok(!x.includes('119.50'));
});

test('the report’s file name says which report: the Z by number, the X by day', () => {
  assert.equal(reportFileName(z), 'z-report-7-2026-12-06');
  assert.equal(reportFileName({ ...z, kind: 'x', number: null }), 'x-report-2026-12-06');
});

const receipt: Receipt = {
  attemptId: 'a-1',
  locale: 'en-CA',
  shop: 'Café Nord',
  shopAddress: '12 Main St\nCall 514-555-0199',
  kind: 'purchase',
  amountCents: 12_34,
  currency: 'CAD',
  time: '2026-12-06T15:00:00.000Z',
  cardType: 'VI',
  cardLast4: '9990',
  approvalCode: 'T12345',
  transactionId: '40000001',
  cashier: 'Casey',
  training: true,
};

test('the receipt page: its title, the shop and address (phone numbers kept whole), the training banner, the rows, the roll width', () => {
  const html = receiptHtml(receipt);
  assert.match(html, /<title>[^<]+ 40000001<\/title>/);
  assert.match(html, /<h1>Café Nord<\/h1>/);
  assert.match(html, /<p class="c">12 Main St<br>Call <span style="white-space:nowrap">514-555-0199<\/span><\/p>/);
  assert.match(html, /<div class="train">/);
  assert.match(html, /<td>[^<]+<\/td><td class="r">T12345<\/td>/);
  assert.match(html, /width: 80mm/);
  assert.match(receiptHtml(receipt, 58), /width: 50mm/);
  // No address, not training, no transaction id yet: none of those lines, the attempt named instead.
  const plain = receiptHtml({ ...receipt, shopAddress: '', training: false, transactionId: undefined });
  assert.ok(!plain.includes('class="train"'));
  assert.ok(!plain.includes('<p class="c"></p>'));
  assert.match(plain, /<title>[^<]+ a-1<\/title>/);
});

test('nothing stray between the parts of a page: rows on lines of their own, no text where a part is left out', () => {
  const plain = receiptHtml({ ...receipt, shopAddress: '', training: false });
  // No address and no training banner: empty lines where they would be, nothing else.
  assert.match(plain, /<h1>Café Nord<\/h1>\n\n<p class="c">[^<]+<\/p>\n\n<p class="c big">/);
  const table = /<hr><table>\n([\s\S]*)\n<\/table><hr>/.exec(plain)![1]!;
  for (const line of table.split('\n'))
    assert.match(line, /^(<tr><td>[^<]*<\/td><td class="r">[^<]+<\/td><\/tr>)?$/, `a receipt row: ${line}`);
  assert.ok(table.split('\n').filter(Boolean).length >= 3, 'one line per row');
  // The report: sections one per line, rows side by side, nothing after the last difference.
  const html = reportHtml(x, 'Shop', en);
  assert.match(html, /<\/table>\n<h2>/, 'a section per line');
  assert.match(html, /<\/td><\/tr><tr><td>Morgan<\/td>/, 'rows side by side');
  assert.match(html, /<\/table>\n\n<p class="big">Net/, 'no drawer: nothing in its place');
  assert.match(
    html,
    /<h2>Checked against Helcim<\/h2><p>[^<]+<\/p>\n<\/body><\/html>$/,
    'no difference: nothing after what was checked',
  );
  const withDiffs = reportHtml(z, 'Shop', en);
  assert.match(withDiffs, /<\/p><p>At Helcim, not recorded by this counter: 222<\/p><p>/, 'differences side by side');
  assert.match(
    withDiffs,
    /<h2>Cash drawer \(closed\)<\/h2><table><tr><td>[^<]+<\/td><td class="r">\$100\.00<\/td><\/tr><tr>/,
  );
  // An open drawer has not been counted yet: a dash, not an amount.
  const open = reportHtml(
    { ...z, drawer: { ...z.drawer!, open: true, countedCents: null, overShortCents: null } },
    'Shop',
    en,
  );
  assert.match(open, /<h2>Cash drawer \(open\)<\/h2>/);
  assert.equal((open.match(/<td class="r">—<\/td>/g) ?? []).length, 2, 'counted and over/short');
});

test('CSV text cells: quotes doubled, formulas neutralised, every text cell quoted', () => {
  const csv = reportCsv(
    {
      ...z,
      byCashier: [
        { key: 'Jo "JJ" =Boss', count: 1, cents: 1_00 },
        { key: '=cmd|calc', count: 1, cents: 1_00 },
      ],
    },
    en,
  );
  assert.ok(csv.includes('"cashier","Jo ""JJ"" =Boss",1,1.00'), csv);
  assert.ok(csv.includes(`"cashier","'=cmd|calc",1,1.00`));
});

test('a core without a screen has nothing to print to and saves nothing', async () => {
  assert.equal(await NO_OUTPUT.print('<p>x</p>', 'x'), false);
  assert.equal(await NO_OUTPUT.savePdf('<p>x</p>', 'x.pdf'), null);
  assert.equal(await NO_OUTPUT.saveText('x', 'x.csv'), null);
});
