import { useEffect, useRef, useState } from 'react';
import type { AppStatus, SaleView } from '../../../common/contract';
import { readAmount } from '../base/format';
import { useT } from '../base/i18n';
import { useSale } from './sale-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { ManagerApproval, overrideWaitingFor } from '../shared/ManagerApproval';
import { CustomerButton } from './CustomerButton';

/** One line per tender of the sale: how, how much, and where it stands. */
export function TenderList({ sale }: { sale: SaleView }) {
  const { t: say, money, brand } = useT();
  if (sale.tenders.length === 0) return null;
  return (
    <table className="tx-table tenders" data-testid="tender-list">
      <tbody>
        {sale.tenders.map((t) => (
          <tr key={t.attemptId} data-state={t.state}>
            <td>
              {t.tender === 'cash'
                ? say('tender.cash')
                : `${brand(t.cardType)}${t.cardLast4 ? ` •••• ${t.cardLast4}` : ''}`}
            </td>
            <td className="r">{money(t.amountCents, sale.currency)}</td>
            <td>{say('tender.state', { state: t.returned ? 'givenBack' : t.state })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A sale with money taken and some still due (or split from the start): what is paid, what is due
 * (big), and the next tender — all that is due, or a part of it. Abandoning it gives everything taken
 * back, behind a manager; a sale with nothing taken is just cancelled.
 */
export function TenderPanel({ status }: { status: AppStatus }) {
  const { t, money: format } = useT();
  const { sale, partCents, lastWords, error, setPart, charge, chargeOnTerminal, startCash, abandon, refreshOpenSale } =
    useSale();
  const [typed, setTyped] = useState('');
  const [abandoning, setAbandoning] = useState(false);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  // Another window may finish this sale: asked every 2 s while this screen is idle (not mid-tender).
  const busyNow = useRef(false);
  const tenders = useRef<HTMLDivElement>(null);
  busyNow.current = busy;
  useEffect(() => {
    const id = setInterval(() => {
      if (!busyNow.current) void refreshOpenSale();
    }, 2_000);
    return () => clearInterval(id);
  }, [refreshOpenSale]);
  if (!sale) return null;
  const currency = sale.currency;
  const money = (cents: number) => format(cents, currency);
  const caps = status.session?.capabilities;
  const cardsOn = status.helcimReachable !== false && sale.checkingCents === 0;
  const read = typed.trim() ? readAmount(typed, sale.dueCents) : null;
  const partError =
    read && 'error' in read
      ? read.tooMuch
        ? t('tender.moreThanDue')
        : read.error
      : read?.cents === 0
        ? t('tender.moreThanZero', { zero: money(0) })
        : null;
  const next = partCents ?? sale.dueCents;
  const ready = !busy && !partError && next > 0;
  const taken = sale.paidCents > 0 || sale.checkingCents > 0;
  const waitingFor = overrideWaitingFor(managerId, pin);
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    await f();
    setBusy(false);
  };
  const onPart = (text: string) => {
    setTyped(text);
    const r = text.trim() ? readAmount(text, sale.dueCents) : null;
    setPart(r && 'cents' in r && r.cents > 0 ? r.cents : null);
  };
  return (
    <section
      className="panel narrow tender"
      aria-label={t('tender.region', { number: sale.number })}
      data-testid="tender-panel"
    >
      <h1>{t('tender.heading', { number: sale.number, total: money(sale.totalCents) })}</h1>
      {lastWords && (
        <p className="notice" role="status" data-testid="tender-words">
          {lastWords}
        </p>
      )}
      <TenderList sale={sale} />
      <CustomerButton />
      <p className="muted">{t('tender.paid', { amount: money(sale.paidCents) })}</p>
      <p className="big due" data-testid="sale-due">
        {t('tender.stillDue', { amount: money(sale.dueCents) })}
      </p>
      {sale.checkingCents > 0 && (
        <p className="notice warn" role="status">
          {sale.message}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert" data-testid="tender-error">
          {error.message}
        </p>
      )}
      {!abandoning && (
        <>
          <label htmlFor="tender-part">{t('tender.partLabel')}</label>
          <input
            id="tender-part"
            data-testid="tender-part"
            inputMode="decimal"
            placeholder={(sale.dueCents / 100).toFixed(2)}
            value={typed}
            onChange={(e) => onPart(e.target.value)}
            onKeyDown={(e) => {
              // Enter: on to the ways to take this payment, the primary one first (keyboard alone).
              if (e.key !== 'Enter' || partError) return;
              e.preventDefault();
              e.stopPropagation();
              const buttons = [
                ...(tenders.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []),
              ];
              (buttons.find((b) => b.classList.contains('primary')) ?? buttons[0])?.focus();
            }}
            {...describedBy('tender-part-error', partError)}
          />
          <FieldError id="tender-part-error" message={partError} />
          <div className="actions" ref={tenders}>
            <button
              type="button"
              className="secondary"
              data-testid="tender-cash"
              disabled={!ready || !caps?.['cash.sale']}
              onClick={() => startCash()}
            >
              {t('tender.payCash', { amount: money(next) })}
            </button>
            <button
              type="button"
              className={status.terminalCode ? 'secondary' : 'primary'}
              data-testid="tender-key-in"
              disabled={!ready || !cardsOn || !caps?.['purchase.start']}
              onClick={() => void run(() => charge(currency))}
            >
              {t('tender.payKeyIn', { amount: money(next) })}
            </button>
            {status.terminalCode && (
              <button
                type="button"
                className="primary"
                data-testid="tender-terminal"
                disabled={!ready || !cardsOn || !caps?.['terminal.start']}
                onClick={() => void run(() => chargeOnTerminal(currency))}
              >
                {t('tender.payTerminal', { amount: money(next) })}
              </button>
            )}
          </div>
          <button
            type="button"
            className="secondary danger"
            data-testid="tender-abandon"
            disabled={busy || sale.checkingCents > 0}
            onClick={() => (taken ? setAbandoning(true) : void run(() => abandon()))}
          >
            {taken ? t('tender.abandon') : t('tender.cancel')}
          </button>
        </>
      )}
      {abandoning && (
        <div data-testid="abandon-form">
          <p>{t('tender.abandonExplained', { amount: money(sale.backCents) })}</p>
          <ManagerApproval
            managerId={managerId}
            setManagerId={setManagerId}
            pin={pin}
            setPin={setPin}
            covers={t('tender.covers', { number: sale.number })}
            error={error}
          />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setAbandoning(false)} disabled={busy}>
              {t('tender.back')}
            </button>
            <button
              type="button"
              className="primary danger"
              data-testid="abandon-confirm"
              disabled={busy || waitingFor !== null}
              onClick={() => void run(() => abandon({ managerId, pin }))}
            >
              {t('tender.giveBack', { amount: money(sale.backCents) })}
            </button>
          </div>
          {waitingFor && <p className="muted small">{t('tender.waitingFor', { what: waitingFor })}</p>}
        </div>
      )}
    </section>
  );
}
