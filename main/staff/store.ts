/**
 * Staff accounts in the app database: names, roles, hashed PINs, lockout state. No PIN is ever
 * stored or logged in the clear. Who did what is recorded by the audit trail (main/journal/audit.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Role, StaffRecord } from '../../common/contract';
import type { Db } from '../db';
import { PosError } from '../errors';
import type { Locale } from '../../common/i18n';
import { hashPin, needsRehash, verifyPin } from './pin';
import { checkStaffName, nameKey } from './names';
import { Sealer } from '../seal';

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
`;

/**
 * A manager's PIN typed into a cashier's override prompt has its own miss counter and lock, so a
 * cashier cannot lock a manager out of signing in, and the
 * misses since the manager last signed in are kept to tell them.
 */
const OVERRIDE_COLUMNS: [string, string][] = [
  ['override_failed_count', 'INTEGER NOT NULL DEFAULT 0'],
  ['override_locked_until', 'INTEGER NOT NULL DEFAULT 0'],
  ['override_misses_unseen', 'INTEGER NOT NULL DEFAULT 0'],
  // Each staff member's own language for the counter's screens (null: the shop's), applied at sign-in.
  ['language', "TEXT CHECK (language IS NULL OR language IN ('en-CA','fr-CA'))"],
  // Each row's seal (main/staff/seal.ts): a row written outside the app does not match it.
  ['seal', 'TEXT'],
];

/** What a PIN is being typed for: each has its own miss counter and lockout. */
export type PinPurpose = 'sign_in' | 'override';

/** A staff member as every counter of a shop shares them. */
export type SharedStaff = {
  id: string;
  name: string;
  name_key: string;
  role: Role;
  pin_hash: string;
  active: boolean;
  language: Locale | null;
  created_at: string;
  updated_at: string;
  /** The row's seal under the shop's key (see main/staff/seal.ts); null on rows from before seals. */
  seal: string | null;
};
const COUNTERS: Record<PinPurpose, { failed: string; locked: string }> = {
  sign_in: { failed: 'failed_count', locked: 'locked_until' },
  override: { failed: 'override_failed_count', locked: 'override_locked_until' },
};

type Row = {
  id: string;
  name: string;
  role: Role;
  pin_hash: string;
  active: number;
  failed_count: number;
  locked_until: number;
  override_locked_until: number;
  override_misses_unseen: number;
  language: Locale | null;
  name_key: string;
  updated_at: string;
  seal: string | null;
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
    throw new PosError('invalid_payload', 'error.pin.length', { role, min });
  if (/^(\d)\1+$/.test(pin) || '01234567890123'.includes(pin) || '98765432109876'.includes(pin))
    throw new PosError('invalid_payload', 'error.pin.easy');
}

export class StaffStore {
  /** One PIN check per staff member at a time: parallel guesses queue behind each other. */
  private readonly checking = new Map<string, Promise<unknown>>();

  private readonly now: () => number;
  private pepper: Buffer;
  private seals: Sealer;
  /** Set once every row of this database is sealed (the keychain remembers it): an unsealed row is then refused too. */
  private sealsRequired = false;
  private readonly onTampered: (id: string, why: string) => void;

  /** The pepper comes from the keychain, bound to this database (main/vault/database-keys.ts). */
  constructor(
    private readonly db: Db,
    keys: { pepper: Buffer; now?: () => number; onTampered?: (id: string, why: string) => void },
  ) {
    this.now = keys.now ?? Date.now;
    this.pepper = keys.pepper;
    this.seals = new Sealer(keys.pepper);
    this.onTampered = keys.onTampered ?? (() => {});
    db.exec(SCHEMA);
    const have = new Set((db.prepare('PRAGMA table_info(staff)').all() as { name: string }[]).map((c) => c.name));
    for (const [col, type] of OVERRIDE_COLUMNS)
      if (!have.has(col)) db.exec(`ALTER TABLE staff ADD COLUMN ${col} ${type}`);
    this.rekeyNames();
  }

  /** Databases from before look-alike checks keyed names by lower case only: move them to skeleton keys. */
  private rekeyNames(): void {
    const rows = this.db.prepare('SELECT id, name, name_key FROM staff').all() as {
      id: string;
      name: string;
      name_key: string;
    }[];
    for (const r of rows) {
      const key = nameKey(r.name);
      if (key === r.name_key) continue;
      // Two old names that already look alike keep their old keys; a manager can rename one.
      if (!this.db.prepare('SELECT 1 FROM staff WHERE name_key = ?').get(key))
        this.db.prepare('UPDATE staff SET name_key = ? WHERE id = ?').run(key, r.id);
    }
  }

