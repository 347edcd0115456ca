/**
 * A sale's invoice in Helcim (main/invoices/invoices.ts), one rule at a time, on a real SQLite file and
 * a real journal with Helcim's answers scripted here: written (state `sending`, our number) before it
 * leaves; created, refused or unknown on Helcim's word; a lost answer looked up before anything is
 * sent again, and sent again only when Helcim proves it has no such invoice; and the X/Z's differences
 * — missing, another total, another number of lines, another amount paid, and the period a sale's
 * invoice belongs to. The whole path over HTTP (the simulator's own sums as the oracle) is
 * test/integration/helcim-invoices.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SaleInvoices, MAX_INVOICE_PAGES } from '../../main/invoices/invoices';
import type { InvoiceSale } from '../../main/invoices/invoice-body';
import { openDatabase } from '../../main/db';
import { Journal } from '../../main/journal/journal';
import { PosError } from '../../main/errors';
import type { HelcimClient, HelcimInvoice, InvoiceRequest } from '../../main/helcim/client';
import type { TokenSlot } from '../../main/policy/table';
import type { SaleLine } from '../../common/contract';
import { journaled } from '../support/journal-rows';

const NOW = Date.parse('2026-12-07T18:00:00Z');
const PREFIX = 'C1A2B3C4D';

const line = (position: number, cents: number, dept = 'Grocery'): SaleLine & { dept: string } => ({
  position,
  itemId: '00000000-0000-4000-8000-000000000001',
  sku: `SKU${position}`,
  name: { en: `Item ${position}`, fr: `Article ${position}` },
  soldBy: 'unit',
  taxCategory: 'standard',
  quantityMilli: 1000,
  unitPriceCents: cents,
  lineTotalCents: cents,
  discount: null,
  discountCents: 0,
  dept,
});

const sale = (n: number, cents: number[], totalCents = cents.reduce((a, b) => a + b, 0)): InvoiceSale => ({
  number: n,
  language: 'en-CA',
  currency: 'CAD',
  lines: cents.map((c, i) => line(i + 1, c)),
  taxes: [],
  discount: null,
  totalCents,
});

type Answer = (body: InvoiceRequest) => Promise<HelcimInvoice>;
type Find = (f: Parameters<HelcimClient['findInvoices']>[1]) => Promise<HelcimInvoice[]>;

function setUp(o: { customerIdOf?: (saleId: string) => number | null; withJournal?: boolean } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-invoices-'));
  const db = openDatabase(path.join(dir, 'counter.sqlite'));
  const clock = { now: NOW };
  const journal = new Journal(path.join(dir, 'journal.sqlite'), () => clock.now);
  const sales = new Map<string, InvoiceSale>();
  const firstTender = new Map<string, string>();
  const audits: string[] = [];
  const tokens: TokenSlot[] = [];
  const sentBodies: InvoiceRequest[] = [];
  const finds: Parameters<HelcimClient['findInvoices']>[1][] = [];
  const script = {
    slot: 'admin' as TokenSlot | null,
    create: (async (body) => ({
      invoiceId: String(900 + sentBodies.length),
      invoiceNumber: body.invoiceNumber,
    })) as Answer,
    find: (async () => []) as Find,
  };
  const client = {
    createInvoice: async (token: string, body: InvoiceRequest) => {
      assert.equal(token, `token-${script.slot}`);
      sentBodies.push(body);
      return script.create(body);
    },
    findInvoices: async (token: string, f: Parameters<HelcimClient['findInvoices']>[1]) => {
      assert.equal(token, `token-${script.slot}`);
      finds.push(f);
      return script.find(f);
    },
  } as unknown as HelcimClient;
  const invoices = new SaleInvoices({
    db,
    client: () => client,
    token: async (slot) => (tokens.push(slot), `token-${slot}`),
    slot: () => script.slot,
    sale: (id) => sales.get(id)!,
    departmentOf: (l) => (l as SaleLine & { dept: string }).dept,
    invoicePrefix: PREFIX,
    now: () => clock.now,
    audit: (actor, action, detail) => audits.push(`${actor} ${action} ${detail}`),
    ...(o.customerIdOf ? { customerIdOf: o.customerIdOf } : {}),
    firstTenderAt: (id) => firstTender.get(id) ?? null,
    ...(o.withJournal === false ? {} : { journal }),
  });
  const rowOf = (saleId: string) =>
    db.prepare('SELECT * FROM sale_invoices WHERE sale_id = ?').get(saleId) as
      | {
          invoice_number: string;
          state: string;
          helcim_invoice_id: string | null;
          lines_sent: number;
          total_cents: number;
          grouped: number;
          why: string | null;
          created_at: string;
          updated_at: string;
        }
      | undefined;
  /** An approved card part of a sale, paid under `reference` (its invoice number), as the journal holds it. */
  const part = (
    saleId: string,
    cents: number,
    reference: string | undefined,
    helcimId: string,
    state: 'approved' | 'declined' = 'approved',
    kind: 'purchase' | 'preauth' = 'purchase',
  ) => journaled(journal, { kind, cents, state, helcimId, saleId, reference });
  const giveBack = (original: string, cents: number) =>
    journaled(journal, { kind: 'refund', cents, state: 'approved', original, approverId: 'morgan' });
  const done = () => {
    journal.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    db,
    journal,
    clock,
    sales,
    firstTender,
    audits,
    tokens,
    sentBodies,
    finds,
    script,
    invoices,
    rowOf,
    part,
    giveBack,
    done,
  };
}

