/**
 * The cart: the lines a cashier builds on the Sale screen, priced in main from the catalog. The
 * screen sends what was picked (an item and how many, a scale's label as scanned, an open amount),
 * never a line total or a total; main reads each item's price, re-reads a label's price or weight
 * itself, applies the one line rule (rules.ts), and writes the lines and the sale's total together.
 * The lines can change until the first tender is taken; after that the sale's total is fixed.
 *
 * An item with a price is sold at it; a lower price is a discount (a price override, discounts.ts),
 * with a reason, and above the cashier's limit a manager's approval. Only an open-price item takes a
 * typed price.
 */

/** A discount's ask as one text (an approval for it is kept under its line's item and this). */
const askKey = (a: LineDiscountAsk): string =>
  `${a.kind}:${a.kind === 'percent' ? a.basisPoints : a.kind === 'amount' ? a.cents : a.unitPriceCents}:${a.reasonId}`;
import type {
  CartLine,
  Currency,
  DiscountQuote,
  DiscountSettings,
  LineDiscountAsk,
  SaleDiscountAsk,
  SaleView,
} from '../../common/contract';
import type { Locale } from '../../common/i18n';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { Session } from '../session';
import type { Catalog } from '../catalog/catalog';
import { labelAmountIn, readBarcode, type LabelPattern } from '../catalog/barcodes';
import type { SalesService } from '../payments/sales';
import type { GivenDiscount, PricedLine, SaleLines } from './lines';
import { cartTotalCents, lineNetCents, lineTotalCents } from './rules';
import { cashierAllowanceCents, lineDiscountCents, saleDiscountCents, shareOfSaleDiscount } from './discounts';
import { linesKey, type ApprovalStore } from '../policy/approvals';
import { translator } from '../../common/i18n';
import { saleTaxes, type SaleTaxes } from '../tax/rules';
import { categoryTaxes, type TaxSetup } from '../tax/categories';

export type CartDeps = {
  db: Db;
  catalog: Pick<Catalog, 'get'>;
  labels: () => readonly LabelPattern[];
  sales: Pick<SalesService, 'open' | 'retotal' | 'view'>;
  lines: SaleLines;
  /** The shop's tax (null: none charged) and whether its prices hold it, read at each change. */
  tax: () => { setup: TaxSetup | null; pricesInclude: boolean };
  /** The shop's day today: the rates in force on it apply. */
  today: () => string;
  /** The discounts the manager allows: the reasons, and what a cashier may give alone. */
  discounts: () => DiscountSettings;
  /** Managers' single-use approvals (a discount above the cashier's limit consumes one). */
  approvals: Pick<ApprovalStore, 'consume'>;
  audit: (staffId: string, kind: string, detail: string) => void;
};

/** What the screen sends for a cart (`sale.cart`). */
export type CartAsk = {
  saleId?: string;
  currency: Currency;
  language?: Locale;
  lines: readonly CartLine[];
  discount?: SaleDiscountAsk;
  approvalId?: string;
};

/** One discount of a cart as worked out: where it is, what it comes to, what a cashier may give of it alone. */
type Worked = {
  position: number;
  quantityMilli: number;
  ask: LineDiscountAsk;
  cents: number;
  allowanceCents: number;
  /** What an approval for it is kept under: the line's item (not its position, which moves) and the ask. */
  target: string;
};

export class CartService {
  constructor(private readonly deps: CartDeps) {}

  /**
   * Sets a sale's lines and discounts (opening the sale when there is none yet) and returns the sale.
   * Refused, with nothing written, when a line cannot be sold as asked, a tender was already taken,
   * or a discount is above what this person may give and no manager approved it.
   */
  set(p: CartAsk, session: Session, windowId: number): SaleView {
    const { lines, sale, worked, taxes } = this.work(p);
    const total = taxes.totalCents;
    if (total === 0) throw new PosError('invalid_payload', 'error.cart.nothingToPay');
    const kept = { byCategory: taxes.byCategory, included: this.deps.tax().pricesInclude };
    const cashier = { id: session.staffId, name: session.name };
    const saleId = this.deps.db.transaction(() => {
      let id = p.saleId;
      if (id === undefined) id = this.deps.sales.open(total, p.currency, session, p.language).saleId;
      else this.deps.sales.retotal(id, total, p.currency, p.language);
      const approved = this.approve(id, sale ? [...worked, sale] : worked, session, windowId, p.approvalId);
      const given = (w: Worked | undefined) => (w ? this.given(w, approved.get(w.position) ?? null) : null);
      this.deps.lines.replace(
        id,
        lines.map((l, i) => ({ ...l, discount: given(worked.find((w) => w.position === i + 1)) })),
        kept,
        { sale: given(sale), cashier },
      );
      return id;
    })();
    return this.deps.sales.view(saleId);
  }

