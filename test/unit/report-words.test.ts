/**
 * The words of an X/Z report (issue 17): each kind of line reads in the reader's language — a
 * payment kind, a tender, "cash"/"unknown" brands — while names stay names; the CSV's headers and
 * labels follow, its amounts stay bare numbers. Expected words are written out here, not computed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../common/i18n';
import { drawerLines, lineLabel } from '../../common/i18n/report';
import { reportCsv } from '../../main/reports/render';
import type { DayReport } from '../../common/contract';

const fr = translator('fr-CA');
const en = translator('en-CA');

test('line labels: kinds, tenders and the two brand words are translated; names are not', () => {
  assert.deepEqual(
    [
      lineLabel(fr, 'type', 'purchase'),
      lineLabel(fr, 'type', 'reverse'),
      lineLabel(en, 'type', 'purchase'),
      lineLabel(en, 'type', 'release'),
    ],
    ['Vente', 'Annulation', 'Sale', 'Hold released'],
  );
  assert.deepEqual(
    [lineLabel(fr, 'tender', 'cash'), lineLabel(fr, 'tender', 'card'), lineLabel(en, 'tender', 'cash')],
    ['comptant', 'carte', 'cash'],
  );
  assert.deepEqual(
    [lineLabel(fr, 'brand', 'Cash'), lineLabel(fr, 'brand', 'Unknown'), lineLabel(fr, 'brand', 'Visa')],
    ['Comptant', 'Inconnue', 'Visa'],
  );
  assert.equal(lineLabel(fr, 'tenderCashier', 'cash · Casey'), 'comptant · Casey');
  assert.equal(lineLabel(fr, 'cashier', 'Cash'), 'Cash', 'a cashier called Cash keeps their name');
  assert.equal(lineLabel(fr, 'tips', 'tips'), 'pourboires');
});

const report: DayReport = {
  kind: 'x',
  number: null,
  from: '2026-11-26T05:00:00.000Z',
  to: '2026-11-26T20:00:00.000Z',
  generatedAt: '2026-11-26T20:00:00.000Z',
  currency: 'CAD',
  byType: [{ key: 'purchase', count: 2, cents: 3500 }],
  byCashier: [{ key: 'Casey', count: 2, cents: 3500 }],
  byBrand: [{ key: 'Cash', count: 1, cents: 1000 }],
  byTender: [{ key: 'cash', count: 1, cents: 1000 }],
  byTenderCashier: [{ key: 'cash · Casey', count: 1, cents: 1000 }],
  drawer: {
    open: true,
    floatCents: 10000,
    cashSalesCents: 1000,
    paidInCents: 0,
    paidOutCents: 0,
    expectedCents: 11000,
    countedCents: null,
    overShortCents: null,
  },
  netCents: 3500,
  tips: { key: 'tips', count: 0, cents: 0 },
  reconciliation: {
    checked: true,
    matched: 1,
    missingAtHelcim: [],
    notInJournal: [],
    otherCounters: [],
    amountMismatch: [],
    refundsToOtherCard: [],
    message: 'ok',
  },
};

test('the CSV in French: headers and labels in French, amounts as bare numbers; in English as before', () => {
  const csvFr = reportCsv(report, fr);
  assert.match(csvFr, /^"rapport","X"\r\n"du",/);
  assert.match(csvFr, /"groupe","clé","Nombre","Total"\r\n/);
  assert.match(csvFr, /"type","Vente",2,35\.00\r\n/);
  assert.match(csvFr, /"mode de paiement","comptant",1,10\.00\r\n/);
  assert.match(csvFr, /"tiroir","fonds de caisse","",100\.00\r\n/);
  assert.match(csvFr, /"tiroir","compté","",""\r\n/, 'not counted yet: empty, not zero');
  const csvEn = reportCsv(report, en);
  assert.match(csvEn, /"group","key","Count","Total"\r\n/);
  assert.match(csvEn, /"type","Sale",2,35\.00\r\n/);
  assert.match(csvEn, /"net","","",35\.00\r\n/);
});

test('the drawer lines are the seven of the drawer section, in order', () => {
  assert.deepEqual(
    drawerLines(report.drawer!).map(([k, v]) => [fr.t(k), v]),
    [
      ['fonds de caisse', 10000],
      ['ventes comptant moins remboursements comptant', 1000],
      ['entrées de fonds', 0],
      ['sorties de fonds', 0],
      ['attendu dans le tiroir', 11000],
      ['compté', null],
      ['surplus (+) / manque (−)', null],
    ],
  );
});