const NUMBER = new RegExp(`^${PREFIX}-[0-9A-F]{10}$`);

test('a typed total has no invoice: nothing written, nothing sent', async () => {
  const s = setUp();
  try {
    s.sales.set('s1', sale(1, []));
    assert.equal(await s.invoices.forCardPart('s1', 'casey'), null);
    assert.equal(s.rowOf('s1'), undefined);
    assert.deepEqual([s.sentBodies, s.tokens, s.audits], [[], [], []]);
  } finally {
    s.done();
  }
});

test('the first card part: our number written as `sending` before it leaves, then created with Helcim’s id, and audited', async () => {
  const s = setUp({ customerIdOf: (id) => (id === 's1' ? 77 : null) });
  try {
    s.sales.set('s1', sale(1, [3_50, 1_25]));
    let whileOut: unknown;
    s.script.create = async (body) => {
      whileOut = s.rowOf('s1');
      return { invoiceId: '4242', invoiceNumber: body.invoiceNumber };
    };
    const got = await s.invoices.forCardPart('s1', 'casey');
    const n = s.sentBodies[0]!.invoiceNumber;
    assert.match(n, NUMBER, 'this counter’s prefix and ten random hex digits');
    assert.deepEqual(got, { invoiceNumber: n, grouped: false });
    assert.equal(s.sentBodies[0]!.customerId, 77, 'the sale’s customer at Helcim');
    assert.deepEqual(s.tokens, ['admin']);
    const at = new Date(NOW).toISOString();
    assert.deepEqual(whileOut, {
      sale_id: 's1',
      invoice_number: n,
      state: 'sending',
      helcim_invoice_id: null,
      lines_sent: 2,
      total_cents: 4_75,
      grouped: 0,
      why: null,
      created_at: at,
      updated_at: at,
    });
    s.clock.now += 1_000;
    const row = s.rowOf('s1')!;
    assert.deepEqual([row.state, row.helcim_invoice_id, row.why], ['created', '4242', null]);
    assert.deepEqual(s.audits, [`casey invoice.created ${n} (2 lines)`]);
    assert.deepEqual(s.invoices.of('s1'), { invoiceNumber: n, grouped: false });
    // Every later card part pays against the same invoice, nothing sent again.
    assert.deepEqual(await s.invoices.forCardPart('s1', 'casey'), { invoiceNumber: n, grouped: false });
    assert.equal(s.sentBodies.length, 1);
    // Two sales, two numbers.
    s.sales.set('s2', sale(2, [1_00]));
    const other = await s.invoices.forCardPart('s2', 'casey');
    assert.notEqual(other!.invoiceNumber, n);
    assert.equal(s.sentBodies[1]!.customerId, undefined, 'no customer: none named');
  } finally {
    s.done();
  }
});

