/**
 * The simulator's customers and their saved cards, as Helcim's Customer API reference and HELCIM.md
 * describe them: `GET /customers` (General Read; `search` matches part of contactName, businessName,
 * customerCode, city, phone or email — one query field per request; `customerCode` exact; `limit` at
 * most 100), `POST /customers` (General Read & Write; a contact name or a business name),
 * `GET /customers/{id}/cards`, `DELETE /customers/{id}/cards/{cardId}` (204).
 *
 * Payments: without a customer code, Helcim creates a customer for the payment (HELCIM.md: terminal
 * without `customerCode`, HelcimPay.js without `customerRequest`); with one, the payment is that
 * customer's. Guess (helcim:check): the card a customer paid or verified with is saved to their vault,
 * at most 10 cards; an eleventh is not saved (the docs do not say whether one is dropped, and the
 * simulator does not guess which). Where the reference is silent the simulator refuses: an unknown field, a customer
 * code already used, two query fields at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generalAccess, json, readObject } from './http';
import type { SimCustomer, SimLedger, TokenProfile } from './ledger';

const CUSTOMER_FIELDS = new Set([
  'customerCode',
  'contactName',
  'businessName',
  'cellPhone',
  'billingAddress',
  'shippingAddress',
]);
const QUERY_FIELDS = ['search', 'customerCode'];

export function customerView(c: SimCustomer, withCards: boolean): Record<string, unknown> {
  return {
    id: c.id,
    customerCode: c.customerCode,
    contactName: c.contactName,
    businessName: c.businessName,
    cellPhone: c.cellPhone,
    ...(withCards
      ? {
          cards: c.cards.map((k) => ({
            cardHolderName: k.cardHolderName,
            cardF6L4: k.cardF6L4,
            cardToken: k.cardToken,
          })),
        }
      : {}),
  };
}

export function customerRoutes(
  L: SimLedger,
  authorize: (req: IncomingMessage, res: ServerResponse) => TokenProfile | null,
) {
  const general = generalAccess(authorize);
  return async (req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<boolean> => {
    const path = url.pathname;
    if (path === '/v2/customers' && method === 'GET') {
      if (!general(req, res, 'read')) return true;
      const q = url.searchParams;
      if (QUERY_FIELDS.filter((f) => q.has(f)).length > 1) {
        json(res, 400, { errors: 'Only use one query field per request' });
        return true;
      }
      const limit = Number(q.get('limit') ?? '100');
      const page = Number(q.get('page') ?? '1');
      if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(page) || page < 1) {
        json(res, 400, { errors: { limit: 'limit is 1 to 100, page from 1' } });
        return true;
      }
      const search = (q.get('search') ?? '').toLowerCase();
      const digits = search.replace(/\D/g, '');
      const code = q.get('customerCode');
      const found = L.customers.filter((c) =>
        code !== null
          ? c.customerCode === code
          : !search ||
            c.contactName.toLowerCase().includes(search) ||
            c.businessName.toLowerCase().includes(search) ||
            c.customerCode.toLowerCase().includes(search) ||
            (digits.length >= 3 && c.cellPhone.replace(/\D/g, '').includes(digits)),
      );
      const withCards = q.get('includeCards') === 'yes';
      json(
        res,
        200,
        found.slice((page - 1) * limit, page * limit).map((c) => customerView(c, withCards)),
      );
      return true;
    }
    if (path === '/v2/customers' && method === 'POST') {
      if (!general(req, res, 'write')) return true;
      const body = await readObject(req, res);
      if (!body) return true;
      const errors: Record<string, string> = {};
      for (const k of Object.keys(body)) if (!CUSTOMER_FIELDS.has(k)) errors[k] = 'Unknown field';
      const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
      for (const k of ['customerCode', 'contactName', 'businessName', 'cellPhone'])
        if (body[k] !== undefined && typeof body[k] !== 'string') errors[k] = 'Must be text';
      if (!text('contactName') && !text('businessName'))
        errors.contactName = 'There must be either a contact name or business name present';
      if (text('customerCode') && L.customers.some((c) => c.customerCode === text('customerCode')))
        errors.customerCode = 'Customer code already exists';
      if (Object.keys(errors).length) {
        json(res, 400, { errors });
        return true;
      }
      const c = L.addCustomer({
        customerCode: text('customerCode'),
        contactName: text('contactName'),
        businessName: text('businessName'),
        cellPhone: text('cellPhone'),
      });
      json(res, 200, customerView(c, true));
      return true;
    }
    const cards = /^\/v2\/customers\/(\d{1,20})\/cards(?:\/(\d{1,20}))?$/.exec(path);
    if (cards && (method === 'GET' || method === 'DELETE')) {
      if (!general(req, res, method === 'GET' ? 'read' : 'write')) return true;
      const c = L.customers.find((x) => String(x.id) === cards[1]);
      if (!c) {
        json(res, 404, { errors: 'Customer not found' });
        return true;
      }
      if (method === 'GET' && !cards[2]) {
        json(res, 200, c.cards);
        return true;
      }
      const i = c.cards.findIndex((k) => String(k.id) === cards[2]);
      if (i < 0) {
        json(res, 404, { errors: 'No card found' });
        return true;
      }
      if (method === 'GET') json(res, 200, [c.cards[i]]);
      else {
        c.cards.splice(i, 1);
        res.writeHead(204);
        res.end();
      }
      return true;
    }
    return false;
  };
}