  /** What this cart's discounts come to and which need a manager's approval; nothing is written. */
  quote(p: CartAsk & { saleId: string }, session: Session): DiscountQuote {
    const { worked, sale } = this.work(p);
    const all = sale ? [...worked, sale] : worked;
    const needs = this.needingManager(p.saleId, all, session);
    return {
      saleNumber: this.deps.sales.view(p.saleId).number,
      discounts: all.map((w) => ({
        position: w.position,
        quantityMilli: w.quantityMilli,
        cents: w.cents,
        needsManager: needs.has(w),
      })),
    };
  }

  /**
   * The cart worked out: lines priced, each line's own discount, the sale's discount on what the lines
   * come to after theirs and shared among them (main/cart/discounts.ts), then taxes on what is left.
   */
  private work(p: CartAsk) {
    const priced = p.lines.map((l) => this.price(l));
    const worked: Worked[] = [];
    p.lines.forEach((l, i) => {
      if (!l.discount) return;
      const line = priced[i]!;
      this.reason(l.discount.reasonId);
      worked.push({
        position: i + 1,
        quantityMilli: line.quantityMilli,
        ask: l.discount,
        cents: lineDiscountCents(line, l.discount),
        allowanceCents: cashierAllowanceCents(line.lineTotalCents, this.deps.discounts().cashierLimitBasisPoints),
        // Stryker disable next-line StringLiteral: equivalent — any text that is not an item's id names an open line.
        target: `${line.itemId ?? 'open'}|${askKey(l.discount)}`,
      });
    });
    const own = priced.map((l, i) => l.lineTotalCents - (worked.find((w) => w.position === i + 1)?.cents ?? 0));
    const afterLines = own.reduce((a, b) => a + b, 0);
    let sale: Worked | undefined;
    let shares = own.map(() => 0);
    if (p.discount) {
      this.reason(p.discount.reasonId);
      const cents = saleDiscountCents(afterLines, p.discount);
      // The cashier's own budget is the limit on the whole sale before discounts, less what they gave alone
      // on its lines (a line discount above its allowance is a manager's, all of it, and uses none of it).
      const gross = priced.reduce((n, l) => n + l.lineTotalCents, 0);
      const onLines = worked.filter((w) => w.cents <= w.allowanceCents).reduce((n, w) => n + w.cents, 0);
      sale = {
        position: 0,
        quantityMilli: 0,
        ask: p.discount,
        cents,
        allowanceCents: Math.max(
          0,
          cashierAllowanceCents(gross, this.deps.discounts().cashierLimitBasisPoints) - onLines,
        ),
        target: `sale|${askKey(p.discount)}`,
      };
      shares = shareOfSaleDiscount(cents, own);
    }
    const lines = priced.map((l, i) => ({ ...l, discountCents: l.lineTotalCents - own[i]! + shares[i]! }));
    return { lines, worked, sale, taxes: this.taxes(lines) };
  }

  /** A reason from the manager's list, or a refusal in words. */
  private reason(id: string): { en: string; fr: string } {
    const r = this.deps.discounts().reasons.find((x) => x.id === id);
    if (!r) throw new PosError('invalid_payload', 'error.discount.noSuchReason');
    return r.name;
  }

  private given(w: Worked, approvedBy: { managerId: string; managerName: string } | null): GivenDiscount {
    const value =
      w.ask.kind === 'percent' ? w.ask.basisPoints : w.ask.kind === 'amount' ? w.ask.cents : w.ask.unitPriceCents;
    return {
      kind: w.ask.kind,
      value,
      reasonId: w.ask.reasonId,
      reason: this.reason(w.ask.reasonId),
      cents: w.cents,
      approvedBy: approvedBy?.managerName ?? null,
      approvedById: approvedBy?.managerId ?? null,
    };
  }

  /**
   * The discounts a manager must approve: above the cashier's allowance, and not approved already for
   * this sale (the same ask, at least these cents). A manager signed in gives any discount.
   */
  private needingManager(saleId: string, all: readonly Worked[], session: Session): Set<Worked> {
    const needs = new Set<Worked>();
    if (session.role === 'manager') return needs;
    const grants = this.deps.lines.grantsOf(saleId);
    for (const w of all) {
      if (w.cents <= w.allowanceCents) continue;
      const g = grants.findIndex((x) => x.target === w.target && x.cents >= w.cents);
      if (g >= 0) grants.splice(g, 1);
      else needs.add(w);
    }
    return needs;
  }

