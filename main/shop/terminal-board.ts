/**
 * The shop database's side of shared terminal lookups (migration 10; the rules are in
 * main/payments/shared-lookups.ts): each counter posts its terminal sales waiting for a result, one
 * counter at a time — the lead — looks them all up in Helcim's list and writes what it found beside
 * each, and every counter reads its own. Only queries here: nothing in this file believes a row.
 *
 * The lead is a lease on the database's clock, not an advisory lock: a lock is held by a connection,
 * and a counter whose network drops keeps it on the server until TCP notices (minutes, or hours with
 * default keepalives); a lease ends on its own, so another counter takes over within seconds.
 */
import type { Query } from './shop-catalog';

/** A terminal sale one counter is waiting on, and when it was pushed (that counter's clock). */
export type PostedWait = { counterId: string; attemptId: string; invoiceNumber: string; pushedAt: Date };

/** What the lead counter's last look wrote for a sale (null fields: not looked at yet). */
export type LookRow = { looked: number | null; found: string | null; seal: string | null };

/** A look's result for one waiting sale, as the lead counter writes it. */
export type LookWrite = { counterId: string; attemptId: string; looked: number; found: string; seal: string };

/** Rows waiting longer than this are a counter's that went away mid-sale: the lead stops looking them up. */
export const FORGOTTEN_AFTER_MS = 60 * 60_000;

export class ShopTerminalBoard {
  constructor(private readonly deps: { read: Query }) {}

  private get q(): Query {
    return this.deps.read;
  }

  async post(w: PostedWait): Promise<void> {
    await this.q.query(
      `INSERT INTO terminal_waits (counter_id, attempt_id, invoice_number, pushed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (counter_id, attempt_id) DO NOTHING`,
      [w.counterId, w.attemptId, w.invoiceNumber, w.pushedAt.toISOString()],
    );
  }

  async drop(counterId: string, attemptId: string): Promise<void> {
    await this.q.query('DELETE FROM terminal_waits WHERE counter_id = $1 AND attempt_id = $2', [counterId, attemptId]);
  }

  /** Removes this counter's posted sales but those still followed (rows a failed drop or a restart left behind). */
  async keepOnly(counterId: string, attemptIds: string[]): Promise<void> {
    await this.q.query('DELETE FROM terminal_waits WHERE counter_id = $1 AND NOT (attempt_id = ANY($2::text[]))', [
      counterId,
      attemptIds,
    ]);
  }

  /**
   * Takes or renews the lead for `leaseMs`: true when this counter leads now. A free lead, or one whose
   * lease ran out, goes to whoever asks first; a lead never passes to another while its lease runs.
   */
  async lead(counterId: string, leaseMs: number): Promise<boolean> {
    const r = await this.q.query<{ counter_id: string }>(
      `INSERT INTO terminal_lead (id, counter_id, until) VALUES (1, $1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (id) DO UPDATE SET counter_id = excluded.counter_id, until = excluded.until
       WHERE terminal_lead.counter_id = excluded.counter_id OR terminal_lead.until < now()
       RETURNING counter_id`,
      [counterId, leaseMs],
    );
    return r.rows[0]?.counter_id === counterId;
  }

  /** Gives the lead up (a counter closing, or one that can no longer ask Helcim): the next asker takes it at once. */
  async resign(counterId: string): Promise<void> {
    await this.q.query('DELETE FROM terminal_lead WHERE counter_id = $1', [counterId]);
  }

  /** Every counter's waiting sales, oldest first (and those forgotten long ago removed). */
  async waiting(): Promise<PostedWait[]> {
    await this.q.query(`DELETE FROM terminal_waits WHERE since < now() - $1 * interval '1 millisecond'`, [
      FORGOTTEN_AFTER_MS,
    ]);
    const r = await this.q.query<{ counter_id: string; attempt_id: string; invoice_number: string; pushed_at: Date }>(
      'SELECT counter_id, attempt_id, invoice_number, pushed_at FROM terminal_waits ORDER BY since LIMIT 1000',
    );
    return r.rows.map((x) => ({
      counterId: x.counter_id,
      attemptId: x.attempt_id,
      invoiceNumber: x.invoice_number,
      pushedAt: new Date(x.pushed_at),
    }));
  }

  /** The next look's number (a sequence: it only grows, whichever counter leads). */
  async nextLook(): Promise<number> {
    const r = await this.q.query<{ n: string }>("SELECT nextval('terminal_look') AS n");
    return Number(r.rows[0]!.n);
  }

  /** One look's results, in one statement: a sale settled meanwhile (its row gone) is skipped. */
  async publish(looks: LookWrite[]): Promise<void> {
    // Stryker disable next-line ConditionalExpression: equivalent — an UPDATE over no rows changes nothing; skipped to spare a round trip.
    if (looks.length === 0) return;
    await this.q.query(
      `UPDATE terminal_waits w SET looked = l.looked, found = l.found, seal = l.seal
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[])
         AS l(counter_id, attempt_id, looked, found, seal)
       WHERE w.counter_id = l.counter_id AND w.attempt_id = l.attempt_id`,
      [
        looks.map((l) => l.counterId),
        looks.map((l) => l.attemptId),
        looks.map((l) => l.looked),
        looks.map((l) => l.found),
        looks.map((l) => l.seal),
      ],
    );
  }

  /** What the last look wrote for this counter's sale (null: not posted, or settled). */
  async read(counterId: string, attemptId: string): Promise<LookRow | null> {
    const r = await this.q.query<{ looked: string | null; found: string | null; seal: string | null }>(
      'SELECT looked, found, seal FROM terminal_waits WHERE counter_id = $1 AND attempt_id = $2',
      [counterId, attemptId],
    );
    const row = r.rows[0];
    if (!row) return null;
    return { looked: row.looked === null ? null : Number(row.looked), found: row.found, seal: row.seal };
  }
}
