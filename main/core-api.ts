/**
 * The shape of a core: what it is built from (CoreOptions), what the Electron shell uses (PosCore),
 * and the services behind it that only tests and harnesses reach (CoreInternals, via coreInternals).
 */
import type { Locale } from '../common/i18n/translator';
import type { ReceiptMail } from './mail/mail';
import type { Backups } from './backup/backups';
import type { Redactor } from './logs/redaction';
import type { Updates } from './updates/updates';
import type { Catalog } from './catalog/catalog';
import type { QuickKeys } from './catalog/quick-keys';
import type { NetworkPrinter } from './hardware/network-printer';
import type { Currency, Mode } from '../common/contract';
import type { HelcimGateway } from './helcim/gateway';
import type { RetryPolicy } from './helcim/client';
import type { Dispatch } from './ipc/dispatch';
import type { HttpsRoutes } from './https-routes';
import type { AuditLog } from './journal/audit';
import type { Journal } from './journal/journal';
import type { Reconciler } from './payments/reconcile';
import type { TerminalService } from './payments/terminal';
import type { SharedLookups } from './payments/shared-lookups';
import type { LateApprovals } from './payments/late-approvals';
import type { CheckoutService } from './payments/checkout';
import type { HelcimReachability } from './helcim/handlers';
import type { OutputPort } from './reports/output';
import type { CustomerDisplaySetting, CustomerView } from '../common/contract';
import type { SessionRegistry } from './session';
import type { Settings } from './settings/settings';
import type { ShopLinkService } from './shop/service';
import type { Db } from './db';
import type { OutboxEntry } from './shop/outbox';
import type { Simulator } from './simulator/server';
import type { StaffService } from './staff/service';
import type { StaffStore } from './staff/store';
import type { Keychain } from './vault/vault';

export type CoreOptions = {
  /** The renderer's origin; the only one allowed to call the bridge (e.g. app://counter). */
  appOrigin: string;
  /** The app database (journal, staff, audit, settings). */
  journalFile: string;
  /** The OS keychain; every entry the core uses is bound to this database's id. */
  vault: Keychain;
  currency?: Currency;
  /** Overrides for a Helcim developer test account (and the tests' "live" simulator). */
  live?: { apiBase?: string; scriptUrl?: string };
  /** Clock, for tests of lockouts, idle lock and approval expiry. */
  now?: () => number;
  /** How long a lost money call may still land at Helcim (payments/reconcile.ts LATE_ARRIVAL_MS; tests shorten it). */
  lateArrivalMs?: number;
  /** How often a terminal sale's result is looked up (payments/terminal.ts LOOKUP_EVERY_MS; tests shorten it). */
  terminalLookupMs?: number;
  /** The shop's lead lease and how soon a counter stops believing the lead's looks (payments/shared-lookups.ts; tests shorten them). */
  sharedLeaseMs?: number;
  sharedStaleMs?: number;
  /** How often main follows its terminal sales (default LOOKUP_EVERY_MS; tests that drive `terminal.tick` themselves lengthen it). */
  terminalTickMs?: number;
  /** How long a terminal may give no answer before the sale is unknown (TERMINAL_ANSWER_MS; the fault matrix shortens it). */
  terminalAnswerMs?: number;
  /** How long main watches for an approval after "customer cancelled" (LATE_APPROVAL_WATCH_MS; the fault matrix shortens it). */
  terminalWatchMs?: number;
  /** Helcim client timeout and retries (tests shorten them). */
  http?: { timeoutMs?: number; retry?: RetryPolicy };
  /** How often the outbox ships to the shop database while linked (default 2 s; tests shorten or lengthen it). */
  /** How often queued receipts by email are tried again (default 10 s; tests shorten it). */
  mailEveryMs?: number;
  /** How long one try waits on the mail server at each step (MAIL_TIMEOUT_MS; tests shorten it). */
  mailTimeoutMs?: number;
  shopShipEveryMs?: number;
  /** Test hook: after a batch committed in the shop database, before the outbox forgets it (a crash there). */
  shopAfterCommit?: (entries: OutboxEntry[]) => void;
  /** Printer and file output for receipts and reports. */
  output?: OutputPort;
  /** Test seam: how jobs reach a network receipt printer (shorter time limits in tests). */
  printerSend?: (p: NetworkPrinter, bytes: Uint8Array) => Promise<void>;
  shopName?: string;
  log?: (line: string) => void;
  /** How often main looks whether the nightly backup is due (default 10 minutes). */
  backupCheckEveryMs?: number;
  /** This build's version (Electron: app.getVersion()), for the support file. */
  appVersion?: string;
  /** The Electron shell installs the downloaded update now (electron-updater's quitAndInstall); called after a Z when allowed. */
  installUpdate?: () => void;
  /** Public keys (PEM) an update feed must be signed with (default: main/updates/release-key.ts; tests use their own). */
  updateKeys?: readonly string[];
  /** Where crash dumps are kept (Electron: app.getPath('crashDumps')), for the support file. */
  crashDir?: string;
  /** Where the daily log files go (default: the database's folder's `logs`); null: none (the console only). */
  logDir?: string | null;
  /** Test hook: after a backup copy is written, before it is read back and checked. */
  backupAfterWrite?: (file: string) => void;
  /** Where backups are written (default: the database's folder); tests point it elsewhere. */
  backupDir?: string;
  /** Restarts the app (Electron: relaunch); after a restore is staged, the restored database opens at the next start. */
  restart?: () => void;
};