test('a sale that changed after its invoice was made pays as a payment alone', async () => {
  const s = setUp();
  try {
    s.sales.set('s1', sale(1, [3_50]));
    await s.invoices.forCardPart('s1', 'casey');
    s.sales.set('s1', sale(1, [3_50, 1]));
    assert.equal(await s.invoices.forCardPart('s1', 'casey'), null);
    assert.equal(s.invoices.of('s1')!.grouped, false, 'the invoice itself stays as made');
  } finally {
    s.done();
  }
});

test('more than 100 lines go grouped by department, and the grouping is kept for every card part', async () => {
  const s = setUp();
  try {
    const big = sale(
      1,
      Array.from({ length: 101 }, () => 1_00),
    );
    s.sales.set('s1', big);
    const got = await s.invoices.forCardPart('s1', 'casey');
    assert.equal(got!.grouped, true);
    assert.equal(s.rowOf('s1')!.grouped, 1);
    assert.equal(s.rowOf('s1')!.lines_sent, 1, 'one department, one line');
    assert.deepEqual(await s.invoices.forCardPart('s1', 'casey'), got);
    assert.deepEqual(s.invoices.of('s1'), got);
    s.sales.set(
      's2',
      sale(
        2,
        Array.from({ length: 100 }, () => 1_00),
      ),
    );
    assert.equal((await s.invoices.forCardPart('s2', 'casey'))!.grouped, false, '100 lines are not grouped');
  } finally {
    s.done();
  }
});

test('amounts that do not add up: refused before anything is sent, said in the audit, and never tried again', async () => {
  const s = setUp();
  try {
    s.sales.set('s1', sale(1, [3_50], 3_51));
    assert.equal(await s.invoices.forCardPart('s1', 'casey'), null);
    const row = s.rowOf('s1')!;
    assert.deepEqual(
      [row.state, row.why, row.lines_sent, row.total_cents, row.grouped],
      ['refused', 'not_adding_up', 0, 3_51, 0],
    );
    assert.deepEqual(s.audits, [`casey invoice.not_sent ${row.invoice_number}: the invoice's amounts did not add up`]);
    assert.equal(await s.invoices.forCardPart('s1', 'casey'), null);
    assert.deepEqual([s.sentBodies, s.tokens], [[], []]);
    assert.equal(s.invoices.of('s1'), null);
  } finally {
    s.done();
  }
});

test('no token that may create invoices: refused as no_token, nothing asked', async () => {
  const s = setUp();
  try {
    s.script.slot = null;
    s.sales.set('s1', sale(1, [3_50]));
    assert.equal(await s.invoices.forCardPart('s1', 'casey'), null);
    assert.deepEqual([s.rowOf('s1')!.state, s.rowOf('s1')!.why], ['refused', 'no_token']);
    assert.deepEqual([s.sentBodies, s.tokens, s.finds], [[], [], []]);
    assert.equal(await s.invoices.forCardPart('s1', 'casey'), null, 'refused stays refused');
  } finally {
    s.done();
  }
});

test('Helcim says the token may not: refused as permission, for each of the three ways it says so', async () => {
  for (const code of ['helcim_permission', 'helcim_unauthorized', 'token_missing'] as const) {
    const s = setUp();
    try {
      s.script.create = async () => {
        throw new PosError(code, 'error.internal');
      };
      s.sales.set('s1', sale(1, [3_50]));
      assert.equal(await s.invoices.forCardPart('s1', 'casey'), null, code);
      const row = s.rowOf('s1')!;
      assert.deepEqual([row.state, row.why], ['refused', 'permission'], code);
      assert.deepEqual(s.audits, [`casey invoice.refused ${row.invoice_number}: the token may not create invoices`]);
      assert.deepEqual(s.finds, [], 'nothing looked up: Helcim said no');
      assert.equal(await s.invoices.forCardPart('s1', 'casey'), null);
      assert.equal(s.sentBodies.length, 1, 'never sent again');
    } finally {
      s.done();
    }
  }
});