  /**
   * A counter linked to a shop database hashes and checks PINs with the shop's pepper (from this PC's
   * keychain; see main/shop/link-code.ts), so a PIN set at one counter works at every counter.
   */
  usePepper(pepper: Buffer): void {
    this.pepper = pepper;
    this.seals = new Sealer(pepper);
  }

  /** The seals of this counter's rows and settings (the shop's key at a linked counter). */
  sealer(): Sealer {
    return this.seals;
  }

  /**
   * Rows from before seals are sealed once per database, as they are (an unpeppered hash among them
   * then keeps working until its next sign-in rewrites it); the keychain remembers it was done, so a row
   * written into the file later without a seal — or with a legacy hash — is refused, never sealed.
   */
  async sealOnce(keychain: {
    secret(name: 'staff-sealed'): Promise<string | null>;
    setSecret(name: 'staff-sealed', value: string): Promise<void>;
  }): Promise<void> {
    if ((await keychain.secret('staff-sealed')) !== '1') {
      for (const { id } of this.db.prepare('SELECT id FROM staff WHERE seal IS NULL').all() as { id: string }[])
        this.reseal(id);
      await keychain.setSecret('staff-sealed', '1');
    }
    this.sealsRequired = true;
  }

  private reseal(id: string): void {
    const r = this.sharedRow(id);
    if (r) this.db.prepare('UPDATE staff SET seal = ? WHERE id = ?').run(this.seals.staff(r), id);
  }

  /** Why this row's seal does not hold (written outside the app, or for another account or role), or null. */
  private sealProblem(r: SharedStaff): string | null {
    if (r.seal === null) return this.sealsRequired ? 'row has no seal' : null;
    return Sealer.matches(r.seal, this.seals.staff(r)) ? null : 'seal does not match the row';
  }

  /** What the shop database holds of a staff member (never the per-counter lockout counters). */
  sharedRow(id: string): SharedStaff | null {
    const r = this.db
      .prepare(
        'SELECT id, name, name_key, role, pin_hash, active, language, created_at, updated_at, seal FROM staff WHERE id = ?',
      )
      .get(id) as (Omit<SharedStaff, 'active'> & { active: number }) | undefined;
    return r ? { ...r, active: r.active === 1 } : null;
  }

  sharedRows(): SharedStaff[] {
    return (this.db.prepare('SELECT id FROM staff').all() as { id: string }[]).map((r) => this.sharedRow(r.id)!);
  }

  /**
   * The shop's staff, as the shop database says, into this counter's copy (used to sign in while the
   * shop database is down). `only`: the copy becomes exactly these rows (a counter joining a shop).
   * Returns who can no longer sign in, so their sessions here end at once.
   */
  applyShared(
    rows: SharedStaff[],
    only = false,
    refuse: (row: SharedStaff, why: string) => void = () => {},
    restoring = false,
  ): string[] {
    const disabled: string[] = [];
    // The shop database is trusted with nothing: a row must carry a seal made with the shop's key (which
    // the database never holds), a peppered PIN hash, no older change than this counter already has, and
    // a name that passes the rules a name typed here passes. Anything else is refused and reported.
    rows = rows.filter((r) => {
      const why = this.pulledProblem(r, restoring);
      if (why) refuse(r, why);
      return !why;
    });
    this.db.transaction(() => {
      if (only) {
        const keep = new Set(rows.map((r) => r.id));
        for (const { id } of this.db.prepare('SELECT id FROM staff').all() as { id: string }[])
          if (!keep.has(id)) {
            this.db.prepare('DELETE FROM staff WHERE id = ?').run(id);
            disabled.push(id);
          }
      }
      for (const r of rows) {
        const before = this.record(r.id);
        // A name the shop now gives someone else: this copy follows the shop (its key is unique here too).
        this.db.prepare('DELETE FROM staff WHERE name_key = ? AND id <> ?').run(r.name_key, r.id);
        this.db
          .prepare(
            `INSERT INTO staff (id, name, name_key, role, pin_hash, active, language, created_at, updated_at, seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, role = excluded.role, active = excluded.active,
               language = excluded.language, updated_at = excluded.updated_at, seal = excluded.seal,
               pin_hash = excluded.pin_hash,
               -- A new PIN clears this counter's lockout, as a reset here does.
               failed_count = CASE WHEN staff.pin_hash = excluded.pin_hash THEN staff.failed_count ELSE 0 END,
               locked_until = CASE WHEN staff.pin_hash = excluded.pin_hash THEN staff.locked_until ELSE 0 END`,
          )
          .run(
            r.id,
            r.name,
            r.name_key,
            r.role,
            r.pin_hash,
            r.active ? 1 : 0,
            r.language,
            r.created_at,
            r.updated_at,
            r.seal,
          );
        if (before?.active && !r.active) disabled.push(r.id);
      }
    })();
    return disabled;
  }

