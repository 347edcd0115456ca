import { useEffect, useRef, useState } from 'react';
import type { Currency, ImportRow, ItemView } from '../../../common/contract';
import { nameIn } from '../../../common/i18n/lines';
import { useT } from '../base/i18n';
import { ResultsTable, type Column } from '../shared/ResultsTable';
import { useCatalogAdmin } from './catalog-admin-store';
import { ItemFields, useItemFields } from './ItemFields';
import { QuickKeysCard } from './QuickKeysCard';
import { useTax } from '../tax/tax-store';

/** The most rows of a file's preview listed (the counts cover them all): the refused first. */
const PREVIEW_ROWS = 200;

/** Managers: find, add, change, take off sale; import a CSV file after a preview; arrange quick keys. */
export function CatalogScreen({ currency }: { currency: Currency }) {
  const admin = useCatalogAdmin();
  const { t, money, locale } = useT();
  const [editing, setEditing] = useState<ItemView | 'new' | null>(null);
  const [quickPage, setQuickPage] = useState<string[] | null>(null);
  const { find } = admin;
  useEffect(() => void find(''), [find]);

  const columns: Column<ItemView>[] = [
    { header: t('catalog.col.name'), cell: (i) => nameIn(i, locale) },
    { header: t('catalog.field.sku'), cell: (i) => i.sku },
    {
      header: t('catalog.col.price'),
      cell: (i) =>
        i.priceCents === null
          ? t('catalog.openPrice')
          : `${money(i.priceCents, currency)}${i.soldBy === 'unit' ? '' : `/${i.soldBy}`}`,
    },
    { header: t('catalog.field.department'), cell: (i) => i.department || '—' },
    { header: t('catalog.col.state'), cell: (i) => t(i.active ? 'catalog.state.active' : 'catalog.state.inactive') },
    {
      header: t('tx.actions'),
      hidden: true,
      className: 'actions-cell',
      cell: (i) => (
        <>
          <button
            type="button"
            className="secondary small"
            data-testid={`item-edit-${i.sku}`}
            onClick={() => setEditing(i)}
          >
            {t('catalog.edit')}
          </button>
          <button
            type="button"
            className="secondary small"
            data-testid={`item-active-${i.sku}`}
            onClick={() => void admin.setActive(i, !i.active)}
          >
            {t(i.active ? 'catalog.deactivate' : 'catalog.activate')}
          </button>
          {quickPage && i.active && !quickPage.includes(i.id) && (
            <button
              type="button"
              className="secondary small"
              data-testid={`item-quick-${i.sku}`}
              onClick={() => setQuickPage([...quickPage, i.id])}
            >
              {t('catalog.quick.add')}
            </button>
          )}
        </>
      ),
    },
  ];

  return (
    <section className="panel wide" aria-label={t('catalog.region')} data-testid="catalog">
      <h1>{t('catalog.heading')}</h1>
      <div className="row">
        <input
          type="search"
          aria-label={t('cart.search')}
          placeholder={t('cart.searchHint')}
          data-testid="catalog-search"
          value={admin.query}
          onChange={(e) => void admin.find(e.target.value)}
        />
        <button type="button" className="primary" data-testid="item-new" onClick={() => setEditing('new')}>
          {t('catalog.new')}
        </button>
      </div>
      {admin.error && (
        <p className="notice error" role="alert" data-testid="catalog-error">
          {admin.error.message}
        </p>
      )}
      {editing && (
        <ItemEditor
          key={editing === 'new' ? 'new' : editing.id}
          item={editing === 'new' ? null : editing}
          close={() => setEditing(null)}
        />
      )}
      <ResultsTable
        rows={admin.items}
        columns={columns}
        rowKey={(i) => i.id}
        testId="catalog-items"
        rowTestId={(i) => `item-${i.sku}`}
      />
      <QuickKeysCard items={admin.items} page={quickPage} setPage={setQuickPage} />
      <ImportCard />
    </section>
  );
}

