/**
 * The checkout host: a page on its own origin, framed by the counter app in a sandboxed iframe.
 * It loads HelcimPay.js (start.js), opens Helcim's card iframe, and relays Helcim's result
 * message to the app untouched. It cannot reach `window.pos`: other origin, no preload.
 */
import { allowedHelcimScript, postableOrigin } from './checkout-origins';

declare global {
  interface Window {
    appendHelcimPayIframe?: (checkoutToken: string, allowExit?: boolean) => void;
    removeHelcimPayIframe?: () => void;
  }
}

const params = new URLSearchParams(location.hash.slice(1));
const checkoutToken = params.get('token') ?? '';
const scriptUrl = params.get('script') ?? '';
const parentOrigin = params.get('parent') ?? '';
const loading = document.getElementById('loading')!;

/**
 * Why the card form could not start. The counter says it in the cashier's language (CheckoutFrame,
 * from the catalogs); this page only shows it in both of the shop's languages until it is replaced.
 */
const FAILED = {
  link: 'This checkout link is not valid. / Ce lien de paiement n’est pas valide.',
  script:
    'Helcim secure card entry could not be loaded. / La saisie de carte sécurisée Helcim n’a pas pu être chargée.',
} as const;

function fail(reason: keyof typeof FAILED) {
  loading.textContent = FAILED[reason];
  // Only to the counter app that framed us; with no valid parent, nobody is told but the screen.
  if (postableOrigin(parentOrigin)) window.parent.postMessage({ type: 'checkout-host-error', reason }, parentOrigin);
}

let helcimOrigin = '';
try {
  // Only Helcim's own script (or the training simulator's on 127.0.0.1) is ever loaded.
  if (allowedHelcimScript(scriptUrl)) helcimOrigin = new URL(scriptUrl).origin;
} catch {
  /* handled below */
}

if (!/^[\w-]{8,200}$/.test(checkoutToken) || !helcimOrigin || !postableOrigin(parentOrigin)) {
  fail('link');
} else {
  const eventName = `helcim-pay-js-${checkoutToken}`;
  window.addEventListener('message', (e: MessageEvent) => {
    if (e.origin !== helcimOrigin) return;
    const d = e.data as { eventName?: unknown; eventStatus?: unknown; eventMessage?: unknown } | null;
    if (!d || d.eventName !== eventName) return;
    window.parent.postMessage(
      {
        type: 'helcim-event',
        event: { eventName: d.eventName, eventStatus: d.eventStatus, eventMessage: d.eventMessage },
      },
      parentOrigin,
    );
    if (d.eventStatus === 'HIDE') window.removeHelcimPayIframe?.();
  });
  const s = document.createElement('script');
  s.src = scriptUrl;
  s.onload = () => {
    loading.textContent = '';
    window.appendHelcimPayIframe?.(checkoutToken, true);
  };
  s.onerror = () => fail('script');
  document.head.appendChild(s);
}

export {};
