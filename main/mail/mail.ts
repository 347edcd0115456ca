/**
 * Receipts by email (issue 29 part 4), through the shop's own mail server. A cashier gives the
 * customer's address; the receipt is queued in the counter's database at once and sent by main, whatever
 * the screens do, in the customer's language, as HTML and plain text with no more card data than the
 * paper receipt. No customer record is made anywhere.
 *
 * Each email is sent exactly once, as far as SMTP lets anyone know: it is marked `sending` before the
 * connection opens; the server's "250 OK" after the message makes it `sent`. A connection that never
 * got that far (refused, timed out, DNS, TLS) or a temporary refusal (4xx) leaves it `queued`, sent
 * again later with a growing pause — an outage loses nothing. A permanent refusal (5xx: no such address)
 * is `failed`, said in words. A connection that broke while the server was taking the message, or a
 * counter that stopped mid-send, is `unknown`: it may have arrived, so it is never sent again on its
 * own — the cashier asks the customer and sends it again if they did not get it.
 *
 * Once sent, the address is kept only masked (j•••@example.com): the counter no longer needs it.
 */
import { randomUUID } from 'node:crypto';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailView, MailServer, Receipt } from '../../common/contract';
import type { Db } from '../db';
import { PosError } from '../errors';
import { translator } from '../../common/i18n';
import { footerKey, receiptHeadlineCents, receiptRows } from '../../common/i18n/receipt';
import { receiptHtml } from '../reports/render';
import { say } from '../language';
import type { MessageKey, MessageValues } from '../../common/i18n';

