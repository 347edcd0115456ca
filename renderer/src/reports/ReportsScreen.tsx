import { useEffect, useState } from 'react';
import type { DayReport, ReportLine } from '../../../common/contract';
import {
  DIFFERENCES,
  OTHER_COUNTERS,
  reportSections,
  shopLineSections,
  drawerLines,
  lineLabel,
  type ReportGroup,
} from '../../../common/i18n/report';
import type { MessageKey } from '../../../common/i18n/index';
import { formatCents } from '../base/format';
import { useReports } from './reports-store';
import { useT } from '../base/i18n';
import { ResultsTable } from '../shared/ResultsTable';
import { useShop } from '../shop/shop-store';
import { useStatus } from '../base/status-store';

function Lines({
  title,
  group,
  rows,
  currency,
}: {
  title: string;
  group: ReportGroup | null;
  rows: ReportLine[];
  currency: DayReport['currency'];
}) {
  const tr = useT();
  const { t } = tr;
  return (
    <div>
      <h2>{title}</h2>
      <ResultsTable
        columns={[
          {
            header: t('report.csv.group'),
            hidden: true,
            cell: (l) => (group ? lineLabel(tr, group, l.key, l.names) : l.key),
          },
          { header: t('report.count'), cell: (l) => l.count },
          { header: t('report.total'), cell: (l) => formatCents(l.cents, currency) },
        ]}
        rows={rows}
        rowKey={(l) => l.key}
      />
    </div>
  );
}

