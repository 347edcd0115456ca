import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../preload/contract';
import { brandName, formatCents, readAmount } from '../format';
import { describedBy, FieldError } from './FieldError';
import { useReturns } from '../store/returns';
import { ManagerApproval, overrideWaitingFor } from './ManagerApproval';
import { SendFooter } from './SendFooter';
import { TrainingTerminal } from './TerminalPanel';

/** Refund or void one payment. A manager chooses their name and types their PIN right here. */
export function ReturnPanel({ status }: { status: AppStatus }) {
  const { selected: t, action, busy, error, done, submit, close, search, onTerminal } = useReturns();
  const [amount, setAmount] = useState(t ? (t.refundableCents / 100).toFixed(2) : '');
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  if (!t || !action) return null;

  const isRefund = action === 'refund';
  const read = isRefund ? readAmount(amount, t.refundableCents) : { cents: t.amountCents };
  const cents = 'cents' in read ? read.cents : null;
  const amountError =
    'error' in read
      ? read.error.startsWith('The most')
        ? 'That is more than can still be refunded.'
        : read.error
      : cents === 0
        ? 'A refund is more than $0.00.'
        : null;
  // Why the button is not ready yet, said next to it.
  const waitingFor = amountError ? 'a valid amount' : overrideWaitingFor(managerId, pin);

  if (onTerminal) return <RefundOnTerminal status={status} />;
  if (done)
    return (
      <section className={`result ${done.outcome === 'approved' ? 'good' : 'bad'}`} role="status" data-testid="return-result" data-outcome={done.outcome}>
        <h1>{done.outcome === 'approved' ? (isRefund ? `Refunded ${formatCents(done.amountCents, done.currency)}` : 'Payment voided') : 'Not done'}</h1>
        <p>{done.message}</p>
        <button
          type="button"
          className="primary"
          data-testid="return-done"
          onClick={() => {
            close();
            void search({ date: t.dateCreated.slice(0, 10) });
          }}
        >
          Back to transactions
        </button>
      </section>
    );

  return (
    <section className="panel narrow" aria-label={isRefund ? 'Refund' : 'Void'}>
      <h1>
        {isRefund ? 'Refund' : 'Void'} {formatCents(t.amountCents, t.currency)}
      </h1>
      <p className="muted">
        {t.cardLast4 ? `${brandName(t.cardType)} •••• ${t.cardLast4}` : brandName(t.cardType)} · {t.dateCreated} · Helcim {t.transactionId}
      </p>
      {t.returnNote && (
        <p className="notice" data-testid="ret-how">
          {t.returnNote}
        </p>
      )}
      {isRefund ? (
        <>
          <label htmlFor="ret-amount">Amount to refund (up to {formatCents(t.refundableCents, t.currency)})</label>
          <div className="row">
            <input
              id="ret-amount"
              data-testid="ret-amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              {...describedBy('ret-amount-error', amountError)}
            />
            <button type="button" className="secondary" onClick={() => setAmount((t.refundableCents / 100).toFixed(2))}>
              Full
            </button>
          </div>
          <FieldError id="ret-amount-error" message={amountError} />
        </>
      ) : (
        <p>The payment has not settled yet, so it is voided whole: the customer is never charged.</p>
      )}
      <ManagerApproval
        managerId={managerId}
        setManagerId={setManagerId}
        pin={pin}
        setPin={setPin}
        covers={`The approval covers this one ${isRefund ? 'refund' : 'void'} for ${status.session?.name}, and expires in 60 seconds.`}
      />
      <SendFooter
        prefix="ret"
        error={error}
        waitingFor={waitingFor}
        busy={busy}
        label={isRefund ? `Authorize refund${cents ? ` of ${formatCents(cents, t.currency)}` : ''}` : 'Authorize void'}
        onCancel={close}
        onSend={() => {
          void submit({ amountCents: cents!, managerId, pin });
          setPin('');
        }}
      />
    </section>
  );
}

/** A debit refund waiting on the terminal: the customer inserts or taps the card there. */
function RefundOnTerminal({ status }: { status: AppStatus }) {
  const { onTerminal, checkTerminal, terminalCancelled } = useReturns();
  useEffect(() => {
    const timer = setInterval(() => void checkTerminal(), 1_000);
    return () => clearInterval(timer);
  }, [checkTerminal]);
  if (!onTerminal) return null;
  return (
    <section className="terminal-wait" aria-label="Refund on the terminal" data-testid="refund-on-terminal">
      <div>
        <h1>Refund {formatCents(onTerminal.amountCents, onTerminal.currency)}</h1>
        <p className="big" role="status">
          {onTerminal.message}
        </p>
        <button type="button" className="secondary" data-testid="refund-terminal-cancelled" onClick={() => void terminalCancelled()}>
          Customer cancelled
        </button>
      </div>
      {status.mode === 'training' && status.terminalCode && <TrainingTerminal deviceCode={status.terminalCode} />}
    </section>
  );
}
