/**
 * Linking a counter to the shop database (main/shop/link-code.ts, tls.ts), the parts that need no
 * database: the link code's form and what a person may type for it, the pepper sealed under it (the
 * right code opens it, any other code or a changed byte does not), the server's certificate pinned
 * (the confirmed fingerprint and no other), and the probe that asks a server whether it speaks TLS —
 * against real TCP servers on 127.0.0.1 answering as PostgreSQL does, or as something else. Linking
 * over a real PostgreSQL (TLS, SCRAM, an impostor) is in test/integration/shop-database.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { newLinkCode, readLinkCode, unwrapPepper, wrapPepper } from '../../main/shop/link-code';
import { pinnedSsl, probeServer, StrictClient } from '../../main/shop/tls';
import { selfSignedCertificate } from '../support/postgres';

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;

test('a link code: 20 of Crockford’s characters in four groups of five, a new one each time', () => {
  const codes = new Set(Array.from({ length: 200 }, () => newLinkCode()));
  assert.equal(codes.size, 200);
  for (const c of codes) assert.match(c, CROCKFORD);
  // Every one of the 32 characters turns up (the low five bits of each byte pick one).
  const seen = new Set([...codes].join('').replace(/-/g, ''));
  assert.equal(seen.size, 32);
});

test('what a person types for it: any case, spaces and dashes anywhere, O for 0, I and L for 1 — nothing else', () => {
  assert.equal(readLinkCode('abcde-fghjk-mnpqr-stvwx'), 'ABCDE-FGHJK-MNPQR-STVWX');
  assert.equal(readLinkCode(' ABCDE FGHJK  MNPQR-STVWX '), 'ABCDE-FGHJK-MNPQR-STVWX');
  assert.equal(readLinkCode('ABCDEFGHJKMNPQRSTVWX'), 'ABCDE-FGHJK-MNPQR-STVWX');
  assert.equal(readLinkCode('0o0O0-iIlL1-22222-33333'), '00000-11111-22222-33333');
  assert.equal(readLinkCode('ABCDE-FGHJK-MNPQR-STVW'), null, 'one short');
  assert.equal(readLinkCode('ABCDE-FGHJK-MNPQR-STVWXY'), null, 'one over');
  assert.equal(readLinkCode('ABCDE-FGHJK-MNPQR-STVWU'), null, 'U is not in the alphabet');
  assert.equal(readLinkCode('ABCDE-FGHJK-MNPQR-STVW*'), null);
  assert.equal(readLinkCode('ABCDE_FGHJK_MNPQR_STVWX'), null, 'only spaces and dashes are forgiven');
  assert.equal(readLinkCode(''), null);
});

test('the pepper sealed under the code: opened by that code (as typed any way), by no other, and not once changed', () => {
  const pepper = randomBytes(32);
  const code = newLinkCode();
  const w = wrapPepper(code, pepper);
  assert.equal(w.v, 1);
  assert.match(w.iv, /^[0-9a-f]{24}$/);
  assert.match(w.tag, /^[0-9a-f]{32}$/);
  assert.match(w.data, /^[0-9a-f]{64}$/);
  assert.ok(!w.data.includes(pepper.toString('hex')), 'not in the clear');
  assert.deepEqual(unwrapPepper(code, w), pepper);
  assert.deepEqual(unwrapPepper(readLinkCode(code.toLowerCase().replace(/-/g, ' '))!, w), pepper);
  assert.equal(unwrapPepper(newLinkCode(), w), null);
  const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
  assert.equal(unwrapPepper(code, { ...w, data: flip(w.data) }), null);
  assert.equal(unwrapPepper(code, { ...w, tag: flip(w.tag) }), null);
  assert.equal(unwrapPepper(code, { ...w, iv: flip(w.iv) }), null);
  assert.equal(unwrapPepper(code, { ...w, tag: '' }), null);
  // A fresh seal each time: the same pepper never looks the same twice.
  assert.notEqual(wrapPepper(code, pepper).data, w.data);
});

test('a pinned certificate: the one confirmed is the only trust anchor, and its fingerprint is checked again', () => {
  const trust = { fingerprint: 'AA:BB', certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' };
  const ssl = pinnedSsl(trust);
  assert.equal(ssl.ca, trust.certificate);
  assert.equal(ssl.rejectUnauthorized, true);
  assert.equal((ssl as { allowPartialTrustChain?: boolean }).allowPartialTrustChain, true);
  const check = ssl.checkServerIdentity!;
  assert.equal(check('shop.local', { fingerprint256: 'AA:BB' } as never), undefined);
  const refused = check('shop.local', { fingerprint256: 'AA:BC' } as never) as Error;
  assert.equal(
    refused.message,
    'the server’s certificate AA:BC is not the one confirmed at link time'.replace('’', "'"),
  );
});

/** A TCP server on 127.0.0.1 that answers the first bytes it gets with `answer` (or never, or closes). */
async function server(
  answer: Buffer | 'silent' | 'close',
): Promise<{ port: number; got: Buffer[]; close: () => Promise<void> }> {
  const got: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const s = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (d) => {
      got.push(d);
      if (answer === 'close') socket.destroy();
      else if (answer !== 'silent') socket.write(answer);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    port: (s.address() as net.AddressInfo).port,
    got,
    close: () =>
      new Promise<void>((resolve) => {
        for (const k of sockets) k.destroy();
        s.close(() => resolve());
      }),
  };
}

