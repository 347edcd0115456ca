/**
 * Receipts by email (issue 29 part 4) through the real bridge, against a real SMTP server started here
 * on 127.0.0.1 (`smtp-server`), whose messages are read back with `mailparser`: a manager sets up the
 * shop's mail server (a password never over an unprotected connection, kept in the keychain only); a
 * cashier emails a card receipt in the customer's language, HTML and text, no more card data than on
 * paper; the server away, the email waits and goes once when it is back; a refused address fails in
 * words; a connection cut while the server takes the message, or a counter stopped mid-send, is
 * "may not have arrived" and is sent again only when a person says so.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCore, type TestCore } from '../support/core';
import { bridgeCalls, codeOf, refusalOf } from '../support/bridge-calls';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { outcomeOf, FIRST_RETRY_MS } from '../../main/mail/mail';
import { selfSignedCertificate } from '../support/postgres';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CashSale, CheckoutStart, EmailView, MailServer, MailView, SaleView } from '../../common/contract';

const CASHIER = 1;
const MANAGER = 2;
let t: Awaited<ReturnType<typeof testCore>>;
let core: TestCore;
let smtp: TestSmtp;
let clock = Date.parse('2026-12-07T15:00:00Z');
const logged: string[] = [];
const { ok, call } = bridgeCalls(() => core);
const PASSWORD = 'mail-secret-7f3a9c';

const server = (): MailServer => ({
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  user: '',
  from: 'receipts@corner.example',
});

before(async () => {
  smtp = await startSmtp();
  t = await testCore('email', {
    now: () => clock,
    mailEveryMs: 3_600_000,
    mailTimeoutMs: 1_000,
    log: (l) => logged.push(l),
  });
  core = t.core;
  const casey = (await core.staffStore.create('Casey', 'cashier', '2468')).id;
  const morgan = (await core.staffStore.create('Morgan', 'manager', '135790')).id;
  await ok(CASHIER, 'session.signIn', { staffId: casey, pin: '2468' });
  await ok(MANAGER, 'session.signIn', { staffId: morgan, pin: '135790' });
  // The clock moves by half an hour below: nobody is locked out meanwhile.
  await ok(MANAGER, 'settings.setIdleLock', { seconds: 3600 });
});
after(async () => {
  await t.close();
  await smtp.stop();
});

/** A card payment through HelcimPay.js at the simulator, as the cashier makes one. */
async function cardPayment(cents: number, language?: 'fr-CA'): Promise<string> {
  const sale = await ok<SaleView>(CASHIER, 'sale.open', {
    amountCents: cents,
    currency: 'CAD',
    ...(language ? { language } : {}),
  });
  const s = await ok<CheckoutStart>(CASHIER, 'purchase.start', {
    amountCents: cents,
    currency: 'CAD',
    saleId: sale.saleId,
  });
  const paid = (await fetch(`${core.simulator!.origin}/helcim-pay/checkout/${s.checkoutToken}/process`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      cardNumber: '4124939999999990',
      cardExpiry: '0128',
      cardCVV: '100',
      cardHolderName: `Mail ${cents}`,
    }),
    signal: AbortSignal.timeout(5000),
  }).then((r) => r.json())) as { data: unknown; hash: string };
  await ok(CASHIER, 'checkout.finish', {
    attemptId: s.attemptId,
    event: {
      eventName: `helcim-pay-js-${s.checkoutToken}`,
      eventStatus: 'SUCCESS',
      eventMessage: JSON.stringify({ data: { data: paid.data, hash: paid.hash } }),
    },
  });
  return s.attemptId;
}

const email = (attemptId: string, address: string) => ok<EmailView>(CASHIER, 'receipt.email', { attemptId, address });
const emailsOf = (attemptId: string) => ok<EmailView[]>(CASHIER, 'receipt.emails', { attemptId });
/** Waits for the sender to settle what is due (it runs right after a queue; a tick here runs the rest). */
const settle = async () => core.mail.tick();

