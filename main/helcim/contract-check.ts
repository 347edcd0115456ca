/**
 * `npm run helcim:check`: asks a real Helcim (a developer test account) the questions that
 * ../shared/HELCIM.md marks open, or that the simulator answers by a guess, and prints what Helcim
 * really answered next to what the app expects. Without `charge` it moves no money: every probe is a
 * read, a HelcimPay.js initialize (no card is taken), or a call on a transaction that cannot exist.
 * With `charge` (the merchant says yes at the prompt) it also charges the smallest amount, $0.01,
 * on a card already on the test account, and voids or releases everything it charged: that answers
 * the open questions about money calls (replay, 409, releasing a hold, capturing twice).
 * Checks that need a card typed in a browser are listed with the steps to do them by hand.
 *
 * Runs against the simulator in the tests (test/integration/helcim-check.test.ts), so the script
 * itself is exercised; against Helcim, its "observed" column is the point.
 */
import { randomUUID } from 'node:crypto';
import { instantFromHelcim } from './mountain';

export type CheckRow = {
  fact: string;
  expected: string;
  observed: string;
  verdict: 'as expected' | 'DIFFERS' | 'by hand' | 'skipped';
};

type Answer = { status: number; body: unknown; headers: Headers };

export async function runHelcimCheck(options: {
  apiBase: string;
  token: string;
  limitedToken?: string;
  timeoutMs?: number;
  /** Charge and void $0.01 test payments (asked at the prompt; never by default). */
  charge?: boolean;
}): Promise<CheckRow[]> {
  const base = options.apiBase.endsWith('/') ? options.apiBase : `${options.apiBase}/`;
  const ask = async (
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: unknown,
    key?: string,
  ): Promise<Answer> => {
    const res = await fetch(new URL(path, base), {
      method,
      headers: {
        accept: 'application/json',
        'api-token': token,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      redirect: 'error',
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* kept as text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const show = (a: Answer) => `${a.status} ${JSON.stringify(a.body).slice(0, 120)}`;
  const rows: CheckRow[] = [];
  const row = (fact: string, expected: string, observed: string, ok: boolean) =>
    rows.push({ fact, expected, observed, verdict: ok ? 'as expected' : 'DIFFERS' });

  // Tokens and errors.
  const bogus = await ask('GET', 'connection-test', `not-a-token-${randomUUID()}`);
  row(
    'An unknown token',
    '401 {"errors":"Unauthorized"}',
    show(bogus),
    bogus.status === 401 && JSON.stringify(bogus.body).includes('Unauthorized'),
  );
  const ok = await ask('GET', 'connection-test', options.token);
  row('The token given is accepted', '200', show(ok), ok.status === 200);
  if (options.limitedToken) {
    const refused = await ask(
      'POST',
      'payment/refund',
      options.limitedToken,
      { originalTransactionId: 0, amount: 0.01, ipAddress: '127.0.0.1' },
      randomUUID(),
    );
    row(
      'A token below Admin asks to refund',
      '401 or 403 with {"errors":"No access permission"} (the app reads the text)',
      show(refused),
      (refused.status === 401 || refused.status === 403) && /No access permission/i.test(JSON.stringify(refused.body)),
    );
  } else
    rows.push({
      fact: 'A token below Admin asks to refund (401 or 403?)',
      expected: '401 or 403, "No access permission"',
      observed: 'no limited token given',
      verdict: 'skipped',
    });

  // Idempotency.
  const key = randomUUID();
  const init = (amount: number) =>
    ask('POST', 'helcim-pay/initialize', options.token, { paymentType: 'verify', amount, currency: 'CAD' }, key);
  const first = await init(0);
  const replay = await init(0);
  row(
    'The same key and body again',
    'the first answer again (same checkoutToken)',
    `${first.status} then ${replay.status}`,
    first.status === 200 && JSON.stringify(first.body) === JSON.stringify(replay.body),
  );
  const conflict = await ask(
    'POST',
    'helcim-pay/initialize',
    options.token,
    { paymentType: 'verify', amount: 0, currency: 'USD' },
    key,
  );
  row('The same key with another body', '409 (its body is recorded here)', show(conflict), conflict.status === 409);
  const shortKey = await ask(
    'POST',
    'helcim-pay/initialize',
    options.token,
    { paymentType: 'verify', amount: 0, currency: 'CAD' },
    'too-short',
  );
  row('A key shorter than 25 characters', '400', show(shortKey), shortKey.status === 400);
  const refundKey = randomUUID();
  const noSuch = { originalTransactionId: 0, amount: 0.01, ipAddress: '127.0.0.1' };
  const failed = await ask('POST', 'payment/refund', options.token, noSuch, refundKey);
  const reused = await ask('POST', 'payment/refund', options.token, noSuch, refundKey);
  row(
    'A key whose request failed, sent again',
    'processed again (only successful answers are remembered — the simulator’s guess)',
    `${failed.status} then ${reused.status}`,
    failed.status === reused.status && failed.status !== 409,
  );

  // Transaction list: Mountain Time, paging, rate-limit headers, refund rows.
  const list = await ask('GET', 'card-transactions?limit=1000&page=1', options.token);
  const rowsSeen = Array.isArray(list.body) ? (list.body as Record<string, unknown>[]) : [];
  row(
    'card-transactions takes limit=1000 and page',
    '200 with at most 1000 rows',
    `${list.status}, ${rowsSeen.length} rows`,
    list.status === 200 && rowsSeen.length <= 1000,
  );
  const dated = rowsSeen.find((r) => typeof r.dateCreated === 'string');
  if (dated) {
    const at = instantFromHelcim(String(dated.dateCreated));
    row(
      'dateCreated is Mountain wall time "YYYY-MM-DD HH:MM:SS"',
      'a readable time, not in the future',
      String(dated.dateCreated),
      !!at && at.getTime() <= Date.now() + 60_000,
    );
  } else
    rows.push({
      fact: 'dateCreated is Mountain wall time',
      expected: '"YYYY-MM-DD HH:MM:SS"',
      observed: 'no transactions on the account yet',
      verdict: 'skipped',
    });
  const refunds = rowsSeen.filter(
    (r) => String(r.type).toLowerCase() === 'refund' || String(r.type).toLowerCase() === 'reverse',
  );
  if (refunds.length)
    row(
      'Refund and reverse rows name their original transaction',
      'not documented: the app keeps the link itself and asks a manager when it cannot tell',
      refunds.some((r) => 'originalTransactionId' in r) ? 'some rows carry originalTransactionId' : 'no row carries it',
      true,
    );
  else
    rows.push({
      fact: 'Refund rows name their original',
      expected: 'undocumented',
      observed: 'no refund on the account yet',
      verdict: 'skipped',
    });
  row(
    'Rate-limit headers on answers',
    'minute-limit-remaining and hour-limit-remaining',
    `${list.headers.get('minute-limit-remaining') ?? '—'} / ${list.headers.get('hour-limit-remaining') ?? '—'}`,
    list.headers.has('minute-limit-remaining') && list.headers.has('hour-limit-remaining'),
  );

  // Money calls on a card already on the account: $0.01, each voided or released again.
  const onFile = rowsSeen.find(
    (r) => typeof r.cardToken === 'string' && r.cardToken && String(r.status).toUpperCase() === 'APPROVED',
  );
  if (!options.charge || !onFile)
    rows.push({
      fact: 'Money calls: replay, 409 body, releasing a hold, capturing twice',
      expected: 'see HELCIM.md',
      observed: !options.charge
        ? 'not asked to charge $0.01'
        : 'no approved card on the account yet: make one test sale first',
      verdict: 'skipped',
    });
  else await moneyChecks(String(onFile.cardToken), rows, row, (m, p, b, k) => ask(m, p, options.token, b, k), show);

  // Payment Hardware API: does the token list devices? (General Read + Settings Read needed.)
  const devices = await ask('GET', 'devices', options.token);
  row(
    'GET devices with this token',
    '200 and a list, or a permission error naming the restriction',
    show(devices),
    devices.status === 200 || /permission/i.test(JSON.stringify(devices.body)),
  );

  // The connection test's "charge on terminal" probe: a $0 push to device "0", which cannot exist.
  const probe = await ask(
    'POST',
    'devices/0/payment/purchase',
    options.token,
    { currency: 'CAD', transactionAmount: 0 },
    randomUUID(),
  );
  row(
    'A $0 push to terminal "0" (the connection-test probe)',
    'a permission error, or 404 Device Not Found / 400 — never 202',
    show(probe),
    probe.status !== 202 && probe.status < 500,
  );

  // Issue 29: the connection test's invoice probe — an invoice of no lines, which nothing can create.
  const invoiceProbe = await ask('POST', 'invoices', options.token, {
    invoiceNumber: `POS-TEST-${randomUUID().slice(0, 8)}`,
    currency: 'CAD',
    type: 'INVOICE',
    lineItems: [],
  });
  row(
    'POST /invoices with no lines (the connection-test probe for itemized invoices)',
    'a permission error (no General Read & Write), or 400 naming lineItems — never 200; a 400 from a token without General access would mean Helcim validates before it checks permission, and the probe cannot tell',
    show(invoiceProbe),
    invoiceProbe.status === 400 || /permission/i.test(JSON.stringify(invoiceProbe.body)),
  );
  const invoiceList = await ask('GET', 'invoices?page=1', options.token);
  row(
    'GET /invoices?page=1 (reconciliation reads Helcim’s invoices a page at a time)',
    '200 and a list (how many per page is not documented: the app reads pages until a shorter or empty one), or a permission error',
    `${invoiceList.status}, ${Array.isArray(invoiceList.body) ? `${invoiceList.body.length} invoices` : JSON.stringify(invoiceList.body).slice(0, 80)}`,
    Array.isArray(invoiceList.body) || /permission/i.test(JSON.stringify(invoiceList.body)),
  );

  const customerList = await ask('GET', 'customers?search=zz&limit=1', options.token);
  row(
    'GET /customers?search=…&limit=1 (the Sale screen’s customer search)',
    '200 and a list of at most 1, or a permission error (General Read needed)',
    `${customerList.status}, ${Array.isArray(customerList.body) ? `${customerList.body.length} customers` : JSON.stringify(customerList.body).slice(0, 80)}`,
    (Array.isArray(customerList.body) && customerList.body.length <= 1) ||
      /permission/i.test(JSON.stringify(customerList.body)),
  );

  // By hand: need a card typed into HelcimPay.js in a browser.
  for (const fact of [
    'The shape of eventMessage (JSON string or object; data or data.data)',
    'A declined HelcimPay.js payment: ABORTED with "Transaction Declined: …"',
    'HelcimPay.js renders inside the https checkout host, and refuses localhost',
    'HelcimPay.js renders inside the default checkout host https://checkout.counter-pos.invalid (a reserved name)',
    'Same card, name and amount within 5 minutes: are $0 verifications declined as duplicates too? (the simulator guesses not)',
    'A terminal push repeated with the same idempotency-key: one charge on the terminal? (the app never repeats one)',
    'Pinging a terminal needs General Read + Settings Read, as listing does (the simulator’s guess)',
    'A prepaid card holding less than the total on the terminal: approved for what it holds (a partial approval, `amount` below the one pushed), declined, or never asked? (the simulator guesses partial; the app leaves the rest due either way)',
    'A debit refund pushed to a terminal (devices/{code}/payment/refund): does the terminal take only the original sale’s card, or any card the customer presents? Does the refund row carry the card (cardType, cardNumber) and name the original? (the app compares brand and last four and flags a refund to another card; the simulator accepts any card)',
    'After “customer cancelled” at the counter the terminal still shows the amount (no API call clears it): how long until it times out by itself, and does a new push answer 409 “Device Not Listening” meanwhile? (the app tells the cashier to press Cancel on the terminal)',
    'A terminal sale declined, then paid with another card on the same screen: one invoice number with a declined row and an approved one, in which order does the list show them? (the app takes the approval whatever the order)',
    // Issue 29: what the docs leave open about invoices and customers.
    'An invoice’s `amount` when it has line discountAmount, invoice-level tax and discount: is it Σ quantity × price − Σ discountAmount + tax.amount − discount.amount (the simulator’s guess; the app sends only bodies for which that sum is the sale’s total and compares the total in the X)?',
    'GET /invoices dateStart / dateEnd: Mountain Time like card-transactions, or the merchant’s own zone? (the app asks a day either side and matches invoices by their number)',
    'A terminal push and a HelcimPay.js payment against an existing invoice number, for part of its amount (a split sale): is each paid towards the invoice (amountPaid), and does the invoice become PAID when the parts add up? (documented for HelcimPay.js; the simulator does it for both)',
    'A HelcimPay.js verification with a customerCode: is the card saved to that customer’s vault (GET /customers/{id}/cards lists it)? And a terminal sale with customerCode? (the simulator guesses yes for both; the app saves cards only through a verification after the customer’s consent)',
    'A customer with 10 saved cards verifies an eleventh: refused, saved in place of one, or not saved? (the simulator does not save it)',
    'A purchase by cardToken with the customerCode of another customer than the card’s: refused? (the app sends only the sale’s customer’s own cards)',
    'DELETE /customers/{id}/cards/{cardId}: 204, and the card’s token refused afterwards? (the simulator: 204, and the token stays usable for refunds of earlier sales)',
    'POST /invoices with an invoiceNumber that an invoice already has: refused, or a second invoice with the same number? (undocumented; the simulator refuses; the app never sends a number twice without looking it up)',
    'HelcimPay.js initialize with an invoiceRequest (itemized lines): may the HelcimPay profile token (General none, Processing Positive) create that invoice, or does it need General Read & Write? (not documented; the app will sell without the invoice when it is refused, and say so)',
    'POST /invoices with our own invoiceNumber (the counter’s prefix), then GET /invoices?invoiceNumber=: is the number kept as given, and found exactly once after a lost answer? (the Invoice API reference says both; the app will look it up before ever creating it again)',
    'A Smart Terminal sale without customerCode, and a HelcimPay.js payment without customerRequest: Helcim creates a customer for each (documented). Is there any documented way to take a walk-in payment that creates no customer record, other than one shared “walk-in” customer (which the app refuses: its card vault would hold every stranger’s card)? (none found in the docs: 500 sales a day add 500 customers)',
    'Helcim’s screens in French: what does Helcim’s French interface call All Tools → Integrations → API Access Configuration, New API Access, Access Restrictions and the Transaction Processing levels? (HELCIM.md gives only the English names; the French setup wizard quotes them in English until this is known)',
  ])
    rows.push({
      fact,
      expected: 'see HELCIM.md',
      observed: 'in training, run it in the app with a test card and compare',
      verdict: 'by hand',
    });
  return rows;
}

/** $0.01 charges on a card on file, each undone: what Helcim does with money calls the docs leave open. */
async function moneyChecks(
  cardToken: string,
  rows: CheckRow[],
  row: (fact: string, expected: string, observed: string, ok: boolean) => void,
  ask: (method: 'GET' | 'POST', path: string, body?: unknown, key?: string) => Promise<Answer>,
  show: (a: Answer) => string,
): Promise<void> {
  const ip = '127.0.0.1';
  const idOf = (a: Answer) => String((a.body as { transactionId?: unknown } | null)?.transactionId ?? '');
  const sale = { amount: 0.01, currency: 'CAD', ipAddress: ip, cardData: { cardToken } };
  const key = randomUUID();
  const charged = await ask('POST', 'payment/purchase', sale, key);
  if (charged.status !== 200 || !idOf(charged)) {
    row('A $0.01 purchase on a card on file', '200 APPROVED', show(charged), false);
    return;
  }
  const replay = await ask('POST', 'payment/purchase', sale, key);
  row(
    'A money call repeated with the same key and body',
    'the same transaction again, not a second charge',
    `${idOf(charged)} then ${idOf(replay) || show(replay)}`,
    idOf(replay) === idOf(charged),
  );
  const other = await ask('POST', 'payment/purchase', { ...sale, amount: 0.02 }, key);
  row(
    'A money call with a used key and another body',
    '409 (the app treats it as an unknown outcome)',
    show(other),
    other.status === 409,
  );
  const voided = await ask(
    'POST',
    'payment/reverse',
    { cardTransactionId: Number(idOf(charged)), ipAddress: ip },
    randomUUID(),
  );
  row('The $0.01 purchase voided (reverse)', '200 APPROVED', show(voided), voided.status === 200);
  const reverseRow = voided.body as Record<string, unknown> | null;
  rows.push({
    fact: 'A reverse row names its original transaction',
    expected: 'not documented: the app keeps the link itself',
    observed: reverseRow && 'originalTransactionId' in reverseRow ? 'it does (originalTransactionId)' : 'it does not',
    verdict: 'as expected',
  });

  // Holds: a release is a reverse of the preauth (not stated outright in the docs); a capture is once.
  const held = await ask('POST', 'payment/preauth', sale, randomUUID());
  const released = idOf(held)
    ? await ask('POST', 'payment/reverse', { cardTransactionId: Number(idOf(held)), ipAddress: ip }, randomUUID())
    : held;
  row(
    'A hold (preauth) released by a reverse while its batch is open',
    '200 APPROVED (else holds lapse on their own)',
    show(released),
    released.status === 200,
  );
  const held2 = await ask('POST', 'payment/preauth', sale, randomUUID());
  const capture = (n: number) =>
    ask(
      'POST',
      'payment/capture',
      { preAuthTransactionId: Number(idOf(held2)), amount: n, ipAddress: ip },
      randomUUID(),
    );
  const captured = await capture(0.01);
  row('A capture of the whole hold', '200 APPROVED', show(captured), captured.status === 200);
  const twice = await capture(0.01);
  row(
    'A second capture beyond the held amount',
    'refused: captures add up to the held amount at most (HELCIM.md)',
    show(twice),
    twice.status >= 400,
  );
  if (idOf(captured)) {
    const undo = await ask(
      'POST',
      'payment/reverse',
      { cardTransactionId: Number(idOf(captured)), ipAddress: ip },
      randomUUID(),
    );
    row('The $0.01 capture voided', '200 APPROVED', show(undo), undo.status === 200);
  }
}

export function formatCheckTable(rows: CheckRow[]): string {
  const w = [
    Math.max(...rows.map((r) => r.fact.length), 4),
    Math.max(...rows.map((r) => r.expected.length), 8),
    Math.max(...rows.map((r) => r.observed.length), 8),
  ];
  const line = (c: string[]) =>
    `| ${c[0]!.padEnd(w[0]!)} | ${c[1]!.padEnd(w[1]!)} | ${c[2]!.padEnd(w[2]!)} | ${c[3]} |`;
  return [
    line(['fact', 'expected', 'observed', 'verdict']),
    ...rows.map((r) => line([r.fact, r.expected, r.observed, r.verdict])),
  ].join('\n');
}
