/**
 * Where HelcimPay.js runs. Helcim renders its card form only for a secure (https), publicly
 * reachable embedding page (HELCIM.md), so the checkout host lives on an https host name that main
 * answers for itself, inside the counter window's own session only — nothing is published, no DNS
 * is asked. Plain code, no zod: the renderer checks a typed host name with the same rule main does.
 */
import type { MessageKey } from './i18n/en-CA';

/**
 * The default checkout host. `.invalid` is reserved (RFC 2606): it can never resolve, so if the
 * interception were ever missing, the card form would fail to load rather than load from a stranger.
 * Guess, listed in helcim:check: Helcim accepts it. If Helcim's form says it cannot run on this
 * website, a manager sets a name under the shop's own domain (Helcim setup).
 */
export const DEFAULT_CHECKOUT_HOST = 'checkout.counter-pos.invalid';

/**
 * Training: the simulator's HelcimPay.js pages, reached on an https name main maps to the
 * simulator on 127.0.0.1 — so training renders exactly as live does (Chromium refuses an https page
 * that pulls scripts or frames from the loopback address, as it should).
 */
export const TRAINING_HELCIM_ORIGIN = 'https://helcim-training.counter-pos.invalid';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why a host name cannot be the checkout host, in plain words; null if it can. */
export function checkoutHostProblem(host: string): MessageKey | null {
  if (host !== host.trim() || host === '') return 'checkoutHost.empty';
  if (host !== host.toLowerCase()) return 'checkoutHost.case';
  if (host.length > 253) return 'checkoutHost.long';
  if (/[:/@?#\s]/.test(host)) return 'checkoutHost.only';
  const labels = host.split('.');
  if (labels.length < 2) return 'checkoutHost.dot';
  if (!labels.every((l) => LABEL.test(l))) return 'checkoutHost.labels';
  if (!/^[a-z][a-z0-9-]*$/.test(labels.at(-1)!)) return 'checkoutHost.ip';
  if (labels.at(-1) === 'localhost') return 'checkoutHost.localhost';
  if (labels.at(-1) === 'local') return 'checkoutHost.local';
  return null;
}