test('Helcim refuses the body: refused, its words in the audit, never sent again', async () => {
  const s = setUp();
  try {
    s.script.create = async () => {
      throw new PosError('helcim_bad_request', 'error.internal');
    };
    s.sales.set('s1', sale(1, [3_50]));
    assert.equal(await s.invoices.forCardPart('s1', 'casey'), null);
    const row = s.rowOf('s1')!;
    assert.deepEqual([row.state, row.why], ['refused', 'refused']);
    assert.deepEqual(s.audits, [
      `casey invoice.refused ${row.invoice_number}: ${new PosError('internal', 'error.internal').message}`,
    ]);
    assert.deepEqual(s.finds, []);
    await s.invoices.forCardPart('s1', 'casey');
    assert.equal(s.sentBodies.length, 1);
  } finally {
    s.done();
  }
});

test('no answer, and Helcim has it: created from the lookup, by its number in any case, and not sent twice', async () => {
  const s = setUp();
  try {
    s.script.create = async () => {
      throw new PosError('helcim_unavailable', 'error.internal');
    };
    s.script.find = async (f) => [
      { invoiceId: '1', invoiceNumber: 'C1A2B3C4D-OTHER' },
      { invoiceId: '555', invoiceNumber: (f as { invoiceNumber: string }).invoiceNumber.toLowerCase() },
    ];
    s.sales.set('s1', sale(1, [3_50]));
    const got = await s.invoices.forCardPart('s1', 'casey');
    const n = s.sentBodies[0]!.invoiceNumber;
    assert.deepEqual(got, { invoiceNumber: n, grouped: false });
    assert.deepEqual(s.finds, [{ invoiceNumber: n }]);
    assert.deepEqual([s.rowOf('s1')!.state, s.rowOf('s1')!.helcim_invoice_id], ['created', '555']);
    assert.deepEqual(s.audits, []);
  } finally {
    s.done();
  }
});

test('no answer, and Helcim has no such invoice, or cannot be asked: unknown (no_answer), audited with the cause', async () => {
  for (const how of ['not there', 'cannot ask', 'plain error'] as const) {
    const s = setUp();
    try {
      s.script.create = async () => {
        if (how === 'plain error') throw new Error('socket hang up');
        throw new PosError('helcim_unavailable', 'error.internal');
      };
      s.script.find = async () => {
        if (how === 'cannot ask') throw new PosError('helcim_unavailable', 'error.internal');
        return [{ invoiceId: '1', invoiceNumber: 'C1A2B3C4D-OTHER' }];
      };
      s.sales.set('s1', sale(1, [3_50]));
      assert.equal(await s.invoices.forCardPart('s1', 'casey'), null, how);
      const row = s.rowOf('s1')!;
      assert.deepEqual([row.state, row.why], ['unknown', 'no_answer'], how);
      const cause = how === 'plain error' ? 'internal' : 'helcim_unavailable';
      assert.deepEqual(s.audits, [`casey invoice.unknown ${row.invoice_number}: no answer from Helcim (${cause})`]);
      assert.equal(s.invoices.of('s1'), null);
    } finally {
      s.done();
    }
  }
});

test('an answer lost earlier: looked up first — found, created; unreachable, a payment alone; absent, sent again under the same number', async () => {
  const s = setUp();
  try {
    let lose = true;
    s.script.create = async (body) => {
      if (lose) throw new PosError('helcim_unavailable', 'error.internal');
      return { invoiceId: '808', invoiceNumber: body.invoiceNumber };
    };
    s.sales.set('s1', sale(1, [3_50]));
    s.script.find = async () => {
      throw new Error('down');
    };
    await s.invoices.forCardPart('s1', 'casey');
    const n = s.rowOf('s1')!.invoice_number;
    // Next card part, Helcim still cannot be asked: a payment alone, nothing sent.
    assert.equal(await s.invoices.forCardPart('s1', 'casey'), null);
    assert.equal(s.sentBodies.length, 1);
    assert.equal(s.rowOf('s1')!.state, 'unknown');
    // No token now: cannot be asked either.
    s.script.slot = null;
    const findsBefore = s.finds.length;
    assert.equal(await s.invoices.forCardPart('s1', 'casey'), null);
    assert.equal(s.finds.length, findsBefore, 'nothing asked without a token');
    s.script.slot = 'admin';
    // Helcim answers that it has none: sent again, under the same number.
    s.script.find = async () => [];
    lose = false;
    assert.deepEqual(await s.invoices.forCardPart('s1', 'casey'), { invoiceNumber: n, grouped: false });
    assert.deepEqual(
      s.sentBodies.map((b) => b.invoiceNumber),
      [n, n],
    );
    assert.deepEqual([s.rowOf('s1')!.state, s.rowOf('s1')!.helcim_invoice_id], ['created', '808']);
  } finally {
    s.done();
  }
});

