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
import { randomBytes } from 'node:crypto';
import { newLinkCode, readLinkCode, unwrapPepper, wrapPepper } from '../../main/shop/link-code';
import { pinnedSsl, probeServer } from '../../main/shop/tls';

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
