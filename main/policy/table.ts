/**
 * The permission table: staff role x operation x Helcim token capability. This is the one place
 * these rules live. The router enforces it before any service runs, and the renderer's
 * `capabilities` are computed from it, so the UI can never disagree with what main allows.
 */
import type { OperationName, Role } from '../../common/contract';
import { PosError } from '../errors';
import type { OverrideAction } from './approvals';

import { TX_LEVELS, type TokenSlot, type TxLevel } from '../../common/limits';
import type { MessageKey, MessageValues } from '../../common/i18n';
export { TX_LEVELS, type TokenSlot, type TxLevel };

/** Helcim's own names for the levels, for messages that tell a manager what to change. */
export const TX_LEVEL_LABEL: Record<TxLevel, string> = {
  none: 'None',
  auth: 'Auth (Verify, Preauth)',
  positive: 'Positive (Purchase, Capture)',
  admin: 'Admin (Reversal, Refund)',
};

/** Which token a call uses: a slot, or `lookup` (the admin token if set, else the sales token). */
export type TokenUse = TokenSlot | 'lookup';

/** What the tokens in the keychain may do, as last established by main (null: no token). */
export type HelcimAccess = Record<TokenSlot, TxLevel | null>;

export type Rule = {
  /** Lowest staff role allowed; 'anyone' needs no sign-in. */
  role: 'anyone' | Role;
  /** Helcim capability the call needs, and which token it is made with. */
  helcim?: { token: TokenUse; level: TxLevel };
  /**
   * Needs a manager's override for this one operation: a single-use approval, bound to the
   * transaction, the amount and the cashier, that a manager issued by typing their PIN here.
   */
  override?: OverrideAction;
};

