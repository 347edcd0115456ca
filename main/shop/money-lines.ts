/**
 * The lines a shop files from, shipped to the shop database as they happen so the whole shop's day
 * shows them, not only its Z (issue 28): the tax a sale collected and its discounts by reason and by
 * cashier, when the sale is paid (`sale:<id>`); the tax a return gave back and the cash rounding of a
 * payment (`attempt:<id>`), counted there only once its attempt is approved. The same groups and keys
 * as a counter's X/Z report (DayReport), so the shop's sums read like a counter's.
 *
 * Read from the counter's own tables at shipping time; sealed with the shop's key (shop-database.ts),
 * so the shop database can neither change nor make one.
 */
import type { Db } from '../db';

export const LINE_GROUPS = [
  'taxCollected',
  'taxRefunded',
  'rounding',
  'discountsByReason',
  'discountsByCashier',
] as const;
export type LineGroup = (typeof LINE_GROUPS)[number];
export type MoneyLine = { key: string; count: number; cents: number; names?: { en: string; fr: string } };
export type GroupLines = Record<LineGroup, MoneyLine[]>;

/** What a key ships: when it counts in the shop's day, the attempt it waits on (null: a sale's), its lines. */
export type ShippedLines = { key: string; at: string; attemptId: string | null; lines: GroupLines };

const none = (): GroupLines => ({
  taxCollected: [],
  taxRefunded: [],
  rounding: [],
  discountsByReason: [],
  discountsByCashier: [],
});

/** A key's lines as they stand now (null: nothing to ship — the sale is not paid, the attempt is gone). */
export function moneyLinesOf(db: Db, key: string): ShippedLines | null {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  if (kind === 'sale') {
    const sale = db.prepare(`SELECT updated_at FROM sales WHERE id = ? AND state = 'paid'`).get(id) as
      { updated_at: string } | undefined;
    if (!sale) return null;
    const lines = none();
    lines.taxCollected = (
      db
        .prepare(
          `SELECT code || ' ' || rate_millionths AS key, SUM(tax_cents) AS cents FROM sale_taxes WHERE sale_id = ?
            GROUP BY code, rate_millionths ORDER BY MIN(rowid)`,
        )
        .all(id) as { key: string; cents: number }[]
    ).map((t) => ({ key: t.key, count: 1, cents: t.cents }));
    const discounts = db
      .prepare(
        'SELECT reason_id, reason_en, reason_fr, cashier_name, cents FROM sale_discounts WHERE sale_id = ? AND cents > 0 ORDER BY position',
      )
      .all(id) as { reason_id: string; reason_en: string; reason_fr: string; cashier_name: string; cents: number }[];
    lines.discountsByReason = discounts.map((d) => ({
      key: d.reason_id,
      count: 1,
      cents: d.cents,
      names: { en: d.reason_en, fr: d.reason_fr },
    }));
    lines.discountsByCashier = discounts.map((d) => ({ key: d.cashier_name, count: 1, cents: d.cents }));
    return { key, at: sale.updated_at, attemptId: null, lines };
  }
  const attempt = db.prepare('SELECT created_at, kind FROM attempts WHERE id = ?').get(id) as
    { created_at: string; kind: string } | undefined;
  if (kind !== 'attempt' || !attempt) return null;
  const lines = none();
  lines.taxRefunded = (
    db
      .prepare(
        `SELECT code || ' ' || rate_millionths AS key, SUM(cents) AS cents FROM tax_returns WHERE attempt_id = ?
          GROUP BY code, rate_millionths ORDER BY MIN(rowid)`,
      )
      .all(id) as { key: string; cents: number }[]
  ).map((t) => ({ key: t.key, count: 1, cents: t.cents }));
  const rounding = db.prepare('SELECT cents FROM cash_rounding WHERE attempt_id = ?').get(id) as
    { cents: number } | undefined;
  // Signed as the drawer sees it (payments/rounding.ts `between`): a refund's rounding went out of it.
  if (rounding)
    lines.rounding = [
      { key: 'rounding', count: 1, cents: attempt.kind === 'refund' ? -rounding.cents : rounding.cents },
    ];
  return { key, at: attempt.created_at, attemptId: id, lines };
}

/** Lines as a seal covers them: every group, every line's key, count, cents and names, in order. */
export const lineFields = (lines: GroupLines): string[] =>
  LINE_GROUPS.flatMap((g) =>
    lines[g].map((l) => [g, l.key, l.count, l.cents, l.names?.en ?? '', l.names?.fr ?? ''].join('\u0000')),
  );

/**
 * Lines of several days or counters added up by key (a tax and rate, a reason, a cashier), in the
 * order first met; a reason keeps the names its latest line gave it.
 */
export function addLines(all: readonly GroupLines[]): GroupLines {
  const out = none();
  for (const g of LINE_GROUPS) {
    const sum = new Map<string, MoneyLine>();
    for (const one of all)
      for (const l of one[g]) {
        const had = sum.get(l.key) ?? { key: l.key, count: 0, cents: 0 };
        sum.set(l.key, {
          ...had,
          count: had.count + l.count,
          cents: had.cents + l.cents,
          ...(l.names ? { names: l.names } : {}),
        });
      }
    out[g] = [...sum.values()];
  }
  return out;
}

/** Lines from a JSON value the shop database hands back (or a Z's data): only well-formed ones. */
export function linesFrom(data: unknown): GroupLines {
  const d = (typeof data === 'string' ? JSON.parse(data) : data) as Partial<Record<LineGroup, unknown>> | null;
  // A lone line is taken as a list of one; anything else that is not a line is left out by the filter.
  const lines = (v: unknown): MoneyLine[] =>
    (Array.isArray(v) ? v : [v]).filter(
      (l): l is MoneyLine =>
        !!l && typeof l.key === 'string' && Number.isSafeInteger(l.count) && Number.isSafeInteger(l.cents),
    );
  const out = Object.fromEntries(LINE_GROUPS.map((g) => [g, lines(d?.[g])])) as GroupLines;
  // A Z with no rounding has a rounding line of nothing: not a line to add up.
  out.rounding = out.rounding.filter((l) => l.count > 0 || l.cents !== 0);
  return out;
}
