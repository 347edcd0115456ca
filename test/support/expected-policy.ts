/**
 * The permission table as the tests expect it, written out by hand — never computed with the
 * production `decide()`. Both the per-cell policy test and the bridge fuzz oracle read it, so a
 * loosened production table cannot loosen the oracle with it.
 */
import type { OperationName, Role } from '../../common/contract';
import type { HelcimAccess, TxLevel } from '../../main/policy/table';

export type Want = {
  role: Role | null;
  token?: { use: 'sales' | 'admin' | 'lookup'; level: TxLevel };
  override?: 'refund' | 'reverse' | 'release' | 'float' | 'paid_in' | 'paid_out' | 'abandon' | 'cash_refund';
};

export const EXPECTED: Record<OperationName, Want> = {
  'app.status': { role: null },
  'staff.roster': { role: null },
  'staff.firstRun': { role: null },
  'session.signIn': { role: null },
  'session.signOut': { role: null },
  'session.touch': { role: 'cashier' },
  'staff.list': { role: 'manager' },
  'staff.add': { role: 'manager' },
  'staff.setActive': { role: 'manager' },
  'staff.resetPin': { role: 'manager' },
  'staff.setLanguage': { role: 'manager' },
  'settings.setIdleLock': { role: 'manager' },
  'purchase.start': { role: 'cashier', token: { use: 'sales', level: 'positive' } },
  'verify.start': { role: 'cashier', token: { use: 'sales', level: 'auth' } },
  'preauth.start': { role: 'cashier', token: { use: 'sales', level: 'auth' } },
  'checkout.finish': { role: null },
  'transactions.search': { role: 'cashier', token: { use: 'lookup', level: 'auth' } },
  'override.approve': { role: 'cashier' },
  'refund.submit': { role: 'cashier', token: { use: 'admin', level: 'admin' }, override: 'refund' },
  'reverse.submit': { role: 'cashier', token: { use: 'admin', level: 'admin' }, override: 'reverse' },
  'terminal.start': { role: 'cashier', token: { use: 'sales', level: 'positive' } },
  'cash.sale': { role: 'cashier' },
  'cash.refund': { role: 'cashier', override: 'cash_refund' },
  'sale.open': { role: 'cashier' },
  'sale.get': { role: 'cashier' },
  'sale.discard': { role: 'cashier' },
  'sale.abandon': { role: 'cashier', override: 'abandon' },
  'drawer.status': { role: 'cashier' },
  'drawer.open': { role: 'cashier', override: 'float' },
  'drawer.payIn': { role: 'cashier', override: 'paid_in' },
  'drawer.payOut': { role: 'cashier', override: 'paid_out' },
  'drawer.close': { role: 'cashier' },
  'settings.setBlindClose': { role: 'manager' },
  'settings.tax': { role: 'manager' },
  'settings.setTax': { role: 'manager' },
  'terminal.check': { role: null, token: { use: 'lookup', level: 'auth' } },
  'terminal.cancel': { role: null, token: { use: 'lookup', level: 'auth' } },
  'terminal.devices': { role: 'manager', token: { use: 'lookup', level: 'none' } },
  'terminal.pair': { role: 'manager', token: { use: 'lookup', level: 'none' } },
  'terminal.unpair': { role: 'manager' },
  'holds.list': { role: 'cashier', token: { use: 'lookup', level: 'auth' } },
  'capture.submit': { role: 'cashier', token: { use: 'sales', level: 'positive' } },
  'release.submit': { role: 'cashier', token: { use: 'admin', level: 'admin' }, override: 'release' },
  'helcim.status': { role: 'manager' },
  'helcim.saveToken': { role: 'manager' },
  'helcim.testToken': { role: 'manager' },
  'helcim.removeToken': { role: 'manager' },
  'helcim.setMode': { role: 'manager' },
  'helcim.setCheckoutHost': { role: 'manager' },
  'history.search': { role: 'cashier', token: { use: 'lookup', level: 'auth' } },
  'receipt.get': { role: 'cashier' },
  'receipt.print': { role: 'cashier' },
  'printer.get': { role: 'manager' },
  'printer.configure': { role: 'manager' },
  'printer.testPage': { role: 'manager' },
  'settings.setLanguage': { role: 'manager' },
  'display.get': { role: 'manager' },
  'display.configure': { role: 'manager' },
  'display.typed': { role: 'cashier' },
  'drawer.kick': { role: 'manager' },
  'receipt.savePdf': { role: 'cashier' },
  'report.x': { role: 'manager', token: { use: 'lookup', level: 'auth' } },
  'report.z': { role: 'manager', token: { use: 'lookup', level: 'auth' } },
  'report.export': { role: 'manager' },
  'shop.get': { role: 'manager' },
  'shop.link': { role: 'manager' },
  'shop.newLinkCode': { role: 'manager' },
  'shop.probe': { role: 'manager' },
  'report.shop': { role: 'manager' },
  'report.shopZ': { role: 'manager' },
  'history.shop': { role: 'manager' },
  'sale.cart': { role: 'cashier' },
  'sale.discountQuote': { role: 'cashier' },
  'settings.discounts': { role: 'cashier' },
  'settings.setDiscounts': { role: 'manager' },
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
  'backup.restore': { role: null },
  'mail.test': { role: 'manager' },
  'receipt.email': { role: 'cashier' },
  'receipt.emails': { role: 'cashier' },
  'receipt.emailAgain': { role: 'cashier' },
  'customers.search': { role: 'cashier', token: { use: 'lookup', level: 'none' } },
  'customers.add': { role: 'cashier', token: { use: 'lookup', level: 'none' } },
  'sale.setCustomer': { role: 'cashier', token: { use: 'lookup', level: 'none' } },
  'customers.cards': { role: 'cashier', token: { use: 'lookup', level: 'none' } },
  'customers.saveCard': { role: 'cashier', token: { use: 'sales', level: 'auth' } },
  'sale.chargeSavedCard': { role: 'cashier', token: { use: 'sales', level: 'positive' } },
  'customers.removeCard': { role: 'manager', token: { use: 'lookup', level: 'none' } },
  'catalog.search': { role: 'cashier' },
  'catalog.scan': { role: 'cashier' },
  'catalog.add': { role: 'manager' },
  'catalog.update': { role: 'manager' },
  'catalog.setActive': { role: 'manager' },
  'catalog.importPreview': { role: 'manager' },
  'catalog.importConfirm': { role: 'manager' },
  'catalog.export': { role: 'manager' },
  'catalog.saveExport': { role: 'manager' },
  'catalog.quickKeys': { role: 'cashier' },
  'catalog.arrangeQuickKeys': { role: 'manager' },
  'catalog.addAtCounter': { role: 'cashier' },
  'returns.lines': { role: 'cashier' },
  'returns.quote': { role: 'cashier' },
};

