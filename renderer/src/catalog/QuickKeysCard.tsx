import { useEffect, useState } from 'react';
import type { ItemView } from '../../../common/contract';
import { nameIn } from '../../../common/i18n/lines';
import { useT } from '../base/i18n';
import { useCatalogAdmin } from './catalog-admin-store';

/**
 * A department's page of quick keys, as the Sale screen shows it: pick the page (or name a new
 * one), add items from the list above ("On this page"), move them up, take them off, save.
 */
export function QuickKeysCard({
  items,
  page,
  setPage,
}: {
  items: ItemView[];
  /** The page being arranged (item ids, in order), or null: none open. */
  page: string[] | null;
  setPage: (ids: string[] | null) => void;
}) {
  const { t, locale } = useT();
  const { pages, loadPages, arrange } = useCatalogAdmin();
  const [department, setDepartment] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => void loadPages(), [loadPages]);
  // Names of the items on the page: from its saved page, else from the list (an item just added).
  const known = new Map([...pages.flatMap((p) => p.items), ...items].map((i) => [i.id, i]));
  const open = (name: string) => {
    setDepartment(name);
    setSaved(false);
    setPage(pages.find((p) => p.department === name)?.items.map((i) => i.id) ?? []);
  };
  const move = (from: number) => {
    if (!page || from === 0) return;
    const next = [...page];
    [next[from - 1], next[from]] = [next[from]!, next[from - 1]!];
    setPage(next);
  };
  return (
    <div className="token-card" data-testid="quick-keys-card">
      <h2>{t('cart.quickKeys')}</h2>
      <div className="row">
        {pages.map((p) => (
          <button
            key={p.department}
            type="button"
            className="secondary small"
            aria-pressed={page !== null && department === p.department}
            onClick={() => open(p.department)}
          >
            {p.department || '—'}
          </button>
        ))}
      </div>
      <label htmlFor="quick-department">{t('catalog.quick.department')}</label>
      <div className="row">
        <input
          id="quick-department"
          data-testid="quick-department"
          value={department}
          maxLength={40}
          onChange={(e) => setDepartment(e.target.value)}
        />
        <button type="button" className="secondary" data-testid="quick-open" onClick={() => open(department.trim())}>
          {t('catalog.quick.open')}
        </button>
      </div>
      {page && (
        <>
          <p className="muted small">{t('catalog.quick.hint')}</p>
          <ol className="quick-page" data-testid="quick-page">
            {page.map((id, i) => {
              const name = known.get(id) ? nameIn(known.get(id)!, locale) : id;
              return (
                <li key={id}>
                  <span>{name}</span>
                  <span className="cart-steps">
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={t('catalog.quick.up', { name })}
                      disabled={i === 0}
                      onClick={() => move(i)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={t('catalog.quick.remove', { name })}
                      onClick={() => setPage(page.filter((x) => x !== id))}
                    >
                      {'\u00d7'}
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
          <div className="row">
            <button
              type="button"
              className="primary"
              data-testid="quick-save"
              onClick={() =>
                void arrange(department.trim(), page).then((ok) => {
                  setSaved(ok);
                  if (ok) setPage(null);
                })
              }
            >
              {t('catalog.quick.save')}
            </button>
          </div>
        </>
      )}
      {saved && (
        <p className="notice good" role="status">
          {t('catalog.quick.saved')}
        </p>
      )}
    </div>
  );
}
