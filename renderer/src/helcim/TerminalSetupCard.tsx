import { useState } from 'react';
import type { AppStatus } from '../../../common/contract';
import { DEVICE_CODE } from '../../../common/limits';
import { useTerminalSetup } from './terminal-setup-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { useT } from '../base/i18n';

/**
 * Pairing this counter's Helcim Smart Terminal, in Helcim's own words: turn on API mode for the
 * device in Helcim, type the 4-character code it then shows (or pick it from the list, which needs a
 * token with General: Read and Settings: Read), and the app pings it so you see the right one light up.
 */
export function TerminalSetupCard({ status }: { status: AppStatus }) {
  const { busy, error, info, devices, pair, unpair, list } = useTerminalSetup();
  const [code, setCode] = useState('');
  const typed = code.trim().toUpperCase();
  const { t } = useT();
  const codeError = typed && !DEVICE_CODE.test(typed) ? t('error.terminal.codeShape') : null;
  return (
    <section className="token-card" aria-label={t('terminalSetup.region')} data-testid="terminal-setup">
      <h2>{t('terminalSetup.title')}</h2>
      <p>{t('terminalSetup.explain')}</p>
      <p data-testid="terminal-paired">
        {status.terminalCode ? t('terminalSetup.paired', { code: status.terminalCode }) : t('terminal.pair.notPaired')}
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (DEVICE_CODE.test(typed)) void pair(typed);
        }}
      >
        <label htmlFor="terminal-code" className="sr-only">
          {t('terminalSetup.code')}
        </label>
        <input
          id="terminal-code"
          data-testid="terminal-code"
          value={code}
          placeholder={t('terminalSetup.placeholder')}
          // A pasted " TRN1 " is the code TRN1: spaces are dropped before anything is cut (no maxLength,
          // which the browser applies to the pasted text as it is); the code's own rule says what is wrong.
          onChange={(e) => setCode(e.target.value.replace(/\s+/g, '').slice(0, 8))}
          {...describedBy('terminal-code-error', codeError)}
        />
        <button
          type="submit"
          className="primary"
          data-testid="terminal-pair"
          disabled={busy || !DEVICE_CODE.test(typed)}
        >
          {t('terminalSetup.pair')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="terminal-list"
          disabled={busy}
          onClick={() => void list()}
        >
          {t('terminalSetup.list')}
        </button>
        {status.terminalCode && (
          <button
            type="button"
            className="secondary"
            data-testid="terminal-unpair"
            disabled={busy}
            onClick={() => void unpair()}
          >
            {t('terminalSetup.unpair')}
          </button>
        )}
      </form>
      <FieldError id="terminal-code-error" message={codeError} />
      {devices && (
        <ul className="device-list" aria-label={t('terminalSetup.devices')}>
          {devices.map((d) => (
            <li key={d}>
              <button type="button" className="secondary small" data-testid={`device-${d}`} onClick={() => setCode(d)}>
                {d}
              </button>
            </li>
          ))}
        </ul>
      )}
      {info && (
        <p className="notice" role="status" data-testid="terminal-info">
          {info.message}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert" data-testid="terminal-error">
          {error.message}
        </p>
      )}
    </section>
  );
}
