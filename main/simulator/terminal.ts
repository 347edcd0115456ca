/**
 * The simulator's Helcim Smart Terminals (Payment Hardware API, HELCIM.md): devices with 4-character
 * codes, API mode on or off, asleep; a purchase or refund pushed to a device is answered 202 with no
 * body, and its result appears in card-transactions only once the customer acts on the device —
 * tap, insert or swipe (approve, with a tip if they add one), decline, or cancel (no transaction:
 * Helcim only sends a terminalCancel webhook, which a counter PC cannot receive).
 *
 * The customer's side is not Helcim's API: tests call `act`, and in training the on-screen terminal
 * (a page drawn as the device, `terminalPageHtml`) posts to /terminal/{code}/act.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { escapeHtml as esc } from '../html';
import { amountInCents } from './amounts';
import { json, readBody, text } from './http';
import type { SimLedger, SimTransaction, TokenProfile, TxLevel } from './ledger';

export type SimDevice = {
  code: string;
  dateCreated: string;
  /** Helcim's "API mode" (pairing) for the device; off, it only runs Helcim's own POS app. */
  apiMode: boolean;
  asleep: boolean;
  /** What the device is showing the customer, if anything. */
  pending: {
    kind: 'purchase' | 'refund';
    amount: number;
    currency: string;
    invoiceNumber: string;
    /** The customer the sale is for (`customerCode`); none: Helcim makes one for the payment (HELCIM.md). */
    customerCode?: string;
    originalTransactionId?: number;
  } | null;
};

/**
 * Cards a trainee (or a test) can present. Guess: Helcim publishes no Interac test card; this one is
 * the simulator's own. Guess too: a prepaid card with less on it than the total is approved for what
 * it holds (a partial approval, the approved `amount` below the one asked). HELCIM.md says nothing of
 * partial approvals; the question is in `npm run helcim:check`, and the app treats a lower approved
 * amount as a part paid whichever way Helcim answers.
 */
export const TERMINAL_CARDS = {
  visa: { cardNumber: '4124939999999990', cardType: 'VI', label: 'Visa credit' },
  mastercard: { cardNumber: '5413330089099130', cardType: 'MC', label: 'Mastercard credit' },
  interac: { cardNumber: '4506440000001234', cardType: 'IN', label: 'Interac debit' },
  // Two more debit cards, so a refund tapped with another card than the sale's can be tried (by number, by type).
  interac2: { cardNumber: '4506440000005678', cardType: 'IN', label: 'Interac debit (a second card)' },
  debit: { cardNumber: '4506449999991234', cardType: 'DB', label: 'Debit (another bank, same last four)' },
  prepaid: {
    cardNumber: '4111110000001111',
    cardType: 'VI',
    label: 'Visa prepaid ($20.00 left on it)',
    balanceCents: 2000,
  },
} as const;
export type TerminalCard = keyof typeof TERMINAL_CARDS;

export type TerminalAction =
  | { action: 'approve'; card: TerminalCard; tipCents?: number }
  | { action: 'decline'; card: TerminalCard }
  | { action: 'cancel' };

const CODE = /^[A-Z0-9]{4}$/;

export class SimTerminals {
  readonly devices = new Map<string, SimDevice>();

  constructor(private readonly L: SimLedger) {}

  add(code: string, o: { apiMode?: boolean; asleep?: boolean } = {}): SimDevice {
    if (!CODE.test(code)) throw new Error('a device code is 4 characters A-Z 0-9');
    const d: SimDevice = {
      code,
      dateCreated: this.L.helcimDate(),
      apiMode: o.apiMode ?? true,
      asleep: o.asleep ?? false,
      pending: null,
    };
    this.devices.set(code, d);
    return d;
  }

