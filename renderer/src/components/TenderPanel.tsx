import { useState } from 'react';
import type { AppStatus, SaleView } from '../../../preload/contract';
import { brandName, formatCents, readAmount } from '../format';
import { useSale } from '../store/sale';
import { describedBy, FieldError } from './FieldError';
import { ManagerApproval, overrideWaitingFor } from './ManagerApproval';

/** One line per tender of the sale: how, how much, and where it stands. */
export function TenderList({ sale }: { sale: SaleView }) {
  if (sale.tenders.length === 0) return null;
  return (
    <table className="tx-table tenders" data-testid="tender-list">
      <tbody>
        {sale.tenders.map((t) => (
          <tr key={t.attemptId} data-state={t.state}>
            <td>{t.tender === 'cash' ? 'Cash' : `${brandName(t.cardType)}${t.cardLast4 ? ` •••• ${t.cardLast4}` : ''}`}</td>
            <td className="r">{formatCents(t.amountCents, sale.currency)}</td>
            <td>{t.returned ? 'given back' : t.state === 'pending' || t.state === 'unknown' ? 'being checked' : t.state}</td>
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
  const { sale, partCents, lastWords, error, setPart, charge, chargeOnTerminal, startCash, abandon } = useSale();
  const [typed, setTyped] = useState('');
  const [abandoning, setAbandoning] = useState(false);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  if (!sale) return null;
  const currency = sale.currency;
  const caps = status.session?.capabilities;
  const cardsOn = status.helcimReachable !== false && sale.checkingCents === 0;
  const read = typed.trim() ? readAmount(typed, sale.dueCents) : null;
  const partError =
    read && 'error' in read ? (read.error.startsWith('The most') ? 'That is more than is due.' : read.error) : read?.cents === 0 ? 'More than $0.00.' : null;
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
    <section className="panel narrow tender" aria-label={`Sale ${sale.number}`} data-testid="tender-panel">
      <h1>
        Sale #{sale.number} · {formatCents(sale.totalCents, currency)}
      </h1>
      {lastWords && (
        <p className="notice" role="status" data-testid="tender-words">
          {lastWords}
        </p>
      )}
      <TenderList sale={sale} />
      <p className="muted">Paid {formatCents(sale.paidCents, currency)}</p>
      <p className="big due" data-testid="sale-due">
        Still due: {formatCents(sale.dueCents, currency)}
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
          <label htmlFor="tender-part">This payment (leave empty for all that is due)</label>
          <input
            id="tender-part"
            data-testid="tender-part"
            inputMode="decimal"
            placeholder={(sale.dueCents / 100).toFixed(2)}
            value={typed}
            onChange={(e) => onPart(e.target.value)}
            {...describedBy('tender-part-error', partError)}
          />
          <FieldError id="tender-part-error" message={partError} />
          <div className="actions">
            <button type="button" className="secondary" data-testid="tender-cash" disabled={!ready || !caps?.['cash.sale']} onClick={() => startCash()}>
              Cash {formatCents(next, currency)}
            </button>
            <button
              type="button"
              className={status.terminalCode ? 'secondary' : 'primary'}
              data-testid="tender-key-in"
              disabled={!ready || !cardsOn || !caps?.['purchase.start']}
              onClick={() => void run(() => charge(currency))}
            >
              Key in card {formatCents(next, currency)}
            </button>
            {status.terminalCode && (
              <button
                type="button"
                className="primary"
                data-testid="tender-terminal"
                disabled={!ready || !cardsOn || !caps?.['terminal.start']}
                onClick={() => void run(() => chargeOnTerminal(currency))}
              >
                Terminal {formatCents(next, currency)}
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
            {taken ? 'Abandon sale…' : 'Cancel sale'}
          </button>
        </>
      )}
      {abandoning && (
        <div data-testid="abandon-form">
          <p>
            Abandoning gives back everything taken: {formatCents(sale.backCents, currency)}. Card parts are voided (refunded if their batch has closed); cash
            parts come out of the drawer. A manager authorizes it.
          </p>
          <ManagerApproval managerId={managerId} setManagerId={setManagerId} pin={pin} setPin={setPin} covers={`Covers sale #${sale.number} only.`} />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setAbandoning(false)} disabled={busy}>
              Back
            </button>
            <button
              type="button"
              className="primary danger"
              data-testid="abandon-confirm"
              disabled={busy || waitingFor !== null}
              onClick={() => void run(() => abandon({ managerId, pin }))}
            >
              Give back {formatCents(sale.backCents, currency)} and abandon
            </button>
          </div>
          {waitingFor && <p className="muted small">Waiting for {waitingFor}.</p>}
        </div>
      )}
    </section>
  );
}
