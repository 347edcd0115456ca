/**
 * Bridge fuzzing (fast-check): random and hostile payloads for every operation, from a signed-out
 * window, a cashier and a manager, straight into main's dispatcher. Invariants, for every call:
 *   - the answer is a BridgeResult: {ok:true,value} or {ok:false,error:{code,message}} — no throw
 *   - an error's code is one of the contract's codes, its message has no stack trace
 *   - no success for an operation the hand-written expected table (test/support) denies that role
 *   - no money goes back without a manager approval (the simulator's ledger never grows a refund)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testCore, type TestCore } from '../support/core';
import { expectedAllowed } from '../support/expected-policy';
import {
  ERROR_CODES,
  OPERATION_NAMES,
  channelOf,
  type BridgeResult,
  type OperationName,
  type Role,
} from '../../common/contract';
import { simulateSale } from '../support/simulated-sale';

const APP = 'app://counter';
let core: TestCore;
let t: Awaited<ReturnType<typeof testCore>>;
let txId = '';
let managerId = '';
const people: Partial<Record<Role, { staffId: string; name: string; role: Role }>> = {};
const WINDOWS: { role: Role | null; windowId: number }[] = [
  { role: null, windowId: 10 },
  { role: 'cashier', windowId: 11 },
  { role: 'manager', windowId: 12 },
];

before(async () => {
  t = await testCore('fuzz', {
    http: { timeoutMs: 2000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } },
    // "Live Helcim" is a closed local port: fuzzed token saves must not reach out anywhere.
    live: { apiBase: 'http://127.0.0.1:9/v2/', scriptUrl: 'http://127.0.0.1:9/start.js' },
    // A fuzzed printer address must not reach out anywhere either: every job is refused at once.
    printerSend: async () => {
      throw new Error('no printer in the fuzz');
    },
  });
  core = t.core;
  const c = await core.staffStore.create('Casey', 'cashier', '2468');
  const m = await core.staffStore.create('Morgan', 'manager', '135790');
  managerId = m.id;
  people.cashier = { staffId: c.id, name: c.name, role: 'cashier' };
  people.manager = { staffId: m.id, name: m.name, role: 'manager' };
  txId = await simulateSale(core.simulator!, 5000);
  core.simulator!.closeBatch();
});
after(async () => {
  await t.close();
});

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    "'; DROP TABLE attempts; --",
    '../../etc/passwd',
    '\u0000',
    '\ud800',
    'x'.repeat(5000),
    '1e309',
    'NaN',
    '-0',
    '0x10',
    '１２３４',
    '2468',
    '135790',
  ),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 1234, 10_000_000, 10_000_001, Number.MAX_SAFE_INTEGER, -0, NaN, Infinity, 0.1, 1e21),
);
const hostileValue = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.anything({ maxDepth: 2 }),
);

/** Payloads shaped like the real ones (so validation passes often) with fields replaced by hostile values. */
const nearValid: Record<OperationName, fc.Arbitrary<unknown>> = (() => {
  const f = (obj: Record<string, fc.Arbitrary<unknown>>) => fc.record(obj, { requiredKeys: [] });
  const uuid = fc.oneof(fc.uuid(), hostileString);
  const amount = fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), hostileNumber);
  const discountAsk = fc.oneof(
    f({
      kind: fc.oneof(fc.constantFrom('percent', 'amount', 'price'), hostileString),
      basisPoints: fc.oneof(fc.integer({ min: -1, max: 10_001 }), hostileNumber),
      cents: amount,
      unitPriceCents: amount,
      reasonId: fc.oneof(fc.constantFrom('damaged', 'nope'), hostileString),
    }),
    hostileValue,
  );
  const id = fc.oneof(fc.constant(txId), fc.stringMatching(/^\d{1,8}$/), hostileString);
  const pin = fc.oneof(fc.stringMatching(/^\d{4,12}$/), fc.constantFrom('2468', '135790'), hostileString);
  const staffId = fc.oneof(fc.uuid(), fc.constant(managerId), hostileString);
  // Lines of a sale to give back: positions and quantities around their bounds (1…200, 1…9 999 000), or anything.
  const returnLines = fc.oneof(
    fc.array(
      fc.record({
        position: fc.integer({ min: -1, max: 300 }),
        quantityMilli: fc.integer({ min: -1, max: 10_000_000 }),
      }),
    ),
    hostileValue,
  );
  return {
    'app.status': f({}),
    'staff.roster': f({}),
    'staff.firstRun': f({ name: hostileString, pin }),
    'session.signIn': f({ staffId, pin }),
    'session.signOut': f({}),
    'session.touch': f({}),
    'staff.list': f({}),
    'staff.add': f({
      name: hostileString,
      role: fc.oneof(fc.constantFrom('cashier', 'manager', 'owner'), hostileString),
      pin,
    }),
    'staff.setActive': f({ staffId, active: fc.oneof(fc.boolean(), hostileValue) }),
    'staff.resetPin': f({ staffId, pin }),
    'staff.setLanguage': f({
      staffId,
      language: fc.oneof(fc.constantFrom('en-CA', 'fr-CA', null, 'xx'), hostileString),
    }),
    'settings.setIdleLock': f({ seconds: hostileNumber }),
    'purchase.start': f({
      amountCents: amount,
      currency: fc.oneof(fc.constantFrom('CAD', 'USD', 'EUR'), hostileString),
    }),
    'verify.start': f({ currency: fc.oneof(fc.constantFrom('CAD', 'USD'), hostileString) }),
    'preauth.start': f({
      amountCents: amount,
      currency: fc.oneof(fc.constantFrom('CAD', 'USD', 'EUR'), hostileString),
    }),
    'checkout.finish': f({
      attemptId: uuid,
      event: f({
        eventName: hostileString,
        eventStatus: fc.constantFrom('SUCCESS', 'ABORTED', 'HIDE', 'APPROVED'),
        eventMessage: hostileValue,
      }),
    }),
    'transactions.search': f({
      date: fc.oneof(fc.constant('2026-11-25'), hostileString),
      amountCents: amount,
      last4: hostileString,
      invoiceNumber: hostileString,
    }),
    // Each action's number travels in its own field; the fuzzer also sends every field with every action.
    'override.approve': f({
      action: fc.constantFrom(
        'refund',
        'reverse',
        'release',
        'float',
        'paid_in',
        'paid_out',
        'drawer',
        'abandon',
        'cash_refund',
        'steal',
      ),
      transactionId: id,
      drawerSession: id,
      saleNumber: id,
      amountCents: amount,
      managerId: staffId,
      pin,
      lines: returnLines,
    }),
    'refund.submit': f({ transactionId: id, amountCents: amount, approvalId: uuid, lines: returnLines }),
    'reverse.submit': f({ transactionId: id, approvalId: uuid }),
    'holds.list': f({}),
    'terminal.start': f({ amountCents: amount, currency: fc.oneof(fc.constantFrom('CAD', 'USD'), hostileString) }),
    'terminal.check': f({ attemptId: uuid }),
    'drawer.status': f({}),
    'drawer.open': f({ drawerSession: id, amountCents: amount, approvalId: uuid }),
    'drawer.payIn': f({ drawerSession: id, amountCents: amount, reason: hostileString, approvalId: uuid }),
    'drawer.payOut': f({ drawerSession: id, amountCents: amount, reason: hostileString, approvalId: uuid }),
    'drawer.close': f({ countedCents: amount }),
    'settings.setBlindClose': f({ blind: fc.oneof(fc.boolean(), hostileValue) }),
    'settings.tax': f({}),
    'settings.discounts': f({}),
    'mail.get': f({}),
    'mail.configure': f({
      server: fc.oneof(
        fc.constant(null),
        f({
          host: fc.constantFrom('127.0.0.1', 'bad host', '-x-', ''),
          port: fc.oneof(fc.integer({ min: -1, max: 70_000 }), hostileNumber),
          security: fc.oneof(fc.constantFrom('tls', 'starttls', 'none', 'ssl'), hostileString),
          user: hostileString,
          from: fc.oneof(fc.constantFrom('shop@example.com', 'not an address'), hostileString),
        }),
        hostileValue,
      ),
      password: fc.oneof(fc.constant(undefined), hostileString),
    }),
    'mail.test': f({ address: fc.oneof(fc.constantFrom('a@example.com', 'nope'), hostileString) }),
    'receipt.email': f({ attemptId: uuid, address: fc.oneof(fc.constantFrom('a@example.com', 'nope'), hostileString) }),
    'receipt.emails': f({ attemptId: fc.oneof(fc.constant(undefined), uuid) }),
    'receipt.emailAgain': f({ id: uuid }),
    'settings.setDiscounts': f({
      cashierLimitBasisPoints: fc.oneof(fc.integer({ min: -1, max: 10_001 }), hostileNumber),
      reasons: fc.oneof(
        fc.array(
          f({
            id: fc.oneof(fc.constantFrom('damaged', 'Bad Id', ''), hostileString),
            name: f({ en: hostileString, fr: hostileString }),
          }),
          { maxLength: 3 },
        ),
        hostileValue,
      ),
    }),
    'settings.setTax': f({
      jurisdiction: fc.oneof(fc.constantFrom('QC', 'ON', 'US', 'XX', null), hostileValue),
      pricesInclude: fc.oneof(fc.boolean(), hostileValue),
      usRateMillionths: fc.oneof(fc.integer({ min: -1, max: 300_001 }), hostileNumber),
      usCashRounding: fc.oneof(fc.boolean(), hostileValue),
      legalName: hostileString,
      gstHstNumber: fc.oneof(
        fc.constantFrom('', '123456789 RT 0001', '123456789RT0001', '12345678 RT 0001'),
        hostileString,
      ),
      qstNumber: fc.oneof(fc.constantFrom('', '1234567890 TQ 0001', '1234567890TQ0001'), hostileString),
    }),
    'cash.sale': f({
      amountCents: amount,
      tenderedCents: amount,
      currency: fc.oneof(fc.constantFrom('CAD', 'USD'), hostileString),
      saleId: uuid,
    }),
    'cash.refund': f({ saleNumber: id, amountCents: amount, approvalId: uuid, lines: returnLines }),
    'sale.open': f({
      amountCents: amount,
      currency: fc.oneof(fc.constantFrom('CAD', 'USD', 'EUR'), hostileString),
      language: fc.oneof(fc.constantFrom('en-CA', 'fr-CA', 'de'), hostileString),
    }),
    'sale.get': f({ saleId: uuid }),
    'sale.discard': f({ saleId: uuid }),
    'sale.abandon': f({ saleNumber: id, amountCents: amount, approvalId: uuid }),
    'terminal.cancel': f({ attemptId: uuid }),
    'terminal.devices': f({}),
    'terminal.pair': f({ deviceCode: fc.oneof(fc.constantFrom('AB12', 'ab12', '../x', 'ABCDE'), hostileString) }),
    'terminal.unpair': f({}),
    'capture.submit': f({ transactionId: id, amountCents: amount }),
    'release.submit': f({ transactionId: id, approvalId: uuid }),
    'helcim.status': f({}),
    'helcim.saveToken': f({ slot: fc.constantFrom('sales', 'admin', 'root'), token: hostileString }),
    'helcim.testToken': f({ slot: fc.constantFrom('sales', 'admin', 'root') }),
    'helcim.removeToken': f({ slot: fc.constantFrom('sales', 'admin', 'root') }),
    'helcim.setMode': f({ mode: fc.constantFrom('training', 'live', 'chaos') }),
    'helcim.setCheckoutHost': f({
      host: fc.oneof(fc.constantFrom('pay.shop.ca', 'localhost', '127.0.0.1', 'a.local'), hostileString),
    }),
    'history.search': f({
      date: fc.oneof(fc.constant('2026-11-25'), hostileString),
      amountCents: amount,
      last4: hostileString,
    }),
    'receipt.get': f({ attemptId: uuid }),
    'receipt.print': f({ attemptId: uuid }),
    'printer.get': f({}),
    'printer.configure': f({
      kind: fc.oneof(fc.constantFrom('none', 'network', 'os', 'serial'), hostileString),
      host: fc.oneof(fc.constantFrom('127.0.0.1', 'printer.local', '', '-x', 'a..b'), hostileString),
      port: fc.oneof(fc.constantFrom(9100, 0, 65536), hostileNumber),
      paper: fc.oneof(fc.constantFrom(58, 80, 112), hostileNumber),
      columns: fc.oneof(fc.constantFrom(32, 42, 48, 64), hostileNumber),
      codepage: fc.oneof(fc.constantFrom('windows1252', 'cp437', 'utf8'), hostileString),
      deviceName: hostileString,
      shopAddress: hostileString,
    }),
    'printer.testPage': f({}),
    'settings.setLanguage': f({ language: fc.oneof(fc.constantFrom('en-CA', 'fr-CA', 'fr-FR', 'en'), hostileString) }),
    'display.get': f({}),
    'display.typed': f({ amountCents: amount, currency: fc.oneof(fc.constantFrom('CAD', 'USD'), hostileString) }),
    'display.configure': f({
      enabled: fc.oneof(fc.boolean(), hostileValue),
      screen: fc.oneof(fc.integer({ min: 0, max: 9 }), hostileNumber),
    }),
    'drawer.kick': f({}),
    'receipt.savePdf': f({ attemptId: uuid }),
    'report.x': f({}),
    'report.z': f({ confirm: fc.oneof(fc.constant(true), hostileValue) }),
    'report.export': f({
      number: fc.oneof(fc.constant(null), hostileNumber),
      format: fc.constantFrom('csv', 'pdf', 'exe'),
    }),
    'shop.get': f({}),
    'shop.newLinkCode': f({}),
    'shop.link': f({
      host: fc.oneof(fc.constantFrom('127.0.0.1', 'backoffice.local', '', '-x'), hostileString),
      port: fc.oneof(fc.constantFrom(5432, 0, 65536), hostileNumber),
      database: fc.oneof(fc.constantFrom('shop', '1db', 'a;drop'), hostileString),
      user: fc.oneof(fc.constantFrom('pos', ''), hostileString),
      password: hostileString,
      linkCode: fc.oneof(fc.constantFrom('ABCDE-FGHJK-MNPQR-STVWX'), hostileString),
      certificate: fc.oneof(fc.constantFrom('AB:CD', 'ab'.repeat(32)), hostileString),
      plaintext: fc.oneof(fc.constant(true), hostileValue),
    }),
    'shop.probe': f({
      host: fc.oneof(fc.constantFrom('127.0.0.1', 'backoffice.local', '', '-x'), hostileString),
      port: fc.oneof(fc.constantFrom(5432, 0, 65536), hostileNumber),
    }),
    'report.shop': f({ date: fc.oneof(fc.constant('2026-11-26'), hostileString) }),
    'report.shopZ': f({ confirm: fc.oneof(fc.constant(true), hostileValue) }),
    'history.shop': f({
      date: fc.oneof(fc.constant('2026-11-25'), hostileString),
      amountCents: amount,
      last4: hostileString,
    }),
    'sale.cart': f({
      saleId: fc.oneof(fc.constant(undefined), uuid),
      currency: fc.oneof(fc.constantFrom('CAD', 'USD'), hostileString),
      lines: fc.oneof(
        fc.array(
          fc.oneof(
            f({ kind: fc.constant('open'), amountCents: amount, note: hostileString }),
            f({
              kind: fc.constant('item'),
              itemId: uuid,
              quantityMilli: hostileNumber,
              priceCents: amount,
              label: hostileString,
            }),
          ),
          { maxLength: 5 },
        ),
        hostileValue,
      ),
      discount: fc.oneof(fc.constant(undefined), discountAsk),
      approvalId: fc.oneof(fc.constant(undefined), uuid, hostileString),
    }),
    'sale.discountQuote': f({
      saleId: uuid,
      currency: fc.oneof(fc.constantFrom('CAD', 'USD'), hostileString),
      lines: fc.oneof(
        fc.array(f({ kind: fc.constant('open'), amountCents: amount, discount: discountAsk }), { maxLength: 3 }),
        hostileValue,
      ),
      discount: fc.oneof(fc.constant(undefined), discountAsk),
    }),
    'catalog.search': f({ query: hostileString, includeInactive: fc.oneof(fc.boolean(), hostileValue) }),
    'catalog.scan': f({
      code: fc.oneof(fc.constantFrom('036000241457', '212345602997', '04252614', '036000241458'), hostileString),
    }),
    'catalog.add': f({
      sku: hostileString,
      name: f({ en: hostileString, fr: hostileString }),
      priceCents: fc.oneof(amount, fc.constant(null)),
      taxCategory: fc.oneof(fc.constantFrom('standard', 'zero_rated', 'Standard'), hostileString),
      department: hostileString,
      soldBy: fc.oneof(fc.constantFrom('unit', 'kg', 'lb', 'g'), hostileString),
      barcodes: fc.oneof(
        fc.array(fc.oneof(fc.constantFrom('036000241457', '4006381333931'), hostileString)),
        hostileValue,
      ),
    }),
    'catalog.update': f({ id: uuid, item: hostileValue }),
    'catalog.importPreview': f({
      csv: fc.oneof(
        fc.constantFrom('sku,name_en,price\nA-1,Apple,1.00\n', 'sku;name_fr;price\nB-1;Pomme;1,00\n', 'a,b\n1,2\n'),
        hostileString,
      ),
    }),
    'catalog.importConfirm': f({ token: uuid }),
    'catalog.export': f({}),
    'catalog.saveExport': f({}),
    'catalog.quickKeys': f({}),
    'returns.lines': fc.oneof(
      f({ saleNumber: fc.oneof(fc.constantFrom('1', '2'), hostileString) }),
      f({ transactionId: fc.oneof(fc.constantFrom('25764674'), hostileString) }),
    ),
    'returns.quote': f({ saleNumber: fc.oneof(fc.constantFrom('1', '2'), hostileString), lines: returnLines }),
    'catalog.addAtCounter': f({
      item: hostileValue,
      managerId: uuid,
      pin: fc.oneof(fc.constantFrom('135790', '12'), hostileString),
    }),
    'catalog.arrangeQuickKeys': f({
      department: fc.oneof(fc.constantFrom('Bakery', 'Café', ''), hostileString),
      itemIds: fc.oneof(fc.array(uuid, { maxLength: 30 }), hostileValue),
    }),
    'catalog.setActive': f({ id: uuid, active: fc.oneof(fc.boolean(), hostileValue) }),
    'customers.search': f({ text: fc.oneof(fc.constantFrom('Jo', 'Dupont', 'x'), hostileString) }),
    'customers.add': f({
      contactName: hostileString,
      businessName: hostileString,
      cellPhone: fc.oneof(fc.constantFrom('403-555-0199', '12'), hostileString),
      consent: fc.oneof(fc.constant(true), hostileValue),
    }),
    'sale.setCustomer': f({ saleId: uuid, customerCode: fc.oneof(fc.constantFrom('CST1000', null), hostileString) }),
    'customers.cards': f({ customerCode: fc.oneof(fc.constantFrom('CST1000', 'bad code'), hostileString) }),
    'customers.saveCard': f({
      customerCode: fc.oneof(fc.constantFrom('CST1000'), hostileString),
      currency: fc.oneof(fc.constantFrom('CAD', 'USD'), hostileString),
      consent: fc.oneof(fc.constant(true), hostileValue),
    }),
    'customers.removeCard': f({
      customerCode: fc.oneof(fc.constantFrom('CST1000'), hostileString),
      cardId: fc.oneof(fc.integer({ min: -1, max: 200_000 }), hostileNumber),
    }),
    'sale.chargeSavedCard': f({
      saleId: uuid,
      cardId: fc.oneof(fc.integer({ min: -1, max: 200_000 }), hostileNumber),
      amountCents: amount,
      currency: fc.oneof(fc.constantFrom('CAD', 'USD'), hostileString),
    }),
    'backup.status': f({}),
    'backup.setPassphrase': f({
      passphrase: fc.oneof(fc.constantFrom('short', 'a long enough passphrase'), hostileString),
    }),
    'backup.setFolder': f({
      folder: fc.oneof(fc.constant(null), fc.constantFrom('/nonexistent-folder', 'relative/path'), hostileString),
    }),
    'backup.now': f({}),
    'health.get': f({}),
    'support.save': f({}),
    'updates.get': f({}),
    'updates.setFeed': f({
      feed: fc.oneof(fc.constant(null), fc.constantFrom('https://u.example/', 'http://x/'), hostileString),
    }),
    'backup.restore': f({
      file: fc.oneof(fc.constantFrom('/tmp/none.cposbak', '/etc/passwd'), hostileString),
      passphrase: hostileString,
    }),
  };
})();

