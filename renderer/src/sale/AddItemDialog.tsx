import { useState } from 'react';
import type { Currency, SoldBy } from '../../../common/contract';
import { SOLD_BY } from '../../../common/limits';
import { useStatus } from '../base/status-store';
import { readAmount } from '../base/format';
import { useT } from '../base/i18n';
import { FieldError } from '../shared/FieldError';
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
  const [nameEn, setNameEn] = useState('');
  const [nameFr, setNameFr] = useState('');
  const [sku, setSku] = useState(code.replace(/^0+/, ''));
  const [price, setPrice] = useState('');
  const [department, setDepartment] = useState('');
  const [soldBy, setSoldBy] = useState<SoldBy>('unit');
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const priceRead = price.trim() ? readAmount(price) : null;
  const problem =
    !nameEn.trim() && !nameFr.trim()
      ? t('error.catalog.needName')
      : !sku.trim()
        ? t('error.catalog.needSku')
        : priceRead && 'error' in priceRead
          ? priceRead.error
          : isManager
            ? null
            : overrideWaitingFor(managerId, pin);
  const save = async () => {
    if (problem || busy) return;
    setBusy(true);
    const r = await addUnknownItem(
      {
        sku: sku.trim(),
        name: { en: nameEn.trim(), fr: nameFr.trim() },
        priceCents: priceRead && 'cents' in priceRead ? priceRead.cents : null,
        taxCategory: 'standard',
        department: department.trim(),
        soldBy,
        barcodes: [code],
      },
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
        <div className="field-pairs">
          <div>
            <label htmlFor="item-name-en">{t('catalog.field.nameEn')}</label>
            <input
              id="item-name-en"
              autoFocus
              value={nameEn}
              maxLength={80}
              onChange={(e) => setNameEn(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="item-name-fr">{t('catalog.field.nameFr')}</label>
            <input id="item-name-fr" value={nameFr} maxLength={80} onChange={(e) => setNameFr(e.target.value)} />
          </div>
          <div>
            <label htmlFor="item-sku">{t('catalog.field.sku')}</label>
            <input id="item-sku" value={sku} maxLength={40} onChange={(e) => setSku(e.target.value)} />
          </div>
          <div>
            <label htmlFor="item-price">{t('catalog.field.price')}</label>
            <input
              id="item-price"
              inputMode="decimal"
              value={price}
              aria-describedby="item-price-error"
              onChange={(e) => setPrice(e.target.value)}
            />
            <FieldError id="item-price-error" message={priceRead && 'error' in priceRead ? priceRead.error : null} />
          </div>
          <div>
            <label htmlFor="item-department">{t('catalog.field.department')}</label>
            <input
              id="item-department"
              value={department}
              maxLength={40}
              onChange={(e) => setDepartment(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="item-sold-by">{t('catalog.field.soldBy')}</label>
            <select id="item-sold-by" value={soldBy} onChange={(e) => setSoldBy(e.target.value as SoldBy)}>
              {SOLD_BY.map((s) => (
                <option key={s} value={s}>
                  {t(`catalog.soldBy.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
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
