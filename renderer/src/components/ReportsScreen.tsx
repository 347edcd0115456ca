import { useEffect, useState } from 'react';
import type { DayReport, ReportLine } from '../../../preload/contract';
import { formatCents } from '../format';
import { useReports } from '../store/reports';

function Lines({ title, rows, currency }: { title: string; rows: ReportLine[]; currency: DayReport['currency'] }) {
  return (
    <div>
      <h2>{title}</h2>
      <table className="tx-table">
        <thead>
          <tr>
            <th>
              <span className="sr-only">Group</span>
            </th>
            <th>Count</th>
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.key}>
              <td>{l.key}</td>
              <td>{l.count}</td>
              <td>{formatCents(l.cents, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Managers: the running X report, closing the day with a Z report, CSV and PDF export. */
export function ReportsScreen() {
  const { report, error, notice, closing, loadX, closeDay, exportAs } = useReports();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => void loadX(), [loadX]);
  if (!report) return <p className="loading">{error?.message ?? 'Adding up…'}</p>;
  const rec = report.reconciliation;
  return (
    <section className="panel wide" aria-label="End of day" data-testid="report" data-kind={report.kind}>
      <h1>{report.kind === 'z' ? `Z report #${report.number} — day closed` : 'X report — running totals'}</h1>
      <p className="muted">
        {new Date(report.from).toLocaleString('en-CA')} → {new Date(report.to).toLocaleString('en-CA')}
      </p>
      <p className="big" data-testid="report-net">
        Net {formatCents(report.netCents, report.currency)}
      </p>
      <div className="report-grid">
        <Lines title="By type" rows={report.byType} currency={report.currency} />
        <Lines title="By cashier" rows={report.byCashier} currency={report.currency} />
        <Lines title="By card brand" rows={report.byBrand} currency={report.currency} />
        <Lines title="By tender (taken less given back)" rows={report.byTender} currency={report.currency} />
        <Lines title="By tender and cashier" rows={report.byTenderCashier} currency={report.currency} />
        <Lines title="Tips (included above)" rows={[report.tips]} currency={report.currency} />
        {report.drawer && (
          <Lines
            title={`Cash drawer (${report.drawer.open ? 'open' : 'closed'})`}
            rows={[
              { key: 'float', count: 0, cents: report.drawer.floatCents },
              { key: 'cash sales less refunds', count: 0, cents: report.drawer.cashSalesCents },
              { key: 'paid in', count: 0, cents: report.drawer.paidInCents },
              { key: 'paid out', count: 0, cents: report.drawer.paidOutCents },
              { key: 'expected', count: 0, cents: report.drawer.expectedCents },
              ...(report.drawer.overShortCents === null ? [] : [{ key: 'over (+) / short (−)', count: 0, cents: report.drawer.overShortCents }]),
            ]}
            currency={report.currency}
          />
        )}
      </div>
      <h2>Checked against Helcim</h2>
      <p
        className={`notice ${rec.checked && !rec.missingAtHelcim.length && !rec.notInJournal.length && !rec.amountMismatch.length ? 'good' : 'warn'}`}
        data-testid="report-reconciliation"
      >
        {rec.message}
      </p>
      {[
        ['Approved here, missing at Helcim', rec.missingAtHelcim],
        ['At Helcim, not recorded by this counter', rec.notInJournal],
        ['Amounts differ', rec.amountMismatch],
      ].map(([label, ids]) =>
        (ids as string[]).length ? (
          <p key={label as string} data-testid="report-diff">
            {label}: Helcim transaction {(ids as string[]).join(', ')}
          </p>
        ) : null,
      )}
      {notice && (
        <p className="notice good" role="status" data-testid="report-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" data-testid="report-csv" onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" className="secondary" data-testid="report-pdf" onClick={() => void exportAs('pdf')}>
          Export PDF
        </button>
        {report.kind === 'x' && !confirming && (
          <button type="button" className="primary" data-testid="report-close-day" onClick={() => setConfirming(true)}>
            Close the day (Z)…
          </button>
        )}
        {report.kind === 'x' && confirming && (
          <>
            <button
              type="button"
              className="primary"
              data-testid="report-confirm-z"
              disabled={closing}
              onClick={() => void closeDay().then(() => setConfirming(false))}
            >
              {closing ? 'Closing…' : 'Yes, close the day'}
            </button>
            <button type="button" className="secondary" data-testid="report-cancel-z" disabled={closing} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        )}
        {report.kind === 'z' && (
          <button type="button" className="secondary" onClick={() => void loadX()}>
            New X report
          </button>
        )}
      </div>
    </section>
  );
}
