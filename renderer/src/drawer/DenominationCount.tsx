import { useState } from 'react';
import type { Currency } from '../../../common/contract';
import { CAD_DENOMINATIONS, countTotal } from './denominations';
import { formatCents } from '../base/format';
import { useT } from '../base/i18n';

/** Counting a drawer by denomination: a count per bill and coin, the total, and "Use this total". */
export function DenominationCount({
  id,
  currency,
  onTotal,
}: {
  id: string;
  currency: Currency;
  onTotal: (cents: number) => void;
}) {
  const [counts, setCounts] = useState<Record<number, string>>({});
  const total = countTotal(counts);
  const { t } = useT();
  return (
    <fieldset className="denominations" data-testid={`${id}-denominations`}>
      <legend>{t('count.legend')}</legend>
      <div className="denomination-grid">
        {CAD_DENOMINATIONS.map((d) => (
          <label key={d}>
            {formatCents(d, currency)} ×
            <input
              inputMode="numeric"
              data-testid={`${id}-count-${d}`}
              value={counts[d] ?? ''}
              onChange={(e) => setCounts({ ...counts, [d]: e.target.value.replace(/\D/g, '').slice(0, 5) })}
            />
          </label>
        ))}
      </div>
      <p>
        {t('count.total')}{' '}
        <strong data-testid={`${id}-count-total`}>{total === null ? '—' : formatCents(total, currency)}</strong>{' '}
        <button
          type="button"
          className="secondary small"
          data-testid={`${id}-use-count`}
          disabled={!total}
          onClick={() => total && onTotal(total)}
        >
          {t('count.use')}
        </button>
      </p>
    </fieldset>
  );
}
