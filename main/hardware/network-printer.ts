/**
 * A receipt printer on the network: raw ESC/POS over TCP (port 9100). Before anything is sent the
 * printer is asked for its paper status (DLE EOT 4, ESC/POS real-time status); a printer that is off,
 * refuses, hangs or reports no paper gets a typed problem in plain words and nothing is sent. Every
 * step has a time limit, so a printer can never freeze the counter.
 *
 * Guess (listed in `npm run helcim:check`'s by-hand rows): the printer answers DLE EOT 4. Network
 * ESC/POS printers (Epson, Star in ESC/POS mode, most clones) do; one that does not is reported as
 * "did not answer" rather than printed to blindly.
 */
import { Socket } from 'node:net';
import { say } from '../language';

export type PrinterProblem = 'refused' | 'no_answer' | 'paper_out' | 'connection_lost';

export class PrinterFault extends Error {
  constructor(
    readonly problem: PrinterProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PrinterFault';
  }
}

/** DLE EOT 4: transmit the paper roll sensor status. */
const PAPER_STATUS = Uint8Array.of(0x10, 0x04, 0x04);
/** In that answer, bits 5 and 6: the paper has run out. */
const PAPER_END = 0x60;

export type NetworkPrinter = { host: string; port: number };
export const PRINTER_TIMEOUTS = { connectMs: 2_000, answerMs: 2_000, sendMs: 5_000 };

/** Sends one job (bytes) to the printer. Resolves once the printer has taken all of it. */
export function sendToPrinter(p: NetworkPrinter, bytes: Uint8Array, t = PRINTER_TIMEOUTS): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let step: 'connect' | 'status' | 'send' = 'connect';
    let settled = false;
    const done = (err?: PrinterFault) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const where = `${p.host}:${p.port}`;
    let timer = setTimeout(
      () => done(new PrinterFault('no_answer', say('printer.fault.noAnswer', { where }))),
      t.connectMs,
    );
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (step === 'connect')
        done(
          new PrinterFault(
            'refused',
            err.code === 'ECONNREFUSED'
              ? say('printer.fault.refused', { where })
              : say('printer.fault.unreachable', { where, code: err.code ?? 'network error' }),
          ),
        );
      else done(new PrinterFault('connection_lost', say('printer.fault.dropped', { where })));
    });
    socket.once('close', () => done(new PrinterFault('connection_lost', say('printer.fault.closed', { where }))));
    socket.connect(p.port, p.host, () => {
      step = 'status';
      clearTimeout(timer);
      timer = setTimeout(
        () => done(new PrinterFault('no_answer', say('printer.fault.noStatus', { where }))),
        t.answerMs,
      );
      socket.write(PAPER_STATUS);
    });
    socket.once('data', (answer: Buffer) => {
      if (step !== 'status') return;
      if ((answer[0]! & PAPER_END) === PAPER_END)
        return done(new PrinterFault('paper_out', say('printer.fault.paperOut')));
      step = 'send';
      clearTimeout(timer);
      timer = setTimeout(() => done(new PrinterFault('no_answer', say('printer.fault.stopped', { where }))), t.sendMs);
      socket.end(bytes, () => done());
    });
  });
}
