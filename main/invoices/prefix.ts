/**
 * This counter's invoice prefix: the first part of every invoice number it sends Helcim
 * (`C1A2B3C4D-…`), by which the shop's reports tell one counter's sales from another's (the shop
 * database's `counters.invoice_prefix` is unique). It is taken from the local database's id once and
 * kept in its `meta` table, so it never changes under invoices already sent.
 *
 * Counters first made four hex digits of it: two counters of one shop then share a prefix once in
 * 65 536 pairs, and the second cannot link (a CI run found it, with dozens of counters on one shop
 * database). A database that has sent no payment yet takes eight digits (one in 4 294 967 296 pairs);
 * one that has keeps its four, because its invoices already carry them.
 */
import type { Db } from '../db';

/** A prefix as this module makes it: C and four or eight hex digits (a meta row changed by hand is not used). */
export const INVOICE_PREFIX = /^C[0-9A-F]{4}(?:[0-9A-F]{4})?$/;

export function counterInvoicePrefix(db: Db, databaseId: string): string {
  const kept = db.prepare("SELECT value FROM meta WHERE key = 'invoice_prefix'").get() as { value: string } | undefined;
  if (kept && INVOICE_PREFIX.test(kept.value)) return kept.value;
  // Stryker disable next-line StringLiteral: equivalent — a database id is a UUID, whose first dash comes after the 8 digits kept.
  const hex = databaseId.replace(/-/g, '').toUpperCase();
  const sentBefore = db.prepare('SELECT 1 FROM attempts LIMIT 1').get() !== undefined;
  const prefix = `C${hex.slice(0, sentBefore ? 4 : 8)}`;
  db.prepare(
    "INSERT INTO meta (key, value) VALUES ('invoice_prefix', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(prefix);
  return prefix;
}
