import { useEffect, useRef, useState } from 'react';
import type { Currency } from '../../../common/contract';
import { MAX_AMOUNT_CENTS, MAX_CHANGE_CENTS } from '../../../common/limits';
import { readAmount } from '../base/format';
import { useT } from '../base/i18n';
import { cashDueCents, tenderCents, useSale } from './sale-store';
import { useStatus } from '../base/status-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { Numpad } from '../shared/Numpad';
import { afterKey } from '../drawer/denominations';

/** Quick amounts: exact, then the next round bills above what is due. */
function quickAmounts(dueCents: number): number[] {
  const out = [dueCents];
  for (const step of [500, 1000, 2000, 5000, 10000]) {
    const next = Math.ceil(dueCents / step) * step;
    if (next > dueCents && !out.includes(next)) out.push(next);
  }
  return out.slice(0, 5);
}

/**
 * Cash: what the customer hands over, and the change, big. Main records it; no Helcim call. Less than
 * is due may be taken as a part of the sale (the rest then goes on another tender).
 */
export function CashPanel({ currency }: { currency: Currency }) {
  const { t, money: format } = useT();
  const money = (cents: number) => format(cents, currency);
  const state = useSale();
  const { error, payCash, backToEntry } = state;
  // What cash settles this tender: rounded to 5¢ where pennies are gone (main records the same rule).
  const rounding = useStatus((s) => s.status?.cashRounding ?? false);
  const partCents = tenderCents(state);
  const amountCents = cashDueCents(state, rounding);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const read = typed.trim() ? readAmount(typed) : null;
  const tendered = read && 'cents' in read ? read.cents : null;
  const short = tendered !== null && tendered > 0 && tendered < amountCents;
  const fieldError = read && 'error' in read ? read.error : tendered === 0 ? t('cash.typeHandedOver') : null;
  const change = tendered !== null && tendered >= amountCents ? tendered - amountCents : null;
  const tooMuch = change !== null && change > MAX_CHANGE_CENTS;
  const pay = async (cents: number) => {
    setBusy(true);
    await payCash(cents, currency);
    setBusy(false);
  };
  const canRecord = !busy && tendered !== null && !fieldError && !tooMuch;
  // By keyboard alone: the field has focus when the screen opens (typed digits are never lost),
  // Enter records what was handed over, Escape goes back without recording anything.
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <section
      className="panel narrow cash"
      aria-label={t('cash.region')}
      data-testid="cash-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) {
          // Handled here: the Sale screen's own Escape (clear the amount) must not see it too.
          e.preventDefault();
          e.stopPropagation();
          backToEntry();
        }
      }}
    >
      <h1>{t('cash.due', { amount: money(amountCents) })}</h1>
      {amountCents !== partCents && (
        <p className="muted" data-testid="cash-rounding">
          {t('cash.rounded', {
            amount: money(partCents),
            rounding: `${amountCents > partCents ? '+' : '−'}${money(Math.abs(amountCents - partCents))}`,
          })}
        </p>
      )}
      <div className="row quick" role="group" aria-label={t('cash.handedOverGroup')}>
        {quickAmounts(amountCents).map((c, i) => (
          <button
            key={c}
            type="button"
            className="secondary"
            data-testid={i === 0 ? 'cash-exact' : `cash-${c}`}
            disabled={busy}
            onClick={() => setTyped((c / 100).toFixed(2))}
          >
            {i === 0 ? t('cash.exact') : money(c)}
          </button>
        ))}
      </div>
      <label htmlFor="cash-tendered">{t('cash.handedOver')}</label>
      <input
        id="cash-tendered"
        ref={field}
        data-testid="cash-tendered"
        inputMode="decimal"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && canRecord) {
            // Handled here: the result's own Enter (a new sale) must not see it too.
            e.preventDefault();
            e.stopPropagation();
            void pay(tendered!);
          }
        }}
        {...describedBy('cash-tendered-error', fieldError)}
      />
      <Numpad
        disabled={busy}
        onKey={(k) => {
          const c = afterKey(tendered ?? 0, k, MAX_AMOUNT_CENTS);
          setTyped(c === 0 ? '' : (c / 100).toFixed(2));
        }}
      />
      <FieldError
        id="cash-tendered-error"
        message={fieldError ?? (tooMuch ? t('cash.tooMuchChange', { max: money(MAX_CHANGE_CENTS) }) : null)}
      />
      <p className="big change" role="status" data-testid="cash-change">
        {change !== null && !tooMuch
          ? t('cash.changeDue', { amount: money(change) })
          : short
            ? t('cash.moreDue', { amount: money(amountCents - tendered!) })
            : ' '}
      </p>
      {error && (
        <p className="notice error" role="alert" data-testid="cash-error">
          {error.message}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={backToEntry} disabled={busy}>
          {t('cash.back')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="cash-record"
          disabled={!canRecord}
          onClick={() => void pay(tendered!)}
        >
          {short ? t('cash.takePart', { amount: money(tendered!) }) : t('cash.record')}
        </button>
      </div>
    </section>
  );
}
