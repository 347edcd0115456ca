/**
 * Shop settings: one schema per key, defaults in one place, typed reads and writes. Values are
 * stored as JSON in the database's `settings` table and validated on every read: a value that does
 * not fit its schema (edited by hand, left by an older version) reads as the default and is logged,
 * never cast into shape.
 */
import { z } from 'zod';
import { DEVICE_CODE, FINGERPRINT, TOKEN_SLOTS, TX_LEVELS } from '../../common/limits';
import {
  CAPABILITY_OPERATIONS,
  discountSettingsSchema,
  mailServerSchema,
  taxCategoriesSchema,
} from '../../common/contract';
import { JURISDICTIONS, PRINTER_CODEPAGES, PRINTER_HOST, PRINTER_KINDS } from '../../common/limits';
import { LOCALES } from '../../common/i18n';
import { checkoutHostProblem, DEFAULT_CHECKOUT_HOST } from '../../common/checkout-host';
import type { Db } from '../db';
import { DEFAULT_LABELS, labelPatternFits } from '../catalog/barcodes';

const level = z.enum(TX_LEVELS).nullable();
const connectionReport = z
  .looseObject({
    slot: z.enum(TOKEN_SLOTS),
    testedAt: z.string(),
    reachable: z.boolean(),
    accepted: z.boolean(),
    level,
    checks: z.array(
      z.looseObject({
        operation: z.enum(CAPABILITY_OPERATIONS),
        label: z.string(),
        ok: z.boolean().nullable(),
        fix: z.string().optional(),
      }),
    ),
    generalAccess: z.boolean(),
    passed: z.boolean(),
    message: z.string(),
  })
  .nullable();

/** C0, DEL and C1 control characters: none in a text that is printed or shown. */
const NO_CONTROLS = /^\P{Cc}*$/u;
/** The same, line feeds allowed (the shop's address is printed line by line). */
const NO_CONTROLS_BUT_LINES = /^(?:\n|\P{Cc})*$/u;

const SCHEMAS = {
  /** Seconds without activity before a counter window locks itself. */
  idle_lock_seconds: z.number().int().min(30).max(3600),
  /** What a manager last chose; live also needs a token in the keychain at start (gateway). */
  'helcim.mode': z.enum(['training', 'live']),
  /** What each token's last connection test proved (lowered when Helcim later refuses a call). */
  'helcim.level.sales': level,
  'helcim.level.admin': level,
  'helcim.report.sales': connectionReport,
  'helcim.report.admin': connectionReport,
  /** The https host name the checkout host is served on (common/checkout-host.ts). */
  'checkout.host': z
    .string()
    .refine((h) => checkoutHostProblem(h) === null, { message: 'not a usable checkout host name' }),
  /** Drawer closes are blind: whoever counts does not see the expected figure first (managers always do). */
  'drawer.blind_close': z.boolean(),
  /** This counter's Helcim Smart Terminal (its device code), or null: none paired. */
  'terminal.code': z.string().regex(DEVICE_CODE).nullable(),
  /** The name on receipts and reports; null: the one the app was started with. */
  // No control characters (they are printer commands on a receipt): refused when set here, and a value
  // pulled from the shop database with one is read as the default, with a log line.
  'shop.name': z.string().trim().min(1).max(80).regex(NO_CONTROLS, 'no control characters').nullable(),
  /** The shop's language: each sale's customer language (receipt, customer display) starts as it. */
  'shop.language': z.enum(LOCALES),
  /** The shop database this counter ships to (its password is in the keychain), or null: a counter alone. */
  'shop.link': z
    .strictObject({
      host: z.string().regex(PRINTER_HOST).max(253),
      port: z.number().int().min(1).max(65535),
      database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/),
      user: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.$-]{0,62}$/),
      // The server certificate confirmed at link time, or 'none' (no TLS, accepted by a manager); absent on older links.
      tls: z
        .union([
          z.strictObject({ fingerprint: z.string().regex(FINGERPRINT), certificate: z.string().max(16_000) }),
          z.literal('none'),
        ])
        .optional(),
      // An older link whose certificate was pinned when this version first reached the server (not seen by a manager).
      pinnedOnFirstUse: z.literal(true).optional(),
    })
    .nullable(),
  /** A customer display on a second screen (main/electron opens it there). */
  'display.customer': z.strictObject({ enabled: z.boolean(), screen: z.number().int().min(1).max(8) }),
  /** How the shop's scales print price and weight labels (main/catalog/barcodes.ts); a pattern that does not add up is refused. */
  'catalog.labels': z
    .array(
      z.strictObject({
        prefix: z.string().regex(/^\d{1,3}$/),
        itemDigits: z.number().int().min(1).max(10),
        verifier: z.boolean(),
        valueDigits: z.union([z.literal(4), z.literal(5)]),
        value: z.enum(['price', 'weight']),
        decimals: z.number().int().min(0).max(3),
      }),
    )
    .max(10)
    .refine((ps) => ps.every(labelPatternFits), { message: 'a label pattern must add up to 13 digits' }),
  /**
   * The shop's sales tax (main/tax/): where it is (null: no tax charged, as before a manager sets it),
   * whether its prices include tax, a US shop's own rates, its own categories, and what a receipt must
   * name for a customer to claim the tax: its legal name, GST/HST and QST registration numbers.
   */
  tax: z.strictObject({
    jurisdiction: z.enum(JURISDICTIONS).nullable(),
    pricesInclude: z.boolean(),
    // A US shop's cash rounded to 5¢ too (Canada's always is): off unless it asks.
    roundCash: z.boolean().default(false),
    usRates: z
      .array(z.strictObject({ code: z.literal('SALES'), rateMillionths: z.number().int().min(1).max(300_000) }))
      .max(4),
    categories: taxCategoriesSchema,
    legalName: z.string().trim().min(1).max(80).regex(NO_CONTROLS, 'no control characters in a legal name').nullable(),
    // The CRA's business number and program account (123456789 RT 0001); Revenu Québec's (1234567890 TQ 0001).
    gstHstNumber: z
      .string()
      .regex(/^\d{9} ?RT ?\d{4}$/)
      .nullable(),
    qstNumber: z
      .string()
      .regex(/^\d{10} ?TQ ?\d{4}$/)
      .nullable(),
  }),
  /** This counter's mail server for receipts by email (null: none set up); its password is in the keychain. */
  mail: mailServerSchema.nullable(),
  /** The discounts the manager allows (see DiscountSettings): what a cashier gives alone, and the reasons. */
  discounts: discountSettingsSchema,
  /**
   * Backups (main/backup/): a second place a copy goes to (an absolute folder path: a USB drive, a
   * network folder) or null, and how many generations each place keeps. The passphrase's key is in
   * the keychain, never here.
   */
  backup: z.strictObject({
    secondFolder: z
      .string()
      .min(1)
      .max(400)
      .regex(NO_CONTROLS, 'no control characters')
      .refine((f) => f.startsWith('/') || /^[A-Za-z]:[\\/]/.test(f) || f.startsWith('\\\\'), {
        message: 'a full folder path',
      })
      .nullable(),
    keep: z.number().int().min(1).max(365),
  }),
  /**
   * Where this shop takes its updates from (null: the feed in electron-builder.yml, main/updates/updates.ts
   * DEFAULT_FEED). HTTPS only; plain HTTP to this PC itself is for a test feed.
   */
  'updates.feed': z
    .string()
    .max(300)
    .refine((u) => /^https:\/\/[^\s/]+\/\S*$/.test(u) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/\S*$/.test(u), {
      message: 'an https address (a folder: it ends with /)',
    })
    .refine((u) => u.endsWith('/'), { message: 'a folder address, ending with /' })
    .nullable(),
  /** This counter's receipt printer (see PrinterConfig), the shop's address printed under its name included. */
  printer: z.strictObject({
    kind: z.enum(PRINTER_KINDS),
    host: z.string().max(253),
    port: z.number().int().min(1).max(65535),
    paper: z.union([z.literal(58), z.literal(80)]),
    columns: z.union([z.literal(32), z.literal(42), z.literal(48)]),
    codepage: z.enum(PRINTER_CODEPAGES),
    deviceName: z.string().max(120),
    shopAddress: z.string().max(200).regex(NO_CONTROLS_BUT_LINES, 'no control characters'),
  }),
} as const;

