import { useEffect, useState } from 'react';
import { JURISDICTIONS } from '../../../common/limits';
import type { TaxSettings } from '../../../common/contract';
import { useT } from '../base/i18n';
import { FieldError } from '../shared/FieldError';
import { useTax } from './tax-store';
import { categoriesText, readCategories } from './categories-text';

/** A US rate typed as a percentage (8.875) into millionths (88 750); null: not a rate. */
function readRate(typed: string): number | null {
  const m = /^(\d{1,2})(?:[.,](\d{1,4}))?$/.exec(typed.trim());
  if (!m) return null;
  return Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
}

/**
 * The shop's sales tax (a manager's): where the shop is (none: no tax is charged), whether its prices
 * include tax, a US shop's rate, and what its receipts name — the legal name and registration numbers.
 * Main says what a number must look like; a sale already priced keeps its taxes.
 */
export function TaxCard() {
  const { tax, error, saved, load, save } = useTax();
  const { t, locale } = useT();
  const [form, setForm] = useState<TaxSettings | null>(null);
  const [usRate, setUsRate] = useState('');
  const [categories, setCategories] = useState('');
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (tax) {
      setForm(tax);
      setUsRate(tax.usRateMillionths ? String(tax.usRateMillionths / 10_000) : '');
      setCategories(categoriesText(tax.categories ?? [], locale));
    }
  }, [tax, locale]);
  if (!form) return null;
  const change = (c: Partial<TaxSettings>) => setForm({ ...form, ...c });
  const rate = form.jurisdiction === 'US' ? readRate(usRate) : 0;
  const ownCategories = readCategories(categories);
  return (
    <form
      className="printer-card"
      data-testid="tax-card"
      aria-label={t('taxCard.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (rate !== null && ownCategories !== null)
          void save({ ...form, usRateMillionths: rate, categories: ownCategories });
      }}
    >
      <h2>{t('taxCard.title')}</h2>
      <label>
        {t('taxCard.where')}
        <select
          data-testid="tax-where"
          value={form.jurisdiction ?? ''}
          onChange={(e) => change({ jurisdiction: (e.target.value || null) as TaxSettings['jurisdiction'] })}
        >
          <option value="">{t('taxCard.none')}</option>
          {JURISDICTIONS.map((j) => (
            <option key={j} value={j}>
              {t('tax.place', { code: j })}
            </option>
          ))}
        </select>
      </label>
      {form.jurisdiction === 'US' && (
        <label className="radio">
          <input
            type="checkbox"
            data-testid="tax-us-rounding"
            checked={form.usCashRounding}
            onChange={(e) => change({ usCashRounding: e.target.checked })}
          />{' '}
          {t('taxCard.usRounding')}
        </label>
      )}
      {form.jurisdiction === 'US' && (
        <label>
          {t('taxCard.usRate')}
          <input
            data-testid="tax-us-rate"
            inputMode="decimal"
            value={usRate}
            onChange={(e) => setUsRate(e.target.value)}
          />
        </label>
      )}
      <label className="radio">
        <input
          type="checkbox"
          data-testid="tax-included"
          checked={form.pricesInclude}
          onChange={(e) => change({ pricesInclude: e.target.checked })}
        />{' '}
        {t('taxCard.included')}
      </label>
      <label>
        {t('taxCard.legalName')}
        <input
          data-testid="tax-legal-name"
          maxLength={80}
          value={form.legalName}
          onChange={(e) => change({ legalName: e.target.value })}
        />
      </label>
      <label>
        {t('taxCard.gstHst')}
        <input
          data-testid="tax-gst-number"
          maxLength={20}
          value={form.gstHstNumber}
          onChange={(e) => change({ gstHstNumber: e.target.value })}
        />
      </label>
      {form.jurisdiction === 'QC' && (
        <label>
          {t('taxCard.qst')}
          <input
            data-testid="tax-qst-number"
            maxLength={20}
            value={form.qstNumber}
            onChange={(e) => change({ qstNumber: e.target.value })}
          />
        </label>
      )}
      <label>
        {t('taxCard.categories')}
        <textarea
          data-testid="tax-categories"
          rows={3}
          value={categories}
          aria-describedby="tax-categories-error"
          onChange={(e) => setCategories(e.target.value)}
        />
      </label>
      <FieldError id="tax-categories-error" message={ownCategories === null ? t('taxCard.categoriesShape') : null} />
      {error && (
        <p className="notice error" role="alert" data-testid="tax-error">
          {error.message}
        </p>
      )}
      {saved && !error && (
        <p className="notice good" role="status" data-testid="tax-saved">
          {t('taxCard.saved')}
        </p>
      )}
      <button
        type="submit"
        className="secondary"
        data-testid="tax-save"
        disabled={rate === null || ownCategories === null}
      >
        {t('common.save')}
      </button>
    </form>
  );
}