test('an answer lost earlier and Helcim has it after all: created, nothing sent again, the grouping kept', async () => {
  const s = setUp();
  try {
    s.script.create = async () => {
      throw new PosError('helcim_unavailable', 'error.internal');
    };
    s.script.find = async () => {
      throw new Error('down');
    };
    s.sales.set(
      's1',
      sale(
        1,
        Array.from({ length: 101 }, () => 1_00),
      ),
    );
    await s.invoices.forCardPart('s1', 'casey');
    const n = s.rowOf('s1')!.invoice_number;
    s.script.find = async () => [{ invoiceId: '606', invoiceNumber: n }];
    assert.deepEqual(await s.invoices.forCardPart('s1', 'casey'), { invoiceNumber: n, grouped: true });
    assert.equal(s.sentBodies.length, 1);
    assert.deepEqual([s.rowOf('s1')!.state, s.rowOf('s1')!.helcim_invoice_id], ['created', '606']);
  } finally {
    s.done();
  }
});

/** A sale with its invoice made at `at` and its first tender journaled at `tender`. */
async function made(s: ReturnType<typeof setUp>, id: string, cents: number[], at: number, tender: string | null) {
  s.clock.now = at;
  s.sales.set(id, sale(Number(id.slice(1)), cents));
  await s.invoices.forCardPart(id, 'casey');
  if (tender) s.firstTender.set(id, tender);
  return s.rowOf(id)!.invoice_number;
}

const FROM = '2026-12-07T07:00:00.000Z';
const TO = '2026-12-08T07:00:00.000Z';

test('differences: a sale counts in the period of its first tender, from inclusive to exclusive, a day of margin asked', async () => {
  const s = setUp();
  try {
    s.script.create = async () => {
      throw new PosError('helcim_bad_request', 'error.internal');
    };
    const at = Date.parse(FROM);
    await made(s, 's1', [1_00], at - 86_400_000, FROM); // made a day before, first tender at the start: in
    await made(s, 's2', [1_00], at - 86_400_001, FROM); // made more than a day before: out of the query
    await made(s, 's3', [1_00], at, TO); // first tender at the end: the next period's
    await made(s, 's4', [1_00], at, null); // never tendered: no period's
    await made(s, 's5', [1_00], Date.parse(TO) - 1, '2026-12-08T06:59:59.999Z'); // last instant: in
    await made(s, 's6', [1_00], Date.parse(TO), '2026-12-08T06:59:59.999Z'); // made at the end: out of the query
    await made(s, 's7', [1_00], at, '2026-12-07T06:59:59.999Z'); // tendered just before: out
    const d = await s.invoices.differences(FROM, TO);
    assert.deepEqual(
      d!.map((x) => [x.saleId, x.what]),
      [
        ['s1', 'refused'],
        ['s5', 'refused'],
      ],
    );
    assert.deepEqual(s.finds, [], 'nothing created: Helcim’s list is not read');
  } finally {
    s.done();
  }
});

test('differences: nothing in the period is no difference, and Helcim is not asked', async () => {
  const s = setUp();
  try {
    assert.deepEqual(await s.invoices.differences(FROM, TO), []);
    assert.deepEqual([s.finds, s.tokens], [[], []]);
  } finally {
    s.done();
  }
});

test('differences: the why of each sale without an invoice, the state when there is no why', async () => {
  const s = setUp();
  try {
    const at = Date.parse(FROM) + 3_600_000;
    s.script.slot = null;
    await made(s, 's1', [1_00], at, FROM);
    s.script.slot = 'admin';
    await made(s, 's2', [1_00, 1], at + 1, FROM);
    s.sales.set('s2', sale(2, [1_00, 1], 1_02));
    s.db.prepare("UPDATE sale_invoices SET state = 'sending', why = NULL WHERE sale_id = 's2'").run();
    s.db.prepare("UPDATE sale_invoices SET created_at = ? WHERE sale_id = 's1'").run(new Date(at - 1).toISOString());
    const d = await s.invoices.differences(FROM, TO);
    assert.deepEqual(
      d!.map((x) => [x.saleId, x.what, x.invoiceNumber === s.rowOf(x.saleId)!.invoice_number]),
      [
        ['s1', 'no_token', true],
        ['s2', 'sending', true],
      ],
      'oldest first',
    );
  } finally {
    s.done();
  }
});

