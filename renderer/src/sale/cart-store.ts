/**
 * The cart's half of the sale store (sale-store.ts holds the state): what the cashier picks (a scan, a quick key, a search result, an
 * amount typed on the keypad) becomes a line asked of main, which prices every line from the
 * catalog and answers the sale with its lines and total (main/cart/cart.ts). This file never
 * computes a price or a total: it only says which items, how many, and an open amount.
 *
 * Changes go to main one at a time, in the order they were made (a scanner can send three codes in
 * a second): each starts from the cart main last confirmed.
 */
import type {
  BridgeError,
  BridgeResult,
  CartLine,
  Currency,
  DiscountQuote,
  ItemDraft,
  ItemView,
  LineDiscountAsk,
  SaleDiscountAsk,
  SaleView,
} from '../../../common/contract';
import type { Locale } from '../../../common/i18n/index';
import { pos } from '../base/pos';
import { currentT } from '../base/i18n';
import { nameIn } from '../../../common/i18n/lines';

/** The part of the sale's state the cart reads and writes (sale-store.ts holds it). */
export type CartState = {
  phase: string;
  sale: SaleView | null;
  cart: CartLine[];
  saleDiscount: SaleDiscountAsk | null;
  pending: { item: ItemView; needs: 'price' | 'weight' } | null;
  unknownCode: { code: string; scanned: string; message: string } | null;
  /** The keypad: cents, or thousandths of a kg or lb while a weight is pending. */
  amountCents: number;
  language: Locale | null;
  error: BridgeError | null;
};
type Host = { get: () => CartState; set: (p: Partial<Omit<CartState, 'phase'>>) => void };

let host: Host | null = null;
/** The sale store hands itself over once (sale-store.ts), so this file needs no import of it. */
export function attachCart(h: Host): void {
  host = h;
}
const state = () => host!.get();
const patch = (p: Partial<Omit<CartState, 'phase'>>) => host!.set(p);

let queue: Promise<unknown> = Promise.resolve();

/**
 * Asks main for the cart `change` makes of the cart it last confirmed. An empty cart discards the
 * sale (nothing was paid). Resolves true when main took it.
 */
function changeCart(
  currency: Currency,
  change: (lines: CartLine[]) => CartLine[] | null,
  also: { saleDiscount?: SaleDiscountAsk | null; approvalId?: string } = {},
): Promise<boolean> {
  const run = async (): Promise<boolean> => {
    const s = state();
    if (s.sale && (s.sale.paidCents > 0 || s.sale.checkingCents > 0 || s.sale.state !== 'open')) return false;
    // A typed total already opened as a sale (a tender that did not start) stays as its first line.
    const start: CartLine[] =
      s.cart.length === 0 && s.sale && s.sale.lines.length === 0
        ? [{ kind: 'open', amountCents: s.sale.totalCents }]
        : s.cart;
    const next = change(start);
    if (next === null) return false;
    if (next.length === 0) {
      if (s.sale) await pos.sale.discard({ saleId: s.sale.saleId });
      patch({ cart: [], saleDiscount: null, sale: null, error: null });
      return true;
    }
    const saleDiscount = also.saleDiscount !== undefined ? also.saleDiscount : s.saleDiscount;
    const r = await pos.sale.cart({
      ...(s.sale ? { saleId: s.sale.saleId } : {}),
      currency,
      ...(s.language ? { language: s.language } : {}),
      lines: next,
      ...(saleDiscount ? { discount: saleDiscount } : {}),
      ...(also.approvalId ? { approvalId: also.approvalId } : {}),
    });
    // A new sale was started meanwhile: this answer belongs to the old one.
    if (state().sale?.saleId !== s.sale?.saleId) return false;
    if (!r.ok) {
      patch({ error: r.error });
      return false;
    }
    patch({
      cart: next,
      saleDiscount,
      sale: r.value,
      error: null,
      unknownCode: null,
      ...(start !== s.cart ? { amountCents: 0 } : {}),
    });
    return true;
  };
  const p = queue.then(run, run);
  queue = p.catch(() => undefined);
  return p;
}

/** The cart sent again as it is (the customer's language changed: main keeps it with the sale). */
export function resendCart(): Promise<boolean> {
  const currency = state().sale?.currency;
  return currency ? changeCart(currency, (lines) => lines) : Promise.resolve(false);
}

