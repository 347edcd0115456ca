import { useEffect, useRef } from 'react';
import type { CheckoutEvent } from '../../../preload/contract';
import { formatCents } from '../format';
import { useShallow } from 'zustand/react/shallow';
import { useSale } from '../store/sale';

/**
 * Hosts HelcimPay.js in a sandboxed iframe on the checkout origin. Only messages from that frame,
 * from that origin, are passed on, and main still checks each one before believing it.
 */
export function CheckoutFrame() {
  const { checkout, phase, finish, fail } = useSale(useShallow((s) => ({ checkout: s.checkout, phase: s.phase, finish: s.finish, fail: s.fail })));
  const frame = useRef<HTMLIFrameElement>(null);
  const heading = useRef<HTMLElement>(null);
  // When the card form opens, focus moves to its heading so a screen reader says what is happening.
  useEffect(() => heading.current?.focus(), []);

  const hostOrigin = checkout ? new URL(checkout.hostUrl).origin : '';
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.current?.contentWindow || e.origin !== hostOrigin) return;
      const d = e.data as { type?: string; event?: CheckoutEvent; message?: string } | null;
      if (d?.type === 'helcim-event' && d.event) void finish(d.event);
      else if (d?.type === 'checkout-host-error') fail(d.message ?? 'Card entry could not open.');
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [hostOrigin, finish, fail]);

  if (!checkout) return null;
  const src = `${checkout.hostUrl}#` + new URLSearchParams({ token: checkout.checkoutToken, script: checkout.scriptUrl, parent: location.origin }).toString();

  return (
    <section className="checkout" aria-label="Card payment">
      <header className="checkout-head">
        <strong ref={heading} tabIndex={-1} data-testid="checkout-heading">
          {checkout.kind === 'verify'
            ? 'Card verification (no charge)'
            : checkout.kind === 'preauth'
              ? `Hold ${formatCents(checkout.amountCents, checkout.currency)} (not charged yet)`
              : formatCents(checkout.amountCents, checkout.currency)}
        </strong>
        <span>{phase === 'finishing' ? 'Checking the result with Helcim…' : 'Customer: enter or present the card below.'}</span>
      </header>
      <iframe
        ref={frame}
        title="Helcim secure card entry"
        className="checkout-frame"
        data-testid="checkout-frame"
        src={src}
        sandbox="allow-scripts allow-same-origin allow-forms"
        referrerPolicy="no-referrer"
      />
    </section>
  );
}