test('a manager sets up the mail server: no password over an unprotected connection; the password in the keychain only', async () => {
  assert.equal(codeOf(await call(CASHIER, 'mail.configure', { server: server() })), 'forbidden');
  assert.match(
    refusalOf(await call(MANAGER, 'mail.configure', { server: server(), password: PASSWORD })),
    /never sent over an unprotected connection/,
  );
  assert.equal(core.settings.get('mail'), null, 'nothing saved');
  // A cashier's email before any server is set up is refused in words.
  const cash = await ok<CashSale>(CASHIER, 'cash.sale', { amountCents: 5_00, tenderedCents: 5_00, currency: 'CAD' });
  assert.match(
    refusalOf(await call(CASHIER, 'receipt.email', { attemptId: cash.attemptId, address: 'a@b.example' })),
    /mail server/,
  );
  const saved = await ok<MailView>(MANAGER, 'mail.configure', {
    server: { ...server(), security: 'starttls' },
    password: PASSWORD,
  });
  assert.deepEqual([saved.passwordSet, saved.server?.security], [true, 'starttls']);
  // Saved as a relay with the password still kept: refused too; the password removed, accepted.
  assert.equal(codeOf(await call(MANAGER, 'mail.configure', { server: server() })), 'invalid_payload');
  const relay = await ok<MailView>(MANAGER, 'mail.configure', { server: server(), password: '' });
  assert.deepEqual([relay.passwordSet, relay.server], [false, server()]);
  const everywhere = JSON.stringify([core.settings.get('mail'), core.audit.entries(), logged]);
  assert.ok(!everywhere.includes(PASSWORD), 'never in the settings, the audit trail or the log');
  assert.ok(core.audit.entries().some((e) => e.action === 'settings.mail' && e.detail.includes('password changed')));
  const tested = await ok<{ sent: boolean; message: string }>(MANAGER, 'mail.test', {
    address: 'owner@corner.example',
  });
  assert.deepEqual(tested, { sent: true, message: 'Sent to owner@corner.example: the mail server took it.' });
  assert.equal(smtp.received.at(-1)?.subject, 'Counter POS: test message');
});

test('a card receipt by email: HTML and text, the card’s brand and last four only, from the shop’s address, sent once', async () => {
  await ok(MANAGER, 'mail.configure', { server: server() });
  const before = smtp.received.length;
  const attemptId = await cardPayment(42_17);
  const queued = await email(attemptId, 'jordan@customer.example');
  assert.deepEqual([queued.state, queued.to], ['queued', 'j•••@customer.example']);
  await settle();
  assert.equal(smtp.received.length, before + 1, 'one message');
  const m = smtp.received.at(-1)!;
  assert.equal(m.subject, 'Your receipt from Counter POS');
  assert.deepEqual(
    [m.from?.value[0]?.address, (m.to as { value: { address: string }[] }).value[0]?.address],
    ['receipts@corner.example', 'jordan@customer.example'],
  );
  assert.match(m.text ?? '', /\$42\.17/);
  assert.match(m.text ?? '', /•••• 9990/);
  assert.match(String(m.html), /\$42\.17/);
  assert.ok(!smtp.raw.at(-1)!.includes('4124939999999990') && !smtp.raw.at(-1)!.includes('412493'), 'no card number');
  assert.equal(m.messageId, `<${queued.id}@counter-pos>`);
  const [sent] = await emailsOf(attemptId);
  assert.deepEqual([sent!.state, sent!.tries, sent!.to], ['sent', 1, 'j•••@customer.example']);
  // The address is not kept once sent: only masked.
  const row = core.db.prepare('SELECT address FROM email_receipts WHERE id = ?').get(queued.id) as { address: string };
  assert.equal(row.address, 'j•••@customer.example');
  await settle();
  assert.equal(smtp.received.length, before + 1, 'never twice');
});

test('in the customer’s language: a French sale’s receipt comes in French', async () => {
  const attemptId = await cardPayment(12_34, 'fr-CA');
  await email(attemptId, 'camille@client.example');
  await settle();
  const m = smtp.received.at(-1)!;
  assert.equal(m.subject, 'Votre reçu de Counter POS');
  assert.match(m.text ?? '', /12,34\s\$/);
});

test('the mail server away: the email waits, said in words; back, it goes once, after the pause', async () => {
  await smtp.stop();
  const before = smtp.received.length;
  const attemptId = await cardPayment(7_77);
  await email(attemptId, 'sam@customer.example');
  await settle();
  const [waiting] = await emailsOf(attemptId);
  assert.deepEqual([waiting!.state, waiting!.tries], ['queued', 1]);
  assert.match(waiting!.message, /cannot be reached/);
  await smtp.start();
  // Not before its pause (30 s after the first try)…
  clock += FIRST_RETRY_MS - 1;
  await settle();
  assert.equal(smtp.received.length, before);
  clock += 1;
  await settle();
  await settle();
  assert.equal(smtp.received.length, before + 1, 'once');
  assert.deepEqual(
    (await emailsOf(attemptId)).map((e) => [e.state, e.tries]),
    [['sent', 2]],
  );
});