  /** The customer acts on the device. Returns the transaction it made (none for a cancel). */
  act(code: string, a: TerminalAction): SimTransaction | null {
    const d = this.devices.get(code);
    if (!d?.pending) throw new Error(`terminal ${code} is not waiting for a card`);
    const p = d.pending;
    d.pending = null;
    if (a.action === 'cancel') return null;
    const card = TERMINAL_CARDS[a.card];
    const tip = a.action === 'approve' && p.kind === 'purchase' ? Math.max(0, Math.round(a.tipCents ?? 0)) / 100 : 0;
    const approved = a.action === 'approve';
    const asked = Math.round((p.amount + tip) * 100);
    const balance = 'balanceCents' in card ? card.balanceCents : Infinity;
    const cents = approved && p.kind === 'purchase' ? Math.min(asked, balance) : asked;
    const tx: SimTransaction = {
      transactionId: this.L.nextTransactionId++,
      dateCreated: this.L.helcimDate(),
      cardBatchId: this.L.openBatchId,
      status: approved ? 'APPROVED' : 'DECLINED',
      user: 'Helcim System',
      type: p.kind,
      amount: cents / 100,
      currency: p.currency,
      avsResponse: '',
      cvvResponse: '',
      approvalCode: approved ? `T${randomBytes(3).toString('hex').toUpperCase().slice(0, 5)}` : '',
      cardToken: randomBytes(11).toString('base64url'),
      cardNumber: card.cardNumber.slice(0, 6) + card.cardNumber.slice(-4),
      cardHolderName: '',
      cardType: card.cardType,
      customerCode: '',
      invoiceNumber: p.invoiceNumber,
      warning: '',
      ...(p.originalTransactionId ? { originalTransactionId: p.originalTransactionId } : {}),
    };
    if (p.kind === 'purchase' && approved) tx.customerCode = this.L.customerFor(p.customerCode, tx)?.customerCode ?? '';
    this.L.record(tx, { fromDevice: true });
    return tx;
  }
}

type Authorize = (req: IncomingMessage, res: ServerResponse, need?: TxLevel) => TokenProfile | null;

/** Handles the Payment Hardware API paths; false if the path is not one of them. */
export function terminalRoutes(L: SimLedger, T: SimTerminals, authorize: Authorize) {
  /** HELCIM.md: GET devices needs General Read and Settings Read (guess: ping too, listed in helcim:check). */
  const canReadDevices = (req: IncomingMessage, res: ServerResponse) => {
    const profile = authorize(req, res);
    if (!profile) return false;
    if (profile.general === 'none' || profile.settings === 'none') {
      json(res, req.method === 'GET' ? 403 : 401, { errors: 'No access permission' });
      return false;
    }
    return true;
  };

  return async (req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<boolean> => {
    if (method === 'GET' && path === '/v2/devices') {
      if (canReadDevices(req, res))
        json(
          res,
          200,
          [...T.devices.values()].map((d) => ({ code: d.code, dateCreated: d.dateCreated })),
        );
      return true;
    }
    const ping = /^\/v2\/devices\/([^/]+)\/ping$/.exec(path);
    if (method === 'GET' && ping) {
      if (!canReadDevices(req, res)) return true;
      const d = T.devices.get(ping[1]!);
      if (!d) json(res, 404, { errors: 'Device Not Found' });
      else if (d.asleep || !d.apiMode) json(res, 409, { errors: 'Device Not Listening' });
      else text(res, 202, 'text/plain', '');
      return true;
    }
    const push = /^\/v2\/devices\/([^/]+)\/payment\/(purchase|refund)$/.exec(path);
    if (method === 'POST' && push) {
      const kind = push[2] as 'purchase' | 'refund';
      if (!authorize(req, res, kind === 'purchase' ? 'positive' : 'admin')) return true;
      let body: Record<string, unknown>;
      try {
        body = (await readBody(req)) as Record<string, unknown>;
      } catch {
        json(res, 400, { errors: 'Invalid request body' });
        return true;
      }
      const d = T.devices.get(push[1]!);
      if (!d) return (json(res, 404, { errors: 'Device Not Found' }), true);
      // Asleep, not in API mode, or already showing the customer something: nothing starts.
      if (d.asleep || !d.apiMode || d.pending) return (json(res, 409, { errors: 'Device Not Listening' }), true);
      const cents = amountInCents(body.transactionAmount);
      if (cents === null || cents === 0)
        return (json(res, 400, { errors: { transactionAmount: 'Invalid amount' } }), true);
      if (kind === 'purchase') {
        if (body.currency !== 'CAD' && body.currency !== 'USD')
          return (json(res, 400, { errors: { currency: 'Currency must be CAD or USD' } }), true);
        // Unknown invoice numbers are created by Helcim (HELCIM.md).
        const invoiceNumber =
          typeof body.invoiceNumber === 'string' ? body.invoiceNumber.slice(0, 40) : `INV${L.nextTransactionId}`;
        // A customer code must name a customer of the merchant (HELCIM.md: a bad code fails the request).
        const customerCode = typeof body.customerCode === 'string' ? body.customerCode : undefined;
        if (customerCode !== undefined && !L.customers.some((c) => c.customerCode === customerCode))
          return (json(res, 400, { errors: { customerCode: 'Customer not found' } }), true);
        d.pending = {
          kind,
          amount: cents / 100,
          currency: String(body.currency),
          invoiceNumber,
          ...(customerCode ? { customerCode } : {}),
        };
      } else {
        const original = L.transactions.find((t) => t.transactionId === Number(body.originalTransactionId));
        // Debit refunds, card present, closed batch only (HELCIM.md).
        if (!original || original.status !== 'APPROVED' || original.type !== 'purchase')
          return (
            json(res, 400, { errors: { originalTransactionId: 'Transaction not found or not refundable' } }),
            true
          );
        if (!L.closedBatches.has(original.cardBatchId))
          return (json(res, 400, { errors: 'Transaction batch is still open; use reverse' }), true);
        d.pending = {
          kind,
          amount: cents / 100,
          currency: original.currency,
          invoiceNumber: '',
          originalTransactionId: original.transactionId,
        };
      }
      text(res, 202, 'text/plain', '');
      return true;
    }
    // The customer's side, for the training terminal page (not Helcim's API).
    const page = /^\/terminal\/([A-Z0-9]{4})(\/act)?$/.exec(path);
    if (page && method === 'GET' && !page[2]) {
      const d = T.devices.get(page[1]!);
      text(res, d ? 200 : 404, 'text/html; charset=utf-8', d ? terminalPageHtml(d) : 'No such terminal', {
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors *",
      });
      return true;
    }
    if (page && method === 'POST' && page[2]) {
      const form = new URLSearchParams(await readRaw(req));
      const action = form.get('action');
      const card = (form.get('card') ?? 'visa') as TerminalCard;
      try {
        if (action === 'cancel') T.act(page[1]!, { action: 'cancel' });
        else if (action === 'decline') T.act(page[1]!, { action: 'decline', card });
        else
          T.act(page[1]!, {
            action: 'approve',
            card,
            tipCents: amountInCents(Number((form.get('tip') ?? '').replace(',', '.') || '0')) ?? 0,
          });
      } catch {
        /* nothing waiting: the page just shows the idle screen again */
      }
      res.writeHead(303, { location: `/terminal/${page[1]}` }).end();
      return true;
    }
    return false;
  };
}

const readRaw = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s.length < 4096 ? (s += c.toString('utf8')) : undefined));
    req.on('end', () => resolve(s));
  });

