import { useEffect } from 'react';
import type { HistoryRow, ShopHistoryRow } from '../../../common/contract';
import { cardLabel, formatCents } from '../base/format';
import { FilterForm, LookupFields, useLookupFilters } from '../shared/FilterForm';
import { ResultsTable, type Column } from '../shared/ResultsTable';
import { useShallow } from 'zustand/react/shallow';
import { useHistory } from './history-store';
import { useReceipt } from '../receipts/receipt-store';
import { ReceiptView } from '../receipts/ReceiptView';
import { CashRefundPanel } from './CashRefundPanel';
import { useStatus } from '../base/status-store';
import { useT } from '../base/i18n';

/** Today's (or any day's) payments: our journal and Helcim's list, side by side. */
export function HistoryScreen() {
  const { rows, error, search, refunding, startCashRefund } = useHistory(
    useShallow((h) => ({
      rows: h.rows,
      error: h.error,
      search: h.search,
      refunding: h.refunding,
      startCashRefund: h.startCashRefund,
    })),
  );
  const canRefundCash = useStatus((s) => !!s.status?.session?.capabilities['cash.refund']);
  // A manager at a counter linked to a shop database can search every counter's payments too.
  const canSearchShop = useStatus(
    (s) => !!s.status?.shopDatabase?.linked && !!s.status.session?.capabilities['history.shop'],
  );
  const { shopRows, shopError, searchShop } = useHistory(
    useShallow((h) => ({ shopRows: h.shopRows, shopError: h.shopError, searchShop: h.searchShop })),
  );
  const { t, time } = useT();
  const receipt = useReceipt((r) => r.receipt);
  const open = useReceipt((r) => r.open);
  const filters = useLookupFilters();
  const run = () => void search(filters.values);
  useEffect(() => {
    run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (receipt) return <ReceiptView />;
  if (refunding) return <CashRefundPanel onDone={run} />;

  const shopColumns: Column<ShopHistoryRow>[] = [
    {
      header: t('report.shopCounter'),
      cell: (r) => (r.thisCounter ? t('report.shopThis', { prefix: r.counter }) : r.counter),
    },
    { header: t('tx.time'), cell: (r) => time(r.time) },
    {
      header: t('history.what'),
      cell: (r) => t('history.kind', { kind: r.tender === 'cash' && r.kind === 'purchase' ? 'cash' : r.kind }),
    },
    { header: t('tx.amount'), cell: (r) => formatCents(r.amountCents, r.currency) },
    { header: t('tx.card'), cell: (r) => cardLabel(r.cardType, r.cardLast4, '—') },
    { header: t('history.result'), cell: (r) => t('history.state', { state: r.state }) },
    { header: t('history.staff'), cell: (r) => r.staffName ?? '—' },
  ];
  const columns: Column<HistoryRow>[] = [
    { header: t('tx.time'), cell: (r) => time(r.time) },
    {
      header: t('history.what'),
      cell: (r) => (
        <>
          {t('history.kind', { kind: r.kind })}
          {r.training ? t('history.training') : ''}
        </>
      ),
    },
    { header: t('tx.amount'), cell: (r) => formatCents(r.amountCents, r.currency) },
    { header: t('tx.card'), cell: (r) => cardLabel(r.cardType, r.cardLast4, '—') },
    { header: t('history.result'), cell: (r) => t('history.state', { state: r.state }) },
    {
      header: t('history.staff'),
      cell: (r) => (
        <>
          {r.staffName ?? '—'}
          {r.approverName ? ` / ${r.approverName}` : ''}
        </>
      ),
    },
    { header: t('history.source'), cell: (r) => t('history.sourceOf', { source: r.source }) },
    {
      header: t('history.receipt'),
      hidden: true,
      cell: (r) => (
        <>
          {r.attemptId && r.state === 'approved' && (
            <button
              type="button"
              className="secondary small"
              data-testid="h-receipt"
              onClick={() => void open(r.attemptId!)}
            >
              {t('history.receipt')}
            </button>
          )}
          {canRefundCash && r.saleNumber !== undefined && r.state === 'approved' && (
            <button
              type="button"
              className="secondary small"
              data-testid="h-cash-refund"
              onClick={() => startCashRefund(r)}
            >
              {t('history.refundCash')}
            </button>
          )}
        </>
      ),
    },
  ];

  return (
    <section className="panel wide" aria-label={t('tab.history')}>
      <h1>{t('tab.history')}</h1>
      <FilterForm valid={filters.valid} onSubmit={run}>
        <LookupFields filters={filters} prefix="h" />
        <button type="submit" className="primary" data-testid="h-search" disabled={!filters.valid}>
          {t('tx.search')}
        </button>
        {canSearchShop && (
          <button
            type="button"
            className="secondary"
            data-testid="h-search-shop"
            disabled={!filters.valid}
            onClick={() => void searchShop(filters.values)}
          >
            {t('history.searchShop')}
          </button>
        )}
      </FilterForm>
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      {shopError && (
        <p className="notice error" role="alert" data-testid="h-shop-error">
          {shopError.message}
        </p>
      )}
      {shopRows && (
        <section aria-label={t('history.wholeShop')} data-testid="h-shop">
          <h2>{t('history.wholeShop')}</h2>
          {shopRows.length === 0 ? (
            <p className="muted">{t('history.none')}</p>
          ) : (
            <ResultsTable
              columns={shopColumns}
              rows={shopRows}
              rowKey={(r) => `${r.counter}-${r.attemptId}`}
              rowTestId={(r) => `h-shop-row-${r.attemptId}`}
            />
          )}
        </section>
      )}
      {rows && rows.length === 0 && <p className="muted">{t('history.none')}</p>}
      {rows && rows.length > 0 && (
        <ResultsTable
          columns={columns}
          rows={rows}
          rowKey={(r) => r.attemptId ?? `h-${r.transactionId}`}
          rowTestId={(r) => `h-row-${r.transactionId ?? r.attemptId}`}
        />
      )}
    </section>
  );
}
