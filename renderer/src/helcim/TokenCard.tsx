/** One Helcim token in the setup wizard: Helcim's own steps, paste once, the connection test's table. */
import { useState } from 'react';
import type { ConnectionReport, TokenSlot, TokenStatus } from '../../../common/contract';
import { useHelcim } from './helcim-store';
import { useT } from '../base/i18n';
import { ResultsTable } from '../shared/ResultsTable';

/**
 * The steps of Helcim's guide to API access tokens, per token (devdocs.helcim.com: creating an API
 * access configuration). Helcim's own screen names (All Tools, API Access Configuration, the
 * restriction levels) are kept as Helcim writes them: Helcim documents no French names for them
 * (a question in `npm run helcim:check`).
 */
/** Where API tokens are made, in Helcim's own words. */
const HELCIM_API_ACCESS = 'All Tools → Integrations → API Access Configuration';

const GUIDE: Record<TokenSlot, { name: string; restrictions: [string, string][] }> = {
  sales: {
    name: 'Counter POS – sales',
    restrictions: [
      ['General', 'No Access'],
      ['Settings', 'No Access'],
      ['Transaction Processing', 'Positive (Purchase, Capture)'],
    ],
  },
  admin: {
    name: 'Counter POS – refunds',
    restrictions: [
      ['General', 'No Access'],
      ['Settings', 'No Access'],
      ['Transaction Processing', 'Admin (Reversal, Refund)'],
    ],
  },
};

function Report({ r }: { r: ConnectionReport }) {
  const { t, dateTime } = useT();
  return (
    <div className={`report ${r.passed ? 'good' : 'bad'}`} data-testid={`report-${r.slot}`} data-passed={r.passed}>
      <p>
        <strong>{r.message}</strong>
      </p>
      {r.checks.length > 0 && (
        <ResultsTable
          columns={[
            { header: t('setup.operation'), cell: (c) => t(`helcim.probe.${c.operation}`) },
            { header: t('setup.allowed'), cell: (c) => (c.ok === null ? t('setup.couldNotTell') : c.ok ? '✓' : '✗') },
            { header: t('setup.toChange'), cell: (c) => c.fix ?? '—' },
          ]}
          rows={r.checks}
          rowKey={(c) => c.operation}
          rowTestId={(c) => `check-${r.slot}-${c.operation}`}
          rowData={(c): Record<string, string> => (c.ok === null ? {} : { ok: String(c.ok) })}
        />
      )}
      <p className="muted small">{t('setup.tested', { when: dateTime(r.testedAt) })}</p>
    </div>
  );
}

export function TokenCard({ slot, status }: { slot: TokenSlot; status: TokenStatus }) {
  const g = GUIDE[slot];
  const { t } = useT();
  const title = t('setup.tokenTitle', { slot });
  const [token, setToken] = useState('');
  const { busy, error, last } = useHelcim((h) => h.slots[slot]);
  const save = useHelcim((h) => h.save);
  const test = useHelcim((h) => h.test);
  const remove = useHelcim((h) => h.remove);
  const s = status.slots[slot];
  const report = last ?? s.report;

  return (
    <section className="token-card" aria-label={title} data-testid={`token-${slot}`}>
      <h2>
        {title}{' '}
        {s.stored ? (
          <span className="chip good">{t('setup.stored')}</span>
        ) : (
          <span className="chip">{t('setup.notSet')}</span>
        )}
      </h2>
      <p>{t('setup.purpose', { slot })}</p>
      <ol className="guide">
        <li>
          {t('setup.step1')} <b>{HELCIM_API_ACCESS}</b>.
        </li>
        <li>{t('setup.step2', { name: g.name })}</li>
        <li>
          {t('setup.step3')}
          <ul>
            {g.restrictions.map(([k, v]) => (
              <li key={k}>
                {k}: <b>{v}</b>
              </li>
            ))}
          </ul>
        </li>
        <li>{t('setup.step4')}</li>
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
          aria-label={t('setup.tokenLabel', { slot })}
          data-testid={`paste-${slot}`}
          placeholder={s.stored ? t('setup.pasteNew') : t('setup.paste')}
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" className="primary" data-testid={`save-${slot}`} disabled={!token.trim() || busy}>
          {busy ? t('setup.testing') : t('setup.saveAndTest')}
        </button>
      </form>
      {s.stored && (
        <div className="row">
          <button
            type="button"
            className="secondary"
            data-testid={`test-${slot}`}
            disabled={busy}
            onClick={() => void test(slot)}
          >
            {t('setup.test')}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid={`remove-${slot}`}
            disabled={busy}
            onClick={() => void remove(slot)}
          >
            {t('setup.remove')}
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
