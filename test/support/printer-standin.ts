/**
 * A receipt printer stand-in: a real TCP server on 127.0.0.1 that takes raw ESC/POS as a network
 * printer does (port 9100 style), answers DLE EOT 4 (paper status), and can play off (connection
 * refused), paper out, or hang (takes the connection, never answers). What it receives is decoded
 * back to text lines and commands by a decoder written here from the ESC/POS command reference — not
 * by the encoder the app uses, so the tests never check the app with its own code.
 */
import { createServer, type Server, type Socket } from 'node:net';

/** Windows-1252's 0x80–0x9F (the rest of its upper half is Latin-1); Node's TextDecoder reads these as Latin-1. */
const W1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** The upper half (0x80–0xFF) of code page 437, for the box-drawing rule lines. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

export type Decoded = {
  /** Printed text, one entry per line feed (trailing spaces trimmed). */
  lines: string[];
  /** Paper cuts (GS V). */
  cuts: number;
  /** Drawer kick pulses (ESC p). */
  pulses: number;
  /** Bytes the decoder did not know: a test fails on any. */
  unknown: string[];
  /** The lines printed inverted (white on black) or bold, as sets of line indexes. */
  inverted: Set<number>;
  bold: Set<number>;
  /** Double-size lines (GS ! with a size above 1). */
  large: Set<number>;
};

/** Decodes an ESC/POS byte stream (the commands a receipt uses; anything else is reported as unknown). */
export function decodeEscPos(bytes: Uint8Array): Decoded {
  const out: Decoded = {
    lines: [],
    cuts: 0,
    pulses: 0,
    unknown: [],
    inverted: new Set(),
    bold: new Set(),
    large: new Set(),
  };
  let line = '';
  let page: 'cp437' | 'windows-1252' = 'cp437';
  let bold = false;
  let inverted = false;
  let large = false;
  // A line's look: set when a visible character is printed in it while bold, inverted or large.
  const look = { bold: false, inverted: false, large: false };
  const put = (ch: string) => {
    line += ch;
    if (ch.trim()) {
      look.bold ||= bold;
      look.inverted ||= inverted;
      look.large ||= large;
    }
  };
  const flush = () => {
    const i = out.lines.length;
    if (look.bold) out.bold.add(i);
    if (look.inverted) out.inverted.add(i);
    if (look.large) out.large.add(i);
    out.lines.push(line.replace(/\s+$/, ''));
    line = '';
    look.bold = look.inverted = look.large = false;
  };
  /** ESC c …: how many bytes after ESC it used. */
  const escape = (c: number, n: number): number => {
    if (c === 0x40) return 1; // ESC @ initialize
    if (c === 0x4d || c === 0x61 || c === 0x64) return 2; // ESC M font, ESC a align, ESC d feed n lines
    if (c === 0x45) {
      bold = n === 1; // ESC E bold
      return 2;
    }
    if (c === 0x74) {
      // ESC t n: code page (Epson numbering)
      if (n === 0) page = 'cp437';
      else if (n === 16) page = 'windows-1252';
      else out.unknown.push(`ESC t ${n}`);
      return 2;
    }
    if (c === 0x70) {
      out.pulses += 1; // ESC p m t1 t2: drawer kick
      return 4;
    }
    out.unknown.push(`ESC 0x${c.toString(16)}`);
    return 1;
  };
  /** GS c …: how many bytes after GS it used. */
  const groupSeparator = (c: number, n: number): number => {
    if (c === 0x56) {
      out.cuts += 1; // GS V m [n]: cut; m 65/66 take one more byte
      return n >= 65 ? 3 : 2;
    }
    if (c === 0x21) {
      large = n !== 0; // GS ! size
      return 2;
    }
    if (c === 0x42) {
      inverted = n === 1; // GS B reverse
      return 2;
    }
    out.unknown.push(`GS 0x${c.toString(16)}`);
    return 1;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const next = (k = 1) => bytes[i + k]!;
    if (b === 0x0a) flush();
    else if (b === 0x0d) continue;
    else if (b === 0x1b) i += escape(next(), next(2));
    else if (b === 0x1d) i += groupSeparator(next(), next(2));
    else if (b === 0x1c && next() === 0x2e)
      i += 1; // FS . cancel Kanji mode
    else if (b === 0x10 && next() === 0x04)
      i += 2; // DLE EOT n: a status request
    else if (b < 0x20) out.unknown.push(`0x${b.toString(16)}`);
    else if (b < 0x80) put(String.fromCharCode(b));
    else put(page === 'cp437' ? CP437_HIGH[b - 0x80]! : b < 0xa0 ? W1252_80_9F[b - 0x80]! : String.fromCharCode(b));
  }
  if (line) flush();
  return out;
}

export type StandInMode = 'ok' | 'off' | 'paper-out' | 'hang';

export class PrinterStandIn {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  /** Every job received (one per connection), as raw bytes. */
  readonly jobs: Uint8Array[] = [];
  mode: StandInMode = 'ok';
  port = 0;

  async start(): Promise<this> {
    await this.listen(0);
    return this;
  }

  private listen(port: number): Promise<void> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      const chunks: Buffer[] = [];
      // Hang: takes the connection and answers nothing, ever (what it is sent is dropped).
      if (this.mode === 'hang') return void socket.resume();
      socket.on('data', (d: Buffer) => {
        chunks.push(d);
        // Real-time status: answered as the bytes arrive, whatever else is in the buffer.
        for (let i = 0; i + 2 < d.length + 0; i++)
          if (d[i] === 0x10 && d[i + 1] === 0x04 && d[i + 2] === 0x04)
            socket.write(Uint8Array.of(this.mode === 'paper-out' ? 0x72 : 0x12));
      });
      socket.on('end', () => {
        this.jobs.push(new Uint8Array(Buffer.concat(chunks)));
        socket.end();
      });
    });
    return new Promise((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
  }

  get address() {
    return { host: '127.0.0.1', port: (this.server?.address() as { port: number } | null)?.port ?? this.port };
  }

  /** Off: the port refuses connections (the server is closed) until it is switched on again. */
  async setMode(mode: StandInMode): Promise<void> {
    const port = this.address.port;
    if (mode === 'off' && this.server) {
      for (const s of this.sockets) s.destroy();
      await new Promise<void>((r) => this.server!.close(() => r()));
      this.server = null;
      this.port = port;
    } else if (mode !== 'off' && !this.server) await this.listen(this.port);
    this.mode = mode;
  }

  /** Decoded jobs, in order (call `idle()` first: a job is recorded once its connection is over). */
  decoded(): Decoded[] {
    return this.jobs.map(decodeEscPos);
  }

  /** Waits (at most `ms`) until every connection is over, so every job sent has been recorded. */
  async idle(ms = 3_000): Promise<void> {
    const until = Date.now() + ms;
    while (this.sockets.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    if (this.sockets.size > 0) throw new Error('the printer stand-in still has a connection open');
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
