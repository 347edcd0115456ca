/** 'app.status': what every screen shows — mode, who is signed in, Helcim's reachability, checks. */
import type { AppStatus, Currency, Mode, SessionView } from '../../common/contract';
import type { Handlers } from '../router';
import type { Session, SessionRegistry } from '../session';
import { AuditLog, type AuditCheck } from '../journal/audit';

export function statusHandlers(deps: {
  mode: () => Mode;
  currency: Currency;
  reachable: () => boolean | null;
  downSince: () => string | null;
  view: (s: Session) => SessionView;
  idleLockSeconds: () => number;
  unresolved: () => number;
  notices: () => string[];
  terminalCode: () => string | null;
  printer: () => AppStatus['printer'];
  shopLanguage: () => AppStatus['shopLanguage'];
  cashRounding: () => boolean;
  emailReceipts: () => boolean;
  halfPaidSales: () => AppStatus['halfPaidSales'];
  shopDatabase: () => AppStatus['shopDatabase'];
  backup: () => NonNullable<AppStatus['backup']>;
  sessions: SessionRegistry;
  /** Shown to managers only. */
  auditCheck: AuditCheck;
  /** The shop database's copy of this counter's audit trail, as last checked (null: not linked or not yet). */
  auditCopyCheck: () => AuditCheck | null;
}): Pick<Handlers, 'app.status'> {
  return {
    'app.status': async (_p, ctx): Promise<AppStatus> => ({
      mode: deps.mode(),
      currency: deps.currency,
      helcimReachable: deps.reachable(),
      helcimDownSince: deps.downSince(),
      session: ctx.session ? deps.view(ctx.session) : null,
      idleLockSeconds: deps.idleLockSeconds(),
      unresolved: deps.unresolved(),
      // Signed-in staff only: the sign-in screen shows nothing about sales.
      notices: ctx.session ? deps.notices() : [],
      terminalCode: deps.terminalCode(),
      printer: deps.printer(),
      shopLanguage: deps.shopLanguage(),
      cashRounding: deps.cashRounding(),
      emailReceipts: deps.emailReceipts(),
      halfPaidSales: ctx.session ? deps.halfPaidSales() : [],
      // Signed-in staff see whether the shop database is reached (a counter alone: null).
      shopDatabase: ctx.session ? deps.shopDatabase() : null,
      lockedReason: ctx.session ? null : deps.sessions.lockedReason(ctx.windowId),
      audit: ctx.session?.role === 'manager' ? AuditLog.words(deps.auditCheck, deps.auditCopyCheck()) : null,
      backup: ctx.session?.role === 'manager' ? deps.backup() : null,
    }),
  };
}
