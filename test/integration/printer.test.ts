/**
 * The receipt printer and its cash drawer, through the real router, with a printer stand-in on
 * 127.0.0.1 that takes raw ESC/POS over TCP and decodes it independently (test/support/printer-standin.ts).
 * Asserted: the text of the receipt, its cut, and the drawer pulses per tender kind — once for cash
 * taken or handed back, never for a card, never on a reprint; printer off, paper out or hanging never
 * lose or block a sale; the settings are a manager's and are validated. (Issue 16.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sendToPrinter } from '../../main/hardware/network-printer';
import { receiptBytes } from '../../main/hardware/escpos';
import { LOOKUP_EVERY_MS } from '../../main/payments/terminal';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls } from '../support/bridge-calls';
import { PrinterStandIn } from '../support/printer-standin';
import {
  type CashSale,
  type MoneyReturn,
  type OverrideApproval,
  type PrinterConfig,
  type PrintResult,
  type Receipt,
  type TerminalProgress,
  type TerminalStart,
} from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
let clock = Date.now();
const printer = new PrinterStandIn();
const osPrints: { html: string; silent?: boolean; deviceName?: string }[] = [];
const ids = { casey: '', morgan: '' };
const { call, ok } = bridgeCalls(() => core);
/** Every job sent so far, once the stand-in has taken all of them. */
const jobs = async () => (await printer.idle(), printer.decoded());
const pulses = async () => (await jobs()).reduce((n, j) => n + j.pulses, 0);
const lastJob = async () => (await jobs()).at(-1)!;
const network = (o: Partial<PrinterConfig> = {}): PrinterConfig => ({
  kind: 'network',
  ...printer.address,
  paper: 80,
  columns: 48,
  codepage: 'windows1252',
  deviceName: '',
  shopAddress: '12 rue Sainte-Catherine\nMontréal QC',
  ...o,
});

async function terminalSale(cents: number): Promise<TerminalProgress> {
  const s = await ok<TerminalStart>(CASHIER, 'terminal.start', { amountCents: cents, currency: 'CAD' });
  core.simulator!.terminalAct('AB12', { action: 'approve', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  return ok<TerminalProgress>(CASHIER, 'terminal.check', { attemptId: s.attemptId });
}

before(async () => {
  await printer.start();
  t = await testCore('printer', {
    now: () => clock,
    shopName: 'Café Counter',
    // Short limits so the hanging printer answers within the test; the real ones are seconds.
    printerSend: (p, bytes) => sendToPrinter(p, bytes, { connectMs: 400, answerMs: 400, sendMs: 1000 }),
    output: {
      print: async (html, _title, o) => (osPrints.push({ html, ...o }), true),
      savePdf: async () => null,
      saveText: async () => null,
    },
  });
  core = t.core;
  ids.casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  ids.morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: ids.casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: ids.morgan, pin: '135790' });
  core.simulator!.addTerminal('AB12');
  await ok(MANAGER, 'terminal.pair', { deviceCode: 'AB12' });
});
after(async () => {
  await t.close();
  await printer.stop();
});

test('setting the printer is a manager’s, and bad settings are refused with nothing changed', async () => {
  assert.equal((await call(CASHIER, 'printer.configure', network())).ok, false);
  for (const bad of [
    network({ host: 'printer..local' }),
    network({ port: 0 }),
    network({ port: 65536 }),
    { ...network(), columns: 40 },
    { ...network(), paper: 112 },
  ])
    assert.equal((await call(MANAGER, 'printer.configure', bad)).ok, false, JSON.stringify(bad));
  assert.equal((await ok<PrinterConfig>(MANAGER, 'printer.get', {})).kind, 'none');
  const saved = await ok<PrinterConfig>(MANAGER, 'printer.configure', network());
  assert.equal(saved.kind, 'network');
  assert.ok(core.audit.entries().some((e) => e.action === 'printer.configured'));
  const page = await ok<PrintResult>(MANAGER, 'printer.testPage', {});
  assert.ok(page.printed, page.message);
  assert.ok(
    (await lastJob()).lines.some((l) => l.includes('Accents: é è à ç ô — Merci, à bientôt!')),
    (await lastJob()).lines.join('\n'),
  );
});