/** The training terminal, drawn as the device: what the customer sees and the buttons they press. */
export function terminalPageHtml(d: SimDevice): string {
  const p = d.pending;
  const due = p ? `${p.currency} $${p.amount.toFixed(2)}` : '';
  const cards = Object.entries(TERMINAL_CARDS)
    .map(([k, c]) => `<option value="${k}">${esc(c.label)}</option>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Helcim Smart Terminal ${esc(d.code)} (training)</title>
<style>body{margin:0;font:16px system-ui,sans-serif;background:#222;color:#fff;display:flex;justify-content:center}
.device{width:300px;margin:12px;background:#111;border-radius:24px;padding:18px;border:6px solid #444}
.screen{background:#f4f6f8;color:#111;border-radius:10px;padding:14px;min-height:150px}
h1{font-size:15px;margin:0 0 8px;color:#bbb} .due{font-size:30px;font-weight:700;margin:6px 0}
label{display:block;margin:8px 0 2px;font-size:14px} select,input{font-size:16px;width:100%;box-sizing:border-box;padding:6px}
button{width:100%;min-height:44px;margin-top:8px;font-size:16px;border:0;border-radius:8px}
.tap{background:#0a7d32;color:#fff}.decline{background:#a51d2d;color:#fff}.cancel{background:#ddd;color:#111}</style></head>
<body><div class="device"><h1>Helcim Smart Terminal · ${esc(d.code)} · training</h1><div class="screen">
${
  p
    ? `<p>${p.kind === 'refund' ? 'Refund to card' : 'Total'}</p><p class="due" data-testid="terminal-due">${esc(due)}</p>
<form method="post" action="/terminal/${esc(d.code)}/act">
<label for="card">Card</label><select id="card" name="card">${cards}</select>
${p.kind === 'purchase' ? '<label for="tip">Tip</label><input id="tip" name="tip" inputmode="decimal" placeholder="0.00">' : ''}
<button class="tap" name="action" value="approve" data-testid="terminal-tap">Tap / insert card</button>
<button class="decline" name="action" value="decline" data-testid="terminal-decline">Card declined</button>
<button class="cancel" name="action" value="cancel" data-testid="terminal-cancel">Cancel on terminal</button></form>`
    : `<p data-testid="terminal-idle">${d.asleep ? 'Asleep' : d.apiMode ? 'Ready — waiting for the counter' : 'Not in API mode'}</p>`
}
</div></div></body></html>`;
}
