/** The bridge handlers of the staff feature: sign-in, accounts, manager overrides (the idle lock's setting: settings/handlers.ts). */
import type { Handlers } from '../router';
import type { StaffService } from './service';

type StaffOps =
  | 'staff.roster'
  | 'staff.firstRun'
  | 'session.signIn'
  | 'session.signOut'
  | 'session.touch'
  | 'staff.list'
  | 'staff.add'
  | 'staff.setActive'
  | 'staff.resetPin'
  | 'staff.setLanguage'
  | 'override.approve';

export function staffHandlers(staff: StaffService): Pick<Handlers, StaffOps> {
  return {
    'staff.roster': async () => staff.roster(),
    'staff.firstRun': async (p, ctx) => staff.firstRun(ctx.windowId, p.name, p.pin),
    'session.signIn': async (p, ctx) => staff.signIn(ctx.windowId, p.staffId, p.pin),
    'session.signOut': async (_p, ctx) => staff.signOut(ctx.windowId),
    // The dispatcher has already counted the call as activity.
    'session.touch': async () => null,
    'staff.list': async () => staff.list(),
    'staff.add': async (p, ctx) => staff.add(ctx.session, p.name, p.role, p.pin),
    'staff.setActive': async (p, ctx) => staff.setActive(ctx.session, p.staffId, p.active),
    'staff.resetPin': async (p, ctx) => staff.resetPin(ctx.session, p.staffId, p.pin),
    'staff.setLanguage': async (p, ctx) => staff.setLanguage(ctx.session, p.staffId, p.language),
    'override.approve': async (p, ctx) =>
      staff.approveOverride(ctx.session, ctx.windowId, {
        action: p.action,
        // The contract gives each kind of number its own field (APPROVAL_SUBJECT); exactly one is here.
        subject: 'transactionId' in p ? p.transactionId : 'drawerSession' in p ? p.drawerSession : p.saleNumber,
        amountCents: p.amountCents,
        managerId: p.managerId,
        pin: p.pin,
        ...(p.lines ? { lines: p.lines } : {}),
      }),
  };
}