// Operations a manager could legitimately complete with a guessed-right payload; they are left out
// of the "manager" runs so the fuzzer does not disable itself or lock accounts mid-run.
// shop.link, shop.probe: a payload that happened to be valid would make the fuzzer's counter try a network connection.
const SELF_HARM: OperationName[] = [
  'staff.setActive',
  'staff.resetPin',
  'session.signOut',
  'helcim.removeToken',
  'settings.setIdleLock',
  'shop.link',
  'shop.probe',
];

test(
  'fuzzing every operation from every role: typed errors only, no unauthorized success, no money moved',
  { timeout: 300_000 },
  async () => {
    const codes = new Set<string>(ERROR_CODES);
    const refundsBefore = core.simulator!.transactions().filter((t) => t.type !== 'purchase').length;
    let calls = 0;
    let successes = 0;
    const unauthorized: string[] = [];
    for (const op of OPERATION_NAMES) {
      for (const w of WINDOWS) {
        if (w.role === 'manager' && SELF_HARM.includes(op)) continue;
        await fc.assert(
          fc.asyncProperty(fc.oneof(nearValid[op], hostileValue), async (payload) => {
            // Each call runs as the window's role: a fuzzed sign-out (or sign-in) earlier must not
            // leave the cashier's and manager's windows signed out for the rest of the run.
            const who = w.role ? people[w.role]! : null;
            if (who && core.sessions.get(w.windowId)?.staffId !== who.staffId) core.sessions.signIn(w.windowId, who);
            if (!who && core.sessions.get(w.windowId)) core.sessions.signOut(w.windowId);
            core.sessions.touch(w.windowId);
            let r: BridgeResult<unknown>;
            try {
              r = (await core.dispatch(channelOf(op), payload, {
                windowId: w.windowId,
                frameUrl: `${APP}/index.html`,
                isMainFrame: true,
              })) as BridgeResult<unknown>;
            } catch (e) {
              throw new Error(`dispatch threw for ${op}: ${String(e)}`, { cause: e });
            }
            calls++;
            assert.equal(typeof r, 'object');
            if (r.ok) {
              successes++;
              if (!expectedAllowed(op, w.role, core.gateway.access()))
                unauthorized.push(`${op} as ${w.role ?? 'signed-out'}`);
            } else {
              assert.deepEqual(Object.keys(r.error).sort(), ['code', 'message']);
              assert.ok(codes.has(r.error.code), `unknown code ${r.error.code}`);
              assert.equal(typeof r.error.message, 'string');
              assert.doesNotMatch(r.error.message, /\n\s+at |node_modules|\.ts:\d+/, 'no stack in messages');
            }
            // A fuzzed sign-in may change who is signed in on that window; put it back.
            if (op === 'session.signIn' || op === 'staff.firstRun') {
              const s = core.sessions.get(w.windowId);
              if (w.role === null && s) core.sessions.signOut(w.windowId);
            }
          }),
          { numRuns: 150, seed: 20261125 },
        );
      }
    }
    const refundsAfter = core.simulator!.transactions().filter((t) => t.type !== 'purchase').length;
    console.log(
      `bridge fuzz: ${calls} calls, ${successes} successes, ${unauthorized.length} unauthorized, ${refundsAfter - refundsBefore} refunds/voids`,
    );
    assert.deepEqual(unauthorized, []);
    assert.equal(refundsAfter, refundsBefore, 'no refund or void without a manager approval');
  },
);
