/**
 * Where HelcimPay.js runs. Helcim renders its card form only for a secure (https), publicly
 * reachable embedding page (HELCIM.md), so the checkout host lives on an https host name that main
 * answers for itself, inside the counter window's own session only — nothing is published, no DNS
 * is asked. Plain code, no zod: the renderer checks a typed host name with the same rule main does.
 */

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
export function checkoutHostProblem(host: string): string | null {
  if (host !== host.trim() || host === '') return 'Type a host name, like pay.yourshop.ca.';
  if (host !== host.toLowerCase()) return 'Use lower-case letters.';
  if (host.length > 253) return 'That host name is too long.';
  if (/[:/@?#\s]/.test(host)) return 'Type the host name only — no https://, port or path.';
  const labels = host.split('.');
  if (labels.length < 2) return 'A host name has a dot, like pay.yourshop.ca.';
  if (!labels.every((l) => LABEL.test(l))) return 'Use letters, digits and hyphens between the dots.';
  if (!/^[a-z][a-z0-9-]*$/.test(labels.at(-1)!)) return 'An IP address cannot be used: Helcim needs a host name.';
  if (labels.at(-1) === 'localhost') return 'Helcim refuses localhost: use a name under your own domain.';
  if (labels.at(-1) === 'local') return 'A .local name is not publicly reachable: use a name under your own domain.';
  return null;
}
