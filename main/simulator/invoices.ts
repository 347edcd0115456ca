/**
 * The simulator's Invoice API, as Helcim's Invoice API reference describes it (HELCIM.md, "Invoices"):
 * `POST /invoices` (General Read & Write), `GET /invoices` (General Read; exact `invoiceNumber`,
 * `dateStart`/`dateEnd`, `page`), `GET /invoices/{id}`. A payment under an invoice's number adds to
 * what it has been paid.
 *
 * Where the reference is silent the simulator refuses rather than guesses, and says so here (each is a
 * question in `npm run helcim:check`):
 * - a field the reference does not list, on the invoice or a line: 400;
 * - an `invoiceNumber` that an invoice already has: 400 (the reference only says one is generated
 *   when none is given);
 * - the total (`amount`): Σ round(quantity × price) − Σ discountAmount + Σ taxAmount − discount.amount
 *   + tax.amount ("does not include item-level" taxes and discounts);
 * - a page of the list holds 100 invoices.
 * Amounts are read as decimal text (amounts.ts), never as floats, and kept in cents.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { amountInCents } from './amounts';
import { generalAccess, json, readObject } from './http';
import type { SimInvoice, SimLedger, TokenProfile } from './ledger';

const INVOICE_FIELDS = new Set([
  'currency',
  'lineItems',
  'customerId',
  'billingAddress',
  'shipping',
  'pickup',
  'tax',
  'discount',
  'type',
  'status',
  'convenienceFeeEnabled',
  'tipAmount',
  'invoiceNumber',
  'notes',
]);
const LINE_FIELDS = new Set(['description', 'quantity', 'price', 'taxAmount', 'discountAmount', 'sku']);
const TYPES = ['ESTIMATE', 'QUOTE', 'ORDER', 'PURCHASE_ORDER', 'INVOICE', 'STATEMENT', 'REGISTRATION', 'CREDIT'];
/** The simulator's page of invoices (a guess: the reference gives `page`, not its size). */
export const SIM_INVOICE_PAGE = 100;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The invoice as Helcim answers it: amounts in dollars. */
export function invoiceView(x: SimInvoice): Record<string, unknown> {
  return {
    invoiceId: x.invoiceId,
    invoiceNumber: x.invoiceNumber,
    token: x.token,
    type: x.type,
    status: x.status,
    currency: x.currency,
    customerId: x.customerId,
    lineItems: x.lineItems,
    ...(x.tax ? { tax: x.tax } : {}),
    ...(x.discount ? { discount: x.discount } : {}),
    notes: x.notes,
    dateCreated: x.dateCreated,
    amount: x.amountCents / 100,
    amountPaid: x.amountPaidCents / 100,
    amountDue: Math.max(0, x.amountCents - x.amountPaidCents) / 100,
  };
}