test('differences with Helcim’s invoices: missing, another total, another number of lines; the same in any letter case is no difference', async () => {
  const s = setUp();
  try {
    const at = Date.parse(FROM) + 3_600_000;
    const n1 = await made(s, 's1', [1_00, 2_00], at, FROM);
    const n2 = await made(s, 's2', [1_00, 2_00], at + 1, FROM);
    const n3 = await made(s, 's3', [1_00, 2_00], at + 2, FROM);
    const n4 = await made(s, 's4', [1_00, 2_00], at + 3, FROM);
    await made(s, 's5', [5_00], at + 4, FROM);
    const n6 = await made(s, 's6', [1_00, 2_00], at + 5, FROM);
    const lines2 = [{ description: 'a' }, { description: 'b' }];
    s.script.find = async (f) =>
      'page' in f && f.page === 1
        ? [
            { invoiceId: '1', invoiceNumber: n1.toLowerCase(), amount: '3.00', lineItems: lines2 },
            { invoiceId: '2', invoiceNumber: n2, amount: 3.01, lineItems: lines2 },
            { invoiceId: '3', invoiceNumber: n3, amount: 3, lineItems: [{ description: 'a' }] },
            { invoiceId: '4', invoiceNumber: n4, amount: 3 }, // no lines listed: not compared
            { invoiceId: '6', invoiceNumber: n6, amount: 'three' }, // unreadable: not the same total
          ]
        : [];
    const d = await s.invoices.differences(FROM, TO);
    assert.deepEqual(
      d!.map((x) => [x.saleId, x.what]),
      [
        ['s2', 'total'],
        ['s3', 'lines'],
        ['s5', 'missing'],
        ['s6', 'total'],
      ],
    );
  } finally {
    s.done();
  }
});

test('differences: what Helcim says was paid against the journal’s approved card parts under the number, tips included', async () => {
  const s = setUp();
  try {
    const at = Date.parse(FROM) + 3_600_000;
    const n1 = await made(s, 's1', [10_00], at, FROM);
    const n2 = await made(s, 's2', [10_00], at + 1, FROM);
    const n3 = await made(s, 's3', [10_00], at + 2, FROM);
    const n4 = await made(s, 's4', [10_00], at + 3, FROM);
    const n5 = await made(s, 's5', [10_00], at + 4, FROM);
    // s1: two parts, 4 + 7.50 (a tip), paid 11.50 — the same.
    s.part('s1', 4_00, n1, 'h1');
    s.part('s1', 7_50, n1, 'h2');
    s.part('s1', 9_99, n1, 'h3', 'declined'); // declined: not paid
    s.part('s1', 9_99, 'OTHER', 'h4'); // under another number: not this invoice's
    s.part('s1', 9_99, n1, 'h5', 'approved', 'preauth'); // a hold is not a payment of it
    // s2: paid 10 by Helcim, the journal took 9: a difference.
    s.part('s2', 9_00, n2, 'h6');
    // s3: a part given back: not compared at all.
    s.part('s3', 9_00, n3, 'h7');
    s.giveBack('h7', 1_00);
    // s4: nothing taken, Helcim says 0: the same. s5: Helcim does not say what was paid: not compared.
    const row = (invoiceId: string, invoiceNumber: string, amountPaid?: number | string) => ({
      invoiceId,
      invoiceNumber,
      amount: 10,
      ...(amountPaid === undefined ? {} : { amountPaid }),
    });
    s.script.find = async (f) =>
      'page' in f && f.page === 1
        ? [row('1', n1, '11.50'), row('2', n2, 10), row('3', n3, 10), row('4', n4, 0), row('5', n5)]
        : [];
    assert.deepEqual(
      (await s.invoices.differences(FROM, TO))!.map((x) => [x.saleId, x.what]),
      [['s2', 'paid']],
    );
  } finally {
    s.done();
  }
});

