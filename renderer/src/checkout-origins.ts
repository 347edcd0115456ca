/**
 * What the checkout host accepts from the link main hands it (renderer/src/checkout-host.ts).
 * The CSP already limits where scripts load from; these rules hold even if a CSP were loosened.
 */

/** Helcim's own HelcimPay.js (HELCIM.md), and the training simulator's, which only ever runs on 127.0.0.1. */
const HELCIM_SCRIPT = 'https://secure.helcim.app/helcim-pay/services/start.js';
const SIMULATOR_SCRIPT = /^http:\/\/127\.0\.0\.1:\d{1,5}\/helcim-pay\/start\.js$/;

export function allowedHelcimScript(url: string): boolean {
  return url === HELCIM_SCRIPT || SIMULATOR_SCRIPT.test(url);
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
