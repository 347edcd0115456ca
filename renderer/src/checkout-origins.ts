/**
 * What the checkout host accepts from the link main hands it (renderer/src/checkout-host.ts).
 * The CSP already limits where scripts load from; these rules hold even if a CSP were loosened.
 */

import { TRAINING_HELCIM_ORIGIN } from '../../common/checkout-host';

/** Helcim's own HelcimPay.js (HELCIM.md), and the training simulator's behind its https name (main maps it). */
const HELCIM_SCRIPTS = [
  'https://secure.helcim.app/helcim-pay/services/start.js',
  `${TRAINING_HELCIM_ORIGIN}/helcim-pay/start.js`,
];

export function allowedHelcimScript(url: string): boolean {
  return HELCIM_SCRIPTS.includes(url);
}

/** A parent origin we may post to: a real origin string (never '*' or empty, never a path). */
export function postableOrigin(origin: string): boolean {
  if (!origin || origin === '*' || origin === 'null') return false;
  try {
    const u = new URL(origin);
    return `${u.protocol}//${u.host}` === origin;
  } catch {
    return false;
  }
}
