import { useEffect, useState } from 'react';
import { useT } from '../base/i18n';
import { useMail } from './mail-store';

/** How often the receipt's emails are asked again while it is on screen (main sends them meanwhile). */
const REFRESH_MS = 2_000;

/**
 * "Email the receipt": the address the customer gives, and where each email of this receipt stands —
 * sent, waiting for the mail server, refused (why), or perhaps not arrived (send again if the customer
 * says so). No customer record is made.
 */
export function EmailReceipt({ attemptId }: { attemptId: string }) {
  const { t } = useT();
  const { emails, emailError, loadEmails, send, again } = useMail();
  const [address, setAddress] = useState('');
  useEffect(() => {
    void loadEmails(attemptId);
    const timer = setInterval(() => void loadEmails(attemptId), REFRESH_MS);
    return () => clearInterval(timer);
  }, [attemptId, loadEmails]);
  const mine = emails.filter((e) => e.attemptId === attemptId);
  return (
    <form
      className="email-receipt"
      data-testid="email-receipt"
      aria-label={t('mail.receipt.address')}
      onSubmit={(e) => {
        e.preventDefault();
        if (address.trim()) void send(attemptId, address.trim()).then((ok) => ok && setAddress(''));
      }}
    >
      <label>
        {t('mail.receipt.address')}
        <input
          type="email"
          data-testid="email-address"
          autoComplete="off"
          maxLength={254}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
      </label>
      <button type="submit" className="secondary" data-testid="email-send" disabled={!address.trim()}>
        {t('mail.receipt.send')}
      </button>
      {emailError && (
        <p className="notice error" role="alert" data-testid="email-error">
          {emailError.message}
        </p>
      )}
      <ul className="emails" aria-live="polite">
        {mine.map((e) => (
          <li key={e.id} data-testid="email-state" data-state={e.state}>
            {t('mail.receipt.line', { to: e.to, message: e.message })}{' '}
            {(e.state === 'failed' || e.state === 'unknown') && (
              <button
                type="button"
                className="secondary small"
                data-testid="email-again"
                onClick={() => void again(e.id, attemptId)}
              >
                {t('mail.receipt.again')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </form>
  );
}
