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
