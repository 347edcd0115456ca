import { useEffect, useState } from 'react';
import type { DiscountSettings } from '../../../common/contract';
import { useT } from '../base/i18n';
import { useDiscounts } from './discount-store';

/** The reasons as the manager types them: one per line, "id, English name, French name". */
const reasonsText = (s: DiscountSettings) => s.reasons.map((r) => `${r.id}, ${r.name.en}, ${r.name.fr}`).join('\n');

/** The typed lines read back into reasons (null: a line is not "id, English, French"). */
function readReasons(text: string): DiscountSettings['reasons'] | null {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const reasons = lines.map((l) => {
    const [id, en, fr, ...rest] = l.split(',').map((x) => x.trim());
    return rest.length === 0 && id && en && fr && /^[a-z][a-z0-9_]{0,31}$/.test(id) ? { id, name: { en, fr } } : null;
  });
  return reasons.every((r) => r !== null) ? reasons : null;
}

/**
 * The shop's discounts (a manager's): how much a cashier may take off alone — a percent of the line or
 * sale discounted, 0 by default, so every discount needs a manager until this says otherwise — and the
 * reasons a discount is given for. Main checks both again and audits the change.
 */
export function DiscountCard() {
  const { settings, error, saved, load, save } = useDiscounts();
  const { t } = useT();
  const [limit, setLimit] = useState('');
  const [reasons, setReasons] = useState('');
  const [bad, setBad] = useState(false);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (settings) {
      setLimit(String(settings.cashierLimitBasisPoints / 100));
      setReasons(reasonsText(settings));
    }
  }, [settings]);
  if (!settings) return null;
  return (
    <form
      className="printer-card"
      data-testid="discount-card"
      aria-label={t('discount.settings.title')}
      onSubmit={(e) => {
        e.preventDefault();
        const read = readReasons(reasons);
        const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(limit.trim());
        setBad(read === null || m === null);
        if (read && m) {
          const basisPoints = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
          void save({ cashierLimitBasisPoints: basisPoints, reasons: read });
        }
      }}
    >
      <h2>{t('discount.settings.title')}</h2>
      <label>
        {t('discount.settings.limit')}
        <input
          data-testid="discount-limit"
          inputMode="decimal"
          value={limit}
          onChange={(e) => setLimit(e.target.value)}
        />
      </label>
      <label>
        {t('discount.settings.reasons')}
        <textarea
          data-testid="discount-reasons"
          rows={4}
          value={reasons}
          onChange={(e) => setReasons(e.target.value)}
        />
      </label>
      {(bad || error) && (
        <p className="notice error" role="alert" data-testid="discount-settings-error">
          {bad ? t('discount.settings.badReasons') : error?.message}
        </p>
      )}
      {saved && !error && !bad && (
        <p className="notice good" role="status" data-testid="discount-settings-saved">
          {t('discount.settings.saved')}
        </p>
      )}
      <button type="submit" data-testid="discount-save">
        {t('discount.settings.save')}
      </button>
    </form>
  );
}
