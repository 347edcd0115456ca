import { useEffect, useState } from 'react';
import type { AppStatus } from '../../../common/contract';
import { formatCents, readAmount } from '../base/format';
import { useDrawer } from './drawer-store';
import { usePrinter } from '../devices/printer-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { DenominationCount } from './DenominationCount';
import { ManagerApproval, overrideWaitingFor } from '../shared/ManagerApproval';
import { useT } from '../base/i18n';

/** A typed amount, read, with its error in words (null while empty). */
function useAmount() {
  const [text, setText] = useState('');
  const read = text.trim() ? readAmount(text) : null;
  return {
    text,
    setText,
    cents: read && 'cents' in read ? read.cents : null,
    error: read && 'error' in read ? read.error : null,
  };
}

/** One labelled amount field with its error in words. */
function AmountField({ id, label, amount }: { id: string; label: string; amount: ReturnType<typeof useAmount> }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={id}
        inputMode="decimal"
        value={amount.text}
        onChange={(e) => amount.setText(e.target.value)}
        {...describedBy(`${id}-error`, amount.error)}
      />
      <FieldError id={`${id}-error`} message={amount.error} />
    </>
  );
}

/** The cash drawer: open it with its float, pay in or out (a manager's PIN), count it and close it. */
export function DrawerScreen({ status }: { status: AppStatus }) {
  const { view, closed, busy, error, load, open, move, close } = useDrawer();
  const float = useAmount();
  const moved = useAmount();
  const counted = useAmount();
  const [direction, setDirection] = useState<'in' | 'out'>('out');
  const [reason, setReason] = useState('');
  const kick = usePrinter((p) => p.openDrawer);
  const kicked = usePrinter((p) => p.said);
  const canKick = !!status.session?.capabilities['drawer.kick'] && status.printer === 'network';
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const { t, time } = useT();
  useEffect(() => void load(), [load]);
  if (!view) return <p className="loading">{error?.message ?? t('common.loading')}</p>;
  const currency = view.currency;
  return (
    <section className="panel wide" aria-label={t('drawer.title')} data-testid="drawer">
      <h1>{t('drawer.title')}</h1>
      {canKick && (
        <p>
          {/* A manager only (main checks it again), and audited: the drawer opens with no sale. */}
          <button type="button" className="secondary" data-testid="drawer-kick" onClick={() => void kick()}>
            {t('drawer.kick')}
          </button>{' '}
          {kicked && (
            <span role="status" data-testid="drawer-kicked">
              {kicked.message}
            </span>
          )}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert" data-testid="drawer-error">
          {error.message}
        </p>
      )}
      {closed && (
        <p
          className={`notice ${closed.overShortCents === 0 ? 'good' : 'warn'}`}
          role="status"
          data-testid="drawer-closed"
        >
          {t('drawer.closed', {
            counted: formatCents(closed.countedCents, currency),
            expected: formatCents(closed.expectedCents, currency),
            result: closed.overShortCents === 0 ? 'exact' : closed.overShortCents > 0 ? 'over' : 'short',
            difference: formatCents(Math.abs(closed.overShortCents), currency),
          })}
        </p>
      )}
      {!view.open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (float.cents === null || overrideWaitingFor(managerId, pin)) return;
            void open({ floatCents: float.cents, managerId, pin }).then(() => setPin(''));
          }}
        >
          <AmountField id="drawer-float" label={t('drawer.float')} amount={float} />
          <DenominationCount
            id="drawer-float"
            currency={currency}
            onTotal={(c) => float.setText((c / 100).toFixed(2))}
          />
          {/* Every close is measured against the float: a manager counts it with the cashier. */}
          <ManagerApproval
            managerId={managerId}
            setManagerId={setManagerId}
            pin={pin}
            setPin={setPin}
            covers={t('drawer.floatCovers', { name: status.session?.name ?? '' })}
            error={error}
          />
          <button
            type="submit"
            className="primary"
            data-testid="drawer-open"
            disabled={busy || float.cents === null || !!overrideWaitingFor(managerId, pin)}
          >
            {t('drawer.open')}
          </button>
        </form>
      ) : (
        <>
          <p data-testid="drawer-state">
            {t('drawer.openSince', { time: time(view.openedAt!), float: formatCents(view.floatCents!, currency) })}{' '}
            {view.expectedCents === null
              ? t('drawer.blind')
              : t('drawer.expected', { amount: formatCents(view.expectedCents, currency) })}
          </p>
          <fieldset>
            <legend>{t('drawer.moveLegend')}</legend>
            <div className="row">
              <label>
                <input
                  type="radio"
                  name="direction"
                  checked={direction === 'out'}
                  onChange={() => setDirection('out')}
                />{' '}
                {t('drawer.direction', { direction: 'out' })}
              </label>
              <label>
                <input type="radio" name="direction" checked={direction === 'in'} onChange={() => setDirection('in')} />{' '}
                {t('drawer.direction', { direction: 'in' })}
              </label>
            </div>
            <AmountField id="drawer-move" label={t('tx.amount')} amount={moved} />
            <label htmlFor="drawer-reason">{t('drawer.reason')}</label>
            <input
              id="drawer-reason"
              data-testid="drawer-reason"
              maxLength={80}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <ManagerApproval
              managerId={managerId}
              setManagerId={setManagerId}
              pin={pin}
              setPin={setPin}
              covers={t('drawer.covers', { direction, name: status.session?.name ?? '' })}
              error={error}
            />
            <button
              type="button"
              className="secondary"
              data-testid="drawer-move-submit"
              disabled={
                busy || moved.cents === null || reason.trim().length < 2 || !!overrideWaitingFor(managerId, pin)
              }
              onClick={() =>
                void move({ direction, amountCents: moved.cents!, reason, managerId, pin }).then((ok) => {
                  setPin('');
                  if (ok) {
                    moved.setText('');
                    setReason('');
                  }
                })
              }
            >
              {t('drawer.record', { direction })}
            </button>
          </fieldset>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (counted.cents !== null) void close(counted.cents);
            }}
          >
            <AmountField id="drawer-counted" label={t('drawer.counted')} amount={counted} />
            <DenominationCount
              id="drawer-counted"
              currency={currency}
              onTotal={(c) => counted.setText((c / 100).toFixed(2))}
            />
            <button
              type="submit"
              className="primary"
              data-testid="drawer-close"
              disabled={busy || counted.cents === null}
            >
              {t('drawer.close')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
