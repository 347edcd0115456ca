/**
 * The names of the bridge operations and their channels: all preload needs at run time, kept free
 * of zod so the sandboxed preload stays small. contract.ts checks it defines exactly these.
 */
export const OPERATION_NAMES = [
  'app.status',
  'staff.roster',
  'staff.firstRun',
  'session.signIn',
  'session.signOut',
  'session.touch',
  'staff.list',
  'staff.add',
  'staff.setActive',
  'staff.resetPin',
  'settings.setIdleLock',
  'purchase.start',
  'verify.start',
  'preauth.start',
  'checkout.finish',
  'transactions.search',
  'override.approve',
  'refund.submit',
  'reverse.submit',
  'holds.list',
  'terminal.start',
  'cash.sale',
  'terminal.check',
  'terminal.cancel',
  'terminal.devices',
  'terminal.pair',
  'terminal.unpair',
  'capture.submit',
  'release.submit',
  'helcim.status',
  'helcim.saveToken',
  'helcim.testToken',
  'helcim.removeToken',
  'helcim.setMode',
  'helcim.setCheckoutHost',
  'history.search',
  'receipt.get',
  'receipt.print',
  'receipt.savePdf',
  'report.x',
  'report.z',
  'report.export',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** The IPC channel of an operation. Only these channels exist. */
export const channelOf = (name: OperationName): string => `pos:${name}`;
