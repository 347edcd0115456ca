/** Receipts by email, built for core.ts: the queue and its sender, the mail server's settings, their handlers. */
import type { Foundation } from './foundation';
import type { ReportsFeature } from './reports';
import { ReceiptMail } from '../mail/mail';
import { mailHandlers } from '../mail/handlers';

export function mailFeature(foundation: Foundation, reports: ReportsFeature) {
  const { keychain } = foundation.keys;
  const password = {
    get: () => keychain.secret('mail-password'),
    // An empty password removes the one kept (the keychain keeps no empty entries).
    set: async (p: string) => {
      if (p) await keychain.setSecret('mail-password', p);
      else await keychain.removeSecret('mail-password');
    },
  };
  const mail = new ReceiptMail({
    db: foundation.db,
    server: () => foundation.settings.get('mail'),
    password: password.get,
    receipt: (attemptId) => reports.reports.receipt(attemptId),
    audit: foundation.record,
    now: foundation.now,
    log: foundation.log,
    ...(foundation.options.mailTimeoutMs ? { timeoutMs: foundation.options.mailTimeoutMs } : {}),
  });
  mail.start();
  return {
    mail,
    handlers: mailHandlers({ mail, settings: foundation.settings, password, audit: foundation.record }),
  };
}