export const rank = (l: TxLevel) => ['none', 'auth', 'positive', 'admin'].indexOf(l);
export const roleRank = (r: Role | null) => (r === null ? 0 : r === 'cashier' ? 1 : 2);

/** Which stored token a use picks: sales falls back to admin; lookup prefers admin; admin is admin only. */
export function pick(
  use: 'sales' | 'admin' | 'lookup',
  a: HelcimAccess,
): { slot: 'sales' | 'admin'; level: TxLevel } | null {
  if (use === 'sales')
    return a.sales ? { slot: 'sales', level: a.sales } : a.admin ? { slot: 'admin', level: a.admin } : null;
  if (use === 'lookup')
    return a.admin ? { slot: 'admin', level: a.admin } : a.sales ? { slot: 'sales', level: a.sales } : null;
  return a.admin ? { slot: 'admin', level: a.admin } : null;
}

/** Whether the hand-written table allows `op` for `role` with these tokens (the fuzz oracle). */
export function expectedAllowed(op: OperationName, role: Role | null, access: HelcimAccess): boolean {
  const want = EXPECTED[op];
  if (roleRank(role) < roleRank(want.role)) return false;
  if (!want.token) return true;
  const t = pick(want.token.use, access);
  return t !== null && rank(t.level) >= rank(want.token.level);
}
