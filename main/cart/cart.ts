/**
 * The cart: the lines a cashier builds on the Sale screen, priced in main from the catalog. The
 * screen sends what was picked (an item and how many, a scale's label as scanned, an open amount),
 * never a line total or a total; main reads each item's price, re-reads a label's price or weight
 * itself, applies the one line rule (rules.ts), and writes the lines and the sale's total together.
 * The lines can change until the first tender is taken; after that the sale's total is fixed.
 *
 * No price is changed at the counter here: an item with a price is sold at it (a lower price is a
 * discount, which needs its own rule and approval); only an open-price item takes a typed price.
 */
import type { CartLine, Currency, SaleLine, SaleView } from '../../common/contract';
import type { Locale } from '../../common/i18n';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { Session } from '../session';
import type { Catalog } from '../catalog/catalog';
import { labelAmountIn, readBarcode, type LabelPattern } from '../catalog/barcodes';
import type { SalesService } from '../payments/sales';
import type { SaleLines } from './lines';
import { cartTotalCents, lineTotalCents } from './rules';
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
};

export class CartService {
  constructor(private readonly deps: CartDeps) {}

  /**
   * Sets a sale's lines (opening the sale when there is none yet) and returns the sale. Refused, with
   * nothing written, when a line cannot be sold as asked or a tender was already taken.
   */
  set(
    p: { saleId?: string; currency: Currency; language?: Locale; lines: readonly CartLine[] },
    session: Session,
  ): SaleView {
    const priced = p.lines.map((l) => this.price(l));
    const taxes = this.taxes(priced);
    const total = taxes.totalCents;
    if (total === 0) throw new PosError('invalid_payload', 'error.cart.nothingToPay');
    const kept = { byCategory: taxes.byCategory, included: this.deps.tax().pricesInclude };
    const saleId = this.deps.db.transaction(() => {
      if (p.saleId === undefined) {
        const opened = this.deps.sales.open(total, p.currency, session, p.language);
        this.deps.lines.replace(opened.saleId, priced, kept);
        return opened.saleId;
      }
      this.deps.sales.retotal(p.saleId, total, p.currency, p.language);
      this.deps.lines.replace(p.saleId, priced, kept);
      return p.saleId;
    })();
    return this.deps.sales.view(saleId);
  }

  /**
   * The cart's taxes and total (main/tax/rules.ts), at the rates in force today where the shop is; a
   * shop with no tax set up pays none, as before.
   */
  private taxes(priced: readonly Omit<SaleLine, 'position'>[]): SaleTaxes {
    const { setup, pricesInclude } = this.deps.tax();
    const day = this.deps.today();
    cartTotalCents(priced);
    return saleTaxes(
      priced.map((l) => ({ taxCategory: l.taxCategory, amountCents: l.lineTotalCents })),
      (category) => (setup ? categoryTaxes(setup, category, day) : []),
      pricesInclude,
    );
  }

  /** One line, priced from the catalog (or the label, or the open amount). */
  private price(l: CartLine): Omit<SaleLine, 'position'> {
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
  ): Omit<SaleLine, 'position'> {
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
