import { randomUUID } from 'node:crypto';
import type { Simulator } from '../../main/simulator/server';
import type { BridgeResult, CheckoutOutcome, CheckoutStart, OperationName } from '../../common/contract';

/**
 * A card sale made at the simulator the way HelcimPay.js makes one (initialize, then the hosted
 * page's card post), for tests that need an earlier payment to refund or void.
 * Returns Helcim's transaction id.
 */
let sales = 0;

export async function simulateSale(
  sim: Simulator,
  cents: number,
  card = '4124939999999990',
  paymentType: 'purchase' | 'preauth' = 'purchase',
  /** The sale's invoice number at Helcim (another counter's sales carry its prefix, `C1A2B-…`). */
  invoiceNumber = `T-${randomUUID().slice(0, 8)}`,
): Promise<string> {
  // A new cardholder name each time: Helcim declines the same card, name and amount within 5 minutes.
  const holder = `Test ${(sales += 1)}`;
  const token = sim.createToken({ general: 'none', settings: 'none', transactions: 'positive' });
  const init = (await fetch(`${sim.baseUrl}helcim-pay/initialize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'api-token': token, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ paymentType, amount: cents / 100, currency: 'CAD', invoiceNumber }),
  }).then((r) => r.json())) as { checkoutToken: string };
  const paid = (await fetch(`${sim.origin}/helcim-pay/checkout/${init.checkoutToken}/process`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cardNumber: card, cardExpiry: '0128', cardCVV: '100', cardHolderName: holder }),
  }).then((r) => r.json())) as { data: { transactionId: string } };
  return paid.data.transactionId;
}

/** A hold (preauthorization) made at the simulator the same way; returns its transaction id. */
export const simulateHold = (sim: Simulator, cents: number, card?: string) => simulateSale(sim, cents, card, 'preauth');

/**
 * A hold placed through the app, as the cashier does it: preauth.start, the card in Helcim's (the
 * simulator's) form, the result relayed to main. Only a hold this counter placed can be captured or
 * released here. `call` dispatches one bridge operation as the signed-in cashier.
 */
export async function placeHoldThroughApp(
  sim: Simulator,
  call: <T>(op: OperationName, payload: unknown) => Promise<BridgeResult<T>>,
  cents: number,
): Promise<{ outcome: CheckoutOutcome; start: CheckoutStart }> {
  const s = await call<CheckoutStart>('preauth.start', { amountCents: cents, currency: 'CAD' });
  if (!s.ok) throw new Error(`preauth.start: ${JSON.stringify(s)}`);
  return { outcome: await cardFormPays(sim, call, s.value, '5413330089099130', 'Hold'), start: s.value };
}

/**
 * A card form the app opened, filled in at the simulator's hosted page and its result relayed to
 * main, as the checkout host does. A new cardholder name each time (Helcim's duplicate rule).
 */
export async function cardFormPays(
  sim: Simulator,
  call: <T>(op: OperationName, payload: unknown) => Promise<BridgeResult<T>>,
  start: CheckoutStart,
  card = '4124939999999990',
  holder = 'Card',
): Promise<CheckoutOutcome> {
  const paid = (await fetch(`${sim.origin}/helcim-pay/checkout/${start.checkoutToken}/process`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      cardNumber: card,
      cardExpiry: '0128',
      cardCVV: '100',
      cardHolderName: `${holder} ${randomUUID().slice(0, 6)}`,
    }),
    signal: AbortSignal.timeout(5000),
  }).then((r) => r.json())) as { data: unknown; hash: string };
  const f = await call<CheckoutOutcome>('checkout.finish', {
    attemptId: start.attemptId,
    event: {
      eventName: `helcim-pay-js-${start.checkoutToken}`,
      eventStatus: 'SUCCESS',
      eventMessage: JSON.stringify({ data: { data: paid.data, hash: paid.hash } }),
    },
  });
  if (!f.ok) throw new Error(`checkout.finish: ${JSON.stringify(f)}`);
  return f.value;
}