  /** Why a row from the shop database (or a restore of this counter's own) cannot be taken, or null. */
  private pulledProblem(r: SharedStaff, restoring: boolean): string | null {
    const name = sharedNameProblem(r);
    if (name) return name;
    if (!r.pin_hash.startsWith('scrypt2$')) return 'PIN hash is not peppered';
    if (r.seal === null || !Sealer.matches(r.seal, this.seals.staff(r))) return 'seal does not match the row';
    const mine = this.sharedRow(r.id);
    if (!restoring && mine && mine.updated_at > r.updated_at) return 'older than this counter’s copy (a replayed row)';
    return null;
  }

  /** Undoes a local change the shop database refused: the row as it was, or gone if it was new. */
  restore(id: string, before: SharedStaff | null): void {
    if (before) this.applyShared([before], false, undefined, true);
    else this.db.prepare('DELETE FROM staff WHERE id = ?').run(id);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n;
  }

  async create(name: string, role: Role, pin: string): Promise<StaffRecord> {
    const clean = checkStaffName(name);
    checkPinRule(pin, role);
    // The key is the name's confusable skeleton: "Morgan" and "Mοrgan" (Greek omicron) collide.
    const key = nameKey(clean);
    const taken = this.db.prepare('SELECT name FROM staff WHERE name_key = ?').get(key) as { name: string } | undefined;
    if (taken)
      throw taken.name === clean
        ? new PosError('invalid_payload', 'error.staff.nameTaken', { name: clean })
        : new PosError('invalid_payload', 'error.staff.nameLookalike', { name: taken.name });
    const id = randomUUID();
    const at = new Date(this.now()).toISOString();
    const hash = await hashPin(pin, this.pepper);
    this.db
      .prepare(
        'INSERT INTO staff (id, name, name_key, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, clean, key, role, hash, at, at);
    this.reseal(id);
    return this.record(id)!;
  }

  record(id: string): StaffRecord | null {
    const r = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as Row | undefined;
    return r ? this.toRecord(r) : null;
  }

  /** A staff member's own language (null: the shop's). */
  setLanguage(id: string, language: Locale | null): StaffRecord | null {
    this.db
      .prepare('UPDATE staff SET language = ?, updated_at = ? WHERE id = ?')
      .run(language, new Date(this.now()).toISOString(), id);
    this.reseal(id);
    return this.record(id);
  }

  list(): StaffRecord[] {
    return (this.db.prepare('SELECT * FROM staff ORDER BY role DESC, name_key').all() as Row[]).map((r) =>
      this.toRecord(r),
    );
  }

  /**
   * Checks a PIN, counting misses per purpose and locking after MAX_FAILED_PINS. The attempt is
   * counted as a miss in one atomic UPDATE before the (slow) hash check, and checks for one person
   * run one at a time, so parallel guesses each count and none gets past a lock.
   */
  verify(id: string, pin: string, purpose: PinPurpose = 'sign_in'): Promise<StaffRecord> {
    const previous = this.checking.get(id) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.verifyNow(id, pin, purpose));
    const settled = mine.catch(() => undefined);
    this.checking.set(id, settled);
    // Stryker disable next-line BlockStatement,ConditionalExpression: equivalent in outcome — frees the memory of a finished check; a later one waits on it either way.
    void settled.then(() => {
      // Stryker disable next-line ConditionalExpression: see above.
      if (this.checking.get(id) === settled) this.checking.delete(id);
    });
    return mine;
  }

