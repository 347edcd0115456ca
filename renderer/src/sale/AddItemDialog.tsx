import { useState } from 'react';
import type { Currency } from '../../../common/contract';
import { useStatus } from '../base/status-store';
import { useT } from '../base/i18n';
import { ItemFields, useItemFields } from '../catalog/ItemFields';
import { ManagerApproval, overrideWaitingFor } from '../shared/ManagerApproval';
import { addUnknownItem } from './cart-store';

/**
 * An unknown barcode's item, added at the sale: its names, SKU, price and how it is sold. The
 * manager signed in adds it; at a cashier's sale, the manager beside them types their PIN.
 */
export function AddItemDialog({
  code,
  scanned,
  currency,
  onClose,
}: {
  /** The item's barcode (GTIN-14, or a scale label's item code). */
  code: string;
  /** What the scanner read: scanned again once the item exists (a label brings its price or weight). */
  scanned: string;
  currency: Currency;
  onClose: () => void;
}) {
  const { t } = useT();
  const isManager = useStatus((s) => !!s.status?.session?.capabilities['catalog.add']);
  const fields = useItemFields(null, code);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = fields.problem ?? (isManager ? null : overrideWaitingFor(managerId, pin));
  const save = async () => {
    if (problem || busy) return;
    setBusy(true);
    const r = await addUnknownItem(
      { ...fields.draft(), barcodes: [code] },
      isManager ? { signedInManager: true } : { managerId, pin },
      scanned,
      currency,
    );
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error.message);
  };
  return (
    <div className="dialog-backdrop">
      <form
        className="panel dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="add-item-title"
        data-testid="add-item"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="add-item-title">{t('cart.addItemTitle', { code })}</h2>
        <ItemFields fields={fields} barcodesFixed />
        {!isManager && (
          <ManagerApproval
            managerId={managerId}
            setManagerId={setManagerId}
            pin={pin}
            setPin={setPin}
            covers={t('cart.addItemCovers')}
            error={error}
          />
        )}
        {error && (
          <p className="notice error" role="alert">
            {error}
          </p>
        )}
        {problem && <p className="muted small">{problem}</p>}
        <div className="row">
          <button type="button" className="secondary" onClick={onClose}>
            {t('cart.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="add-item-save" disabled={!!problem || busy}>
            {t('cart.addItemSave')}
          </button>
        </div>
      </form>
    </div>
  );
}
