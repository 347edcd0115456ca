import { useEffect, useState } from 'react';
import type { Currency, LineDiscountAsk, SaleDiscount } from '../../../common/contract';
import { readAmount } from '../base/format';
import { useT } from '../base/i18n';
import { ManagerApproval, overrideWaitingFor } from '../shared/ManagerApproval';
import { giveDiscount, quoteDiscount, type DiscountTarget } from './cart-store';
import { useSale } from './sale-store';
import { useDiscounts } from '../discounts/discount-store';

type Quote = Extract<Awaited<ReturnType<typeof quoteDiscount>>, { ok: true }>['value'];

/**
 * A discount on a line or on the sale: a percent off, an amount off, or (a line) a lower price, with a
 * reason from the manager's list. Main works out what it comes to; above what a cashier may give
 * alone, the manager beside them types their PIN for exactly that amount, on that line of that sale.
 */
export function DiscountDialog({
  target,
  name,
  current,
  currency,
  onClose,
}: {
  target: DiscountTarget;
  /** What is discounted, in words: the line's name, or "the sale". */
  name: string;
  /** The discount it has now (null: none). */
  current: SaleDiscount | null;
  currency: Currency;
  onClose: () => void;
}) {
  const { t, money, locale } = useT();
  const { settings, load } = useDiscounts();
  useEffect(() => void load(), [load]);
  const [kind, setKind] = useState<LineDiscountAsk['kind']>(current?.kind ?? 'percent');
  const [value, setValue] = useState('');
  const [reasonId, setReasonId] = useState(current?.reasonId ?? '');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const read = readAmount(value, kind === 'percent' ? 10_000 : undefined);
  const ask: LineDiscountAsk | null =
    'cents' in read && reasonId
      ? kind === 'percent'
        ? { kind, basisPoints: read.cents, reasonId }
        : kind === 'amount'
          ? { kind, cents: read.cents, reasonId }
          : { kind, unitPriceCents: read.cents, reasonId }
      : null;
  const problem =
    'error' in read ? read.error : !reasonId ? t('discount.reason') : quote ? overrideWaitingFor(managerId, pin) : null;

  const done = (ok: boolean) => {
    setBusy(false);
    if (ok) onClose();
    else setError(useSale.getState().error?.message ?? null);
  };
  const apply = async () => {
    if (!ask || busy || problem) return;
    setBusy(true);
    setError(null);
    if (quote) return done(await giveDiscount(target, ask, currency, { managerId, pin, quote }));
    const q = await quoteDiscount(target, ask, currency);
    if (!q.ok) {
      setBusy(false);
      return setError(q.error.message);
    }
    if (q.value.needsManager) {
      setBusy(false);
      return setQuote(q.value);
    }
    done(await giveDiscount(target, ask, currency));
  };
  const kinds: LineDiscountAsk['kind'][] = target === 'sale' ? ['percent', 'amount'] : ['percent', 'amount', 'price'];
  return (
    <div className="dialog-backdrop">
      <form
        className="panel dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="discount-title"
        data-testid="discount-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="discount-title">{t('discount.title', { target: name })}</h2>
        <fieldset className="row" disabled={quote !== null}>
          {kinds.map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name="discount-kind"
                data-testid={`discount-kind-${k}`}
                checked={kind === k}
                onChange={() => setKind(k)}
              />{' '}
              {t(`discount.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('discount.value')}
          <input
            data-testid="discount-value"
            inputMode="decimal"
            autoFocus
            value={value}
            disabled={quote !== null}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <label>
          {t('discount.reason')}
          <select
            data-testid="discount-reason"
            value={reasonId}
            disabled={quote !== null}
            onChange={(e) => setReasonId(e.target.value)}
          >
            <option value="">{t('common.choose')}</option>
            {(settings?.reasons ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {locale === 'fr-CA' ? r.name.fr : r.name.en}
              </option>
            ))}
          </select>
        </label>
        {quote && (
          <>
            <p className="notice warn" data-testid="discount-needs-manager">
              {t('discount.needsManager', { amount: money(quote.cents, currency) })}
            </p>
            <ManagerApproval
              managerId={managerId}
              setManagerId={setManagerId}
              pin={pin}
              setPin={setPin}
              covers={t('discount.needsManager', { amount: money(quote.cents, currency) })}
              error={error}
            />
          </>
        )}
        {error && (
          <p className="notice error" role="alert" data-testid="discount-error">
            {error}
          </p>
        )}
        {problem && value !== '' && <p className="muted small">{problem}</p>}
        <div className="row">
          <button type="button" className="secondary" onClick={onClose}>
            {t('cart.cancel')}
          </button>
          {current && (
            <button
              type="button"
              className="secondary"
              data-testid="discount-remove"
              onClick={() => void giveDiscount(target, null, currency).then(done)}
            >
              {t('discount.remove')}
            </button>
          )}
          <button type="submit" className="primary" data-testid="discount-apply" disabled={!!problem || busy}>
            {t('discount.apply')}
          </button>
        </div>
      </form>
    </div>
  );
}
