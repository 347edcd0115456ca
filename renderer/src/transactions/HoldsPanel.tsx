import { useEffect, useState } from 'react';
import type { AppStatus, HoldView } from '../../../common/contract';
import { cardLabel, formatCents, readAmount } from '../base/format';
import { ResultsTable, type Column } from '../shared/ResultsTable';
import { useHolds } from './holds-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { ManagerApproval, overrideWaitingFor } from '../shared/ManagerApproval';
import { SendFooter } from '../shared/SendFooter';
import { useT } from '../base/i18n';

const cardOf = (h: HoldView) => cardLabel(h.cardType, h.cardLast4);

/** Open holds on the transactions screen: each can be captured, or released while its batch is open. */
export function OpenHolds({ status }: { status: AppStatus }) {
  const { holds, load, choose } = useHolds();
  const { t } = useT();
  const caps = status.session?.capabilities;
  // Asked once when the screen opens (not on every status refresh: each list costs Helcim calls).
  const canList = !!caps?.['holds.list'];
  useEffect(() => {
    if (canList) void load();
  }, [canList, load]);
  if (!holds || holds.length === 0) return null;
  const columns: Column<HoldView>[] = [
    { header: t('holds.placed'), cell: (h) => h.time.slice(0, 16).replace('T', ' ') },
    { header: t('holds.held'), cell: (h) => formatCents(h.amountCents, h.currency) },
    { header: t('tx.card'), cell: cardOf },
    { header: t('tx.invoice'), cell: (h) => h.invoiceNumber ?? '—' },
    {
      header: t('tx.actions'),
      hidden: true,
      cell: (h) => (
        <>
          {caps?.['capture.submit'] && h.capturableCents > 0 && (
            <button
              type="button"
              className="secondary small"
              data-testid="capture"
              onClick={() => choose(h, 'capture')}
            >
              {t('holds.captureButton')}
            </button>
          )}
          {h.releasable && caps?.['release.submit'] ? (
            <button
              type="button"
              className="secondary small"
              data-testid="release"
              onClick={() => choose(h, 'release')}
            >
              {t('holds.releaseButton')}
            </button>
          ) : (
            !h.releasable && <span className="muted small">{h.note}</span>
          )}
        </>
      ),
    },
  ];
  return (
    <section aria-label={t('holds.open')} className="holds" data-testid="open-holds">
      <h2>{t('holds.open')}</h2>
      <ResultsTable
        columns={columns}
        rows={holds}
        rowKey={(h) => h.transactionId}
        rowTestId={(h) => `hold-${h.transactionId}`}
      />
    </section>
  );
}

/** Capture or release one hold. */
export function HoldPanel({ status }: { status: AppStatus }) {
  const { selected: h, action, busy, error, done, capture, release, close, load } = useHolds();
  const { t } = useT();
  const [amount, setAmount] = useState(h ? (h.capturableCents / 100).toFixed(2) : '');
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  if (!h || !action) return null;
  const isCapture = action === 'capture';
  // Up to what is left of the hold (part of it may have been captured already).
  const read = readAmount(amount, h.capturableCents);
  const cents = 'cents' in read && read.cents > 0 ? read.cents : null;
  const amountError =
    'error' in read
      ? read.tooMuch
        ? t('holds.moreThanHold')
        : read.error
      : cents
        ? null
        : t('holds.moreThanZero', { zero: formatCents(0, h.currency) });
  const waitingFor = isCapture ? (amountError ? t('common.validAmount') : null) : overrideWaitingFor(managerId, pin);

  if (done)
    return (
      <section
        className={`result ${done.outcome === 'approved' ? 'good' : 'bad'}`}
        role="status"
        data-testid="hold-result"
        data-outcome={done.outcome}
      >
        <h1>
          {done.outcome !== 'approved'
            ? t('refund.notDone')
            : isCapture
              ? t('holds.captured', { amount: formatCents(done.amountCents, done.currency) })
              : t('holds.released')}
        </h1>
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
          {t('refund.backToTransactions')}
        </button>
      </section>
    );

  return (
    <section className="panel narrow" aria-label={t('holds.region', { action })}>
      <h1>{t('holds.heading', { action, amount: formatCents(h.amountCents, h.currency) })}</h1>
      <p className="muted">
        {cardOf(h)} · {h.time.slice(0, 16).replace('T', ' ')} · {t('refund.helcimId', { id: h.transactionId })}
      </p>
      {isCapture ? (
        <>
          <label htmlFor="cap-amount">
            {t('holds.amountLabel', { max: formatCents(h.capturableCents, h.currency) })}
          </label>
          <input
            id="cap-amount"
            data-testid="cap-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            {...describedBy('cap-amount-error', amountError)}
          />
          <FieldError id="cap-amount-error" message={amountError} />
          <p className="muted small">{t('holds.captureExplained')}</p>
        </>
      ) : (
        <>
          <p>{t('holds.releaseExplained')}</p>
          <ManagerApproval
            managerId={managerId}
            setManagerId={setManagerId}
            pin={pin}
            setPin={setPin}
            covers={t('holds.covers', { name: status.session?.name ?? '' })}
            error={error}
          />
        </>
      )}
      <SendFooter
        prefix="hold"
        error={error}
        waitingFor={waitingFor}
        busy={busy}
        label={
          isCapture
            ? t('holds.capture', { amount: cents ? formatCents(cents, h.currency) : '' })
            : t('holds.authorizeRelease')
        }
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
