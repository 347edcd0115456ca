/**
 * The connection to the shop database trusts one server: the one whose certificate a manager saw and
 * confirmed at link time (its SHA-256 fingerprint shown on the screen, compared with the server's).
 * Before, TLS was used only when offered and any certificate was accepted, so anyone on the shop's
 * LAN answering as the server got the database's password (DESIGN.md §10).
 *
 * - `probeServer` asks the server, before any password is sent, whether it speaks TLS and which
 *   certificate it presents (PostgreSQL's SSLRequest, then a TLS handshake that trusts nothing yet).
 * - `pinnedSsl` makes every later connection accept that certificate and no other: it is the only
 *   trust anchor (`allowPartialTrustChain`, so a CA-issued leaf is pinned as itself), and its
 *   fingerprint is checked again; a mismatch ends the handshake before PostgreSQL's startup message,
 *   so an impostor never sees the password. A server that offers TLS is never reached without it.
 * - `StrictClient` refuses cleartext and MD5 password authentication whatever the server asks, and
 *   uses SCRAM channel binding (SCRAM-SHA-256-PLUS) where the server offers it.
 * No TLS at all only where the server has none and a manager accepted that at link time (shown in
 * the status bar).
 */
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import pg from 'pg';

/** What a manager confirmed at link time: the server's certificate, or "no encryption" for a server without TLS. */
export type ShopTrust = { fingerprint: string; certificate: string } | 'none';

export type Probe = { tls: false } | { tls: true; fingerprint: string; certificate: string };

/** PostgreSQL's SSLRequest: length 8, code 80877103. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]);

/** Asks the server whether it speaks TLS and for its certificate; sends nothing else (no user, no password). */
export function probeServer(host: string, port: number, timeoutMs = 5_000): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let secure: tls.TLSSocket | null = null;
    const timer = setTimeout(() => finish(new Error('the server did not answer in time')), timeoutMs);
    const finish = (err: Error | null, probe?: Probe) => {
      clearTimeout(timer);
      secure?.destroy();
      socket.destroy();
      if (err) reject(err);
      else resolve(probe!);
    };
    socket.once('error', (err) => finish(err));
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (answer) => {
      if (answer[0] === 0x4e) return finish(null, { tls: false }); // 'N': no TLS on this server
      if (answer[0] !== 0x53 || answer.length !== 1) return finish(new Error('not a PostgreSQL server'));
      // Nothing is trusted yet: this handshake only reads the certificate for the manager to confirm.
      secure = tls.connect({ socket, rejectUnauthorized: false, ...(net.isIP(host) ? {} : { servername: host }) });
      secure.once('error', (err) => finish(err));
      secure.once('secureConnect', () => {
        const raw = secure!.getPeerCertificate().raw;
        if (!raw) return finish(new Error('the server presented no certificate'));
        const cert = new X509Certificate(raw);
        finish(null, { tls: true, fingerprint: cert.fingerprint256, certificate: cert.toString() });
      });
    });
  });
}

/** The `ssl` options of a connection pinned to the certificate a manager confirmed. */
export function pinnedSsl(trust: Exclude<ShopTrust, 'none'>): tls.ConnectionOptions {
  return {
    ca: trust.certificate,
    // The pinned certificate is the trust anchor even when it is a CA-issued leaf, not a root.
    allowPartialTrustChain: true,
    rejectUnauthorized: true,
    // Pinned: the host name is not what proves the server, the certificate is.
    checkServerIdentity: (_host, cert) =>
      cert.fingerprint256 === trust.fingerprint
        ? undefined
        : new Error(`the server's certificate ${cert.fingerprint256} is not the one confirmed at link time`),
  };
}

/** A PostgreSQL client that never sends the password in the clear or as MD5, and binds SCRAM to the TLS channel where offered. */
export class StrictClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    // The same object, not a copy: pg-pool hides the password as a non-enumerable property a spread would drop.
    super(Object.assign(config ?? {}, { enableChannelBinding: true }));
  }
}
const refuse = (what: string) =>
  function (this: { connection: { emit(e: string, err: Error): void } }) {
    this.connection.emit(
      'error',
      new Error(`the server asked for ${what} password authentication, which this counter refuses (use scram-sha-256)`),
    );
  };
// pg's handlers for these two requests (client.js): replaced, so the password never leaves this way.
Object.assign(StrictClient.prototype, {
  _handleAuthCleartextPassword: refuse('cleartext'),
  _handleAuthMD5Password: refuse('MD5'),
});
