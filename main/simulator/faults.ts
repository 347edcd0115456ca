/** Faults the simulator injects into its next matching request(s): the fault matrix's tools. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, readBody } from './http';

/** Faults the simulator can inject into its next matching request(s). */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'hang' } // never answers: the client times out
  | { kind: 'reset' } // drops the connection before doing anything
  | { kind: 'status'; status: 409 | 500 | 502 | 503 } // answers an error without doing anything
  | { kind: 'rate-limit'; retryAfterSeconds: number } // 429 without doing anything
  | { kind: 'lost'; hang?: boolean } // does the work, then drops (or never sends) the answer
  | { kind: 'late'; ms: number } // takes the whole request, then acts on it only after ms (the client may have given up)
  // A money call the card network declines: 200 with a DECLINED row, nothing moved. (Helcim's list
  // would hold the declined row too; the simulator leaves it out — the app never reads one back.)
  | { kind: 'declined' };

export const FAULT_KINDS = [
  'latency',
  'hang',
  'reset',
  'status-500',
  'status-502',
  'status-503',
  'rate-limit',
  'lost',
  'late',
] as const;

export class Faults {
  private pending: { method: string; path: string; fault: Fault; left: number }[] = [];
  private declinedIds = 9_000_000;

  /** The next `times` requests whose method and path start as given get `fault`. */
  inject(match: { method: 'GET' | 'POST'; path: string }, fault: Fault, times = 1): void {
    this.pending.push({ method: match.method, path: match.path, fault, left: times });
  }

  clear(): void {
    this.pending = [];
  }

  /** Applies an injected fault; returns true when the request must not be processed further. */
  async apply(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const f = this.pending.find((x) => x.left > 0 && x.method === req.method && path.startsWith(x.path));
    if (!f) return false;
    f.left -= 1;
    const fault = f.fault;
    switch (fault.kind) {
      case 'latency':
        await new Promise((r) => setTimeout(r, fault.ms));
        return false;
      case 'late':
        // The whole request has arrived, so it is acted on even if the client hangs up meanwhile.
        await readBody(req).catch(() => undefined);
        await new Promise((r) => setTimeout(r, fault.ms));
        return false;
      case 'hang':
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'status':
        json(res, fault.status, {
          errors:
            fault.status === 409
              ? 'Idempotency key already used for another request'
              : fault.status === 500
                ? 'Internal Server Error'
                : 'Service Unavailable',
        });
        return true;
      case 'declined':
        await readBody(req).catch(() => undefined);
        json(res, 200, {
          transactionId: this.declinedIds++,
          dateCreated: new Date().toISOString().slice(0, 19).replace('T', ' '),
          status: 'DECLINED',
          type: path.split('/').pop() ?? 'unknown',
          amount: 0,
          currency: 'CAD',
          approvalCode: '',
        });
        return true;
      case 'rate-limit':
        res.setHeader('retry-after', String(fault.retryAfterSeconds));
        json(res, 429, { errors: 'Too Many Requests' });
        return true;
      case 'lost':
        // Process for real, but swallow the answer and cut the connection.
        res.writeHead = (() => res) as unknown as ServerResponse['writeHead'];
        res.end = (() => {
          if (!fault.hang) req.socket.destroy();
          return res;
        }) as unknown as ServerResponse['end'];
        return false;
    }
  }
}