test('an address the server refuses (550) is not sent, said in words; a person may send it again', async () => {
  smtp.refuse.add('nobody@customer.example');
  const attemptId = await cardPayment(3_21);
  await email(attemptId, 'nobody@customer.example');
  await settle();
  const [failed] = await emailsOf(attemptId);
  assert.deepEqual([failed!.state, failed!.tries], ['failed', 1]);
  assert.match(failed!.message, /refused this email \(550\)/);
  smtp.refuse.clear();
  await ok(CASHIER, 'receipt.emailAgain', { id: failed!.id });
  await settle();
  assert.deepEqual(
    (await emailsOf(attemptId)).map((e) => e.state),
    ['sent'],
  );
  // A sent email is not sent again.
  assert.match(
    refusalOf(await call(CASHIER, 'receipt.emailAgain', { id: failed!.id })),
    /failed, or that may not have arrived/,
  );
});

test('the connection cut while the server takes the message: may have arrived, never sent again on its own', async () => {
  smtp.cutDuringData = true;
  const attemptId = await cardPayment(9_99);
  await email(attemptId, 'alex@customer.example');
  await settle();
  smtp.cutDuringData = false;
  const [maybe] = await emailsOf(attemptId);
  assert.equal(maybe!.state, 'unknown');
  clock += 30 * 60_000; // twice the longest pause between tries
  await settle();
  assert.equal((await emailsOf(attemptId))[0]!.state, 'unknown', 'not retried by itself');
  const before = smtp.received.length;
  await ok(CASHIER, 'receipt.emailAgain', { id: maybe!.id });
  await settle();
  assert.equal(smtp.received.length, before + 1);
});

test('a counter stopped while sending: the email is “may not have arrived” at the next start', async () => {
  const attemptId = await cardPayment(4_56);
  await smtp.stop();
  await email(attemptId, 'kim@customer.example');
  await settle();
  await smtp.start();
  // As a counter that stopped between marking it and the server's answer leaves it.
  core.db.prepare(`UPDATE email_receipts SET state = 'sending' WHERE attempt_id = ?`).run(attemptId);
  core.mail.start();
  const [after] = await emailsOf(attemptId);
  assert.equal(after!.state, 'unknown');
  assert.match(after!.message, /may have arrived/);
});

test('a server whose certificate this counter does not trust gets no password and no receipt: said, and tried again', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-smtp-tls-'));
  const { key, cert } = selfSignedCertificate(dir, 'mail');
  let logins = 0;
  const tls = await startSmtp({
    disabledCommands: [],
    key,
    cert,
    onAuth: (_auth, _session, cb) => {
      logins += 1;
      cb(null, { user: 'shop' });
    },
  });
  try {
    await ok(MANAGER, 'mail.configure', {
      server: { ...server(), port: tls.port, security: 'starttls', user: 'shop' },
      password: PASSWORD,
    });
    const attemptId = await cardPayment(6_54);
    await email(attemptId, 'pat@customer.example');
    await settle();
    const [waiting] = await emailsOf(attemptId);
    assert.deepEqual([waiting!.state, waiting!.tries], ['queued', 1]);
    assert.match(waiting!.message, /secure connection could not be checked/);
    assert.deepEqual([tls.received.length, logins], [0, 0], 'nothing sent, no password given');
  } finally {
    await ok(MANAGER, 'mail.configure', { server: server(), password: '' });
    await tls.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what an SMTP error means: refused for good, for now, before the message or while the server took it', () => {
  // Before the message was handed over: tried again, whatever was said (a login refused included).
  assert.equal(outcomeOf({ stage: 'before', code: 'ETIMEDOUT' }), 'retry');
  assert.equal(outcomeOf({ stage: 'before', code: 'ESOCKET' }), 'retry');
  assert.equal(outcomeOf({ stage: 'before', code: 'EAUTH', responseCode: 535 }), 'retry');
  // Handing it over: the server's refusal is final (5xx) or for now (4xx) …
  assert.equal(outcomeOf({ stage: 'message', code: 'EENVELOPE', responseCode: 550 }), 'failed');
  assert.equal(outcomeOf({ stage: 'message', code: 'EMESSAGE', responseCode: 500 }), 'failed');
  assert.equal(outcomeOf({ stage: 'message', code: 'EMESSAGE', responseCode: 499 }), 'retry');
  assert.equal(outcomeOf({ stage: 'message', code: 'EENVELOPE', responseCode: 400 }), 'retry');
  // … and no answer at all may mean it was taken.
  assert.equal(outcomeOf({ stage: 'message', responseCode: 399 }), 'unknown');
  assert.equal(outcomeOf({ stage: 'message', code: 'ECONNECTION' }), 'unknown');
  assert.equal(outcomeOf({ stage: 'message', code: 'ETIMEDOUT' }), 'unknown');
  assert.equal(outcomeOf({}), 'unknown');
});
