import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BridgeError } from '../../../common/contract';
import { useStatus } from '../base/status-store';
import { useT } from '../base/i18n';

export function SignInScreen() {
  const { roster, lockedReason, signIn } = useStatus(
    useShallow((s) => ({ roster: s.roster, lockedReason: s.status?.lockedReason, signIn: s.signIn })),
  );
  const [who, setWho] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<BridgeError | null>(null);
  const [busy, setBusy] = useState(false);
  const person = roster?.staff.find((s) => s.id === who);
  const { t } = useT();

  const submit = async () => {
    if (!who || busy) return;
    setBusy(true);
    const failed = await signIn(who, pin);
    setBusy(false);
    setPin('');
    setError(failed);
  };

  return (
    <section className="panel narrow" aria-label={t('signIn.title')}>
      <h1>{t('signIn.title')}</h1>
      {lockedReason && (
        <p className="notice info" role="status" data-testid="locked-reason">
          {lockedReason}
        </p>
      )}
      {!person ? (
        <div className="staff-grid">
          {roster?.staff.map((s) => (
            <button
              key={s.id}
              type="button"
              className="staff-pick"
              data-testid={`staff-${s.name}`}
              onClick={() => setWho(s.id)}
            >
              <strong>{s.name}</strong>
              <span>{t('role.name', { role: s.role })}</span>
            </button>
          ))}
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="pin">{t('signIn.pinFor', { name: person.name })}</label>
          <input
            id="pin"
            data-testid="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            maxLength={12}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
          {error && (
            <p className="notice error" role="alert" data-testid="sign-in-error">
              {error.message}
            </p>
          )}
          <div className="row">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setWho(null);
                setError(null);
                setPin('');
              }}
            >
              {t('common.back')}
            </button>
            <button type="submit" className="primary" data-testid="sign-in" disabled={pin.length < 4 || busy}>
              {t('signIn.title')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
