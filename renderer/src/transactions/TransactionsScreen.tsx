import { useEffect, useState } from 'react';
import type { AppStatus, TransactionView } from '../../../common/contract';
import { cardLabel, formatCents } from '../base/format';
import { useReturns } from './returns-store';
import { ReturnPanel } from './ReturnPanel';
import { HoldPanel, OpenHolds } from './HoldsPanel';
import { useHolds } from './holds-store';
import { useT } from '../base/i18n';
import { FilterForm, LookupFields, useLookupFilters } from '../shared/FilterForm';
import { ResultsTable, type Column } from '../shared/ResultsTable';

export function TransactionsScreen({ status }: { status: AppStatus }) {
  const { results, searching, selected, error, search, choose } = useReturns();
  const { t, time } = useT();
  const filters = useLookupFilters();
  const [invoice, setInvoice] = useState('');

  const run = () => void search({ ...filters.values, invoiceNumber: invoice.trim() || undefined });
  useEffect(() => {
    if (!results) run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const holdSelected = useHolds((h) => h.selected);
  if (selected) return <ReturnPanel status={status} />;
  if (holdSelected) return <HoldPanel status={status} />;

  const columns: Column<TransactionView>[] = [
    { header: t('tx.time'), cell: (tx) => time(tx.dateCreated) },
    { header: t('tx.amount'), cell: (tx) => formatCents(tx.amountCents, tx.currency) },
    { header: t('tx.card'), cell: (tx) => cardLabel(tx.cardType, tx.cardLast4) },
    { header: t('tx.invoice'), cell: (tx) => tx.invoiceNumber ?? '—' },
    { header: t('tx.batch'), cell: (tx) => t('tx.batchState', { settled: String(tx.settled) }) },
    { header: t('tx.refundable'), cell: (tx) => formatCents(tx.refundableCents, tx.currency) },
    {
      header: t('tx.actions'),
      hidden: true,
      cell: (tx) => (
        <>
          {tx.canRefund && (
            <button type="button" className="secondary small" data-testid="refund" onClick={() => choose(tx, 'refund')}>
              {t('tx.refund')}
            </button>
          )}
          {!tx.canRefund && !tx.canReverse && tx.returnBy === 'terminal-refund' && (
            <span className="muted small">{tx.returnNote}</span>
          )}
          {tx.canReverse && (
            <button type="button" className="secondary small" data-testid="void" onClick={() => choose(tx, 'reverse')}>
              {t('tx.void')}
            </button>
          )}
        </>
      ),
    },
  ];

  return (
    <section className="panel wide" aria-label={t('tx.region')}>
      <h1>{t('tx.heading')}</h1>
      <OpenHolds status={status} />
      <FilterForm valid={filters.valid} onSubmit={run}>
        <LookupFields filters={filters} prefix="f" />
        <label>
          {t('tx.invoice')}
          <input data-testid="f-invoice" value={invoice} maxLength={40} onChange={(e) => setInvoice(e.target.value)} />
        </label>
        <button type="submit" className="primary" data-testid="f-search" disabled={!filters.valid || searching}>
          {searching ? t('tx.searching') : t('tx.search')}
        </button>
      </FilterForm>
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      {results && results.length === 0 && <p className="muted">{t('tx.none')}</p>}
      {results && results.length > 0 && (
        <ResultsTable
          columns={columns}
          rows={results}
          rowKey={(tx) => tx.transactionId}
          rowTestId={(tx) => `tx-${tx.transactionId}`}
        />
      )}
    </section>
  );
}
