import { useState } from 'react';
import type { BridgeError } from '../../../common/contract';
import { useStatus } from '../base/status-store';
import { useT } from '../base/i18n';
import { RestoreForm } from '../backup/RestoreForm';

/** The shop's first run: create the first manager. */
export function FirstRunScreen() {
  const firstRun = useStatus((s) => s.firstRun);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<BridgeError | null>(null);
  const mismatch = again.length > 0 && pin !== again;
  const { t } = useT();

  const submit = async () => {
    setError(await firstRun(name, pin));
  };

  return (
    <>
      <section className="panel narrow" aria-label={t('firstRun.region')}>
        <h1>{t('firstRun.welcome')}</h1>
        <p>{t('firstRun.explain')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="fr-name">{t('firstRun.name')}</label>
          <input
            id="fr-name"
            data-testid="fr-name"
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
          <label htmlFor="fr-pin">{t('firstRun.pin')}</label>
          <input
            id="fr-pin"
            data-testid="fr-pin"
            type="password"
            inputMode="numeric"
            maxLength={12}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
          <label htmlFor="fr-again">{t('firstRun.again')}</label>
          <input
            id="fr-again"
            data-testid="fr-again"
            type="password"
            inputMode="numeric"
            maxLength={12}
            value={again}
            onChange={(e) => setAgain(e.target.value.replace(/\D/g, ''))}
          />
          {mismatch && (
            <p className="notice error" role="alert">
              {t('firstRun.mismatch')}
            </p>
          )}
          {error && (
            <p className="notice error" role="alert" data-testid="fr-error">
              {error.message}
            </p>
          )}
          <button
            type="submit"
            className="primary"
            data-testid="fr-create"
            disabled={!name.trim() || pin.length < 6 || pin !== again}
          >
            {t('firstRun.create')}
          </button>
        </form>
      </section>
      <RestoreForm />
    </>
  );
}