/** What the Electron shell uses. Tests reach the rest through `coreInternals` (one explicit door). */
export type PosCore = {
  readonly mode: Mode;
  /** main's log: scrubbed of every secret, to the day's file and the console. */
  log(line: string): void;
  /** Updates: the Electron shell checks, downloads and installs through it. */
  updates: Updates;
  dispatch: Dispatch;
  sessions: SessionRegistry;
  /** The origin the checkout host must be allowed to load Helcim's script and frame from (changes with the mode). */
  helcimOrigin(): string;
  /** The checkout host's https origin (settings `checkout.host`; a manager may change it). */
  checkoutOrigin(): string;
  /** The shop's language: the counter's page fetches its words beside its script (static-site.ts `counterPage`). */
  shopLanguage(): Locale;
  /**
   * The sign-in screen drawn as HTML for the counter's page (main/staff/first-screen.ts), or null: the
   * shop's first run, or someone is signed in at a window (the page then draws its screen itself).
   */
  firstScreen(): string | null;
  /** What the counter session's https interception answers (main/electron/https-routes.ts). */
  httpsRoutes(): HttpsRoutes;
  /** What the customer display shows now (its window is sent this; nothing else). */
  customerView(): CustomerView;
  /** Whether this counter has a customer display, and on which screen (a manager's setting). */
  customerDisplay(): CustomerDisplaySetting;
  close(): Promise<void>;
};

/** The services behind a core, for tests and harnesses only. */
export type CoreInternals = {
  readonly simulator: Simulator | null;
  gateway: HelcimGateway;
  journal: Journal;
  audit: AuditLog;
  settings: Settings;
  staff: StaffService;
  staffStore: StaffStore;
  shop: ShopLinkService;
  /** The counter's own SQLite database (tests that inspect or disturb it directly). */
  db: Db;
  reconciler: Reconciler;
  terminal: TerminalService;
  /** Linked counters' shared terminal lookups (the lead, its calls). */
  shared: SharedLookups;
  checkout: CheckoutService;
  late: LateApprovals;
  /** One pass of the late-approval sweep (core's timer runs it every 2 minutes). */
  sweepLate: () => Promise<number>;
  reachability: HelcimReachability;
  /** This database's random id: its keychain entries are named after it. */
  databaseId: string;
  /** The first part of this counter's invoice numbers (main/invoices/prefix.ts). */
  invoicePrefix: string;
  /** The item catalog and its quick keys (journeys stock a shop through them). */
  catalog: Catalog;
  quickKeys: QuickKeys;
  /** Receipts by email: the queue and its sender. */
  mail: ReceiptMail;
  /** Backups of this counter's database. */
  backups: Backups;
  redactor: Redactor;
};

const INTERNALS = new WeakMap<PosCore, CoreInternals>();

/** Called once by createPosCore. */
export function registerInternals(core: PosCore, internals: CoreInternals): void {
  INTERNALS.set(core, internals);
}

/** The one way in for tests and harnesses: the services behind a core. */
export function coreInternals(core: PosCore): CoreInternals {
  const internals = INTERNALS.get(core);
  if (!internals) throw new Error('not a core made by createPosCore');
  return internals;
}
