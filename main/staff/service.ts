/**
 * Staff flows: first run, sign-in and sign-out, account management and manager overrides.
 * Every sign-in, failed PIN, override and account change is written to the audit table.
 */
import type { OverrideApproval, Roster, SessionView, StaffRecord, Role } from '../../common/contract';
import { PosError } from '../errors';
import { capabilitiesFor, type HelcimAccess } from '../policy/table';
import type { Session, SessionRegistry } from '../session';
import { linesKey, type ApprovalStore, type OverrideAction } from '../policy/approvals';
import type { StaffStore } from './store';
import type { AuditLog } from '../journal/audit';
import type { Settings } from '../settings/settings';
import type { Locale } from '../../common/i18n';
import { say } from '../language';

export class StaffService {
  constructor(
    private readonly store: StaffStore,
    private readonly sessions: SessionRegistry,
    private readonly approvals: ApprovalStore,
    private readonly access: () => HelcimAccess,
    private readonly audit: AuditLog,
    private readonly settings: Settings,
    /**
     * How an account change is written: at a counter linked to a shop database, into the shop
     * database too (main/shop/service.ts), undone here if it refuses; alone, just here.
     */
    private readonly shared: (
      staffId: string | null,
      change: () => Promise<StaffRecord> | StaffRecord,
    ) => Promise<StaffRecord> = async (_id, change) => change(),
  ) {}

  view(s: Session): SessionView {
    return {
      name: s.name,
      role: s.role,
      capabilities: capabilitiesFor(s.role, this.access()),
      notice: s.overrideMisses ? say('session.overrideMisses', { count: s.overrideMisses }) : null,
      locale: this.localeOf(s),
    };
  }

  /** The language someone is spoken to in: their own, else the shop's. Read at each call, so a change applies at once. */
  localeOf(s: Session | null): Locale {
    return (s && this.store.record(s.staffId)?.language) ?? this.settings.get('shop.language');
  }

  roster(): Roster {
    return {
      firstRun: this.store.count() === 0,
      staff: this.store
        .list()
        .filter((r) => r.active)
        .map(({ id, name, role }) => ({ id, name, role })),
    };
  }

  async firstRun(windowId: number, name: string, pin: string): Promise<SessionView> {
    if (this.store.count() > 0) throw new PosError('forbidden', 'error.staff.alreadySetUp');
    const r = await this.store.create(name, 'manager', pin);
    this.audit.record(r.id, 'staff.first_manager', r.name);
    return this.start(windowId, r);
  }

  async signIn(windowId: number, staffId: string, pin: string): Promise<SessionView> {
    try {
      const r = await this.store.verify(staffId, pin);
      this.audit.record(r.id, 'session.sign_in', `window ${windowId}`);
      return this.start(windowId, r);
    } catch (err) {
      this.audit.record(staffId, 'session.sign_in_failed', err instanceof PosError ? err.code : 'error');
      throw err;
    }
  }

  signOut(windowId: number): null {
    const s = this.sessions.get(windowId);
    if (s) this.audit.record(s.staffId, 'session.sign_out', `window ${windowId}`);
    this.sessions.signOut(windowId);
    return null;
  }

  list(): StaffRecord[] {
    return this.store.list();
  }

  async add(actor: Session, name: string, role: Role, pin: string): Promise<StaffRecord> {
    const r = await this.shared(null, () => this.store.create(name, role, pin));
    this.audit.record(actor.staffId, 'staff.add', `${r.id} ${r.role}`);
    return r;
  }

  async setActive(actor: Session, staffId: string, active: boolean): Promise<StaffRecord> {
    if (!active && staffId === actor.staffId) throw new PosError('invalid_payload', 'error.staff.notYourself');
    const r = await this.shared(staffId, () => this.store.setActive(staffId, active));
    // Stryker disable next-line ConditionalExpression: equivalent — someone being enabled was disabled, so has no session to end.
    if (!active) this.sessions.signOutStaff(staffId);
    this.audit.record(actor.staffId, active ? 'staff.enable' : 'staff.disable', staffId);
    return r;
  }

  async resetPin(actor: Session, staffId: string, pin: string): Promise<StaffRecord> {
    const r = await this.shared(staffId, () => this.store.resetPin(staffId, pin));
    this.audit.record(actor.staffId, 'staff.reset_pin', staffId);
    return r;
  }

  /** A staff member's own language (null: the shop's); their screens switch at the next status. */
  async setLanguage(actor: Session, staffId: string, language: Locale | null): Promise<StaffRecord> {
    const r = await this.shared(staffId, () => {
      const changed = this.store.setLanguage(staffId, language);
      if (!changed) throw new PosError('invalid_payload', 'error.staff.noSuch');
      return changed;
    });
    this.audit.record(actor.staffId, 'staff.language', `${staffId} ${language ?? 'shop'}`);
    return r;
  }

  idleLockSeconds(): number {
    return this.settings.get('idle_lock_seconds');
  }

  /**
   * A manager types their PIN at this counter: for an override, or for one change that is not money
   * (an item added while a cashier is signed in). Returns the manager, for the audit.
   */
  async confirmManager(
    cashier: Session,
    what: string,
    managerId: string,
    pin: string,
  ): Promise<{ id: string; name: string }> {
    const manager = this.store.record(managerId);
    if (!manager || manager.role !== 'manager' || !manager.active) {
      this.audit.record(cashier.staffId, 'override.refused', `${what}: not a manager`);
      throw new PosError('forbidden', 'error.approval.activeManager');
    }
    try {
      // The override prompt has its own miss counter: a cashier typing wrong PINs here locks this
      // manager's overrides for a while, never the manager's own sign-in.
      await this.store.verify(manager.id, pin, 'override');
    } catch (err) {
      this.audit.record(
        cashier.staffId,
        'override.refused',
        `${what}: ${err instanceof PosError ? err.code : 'error'} for ${manager.id}`,
      );
      throw err;
    }
    return manager;
  }

  /** A manager types their PIN at this counter for one refund or void. */
  async approveOverride(
    cashier: Session,
    windowId: number,
    p: {
      action: OverrideAction;
      subject: string;
      amountCents: number;
      managerId: string;
      pin: string;
      lines?: readonly { position: number; quantityMilli: number }[];
    },
  ): Promise<OverrideApproval> {
    const manager = await this.confirmManager(cashier, `${p.action} ${p.subject}`, p.managerId, p.pin);
    const a = this.approvals.issue({
      action: p.action,
      subject: p.subject,
      amountCents: p.amountCents,
      lines: linesKey(p.lines),
      cashierId: cashier.staffId,
      windowId,
      managerId: manager.id,
      managerName: manager.name,
    });
    this.audit.record(
      cashier.staffId,
      'override.approved',
      `${p.action} ${p.subject} ${p.amountCents}${p.lines ? ` lines ${linesKey(p.lines)}` : ''} by ${manager.id}`,
    );
    return { approvalId: a.id, expiresAt: new Date(a.expiresAt).toISOString(), managerName: manager.name };
  }

  private start(windowId: number, r: StaffRecord): SessionView {
    const misses = this.store.takeOverrideMisses(r.id);
    const session: Session = {
      staffId: r.id,
      name: r.name,
      role: r.role,
      ...(misses ? { overrideMisses: misses } : {}),
    };
    this.sessions.signIn(windowId, session);
    return this.view(session);
  }
}
