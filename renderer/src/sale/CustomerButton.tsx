import { useState } from 'react';
import { useT } from '../base/i18n';
import { CustomerDialog } from '../customers/CustomerDialog';
import { useSale } from './sale-store';
import { useStatus } from '../base/status-store';

/**
 * The sale's customer, optional: a button that names them (or asks for one) and opens the customer
 * dialog, where a saved card can be charged or a new one saved. Shown once the sale exists.
 */
export function CustomerButton() {
  const { t } = useT();
  const status = useStatus((s) => s.status);
  const { sale, phase, chargeSavedCard, saveCard, reloadSale } = useSale();
  const [open, setOpen] = useState(false);
  const caps = status?.session?.capabilities;
  if (!sale || !status || !caps?.['customers.search']) return null;
  const idle = phase === 'entry' || phase === 'tender';
  return (
    <>
      <button
        type="button"
        className="secondary small"
        data-testid="sale-customer"
        disabled={!idle}
        onClick={() => setOpen(true)}
      >
        {sale.customer ? t('customers.button', { name: sale.customer.name }) : t('customers.buttonNone')}
      </button>
      {open && (
        <CustomerDialog
          sale={sale}
          currency={status.currency}
          canChange={sale.paidCents === 0 && sale.checkingCents === 0 && sale.tenders.length === 0}
          canCharge={idle && sale.dueCents > 0 && !!caps['sale.chargeSavedCard']}
          isManager={status.session?.role === 'manager'}
          onChanged={() => void reloadSale()}
          onCharge={(cardId) => {
            setOpen(false);
            void chargeSavedCard(cardId, status.currency);
          }}
          onSaveCard={(code) => {
            setOpen(false);
            void saveCard(code, status.currency);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
