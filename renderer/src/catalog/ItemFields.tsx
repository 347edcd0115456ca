import { useState } from 'react';
import type { ItemDraft, ItemView, SoldBy } from '../../../common/contract';
import { BUILT_IN_TAX_CATEGORIES, SOLD_BY } from '../../../common/limits';
import { readAmount } from '../base/format';
import { useT } from '../base/i18n';
import { FieldError } from '../shared/FieldError';

/** An item's fields as typed (text), before main checks them again. */
export type ItemTyped = {
  nameEn: string;
  nameFr: string;
  sku: string;
  price: string;
  department: string;
  soldBy: SoldBy;
  /** Its tax category: one every shop has, or one of the shop's own. */
  taxCategory: string;
  /** Barcodes, one per line or separated by spaces or commas. */
  barcodes: string;
};

const typedFrom = (item: ItemView | null, barcode?: string): ItemTyped => ({
  nameEn: item?.name.en ?? '',
  nameFr: item?.name.fr ?? '',
  sku: item?.sku ?? barcode?.replace(/^0+/, '') ?? '',
  price: item?.priceCents == null ? '' : (item.priceCents / 100).toFixed(2),
  department: item?.department ?? '',
  soldBy: item?.soldBy ?? 'unit',
  taxCategory: item?.taxCategory ?? 'standard',
  barcodes: item ? item.barcodes.join(' ') : (barcode ?? ''),
});

/**
 * An item's fields and what is wrong with them (null: nothing), for a new item (with the barcode
 * scanned, if any) or a change to one. `draft()` is what main is sent; main checks it all again.
 */
export function useItemFields(item: ItemView | null, barcode?: string) {
  const { t } = useT();
  const [typed, setTyped] = useState<ItemTyped>(() => typedFrom(item, barcode));
  const priceRead = typed.price.trim() ? readAmount(typed.price) : null;
  const priceError = priceRead && 'error' in priceRead ? priceRead.error : null;
  const problem =
    !typed.nameEn.trim() && !typed.nameFr.trim()
      ? t('error.catalog.needName')
      : !typed.sku.trim()
        ? t('error.catalog.needSku')
        : priceError;
  const draft = (): ItemDraft => ({
    sku: typed.sku.trim(),
    name: { en: typed.nameEn.trim(), fr: typed.nameFr.trim() },
    priceCents: priceRead && 'cents' in priceRead ? priceRead.cents : null,
    taxCategory: typed.taxCategory,
    department: typed.department.trim(),
    soldBy: typed.soldBy,
    barcodes: typed.barcodes.split(/[\s,;]+/).filter((b) => b !== ''),
  });
  const change = (p: Partial<ItemTyped>) => setTyped((x) => ({ ...x, ...p }));
  return { typed, change, problem, priceError, draft };
}

/** The fields two by two: names, SKU and price, department and how it is sold, and its barcodes. */
export function ItemFields({
  fields,
  barcodesFixed,
  shopCategories = [],
}: {
  fields: ReturnType<typeof useItemFields>;
  /** The barcode just scanned: shown, not typed. */
  barcodesFixed?: boolean;
  /** The shop's own tax categories (the Sales tax card's), beside the three every shop has. */
  shopCategories?: readonly string[];
}) {
  const { t } = useT();
  const { typed, change, priceError } = fields;
  // The item's own category stays a choice even where the list does not name it (a CSV import's, a category since removed).
  const categories = [...new Set([...BUILT_IN_TAX_CATEGORIES, ...shopCategories, typed.taxCategory])];
  return (
    <div className="field-pairs">
      <div>
        <label htmlFor="item-name-en">{t('catalog.field.nameEn')}</label>
        <input
          id="item-name-en"
          autoFocus
          value={typed.nameEn}
          maxLength={80}
          onChange={(e) => change({ nameEn: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor="item-name-fr">{t('catalog.field.nameFr')}</label>
        <input
          id="item-name-fr"
          value={typed.nameFr}
          maxLength={80}
          onChange={(e) => change({ nameFr: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor="item-sku">{t('catalog.field.sku')}</label>
        <input id="item-sku" value={typed.sku} maxLength={40} onChange={(e) => change({ sku: e.target.value })} />
      </div>
      <div>
        <label htmlFor="item-price">{t('catalog.field.price')}</label>
        <input
          id="item-price"
          inputMode="decimal"
          value={typed.price}
          aria-describedby="item-price-error"
          onChange={(e) => change({ price: e.target.value })}
        />
        <FieldError id="item-price-error" message={priceError} />
      </div>
      <div>
        <label htmlFor="item-department">{t('catalog.field.department')}</label>
        <input
          id="item-department"
          value={typed.department}
          maxLength={40}
          onChange={(e) => change({ department: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor="item-sold-by">{t('catalog.field.soldBy')}</label>
        <select id="item-sold-by" value={typed.soldBy} onChange={(e) => change({ soldBy: e.target.value as SoldBy })}>
          {SOLD_BY.map((s) => (
            <option key={s} value={s}>
              {t(`catalog.soldBy.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="item-tax-category">{t('catalog.field.taxCategory')}</label>
        <select
          id="item-tax-category"
          data-testid="item-tax-category"
          value={typed.taxCategory}
          onChange={(e) => change({ taxCategory: e.target.value })}
        >
          {categories.map((c) => (
            <option key={c} value={c}>
              {(BUILT_IN_TAX_CATEGORIES as readonly string[]).includes(c)
                ? t(`catalog.taxCategory.${c as (typeof BUILT_IN_TAX_CATEGORIES)[number]}`)
                : c}
            </option>
          ))}
        </select>
      </div>
      {!barcodesFixed && (
        <div className="wide-field">
          <label htmlFor="item-barcodes">{t('catalog.field.barcodes')}</label>
          <input
            id="item-barcodes"
            inputMode="numeric"
            value={typed.barcodes}
            onChange={(e) => change({ barcodes: e.target.value })}
          />
        </div>
      )}
    </div>
  );
}
