import { useEffect, useState } from 'react';
import type { Currency, SaleView } from '../../../common/contract';
import { useT } from '../base/i18n';
import { useCustomers } from './customer-store';

/**
 * The sale's customer (optional): find one in Helcim by name, business or phone, or add one — only
 * with the customer's consent, said out loud and ticked here. Once attached: their saved cards, each
 * with the consent recorded for it; charge one (phone orders, house accounts), save a new one (again
 * with consent), and — a manager — remove one. Charging and saving are the sale screen's (props).
 */
export function CustomerDialog({
  sale,
  currency,
  canChange,
  canCharge,
  isManager,
  onChanged,
  onCharge,
  onSaveCard,
  onClose,
}: {
  sale: SaleView;
  currency: Currency;
  /** Before the sale's first tender only. */
  canChange: boolean;
  /** Something is due and no tender is under way. */
  canCharge: boolean;
  isManager: boolean;
  onChanged: () => void;
  onCharge: (cardId: number) => void;
  onSaveCard: (customerCode: string) => void;
  onClose: () => void;
}) {
  const { t, money } = useT();
  const { found, cards, error, search, add, attach, loadCards, removeCard, reset } = useCustomers();
  const [text, setText] = useState('');
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState({ contactName: '', businessName: '', cellPhone: '' });
  const [consent, setConsent] = useState(false);
  const [cardConsent, setCardConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const customer = sale.customer;
  useEffect(() => {
    reset();
    if (customer) void loadCards(customer.customerCode);
  }, [customer, loadCards, reset]);
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    await f();
    setBusy(false);
  };
  const pick = (code: string | null) =>
    run(async () => {
      if ((await attach(sale.saleId, code)) !== false) onChanged();
    });
  return (
    <div className="dialog-backdrop">
      <div
        className="panel dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="customer-title"
        data-testid="customer-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="customer-title">{t('customers.title', { number: sale.number })}</h2>
        {error && (
          <p className="notice error" role="alert" data-testid="customer-error">
            {error.message}
          </p>
        )}
        {customer ? (
          <>
            <p data-testid="customer-attached">{t('customers.attached', { name: customer.name })}</p>
            {canChange && (
              <button
                type="button"
                className="secondary small"
                data-testid="customer-remove"
                disabled={busy}
                onClick={() => void pick(null)}
              >
                {t('customers.removeFromSale')}
              </button>
            )}
            <h3>{t('customers.cards')}</h3>
            {cards.length === 0 && <p className="muted">{t('customers.noCards')}</p>}
            <ul className="saved-cards" data-testid="saved-cards">
              {cards.map((c) => (
                <li key={c.cardId} data-testid={`saved-card-${c.last4}`}>
                  <span>
                    {c.brand} •••• {c.last4}{' '}
                    <span className="muted">
                      {c.consent
                        ? t('customers.consentBy', { name: c.consent.by, at: new Date(c.consent.at).toLocaleString() })
                        : t('customers.noConsent')}
                    </span>
                  </span>{' '}
                  {c.consent && (
                    <button
                      type="button"
                      className="primary small"
                      data-testid={`charge-card-${c.last4}`}
                      disabled={busy || !canCharge}
                      onClick={() => onCharge(c.cardId)}
                    >
                      {t('customers.charge', { amount: money(sale.dueCents, currency) })}
                    </button>
                  )}{' '}
                  {isManager && (
                    <button
                      type="button"
                      className="secondary small danger"
                      data-testid={`remove-card-${c.last4}`}
                      disabled={busy}
                      onClick={() => void run(() => removeCard(customer.customerCode, c.cardId))}
                    >
                      {t('customers.removeCard')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <label className="inline-check">
              <input
                type="checkbox"
                data-testid="card-consent"
                checked={cardConsent}
                onChange={(e) => setCardConsent(e.target.checked)}
              />{' '}
              {t('customers.cardConsent', { name: customer.name })}
            </label>
            <button
              type="button"
              className="secondary"
              data-testid="save-card"
              disabled={busy || !cardConsent || !canCharge}
              onClick={() => onSaveCard(customer.customerCode)}
            >
              {t('customers.saveCard')}
            </button>
          </>
        ) : (
          <>
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                if (text.trim().length >= 2) void run(() => search(text));
              }}
            >
              <label>
                {t('customers.search')}
                <input
                  type="search"
                  data-testid="customer-search"
                  autoFocus
                  autoComplete="off"
                  maxLength={60}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                />
              </label>
              <button
                type="submit"
                className="secondary"
                data-testid="customer-find"
                disabled={busy || text.trim().length < 2}
              >
                {t('customers.find')}
              </button>
            </form>
            <ul className="customers" data-testid="customer-results">
              {found.map((c) => (
                <li key={c.customerCode}>
                  <button
                    type="button"
                    className="secondary"
                    data-testid={`customer-${c.customerCode}`}
                    disabled={busy || !canChange}
                    onClick={() => void pick(c.customerCode)}
                  >
                    {c.name}
                    {c.business ? ` · ${c.business}` : ''}
                    {c.phoneLast4 ? ` · ${t('customers.phoneEnds', { digits: c.phoneLast4 })}` : ''}
                  </button>
                </li>
              ))}
            </ul>
            {!adding ? (
              <button
                type="button"
                className="secondary small"
                data-testid="customer-new"
                onClick={() => setAdding(true)}
              >
                {t('customers.new')}
              </button>
            ) : (
              <form
                data-testid="customer-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (!consent) return;
                  void run(async () => {
                    const made = await add(draft);
                    if (made) {
                      setAdding(false);
                      if ((await attach(sale.saleId, made.customerCode)) !== false) onChanged();
                    }
                  });
                }}
              >
                <label>
                  {t('customers.contactName')}
                  <input
                    data-testid="customer-name"
                    maxLength={80}
                    value={draft.contactName}
                    onChange={(e) => setDraft({ ...draft, contactName: e.target.value })}
                  />
                </label>
                <label>
                  {t('customers.businessName')}
                  <input
                    data-testid="customer-business"
                    maxLength={80}
                    value={draft.businessName}
                    onChange={(e) => setDraft({ ...draft, businessName: e.target.value })}
                  />
                </label>
                <label>
                  {t('customers.phone')}
                  <input
                    data-testid="customer-phone"
                    inputMode="tel"
                    maxLength={20}
                    value={draft.cellPhone}
                    onChange={(e) => setDraft({ ...draft, cellPhone: e.target.value })}
                  />
                </label>
                <label className="inline-check">
                  <input
                    type="checkbox"
                    data-testid="customer-consent"
                    checked={consent}
                    onChange={(e) => setConsent(e.target.checked)}
                  />{' '}
                  {t('customers.consent')}
                </label>
                <button
                  type="submit"
                  className="primary"
                  data-testid="customer-add"
                  disabled={busy || !consent || !(draft.contactName.trim() || draft.businessName.trim())}
                >
                  {t('customers.add')}
                </button>
              </form>
            )}
          </>
        )}
        <div className="actions">
          {/* With a customer attached there is no search field: the focus comes into the dialog here. */}
          <button
            type="button"
            className="secondary"
            data-testid="customer-close"
            autoFocus={!!customer}
            onClick={onClose}
          >
            {t('customers.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
