/** The simulator's HTTP plumbing: JSON and text answers, and request bodies (64 KiB at most). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};
export const text = (
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
};

/** Read once per request: a fault may read it before the route does (see faults.ts, `late`). */
const bodies = new WeakMap<IncomingMessage, Promise<unknown>>();

export const readBody = (req: IncomingMessage): Promise<unknown> => {
  let body = bodies.get(req);
  if (!body) bodies.set(req, (body = readOnce(req)));
  return body;
};

const readOnce = (req: IncomingMessage): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (!raw) return resolve({});
      try {
        resolve(JSON.parse(raw));
      } catch {
        reject(new Error('invalid JSON'));
      }
    });
    req.on('error', reject);
  });

/**
 * Helcim's General objects (customers, invoices, products) need General Read, and Read & Write to
 * change them (HELCIM.md, the seed's Access Restrictions): false once the refusal is answered.
 */
export const generalAccess =
  (authorize: (req: IncomingMessage, res: ServerResponse) => { general: 'none' | 'read' | 'write' } | null) =>
  (req: IncomingMessage, res: ServerResponse, need: 'read' | 'write'): boolean => {
    const profile = authorize(req, res);
    if (!profile) return false;
    if (profile.general === 'none' || (need === 'write' && profile.general !== 'write')) {
      json(res, req.method === 'GET' ? 403 : 401, { errors: 'No access permission' });
      return false;
    }
    return true;
  };

/** A request body that must be a JSON object: null once a 400 is answered. */
export async function readObject(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | null> {
  let body: unknown;
  try {
    body = await readBody(req);
  } catch {
    body = null;
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  json(res, 400, { errors: 'Invalid request body' });
  return null;
}
