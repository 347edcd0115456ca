import { useEffect } from 'react';
import { nameIn, quantityIn } from '../../../common/i18n/lines';
import { useReturnLines } from './return-lines-store';
import { useT } from '../base/i18n';

/**
 * The lines of a sale to give back: pieces one at a time, a weighed line all that is left of it or
 * none. What it comes to is main's (returns.quote), shown under the lines.
 */
export function ReturnLines({ saleNumber, transactionId }: { saleNumber?: string; transactionId?: string }) {
  const { sale, picks, quote, error, load, pick } = useReturnLines();
  const { t, money, locale } = useT();
  useEffect(() => {
    if (saleNumber !== undefined) void load({ saleNumber });
    else if (transactionId !== undefined) void load({ transactionId });
  }, [saleNumber, transactionId, load]);
  if (!sale) return null;
  return (
    <fieldset className="return-lines" data-testid="return-lines">
      <legend>{t('returnLines.legend')}</legend>
      <ul>
        {sale.lines.map((l) => {
          const q = picks[l.position] ?? 0;
          const name = nameIn(l, locale);
          const byPiece = l.soldBy === 'unit';
          return (
            <li key={l.position} className="return-line" data-testid={`return-line-${l.position}`}>
              <span className="cart-name">{name}</span>
              <span className="muted">
                {t('returnLines.sold', {
                  sold: quantityIn(l, locale),
                  left: quantityIn({ quantityMilli: l.leftMilli, soldBy: l.soldBy }, locale),
                  amount: money(l.lineTotalCents, sale.currency),
                })}
              </span>
              <span className="cart-steps">
                {byPiece ? (
                  <>
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={t('returnLines.fewer', { name })}
                      disabled={q === 0}
                      onClick={() => void pick(l.position, q - 1000)}
                    >
                      −
                    </button>
                    <output className="return-qty" aria-label={t('returnLines.back', { name })}>
                      {quantityIn({ quantityMilli: q, soldBy: 'unit' }, locale)}
                    </output>
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={t('returnLines.more', { name })}
                      disabled={q + 1000 > l.leftMilli}
                      onClick={() => void pick(l.position, q + 1000)}
                    >
                      +
                    </button>
                  </>
                ) : (
                  <label className="inline-check">
                    <input
                      type="checkbox"
                      data-testid={`return-all-${l.position}`}
                      checked={q > 0}
                      disabled={l.leftMilli === 0}
                      onChange={(e) => void pick(l.position, e.target.checked ? l.leftMilli : 0)}
                    />
                    {t('returnLines.allLeft', { name })}
                  </label>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {quote && (
        <p className="cart-total" data-testid="return-lines-amount">
          <span>{t('returnLines.comesTo')}</span> <strong>{money(quote.amountCents, sale.currency)}</strong>
        </p>
      )}
      {quote && quote.taxCents > 0 && (
        <p className="muted small" data-testid="return-lines-tax">
          {t('returnLines.tax', { amount: money(quote.taxCents, sale.currency) })}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
    </fieldset>
  );
}
