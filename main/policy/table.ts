/**
 * The permission table: staff role x operation x Helcim token capability. This is the one place
 * these rules live. The router enforces it before any service runs, and the renderer's
 * `capabilities` are computed from it, so the UI can never disagree with what main allows.
 */
import type { OperationName, Role } from '../../preload/contract';

/** Helcim "Transaction Processing" access restriction; each level includes the ones before it. */
export const TX_LEVELS = ['none', 'auth', 'positive', 'admin'] as const;
export type TxLevel = (typeof TX_LEVELS)[number];

/** Helcim's own names for the levels, for messages that tell a manager what to change. */
export const TX_LEVEL_LABEL: Record<TxLevel, string> = {
  none: 'None',
  auth: 'Auth (Verify, Preauth)',
  positive: 'Positive (Purchase, Capture)',
  admin: 'Admin (Reversal, Refund)',
};

export type TokenSlot = 'sales' | 'admin';

/** What the tokens in the keychain may do, as last established by main (null: no token). */
export type HelcimAccess = Record<TokenSlot, TxLevel | null>;

export type Rule = {
  /** Lowest staff role allowed; 'anyone' needs no sign-in. */
  role: 'anyone' | Role;
  /** Helcim capability the call needs, and which token it is made with. */
  helcim?: { token: TokenSlot; level: TxLevel };
};

export const POLICY: Record<OperationName, Rule> = {
  'app.status': { role: 'anyone' },
  'purchase.start': { role: 'cashier', helcim: { token: 'sales', level: 'positive' } },
  'verify.start': { role: 'cashier', helcim: { token: 'sales', level: 'auth' } },
  // Finishing needs no new Helcim call of its own; the attempt is bound to the session that started it.
  'checkout.finish': { role: 'cashier' },
};

const ROLE_RANK: Record<'anyone' | Role, number> = { anyone: 0, cashier: 1, manager: 2 };

export const levelAtLeast = (have: TxLevel | null, need: TxLevel): boolean =>
  have !== null && TX_LEVELS.indexOf(have) >= TX_LEVELS.indexOf(need);

/**
 * The token a rule's call is made with. A shop may keep one Admin token for everything; then the
 * sales slot falls back to it (issue 4 adds the warning about what that exposes).
 */
export function tokenFor(slot: TokenSlot, access: HelcimAccess): { slot: TokenSlot; level: TxLevel } | null {
  const own = access[slot];
  if (own !== null) return { slot, level: own };
  if (slot === 'sales' && access.admin !== null) return { slot: 'admin', level: access.admin };
  return null;
}

export type Decision =
  | { allowed: true; token?: TokenSlot }
  | { allowed: false; code: 'not_signed_in' | 'forbidden' | 'token_missing' | 'token_insufficient'; message: string };

export function decide(op: OperationName, role: Role | null, access: HelcimAccess): Decision {
  const rule = POLICY[op];
  if (rule.role !== 'anyone') {
    if (role === null) return { allowed: false, code: 'not_signed_in', message: 'Sign in first.' };
    if (ROLE_RANK[role] < ROLE_RANK[rule.role])
      return { allowed: false, code: 'forbidden', message: `Only a ${rule.role} may do this.` };
  }
  if (!rule.helcim) return { allowed: true };
  const token = tokenFor(rule.helcim.token, access);
  if (!token)
    return {
      allowed: false,
      code: 'token_missing',
      message: `No Helcim ${rule.helcim.token} token is set up. A manager can add one in Settings.`,
    };
  if (!levelAtLeast(token.level, rule.helcim.level))
    return {
      allowed: false,
      code: 'token_insufficient',
      message:
        `The Helcim ${token.slot} token is not allowed to do this. In Helcim, open All Tools → Integrations → ` +
        `API Access Configuration and set its Transaction Processing restriction to ${TX_LEVEL_LABEL[rule.helcim.level]} or higher.`,
    };
  return { allowed: true, token: token.slot };
}

export function capabilitiesFor(role: Role | null, access: HelcimAccess): Record<OperationName, boolean> {
  return Object.fromEntries(
    (Object.keys(POLICY) as OperationName[]).map((op) => [op, decide(op, role, access).allowed]),
  ) as Record<OperationName, boolean>;
}
