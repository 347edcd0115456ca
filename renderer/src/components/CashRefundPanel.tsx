import { useState } from 'react';
import { formatCents, readAmount } from '../format';
import { useHistory } from '../store/history';
import { describedBy, FieldError } from './FieldError';
import { ManagerApproval, overrideWaitingFor } from './ManagerApproval';

/** Cash handed back for a cash sale, from the drawer: an amount (at most the sale's cash) and a manager's PIN. */
export function CashRefundPanel({ onDone }: { onDone: () => void }) {
  const { refunding: row, refunded, refundError, refundCash, startCashRefund } = useHistory();
  const [amount, setAmount] = useState(row ? (row.amountCents / 100).toFixed(2) : '');
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  if (!row) return null;
  const read = readAmount(amount, row.amountCents);
  const cents = 'cents' in read ? read.cents : null;
  const amountError =
    'error' in read
      ? read.error.startsWith('The most')
        ? 'That is more than this sale was paid in cash.'
        : read.error
      : cents === 0
        ? 'More than $0.00.'
        : null;
  const waitingFor = amountError ? 'a valid amount' : overrideWaitingFor(managerId, pin);
  if (refunded)
    return (
      <section className="result good" role="status" data-testid="cash-refund-result">
        <h1>Cash refund {formatCents(refunded.amountCents, refunded.currency)}</h1>
        <p>{refunded.message}</p>
        <button
          type="button"
          className="primary"
          data-testid="cash-refund-done"
          onClick={() => {
            startCashRefund(null);
            onDone();
          }}
        >
          Back to history
        </button>
      </section>
    );
  return (
    <section className="panel narrow" aria-label="Cash refund" data-testid="cash-refund">
      <h1>Cash refund · sale #{row.saleNumber}</h1>
      <p className="muted">Paid {formatCents(row.amountCents, row.currency)} in cash. The refund comes out of the drawer.</p>
      <label htmlFor="cash-refund-amount">Amount to hand back</label>
      <input
        id="cash-refund-amount"
        data-testid="cash-refund-amount"
        inputMode="decimal"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        {...describedBy('cash-refund-amount-error', amountError)}
      />
      <FieldError id="cash-refund-amount-error" message={amountError} />
      <ManagerApproval managerId={managerId} setManagerId={setManagerId} pin={pin} setPin={setPin} covers={`Covers this cash refund only.`} />
      {refundError && (
        <p className="notice error" role="alert" data-testid="cash-refund-error">
          {refundError.message}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => startCashRefund(null)} disabled={busy}>
          Back
        </button>
        <button
          type="button"
          className="primary"
          data-testid="cash-refund-submit"
          disabled={busy || waitingFor !== null}
          onClick={() => {
            setBusy(true);
            void refundCash(cents!, managerId, pin).finally(() => setBusy(false));
          }}
        >
          Hand back {cents ? formatCents(cents, row.currency) : ''}
        </button>
      </div>
      {waitingFor && <p className="muted small">Waiting for {waitingFor}.</p>}
    </section>
  );
}
