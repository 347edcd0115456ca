import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../common/contract';
import { brandName, formatCents, readAmount, today } from '../base/format';
import { describedBy, FieldError } from '../shared/FieldError';
import { useReturns } from './returns-store';
import { ReturnPanel } from './ReturnPanel';
import { HoldPanel, OpenHolds } from './HoldsPanel';
import { useHolds } from './holds-store';
import { useT } from '../base/i18n';

export function TransactionsScreen({ status }: { status: AppStatus }) {
  const { results, searching, selected, error, search, choose } = useReturns();
  const { t, time } = useT();
  const [date, setDate] = useState(today());
  const [amount, setAmount] = useState('');
  const [last4, setLast4] = useState('');
  const [invoice, setInvoice] = useState('');
  const read = amount.trim() ? readAmount(amount) : null;
  const amountError = read && 'error' in read ? read.error : null;
  const amountCents = read && 'cents' in read ? read.cents : undefined;
  const last4Error = last4 && !/^\d{4}$/.test(last4) ? t('tx.last4Error') : null;
  const valid = !amountError && !last4Error;

  const run = () =>
    void search({
      date: date || undefined,
      amountCents: amountCents ?? undefined,
      last4: last4 || undefined,
      invoiceNumber: invoice.trim() || undefined,
    });
  useEffect(() => {
    if (!results) run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const holdSelected = useHolds((h) => h.selected);
  if (selected) return <ReturnPanel status={status} />;
  if (holdSelected) return <HoldPanel status={status} />;

  return (
    <section className="panel wide" aria-label={t('tx.region')}>
      <h1>{t('tx.heading')}</h1>
      <OpenHolds status={status} />
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) run();
        }}
      >
        <label>
          {t('tx.date')}
          <input type="date" data-testid="f-date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {t('tx.amount')}
          <input
            data-testid="f-amount"
            inputMode="decimal"
            placeholder="12.34"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            {...describedBy('f-amount-error', amountError)}
          />
          <FieldError id="f-amount-error" message={amountError} />
        </label>
        <label>
          {t('tx.last4')}
          <input
            data-testid="f-last4"
            inputMode="numeric"
            maxLength={4}
            value={last4}
            onChange={(e) => setLast4(e.target.value.replace(/\D/g, ''))}
            {...describedBy('f-last4-error', last4Error)}
          />
          <FieldError id="f-last4-error" message={last4Error} />
        </label>
        <label>
          {t('tx.invoice')}
          <input data-testid="f-invoice" value={invoice} maxLength={40} onChange={(e) => setInvoice(e.target.value)} />
        </label>
        <button type="submit" className="primary" data-testid="f-search" disabled={!valid || searching}>
          {searching ? t('tx.searching') : t('tx.search')}
        </button>
      </form>
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      {results && results.length === 0 && <p className="muted">{t('tx.none')}</p>}
      {results && results.length > 0 && (
        <table className="tx-table">
          <thead>
            <tr>
              <th>{t('tx.time')}</th>
              <th>{t('tx.amount')}</th>
              <th>{t('tx.card')}</th>
              <th>{t('tx.invoice')}</th>
              <th>{t('tx.batch')}</th>
              <th>{t('tx.refundable')}</th>
              <th>
                <span className="sr-only">{t('tx.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {results.map((tx) => (
              <tr key={tx.transactionId} data-testid={`tx-${tx.transactionId}`}>
                <td>{time(tx.dateCreated)}</td>
                <td>{formatCents(tx.amountCents, tx.currency)}</td>
                <td>{tx.cardLast4 ? `${brandName(tx.cardType)} •••• ${tx.cardLast4}` : brandName(tx.cardType)}</td>
                <td>{tx.invoiceNumber ?? '—'}</td>
                <td>{t('tx.batchState', { settled: String(tx.settled) })}</td>
                <td>{formatCents(tx.refundableCents, tx.currency)}</td>
                <td>
                  {tx.canRefund && (
                    <button
                      type="button"
                      className="secondary small"
                      data-testid="refund"
                      onClick={() => choose(tx, 'refund')}
                    >
                      {t('tx.refund')}
                    </button>
                  )}
                  {!tx.canRefund && !tx.canReverse && tx.returnBy === 'terminal-refund' && (
                    <span className="muted small">{tx.returnNote}</span>
                  )}
                  {tx.canReverse && (
                    <button
                      type="button"
                      className="secondary small"
                      data-testid="void"
                      onClick={() => choose(tx, 'reverse')}
                    >
                      {t('tx.void')}
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
