/**
 * What may never reach a log line, a support file or the console: every secret this counter holds
 * (each one registered as the keychain hands it over or a person types it: Helcim tokens, the shop
 * database's and the mail server's passwords, the link code, the PIN pepper, the audit and backup
 * keys, the backup passphrase) and, by their shape, card numbers (a Luhn-valid run of 13 to 19
 * digits, spaces or dashes between) and email addresses. One scrubber for every way out of main.
 */
import type { DatabaseKeychain, DatabaseSecret, Keychain } from '../vault/vault';
import type { TokenSlot } from '../policy/table';

/** Shorter values are not scrubbed by value (they would eat amounts and ids); none of our secrets is that short. */
const MIN_SECRET = 8;
const CARD_RUN = /\b\d(?:[ -]?\d){12,18}\b/g;
const EMAIL = /\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export class Redactor {
  private readonly secrets = new Set<string>();

  /** A secret's value, from now on replaced wherever it appears (and its hex/base64 forms). */
  add(secret: string | null | undefined): void {
    if (!secret || secret.length < MIN_SECRET) return;
    this.secrets.add(secret);
    const b64 = Buffer.from(secret).toString('base64');
    if (b64.length >= MIN_SECRET) this.secrets.add(b64);
  }

  scrub(text: string): string {
    let out = text;
    // Longest first: a secret that contains another is replaced whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length))
      if (out.includes(s)) out = out.split(s).join('[secret]');
    out = out.replace(CARD_RUN, (run) => {
      const digits = run.replace(/[ -]/g, '');
      return luhn(digits) ? `[card •••• ${digits.slice(-4)}]` : run;
    });
    return out.replace(EMAIL, (_all, first: string, domain: string) => `${first}•••@${domain}`);
  }
}

/** A keychain whose every secret, read or written, is known to the redactor first. */
export function redactingKeychain(keychain: Keychain, redactor: Redactor): Keychain {
  return {
    forDatabase(databaseId) {
      const inner = keychain.forDatabase(databaseId);
      const seen = <T extends string | null>(v: T): T => {
        redactor.add(v);
        return v;
      };
      const bound: DatabaseKeychain = {
        databaseId: inner.databaseId,
        get: async (slot: TokenSlot) => seen(await inner.get(slot)),
        set: async (slot: TokenSlot, token: string) => {
          redactor.add(token);
          await inner.set(slot, token);
        },
        remove: (slot) => inner.remove(slot),
        secret: async (name: DatabaseSecret) => seen(await inner.secret(name)),
        setSecret: async (name: DatabaseSecret, value: string) => {
          redactor.add(value);
          await inner.setSecret(name, value);
        },
        removeSecret: (name) => inner.removeSecret(name),
        adoptUnboundTokens: () => inner.adoptUnboundTokens(),
      };
      return bound;
    },
  };
}
