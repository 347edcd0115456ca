import { useEffect, useState } from 'react';
import { brandName, formatCents, readAmount, today } from '../format';
import { describedBy, FieldError } from './FieldError';
import { useShallow } from 'zustand/react/shallow';
import { useHistory } from '../store/history';
import { useReceipt } from '../store/receipt';
import { ReceiptView } from './ReceiptView';
import { CashRefundPanel } from './CashRefundPanel';
import { useStatus } from '../store/status';

const KIND: Record<string, string> = {
  purchase: 'Sale',
  verify: 'Verify',
  preauth: 'Hold',
  capture: 'Capture',
  refund: 'Refund',
  reverse: 'Void',
  release: 'Hold released',
};

/** Today's (or any day's) payments: our journal and Helcim's list, side by side. */
export function HistoryScreen() {
  const { rows, error, search, refunding, startCashRefund } = useHistory(
    useShallow((h) => ({ rows: h.rows, error: h.error, search: h.search, refunding: h.refunding, startCashRefund: h.startCashRefund })),
  );
  const canRefundCash = useStatus((s) => !!s.status?.session?.capabilities['cash.refund']);
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
    <section className="panel wide" aria-label="History">
      <h1>History</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (!amountError) run();
        }}
      >
        <label>
          Date
          <input type="date" data-testid="h-date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          Amount
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
          Card last 4
          <input data-testid="h-last4" inputMode="numeric" maxLength={4} value={last4} onChange={(e) => setLast4(e.target.value.replace(/\D/g, ''))} />
        </label>
        <button type="submit" className="primary" data-testid="h-search" disabled={!!amountError}>
          Search
        </button>
      </form>
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">Nothing on this day.</p>}
      {rows && rows.length > 0 && (
        <table className="tx-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>What</th>
              <th>Amount</th>
              <th>Card</th>
              <th>Result</th>
              <th>Staff</th>
              <th>Source</th>
              <th>
                <span className="sr-only">Receipt</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.attemptId ?? `h-${r.transactionId}`} data-testid={`h-row-${r.transactionId ?? r.attemptId}`}>
                <td>{new Date(r.time.replace(' ', 'T')).toLocaleTimeString('en-CA', { hour: '2-digit', minute: '2-digit' })}</td>
                <td>
                  {KIND[r.kind] ?? r.kind}
                  {r.training ? ' (training)' : ''}
                </td>
                <td>{formatCents(r.amountCents, r.currency)}</td>
                <td>{r.cardLast4 ? `${brandName(r.cardType)} •••• ${r.cardLast4}` : '—'}</td>
                <td>{r.state}</td>
                <td>
                  {r.staffName ?? '—'}
                  {r.approverName ? ` / ${r.approverName}` : ''}
                </td>
                <td>{r.source === 'both' ? 'app + Helcim' : r.source === 'journal' ? 'app only' : 'Helcim only'}</td>
                <td>
                  {r.attemptId && r.state === 'approved' && (
                    <button type="button" className="secondary small" data-testid="h-receipt" onClick={() => void open(r.attemptId!)}>
                      Receipt
                    </button>
                  )}
                  {canRefundCash && r.saleNumber !== undefined && r.state === 'approved' && (
                    <button type="button" className="secondary small" data-testid="h-cash-refund" onClick={() => startCashRefund(r)}>
                      Refund cash…
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
