/** The bridge handlers of receipts by email and of the mail server they go through. */
import type { MailView } from '../../common/contract';
import type { Handlers } from '../router';
import type { Settings } from '../settings/settings';
import type { ReceiptMail } from './mail';
import { PosError } from '../errors';

type MailOps = 'mail.get' | 'mail.configure' | 'mail.test' | 'receipt.email' | 'receipt.emails' | 'receipt.emailAgain';

export function mailHandlers(deps: {
  mail: ReceiptMail;
  settings: Settings;
  password: { get: () => Promise<string | null>; set: (p: string) => Promise<void> };
  audit: (staffId: string, kind: string, detail: string) => void;
}): Pick<Handlers, MailOps> {
  const { mail, settings, password, audit } = deps;
  const view = async (): Promise<MailView> => ({ server: settings.get('mail'), passwordSet: !!(await password.get()) });
  return {
    'mail.get': async () => view(),
    'mail.configure': async (p, ctx) => {
      const keeps = p.password === undefined ? !!(await password.get()) : p.password !== '';
      // A password never crosses an unprotected connection: refused here, before anything is saved.
      if (p.server?.security === 'none' && keeps) throw new PosError('invalid_payload', 'error.mail.plainPassword');
      if (p.password !== undefined) await password.set(p.password);
      settings.set('mail', p.server);
      audit(
        ctx.session.staffId,
        'settings.mail',
        p.server
          ? `${p.server.host}:${p.server.port} ${p.server.security}${p.server.user ? ` as ${p.server.user}` : ''}, from ${p.server.from}${p.password === undefined ? '' : p.password ? ', password changed' : ', password removed'}`
          : 'none',
      );
      return view();
    },
    'mail.test': async (p, ctx) => mail.test(p.address, ctx.session.staffId),
    'receipt.email': async (p, ctx) => {
      const queued = mail.queue(p.attemptId, p.address, ctx.session.staffId);
      // Sent now if the server answers; otherwise the background tick keeps trying.
      void mail.tick();
      return queued;
    },
    'receipt.emails': async (p) => mail.list(p.attemptId),
    'receipt.emailAgain': async (p, ctx) => {
      const again = mail.again(p.id, ctx.session.staffId);
      void mail.tick();
      return again;
    },
  };
}