/** How a line was picked, beyond the item: a scale's label as scanned. */
type Picked = { label?: string; labelPriceCents?: number; labelQuantityMilli?: number };

/**
 * Adds an item. One more of an item already on a plain line adds to that line; a scale's label is a
 * line of its own (its price or weight is printed on it); an open-price or weighed item without a
 * label waits for the keypad (its price, or its weight), unless a number is already typed.
 */
export async function addItem(item: ItemView, currency: Currency, picked: Picked = {}): Promise<boolean> {
  const s = state();
  if (s.phase !== 'entry') return false;
  if (picked.label !== undefined) {
    return changeCart(currency, (lines) => [...lines, { kind: 'item', itemId: item.id, label: picked.label }]);
  }
  const needs = item.priceCents === null ? 'price' : item.soldBy !== 'unit' ? 'weight' : null;
  if (needs) {
    patch({ pending: { item, needs }, amountCents: 0, error: null, unknownCode: null });
    return true;
  }
  return changeCart(currency, (lines) => {
    const same = lines.findIndex(
      (l) => l.kind === 'item' && l.itemId === item.id && l.label === undefined && l.priceCents === undefined,
    );
    if (same < 0) return [...lines, { kind: 'item', itemId: item.id }];
    return lines.map((l, i) =>
      i === same && l.kind === 'item' ? { ...l, quantityMilli: (l.quantityMilli ?? 1000) + 1000 } : l,
    );
  });
}

/**
 * "Add" on the keypad: the number typed becomes the pending item's price or weight, or else an
 * open-amount line.
 */
export async function addTypedLine(currency: Currency): Promise<boolean> {
  const s = state();
  const typed = s.amountCents;
  if (typed <= 0) {
    patch({
      error: { code: 'invalid_payload', message: s.pending ? pendingWords(s.pending) : currentT().t('sale.typeFirst') },
    });
    return false;
  }
  const pending = s.pending;
  const line: CartLine = !pending
    ? { kind: 'open', amountCents: typed }
    : pending.needs === 'price'
      ? { kind: 'item', itemId: pending.item.id, priceCents: typed }
      : { kind: 'item', itemId: pending.item.id, quantityMilli: typed };
  const ok = await changeCart(currency, (lines) => [...lines, line]);
  if (ok) patch({ amountCents: 0, pending: null });
  return ok;
}

/** What the keypad is waiting for, in the cashier's words. */
export function pendingWords(pending: NonNullable<CartState['pending']>): string {
  const { t, locale } = currentT();
  const name = nameIn(pending.item, locale);
  return pending.needs === 'weight'
    ? t('cart.typeWeight', { name, unit: t(`cart.unit.${pending.item.soldBy}`) })
    : t('cart.typePrice', { name });
}

/** Escape while an item waits for its price or weight: it is not added. */
export function dropPending(): void {
  patch({ pending: null, amountCents: 0 });
}

/** One more or one fewer piece on a line (none left: the line goes). */
export function stepQuantity(index: number, pieces: 1 | -1, currency: Currency): Promise<boolean> {
  return changeCart(currency, (lines) => {
    const l = lines[index];
    if (!l || l.kind !== 'item' || l.label !== undefined) return null;
    const q = (l.quantityMilli ?? 1000) + pieces * 1000;
    return q <= 0
      ? lines.filter((_, i) => i !== index)
      : lines.map((x, i) => (i === index ? { ...l, quantityMilli: q } : x));
  });
}

export function removeLine(index: number, currency: Currency): Promise<boolean> {
  return changeCart(currency, (lines) => (index < lines.length ? lines.filter((_, i) => i !== index) : null));
}

/**
 * A scanner's code: main reads it (check digits, a scale's label) and finds the item. An unknown
 * code is said, and a manager may add the item; an unreadable one is said, and nothing is added.
 */
export async function scanCode(code: string, currency: Currency): Promise<void> {
  const r = await pos.catalog.scan({ code });
  if (!r.ok) return patch({ error: r.error });
  const found = r.value;
  if (found.found === 'unknown')
    return patch({ unknownCode: { code: found.code, scanned: code.trim(), message: found.message } });
  if (found.found === 'unreadable') return patch({ error: { code: 'invalid_payload', message: found.message } });
  const label =
    found.labelPriceCents !== undefined || found.labelQuantityMilli !== undefined ? { label: code.trim() } : {};
  await addItem(found.item, currency, label);
}