test('the probe sends PostgreSQL’s SSLRequest and nothing else; a server without TLS says N', async () => {
  const s = await server(Buffer.from('N'));
  try {
    assert.deepEqual(await probeServer('127.0.0.1', s.port), { tls: false });
    assert.deepEqual(Buffer.concat(s.got), Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]));
  } finally {
    await s.close();
  }
});

test('the probe refuses what is not PostgreSQL, a server that never answers (in time), and one that is not there', async () => {
  for (const answer of [Buffer.from('HTTP/1.1 400'), Buffer.from('SX'), Buffer.from('E')]) {
    const s = await server(answer);
    try {
      await assert.rejects(probeServer('127.0.0.1', s.port), /not a PostgreSQL server/, answer.toString());
    } finally {
      await s.close();
    }
  }
  const silent = await server('silent');
  try {
    const started = Date.now();
    await assert.rejects(probeServer('127.0.0.1', silent.port, 300), /did not answer in time/);
    assert.ok(Date.now() - started < 5_000, 'the given time, not the default');
  } finally {
    await silent.close();
  }
  const closing = await server('close');
  try {
    await assert.rejects(probeServer('127.0.0.1', closing.port, 2_000));
  } finally {
    await closing.close();
  }
  const gone = await server('silent');
  const port = gone.port;
  await gone.close();
  await assert.rejects(probeServer('127.0.0.1', port, 2_000), /ECONNREFUSED/);
});

test('a pepper sealed by an earlier version stays readable: the key derived from the code as documented (HKDF-SHA-256, its salt and info)', () => {
  // Sealed here with Node's own crypto, as link-code.ts says it seals: a shop linked long ago must still link.
  const code = 'ABCDE-FGHJK-MNPQR-STVWX';
  const pepper = randomBytes(32);
  const key = Buffer.from(hkdfSync('sha256', code, 'counter-pos shop pepper', 'link code v1', 32));
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(pepper), c.final()]);
  const sealed = {
    v: 1 as const,
    iv: iv.toString('hex'),
    tag: c.getAuthTag().toString('hex'),
    data: data.toString('hex'),
  };
  assert.deepEqual(unwrapPepper(code, sealed), pepper);
});