export type SettingKey = keyof typeof SCHEMAS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SCHEMAS)[K]>;

export const SETTING_DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  idle_lock_seconds: 300,
  'helcim.mode': 'training',
  'helcim.level.sales': null,
  'helcim.level.admin': null,
  'helcim.report.sales': null,
  'helcim.report.admin': null,
  'checkout.host': DEFAULT_CHECKOUT_HOST,
  'drawer.blind_close': false,
  'terminal.code': null,
  'shop.name': null,
  'shop.language': 'en-CA',
  'display.customer': { enabled: false, screen: 2 },
  'shop.link': null,
  'catalog.labels': DEFAULT_LABELS,
  tax: {
    jurisdiction: null,
    pricesInclude: false,
    roundCash: false,
    usRates: [],
    categories: [],
    legalName: null,
    gstHstNumber: null,
    qstNumber: null,
  },
  mail: null,
  // A cashier gives no discount alone until a manager says so (issue 28); three common reasons to start with.
  discounts: {
    cashierLimitBasisPoints: 0,
    reasons: [
      { id: 'damaged', name: { en: 'Damaged item', fr: 'Article abîmé' } },
      { id: 'price_match', name: { en: 'Price match', fr: 'Égalisation de prix' } },
      { id: 'goodwill', name: { en: 'Goodwill', fr: 'Geste commercial' } },
    ],
  },
  backup: { secondFolder: null, keep: 14 },
  'updates.feed': null,
  printer: {
    kind: 'none',
    host: '',
    port: 9100,
    paper: 80,
    columns: 48,
    codepage: 'windows1252',
    deviceName: '',
    shopAddress: '',
  },
};

export class Settings {
  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void = () => {},
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  }

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return SETTING_DEFAULTS[key];
    let stored: unknown = row.value;
    try {
      stored = JSON.parse(row.value);
    } catch {
      // Written by an earlier version as a bare string ("live", "positive"): read it as that string.
    }
    if (stored === '') stored = null;
    const parsed = SCHEMAS[key].safeParse(stored);
    if (parsed.success) return parsed.data as SettingValue<K>;
    this.log(`[pos] setting ${key} has an invalid stored value; using its default`);
    return SETTING_DEFAULTS[key];
  }

  set<K extends SettingKey>(key: K, value: SettingValue<K>): void {
    const checked = SCHEMAS[key].parse(value);
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(checked));
  }
}