/**
 * An unknown code's item, added on the spot: by the manager signed in, or with a manager's PIN at a
 * cashier's sale (main checks it and audits the item as the manager's). Then the code is scanned
 * again, so a scale's label brings its price or weight.
 */
export async function addUnknownItem(
  draft: ItemDraft,
  by: { signedInManager: true } | { managerId: string; pin: string },
  scanned: string,
  currency: Currency,
): Promise<BridgeResult<ItemView>> {
  const r =
    'signedInManager' in by
      ? await pos.catalog.add(draft)
      : await pos.catalog.addAtCounter({ item: draft, managerId: by.managerId, pin: by.pin });
  if (r.ok) await scanCode(scanned, currency);
  return r;
}

/** A discount's place: a line of the cart (its index), or the sale. */
export type DiscountTarget = { line: number } | 'sale';

/** The cart with `ask` given at `target` (null: its discount taken off), as main would be asked for it. */
function withDiscount(
  lines: CartLine[],
  saleDiscount: SaleDiscountAsk | null,
  target: DiscountTarget,
  ask: LineDiscountAsk | null,
): { lines: CartLine[]; saleDiscount: SaleDiscountAsk | null } | null {
  if (target === 'sale') {
    if (ask && ask.kind === 'price') return null;
    return { lines, saleDiscount: ask as SaleDiscountAsk | null };
  }
  if (!lines[target.line]) return null;
  return {
    lines: lines.map((l, i) => {
      if (i !== target.line) return l;
      const { discount: _old, ...rest } = l;
      return ask ? { ...rest, discount: ask } : rest;
    }),
    saleDiscount,
  };
}

/**
 * What a discount comes to, by main's rule, and whether a manager must approve it — asked before it
 * is given, so the screen can ask the manager for exactly that amount.
 */
export async function quoteDiscount(
  target: DiscountTarget,
  ask: LineDiscountAsk,
  currency: Currency,
): Promise<BridgeResult<DiscountQuote['discounts'][number] & { saleNumber: number }>> {
  const s = state();
  const next = withDiscount(s.cart, s.saleDiscount, target, ask);
  if (!s.sale || !next)
    return { ok: false, error: { code: 'invalid_payload', message: currentT().t('error.discount.noLine') } };
  const r = await pos.sale.discountQuote({
    saleId: s.sale.saleId,
    currency,
    lines: next.lines,
    ...(next.saleDiscount ? { discount: next.saleDiscount } : {}),
  });
  if (!r.ok) return r;
  const position = target === 'sale' ? 0 : target.line + 1;
  const mine = r.value.discounts.find((d) => d.position === position);
  if (!mine) return { ok: false, error: { code: 'invalid_payload', message: currentT().t('error.discount.noLine') } };
  return { ok: true, value: { ...mine, saleNumber: r.value.saleNumber } };
}

/**
 * Gives (or, with null, takes off) a discount. Above the cashier's limit, the manager's name and PIN
 * typed beside them: main issues an approval bound to the sale's number, the line and the cents, and
 * the cart consumes it.
 */
export async function giveDiscount(
  target: DiscountTarget,
  ask: LineDiscountAsk | null,
  currency: Currency,
  manager?: { managerId: string; pin: string; quote: DiscountQuote['discounts'][number] & { saleNumber: number } },
): Promise<boolean> {
  const s = state();
  const next = withDiscount(s.cart, s.saleDiscount, target, ask);
  if (!next) return false;
  let approvalId: string | undefined;
  if (manager) {
    const { quote } = manager;
    const a = await pos.override.approve({
      action: 'discount',
      saleNumber: String(quote.saleNumber),
      amountCents: quote.cents,
      managerId: manager.managerId,
      pin: manager.pin,
      ...(quote.position > 0 ? { lines: [{ position: quote.position, quantityMilli: quote.quantityMilli }] } : {}),
    });
    if (!a.ok) {
      patch({ error: a.error });
      return false;
    }
    approvalId = a.value.approvalId;
  }
  return changeCart(currency, () => next.lines, {
    saleDiscount: next.saleDiscount,
    ...(approvalId ? { approvalId } : {}),
  });
}