  /**
   * Who approved each discount (by position): a grant kept with the sale, or the one approval this
   * call brings — consumed here, bound to the sale's number, the line (position and quantity; none for
   * the sale's own) and the cents. Refused when a discount still needs a manager.
   */
  private approve(
    saleId: string,
    worked: readonly Worked[],
    session: Session,
    windowId: number,
    approvalId: string | undefined,
  ): Map<number, { managerId: string; managerName: string }> {
    const approved = new Map<number, { managerId: string; managerName: string }>();
    if (session.role === 'manager') return approved;
    const grants = this.deps.lines.grantsOf(saleId);
    const needs: Worked[] = [];
    for (const w of worked) {
      if (w.cents <= w.allowanceCents) continue;
      const g = grants.findIndex((x) => x.target === w.target && x.cents >= w.cents);
      if (g >= 0) approved.set(w.position, grants.splice(g, 1)[0]!);
      else needs.push(w);
    }
    if (needs.length === 0) return approved;
    if (approvalId === undefined || needs.length > 1)
      throw new PosError('forbidden', needs.length > 1 ? 'error.discount.oneAtATime' : 'error.discount.needsManager');
    const w = needs[0]!;
    const a = this.deps.approvals.consume(approvalId, {
      action: 'discount',
      subject: String(this.deps.sales.view(saleId).number),
      cashierId: session.staffId,
      windowId,
      amountCents: w.cents,
      lines: w.position === 0 ? null : linesKey([{ position: w.position, quantityMilli: w.quantityMilli }]),
    });
    const by = { managerId: a.managerId, managerName: a.managerName };
    this.deps.lines.grant(saleId, { target: w.target, cents: w.cents, ...by });
    this.deps.audit(
      session.staffId,
      'discount.approved',
      `sale ${this.deps.sales.view(saleId).number} ${w.position === 0 ? 'sale' : `line ${w.position}`} ${w.cents} by ${a.managerId}`,
    );
    approved.set(w.position, by);
    return approved;
  }

  /**
   * The cart's taxes and total (main/tax/rules.ts), on what each line comes to after its discounts, at
   * the rates in force today where the shop is; a shop with no tax set up pays none, as before.
   */
  private taxes(lines: readonly { taxCategory: string; lineTotalCents: number; discountCents: number }[]): SaleTaxes {
    const { setup, pricesInclude } = this.deps.tax();
    const day = this.deps.today();
    cartTotalCents(lines);
    return saleTaxes(
      lines.map((l) => ({ taxCategory: l.taxCategory, amountCents: lineNetCents(l) })),
      (category) => (setup ? categoryTaxes(setup, category, day) : []),
      pricesInclude,
    );
  }

  /** One line, priced from the catalog (or the label, or the open amount). */
  private price(l: CartLine): Omit<PricedLine, 'discount' | 'discountCents'> {
    if (l.kind === 'open') {
      return {
        itemId: null,
        sku: null,
        name: l.note
          ? { en: l.note, fr: l.note }
          : { en: translator('en-CA').t('cart.openLine'), fr: translator('fr-CA').t('cart.openLine') },
        soldBy: 'unit',
        taxCategory: 'standard',
        quantityMilli: 1000,
        unitPriceCents: l.amountCents,
        lineTotalCents: lineTotalCents(l.amountCents, 1000),
      };
    }
    const item = this.deps.catalog.get(l.itemId);
    if (!item || !item.active) throw new PosError('invalid_payload', 'error.cart.itemGone');
    const name = item.name.en || item.name.fr;
    let quantityMilli = l.quantityMilli ?? 1000;
    let unitPriceCents: number | null = item.priceCents;
    if (l.label !== undefined) {
      const read = readBarcode(l.label, this.deps.labels());
      // Stryker disable next-line ConditionalExpression: equivalent — a code that is not a label has no key, and no item has an undefined barcode.
      if (read.kind !== 'label' || !item.barcodes.includes(read.key))
        throw new PosError('invalid_payload', 'error.cart.labelNotItem', { name });
      if (l.quantityMilli !== undefined) throw new PosError('invalid_payload', 'error.cart.labelQuantity', { name });
      if (read.value === 'price') {
        // The label's price is the line: one label, at what the scale printed.
        if (l.priceCents !== undefined) throw new PosError('invalid_payload', 'error.cart.priceFixed', { name });
        return this.line(item, 1000, labelAmountIn(read, 2));
      }
      quantityMilli = labelAmountIn(read, 3);
    }
    if (item.soldBy === 'unit' && quantityMilli % 1000 !== 0)
      throw new PosError('invalid_payload', 'error.cart.wholePieces', { name });
    if (unitPriceCents === null) {
      if (l.priceCents === undefined) throw new PosError('invalid_payload', 'error.cart.openPriceNeeded', { name });
      unitPriceCents = l.priceCents;
    } else if (l.priceCents !== undefined) throw new PosError('invalid_payload', 'error.cart.priceFixed', { name });
    return this.line(item, quantityMilli, unitPriceCents);
  }

  private line(
    item: NonNullable<ReturnType<Catalog['get']>>,
    quantityMilli: number,
    unitPriceCents: number,
  ): Omit<PricedLine, 'discount' | 'discountCents'> {
    return {
      itemId: item.id,
      sku: item.sku,
      name: item.name,
      soldBy: item.soldBy,
      taxCategory: item.taxCategory,
      quantityMilli,
      unitPriceCents,
      lineTotalCents: lineTotalCents(unitPriceCents, quantityMilli),
    };
  }
}
