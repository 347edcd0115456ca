import { useState, type ReactNode } from 'react';
import { readAmount, today } from '../base/format';
import { useT } from '../base/i18n';
import { describedBy, FieldError } from './FieldError';

/** A row of fields and buttons that submits with Enter; nothing is sent while `valid` is false. */
export function FilterForm({
  valid = true,
  onSubmit,
  label,
  children,
}: {
  valid?: boolean;
  onSubmit: () => void;
  label?: string;
  children: ReactNode;
}) {
  return (
    <form
      className="filters"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** What a lookup asks for: a day, an amount and a card's last four, each read and explained as typed. */
export type LookupFilters = ReturnType<typeof useLookupFilters>;

/** The state of the lookup fields (day, amount, last four), with each field's problem in plain words. */
export function useLookupFilters() {
  const { t } = useT();
  const [date, setDate] = useState(today());
  const [amount, setAmount] = useState('');
  const [last4, setLast4] = useState('');
  const read = amount.trim() ? readAmount(amount) : null;
  const amountError = read && 'error' in read ? read.error : null;
  const last4Error = last4 && !/^\d{4}$/.test(last4) ? t('tx.last4Error') : null;
  return {
    date,
    setDate,
    amount,
    setAmount,
    last4,
    setLast4,
    amountError,
    last4Error,
    valid: !amountError && !last4Error,
    /** The filters as main takes them: empty fields left out. */
    values: {
      date: date || undefined,
      amountCents: read && 'cents' in read ? read.cents : undefined,
      last4: last4 || undefined,
    },
  };
}

/** The day, amount and last-four fields of a lookup; `prefix` names their test ids (`<prefix>-date`…). */
export function LookupFields({ filters, prefix }: { filters: LookupFilters; prefix: string }) {
  const { t } = useT();
  const f = filters;
  return (
    <>
      <label>
        {t('tx.date')}
        <input type="date" data-testid={`${prefix}-date`} value={f.date} onChange={(e) => f.setDate(e.target.value)} />
      </label>
      <label>
        {t('tx.amount')}
        <input
          data-testid={`${prefix}-amount`}
          inputMode="decimal"
          placeholder="12.34"
          value={f.amount}
          onChange={(e) => f.setAmount(e.target.value)}
          {...describedBy(`${prefix}-amount-error`, f.amountError)}
        />
        <FieldError id={`${prefix}-amount-error`} message={f.amountError} />
      </label>
      <label>
        {t('tx.last4')}
        <input
          data-testid={`${prefix}-last4`}
          inputMode="numeric"
          maxLength={4}
          value={f.last4}
          onChange={(e) => f.setLast4(e.target.value.replace(/\D/g, ''))}
          {...describedBy(`${prefix}-last4-error`, f.last4Error)}
        />
        <FieldError id={`${prefix}-last4-error`} message={f.last4Error} />
      </label>
    </>
  );
}