  private async verifyNow(id: string, pin: string, purpose: PinPurpose): Promise<StaffRecord> {
    const { failed, locked } = COUNTERS[purpose];
    const r = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new PosError('forbidden', 'error.staff.cannotSignIn');
    // A row changed outside the app (a known PIN hash set in the file, a cashier made manager): refused, reported.
    const tampered = this.sealProblem(this.sharedRow(id)!);
    if (tampered) {
      this.onTampered(id, tampered);
      throw new PosError('forbidden', 'error.staff.tampered');
    }
    if (!r.active) throw new PosError('forbidden', 'error.staff.cannotSignIn');
    const now = this.now();
    const counted = this.db
      .prepare(
        `UPDATE staff SET ${failed} = ${failed} + 1 WHERE id = ? AND ${locked} <= ? RETURNING ${failed} AS misses`,
      )
      .get(id, now) as { misses: number } | undefined;
    if (!counted) {
      if (purpose === 'override') this.noteOverrideMiss(id);
      const until = (this.db.prepare(`SELECT ${locked} AS until FROM staff WHERE id = ?`).get(id) as { until: number })
        .until;
      throw new PosError('locked', 'error.pin.lockedFor', { seconds: Math.ceil((until - now) / 1000) });
    }
    // Hash even obviously wrong input, so timing says nothing about the PIN's shape.
    const ok = await verifyPin(pin.slice(0, 12), r.pin_hash, this.pepper);
    if (ok) {
      this.db.prepare(`UPDATE staff SET ${failed} = 0, ${locked} = 0 WHERE id = ?`).run(id);
      if (needsRehash(r.pin_hash)) {
        this.db
          .prepare('UPDATE staff SET pin_hash = ? WHERE id = ?')
          // Stryker disable next-line MethodExpression: equivalent — the bridge takes PINs of 12 digits at most; the cut bounds the hashing work.
          .run(await hashPin(pin.slice(0, 12), this.pepper), id);
        this.reseal(id);
      }
      return this.record(id)!;
    }
    const lock = lockoutFor(counted.misses);
    // Stryker disable next-line ConditionalExpression: equivalent — with no lock due, "locked until now" locks nothing.
    if (lock) this.db.prepare(`UPDATE staff SET ${locked} = ? WHERE id = ?`).run(now + lock, id);
    if (purpose === 'override') this.noteOverrideMiss(id);
    const left = MAX_FAILED_PINS - counted.misses;
    throw lock
      ? new PosError('locked', 'error.pin.lockedNow', { seconds: Math.ceil(lock / 1000) })
      : new PosError('wrong_pin', 'error.pin.wrong', { left });
  }

  private noteOverrideMiss(id: string): void {
    this.db.prepare('UPDATE staff SET override_misses_unseen = override_misses_unseen + 1 WHERE id = ?').run(id);
  }

  /** Refused PIN attempts in override prompts for this manager since they last looked; resets the count. */
  takeOverrideMisses(id: string): number {
    const r = this.db.prepare('SELECT override_misses_unseen AS n FROM staff WHERE id = ?').get(id) as
      { n: number } | undefined;
    if (r?.n) this.db.prepare('UPDATE staff SET override_misses_unseen = 0 WHERE id = ?').run(id);
    return r?.n ?? 0;
  }

  setActive(id: string, active: boolean): StaffRecord {
    const r = this.record(id);
    if (!r) throw new PosError('invalid_payload', 'error.staff.noSuch');
    if (!active && r.role === 'manager' && r.active && this.activeManagers() <= 1)
      throw new PosError('invalid_payload', 'error.staff.lastManager');
    this.db
      .prepare('UPDATE staff SET active = ?, updated_at = ? WHERE id = ?')
      .run(active ? 1 : 0, new Date(this.now()).toISOString(), id);
    this.reseal(id);
    return this.record(id)!;
  }

  async resetPin(id: string, pin: string): Promise<StaffRecord> {
    const r = this.record(id);
    if (!r) throw new PosError('invalid_payload', 'error.staff.noSuch');
    checkPinRule(pin, r.role);
    const hash = await hashPin(pin, this.pepper);
    this.db
      .prepare(
        'UPDATE staff SET pin_hash = ?, failed_count = 0, locked_until = 0, override_failed_count = 0, override_locked_until = 0, updated_at = ? WHERE id = ?',
      )
      .run(hash, new Date(this.now()).toISOString(), id);
    this.reseal(id);
    return this.record(id)!;
  }

  private activeManagers(): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM staff WHERE role = 'manager' AND active = 1").get() as { n: number }
    ).n;
  }

  private toRecord(r: Row): StaffRecord {
    return {
      id: r.id,
      name: r.name,
      role: r.role,
      active: r.active === 1,
      locked: r.locked_until > this.now(),
      language: r.language,
    };
  }
}

/** Why a staff row from the shop database cannot be taken (its name breaks the name rules), or null. */
function sharedNameProblem(r: SharedStaff): string | null {
  try {
    const clean = checkStaffName(r.name);
    if (clean !== r.name) return 'name not in its stored form';
    if (nameKey(clean) !== r.name_key) return 'name key does not match the name';
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : 'name refused';
  }
}