export const POLICY = {
  'app.status': { role: 'anyone' },
  // The sign-in screen: names and roles only; the PIN check itself is the gate.
  'staff.roster': { role: 'anyone' },
  // Only while no staff exist at all (the service refuses otherwise).
  'staff.firstRun': { role: 'anyone' },
  // Likewise only on a fresh install: no staff and no payments (main/backup/restore.ts refuses otherwise).
  'backup.restore': { role: 'anyone' },
  'session.signIn': { role: 'anyone' },
  'session.signOut': { role: 'anyone' },
  'session.touch': { role: 'cashier' },
  'staff.list': { role: 'manager' },
  'staff.add': { role: 'manager' },
  'staff.setActive': { role: 'manager' },
  'staff.resetPin': { role: 'manager' },
  'staff.setLanguage': { role: 'manager' },
  'settings.setIdleLock': { role: 'manager' },
  'purchase.start': { role: 'cashier', helcim: { token: 'sales', level: 'positive' } },
  'verify.start': { role: 'cashier', helcim: { token: 'sales', level: 'auth' } },
  // A hold (deposit, rental, tab): Helcim's Auth level covers Verify and Preauth.
  'preauth.start': { role: 'cashier', helcim: { token: 'sales', level: 'auth' } },
  // Finishing needs no sign-in: the attempt is bound to the window that opened it and a result to its
  // hash, so a customer's approval still lands if the session ended meanwhile (CheckoutService).
  'checkout.finish': { role: 'anyone' },
  'transactions.search': { role: 'cashier', helcim: { token: 'lookup', level: 'auth' } },
  // A cashier asks; the manager's PIN in the payload is what the service checks. No Helcim token: a
  // paid-out or a cash refund needs a manager when Helcim is unreachable too, and an approval alone
  // moves nothing — each operation it is for is gated by its own row (a void still needs Admin).
  'override.approve': { role: 'cashier' },
  'refund.submit': { role: 'cashier', helcim: { token: 'admin', level: 'admin' }, override: 'refund' },
  'reverse.submit': { role: 'cashier', helcim: { token: 'admin', level: 'admin' }, override: 'reverse' },
  // Holds: seeing them is a lookup; capturing takes money as a sale does (Positive, the sales token);
  // releasing one is a reverse (Admin) and, like a void, needs a manager at the counter.
  // The card-present sale (Positive, the sales token). Checking and "customer cancelled" are bound to
  // the window that started it, like checkout.finish, so a result still lands after a sign-out.
  'terminal.start': { role: 'cashier', helcim: { token: 'sales', level: 'positive' } },
  // Cash needs no Helcim token at all: it goes on when Helcim is unreachable.
  'cash.sale': { role: 'cashier' },
  // Cash handed back from the drawer: a manager at the counter, as for a card refund.
  'cash.refund': { role: 'cashier', override: 'cash_refund' },
  // A sale and its tenders. Abandoning one with money taken gives it all back: a manager at the
  // counter. Its card parts are voided with the token and level `reverse.submit` needs (checked then).
  'sale.open': { role: 'cashier' },
  'sale.get': { role: 'cashier' },
  'sale.discard': { role: 'cashier' },
  'sale.abandon': { role: 'cashier', override: 'abandon' },
  // The drawer: a cashier opens and counts it; money in or out of it needs a manager at the counter.
  'drawer.status': { role: 'cashier' },
  'drawer.open': { role: 'cashier', override: 'float' },
  'drawer.payIn': { role: 'cashier', override: 'paid_in' },
  'drawer.payOut': { role: 'cashier', override: 'paid_out' },
  'drawer.close': { role: 'cashier' },
  'settings.setBlindClose': { role: 'manager' },
  'terminal.check': { role: 'anyone', helcim: { token: 'lookup', level: 'auth' } },
  'terminal.cancel': { role: 'anyone', helcim: { token: 'lookup', level: 'auth' } },
  // Pairing is a manager's job. Listing and pinging devices need General Read + Settings Read, which
  // the Transaction Processing ladder does not express: any stored token may try, Helcim's answer says.
  'terminal.devices': { role: 'manager', helcim: { token: 'lookup', level: 'none' } },
  'terminal.pair': { role: 'manager', helcim: { token: 'lookup', level: 'none' } },
  'terminal.unpair': { role: 'manager' },
  'holds.list': { role: 'cashier', helcim: { token: 'lookup', level: 'auth' } },
  'capture.submit': { role: 'cashier', helcim: { token: 'sales', level: 'positive' } },
  'release.submit': { role: 'cashier', helcim: { token: 'admin', level: 'admin' }, override: 'release' },
  // Token setup is a manager's job; the connection test itself decides what a token may do.
  'helcim.status': { role: 'manager' },
  'helcim.saveToken': { role: 'manager' },
  'helcim.testToken': { role: 'manager' },
  'helcim.removeToken': { role: 'manager' },
  'helcim.setMode': { role: 'manager' },
  'helcim.setCheckoutHost': { role: 'manager' },
  // History merges our journal with Helcim's list; receipts come from the journal alone.
  'history.search': { role: 'cashier', helcim: { token: 'lookup', level: 'auth' } },
  'receipt.get': { role: 'cashier' },
  'receipt.print': { role: 'cashier' },
  // The receipt printer: a manager sets it up; opening the drawer with no sale is a manager's (audited).
  'printer.get': { role: 'manager' },
  'printer.configure': { role: 'manager' },
  'printer.testPage': { role: 'manager' },
  // The customer display (a second screen): a manager turns it on and picks the screen.
  // The shop's language: receipts and the customer display start in it (a manager's).
  'settings.setLanguage': { role: 'manager' },
  // The shop's sales tax: where it is, whether prices include it, its registration numbers (a manager's).
  'settings.tax': { role: 'manager' },
  'settings.setTax': { role: 'manager' },
  'display.get': { role: 'manager' },
  'display.configure': { role: 'manager' },
  // What the customer sees while the cashier types an amount (no money moves).
  'display.typed': { role: 'cashier' },
  'drawer.kick': { role: 'manager' },
  'receipt.savePdf': { role: 'cashier' },
  // End of day: reconciled against Helcim's list.
  'report.x': { role: 'manager', helcim: { token: 'lookup', level: 'auth' } },
  'report.z': { role: 'manager', helcim: { token: 'lookup', level: 'auth' } },
  'report.export': { role: 'manager' },
  'shop.get': { role: 'manager' },
  'shop.link': { role: 'manager' },
  'shop.newLinkCode': { role: 'manager' },
  'shop.probe': { role: 'manager' },
  'report.shop': { role: 'manager' },
  'report.shopZ': { role: 'manager' },
  'history.shop': { role: 'manager' },
  // Cashiers sell from the catalog (search, scan); only managers change it.
  // A discount above the cashier's limit consumes a manager's approval inside the cart (main/cart/cart.ts):
  // the row cannot demand one, since most carts have no discount, or one within the limit.
  'sale.cart': { role: 'cashier' },
  'sale.discountQuote': { role: 'cashier' },
  // Cashiers read the reasons to pick from; managers keep the list and the limit.
  'settings.discounts': { role: 'cashier' },
  'settings.setDiscounts': { role: 'manager' },
  // The shop's mail server is a manager's; any cashier emails a customer's receipt and sees where it stands.
  'mail.get': { role: 'manager' },
  'mail.configure': { role: 'manager' },
  'backup.status': { role: 'manager' },
  'backup.setPassphrase': { role: 'manager' },
  'backup.setFolder': { role: 'manager' },
  'backup.now': { role: 'manager' },
  'health.get': { role: 'manager' },
  'support.save': { role: 'manager' },
  'updates.get': { role: 'manager' },
  'updates.setFeed': { role: 'manager' },
  'mail.test': { role: 'manager' },
  'receipt.email': { role: 'cashier' },
  'receipt.emails': { role: 'cashier' },
  'receipt.emailAgain': { role: 'cashier' },
  // Customers are Helcim's General objects: the token that reads them is Helcim's answer (General access
  // is not on the Transaction Processing ladder), like listing terminals. Any cashier finds and attaches one.
  'customers.search': { role: 'cashier', helcim: { token: 'lookup', level: 'none' } },
  'customers.add': { role: 'cashier', helcim: { token: 'lookup', level: 'none' } },
  'sale.setCustomer': { role: 'cashier', helcim: { token: 'lookup', level: 'none' } },
  'customers.cards': { role: 'cashier', helcim: { token: 'lookup', level: 'none' } },
  // Saving a card is a verification through HelcimPay.js (Auth, the sales token); charging one takes money (Positive).
  'customers.saveCard': { role: 'cashier', helcim: { token: 'sales', level: 'auth' } },
  'sale.chargeSavedCard': { role: 'cashier', helcim: { token: 'sales', level: 'positive' } },
  // Removing a customer's saved card is a manager's.
  'customers.removeCard': { role: 'manager', helcim: { token: 'lookup', level: 'none' } },
  'catalog.search': { role: 'cashier' },
  'catalog.scan': { role: 'cashier' },
  'catalog.add': { role: 'manager' },
  'catalog.update': { role: 'manager' },
  'catalog.setActive': { role: 'manager' },
  'catalog.importPreview': { role: 'manager' },
  'catalog.importConfirm': { role: 'manager' },
  'catalog.export': { role: 'manager' },
  'catalog.saveExport': { role: 'manager' },
  // Cashiers sell from the quick keys; managers arrange them.
  'catalog.quickKeys': { role: 'cashier' },
  'catalog.arrangeQuickKeys': { role: 'manager' },
  // A cashier's sale, with the manager's PIN typed beside them (checked by the handler, audited as theirs).
  'catalog.addAtCounter': { role: 'cashier' },
  // A sale's lines and what giving some back comes to: looking only (the money moves with an override).
  'returns.lines': { role: 'cashier' },
  'returns.quote': { role: 'cashier' },
} as const satisfies Record<OperationName, Rule>;

