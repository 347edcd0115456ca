import { useEffect, useState } from 'react';
import { brandName, formatCents, readAmount, today } from '../base/format';
import { describedBy, FieldError } from '../shared/FieldError';
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
  const [date, setDate] = useState(today());
  const [amount, setAmount] = useState('');
  const [last4, setLast4] = useState('');
  const read = amount.trim() ? readAmount(amount) : null;
  const amountError = read && 'error' in read ? read.error : null;
  const cents = read && 'cents' in read ? read.cents : undefined;
  const run = () => void search({ date, amountCents: cents, last4: last4 || undefined });
  useEffect(() => {
    run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (receipt) return <ReceiptView />;
  if (refunding) return <CashRefundPanel onDone={run} />;
  return (
    <section className="panel wide" aria-label={t('tab.history')}>
      <h1>{t('tab.history')}</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (!amountError) run();
        }}
      >
        <label>
          {t('tx.date')}
          <input type="date" data-testid="h-date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {t('tx.amount')}
          <input
            data-testid="h-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            {...describedBy('h-amount-error', amountError)}
          />
          <FieldError id="h-amount-error" message={amountError} />
        </label>
        <label>
          {t('tx.last4')}
          <input
            data-testid="h-last4"
            inputMode="numeric"
            maxLength={4}
            value={last4}
            onChange={(e) => setLast4(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <button type="submit" className="primary" data-testid="h-search" disabled={!!amountError}>
          {t('tx.search')}
        </button>
        {canSearchShop && (
          <button
            type="button"
            className="secondary"
            data-testid="h-search-shop"
            disabled={!!amountError}
            onClick={() => void searchShop({ date, amountCents: cents, last4: last4 || undefined })}
          >
            {t('history.searchShop')}
          </button>
        )}
      </form>
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
            <table className="tx-table">
              <thead>
                <tr>
                  <th>{t('report.shopCounter')}</th>
                  <th>{t('tx.time')}</th>
                  <th>{t('history.what')}</th>
                  <th>{t('tx.amount')}</th>
                  <th>{t('tx.card')}</th>
                  <th>{t('history.result')}</th>
                  <th>{t('history.staff')}</th>
                </tr>
              </thead>
              <tbody>
                {shopRows.map((r) => (
                  <tr key={`${r.counter}-${r.attemptId}`} data-testid={`h-shop-row-${r.attemptId}`}>
                    <td>{r.thisCounter ? t('report.shopThis', { prefix: r.counter }) : r.counter}</td>
                    <td>{time(r.time)}</td>
                    <td>
                      {t('history.kind', { kind: r.tender === 'cash' && r.kind === 'purchase' ? 'cash' : r.kind })}
                    </td>
                    <td>{formatCents(r.amountCents, r.currency)}</td>
                    <td>{r.cardLast4 ? `${brandName(r.cardType)} •••• ${r.cardLast4}` : '—'}</td>
                    <td>{t('history.state', { state: r.state })}</td>
                    <td>{r.staffName ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {rows && rows.length === 0 && <p className="muted">{t('history.none')}</p>}
      {rows && rows.length > 0 && (
        <table className="tx-table">
          <thead>
            <tr>
              <th>{t('tx.time')}</th>
              <th>{t('history.what')}</th>
              <th>{t('tx.amount')}</th>
              <th>{t('tx.card')}</th>
              <th>{t('history.result')}</th>
              <th>{t('history.staff')}</th>
              <th>{t('history.source')}</th>
              <th>
                <span className="sr-only">{t('history.receipt')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.attemptId ?? `h-${r.transactionId}`} data-testid={`h-row-${r.transactionId ?? r.attemptId}`}>
                <td>{time(r.time)}</td>
                <td>
                  {t('history.kind', { kind: r.kind })}
                  {r.training ? t('history.training') : ''}
                </td>
                <td>{formatCents(r.amountCents, r.currency)}</td>
                <td>{r.cardLast4 ? `${brandName(r.cardType)} •••• ${r.cardLast4}` : '—'}</td>
                <td>{t('history.state', { state: r.state })}</td>
                <td>
                  {r.staffName ?? '—'}
                  {r.approverName ? ` / ${r.approverName}` : ''}
                </td>
                <td>{t('history.sourceOf', { source: r.source })}</td>
                <td>
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
