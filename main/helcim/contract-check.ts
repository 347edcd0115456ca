/**
 * `npm run helcim:check`: asks a real Helcim (a developer test account) the questions that
 * ../shared/HELCIM.md marks open, or that the simulator answers by a guess, and prints what Helcim
 * really answered next to what the app expects. It moves no money: every probe is a read, a
 * HelcimPay.js initialize (no card is taken), or a refund of a transaction that cannot exist.
 * Checks that need a card in a browser are listed with the steps to do them by hand.
 *
 * Runs against the simulator in the tests (test/integration/helcim-check.test.ts), so the script
 * itself is exercised; against Helcim, its "observed" column is the point.
 */
import { randomUUID } from 'node:crypto';
import { instantFromHelcim } from './mountain';

export type CheckRow = { fact: string; expected: string; observed: string; verdict: 'as expected' | 'DIFFERS' | 'by hand' | 'skipped' };

type Answer = { status: number; body: unknown; headers: Headers };

export async function runHelcimCheck(o: { apiBase: string; token: string; limitedToken?: string; timeoutMs?: number }): Promise<CheckRow[]> {
  const base = o.apiBase.endsWith('/') ? o.apiBase : `${o.apiBase}/`;
  const ask = async (method: 'GET' | 'POST', path: string, token: string, body?: unknown, key?: string): Promise<Answer> => {
    const res = await fetch(new URL(path, base), {
      method,
      headers: {
        accept: 'application/json',
        'api-token': token,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
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
  row('An unknown token', '401 {"errors":"Unauthorized"}', show(bogus), bogus.status === 401 && JSON.stringify(bogus.body).includes('Unauthorized'));
  const ok = await ask('GET', 'connection-test', o.token);
  row('The token given is accepted', '200', show(ok), ok.status === 200);
  if (o.limitedToken) {
    const refused = await ask('POST', 'payment/refund', o.limitedToken, { originalTransactionId: 0, amount: 0.01, ipAddress: '127.0.0.1' }, randomUUID());
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
  const init = (amount: number) => ask('POST', 'helcim-pay/initialize', o.token, { paymentType: 'verify', amount, currency: 'CAD' }, key);
  const first = await init(0);
  const replay = await init(0);
  row(
    'The same key and body again',
    'the first answer again (same checkoutToken)',
    `${first.status} then ${replay.status}`,
    first.status === 200 && JSON.stringify(first.body) === JSON.stringify(replay.body),
  );
  const conflict = await ask('POST', 'helcim-pay/initialize', o.token, { paymentType: 'verify', amount: 0, currency: 'USD' }, key);
  row('The same key with another body', '409 (its body is recorded here)', show(conflict), conflict.status === 409);
  const shortKey = await ask('POST', 'helcim-pay/initialize', o.token, { paymentType: 'verify', amount: 0, currency: 'CAD' }, 'too-short');
  row('A key shorter than 25 characters', '400', show(shortKey), shortKey.status === 400);
  const refundKey = randomUUID();
  const noSuch = { originalTransactionId: 0, amount: 0.01, ipAddress: '127.0.0.1' };
  const failed = await ask('POST', 'payment/refund', o.token, noSuch, refundKey);
  const reused = await ask('POST', 'payment/refund', o.token, noSuch, refundKey);
  row(
    'A key whose request failed, sent again',
    'processed again (only successful answers are remembered — the simulator’s guess)',
    `${failed.status} then ${reused.status}`,
    failed.status === reused.status && failed.status !== 409,
  );

  // Transaction list: Mountain Time, paging, rate-limit headers, refund rows.
  const list = await ask('GET', 'card-transactions?limit=1000&page=1', o.token);
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
  const refunds = rowsSeen.filter((r) => String(r.type).toLowerCase() === 'refund' || String(r.type).toLowerCase() === 'reverse');
  if (refunds.length)
    row(
      'Refund and reverse rows name their original transaction',
      'not documented: the app keeps the link itself and asks a manager when it cannot tell',
      refunds.some((r) => 'originalTransactionId' in r) ? 'some rows carry originalTransactionId' : 'no row carries it',
      true,
    );
  else rows.push({ fact: 'Refund rows name their original', expected: 'undocumented', observed: 'no refund on the account yet', verdict: 'skipped' });
  row(
    'Rate-limit headers on answers',
    'minute-limit-remaining and hour-limit-remaining',
    `${list.headers.get('minute-limit-remaining') ?? '—'} / ${list.headers.get('hour-limit-remaining') ?? '—'}`,
    list.headers.has('minute-limit-remaining') && list.headers.has('hour-limit-remaining'),
  );

  // Payment Hardware API: does the token list devices? (General Read + Settings Read needed.)
  const devices = await ask('GET', 'devices', o.token);
  row(
    'GET devices with this token',
    '200 and a list, or a permission error naming the restriction',
    show(devices),
    devices.status === 200 || /permission/i.test(JSON.stringify(devices.body)),
  );

  // By hand: need a card typed into HelcimPay.js in a browser.
  for (const fact of [
    'The shape of eventMessage (JSON string or object; data or data.data)',
    'A declined HelcimPay.js payment: ABORTED with "Transaction Declined: …"',
    'HelcimPay.js renders inside the https checkout host, and refuses localhost',
    'A release (reverse) of a preauthorization while its batch is open',
    'Same card, name and amount within 5 minutes: are $0 verifications declined as duplicates too? (the simulator guesses not)',
  ])
    rows.push({ fact, expected: 'see HELCIM.md', observed: 'in training, run it in the app with a test card and compare', verdict: 'by hand' });
  return rows;
}

export function formatCheckTable(rows: CheckRow[]): string {
  const w = [
    Math.max(...rows.map((r) => r.fact.length), 4),
    Math.max(...rows.map((r) => r.expected.length), 8),
    Math.max(...rows.map((r) => r.observed.length), 8),
  ];
  const line = (c: string[]) => `| ${c[0]!.padEnd(w[0]!)} | ${c[1]!.padEnd(w[1]!)} | ${c[2]!.padEnd(w[2]!)} | ${c[3]} |`;
  return [line(['fact', 'expected', 'observed', 'verdict']), ...rows.map((r) => line([r.fact, r.expected, r.observed, r.verdict]))].join('\n');
}
