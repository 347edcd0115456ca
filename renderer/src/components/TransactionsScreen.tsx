import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../preload/contract';
import { brandName, formatCents, readAmount, today } from '../format';
import { describedBy, FieldError } from './FieldError';
import { useReturns } from '../store/returns';
import { ReturnPanel } from './ReturnPanel';
import { HoldPanel, OpenHolds } from './HoldsPanel';
import { useHolds } from '../store/holds';

export function TransactionsScreen({ status }: { status: AppStatus }) {
  const { results, searching, selected, error, search, choose } = useReturns();
  const [date, setDate] = useState(today());
  const [amount, setAmount] = useState('');
  const [last4, setLast4] = useState('');
  const [invoice, setInvoice] = useState('');
  const read = amount.trim() ? readAmount(amount) : null;
  const amountError = read && 'error' in read ? read.error : null;
  const amountCents = read && 'cents' in read ? read.cents : undefined;
  const last4Error = last4 && !/^\d{4}$/.test(last4) ? 'Type all four last digits of the card.' : null;
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
    <section className="panel wide" aria-label="Transactions">
      <h1>Transactions &amp; refunds</h1>
      <OpenHolds status={status} />
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) run();
        }}
      >
        <label>
          Date
          <input type="date" data-testid="f-date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          Amount
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
          Card last 4
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
          Invoice
          <input data-testid="f-invoice" value={invoice} maxLength={40} onChange={(e) => setInvoice(e.target.value)} />
        </label>
        <button type="submit" className="primary" data-testid="f-search" disabled={!valid || searching}>
          {searching ? 'Searching…' : 'Search'}
        </button>
      </form>
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      {results && results.length === 0 && <p className="muted">No card payments match.</p>}
      {results && results.length > 0 && (
        <table className="tx-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Amount</th>
              <th>Card</th>
              <th>Invoice</th>
              <th>Batch</th>
              <th>Refundable</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {results.map((t) => (
              <tr key={t.transactionId} data-testid={`tx-${t.transactionId}`}>
                <td>{t.dateCreated.slice(11, 16)}</td>
                <td>{formatCents(t.amountCents, t.currency)}</td>
                <td>{t.cardLast4 ? `${brandName(t.cardType)} •••• ${t.cardLast4}` : brandName(t.cardType)}</td>
                <td>{t.invoiceNumber ?? '—'}</td>
                <td>{t.settled ? 'settled' : 'open'}</td>
                <td>{formatCents(t.refundableCents, t.currency)}</td>
                <td>
                  {t.canRefund && (
                    <button type="button" className="secondary small" data-testid="refund" onClick={() => choose(t, 'refund')}>
                      Refund…
                    </button>
                  )}
                  {!t.canRefund && !t.canReverse && t.returnBy === 'terminal-refund' && <span className="muted small">{t.returnNote}</span>}
                  {t.canReverse && (
                    <button type="button" className="secondary small" data-testid="void" onClick={() => choose(t, 'reverse')}>
                      Void…
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
