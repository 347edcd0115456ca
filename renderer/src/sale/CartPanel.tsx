import { useEffect, useState } from 'react';
import type { CartLine, Currency, ItemView, SaleLine, SaleTax } from '../../../common/contract';
import { useShallow } from 'zustand/react/shallow';
import { useSale } from './sale-store';
import { useCatalog } from './catalog-store';
import { addItem, removeLine, stepQuantity } from './cart-store';
import { AddItemDialog } from './AddItemDialog';
import { useT } from '../base/i18n';
import { discountTextIn, nameIn, quantityIn, taxLabelIn } from '../../../common/i18n/lines';
import { DiscountDialog } from './DiscountDialog';
import { CustomerButton } from './CustomerButton';
import type { DiscountTarget } from './cart-store';

/** A line asked as pieces of an item (not a label, not an open amount): it steps by one. */
const stepsByPiece = (l: CartLine | undefined) => l?.kind === 'item' && l.label === undefined;

/** One empty list (a new one at each render would make the shallow compare see a change every time). */
const NO_LINES: SaleLine[] = [];
const NO_TAXES: SaleTax[] = [];

/**
 * The cart beside the keypad: a search box, the quick keys (or the search's results), the lines
 * as main priced them, and the total. Picking an item asks main (cart-store.ts); nothing here adds
 * up money.
 */
