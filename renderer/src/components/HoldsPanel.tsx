import { useEffect, useState } from 'react';
import type { AppStatus, HoldView } from '../../../preload/contract';
import { brandName, formatCents, readAmount } from '../format';
import { useHolds } from '../store/holds';
import { describedBy, FieldError } from './FieldError';
import { ManagerApproval, overrideWaitingFor } from './ManagerApproval';
import { SendFooter } from './SendFooter';

const cardOf = (h: HoldView) => (h.cardLast4 ? `${brandName(h.cardType)} •••• ${h.cardLast4}` : brandName(h.cardType));

/** Open holds on the transactions screen: each can be captured, or released while its batch is open. */
export function OpenHolds({ status }: { status: AppStatus }) {
  const { holds, load, choose } = useHolds();
  const caps = status.session?.capabilities;
  // Asked once when the screen opens (not on every status refresh: each list costs Helcim calls).
  const canList = !!caps?.['holds.list'];
  useEffect(() => {
    if (canList) void load();
  }, [canList, load]);
  if (!holds || holds.length === 0) return null;
  return (
    <section aria-label="Open holds" className="holds" data-testid="open-holds">
      <h2>Open holds</h2>
      <table className="tx-table">
        <thead>
          <tr>
            <th>Placed</th>
            <th>Held</th>
            <th>Card</th>
            <th>Invoice</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {holds.map((h) => (
            <tr key={h.transactionId} data-testid={`hold-${h.transactionId}`}>
              <td>{h.time.slice(0, 16).replace('T', ' ')}</td>
              <td>{formatCents(h.amountCents, h.currency)}</td>
              <td>{cardOf(h)}</td>
              <td>{h.invoiceNumber ?? '—'}</td>
              <td>
                {caps?.['capture.submit'] && (
                  <button type="button" className="secondary small" data-testid="capture" onClick={() => choose(h, 'capture')}>
                    Capture…
                  </button>
                )}
                {h.releasable && caps?.['release.submit'] ? (
                  <button type="button" className="secondary small" data-testid="release" onClick={() => choose(h, 'release')}>
                    Release…
                  </button>
                ) : (
                  !h.releasable && <span className="muted small">{h.note}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Capture or release one hold. */
export function HoldPanel({ status }: { status: AppStatus }) {
  const { selected: h, action, busy, error, done, capture, release, close, load } = useHolds();
  const [amount, setAmount] = useState(h ? (h.amountCents / 100).toFixed(2) : '');
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  if (!h || !action) return null;
  const isCapture = action === 'capture';
  const read = readAmount(amount, h.amountCents);
  const cents = 'cents' in read && read.cents > 0 ? read.cents : null;
  const amountError =
    'error' in read ? (read.error.startsWith('The most') ? 'That is more than the hold.' : read.error) : cents ? null : 'A capture is more than $0.00.';
  const waitingFor = isCapture ? (amountError ? 'a valid amount' : null) : overrideWaitingFor(managerId, pin);

  if (done)
    return (
      <section className={`result ${done.outcome === 'approved' ? 'good' : 'bad'}`} role="status" data-testid="hold-result" data-outcome={done.outcome}>
        <h1>{done.outcome !== 'approved' ? 'Not done' : isCapture ? `Captured ${formatCents(done.amountCents, done.currency)}` : 'Hold released'}</h1>
        <p>{done.message}</p>
        <button
          type="button"
          className="primary"
          data-testid="hold-done"
          onClick={() => {
            close();
            void load();
          }}
        >
          Back to transactions
        </button>
      </section>
    );

  return (
    <section className="panel narrow" aria-label={isCapture ? 'Capture a hold' : 'Release a hold'}>
      <h1>
        {isCapture ? 'Capture' : 'Release'} hold of {formatCents(h.amountCents, h.currency)}
      </h1>
      <p className="muted">
        {cardOf(h)} · {h.time.slice(0, 16).replace('T', ' ')} · Helcim {h.transactionId}
      </p>
      {isCapture ? (
        <>
          <label htmlFor="cap-amount">Amount to take (up to {formatCents(h.amountCents, h.currency)})</label>
          <input
            id="cap-amount"
            data-testid="cap-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            {...describedBy('cap-amount-error', amountError)}
          />
          <FieldError id="cap-amount-error" message={amountError} />
          <p className="muted small">The customer pays this amount; the rest of the hold is given back.</p>
        </>
      ) : (
        <>
          <p>Releasing gives the whole hold back to the customer: nothing is charged.</p>
          <ManagerApproval
            managerId={managerId}
            setManagerId={setManagerId}
            pin={pin}
            setPin={setPin}
            covers={`The approval covers releasing this one hold for ${status.session?.name}, and expires in 60 seconds.`}
          />
        </>
      )}
      <SendFooter
        prefix="hold"
        error={error}
        waitingFor={waitingFor}
        busy={busy}
        label={isCapture ? `Capture ${cents ? formatCents(cents, h.currency) : ''}` : 'Authorize release'}
        onCancel={close}
        onSend={() => {
          if (isCapture) void capture(cents!);
          else {
            void release(managerId, pin);
            setPin('');
          }
        }}
      />
    </section>
  );
}