/** What the mail server (or the network) said, as words to show: a message key and its values. */
type Said = { key: MessageKey; values?: MessageValues };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS email_receipts (
  id TEXT PRIMARY KEY,
  attempt_id TEXT NOT NULL,
  address TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
  tries INTEGER NOT NULL DEFAULT 0,
  next_at TEXT NOT NULL,
  -- The last thing the mail server (or the network) said, as a message key and its values (JSON).
  said TEXT,
  staff_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX IF NOT EXISTS email_receipts_due ON email_receipts (state, next_at);
CREATE INDEX IF NOT EXISTS email_receipts_attempt ON email_receipts (attempt_id);`;

/** The first pause after a failed try, doubled each time up to the last: an outage is retried, never hammered. */
export const FIRST_RETRY_MS = 30_000;
export const LONGEST_RETRY_MS = 15 * 60_000;
/** How long one try may wait on the mail server at each step (connect, greeting, a reply). */
export const MAIL_TIMEOUT_MS = 20_000;

type Row = {
  id: string;
  attempt_id: string;
  address: string;
  state: EmailView['state'];
  tries: number;
  next_at: string;
  said: string | null;
  staff_id: string;
  created_at: string;
  sent_at: string | null;
};

/** What one try's error means for the email: try again later, refused for good, or perhaps delivered. */
export type Outcome = 'retry' | 'failed' | 'unknown';

/** How far one try got: connecting, TLS and the login (`before`), or handing the message over. */
export type MailStage = 'before' | 'message';

/**
 * An SMTP error, read (its stage, nodemailer's `responseCode`): anything before the message was handed
 * over is tried again; then a 5xx answer is a refusal for good and a 4xx one a refusal for now; a
 * connection that broke with no answer while the message went over may have delivered it.
 */
export function outcomeOf(err: { stage?: MailStage; code?: string; responseCode?: number }): Outcome {
  // Before the message was handed over (connecting, TLS, the login): nothing was taken.
  if (err.stage === 'before') return 'retry';
  if (typeof err.responseCode === 'number') {
    // The server answered with a refusal: the message was not taken (a login refused was 'before').
    if (err.responseCode >= 500) return 'failed';
    if (err.responseCode >= 400) return 'retry';
  }
  // No answer while the message went over: the server may have taken it.
  return 'unknown';
}

/** An address as lists show it: the first letter of the name, the domain whole (j•••@example.com). */
export function maskedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '•••' : `${address[0]}•••${address.slice(at)}`;
}

/** The plain-text body: the receipt's rows, as on paper (brand and last four only). */
export function receiptText(r: Receipt): string {
  const { t, money, dateTime } = translator(r.locale);
  const width = Math.max(...receiptRows(r).map((x) => x.label.length), 10);
  return [
    r.shop,
    ...(r.shopAddress ? r.shopAddress.split('\n') : []),
    dateTime(r.time),
    ...(r.training ? [t('receipt.training')] : []),
    '',
    `${t(`receipt.title.${r.kind}`)} ${money(receiptHeadlineCents(r), r.currency)}`,
    '',
    ...receiptRows(r)
      .filter((x) => x.value !== undefined)
      .map((x) => `${x.label.padEnd(width)}  ${x.value}`),
    '',
    t(footerKey(r)),
  ].join('\n');
}

export type MailDeps = {
  db: Db;
  server: () => MailServer | null;
  password: () => Promise<string | null>;
  /** The receipt of a payment, in its sale's language (reports.ts). */
  receipt: (attemptId: string) => Receipt;
  audit: (staffId: string, kind: string, detail: string) => void;
  now: () => number;
  log: (line: string) => void;
  /** How long one try waits on the mail server at each step (MAIL_TIMEOUT_MS; tests shorten it). */
  timeoutMs?: number;
};

export class ReceiptMail {
  /** The tick under way, if any: another tick waits for it rather than sending beside it. */
  private running: Promise<void> | null = null;

  constructor(private readonly deps: MailDeps) {
    deps.db.exec(SCHEMA);
  }

  /** At start: an email left `sending` by a counter that stopped may have arrived — a person decides. */
  start(): void {
    this.deps.db
      .prepare(`UPDATE email_receipts SET state = 'unknown', said = ? WHERE state = 'sending'`)
      .run(JSON.stringify({ key: 'mail.said.stopped' }));
  }

  /** Queues a payment's receipt for an address; sent within seconds (`tick`), or when the server is back. */
  queue(attemptId: string, address: string, staffId: string): EmailView {
    this.deps.receipt(attemptId); // a payment this counter has a receipt for, or refused here
    if (!this.deps.server()) throw new PosError('invalid_payload', 'error.mail.notSetUp');
    const id = randomUUID();
    const now = new Date(this.deps.now()).toISOString();
    this.deps.db
      .prepare(
        `INSERT INTO email_receipts (id, attempt_id, address, state, next_at, staff_id, created_at)
         VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
      )
      .run(id, attemptId, address, now, staffId, now);
    this.deps.audit(staffId, 'receipt.email', `${attemptId} to ${maskedAddress(address)}`);
    return this.view(this.row(id));
  }

  /** A failed or perhaps-delivered email sent once more, because a person decided so. */
  again(id: string, staffId: string): EmailView {
    const r = this.row(id);
    if (r.state !== 'failed' && r.state !== 'unknown') throw new PosError('invalid_payload', 'error.mail.notAgain');
    this.deps.db
      .prepare(`UPDATE email_receipts SET state = 'queued', next_at = ?, said = NULL WHERE id = ?`)
      .run(new Date(this.deps.now()).toISOString(), id);
    this.deps.audit(staffId, 'receipt.email_again', `${r.attempt_id} to ${maskedAddress(r.address)} (was ${r.state})`);
    return this.view(this.row(id));
  }

  /** The latest emails (a payment's, when asked), newest first. */
  list(attemptId?: string): EmailView[] {
    const rows = (
      attemptId
        ? this.deps.db
            .prepare('SELECT * FROM email_receipts WHERE attempt_id = ? ORDER BY created_at DESC, rowid DESC')
            .all(attemptId)
        : this.deps.db.prepare('SELECT * FROM email_receipts ORDER BY created_at DESC, rowid DESC LIMIT 50').all()
    ) as Row[];
    return rows.map((r) => this.view(r));
  }

  /** Sends what is due, one email at a time; a tick asked for while one runs waits for that one. */
  tick(): Promise<void> {
    // Cleared in a `finally` attached after the assignment: an empty queue ends the drain synchronously.
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = this.deps.db
        .prepare(`SELECT * FROM email_receipts WHERE state = 'queued' AND next_at <= ? ORDER BY next_at, rowid LIMIT 1`)
        .get(new Date(this.deps.now()).toISOString()) as Row | undefined;
      if (!due) return;
      await this.send(due);
    }
  }

  /** A test message, sent now: what the server said, in plain words (nothing queued). */
  async test(address: string, staffId: string): Promise<{ sent: boolean; message: string }> {
    const server = this.deps.server();
    if (!server) throw new PosError('invalid_payload', 'error.mail.notSetUp');
    const t = say;
    try {
      await this.deliver(server, {
        to: address,
        subject: t('mail.testSubject'),
        text: t('mail.testBody'),
        messageId: `<${randomUUID()}@counter-pos>`,
      });
      this.deps.audit(staffId, 'mail.test', `to ${maskedAddress(address)}: sent`);
      return { sent: true, message: t('mail.said.testSent', { to: address }) };
    } catch (err) {
      const said = this.said(err);
      this.deps.audit(staffId, 'mail.test', `to ${maskedAddress(address)}: ${said.key}`);
      return { sent: false, message: t(said.key, said.values) };
    }
  }

  private async send(r: Row): Promise<void> {
    const server = this.deps.server();
    const now = () => new Date(this.deps.now()).toISOString();
    if (!server) {
      this.retryLater(r, { key: 'mail.said.notSetUp' });
      return;
    }
    // Marked before the connection opens: a counter that stops from here on finds it `sending` (start()).
    this.deps.db
      .prepare(`UPDATE email_receipts SET state = 'sending', tries = tries + 1 WHERE id = ? AND state = 'queued'`)
      .run(r.id);
    let receipt: Receipt;
    try {
      receipt = this.deps.receipt(r.attempt_id);
    } catch {
      this.settle(r.id, 'failed', { key: 'mail.said.noReceipt' });
      return;
    }
    const { t } = translator(receipt.locale);
    try {
      await this.deliver(server, {
        to: r.address,
        subject: t('mail.subject', { shop: receipt.shop }),
        text: receiptText(receipt),
        html: receiptHtml(receipt),
        // One id per email, whatever the tries: a mail server or a mailbox can tell a copy.
        messageId: `<${r.id}@counter-pos>`,
      });
      this.deps.db
        .prepare(`UPDATE email_receipts SET state = 'sent', sent_at = ?, said = NULL, address = ? WHERE id = ?`)
        .run(now(), maskedAddress(r.address), r.id);
    } catch (err) {
      const said = this.said(err);
      const outcome =
        err instanceof PosError ? 'retry' : outcomeOf(err as { stage?: MailStage; responseCode?: number });
      const e = err as { code?: string; stage?: string };
      this.deps.log(
        `[mail] ${r.id} try ${r.tries + 1}: ${outcome} (${said.key}; ${e.code ?? '-'} at ${e.stage ?? '-'})`,
      );
      if (outcome === 'retry') this.retryLater({ ...r, tries: r.tries + 1 }, said);
      else this.settle(r.id, outcome, said);
    }
  }

  /**
   * One message through the mail server, step by step (SMTPConnection, not sendMail), so an error says
   * how far it got: nodemailer names most broken connections `CONN` whatever the step, and only the
   * step tells "never handed over" from "perhaps taken". Throws a `MailError` with that stage.
   */
  private async deliver(
    server: MailServer,
    message: { to: string; subject: string; text: string; html?: string; messageId: string },
  ): Promise<void> {
    const password = (await this.deps.password()) || null;
    // A password never crosses an unprotected connection (the manager's card says so too).
    if (server.security === 'none' && password) throw new PosError('invalid_payload', 'error.mail.plainPassword');
    const raw = await new MailComposer({
      from: server.from,
      ...message,
      disableFileAccess: true,
      disableUrlAccess: true,
    })
      .compile()
      .build();
    const timeout = this.deps.timeoutMs ?? MAIL_TIMEOUT_MS;
    const conn = new SMTPConnection({
      host: server.host,
      port: server.port,
      secure: server.security === 'tls',
      requireTLS: server.security === 'starttls',
      ignoreTLS: server.security === 'none',
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // Certificates are checked (Node's default); a shop's server needs one its machines trust.
    });
    // An error event between the steps lands on the step under way.
    let fail: ((e: unknown) => void) | null = null;
    conn.on('error', (e) => fail?.(e));
    const step = <T>(stage: MailStage, run: (done: (err: Error | null, v?: T) => void) => void) =>
      new Promise<T>((resolve, reject) => {
        fail = (e) => reject(Object.assign(e as Error, { stage }));
        run((err, v) => (err ? reject(Object.assign(err, { stage })) : resolve(v as T)));
      });
    try {
      await step<void>('before', (done) => conn.connect(() => done(null)));
      if (server.user)
        await step<void>('before', (done) =>
          conn.login({ user: server.user, pass: password ?? '' }, (e) => done(e ?? null)),
        );
      await step<unknown>('message', (done) =>
        conn.send({ from: server.from, to: [message.to] }, raw, (e, info) => done(e ?? null, info)),
      );
      conn.quit();
    } finally {
      fail = null;
      conn.close();
    }
  }

  /** Plain words for what went wrong (a message key): never the password, never the server's whole reply. */
  private said(err: unknown): Said {
    if (err instanceof PosError) return { key: err.key };
    const e = err as { code?: string; responseCode?: number };
    if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return { key: 'mail.said.login' };
    if (e.code === 'ETLS' || /certificate|self.signed|SSL|TLS/i.test(String((err as Error).message)))
      return { key: 'mail.said.tls' };
    if (typeof e.responseCode === 'number')
      return { key: e.responseCode >= 500 ? 'mail.said.refused' : 'mail.said.later', values: { code: e.responseCode } };
    return { key: 'mail.said.unreachable' };
  }

  private retryLater(r: Row, said: Said): void {
    const pause = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, r.tries - 1), LONGEST_RETRY_MS);
    this.deps.db
      .prepare(`UPDATE email_receipts SET state = 'queued', next_at = ?, said = ? WHERE id = ?`)
      .run(new Date(this.deps.now() + pause).toISOString(), JSON.stringify(said), r.id);
  }

  private settle(id: string, state: 'failed' | 'unknown', said: Said) {
    this.deps.db
      .prepare('UPDATE email_receipts SET state = ?, said = ? WHERE id = ?')
      .run(state, JSON.stringify(said), id);
  }

  private row(id: string): Row {
    const r = this.deps.db.prepare('SELECT * FROM email_receipts WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new PosError('invalid_payload', 'error.mail.noSuchEmail');
    return r;
  }

  /** An email as the screen shows it, in the words of whoever asks (main/language.ts). */
  private view(r: Row): EmailView {
    const said = r.said ? (JSON.parse(r.said) as Said) : null;
    return {
      id: r.id,
      attemptId: r.attempt_id,
      to: r.state === 'sent' ? r.address : maskedAddress(r.address),
      state: r.state,
      tries: r.tries,
      at: r.created_at,
      sentAt: r.sent_at,
      message: said ? say(said.key, said.values) : say(`mail.state.${r.state}`),
    };
  }
}