/** A new item, or a change to one: every field at once, as main takes it. */
function ItemEditor({ item, close }: { item: ItemView | null; close: () => void }) {
  const { t } = useT();
  const save = useCatalogAdmin((s) => s.save);
  const fields = useItemFields(item);
  const [busy, setBusy] = useState(false);
  // The shop's own tax categories, from the Sales tax card (a manager's screen: they may read it).
  const { tax, load: loadTax } = useTax();
  useEffect(() => void loadTax(), [loadTax]);
  return (
    <form
      className="item-editor"
      data-testid="item-editor"
      aria-label={item ? t('catalog.editTitle', { sku: item.sku }) : t('catalog.newTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        if (fields.problem || busy) return;
        setBusy(true);
        void save(item?.id ?? null, fields.draft()).then((ok) => {
          setBusy(false);
          if (ok) close();
        });
      }}
    >
      <h2>{item ? t('catalog.editTitle', { sku: item.sku }) : t('catalog.newTitle')}</h2>
      <ItemFields fields={fields} shopCategories={tax?.categories?.map((c) => c.name) ?? []} />
      {fields.problem && <p className="muted small">{fields.problem}</p>}
      <div className="row">
        <button type="button" className="secondary" onClick={close}>
          {t('cart.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="item-save" disabled={!!fields.problem || busy}>
          {t('catalog.save')}
        </button>
      </div>
    </form>
  );
}

/** A CSV file: every row's outcome first (nothing written), then written in one go on the manager's yes. */
function ImportCard() {
  const { t } = useT();
  const { preview, imported, previewFile, confirmImport, dropPreview, saveExport, notice } = useCatalogAdmin();
  // The preview (or what was imported) takes the focus, so the manager reads it first.
  const said = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (preview || imported) said.current?.focus();
  }, [preview, imported]);
  const rows = (p: typeof preview) =>
    (p?.rows ?? [])
      .filter((r) => r.outcome !== 'same')
      .sort((a, b) => Number(b.outcome === 'refused') - Number(a.outcome === 'refused') || a.line - b.line)
      .slice(0, PREVIEW_ROWS);
  const columns: Column<ImportRow>[] = [
    { header: t('catalog.import.line'), cell: (r) => r.line },
    { header: t('catalog.field.sku'), cell: (r) => r.sku || '—' },
    { header: t('catalog.import.outcome'), cell: (r) => t('catalog.import.outcomeWord', { outcome: r.outcome }) },
    { header: t('catalog.import.why'), cell: (r) => r.why ?? '' },
  ];
  return (
    <div className="token-card" data-testid="catalog-import">
      <h2>{t('catalog.import.heading')}</h2>
      <p className="muted">{t('catalog.import.hint')}</p>
      <label htmlFor="catalog-file">{t('catalog.import.file')}</label>
      <input
        id="catalog-file"
        type="file"
        accept=".csv,text/csv"
        data-testid="catalog-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void file.text().then(previewFile);
          e.target.value = '';
        }}
      />
      {preview && (
        <>
          <p role="status" data-testid="import-summary" tabIndex={-1} ref={said}>
            {t('catalog.import.summary', {
              added: preview.added,
              changed: preview.changed,
              same: preview.same,
              refused: preview.refused,
            })}
          </p>
          <ResultsTable
            rows={rows(preview)}
            columns={columns}
            rowKey={(r) => String(r.line)}
            testId="import-rows"
            rowTestId={(r) => `import-row-${r.line}`}
          />
          <div className="row">
            <button type="button" className="secondary" onClick={dropPreview}>
              {t('cart.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="import-confirm"
              disabled={preview.added + preview.changed === 0}
              onClick={() => void confirmImport()}
            >
              {t('catalog.import.confirm', { count: preview.added + preview.changed })}
            </button>
          </div>
        </>
      )}
      {imported && (
        <p className="notice good" role="status" data-testid="import-done" tabIndex={-1} ref={said}>
          {t('catalog.import.done', { added: imported.added, changed: imported.changed })}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" data-testid="catalog-export" onClick={() => void saveExport()}>
          {t('catalog.export.save')}
        </button>
      </div>
      {notice && (
        <p className="notice info" role="status" data-testid="catalog-notice">
          {notice}
        </p>
      )}
    </div>
  );
}
