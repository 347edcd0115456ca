import { useEffect, useState } from 'react';
import type { MailServer } from '../../../common/contract';
import { useT } from '../base/i18n';
import { useMail } from './mail-store';

const SECURITY: MailServer['security'][] = ['tls', 'starttls', 'none'];

/**
 * The shop's mail server for receipts by email (a manager's): host, port, how the connection is
 * protected, the user and password (kept in this computer's keychain; never shown again), and the
 * address receipts come from; a test message says what the server answered. Main checks it all again.
 */
export function MailCard() {
  const { view, error, saved, testWords, load, save, test } = useMail();
  const { t } = useT();
  const [form, setForm] = useState<MailServer>({ host: '', port: 587, security: 'starttls', user: '', from: '' });
  const [password, setPassword] = useState('');
  const [testTo, setTestTo] = useState('');
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (view?.server) setForm(view.server);
  }, [view]);
  if (!view) return null;
  const change = (c: Partial<MailServer>) => setForm({ ...form, ...c });
  return (
    <form
      className="printer-card"
      data-testid="mail-card"
      aria-label={t('mail.card.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void save(form, password === '' ? undefined : password).then((ok) => ok && setPassword(''));
      }}
    >
      <h2>{t('mail.card.title')}</h2>
      <label>
        {t('mail.card.host')}
        <input
          data-testid="mail-host"
          value={form.host}
          maxLength={253}
          onChange={(e) => change({ host: e.target.value })}
        />
      </label>
      <label>
        {t('mail.card.port')}
        <input
          data-testid="mail-port"
          inputMode="numeric"
          value={String(form.port)}
          onChange={(e) => change({ port: Number(e.target.value.replace(/\D/g, '')) || 0 })}
        />
      </label>
      <label>
        {t('mail.card.security')}
        <select
          data-testid="mail-security"
          value={form.security}
          onChange={(e) => change({ security: e.target.value as MailServer['security'] })}
        >
          {SECURITY.map((s) => (
            <option key={s} value={s}>
              {t(`mail.card.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('mail.card.user')}
        <input
          data-testid="mail-user"
          value={form.user}
          autoComplete="off"
          onChange={(e) => change({ user: e.target.value })}
        />
      </label>
      <label>
        {t('mail.card.password')}
        <input
          data-testid="mail-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {view.passwordSet && <p className="muted small">{t('mail.card.passwordSet')}</p>}
      <label>
        {t('mail.card.from')}
        <input
          data-testid="mail-from"
          type="email"
          value={form.from}
          onChange={(e) => change({ from: e.target.value })}
        />
      </label>
      {error && (
        <p className="notice error" role="alert" data-testid="mail-error">
          {error.message}
        </p>
      )}
      {saved && !error && (
        <p className="notice good" role="status" data-testid="mail-saved">
          {t('mail.card.saved')}
        </p>
      )}
      <button type="submit" className="secondary" data-testid="mail-save">
        {t('mail.card.save')}
      </button>
      {view.server && (
        <div className="row">
          <label>
            {t('mail.card.testTo')}
            <input data-testid="mail-test-to" type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} />
          </label>
          <button
            type="button"
            className="secondary"
            data-testid="mail-test"
            disabled={!testTo.trim()}
            onClick={() => void test(testTo.trim())}
          >
            {t('mail.card.test')}
          </button>
        </div>
      )}
      {testWords && (
        <p className="notice" role="status" data-testid="mail-test-said">
          {testWords}
        </p>
      )}
    </form>
  );
}
