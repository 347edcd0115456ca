/**
 * What every feature of main stands on, opened first: the counter's SQLite database and its keychain
 * keys, the payment journal, the audit trail, settings, the staff records, the sessions and the
 * managers' approvals. core.ts builds the features on top of it, in order.
 */
import { counterInvoicePrefix } from '../invoices/prefix';
import { checkSchemaVersion, openDatabase, type Db } from '../db';
import { installStagedRestore } from '../backup/restore';
import path from 'node:path';
import { DailyLog } from '../logs/daily-log';
import { redactingKeychain, Redactor } from '../logs/redaction';
import type { Keychain } from '../vault/vault';
import { AuditLog } from '../journal/audit';
import { Journal } from '../journal/journal';
import { ApprovalStore } from '../policy/approvals';
import { NO_OUTPUT, type OutputPort } from '../reports/output';
import { SessionRegistry } from '../session';
import { Settings } from '../settings/settings';
import { StaffStore } from '../staff/store';
import { openDatabaseKeys, type DatabaseKeys } from '../vault/database-keys';
import type { CoreOptions } from '../core-api';
import type { Currency } from '../../common/contract';

/**
 * Keeps one number in the keychain, written in the background after each change (the audit trail's
 * rows are written synchronously; the keychain is async): one write at a time, the newest value last.
 */
class KeychainCounter {
  private pending: number | null = null;
  private writing: Promise<void> | null = null;

  constructor(private readonly write: (n: number) => Promise<void>) {}

  keep(n: number): void {
    this.pending = n;
    this.writing ??= (async () => {
      while (this.pending !== null) {
        const value = this.pending;
        this.pending = null;
        await this.write(value).catch(() => undefined);
      }
      this.writing = null;
    })();
  }

  settled(): Promise<void> {
    return this.writing ?? Promise.resolve();
  }
}

export type Foundation = {
  options: CoreOptions;
  /** Every line main logs: scrubbed of every secret (redaction.ts), then to the day's log file and the console. */
  log: (line: string) => void;
  /** Knows every secret this counter holds, so none leaves main in a log line or a support file. */
  redactor: Redactor;
  /** The day's log file (null: tests that asked for none). */
  dailyLog: DailyLog | null;
  /** The OS keychain, every secret it hands over known to the redactor. */
  vault: Keychain;
  now: () => number;
  currency: Currency;
  db: Db;
  keys: DatabaseKeys;
  journal: Journal;
  audit: AuditLog;
  /** `audit.record`, as the services take it. */
  record: (staffId: string, kind: string, detail: string) => void;
  /** The startup check of the audit trail (shown on the status bar). */
  auditCheck: ReturnType<AuditLog['startupCheck']>;
  /** This counter's invoice prefix: in Helcim's list, its sales are told from another counter's by it. */
  invoicePrefix: string;
  settings: Settings;
  staffStore: StaffStore;
  sessions: SessionRegistry;
  approvals: ApprovalStore;
  shopName: () => string;
  output: OutputPort;
  /** What this counter was restored from (a backup, when), or null: it was never restored. */
  restoredFrom: () => string | null;
  /** Waits for the keychain's copy of the audit trail's length to be written (at close). */
  settled: () => Promise<void>;
};

export async function openFoundation(options: CoreOptions): Promise<Foundation> {
  const now = options.now ?? Date.now;
  const redactor = new Redactor();
  const dailyLog =
    options.logDir === null
      ? null
      : new DailyLog(options.logDir ?? path.join(path.dirname(options.journalFile), 'logs'), now);
  const out = options.log ?? ((line: string) => console.error(line));
  const log = (line: string) => {
    const clean = redactor.scrub(line);
    dailyLog?.write(clean);
    out(clean);
  };
  const vault = redactingKeychain(options.vault, redactor);
  // A restore staged on the first-run screen replaces the fresh database before anything opens it.
  const restored = installStagedRestore(options.journalFile, log);
  const db = openDatabase(options.journalFile);
  const keys = await openDatabaseKeys(db, vault)
    .then((k) => {
      checkSchemaVersion(db);
      return k;
    })
    .catch((err: unknown) => {
      db.close();
      throw err;
    });
  // Every secret this counter keeps is known to the redactor from the start (reading one registers it),
  // not only once a feature happens to read it: a log line can never carry one.
  for (const name of ['shop-db-password', 'shop-pepper', 'shop-link-code', 'mail-password', 'backup-key'] as const)
    await keys.keychain.secret(name).catch(() => null);
  for (const slot of ['sales', 'admin'] as const) await keys.keychain.get(slot).catch(() => null);
  const journal = new Journal(db, now);
  // The audit trail's length, kept in the keychain after each row: a trail cut short in the file is found.
  const auditCount = new KeychainCounter((n) => keys.keychain.setSecret('audit-count', String(n)));
  const audit = new AuditLog(db, keys.audit, now, {
    knownCount: Number((await keys.keychain.secret('audit-count')) ?? 0) || 0,
    keepCount: (n) => auditCount.keep(n),
  });
  const settings = new Settings(db, log);
  const staffStore = new StaffStore(db, {
    pepper: keys.pepper,
    now,
    // A staff row changed outside the app (its seal does not hold): refused at sign-in, and recorded here.
    onTampered: (id, why) => audit.record('system', 'staff.tampered', `${id}: ${why}`),
  });
  if (keys.adopted.length)
    audit.record('system', 'keychain.tokens_bound', `${keys.adopted.join(' ')} bound to database ${keys.databaseId}`);
  if (restored) {
    const from = db.prepare("SELECT value FROM meta WHERE key = 'restored_from'").get() as
      { value: string } | undefined;
    audit.record('system', 'backup.restored', from?.value ?? 'from a backup');
  }
  const auditCheck = audit.startupCheck(log);
  const invoicePrefix = counterInvoicePrefix(db, keys.databaseId);
  return {
    options,
    log,
    redactor,
    dailyLog,
    vault,
    now,
    currency: options.currency ?? 'CAD',
    db,
    keys,
    journal,
    audit,
    record: (a, b, c) => audit.record(a, b, c),
    auditCheck,
    invoicePrefix,
    settings,
    staffStore,
    sessions: new SessionRegistry(() => settings.get('idle_lock_seconds') * 1000, now),
    approvals: new ApprovalStore(now),
    shopName: () => settings.get('shop.name') ?? options.shopName ?? 'Counter POS',
    output: options.output ?? NO_OUTPUT,
    settled: () => auditCount.settled(),
    restoredFrom: () =>
      (db.prepare("SELECT value FROM meta WHERE key = 'restored_from'").get() as { value: string } | undefined)
        ?.value ?? null,
  };
}
