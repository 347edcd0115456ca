import { useEffect, useRef } from 'react';
import type { CheckoutEvent } from '../../../common/contract';
import { formatCents } from '../base/format';
import { useShallow } from 'zustand/react/shallow';
import { useSale } from './sale-store';
import { useT } from '../base/i18n';

/**
 * Hosts HelcimPay.js in a sandboxed iframe on the checkout origin. Only messages from that frame,
 * from that origin, are passed on, and main still checks each one before believing it.
 */
export function CheckoutFrame() {
  const { checkout, phase, finish, fail } = useSale(
    useShallow((s) => ({ checkout: s.checkout, phase: s.phase, finish: s.finish, fail: s.fail })),
  );
  const frame = useRef<HTMLIFrameElement>(null);
  const heading = useRef<HTMLElement>(null);
  const { t } = useT();
  // When the card form opens, focus moves to its heading so a screen reader says what is happening.
  useEffect(() => heading.current?.focus(), []);

  const hostOrigin = checkout ? new URL(checkout.hostUrl).origin : '';
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.current?.contentWindow || e.origin !== hostOrigin) return;
      const d = e.data as { type?: string; event?: CheckoutEvent; reason?: string } | null;
      if (d?.type === 'helcim-event' && d.event) void finish(d.event);
      else if (d?.type === 'checkout-host-error')
        fail(t('checkout.hostFailed', { reason: d.reason === 'link' ? 'link' : 'script' }));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [hostOrigin, finish, fail, t]);

  if (!checkout) return null;
  const src =
    `${checkout.hostUrl}#` +
    new URLSearchParams({
      token: checkout.checkoutToken,
      script: checkout.scriptUrl,
      parent: location.origin,
    }).toString();

  return (
    <section className="checkout" aria-label={t('checkout.region')}>
      <header className="checkout-head">
        <strong ref={heading} tabIndex={-1} data-testid="checkout-heading">
          {checkout.kind === 'verify'
            ? t('checkout.verifyHeading')
            : checkout.kind === 'preauth'
              ? t('checkout.holdHeading', { amount: formatCents(checkout.amountCents, checkout.currency) })
              : formatCents(checkout.amountCents, checkout.currency)}
        </strong>
        <span>{phase === 'finishing' ? t('checkout.checking') : t('checkout.customerActs')}</span>
      </header>
      <iframe
        ref={frame}
        title={t('checkout.frameTitle')}
        className="checkout-frame"
        data-testid="checkout-frame"
        src={src}
        sandbox="allow-scripts allow-same-origin allow-forms"
        referrerPolicy="no-referrer"
      />
    </section>
  );
}
