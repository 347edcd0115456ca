/**
 * A real PostgreSQL for the tests: Debian's server programs, a private data folder and port on
 * 127.0.0.1, started and stopped by the test itself — never a system service. As root (CI), the
 * server runs as the `postgres` user, since PostgreSQL refuses to run as root. `stop()` and `start()`
 * again keep the data: a database restarted mid-shift.
 */
import pg from 'pg';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';

/** Debian keeps initdb and postgres in /usr/lib/postgresql/<version>/bin, off the PATH; elsewhere, the PATH's. */
function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(root, versions[0]!, 'bin');
  }
  const onPath = (process.env.PATH ?? '').split(path.delimiter).find((d) => d && existsSync(path.join(d, 'initdb')));
  return onPath ?? null;
}

export type TestPostgres = {
  host: string;
  port: number;
  /** The server certificate's SHA-256 fingerprint (null: started without TLS). */
  fingerprint: string | null;
  /** Its certificate and key (PEM), for a stand-in that presents the same certificate. */
  tls: { cert: string; key: string } | null;
  user: string;
  password: string;
  database: string;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  close: () => Promise<void>;
};

const asRoot = process.getuid?.() === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[]): void {
  const cmd = asRoot ? 'runuser' : bin;
  const full = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  const r = spawnSync(cmd, full, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed: ${r.stderr || r.stdout}`);
}

/** A throwaway self-signed certificate (P-256) for 127.0.0.1, made by OpenSSL into `dir`. */
export function selfSignedCertificate(
  dir: string,
  name: string,
): { certFile: string; keyFile: string; cert: string; key: string; fingerprint: string } {
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  const cert = readFileSync(certFile, 'utf8');
  return {
    certFile,
    keyFile,
    cert,
    key: readFileSync(keyFile, 'utf8'),
    fingerprint: new X509Certificate(cert).fingerprint256,
  };
}

/**
 * The test's own connection to the shop database, as its owner (to look at rows, or write them as
 * whoever holds the password could). Its idle connection dropping when the server is stopped on purpose is expected.
 */
export function adminPool(db: TestPostgres): pg.Pool {
  const pool = new pg.Pool({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    max: 2,
  });
  pool.on('error', () => undefined);
  return pool;
}

/** `tls`: the server offers TLS with a self-signed certificate (default), as a shop's should. */
export async function startPostgres(o: { tls?: boolean } = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server programs are not installed (Debian: apt-get install postgresql).');
  const dir = mkdtempSync(path.join(tmpdir(), 'pos-pg-'));
  const data = path.join(dir, 'data');
  const password = `test-${Math.random().toString(36).slice(2)}`;
  writeFileSync(path.join(dir, 'pw'), password);
  chmodSync(dir, 0o700);
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(id.stdout), Number(gid.stdout));
    chownSync(path.join(dir, 'pw'), Number(id.stdout), Number(gid.stdout));
  }
  const tls = o.tls === false ? null : selfSignedCertificate(dir, 'server');
  if (tls) chmodSync(tls.keyFile, 0o600);
  if (tls && asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    for (const f of [tls.certFile, tls.keyFile]) chownSync(f, Number(id.stdout), Number(gid.stdout));
  }
  run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'pos',
    '--auth=scram-sha-256',
    `--pwfile=${path.join(dir, 'pw')}`,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  let running = false;
  // pg_ctl waits until the server accepts connections (start) or has gone (stop), within its -t.
  const start = async () => {
    const ssl = tls ? ` -c ssl=on -c ssl_cert_file=${tls.certFile} -c ssl_key_file=${tls.keyFile}` : '';
    const options = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c max_connections=60${ssl}`;
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '30', '-l', path.join(dir, 'log'), '-o', options, 'start']);
    running = true;
  };
  // "fast" shutdown: open connections are cut, as when the back-office PC goes down.
  const stop = async () => {
    if (!running) return;
    running = false;
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '30', '-m', 'fast', 'stop']);
  };
  await start();
  return {
    host: '127.0.0.1',
    port,
    fingerprint: tls?.fingerprint ?? null,
    tls: tls ? { cert: tls.cert, key: tls.key } : null,
    user: 'pos',
    password,
    database: 'postgres',
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
