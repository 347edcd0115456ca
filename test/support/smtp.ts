/**
 * A real SMTP server for the tests (the `smtp-server` package) on 127.0.0.1: it keeps every message it
 * accepted, parsed by `mailparser` (never by the code under test), and can refuse recipients, cut the
 * connection while a message comes in, or be stopped and started again on the same port.
 */
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export type TestSmtp = {
  port: number;
  received: ParsedMail[];
  /** Raw messages as they came in. */
  raw: string[];
  /** Recipients refused with 550 (no such mailbox). */
  refuse: Set<string>;
  /** While true, the message's data is taken and never answered (after DATA, no "250 OK"). */
  cutDuringData: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
};

export async function startSmtp(extra: Partial<SMTPServerOptions> = {}): Promise<TestSmtp> {
  let port = 0;
  const t: TestSmtp = {
    port: 0,
    received: [],
    raw: [],
    refuse: new Set(),
    cutDuringData: false,
    stop: async () => {},
    start: async () => {},
  };
  let server: SMTPServer | null = null;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, cb) {
        if (t.refuse.has(address.address)) {
          const err = new Error('No such mailbox here') as Error & { responseCode: number };
          err.responseCode = 550;
          return cb(err);
        }
        cb();
      },
      onData(stream, _session, cb) {
        if (t.cutDuringData) {
          // Takes the message and never answers: the client gives up waiting with no "250 OK".
          stream.resume();
          return;
        }
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          t.raw.push(raw);
          void simpleParser(raw).then((m) => {
            t.received.push(m);
            cb();
          }, cb);
        });
      },
      ...extra,
    });
  t.start = () =>
    new Promise<void>((resolve, reject) => {
      server = make();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
        t.port = port;
        resolve();
      });
    });
  t.stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const s = server;
      server = null;
      s.close(() => resolve());
    });
  await t.start();
  return t;
}
