/**
 * The simulator's HelcimPay.js: start.js (appendHelcimPayIframe / removeHelcimPayIframe) and the
 * hosted card page it frames. Like Helcim's, the page posts its result to its parent as
 * { eventName: 'helcim-pay-js-' + checkoutToken, eventStatus: SUCCESS | ABORTED | HIDE, eventMessage }.
 */
import { escapeHtml as esc } from '../html';

/**
 * Why an embedding page is refused, as Helcim refuses it (HELCIM.md: the modal renders only inside a
 * secure, publicly reachable origin — not localhost, not http, and, we assume, not a custom scheme).
 * The same rule runs in start.js (the page that embeds) and in the card page (its parent).
 */
export const EMBEDDER_RULE = `function refusal(origin) {
    var u;
    try { u = new URL(origin); } catch (e) { return 'unknown'; }
    if (u.protocol !== 'https:') return 'not-https';
    var h = u.hostname;
    if (h === 'localhost' || /\\.localhost$/.test(h) || /^127\\./.test(h) || h === '[::1]' || h === '0.0.0.0') return 'local';
    return null;
  }`;

export const REFUSED_TEXT = 'HelcimPay.js can only be used on a secure (https), publicly reachable website.';

export function startScript(): string {
  return `(function () {
  // Like Helcim's script, it frames pages from wherever it was loaded from (in training, the
  // simulator's https name that main forwards to it).
  var ORIGIN = new URL(document.currentScript.src).origin;
  ${EMBEDDER_RULE}
  window.appendHelcimPayIframe = function (checkoutToken) {
    if (!/^[0-9a-f]{24}$/.test(String(checkoutToken))) throw new Error('HelcimPay.js: invalid checkoutToken');
    window.removeHelcimPayIframe();
    var f = document.createElement('iframe');
    f.id = 'helcimPayIframe';
    f.title = 'Helcim secure payment';
    var why = refusal(location.origin);
    f.src = ORIGIN + (why ? '/helcim-pay/refused?why=' + why : '/helcim-pay/checkout/' + checkoutToken);
    f.style.cssText = 'position:fixed;inset:0;width:100%;height:100%;border:0;background:#fff';
    document.body.appendChild(f);
  };
  window.removeHelcimPayIframe = function () {
    var f = document.getElementById('helcimPayIframe');
    if (f) f.remove();
  };
})();
`;
}

export function checkoutPageHtml(c: {
  checkoutToken: string;
  paymentType: string;
  amount: number;
  currency: string;
}): string {
  const isVerify = c.paymentType === 'verify';
  const money = `${c.currency} $${c.amount.toFixed(2)}`;
  const label = isVerify ? 'Verify card' : c.paymentType === 'preauth' ? `Authorize ${money}` : `Pay ${money}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Helcim secure payment</title>
<style>
 body{font:16px system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b2733}
 main{max-width:420px;margin:24px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 12px #0002}
 h1{font-size:20px;margin:0 0 4px} .sub{color:#566;margin:0 0 16px}
 label{display:block;margin:10px 0 4px;font-weight:600} input{width:100%;box-sizing:border-box;font-size:18px;padding:10px;border:1px solid #9ab;border-radius:6px}
 .row{display:flex;gap:12px} .row>div{flex:1}
 button{min-height:48px;font-size:18px;border-radius:8px;border:0;padding:0 16px;cursor:pointer}
 .pay{background:#1f6feb;color:#fff;width:100%;margin-top:18px} .cancel{background:none;color:#345;position:absolute;top:12px;right:12px}
 #status{min-height:24px;margin-top:12px;font-weight:600} .sim{font-size:12px;color:#a40;margin-top:14px}
</style></head>
<body data-token="${esc(c.checkoutToken)}">
<button class="cancel" id="cancel" type="button" aria-label="Cancel payment">✕ Cancel</button>
<main>
 <h1>${isVerify ? 'Card verification' : c.paymentType === 'preauth' ? 'Card authorization (hold)' : 'Card payment'}</h1>
 <p class="sub">${esc(isVerify ? 'No charge — checks the card only' : money)}</p>
 <form id="pay" autocomplete="off">
  <label for="cardNumber">Card number</label><input id="cardNumber" name="cardNumber" inputmode="numeric" required>
  <div class="row"><div><label for="cardExpiry">Expiry (MM/YY)</label><input id="cardExpiry" name="cardExpiry" required></div>
  <div><label for="cardCVV">CVV</label><input id="cardCVV" name="cardCVV" inputmode="numeric" required></div></div>
  <label for="cardHolderName">Name on card</label><input id="cardHolderName" name="cardHolderName">
  <button class="pay" id="submit" type="submit">${esc(label)}</button>
 </form>
 <div id="status" role="status"></div>
 <div class="sim">Helcim simulator — training mode, no real card is charged.</div>
</main>
<script src="/helcim-pay/checkout.js"></script>
</body></html>`;
}

/** What Helcim's modal shows when the embedding page is not allowed. */
export function refusedPageHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Helcim secure payment</title></head>
<body style="font:16px system-ui,sans-serif;margin:24px;color:#1b2733">
<p role="alert" id="refused">${esc(REFUSED_TEXT)}</p>
</body></html>`;
}

export function checkoutPageScript(): string {
  return `(function () {
  ${EMBEDDER_RULE}
  // The card page checks who framed it, too: a page that skips start.js is refused the same way.
  var parents = location.ancestorOrigins;
  if (!parents || !parents.length || refusal(parents[0])) {
    document.querySelector('main').innerHTML = '<p role="alert" id="refused">${REFUSED_TEXT}</p>';
    return;
  }
  var token = document.body.getAttribute('data-token');
  var eventName = 'helcim-pay-js-' + token;
  var form = document.getElementById('pay');
  var button = document.getElementById('submit');
  var status = document.getElementById('status');
  function post(eventStatus, eventMessage) {
    window.parent.postMessage({ eventName: eventName, eventStatus: eventStatus, eventMessage: eventMessage }, '*');
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    button.disabled = true;
    status.textContent = 'Processing…';
    var f = new FormData(form);
    fetch('/helcim-pay/checkout/' + token + '/process', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        cardNumber: f.get('cardNumber'), cardExpiry: f.get('cardExpiry'),
        cardCVV: f.get('cardCVV'), cardHolderName: f.get('cardHolderName')
      })
    }).then(function (r) { return r.json(); }).then(function (j) {
      status.textContent = j.status === 'APPROVED' ? 'Approved' : j.message;
      if (j.status === 'APPROVED') post('SUCCESS', JSON.stringify({ data: { data: j.data, hash: j.hash } }));
      else if (j.status === 'DECLINED') post('ABORTED', j.message);
      else button.disabled = false;
    }, function () {
      status.textContent = 'Could not reach Helcim. Try again.';
      button.disabled = false;
    });
  });
  document.getElementById('cancel').addEventListener('click', function () { post('HIDE', ''); });
})();
`;
}
