import { randomUUID } from 'node:crypto';
import type { Simulator } from '../../main/simulator/server';

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
