import { useState } from 'react';
import { formatCents, readAmount } from '../base/format';
import { useHistory } from './history-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { ManagerApproval, overrideWaitingFor } from '../shared/ManagerApproval';
import { useT } from '../base/i18n';
import { ReturnLines } from './ReturnLines';
import { amountToReturn, pickedLines, useReturnLines } from './return-lines-store';

/** Cash handed back for a cash sale, from the drawer: an amount (at most the sale's cash) and a manager's PIN. */
export function CashRefundPanel({ onDone }: { onDone: () => void }) {
  const { refunding: row, refunded, refundError, refundCash, startCashRefund } = useHistory();
  // What is left to hand back (a second refund starts from the rest, never the whole sale again).
  const left = row ? (row.cashRefundableCents ?? row.amountCents) : 0;
  const [amount, setAmount] = useState(row ? (left / 100).toFixed(2) : '');
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const { t } = useT();
  // A sale with lines: what comes back is picked line by line and main says what it comes to.
  const lines = useReturnLines();
  const byLine = lines.sale !== null;
  if (!row) return null;
  const read = readAmount(amount, left);
  const { cents, error: amountError } = amountToReturn(byLine, lines.quote, read, {
    pickFirst: t('returnLines.pickFirst'),
    tooMuch: t('cashRefund.moreThanCash'),
    zero: t('tender.moreThanZero', { zero: formatCents(0, row.currency) }),
  });
  const waitingFor = amountError ? t('common.validAmount') : overrideWaitingFor(managerId, pin);
  if (refunded)
    return (
      <section className="result good" role="status" data-testid="cash-refund-result">
        <h1>{t('cashRefund.done', { amount: formatCents(refunded.amountCents, refunded.currency) })}</h1>
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
          {t('cashRefund.backToHistory')}
        </button>
      </section>
    );
  return (
    <section className="panel narrow" aria-label={t('cashRefund.region')} data-testid="cash-refund">
      <h1>{t('cashRefund.heading', { number: row.saleNumber ?? '' })}</h1>
      <p className="muted">{t('cashRefund.paid', { amount: formatCents(row.amountCents, row.currency) })}</p>
      {row.saleNumber !== undefined && <ReturnLines saleNumber={String(row.saleNumber)} />}
      {!byLine && (
        <>
          <label htmlFor="cash-refund-amount">{t('cashRefund.amount')}</label>
          <input
            id="cash-refund-amount"
            data-testid="cash-refund-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            {...describedBy('cash-refund-amount-error', amountError)}
          />
          <FieldError id="cash-refund-amount-error" message={amountError} />
        </>
      )}
      <ManagerApproval
        managerId={managerId}
        setManagerId={setManagerId}
        pin={pin}
        setPin={setPin}
        covers={t('cashRefund.covers')}
        error={refundError}
      />
      {refundError && (
        <p className="notice error" role="alert" data-testid="cash-refund-error">
          {refundError.message}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => startCashRefund(null)} disabled={busy}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="cash-refund-submit"
          disabled={busy || waitingFor !== null}
          onClick={() => {
            setBusy(true);
            void refundCash(cents!, managerId, pin, byLine ? pickedLines(lines.picks) : undefined).finally(() =>
              setBusy(false),
            );
          }}
        >
          {t('cashRefund.handBack', { amount: cents ? formatCents(cents, row.currency) : '' })}
        </button>
      </div>
      {waitingFor && <p className="muted small">{t('tender.waitingFor', { what: waitingFor })}</p>}
    </section>
  );
}