/** One operation's row, exactly as written above (so handlers get a context typed from it). */
export type RuleOf<K extends OperationName> = (typeof POLICY)[K];

/**
 * Lookups: a cashier sees the current day's payments (their shift); a manager any day. Checked by
 * the lookup handlers, whose payload carries the day.
 */
export function lookupDayAllowed(role: Role, day: string | undefined, today: string): boolean {
  return role === 'manager' || day === undefined || day === today;
}

/** The lookup rule as the lookup handlers apply it: a cashier asking for another day is refused. */
export function assertLookupDay(role: Role, day: string | undefined, today: string): void {
  if (!lookupDayAllowed(role, day, today)) throw new PosError('forbidden', 'error.policy.otherDays');
}

const ROLE_RANK: Record<'anyone' | Role, number> = { anyone: 0, cashier: 1, manager: 2 };

export const levelAtLeast = (have: TxLevel | null, need: TxLevel): boolean =>
  have !== null && TX_LEVELS.indexOf(have) >= TX_LEVELS.indexOf(need);

/**
 * The token a rule's call is made with. A shop may keep one Admin token for everything; then the
 * sales slot falls back to it (Helcim setup warns what that exposes).
 */
export function tokenFor(use: TokenUse, access: HelcimAccess): { slot: TokenSlot; level: TxLevel } | null {
  const order: TokenSlot[] = use === 'sales' ? ['sales', 'admin'] : use === 'lookup' ? ['admin', 'sales'] : ['admin'];
  for (const slot of order) {
    const level = access[slot];
    if (level !== null) return { slot, level };
  }
  return null;
}

export type Decision =
  | { allowed: true; token?: TokenSlot; override?: OverrideAction }
  | {
      allowed: false;
      code: 'not_signed_in' | 'forbidden' | 'token_missing' | 'token_insufficient';
      key: MessageKey;
      values?: MessageValues;
    };

export function decide(op: OperationName, role: Role | null, access: HelcimAccess): Decision {
  const rule: Rule = POLICY[op];
  if (rule.role !== 'anyone') {
    if (role === null) return { allowed: false, code: 'not_signed_in', key: 'error.policy.signIn' };
    if (ROLE_RANK[role] < ROLE_RANK[rule.role])
      return { allowed: false, code: 'forbidden', key: 'error.policy.role', values: { role: rule.role } };
  }
  const extra = rule.override ? { override: rule.override } : {};
  if (!rule.helcim) return { allowed: true, ...extra };
  const token = tokenFor(rule.helcim.token, access);
  if (!token)
    return {
      allowed: false,
      code: 'token_missing',
      key: 'error.policy.noToken',
      values: { slot: rule.helcim.token },
    };
  if (!levelAtLeast(token.level, rule.helcim.level))
    return {
      allowed: false,
      code: 'token_insufficient',
      key: 'error.policy.tokenLevel',
      values: { slot: token.slot, level: TX_LEVEL_LABEL[rule.helcim.level] },
    };
  return { allowed: true, token: token.slot, ...extra };
}

export function capabilitiesFor(role: Role | null, access: HelcimAccess): Record<OperationName, boolean> {
  return Object.fromEntries(
    (Object.keys(POLICY) as OperationName[]).map((op) => [op, decide(op, role, access).allowed]),
  ) as Record<OperationName, boolean>;
}