/** At a counter linked to a shop database: the whole shop's day, counter by counter, and the sum. */
function WholeShop() {
  const linked = useStatus((s) => !!s.status?.shopDatabase?.linked);
  const { report, reportError, loadReport, closeShopDay, shopZ, shopZError, busy } = useShop();
  const [confirming, setConfirming] = useState(false);
  const { t, money } = useT();
  useEffect(() => {
    if (linked) void loadReport();
  }, [linked, loadReport]);
  if (!linked) return null;
  return (
    <section data-testid="shop-report" aria-label={t('report.shopTitle')}>
      <h2>{t('report.shopTitle')}</h2>
      {reportError && (
        <p className="notice warn" role="status">
          {reportError.message}
        </p>
      )}
      {report && report.unsealedRows > 0 && (
        <p className="notice warn" role="alert" data-testid="shop-unsealed">
          {t('report.shopUnsealed', { count: report.unsealedRows })}
        </p>
      )}
      {report?.missingRows.map((m) => (
        <p key={m.invoicePrefix} className="notice warn" role="alert" data-testid={`shop-missing-${m.invoicePrefix}`}>
          {t('report.shopMissing', { counter: m.invoicePrefix, count: m.payments })}
        </p>
      ))}
      {report && (
        <ResultsTable
          columns={[
            {
              header: t('report.shopCounter'),
              cell: (c) => (c.thisCounter ? t('report.shopThis', { prefix: c.invoicePrefix }) : c.invoicePrefix),
            },
            { header: t('report.shopCard'), cell: (c) => formatCents(c.cardCents, report.currency) },
            { header: t('report.shopCash'), cell: (c) => formatCents(c.cashCents, report.currency) },
            { header: t('report.total'), cell: (c) => formatCents(c.netCents, report.currency) },
          ]}
          rows={report.counters}
          rowKey={(c) => c.counterId}
          rowTestId={(c) => `shop-counter-${c.invoicePrefix}`}
          footer={
            <tr data-testid="shop-total">
              <th>{t('report.shopTotal')}</th>
              <td />
              <td />
              <th>{formatCents(report.netCents, report.currency)}</th>
            </tr>
          }
        />
      )}
      {report && (
        <div className="report-grid" data-testid="shop-lines">
          {shopLineSections(report).map((s) => (
            <Lines key={s.group} title={t(s.title)} group={s.group} rows={s.lines} currency={report.currency} />
          ))}
        </div>
      )}
      <div className="row">
        {!confirming ? (
          <button type="button" className="secondary" data-testid="shop-z" onClick={() => setConfirming(true)}>
            {t('report.shopZ')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              data-testid="shop-z-confirm"
              disabled={busy}
              onClick={() => void closeShopDay().then(() => setConfirming(false))}
            >
              {t('report.shopZConfirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        )}
      </div>
      {shopZ && (
        <p className="notice good" role="status" data-testid="shop-z-done">
          {t('report.shopZDone', {
            number: shopZ.number,
            total: money(shopZ.netCents, report?.currency ?? 'CAD'),
            count: shopZ.counters.length,
          })}
        </p>
      )}
      {shopZ && (
        <div className="report-grid" data-testid="shop-z-lines">
          {shopLineSections(shopZ).map((s) => (
            <Lines
              key={s.group}
              title={t(s.title)}
              group={s.group}
              rows={s.lines}
              currency={report?.currency ?? 'CAD'}
            />
          ))}
        </div>
      )}
      {shopZError && (
        <p className="notice error" role="alert" data-testid="shop-z-error">
          {shopZError.message}
        </p>
      )}
    </section>
  );
}

/** Managers: the running X report, closing the day with a Z report, CSV and PDF export. */
export function ReportsScreen() {
  const { report, error, notice, closing, loadX, closeDay, exportAs } = useReports();
  const [confirming, setConfirming] = useState(false);
  const { t, dateTime } = useT();
  useEffect(() => void loadX(), [loadX]);
  if (!report) return <p className="loading">{error?.message ?? t('report.adding')}</p>;
  const rec = report.reconciliation;
  const drawerRows = (d: NonNullable<DayReport['drawer']>) =>
    drawerLines(d)
      .filter(([, cents]) => cents !== null)
      .map(([key, cents]: [MessageKey, number | null]) => ({ key: t(key), count: 0, cents: cents! }));
  return (
    <section className="panel wide" aria-label={t('tab.reports')} data-testid="report" data-kind={report.kind}>
      <h1>{t('report.heading', { kind: report.kind, number: report.number ?? 0 })}</h1>
      <p className="muted">
        {dateTime(report.from)} → {dateTime(report.to)}
      </p>
      <p className="big" data-testid="report-net">
        {t('report.net', { amount: formatCents(report.netCents, report.currency) })}
      </p>
      <div className="report-grid">
        {reportSections(report).map((s) => (
          <Lines key={s.group} title={t(s.title)} group={s.group} rows={s.rows(report)} currency={report.currency} />
        ))}
        {report.drawer && (
          <Lines
            title={t('report.drawer.title', { open: String(report.drawer.open) })}
            group={null}
            rows={drawerRows(report.drawer)}
            currency={report.currency}
          />
        )}
      </div>
      <WholeShop />
      <h2>{t('report.checked')}</h2>
      <p
        className={`notice ${rec.checked && !rec.missingAtHelcim.length && !rec.notInJournal.length && !rec.amountMismatch.length && !(rec.invoices ?? []).length ? 'good' : 'warn'}`}
        data-testid="report-reconciliation"
      >
        {rec.message}
      </p>
      {DIFFERENCES.map((d) =>
        d.ids(rec).length ? (
          <p key={d.title} data-testid="report-diff">
            {d.sentences
              ? t('report.diffSentences', { title: t(d.title), lines: d.ids(rec).join(' · ') })
              : t('report.diffLine', { title: t(d.title), ids: d.ids(rec).join(', ') })}
          </p>
        ) : null,
      )}
      {OTHER_COUNTERS.ids(rec).length > 0 && (
        <p className="muted" data-testid="report-other-counters">
          {t('report.diffLine', { title: t(OTHER_COUNTERS.title), ids: OTHER_COUNTERS.ids(rec).join(', ') })}
        </p>
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
          {t('report.exportCsv')}
        </button>
        <button type="button" className="secondary" data-testid="report-pdf" onClick={() => void exportAs('pdf')}>
          {t('report.exportPdf')}
        </button>
        {report.kind === 'x' && !confirming && (
          <button type="button" className="primary" data-testid="report-close-day" onClick={() => setConfirming(true)}>
            {t('report.closeDay')}
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
              {closing ? t('report.closing') : t('report.confirmClose')}
            </button>
            <button
              type="button"
              className="secondary"
              data-testid="report-cancel-z"
              disabled={closing}
              onClick={() => setConfirming(false)}
            >
              {t('common.cancel')}
            </button>
          </>
        )}
        {report.kind === 'z' && (
          <button type="button" className="secondary" onClick={() => void loadX()}>
            {t('report.newX')}
          </button>
        )}
      </div>
    </section>
  );
}
