import { useState } from 'react';
import type { AppStatus } from '../../../preload/contract';
import { DEVICE_CODE } from '../../../preload/limits';
import { useTerminalSetup } from '../store/terminal-setup';
import { describedBy, FieldError } from './FieldError';

/**
 * Pairing this counter's Helcim Smart Terminal, in Helcim's own words: turn on API mode for the
 * device in Helcim, type the 4-character code it then shows (or pick it from the list, which needs a
 * token with General: Read and Settings: Read), and the app pings it so you see the right one light up.
 */
export function TerminalSetupCard({ status }: { status: AppStatus }) {
  const { busy, error, info, devices, pair, unpair, list } = useTerminalSetup();
  const [code, setCode] = useState('');
  const typed = code.trim().toUpperCase();
  const codeError = typed && !DEVICE_CODE.test(typed) ? 'A terminal code is the 4 letters and digits the terminal shows.' : null;
  return (
    <section className="token-card" aria-label="Card terminal" data-testid="terminal-setup">
      <h2>Card terminal (Helcim Smart Terminal)</h2>
      <p>
        Customers tap, insert or swipe on the terminal: no card number is typed at the counter, and debit works. In Helcim, turn on <b>API mode</b> for the
        terminal; it then shows a 4-character code. That turns off Helcim’s own POS app on that device.
      </p>
      <p data-testid="terminal-paired">
        {status.terminalCode ? `Paired with this counter: terminal ${status.terminalCode}.` : 'No terminal is paired with this counter.'}
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (DEVICE_CODE.test(typed)) void pair(typed);
        }}
      >
        <label htmlFor="terminal-code" className="sr-only">
          Terminal code
        </label>
        <input
          id="terminal-code"
          data-testid="terminal-code"
          value={code}
          maxLength={4}
          placeholder="e.g. AB12"
          onChange={(e) => setCode(e.target.value)}
          {...describedBy('terminal-code-error', codeError)}
        />
        <button type="submit" className="primary" data-testid="terminal-pair" disabled={busy || !DEVICE_CODE.test(typed)}>
          Pair and ping
        </button>
        <button type="button" className="secondary" data-testid="terminal-list" disabled={busy} onClick={() => void list()}>
          Pick from Helcim’s list
        </button>
        {status.terminalCode && (
          <button type="button" className="secondary" data-testid="terminal-unpair" disabled={busy} onClick={() => void unpair()}>
            Unpair
          </button>
        )}
      </form>
      <FieldError id="terminal-code-error" message={codeError} />
      {devices && (
        <ul className="device-list" aria-label="Terminals on the Helcim account">
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
