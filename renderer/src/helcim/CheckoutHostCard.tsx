import { useState } from 'react';
import type { TokenStatus } from '../../../common/contract';
import { checkoutHostProblem, DEFAULT_CHECKOUT_HOST } from '../../../common/checkout-host';
import { useHelcim } from './helcim-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { useT } from '../base/i18n';

/**
 * Where Helcim's card form runs. Helcim draws it only inside a secure, publicly reachable (https)
 * website; the app answers for this name itself, inside its own window, so nothing is published.
 */
export function CheckoutHostCard({ status }: { status: TokenStatus }) {
  const setCheckoutHost = useHelcim((h) => h.setCheckoutHost);
  const [host, setHost] = useState(status.checkoutHost);
  const [saved, setSaved] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const { t } = useT();
  const problemKey = host === status.checkoutHost ? null : checkoutHostProblem(host);
  const problem = problemKey && t(problemKey);
  const error = problem ?? serverError;
  return (
    <section className="token-card" aria-label={t('checkoutHost.title')}>
      <h2>{t('checkoutHost.title')}</h2>
      <p>
        {t('checkoutHost.opensAt')} <b data-testid="checkout-address">https://{status.checkoutHost}</b>.{' '}
        {t('checkoutHost.answers')}
      </p>
      <p className="muted small">
        {t(status.checkoutHost === DEFAULT_CHECKOUT_HOST ? 'checkoutHost.useOwn' : 'checkoutHost.isOwn')}{' '}
        {t('checkoutHost.safest')}
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (checkoutHostProblem(host)) return;
          setSaved(false);
          void setCheckoutHost(host).then((err) => {
            setServerError(err?.message ?? null);
            setSaved(!err);
            // The counter page's own security policy names the card form's address, so it must load
            // again to allow the new one. Main keeps the session: nobody is signed out.
            if (!err) setTimeout(() => location.reload(), 1500);
          });
        }}
      >
        <label htmlFor="checkout-host" className="sr-only">
          {t('checkoutHost.label')}
        </label>
        <input
          id="checkout-host"
          data-testid="checkout-host"
          value={host}
          maxLength={253}
          onChange={(e) => {
            setHost(e.target.value.trim().toLowerCase());
            setSaved(false);
          }}
          {...describedBy('checkout-host-error', error)}
        />
        <button
          type="submit"
          className="secondary"
          data-testid="checkout-host-save"
          disabled={!!problem || host === status.checkoutHost}
        >
          {t('checkoutHost.save')}
        </button>
      </form>
      <FieldError id="checkout-host-error" message={error} />
      {saved && (
        <p className="notice" role="status" data-testid="checkout-host-saved">
          {t('checkoutHost.saved', { url: `https://${status.checkoutHost}` })}
        </p>
      )}
    </section>
  );
}
