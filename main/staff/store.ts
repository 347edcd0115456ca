/**
 * Staff accounts in the app database: names, roles, hashed PINs, lockout state. No PIN is ever
 * stored or logged in the clear. The audit table records who did what (issue 5 chains it).
 */
import { randomUUID } from 'node:crypto';
import type { Role, StaffRecord } from '../../preload/contract';
import type { Db } from '../db';
import { PosError } from '../errors';
import { hashPin, verifyPin } from './pin';
import { AuditLog } from '../journal/audit';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('cashier','manager')),
  pin_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

type Row = {
  id: string; name: string; role: Role; pin_hash: string; active: number; failed_count: number; locked_until: number;
};

/** Wrong PINs allowed before a lockout, and the lockout that doubles after each further miss. */
export const MAX_FAILED_PINS = 5;
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 60 * 60_000;

export const lockoutFor = (failed: number): number =>
  failed < MAX_FAILED_PINS ? 0 : Math.min(FIRST_LOCKOUT_MS * 2 ** (failed - MAX_FAILED_PINS), MAX_LOCKOUT_MS);

export const pinRuleFor = (role: Role) => (role === 'manager' ? 6 : 4);

export function checkPinRule(pin: string, role: Role): void {
  const min = pinRuleFor(role);
  if (!new RegExp(`^\\d{${min},12}$`).test(pin))
    throw new PosError('invalid_payload', `A ${role} PIN is ${min} to 12 digits.`);
  if (/^(\d)\1+$/.test(pin) || '01234567890123'.includes(pin) || '98765432109876'.includes(pin))
    throw new PosError('invalid_payload', 'That PIN is too easy to guess (repeated or consecutive digits).');
}

export class StaffStore {
  readonly auditLog: AuditLog;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(SCHEMA);
    this.auditLog = new AuditLog(db, now);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n;
  }

  async create(name: string, role: Role, pin: string): Promise<StaffRecord> {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (clean.length < 1 || clean.length > 40) throw new PosError('invalid_payload', 'A name is 1 to 40 characters.');
    checkPinRule(pin, role);
    const key = clean.toLowerCase();
    if (this.db.prepare('SELECT 1 FROM staff WHERE name_key = ?').get(key))
      throw new PosError('invalid_payload', `There is already someone called ${clean}.`);
    const id = randomUUID();
    const at = new Date(this.now()).toISOString();
    const hash = await hashPin(pin);
    this.db
      .prepare('INSERT INTO staff (id, name, name_key, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, clean, key, role, hash, at, at);
    return this.record(id)!;
  }

  record(id: string): StaffRecord | null {
    const r = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as Row | undefined;
    return r ? this.toRecord(r) : null;
  }

  list(): StaffRecord[] {
    return (this.db.prepare('SELECT * FROM staff ORDER BY role DESC, name_key').all() as Row[]).map((r) => this.toRecord(r));
  }

  /** Checks a PIN, counting misses and locking the account after MAX_FAILED_PINS. */
  async verify(id: string, pin: string): Promise<StaffRecord> {
    const r = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as Row | undefined;
    if (!r || !r.active) throw new PosError('forbidden', 'That staff member cannot sign in.');
    const now = this.now();
    if (r.locked_until > now)
      throw new PosError('locked', `Too many wrong PINs. Try again in ${Math.ceil((r.locked_until - now) / 1000)} seconds.`);
    // Hash even obviously wrong input, so timing says nothing about the PIN's shape.
    const ok = await verifyPin(pin.slice(0, 12), r.pin_hash);
    if (ok) {
      this.db.prepare('UPDATE staff SET failed_count = 0, locked_until = 0 WHERE id = ?').run(id);
      return this.record(id)!;
    }
    const failed = r.failed_count + 1;
    const lock = lockoutFor(failed);
    this.db.prepare('UPDATE staff SET failed_count = ?, locked_until = ? WHERE id = ?').run(failed, lock ? now + lock : 0, id);
    throw lock
      ? new PosError('locked', `Wrong PIN. Too many tries: locked for ${Math.ceil(lock / 1000)} seconds.`)
      : new PosError('wrong_pin', `Wrong PIN. ${MAX_FAILED_PINS - failed} ${MAX_FAILED_PINS - failed === 1 ? 'try' : 'tries'} left before a lockout.`);
  }

  setActive(id: string, active: boolean): StaffRecord {
    const r = this.record(id);
    if (!r) throw new PosError('invalid_payload', 'No such staff member.');
    if (!active && r.role === 'manager' && r.active && this.activeManagers() <= 1)
      throw new PosError('invalid_payload', 'The last active manager cannot be disabled.');
    this.db.prepare('UPDATE staff SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, new Date(this.now()).toISOString(), id);
    return this.record(id)!;
  }

  async resetPin(id: string, pin: string): Promise<StaffRecord> {
    const r = this.record(id);
    if (!r) throw new PosError('invalid_payload', 'No such staff member.');
    checkPinRule(pin, r.role);
    const hash = await hashPin(pin);
    this.db
      .prepare('UPDATE staff SET pin_hash = ?, failed_count = 0, locked_until = 0, updated_at = ? WHERE id = ?')
      .run(hash, new Date(this.now()).toISOString(), id);
    return this.record(id)!;
  }

  audit(actor: string, action: string, detail: string): void {
    this.auditLog.append(actor, action, detail);
  }

  auditRows(): { actor: string; action: string; detail: string }[] {
    return this.auditLog.rows().map(({ actor, action, detail }) => ({ actor, action, detail }));
  }

  setting(key: string): string | null {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  private activeManagers(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM staff WHERE role = 'manager' AND active = 1").get() as { n: number }).n;
  }

  private toRecord(r: Row): StaffRecord {
    return { id: r.id, name: r.name, role: r.role, active: r.active === 1, locked: r.locked_until > this.now() };
  }
}
