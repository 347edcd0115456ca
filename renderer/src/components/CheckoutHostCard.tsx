import { useState } from 'react';
import type { TokenStatus } from '../../../preload/contract';
import { checkoutHostProblem, DEFAULT_CHECKOUT_HOST } from '../../../preload/checkout-host';
import { useHelcim } from '../store/helcim';
import { describedBy, FieldError } from './FieldError';

/**
 * Where Helcim's card form runs. Helcim draws it only inside a secure, publicly reachable (https)
 * website; the app answers for this name itself, inside its own window, so nothing is published.
 */
export function CheckoutHostCard({ status }: { status: TokenStatus }) {
  const setCheckoutHost = useHelcim((h) => h.setCheckoutHost);
  const [host, setHost] = useState(status.checkoutHost);
  const [saved, setSaved] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const problem = host === status.checkoutHost ? null : checkoutHostProblem(host);
  const error = problem ?? serverError;
  return (
    <section className="token-card" aria-label="Card form address">
      <h2>Card form address</h2>
      <p>
        Helcim’s card form opens at <b data-testid="checkout-address">https://{status.checkoutHost}</b>. Counter POS answers that address itself, inside this
        window only: nothing is published and no website is needed.
      </p>
      <p className="muted small">
        {status.checkoutHost === DEFAULT_CHECKOUT_HOST
          ? 'Use your own domain instead (for example pay.yourshop.ca) if Helcim’s card form says it cannot run on this website, or if your IT policy asks for it: '
          : 'This is your own name. '}
        a name under a domain the shop owns is the safest, since only you could ever answer for it.
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
          Card form host name
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
        <button type="submit" className="secondary" data-testid="checkout-host-save" disabled={!!problem || host === status.checkoutHost}>
          Save address
        </button>
      </form>
      <FieldError id="checkout-host-error" message={error} />
      {saved && (
        <p className="notice" role="status" data-testid="checkout-host-saved">
          Saved. The counter screen reloads to use https://{status.checkoutHost}.
        </p>
      )}
    </section>
  );
}