test('differences without the journal: what was paid is not compared', async () => {
  const s = setUp({ withJournal: false });
  try {
    const n1 = await made(s, 's1', [10_00], Date.parse(FROM) + 1, FROM);
    s.script.find = async (f) =>
      'page' in f && f.page === 1 ? [{ invoiceId: '1', invoiceNumber: n1, amount: 10, amountPaid: 3 }] : [];
    assert.deepEqual(await s.invoices.differences(FROM, TO), []);
  } finally {
    s.done();
  }
});

test('Helcim’s invoice list: the Mountain days around the period, page by page until a short or empty page', async () => {
  const s = setUp();
  try {
    const n1 = await made(s, 's1', [1_00], Date.parse(FROM) + 1, FROM);
    const mine = { invoiceId: '1', invoiceNumber: n1, amount: 1 };
    const other = (i: number) => ({ invoiceId: String(100 + i), invoiceNumber: `X-${i}`, amount: 1 });
    // Pages of 3, 3, then 2 (short: the last), with ours on the last page.
    s.script.find = async (f) => {
      const p = (f as { page: number }).page;
      return p < 3 ? [other(p * 10), other(p * 10 + 1), other(p * 10 + 2)] : p === 3 ? [other(99), mine] : [];
    };
    assert.deepEqual(await s.invoices.differences(FROM, TO), []);
    const pages = s.finds as { dateStart: string; dateEnd: string; page: number }[];
    assert.deepEqual(
      pages.map((f) => f.page),
      [1, 2, 3],
    );
    // A day of margin each side, in Helcim's (Mountain) days: Dec 6 to Dec 8.
    assert.deepEqual([pages[0]!.dateStart, pages[0]!.dateEnd], ['2026-12-06', '2026-12-08']);
    assert.deepEqual(
      pages.map((f) => [f.dateStart, f.dateEnd]),
      pages.map(() => ['2026-12-06', '2026-12-08']),
    );
    // A longer page after a short one is not read past: pages 4, 3 → ends at the second page.
    s.finds.length = 0;
    s.script.find = async (f) => {
      const p = (f as { page: number }).page;
      return p === 1 ? [other(1), other(2), other(3), other(4)] : p === 2 ? [mine, other(5), other(6)] : [other(7)];
    };
    assert.deepEqual(await s.invoices.differences(FROM, TO), []);
    assert.deepEqual(
      (s.finds as { page: number }[]).map((f) => f.page),
      [1, 2],
    );
    // An empty first page: ours is missing.
    s.script.find = async () => [];
    assert.deepEqual(
      (await s.invoices.differences(FROM, TO))!.map((x) => x.what),
      ['missing'],
    );
  } finally {
    s.done();
  }
});

test(`Helcim’s invoice list: at most ${MAX_INVOICE_PAGES} pages, then the list is refused rather than cut; unreadable or no token, not read`, async () => {
  const s = setUp();
  try {
    const n1 = await made(s, 's1', [1_00], Date.parse(FROM) + 1, FROM);
    let asked = 0;
    s.script.find = async (f) => {
      asked++;
      const p = (f as { page: number }).page;
      // Full pages up to the limit; ours on page 25 would be found if it were read.
      return p === 25
        ? [
            { invoiceId: '1', invoiceNumber: n1, amount: 1 },
            ...[2, 3].map((i) => ({ invoiceId: String(i), invoiceNumber: `X${i}`, amount: 1 })),
          ]
        : [4, 5, 6].map((i) => ({ invoiceId: String(i), invoiceNumber: `X${i}-${p}`, amount: 1 }));
    };
    assert.equal(await s.invoices.differences(FROM, TO), null);
    assert.equal(asked, 25, 'exactly 25 pages');
    // 24 full pages and a short 25th: read whole.
    s.script.find = async (f) => {
      const p = (f as { page: number }).page;
      return p === 25
        ? [{ invoiceId: '1', invoiceNumber: n1, amount: 1 }]
        : [4, 5].map((i) => ({ invoiceId: String(i), invoiceNumber: `X${i}-${p}`, amount: 1 }));
    };
    assert.deepEqual(await s.invoices.differences(FROM, TO), []);
    s.script.find = async () => {
      throw new PosError('helcim_unavailable', 'error.internal');
    };
    assert.equal(await s.invoices.differences(FROM, TO), null);
    // No token that may read invoices: not read at all (a list that would answer is never asked).
    s.script.find = async () => [{ invoiceId: '1', invoiceNumber: n1, amount: 1 }];
    const findsBefore = s.finds.length;
    s.script.slot = null;
    assert.equal(await s.invoices.differences(FROM, TO), null);
    assert.equal(s.finds.length, findsBefore);
  } finally {
    s.done();
  }
});