/** The body's errors by field (none: it is an invoice the simulator can make), and its total in cents. */
function readInvoice(
  body: Record<string, unknown>,
  customerIds: ReadonlySet<number>,
): { errors: Record<string, string>; cents: number } {
  const errors: Record<string, string> = {};
  for (const k of Object.keys(body)) if (!INVOICE_FIELDS.has(k)) errors[k] = 'Unknown field';
  if (body.currency !== 'CAD' && body.currency !== 'USD') errors.currency = 'Currency must be CAD or USD';
  if (body.type !== undefined && !TYPES.includes(String(body.type))) errors.type = 'Invalid invoice type';
  if (body.invoiceNumber !== undefined && (typeof body.invoiceNumber !== 'string' || body.invoiceNumber.length > 40))
    errors.invoiceNumber = 'Invalid invoice number';
  if (body.notes !== undefined && typeof body.notes !== 'string') errors.notes = 'Invalid notes';
  // A customer id must name a customer of the merchant (the reference: "Unique customer ID").
  if (body.customerId !== undefined && !(typeof body.customerId === 'number' && customerIds.has(body.customerId)))
    errors.customerId = 'Customer not found';
  let cents = 0;
  const lines = body.lineItems;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > 100)
    errors.lineItems = 'An invoice needs 1 to 100 line items';
  else
    lines.forEach((l: unknown, i) => {
      const at = `lineItems[${i}]`;
      if (!isObject(l)) return void (errors[at] = 'Invalid line item');
      for (const k of Object.keys(l)) if (!LINE_FIELDS.has(k)) errors[`${at}.${k}`] = 'Unknown field';
      if (typeof l.description !== 'string' || !l.description.trim()) errors[`${at}.description`] = 'Required';
      const hundredths = amountInCents(l.quantity); // a quantity has at most 2 decimals, as an amount does
      const price = amountInCents(l.price);
      if (hundredths === null || hundredths === 0) errors[`${at}.quantity`] = 'Invalid quantity';
      if (price === null) errors[`${at}.price`] = 'Invalid price';
      const tax = l.taxAmount === undefined ? 0 : amountInCents(l.taxAmount);
      const discount = l.discountAmount === undefined ? 0 : amountInCents(l.discountAmount);
      if (tax === null) errors[`${at}.taxAmount`] = 'Invalid amount';
      if (discount === null) errors[`${at}.discountAmount`] = 'Invalid amount';
      if (l.sku !== undefined && typeof l.sku !== 'string') errors[`${at}.sku`] = 'Invalid SKU';
      if (hundredths !== null && price !== null && tax !== null && discount !== null)
        cents += Math.floor((hundredths * price + 50) / 100) - discount + tax;
    });
  for (const part of ['tax', 'discount'] as const) {
    const v = body[part];
    if (v === undefined) continue;
    const cents2 = isObject(v) ? amountInCents(v.amount) : null;
    if (!isObject(v) || cents2 === null || typeof v.details !== 'string' || Object.keys(v).length !== 2)
      errors[part] = 'Needs amount and details';
    else cents += part === 'tax' ? cents2 : -cents2;
  }
  if (cents < 0) errors.discount = 'The discounts are more than the invoice';
  return { errors, cents };
}

/** Handles the Invoice API paths; false if the path is not one of them. */
export function invoiceRoutes(
  L: SimLedger,
  authorize: (req: IncomingMessage, res: ServerResponse) => TokenProfile | null,
) {
  const general = generalAccess(authorize);
  return async (req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<boolean> => {
    const path = url.pathname;
    if (path === '/v2/invoices' && method === 'POST') {
      if (!general(req, res, 'write')) return true;
      const body = await readObject(req, res);
      if (!body) return true;
      const { errors, cents } = readInvoice(body, new Set(L.customers.map((c) => c.id)));
      const wanted = typeof body.invoiceNumber === 'string' ? body.invoiceNumber.trim() : '';
      if (wanted && L.invoices.some((x) => x.invoiceNumber.toUpperCase() === wanted.toUpperCase()))
        errors.invoiceNumber = 'Invoice number already exists';
      if (Object.keys(errors).length) {
        json(res, 400, { errors });
        return true;
      }
      json(res, 200, invoiceView(L.addInvoice(body, wanted, cents)));
      return true;
    }
    if (path === '/v2/invoices' && method === 'GET') {
      if (!general(req, res, 'read')) return true;
      const q = url.searchParams;
      const number = q.get('invoiceNumber');
      const start = q.get('dateStart');
      const end = q.get('dateEnd');
      const page = Number(q.get('page') ?? '1');
      if (!Number.isInteger(page) || page < 1) {
        json(res, 400, { errors: { page: 'Invalid page' } });
        return true;
      }
      // Dates as the reference writes them: a date (00:00:00 / 23:59:59 assumed) or a date and time.
      const from = start ? (start.length === 10 ? `${start} 00:00:00` : start) : null;
      const to = end ? (end.length === 10 ? `${end} 23:59:59` : end) : null;
      const found = L.invoices.filter(
        (x) =>
          (!number || x.invoiceNumber.toUpperCase() === number.toUpperCase()) &&
          (!from || x.dateCreated >= from) &&
          (!to || x.dateCreated <= to),
      );
      json(res, 200, found.slice((page - 1) * SIM_INVOICE_PAGE, page * SIM_INVOICE_PAGE).map(invoiceView));
      return true;
    }
    const one = /^\/v2\/invoices\/(\d{1,20})$/.exec(path);
    if (one && method === 'GET') {
      if (!general(req, res, 'read')) return true;
      const x = L.invoices.find((i) => String(i.invoiceId) === one[1]);
      if (!x) json(res, 404, { errors: 'Invoice not found' });
      else json(res, 200, invoiceView(x));
      return true;
    }
    return false;
  };
}