export function CartPanel({ currency, canAddItems }: { currency: Currency; canAddItems: boolean }) {
  const { t, money, locale } = useT();
  const sale = useSale(
    useShallow((s) => ({
      phase: s.phase,
      lines: s.sale?.lines ?? NO_LINES,
      taxes: s.sale?.taxes ?? NO_TAXES,
      subtotal: s.sale?.subtotalCents ?? 0,
      saleDiscount: s.sale?.discount ?? null,
      discounts: s.sale?.discountsCents ?? 0,
      asked: s.cart,
      total: s.sale?.totalCents,
      unknown: s.unknownCode,
    })),
  );
  const catalog = useCatalog();
  const [adding, setAdding] = useState<{ code: string; scanned: string } | null>(null);
  const [discounting, setDiscounting] = useState<DiscountTarget | null>(null);
  const { loadPages } = catalog;
  useEffect(() => void loadPages(), [loadPages]);
  const entry = sale.phase === 'entry';
  const pick = (item: ItemView) => {
    void addItem(item, currency);
    catalog.clear();
  };
  const page = catalog.pages.find((p) => p.department === catalog.page);
  const searching = catalog.query.trim() !== '';

  return (
    <section className="cart" aria-label={t('cart.region')}>
      <input
        type="search"
        className="cart-search"
        data-testid="cart-search"
        aria-label={t('cart.search')}
        placeholder={t('cart.searchHint')}
        value={catalog.query}
        disabled={!entry}
        onChange={(e) => void catalog.setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter picks the first result; Escape empties the box. Neither reaches the Sale screen's keys.
          if (e.key === 'Enter' && catalog.results[0] && catalog.resultsFor === catalog.query) {
            e.preventDefault();
            pick(catalog.results[0]);
          } else if (e.key === 'Escape' && searching) {
            e.preventDefault();
            e.stopPropagation();
            catalog.clear();
          }
        }}
      />
      {searching ? (
        <ul className="cart-results" aria-label={t('cart.search')} data-testid="cart-results">
          {catalog.results.length === 0 && catalog.resultsFor === catalog.query && (
            <li className="muted">{t('cart.noResults', { query: catalog.query.trim() })}</li>
          )}
          {catalog.results.map((item) => (
            <li key={item.id}>
              <button type="button" className="secondary cart-result" disabled={!entry} onClick={() => pick(item)}>
                <span>{nameIn(item, locale)}</span>
                <span className="muted">{item.priceCents === null ? '—' : money(item.priceCents, currency)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        catalog.pages.length > 0 && (
          <div className="quick-keys" role="group" aria-label={t('cart.quickKeys')}>
            {catalog.pages.length > 1 && (
              <div className="quick-tabs">
                {catalog.pages.map((p) => (
                  <button
                    key={p.department}
                    type="button"
                    className="secondary small"
                    aria-pressed={p.department === catalog.page}
                    onClick={() => catalog.showPage(p.department)}
                  >
                    {p.department || '—'}
                  </button>
                ))}
              </div>
            )}
            <div className="quick-grid">
              {page?.items.map((item) => (
                <button
                  key={item.id}
                  type="button"
                  className="secondary quick-key"
                  data-testid={`quick-${item.sku}`}
                  disabled={!entry}
                  onClick={() => pick(item)}
                >
                  {nameIn(item, locale)}
                </button>
              ))}
            </div>
          </div>
        )
      )}
      {sale.unknown && (
        <p className="notice warn" role="status" data-testid="unknown-code">
          {sale.unknown.message}{' '}
          {canAddItems ? (
            <button type="button" className="secondary small" onClick={() => setAdding(sale.unknown)}>
              {t('cart.addItem')}
            </button>
          ) : null}
        </p>
      )}
      {adding && (
        <AddItemDialog
          code={adding.code}
          scanned={adding.scanned}
          currency={currency}
          onClose={() => setAdding(null)}
        />
      )}
      {sale.lines.length === 0 ? (
        <p className="muted cart-empty">{t('cart.empty')}</p>
      ) : (
        <ol className="cart-lines" data-testid="cart-lines">
          {sale.lines.map((l, i) => (
            <li key={l.position} className="cart-line">
              <span className="cart-name">{nameIn(l, locale)}</span>
              <span className="cart-qty muted">
                {t('cart.lineAmount', {
                  quantity: quantityIn(l, locale),
                  price:
                    l.soldBy === 'unit'
                      ? money(l.unitPriceCents, currency)
                      : t('cart.perUnit', { price: money(l.unitPriceCents, currency), unit: l.soldBy }),
                })}
              </span>
              <span className="cart-amount">{money(l.lineTotalCents, currency)}</span>
              {l.discount && l.discount.cents > 0 && (
                <span className="cart-discount muted" data-testid="cart-line-discount">
                  {discountTextIn(l.discount, locale, currency)} −{money(l.discount.cents, currency)}
                </span>
              )}
              <span className="cart-steps">
                {/* Pieces step one at a time; a weight or a scale's label is what it is (remove it instead). */}
                {stepsByPiece(sale.asked[i]) && l.soldBy === 'unit' && (
                  <>
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={t('cart.fewer', { name: nameIn(l, locale) })}
                      disabled={!entry}
                      onClick={() => void stepQuantity(i, -1, currency)}
                    >
                      −
                    </button>
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={t('cart.more', { name: nameIn(l, locale) })}
                      disabled={!entry}
                      onClick={() => void stepQuantity(i, 1, currency)}
                    >
                      +
                    </button>
                  </>
                )}
                <button
                  type="button"
                  className="secondary small"
                  data-testid="cart-line-discount-button"
                  aria-label={t('discount.title', { target: nameIn(l, locale) })}
                  disabled={!entry}
                  onClick={() => setDiscounting({ line: i })}
                >
                  %
                </button>
                <button
                  type="button"
                  className="secondary small"
                  aria-label={t('cart.remove', { name: nameIn(l, locale) })}
                  disabled={!entry}
                  onClick={() => void removeLine(i, currency)}
                >
                  {'\u00d7'}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {sale.lines.length > 0 && (
        <div className="cart-sale-actions">
          <button
            type="button"
            className="secondary small"
            data-testid="sale-discount-button"
            disabled={!entry}
            onClick={() => setDiscounting('sale')}
          >
            {t('discount.saleButton')}
          </button>
          <CustomerButton />
        </div>
      )}
      {discounting !== null && (
        <DiscountDialog
          target={discounting}
          name={
            discounting === 'sale'
              ? t('discount.saleButton')
              : nameIn(sale.lines[discounting.line] ?? { name: { en: '', fr: '' } }, locale)
          }
          current={discounting === 'sale' ? sale.saleDiscount : (sale.lines[discounting.line]?.discount ?? null)}
          currency={currency}
          onClose={() => setDiscounting(null)}
        />
      )}
      {(sale.taxes.length > 0 || sale.discounts > 0) && sale.lines.length > 0 && (
        <dl className="cart-taxes" data-testid="cart-taxes">
          {sale.saleDiscount && sale.saleDiscount.cents > 0 && (
            <div className="dl-row" data-testid="cart-sale-discount">
              <dt>{t('discount.onSale', { reason: discountTextIn(sale.saleDiscount, locale, currency) })}</dt>
              <dd>−{money(sale.saleDiscount.cents, currency)}</dd>
            </div>
          )}
          {sale.discounts > 0 && (
            <div className="dl-row" data-testid="cart-discounts">
              <dt>{t('discount.total')}</dt>
              <dd>−{money(sale.discounts, currency)}</dd>
            </div>
          )}
          <div className="dl-row">
            <dt>{t('cart.subtotal')}</dt>
            <dd>{money(sale.subtotal, currency)}</dd>
          </div>
          {sale.taxes.map((x) => (
            <div className="dl-row" key={`${x.code}-${x.rateMillionths}`} data-testid="cart-tax">
              <dt>{taxLabelIn(x, locale)}</dt>
              <dd>{money(x.taxCents, currency)}</dd>
            </div>
          ))}
        </dl>
      )}
      {sale.total !== undefined && sale.lines.length > 0 && (
        <p className="cart-total" data-testid="cart-total">
          <span>{t('cart.total')}</span> <strong>{money(sale.total, currency)}</strong>
        </p>
      )}
    </section>
  );
}
