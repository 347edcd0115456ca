/**
 * Seals: an authentication tag (HMAC-SHA256) on every staff row, shared setting, shipped row and item
 * of the shop's catalog, made with a key derived (HKDF) from the PIN pepper — the shop's pepper at a
 * linked counter, this counter's own alone. The pepper is in each counter's keychain and never in the shop database in the clear
 * (main/shop/link-code.ts), so whoever holds the database's password — or can write this counter's
 * SQLite file — cannot make a row a counter accepts: a manager with a PIN of their choosing, a cashier
 * promoted, every manager disabled, an idle lock of an hour. A row whose seal does not match is
 * refused and reported, never applied or signed in with (DESIGN.md §10).
 *
 * A staff seal covers who the row is (id), what it lets them do (role, active) and the PIN hash, so a
 * hash cannot be moved to another account or role; and `updated_at`, so the reader can refuse a
 * genuine but older row replayed over a newer one (a disabled manager enabled again).
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Locale } from '../common/i18n';
import type { Role } from '../common/contract';

/** What a staff seal covers. */
export type SealedStaff = {
  id: string;
  name: string;
  role: Role;
  pin_hash: string;
  active: boolean;
  language: Locale | null;
  updated_at: string;
};

export class Sealer {
  private readonly key: Buffer;

  constructor(pepper: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', pepper, 'counter-pos row seals', 'staff and shared settings v1', 32));
  }

  private tag(parts: unknown[]): string {
    return createHmac('sha256', this.key).update(JSON.stringify(parts), 'utf8').digest('base64url');
  }

  staff(r: SealedStaff): string {
    return this.tag(['staff', r.id, r.name, r.role, r.pin_hash, r.active, r.language, r.updated_at]);
  }

  setting(key: string, value: string): string {
    return this.tag(['setting', key, value]);
  }

  /**
   * A row a counter ships (a journal attempt, a Z report), bound to the counter that wrote it: the
   * shop's day and the shop Z add up only rows whose seal holds, so neither the database nor another
   * counter's id can put money on a counter's line. `fields`: what the reader adds up. `count`: how
   * many payments a counter shipped in a quarter hour, `head`: its last Z — so a row deleted there is found.
   */
  row(
    kind: 'attempt' | 'z' | 'count' | 'head' | 'lines',
    counterId: string,
    fields: readonly (string | number | null)[],
  ): string {
    return this.tag(['row', kind, counterId, ...fields]);
  }

  /**
   * An item of the shop's catalog (main/catalog/shared.ts): everything a counter sells it by — price,
   * barcodes, tax category, on sale or not — in `data`, and its revision, so a genuine older row put
   * back in the shop database (last week's price) is told from the current one.
   */
  item(id: string, rev: number, data: string): string {
    return this.tag(['item', id, rev, data]);
  }

  /** A department's page of quick keys, in the manager's order. */
  quickKeys(department: string, itemIds: string): string {
    return this.tag(['quick_keys', department, itemIds]);
  }

  /**
   * What the shop's lead counter found in Helcim's list for another counter's terminal sale
   * (main/payments/shared-lookups.ts): bound to that counter, the attempt and its invoice, and to the
   * look's number, so neither the database nor a replay of an older look can make a counter record
   * an approval or hide one.
   */
  look(counterId: string, attemptId: string, invoiceNumber: string, looked: number, found: string): string {
    return this.tag(['look', counterId, attemptId, invoiceNumber, looked, found]);
  }

  /** Constant-time comparison of a seal with what it should be; a missing seal never matches. */
  static matches(seal: string | null | undefined, expected: string): boolean {
    if (typeof seal !== 'string') return false;
    const a = Buffer.from(seal);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
