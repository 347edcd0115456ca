/** The Health card and the support file, built for core.ts from what each feature reports. */
import path from 'node:path';
import type { Foundation } from './foundation';
import type { BackupFeature } from './backup';
import type { HardwareFeature } from './hardware';
import type { HelcimFeature } from './helcim';
import type { PaymentsFeature } from './payments';
import type { ShopFeature } from './shop';
import { unresolvedCount } from '../payments/handlers';
import { AuditLog } from '../journal/audit';
import { freeBytes, health } from '../support/health';
import { supportBundle } from '../support/bundle';
import { supportHandlers } from '../support/handlers';

export function supportFeature(
  f: Foundation,
  helcim: HelcimFeature,
  shop: ShopFeature,
  payments: PaymentsFeature,
  hardware: HardwareFeature,
  backup: BackupFeature,
  /** When updates were last checked (null: never, or no updater here). */
  lastUpdateCheck: () => string | null,
) {
  const { db, journal, settings, options } = f;
  const outboxDepth = () => {
    const s = shop.shop.state();
    return s?.linked ? s.backlog : null;
  };
  const healthNow = () =>
    health({
      backup: backup.backups.status(),
      freeBytes: freeBytes(path.dirname(options.journalFile)),
      logBytes: f.dailyLog?.size() ?? 0,
      outboxDepth: outboxDepth(),
      unresolved: unresolvedCount({ journal, checkout: payments.checkout, terminal: payments.terminal }),
      lastUpdateCheck: lastUpdateCheck(),
      now: f.now(),
    });
  const bundle = () =>
    supportBundle({
      appVersion: options.appVersion ?? 'development build',
      counter: f.invoicePrefix,
      mode: () => helcim.mode(),
      now: f.now,
      settings: () =>
        Object.fromEntries(
          (db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[]).map(
            (r) => [r.key, r.value],
          ),
        ),
      logs: f.dailyLog,
      journalCounts: () =>
        Object.fromEntries(
          (
            db.prepare("SELECT kind || ' ' || state AS k, COUNT(*) AS n FROM attempts GROUP BY kind, state").all() as {
              k: string;
              n: number;
            }[]
          ).map((r) => [r.k, r.n]),
        ),
      unresolved: () =>
        journal.unresolved().map((a) => ({
          id: a.id,
          kind: a.kind,
          amountCents: a.amountCents,
          state: a.state,
          createdAt: a.createdAt,
          mode: a.mode,
        })),
      audit: () => ({ atStart: AuditLog.words(f.auditCheck), now: AuditLog.words(f.audit.verify()) }),
      integrity: () => String(db.pragma('integrity_check', { simple: true })),
      printer: () => hardware.printer.config(),
      terminal: () => ({ paired: settings.get('terminal.code') }),
      shopDatabase: () => shop.shop.state(),
      connectionTests: () => ({
        sales: { level: settings.get('helcim.level.sales'), report: settings.get('helcim.report.sales') },
        admin: { level: settings.get('helcim.level.admin'), report: settings.get('helcim.report.admin') },
      }),
      backups: () => ({ status: backup.backups.status(), files: backup.backups.files() }),
      crashDir: options.crashDir ?? null,
      redactor: f.redactor,
      health: healthNow,
    });
  return {
    handlers: supportHandlers({
      health: healthNow,
      bundle,
      counter: f.invoicePrefix,
      now: f.now,
      output: f.output,
      audit: f.record,
    }),
  };
}
