import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../common/contract';
import { cardLabel, formatCents, readAmount } from '../base/format';
import { describedBy, FieldError } from '../shared/FieldError';
import { useReturns } from './returns-store';
import { ManagerApproval, overrideWaitingFor } from '../shared/ManagerApproval';
import { SendFooter } from '../shared/SendFooter';
import { TrainingTerminal } from '../sale/TerminalPanel';
import { useT } from '../base/i18n';
import { ReturnLines } from './ReturnLines';
import { amountToReturn, pickedLines, useReturnLines } from './return-lines-store';

/** Refund or void one payment. A manager chooses their name and types their PIN right here. */
export function ReturnPanel({ status }: { status: AppStatus }) {
  const { selected: tx, action, busy, error, done, submit, close, search, onTerminal } = useReturns();
  const { t } = useT();
  const [amount, setAmount] = useState(tx ? (tx.refundableCents / 100).toFixed(2) : '');
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  // A payment of a sale with lines: a refund picks what comes back, line by line; main says the amount.
  const lines = useReturnLines();
  if (!tx || !action) return null;

  const isRefund = action === 'refund';
  const byLine = isRefund && lines.sale !== null;
  const read = isRefund ? readAmount(amount, tx.refundableCents) : { cents: tx.amountCents };
  const { cents, error: amountError } = amountToReturn(byLine, lines.quote, read, {
    pickFirst: t('returnLines.pickFirst'),
    tooMuch: t('refund.moreThanRefundable'),
    zero: t('refund.moreThanZero', { zero: formatCents(0, tx.currency) }),
  });
  // Why the button is not ready yet, said next to it.
  const waitingFor = amountError ? t('common.validAmount') : overrideWaitingFor(managerId, pin);

  if (onTerminal) return <RefundOnTerminal status={status} />;
  if (done)
    return (
      <section
        className={`result ${done.outcome === 'approved' ? 'good' : 'bad'}`}
        role="status"
        data-testid="return-result"
        data-outcome={done.outcome}
      >
        <h1>
          {done.outcome === 'approved'
            ? isRefund
              ? t('refund.refunded', { amount: formatCents(done.amountCents, done.currency) })
              : t('refund.voided')
            : t('refund.notDone')}
        </h1>
        <p>{done.message}</p>
        <button
          type="button"
          className="primary"
          data-testid="return-done"
          onClick={() => {
            close();
            void search({ date: tx.dateCreated.slice(0, 10) });
          }}
        >
          {t('refund.backToTransactions')}
        </button>
      </section>
    );

  return (
    <section className="panel narrow" aria-label={t('refund.kind', { kind: action })}>
      <h1>{t('refund.heading', { kind: action, amount: formatCents(tx.amountCents, tx.currency) })}</h1>
      <p className="muted">
        {cardLabel(tx.cardType, tx.cardLast4)} · {tx.dateCreated} · {t('refund.helcimId', { id: tx.transactionId })}
      </p>
      {tx.returnNote && (
        <p className="notice" data-testid="ret-how">
          {tx.returnNote}
        </p>
      )}
      {isRefund && <ReturnLines transactionId={tx.transactionId} />}
      {isRefund && !byLine ? (
        <>
          <label htmlFor="ret-amount">
            {t('refund.amountLabel', { max: formatCents(tx.refundableCents, tx.currency) })}
          </label>
          <div className="row">
            <input
              id="ret-amount"
              data-testid="ret-amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              {...describedBy('ret-amount-error', amountError)}
            />
            <button
              type="button"
              className="secondary"
              onClick={() => setAmount((tx.refundableCents / 100).toFixed(2))}
            >
              {t('refund.full')}
            </button>
          </div>
          <FieldError id="ret-amount-error" message={amountError} />
        </>
      ) : (
        !isRefund && <p>{t('refund.voidWhole')}</p>
      )}
      <ManagerApproval
        managerId={managerId}
        setManagerId={setManagerId}
        pin={pin}
        setPin={setPin}
        covers={t('refund.covers', { kind: action, name: status.session?.name ?? '' })}
        error={error}
      />
      <SendFooter
        prefix="ret"
        error={error}
        waitingFor={waitingFor}
        busy={busy}
        label={
          isRefund && cents
            ? t('refund.authorizeAmount', { amount: formatCents(cents, tx.currency) })
            : t('refund.authorize', { kind: action })
        }
        onCancel={close}
        onSend={() => {
          void submit({ amountCents: cents!, managerId, pin, ...(byLine ? { lines: pickedLines(lines.picks) } : {}) });
          setPin('');
        }}
      />
    </section>
  );
}

/** A debit refund waiting on the terminal: the customer inserts or taps the card there. */
function RefundOnTerminal({ status }: { status: AppStatus }) {
  const { onTerminal, checkTerminal, terminalCancelled } = useReturns();
  const { t } = useT();
  useEffect(() => {
    const timer = setInterval(() => void checkTerminal(), 1_000);
    return () => clearInterval(timer);
  }, [checkTerminal]);
  if (!onTerminal) return null;
  return (
    <section className="terminal-wait" aria-label={t('refund.onTerminal')} data-testid="refund-on-terminal">
      <div>
        <h1>
          {t('refund.heading', { kind: 'refund', amount: formatCents(onTerminal.amountCents, onTerminal.currency) })}
        </h1>
        <p className="big" role="status">
          {onTerminal.message}
        </p>
        <button
          type="button"
          className="secondary"
          data-testid="refund-terminal-cancelled"
          onClick={() => void terminalCancelled()}
        >
          {t('terminal.customerCancelled')}
        </button>
      </div>
      {status.mode === 'training' && status.terminalCode && <TrainingTerminal deviceCode={status.terminalCode} />}
    </section>
  );
}
