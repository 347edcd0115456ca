import { useState } from 'react';
import type { BridgeError } from '../../../preload/contract';
import { pos } from '../pos';
import { useStatus } from '../store/status';

export function SignInScreen() {
  const { roster, status, refresh } = useStatus();
  const [who, setWho] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<BridgeError | null>(null);
  const [busy, setBusy] = useState(false);
  const person = roster?.staff.find((s) => s.id === who);

  const submit = async () => {
    if (!who || busy) return;
    setBusy(true);
    const r = await pos.session.signIn({ staffId: who, pin });
    setBusy(false);
    setPin('');
    if (r.ok) {
      setError(null);
      await refresh();
    } else setError(r.error);
  };

  return (
    <section className="panel narrow" aria-label="Sign in">
      <h1>Sign in</h1>
      {status?.lockedReason && (
        <p className="notice info" role="status" data-testid="locked-reason">
          {status.lockedReason}
        </p>
      )}
      {!person ? (
        <div className="staff-grid">
          {roster?.staff.map((s) => (
            <button key={s.id} type="button" className="staff-pick" data-testid={`staff-${s.name}`} onClick={() => setWho(s.id)}>
              <strong>{s.name}</strong>
              <span>{s.role}</span>
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
          <label htmlFor="pin">PIN for {person.name}</label>
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
              Back
            </button>
            <button type="submit" className="primary" data-testid="sign-in" disabled={pin.length < 4 || busy}>
              Sign in
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