/** A server on 127.0.0.1 that answers the SSLRequest with S and then speaks TLS with `cert`. */
async function tlsServer(cert: { cert: string; key: string }) {
  const open = new Set<net.Socket>();
  const s = net.createServer((socket) => {
    open.add(socket);
    socket.once('data', () => {
      socket.write('S');
      const secure = new tls.TLSSocket(socket, { isServer: true, cert: cert.cert, key: cert.key });
      secure.on('error', () => undefined);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    port: (s.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const k of open) k.destroy();
        s.close(() => r());
      }),
  };
}

test('the probe reads a TLS server’s certificate (trusting nothing yet); a pinned connection takes that certificate and no other', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-tls-'));
  const mine = selfSignedCertificate(dir, 'mine');
  const other = selfSignedCertificate(dir, 'other');
  const s = await tlsServer(mine);
  try {
    const probe = await probeServer('127.0.0.1', s.port);
    assert.deepEqual(probe, {
      tls: true,
      fingerprint: mine.fingerprint,
      certificate: probe.tls ? probe.certificate : '',
    });
    assert.equal(probe.tls && probe.certificate.replace(/\s+/g, ''), mine.cert.replace(/\s+/g, ''));
    const direct = await tlsServerDirect(mine);
    try {
      await pinnedConnect(direct.port, { fingerprint: mine.fingerprint, certificate: mine.cert });
      await assert.rejects(pinnedConnect(direct.port, { fingerprint: other.fingerprint, certificate: other.cert }));
      // The right certificate but another fingerprint said: refused in words.
      await assert.rejects(
        pinnedConnect(direct.port, { fingerprint: other.fingerprint, certificate: mine.cert }),
        /is not the one confirmed at link time/,
      );
    } finally {
      await direct.close();
    }
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A TLS connection to 127.0.0.1 pinned to `trust`: resolves once the handshake is through. */
const pinnedConnect = (port: number, trust: { fingerprint: string; certificate: string }) =>
  new Promise<void>((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ...pinnedSsl(trust) });
    socket.once('secureConnect', () => (socket.destroy(), resolve()));
    socket.once('error', reject);
  });

/** A plain TLS server on 127.0.0.1 presenting `cert`. */
async function tlsServerDirect(cert: { cert: string; key: string }) {
  const s = tls.createServer({ cert: cert.cert, key: cert.key }, (socket) => socket.end());
  s.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { port: (s.address() as net.AddressInfo).port, close: () => new Promise<void>((r) => s.close(() => r())) };
}

test('the shop database’s client binds SCRAM to the channel and refuses to send a password in the clear or as MD5', () => {
  const config = { host: '127.0.0.1', password: 'secret' };
  const client = new StrictClient(config);
  assert.equal(
    (config as { enableChannelBinding?: boolean }).enableChannelBinding,
    true,
    'the same object, not a copy',
  );
  assert.equal((client as unknown as { enableChannelBinding: boolean }).enableChannelBinding, true);
  assert.equal((new StrictClient() as unknown as { enableChannelBinding: boolean }).enableChannelBinding, true);
  for (const [method, what] of [
    ['_handleAuthCleartextPassword', 'cleartext'],
    ['_handleAuthMD5Password', 'MD5'],
  ] as const) {
    const emitted: [string, Error][] = [];
    const handler = (StrictClient.prototype as unknown as Record<string, (this: unknown) => void>)[method]!;
    handler.call({ connection: { emit: (e: string, err: Error) => emitted.push([e, err]) } });
    assert.deepEqual(
      emitted.map(([e, err]) => [e, err.message]),
      [
        [
          'error',
          `the server asked for ${what} password authentication, which this counter refuses (use scram-sha-256)`,
        ],
      ],
    );
  }
});

test('a server that says it speaks TLS and then does not: the probe fails at once with the TLS error, not the time limit', async () => {
  const open = new Set<net.Socket>();
  const s = net.createServer((socket) => {
    open.add(socket);
    // The SSLRequest is answered S alone; what comes next (the client's TLS hello) gets plain text.
    let first = true;
    socket.on('data', () => {
      socket.write(first ? 'S' : 'this is not a TLS server hello\r\n');
      first = false;
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  try {
    const port = (s.address() as net.AddressInfo).port;
    await assert.rejects(
      probeServer('127.0.0.1', port, 20_000),
      (err: Error) => !/did not answer in time/.test(err.message),
    );
  } finally {
    for (const k of open) k.destroy();
    await new Promise<void>((r) => s.close(() => r()));
  }
});
