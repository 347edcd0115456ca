/** One Helcim token in the setup wizard: Helcim's own steps, paste once, the connection test's table. */
import { useState } from 'react';
import type { ConnectionReport, TokenSlot, TokenStatus } from '../../../preload/contract';
import { useHelcim } from '../store/helcim';

/** The steps of Helcim's guide to API access tokens, per token (devdocs.helcim.com: creating an API access configuration). */
const GUIDE: Record<TokenSlot, { title: string; purpose: string; name: string; restrictions: [string, string][] }> = {
  sales: {
    title: '1. Sales token',
    purpose: 'Takes payments and card verifications through HelcimPay.js. It cannot refund.',
    name: 'Counter POS – sales',
    restrictions: [
      ['General', 'No Access'],
      ['Settings', 'No Access'],
      ['Transaction Processing', 'Positive (Purchase, Capture)'],
    ],
  },
  admin: {
    title: '2. Admin token',
    purpose: 'Used only for manager-authorized refunds and voids, and to look up transactions.',
    name: 'Counter POS – refunds',
    restrictions: [
      ['General', 'No Access'],
      ['Settings', 'No Access'],
      ['Transaction Processing', 'Admin (Reversal, Refund)'],
    ],
  },
};

function Report({ r }: { r: ConnectionReport }) {
  return (
    <div className={`report ${r.passed ? 'good' : 'bad'}`} data-testid={`report-${r.slot}`} data-passed={r.passed}>
      <p>
        <strong>{r.message}</strong>
      </p>
      {r.checks.length > 0 && (
        <table className="tx-table">
          <thead>
            <tr>
              <th>Operation</th>
              <th>Allowed</th>
              <th>To change</th>
            </tr>
          </thead>
          <tbody>
            {r.checks.map((c) => (
              <tr key={c.operation} data-testid={`check-${r.slot}-${c.operation}`} data-ok={c.ok}>
                <td>{c.label}</td>
                <td>{c.ok === null ? '? could not tell' : c.ok ? '✓' : '✗'}</td>
                <td>{c.fix ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">Tested {new Date(r.testedAt).toLocaleString('en-CA')}</p>
    </div>
  );
}

export function TokenCard({ slot, status }: { slot: TokenSlot; status: TokenStatus }) {
  const g = GUIDE[slot];
  const [token, setToken] = useState('');
  const { busy, error, last } = useHelcim((h) => h.slots[slot]);
  const save = useHelcim((h) => h.save);
  const test = useHelcim((h) => h.test);
  const remove = useHelcim((h) => h.remove);
  const s = status.slots[slot];
  const report = last ?? s.report;

  return (
    <section className="token-card" aria-label={g.title} data-testid={`token-${slot}`}>
      <h2>
        {g.title} {s.stored ? <span className="chip good">stored in keychain</span> : <span className="chip">not set</span>}
      </h2>
      <p>{g.purpose}</p>
      <ol className="guide">
        <li>
          In Helcim, open <b>All Tools → Integrations → API Access Configuration</b>.
        </li>
        <li>
          Click <b>New API Access</b> and name it “{g.name}”.
        </li>
        <li>
          Set its <b>Access Restrictions</b>:
          <ul>
            {g.restrictions.map(([k, v]) => (
              <li key={k}>
                {k}: <b>{v}</b>
              </li>
            ))}
          </ul>
        </li>
        <li>
          Click <b>Create</b>, copy the API token and paste it here. It goes into this computer’s keychain and is never shown again.
        </li>
      </ol>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const value = token;
          setToken('');
          void save(slot, value);
        }}
      >
        <input
          type="password"
          aria-label={`${slot} API token`}
          data-testid={`paste-${slot}`}
          placeholder={s.stored ? 'Paste a new token to replace it' : 'Paste the API token'}
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" className="primary" data-testid={`save-${slot}`} disabled={!token.trim() || busy}>
          {busy ? 'Testing…' : 'Save and test'}
        </button>
      </form>
      {s.stored && (
        <div className="row">
          <button type="button" className="secondary" data-testid={`test-${slot}`} disabled={busy} onClick={() => void test(slot)}>
            Test connection
          </button>
          <button type="button" className="secondary" data-testid={`remove-${slot}`} disabled={busy} onClick={() => void remove(slot)}>
            Remove from keychain
          </button>
        </div>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      {report && <Report r={report} />}
    </section>
  );
}