test('a cash sale: the drawer opens once, the 80 mm receipt prints with tendered and change and is cut; a reprint never opens the drawer', async () => {
  const before = await pulses();
  const sale = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 12_34, tenderedCents: 20_00, currency: 'CAD' });
  assert.deepEqual(sale.drawer, { printed: true, message: 'The drawer opened.' });
  assert.equal(await pulses(), before + 1);
  // The pulse is noted on the sale's own attempt, saying why.
  assert.deepEqual(
    core.journal
      .events(sale.attemptId)
      .filter((e) => e.kind === 'drawer_pulse')
      .map((e) => e.detail),
    ['cash taken: The drawer opened.'],
  );
  assert.equal((await lastJob()).cuts, 0, 'a pulse prints nothing');
  const r = await ok<PrintResult>(CASHIER, 'receipt.print', { attemptId: sale.attemptId });
  assert.deepEqual(r, { printed: true, message: 'Receipt printed.' });
  const job = await lastJob();
  assert.deepEqual(job.unknown, []);
  assert.equal(job.cuts, 1);
  assert.equal(job.pulses, 0);
  const text = job.lines.join('\n');
  for (const want of [
    'Café Counter',
    '12 rue Sainte-Catherine',
    'Montréal QC',
    'TRAINING — NOT A REAL TRANSACTION',
    'SALE',
    '$12.34',
    'Cashier',
    'Casey',
  ])
    assert.ok(text.includes(want), `${want} in\n${text}`);
  assert.match(text, /Cash tendered\s+\$20\.00/);
  assert.match(text, /Change\s+\$7\.66/);
  assert.ok(job.inverted.has(job.lines.findIndex((l) => l.includes('TRAINING'))), 'the training banner stands out');
  assert.ok(
    job.lines.every((l) => l.length <= 48),
    'never wider than 48 columns',
  );
  await ok(CASHIER, 'receipt.print', { attemptId: sale.attemptId });
  assert.equal(await pulses(), before + 1, 'a reprint does not open the drawer');
});

test('a card sale prints and never opens the drawer; a split card + cash opens it once', async () => {
  const before = await pulses();
  const card = await terminalSale(25_00);
  assert.equal(card.state, 'approved');
  await ok(CASHIER, 'receipt.print', { attemptId: card.attemptId });
  assert.equal(await pulses(), before);
  assert.match((await lastJob()).lines.join('\n'), /Card\s+Visa •••• 9990/);
  const open = await ok<{ saleId: string }>(CASHIER, 'sale.open', { amountCents: 30_00, currency: 'CAD' });
  const part = await ok<TerminalStart>(CASHIER, 'terminal.start', {
    amountCents: 10_00,
    currency: 'CAD',
    saleId: open.saleId,
  });
  core.simulator!.terminalAct('AB12', { action: 'approve', card: 'visa' });
  clock += LOOKUP_EVERY_MS;
  await ok(CASHIER, 'terminal.check', { attemptId: part.attemptId });
  const cash = await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 20_00,
    tenderedCents: 20_00,
    currency: 'CAD',
    saleId: open.saleId,
  });
  await ok(CASHIER, 'receipt.print', { attemptId: cash.attemptId });
  assert.equal(await pulses(), before + 1);
  assert.match((await lastJob()).lines.join('\n'), /Paid by Visa •••• 9990\s+\$10\.00/);
});

test('a card void prints a merchant and a customer copy, each cut, and opens no drawer', async () => {
  const sale = await terminalSale(9_00);
  const before = await pulses();
  const approval = await ok<OverrideApproval>(CASHIER, 'override.approve', {
    action: 'reverse',
    transactionId: sale.transactionId,
    amountCents: 9_00,
    managerId: ids.morgan,
    pin: '135790',
  });
  const v = await ok<MoneyReturn>(CASHIER, 'reverse.submit', {
    transactionId: sale.transactionId,
    approvalId: approval.approvalId,
  });
  await ok(CASHIER, 'receipt.print', { attemptId: v.attemptId });
  const job = await lastJob();
  assert.equal(job.cuts, 2);
  assert.deepEqual(
    job.lines.filter((l) => /COPY/.test(l)).map((l) => l.trim()),
    ['MERCHANT COPY', 'CUSTOMER COPY'],
  );
  assert.equal(await pulses(), before);
});

