/**
 * Something on the shop's LAN answering as its PostgreSQL server, on 127.0.0.1: it takes
 * PostgreSQL's SSLRequest, answers with TLS (its own certificate, or the real server's when it has
 * stolen the key) or with 'N' (no TLS), reads the startup message and asks for the password the
 * weak way (cleartext or MD5). It records every byte it is sent, so a test can prove the counter's
 * password never reached it. Written from PostgreSQL's documented protocol (message formats), not
 * from the app's code.
 */
import net from 'node:net';
import tls from 'node:tls';

export type Impostor = {
  port: number;
  /** Everything the counter sent after the SSLRequest (TLS-decrypted where TLS was used). */
  received: () => Buffer;
  /** Whether the counter sent a PasswordMessage ('p'). */
  gotPassword: () => boolean;
  close: () => Promise<void>;
};

export async function startImpostor(o: {
  tls: { cert: string; key: string } | null;
  ask: 'cleartext' | 'md5';
}): Promise<Impostor> {
  const chunks: Buffer[] = [];
  let password = false;
  const sockets = new Set<net.Socket>();
  const speak = (s: net.Socket | tls.TLSSocket) => {
    let startupSeen = false;
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      if (!startupSeen) {
        startupSeen = true;
        // AuthenticationCleartextPassword (R, 8, 3) or AuthenticationMD5Password (R, 12, 5, salt).
        s.write(
          o.ask === 'cleartext'
            ? Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])
            : Buffer.from([0x52, 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4]),
        );
      } else if (d[0] === 0x70) password = true;
    });
    s.on('error', () => undefined);
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', () => {
      // The SSLRequest: 'S' and TLS if it has a certificate, else 'N' and plain PostgreSQL.
      if (!o.tls) {
        socket.write('N');
        speak(socket);
        return;
      }
      socket.write('S');
      const secure = new tls.TLSSocket(socket, { isServer: true, cert: o.tls.cert, key: o.tls.key });
      speak(secure);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received: () => Buffer.concat(chunks),
    gotPassword: () => password,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
