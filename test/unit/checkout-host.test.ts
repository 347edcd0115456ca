/**
 * The https checkout host: which names a manager may set, what the counter session's interception
 * answers, and what the simulator's HelcimPay.js refuses as an embedding page (as Helcim does).
 * One case per rule, each changing only the value the rule guards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkoutHostProblem, DEFAULT_CHECKOUT_HOST, TRAINING_HELCIM_ORIGIN } from '../../common/checkout-host';
import { routeHttpsRequest } from '../../main/https-routes';
import { EMBEDDER_RULE } from '../../main/simulator/pages';
import { translator } from '../../common/i18n';

test('checkout host names: the default and a shop’s own domain pass; each broken rule is refused', () => {
  assert.equal(checkoutHostProblem(DEFAULT_CHECKOUT_HOST), null);
  assert.equal(checkoutHostProblem('pay.cornerstore.ca'), null);
  assert.equal(checkoutHostProblem('x-1.pay.corner-store.ca'), null);
  const refused: [string, RegExp][] = [
    ['', /Type a host name/],
    [' pay.shop.ca', /Type a host name/],
    ['Pay.shop.ca', /lower-case/],
    [`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.ca`, /too long/],
    ['pay.shop.ca:8443', /host name only/],
    ['pay.shop.ca/x', /host name only/],
    ['user@pay.shop.ca', /host name only/],
    ['shop', /has a dot/],
    ['pay..shop.ca', /letters, digits and hyphens/],
    ['-pay.shop.ca', /letters, digits and hyphens/],
    ['pay_.shop.ca', /letters, digits and hyphens/],
    ['10.0.0.7', /IP address/],
    ['pay.shop.123', /IP address/],
    ['pos.localhost', /localhost/],
    ['till.local', /not publicly reachable/],
  ];
  for (const [host, why] of refused) {
    const problem = checkoutHostProblem(host);
    assert.match(problem ? translator('en-CA').t(problem) : 'accepted', why, host);
  }
});

test('https interception: the checkout name is ours, the training name goes to the simulator, everything else passes', () => {
  const routes = { checkoutHost: 'pay.shop.ca', trainingTarget: 'http://127.0.0.1:4321' };
  assert.deepEqual(routeHttpsRequest('https://pay.shop.ca/host.html', routes), {
    kind: 'checkout',
    pathname: '/host.html',
  });
  assert.deepEqual(routeHttpsRequest(`${TRAINING_HELCIM_ORIGIN}/helcim-pay/start.js?v=1`, routes), {
    kind: 'training',
    url: 'http://127.0.0.1:4321/helcim-pay/start.js?v=1',
  });
  // One value changed at a time: each is passed through to the network, never answered by us.
  for (const url of [
    'http://pay.shop.ca/host.html', // not https
    'https://pay.shop.ca:8443/host.html', // another port
    'https://x.pay.shop.ca/host.html', // a subdomain
    'https://pay.shop.ca.evil.example/host.html', // a suffix
    'https://user@pay.shop.ca/host.html', // credentials
    'https://secure.helcim.app/helcim-pay/services/start.js', // Helcim itself
    'not a url',
  ])
    assert.deepEqual(routeHttpsRequest(url, routes), { kind: 'pass' }, url);
  // Live mode: the training name is not forwarded anywhere.
  assert.deepEqual(
    routeHttpsRequest(`${TRAINING_HELCIM_ORIGIN}/helcim-pay/start.js`, { ...routes, trainingTarget: null }),
    { kind: 'pass' },
  );
});

test('the simulator’s HelcimPay.js refuses http, localhost, 127.0.0.0/8 and custom-scheme embedders, as Helcim does', () => {
  const refusal = new Function(`${EMBEDDER_RULE}; return refusal;`)() as (origin: string) => string | null;
  assert.equal(refusal('https://checkout.counter-pos.invalid'), null);
  assert.equal(refusal('https://pay.cornerstore.ca'), null);
  for (const [origin, why] of [
    ['http://pay.cornerstore.ca', 'not-https'],
    ['app://checkout', 'not-https'],
    ['https://localhost', 'local'],
    ['https://pos.localhost', 'local'],
    ['https://127.0.0.1', 'local'],
    ['https://127.10.0.3', 'local'],
    ['https://[::1]', 'local'],
    ['null', 'unknown'],
  ])
    assert.equal(refusal(origin!), why, origin);
});