test('cash handed back opens the drawer; "Open drawer (no sale)" is a manager’s and audited', async () => {
  const sale = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 5_00, tenderedCents: 5_00, currency: 'CAD' });
  const before = await pulses();
  const approval = await ok<OverrideApproval>(CASHIER, 'override.approve', {
    action: 'cash_refund',
    saleNumber: String(sale.sale.number),
    amountCents: 5_00,
    managerId: ids.morgan,
    pin: '135790',
  });
  const back = await ok<{ attemptId: string }>(CASHIER, 'cash.refund', {
    saleNumber: String(sale.sale.number),
    amountCents: 5_00,
    approvalId: approval.approvalId,
  });
  assert.equal(await pulses(), before + 1);
  assert.deepEqual(
    core.journal
      .events(back.attemptId)
      .filter((e) => e.kind === 'drawer_pulse')
      .map((e) => e.detail),
    ['cash back: The drawer opened.'],
  );
  assert.equal((await call(CASHIER, 'drawer.kick', {})).ok, false, 'a cashier cannot open the drawer with no sale');
  assert.equal(await pulses(), before + 1);
  const kicked = await ok<PrintResult>(MANAGER, 'drawer.kick', {});
  assert.equal(kicked.printed, true);
  assert.equal(await pulses(), before + 2);
  assert.ok(core.audit.entries().some((e) => e.action === 'drawer.no_sale'));
});

test('printer off, out of paper or hanging: the sale is recorded, the cashier is told, a reprint works once it is back', async () => {
  for (const [mode, words] of [
    ['off', /refused the connection/],
    ['paper-out', /out of paper/],
    ['hang', /did not answer/],
  ] as const) {
    await printer.setMode(mode);
    const before = (await jobs()).length;
    const started = Date.now();
    const sale = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 3_00, tenderedCents: 3_00, currency: 'CAD' });
    assert.equal(core.journal.get(sale.attemptId)!.state, 'approved', `${mode}: the sale is recorded`);
    assert.equal(sale.drawer?.printed, false);
    assert.match(sale.drawer!.message, words);
    const r = await ok<PrintResult>(CASHIER, 'receipt.print', { attemptId: sale.attemptId });
    assert.equal(r.printed, false);
    assert.match(r.message, new RegExp(`^Receipt not printed: .*${words.source}`));
    assert.ok(Date.now() - started < 5_000, `${mode}: answered within the printer's time limits`);
    const printed = (await jobs()).slice(before);
    assert.equal(
      printed.reduce((n, j) => n + j.cuts + j.pulses, 0),
      0,
      `${mode}: nothing printed, no drawer opened`,
    );
    await printer.setMode('ok');
    const again = await ok<PrintResult>(CASHIER, 'receipt.print', { attemptId: sale.attemptId });
    assert.equal(again.printed, true, `${mode}: reprint once it is back`);
  }
});

test('58 mm paper: 32 columns, nothing wider; an OS printer prints silently on the roll’s width and leaves the drawer to its driver', async () => {
  await ok(MANAGER, 'printer.configure', network({ paper: 58, columns: 32 }));
  const sale = await terminalSale(41_00);
  await ok(CASHIER, 'receipt.print', { attemptId: sale.attemptId });
  const job = await lastJob();
  assert.ok(
    job.lines.every((l) => l.length <= 32),
    job.lines.filter((l) => l.length > 32).join('\n'),
  );
  assert.ok(job.lines.some((l) => l.includes('Visa •••• 9990')));

  // A phone number is never cut across two lines of a 32-column roll (here it starts at column 25).
  await ok(
    MANAGER,
    'printer.configure',
    network({ paper: 58, columns: 32, shopAddress: 'Boutique du coin, Tél. 514 555-0199\nMontréal QC' }),
  );
  await ok(CASHIER, 'receipt.print', { attemptId: sale.attemptId });
  const phone = await lastJob();
  assert.ok(
    phone.lines.some((l) => l.trim() === '514 555-0199'),
    phone.lines.join('\n'),
  );
  assert.ok(phone.lines.every((l) => l.length <= 32));

  await ok(MANAGER, 'printer.configure', { ...network(), kind: 'os', deviceName: 'TM-T20III', paper: 80 });
  const before = await pulses();
  const cash = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 2_00, tenderedCents: 2_00, currency: 'CAD' });
  assert.equal(cash.drawer, null, 'no pulse from the app: the driver decides');
  assert.equal(await pulses(), before);
  await ok(CASHIER, 'receipt.print', { attemptId: cash.attemptId });
  const last = osPrints.at(-1)!;
  assert.deepEqual([last.silent, last.deviceName], [true, 'TM-T20III']);
  assert.match(last.html, /width: 72mm/);
  // The same number kept whole on a page printed through the driver.
  await ok(MANAGER, 'printer.configure', {
    ...network({ shopAddress: 'Tél. (514) 555-0199' }),
    kind: 'os',
    deviceName: 'TM-T20III',
    paper: 58,
  });
  await ok(CASHIER, 'receipt.print', { attemptId: cash.attemptId });
  assert.match(osPrints.at(-1)!.html, /<span style="white-space:nowrap">\(514\) 555-0199<\/span>/);
  await ok(MANAGER, 'printer.configure', network());
});