test('a programming error while building the body is not taken for amounts that do not add up', async () => {
  const s = setUp();
  try {
    const bug = new TypeError('no department table');
    (s.invoices as unknown as { deps: { departmentOf: () => string } }).deps.departmentOf = () => {
      throw bug;
    };
    s.sales.set(
      's1',
      sale(
        1,
        Array.from({ length: 101 }, () => 1_00),
      ),
    );
    await assert.rejects(s.invoices.forCardPart('s1', 'casey'), (e) => e === bug);
    assert.equal(s.rowOf('s1'), undefined, 'nothing written');
  } finally {
    s.done();
  }
});

test('sent again after a lost answer: the sale’s customer named again; a sale of one line is not grouped; a sale now without lines is not sent', async () => {
  const s = setUp({ customerIdOf: () => 55 });
  try {
    s.script.create = async () => {
      throw new PosError('helcim_unavailable', 'error.internal');
    };
    s.script.find = async () => {
      throw new Error('down');
    };
    s.sales.set('s1', sale(1, [1_00]));
    s.sales.set('s2', sale(2, [2_00]));
    await s.invoices.forCardPart('s1', 'casey');
    await s.invoices.forCardPart('s2', 'casey');
    const [n1, n2] = [s.rowOf('s1')!.invoice_number, s.rowOf('s2')!.invoice_number];
    // s1: Helcim has none, sent again with the customer. s2: Helcim has it after all, not grouped.
    s.script.create = async (body) => ({ invoiceId: '71', invoiceNumber: body.invoiceNumber });
    s.script.find = async (f) =>
      (f as { invoiceNumber: string }).invoiceNumber === n2 ? [{ invoiceId: '72', invoiceNumber: n2 }] : [];
    assert.deepEqual(await s.invoices.forCardPart('s1', 'casey'), { invoiceNumber: n1, grouped: false });
    assert.deepEqual(
      s.sentBodies.map((b) => [b.invoiceNumber, b.customerId]),
      [
        [n1, 55],
        [n2, 55],
        [n1, 55],
      ],
    );
    assert.deepEqual(await s.invoices.forCardPart('s2', 'casey'), { invoiceNumber: n2, grouped: false });
    // s3: its answer lost, then its lines gone (a typed total now): nothing to send, a payment alone.
    s.script.create = async () => {
      throw new PosError('helcim_unavailable', 'error.internal');
    };
    s.script.find = async () => {
      throw new Error('down');
    };
    s.sales.set('s3', sale(3, [3_00]));
    await s.invoices.forCardPart('s3', 'casey');
    s.sales.set('s3', sale(3, [], 3_00));
    s.script.find = async () => [];
    const sent = s.sentBodies.length;
    assert.equal(await s.invoices.forCardPart('s3', 'casey'), null);
    assert.equal(s.sentBodies.length, sent);
  } finally {
    s.done();
  }
});

test('differences: a sale with one card part given back and one not is not compared on what was paid', async () => {
  const s = setUp();
  try {
    const n1 = await made(s, 's1', [10_00], Date.parse(FROM) + 1, FROM);
    s.part('s1', 4_00, n1, 'h1');
    s.part('s1', 6_00, n1, 'h2');
    s.giveBack('h1', 4_00);
    s.script.find = async (f) =>
      'page' in f && f.page === 1 ? [{ invoiceId: '1', invoiceNumber: n1, amount: 10, amountPaid: 6 }] : [];
    assert.deepEqual(await s.invoices.differences(FROM, TO), []);
  } finally {
    s.done();
  }
});
