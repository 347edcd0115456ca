import { LANGUAGE_NAMES, LOCALES, type Locale } from '../../../common/i18n/locales';
import { useT } from '../base/i18n';
import { useSale } from './sale-store';

/** The customer's language for this sale — their receipt and the customer display (starts as the shop's). */
export function CustomerLanguage({ shop }: { shop: Locale }) {
  const { t } = useT();
  const chosen = useSale((s) => s.language) ?? shop;
  const setLanguage = useSale((s) => s.setLanguage);
  // Fixed once a payment is under way; a cart's sale can still change it until its first tender.
  const open = useSale((s) => s.sale !== null && !(s.cart.length > 0 && s.sale.paidCents === 0 && s.phase === 'entry'));
  return (
    <div className="row language" role="group" aria-label={t('sale.receiptLanguage')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={chosen === l ? 'secondary small selected' : 'secondary small'}
          aria-pressed={chosen === l}
          data-testid={`language-${l}`}
          disabled={open}
          onClick={() => setLanguage(l)}
        >
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