test('a French-speaking customer: the receipt in French — fr-CA money and date, accents through code page 1252', async () => {
  assert.equal(
    (await call(CASHIER, 'settings.setLanguage', { language: 'fr-CA' })).ok,
    false,
    'the shop’s language is a manager’s',
  );
  const open = await ok<{ saleId: string }>(CASHIER, 'sale.open', {
    amountCents: 12_34,
    currency: 'CAD',
    language: 'fr-CA',
  });
  const sale = await ok<CashSale>(CASHIER, 'cash.sale', {
    amountCents: 12_34,
    tenderedCents: 20_00,
    currency: 'CAD',
    saleId: open.saleId,
  });
  await ok(CASHIER, 'receipt.print', { attemptId: sale.attemptId });
  const job = await lastJob();
  assert.deepEqual(job.unknown, []);
  const text = job.lines.join('\n');
  for (const want of ['VENTE', '12,34\u00a0$', 'FORMATION — TRANSACTION FICTIVE', 'APPROUVÉ — merci', 'Montréal QC'])
    assert.ok(text.includes(want), `${want} in\n${text}`);
  assert.match(text, /Argent reçu\s+20,00\u00a0\$/);
  assert.match(text, /Monnaie rendue\s+7,66\u00a0\$/);
  assert.match(text, /Servi par\s+Casey/);
  assert.doesNotMatch(text, /Cash tendered|Change|SALE/);
  // The shop's language set to French: a sale with no choice of its own is French too.
  await ok(MANAGER, 'settings.setLanguage', { language: 'fr-CA' });
  const plain = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 1_00, tenderedCents: 1_00, currency: 'CAD' });
  await ok(CASHIER, 'receipt.print', { attemptId: plain.attemptId });
  assert.ok((await lastJob()).lines.some((l) => l.includes('VENTE')));
  await ok(MANAGER, 'settings.setLanguage', { language: 'en-CA' });
});

test('text from the shop database never reaches the printer as commands: an ESC p in a name opens no drawer; the OS test page escapes the shop name', async () => {
  await ok(MANAGER, 'printer.configure', network());
  const sale = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 5_55, tenderedCents: 5_55, currency: 'CAD' });
  const before = await pulses();
  // A shop name pulled from the shop database with a drawer kick in it (ESC p 0 25 250): read as the default.
  core.db
    .prepare(
      "INSERT INTO settings (key, value) VALUES ('shop.name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .run(JSON.stringify('Evil\u001bp\u0000\u0019\u00fa Shop'));
  assert.equal(core.settings.get('shop.name'), null, 'a pulled value with a control character is not taken');
  await ok(CASHIER, 'receipt.print', { attemptId: sale.attemptId });
  assert.equal(await pulses(), before, 'the reprint opened nothing');
  // Whatever still carries one (a name in an old row, a future field) is stripped before the encoder.
  const receipt = await ok<Receipt>(CASHIER, 'receipt.get', { attemptId: sale.attemptId });
  await sendToPrinter(
    printer.address,
    receiptBytes(
      { ...receipt, cashier: 'Casey\u001bp\u0000\u0019\u00fa', shop: 'Shop\u009b\u001b@' },
      { columns: 48, codepage: 'windows1252' },
    ),
  );
  const job = await lastJob();
  assert.equal(job.pulses, 0, 'no drawer kick from a name');
  assert.ok(job.lines.join('\n').includes('Casey'), 'the name itself still prints');
  // The OS printer's test page is HTML: the shop name is escaped, and the page has the printed pages' CSP.
  core.settings.set('shop.name', '<img src=x onerror=alert(1)>');
  await ok(MANAGER, 'printer.configure', { ...network(), kind: 'os', deviceName: 'Receipts' });
  await ok(MANAGER, 'printer.testPage', {});
  const page = osPrints.at(-1)!.html;
  assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;') && !page.includes('<img'), page);
  assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
  core.settings.set('shop.name', null);
  await ok(MANAGER, 'printer.configure', network());
});

test('the shop’s address with a control character is refused when set, in plain words', async () => {
  const r = await call(MANAGER, 'printer.configure', network({ shopAddress: '12 rue\u001bp\u0000 Sainte-Catherine' }));
  assert.equal(r.ok ? 'ok' : r.error.code, 'invalid_payload');
  assert.equal(core.settings.get('printer').shopAddress, '12 rue Sainte-Catherine\nMontréal QC', 'nothing changed');
});
