/**
 * The manager's Health card: each thing that needs a person, with the figure and whether it is red.
 * The limits are here, written out, so the card, the status bar and the support file agree.
 */
import { statfsSync } from 'node:fs';
import type { BackupStatus, HealthView } from '../../common/contract';

/** Red under this much free space where the database lives: a backup or a day of logs may not fit. */
export const LOW_DISK_BYTES = 1024 ** 3;
/** Red above this many rows waiting for the shop database (about an hour of a busy counter). */
export const OUTBOX_RED = 500;
/** Red when the logs take more than this (the cap is 5 MB a day for 14 days: something loops). */
export const LOGS_RED_BYTES = 50 * 1024 * 1024;
/** Red when no update check has answered for this long (set once updates are checked). */
export const UPDATE_CHECK_RED_MS = 3 * 24 * 60 * 60 * 1000;

export function freeBytes(folder: string): number | null {
  try {
    const s = statfsSync(folder);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

export function health(s: {
  backup: BackupStatus;
  /** Free space where the database lives (freeBytes), null: could not be read. */
  freeBytes: number | null;
  logBytes: number;
  outboxDepth: number | null;
  unresolved: number;
  lastUpdateCheck: string | null;
  now: number;
}): HealthView {
  const free = s.freeBytes;
  return {
    backup: { lastGoodAt: s.backup.lastGoodAt, problem: s.backup.problem, red: s.backup.problem !== 'none' },
    updateCheck: {
      at: s.lastUpdateCheck,
      red: s.lastUpdateCheck !== null && s.now - Date.parse(s.lastUpdateCheck) > UPDATE_CHECK_RED_MS,
    },
    disk: { freeBytes: free, red: free === null || free < LOW_DISK_BYTES },
    logs: { bytes: s.logBytes, red: s.logBytes > LOGS_RED_BYTES },
    outbox: { depth: s.outboxDepth, red: s.outboxDepth !== null && s.outboxDepth > OUTBOX_RED },
    unresolved: { count: s.unresolved, red: s.unresolved > 0 },
  };
}
