/**
 * The customer display: a second window facing the customer. No controls; it only shows what main
 * sends through its own preload (window.customerDisplay.subscribe) — the amount, where the payment
 * stands, the change and a thank-you.
 */
import { quantityIn } from '../../common/i18n/lines';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CustomerLine, CustomerView } from '../../common/contract';
// The customer display is a page of its own, small, in either language at any moment: both catalogs, at once.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { translator } from '../../common/i18n';
import './customer.css';

declare global {
  interface Window {
    customerDisplay: { subscribe(listener: (view: CustomerView) => void): void };
  }
}

function CustomerDisplay() {
  const [view, setView] = useState<CustomerView | null>(null);
  useEffect(() => window.customerDisplay.subscribe(setView), []);
  // The window's language and title follow the sale's (its title is the only word outside the page).
  const locale = view?.locale;
  useEffect(() => {
    if (!locale) return;
    document.documentElement.lang = locale;
    document.title = translator(locale).t('displayCard.title');
  }, [locale]);
  if (!view) return null;
  // The customer's language for this sale (the shop's when there is none).
  const { t, money: format } = translator(view.locale);
  const money = (cents: number) => format(cents, view.currency);
  // "2 ×" for pieces, "0,250 kg" for a weighed line, in the customer's writing of numbers.
  const quantity = (l: CustomerLine) => `${quantityIn(l, view.locale)}${l.soldBy === 'unit' ? ' ×' : ''}`;
  return (
    <main
      className={`customer ${view.state}`}
      data-testid="customer-display"
      data-state={view.state}
      lang={view.locale}
    >
      <h1>{view.shop}</h1>
      {view.state === 'welcome' && <p className="big">{t('display.welcome')}</p>}
      {view.state !== 'welcome' && view.lines.length > 0 && (
        <ol className="lines" data-testid="customer-lines">
          {view.lineCount > view.lines.length && (
            <li className="more">{t('display.moreLines', { count: view.lineCount - view.lines.length })}</li>
          )}
          {view.lines.map((l, i) => (
            <li key={i}>
              <span className="qty">{quantity(l)}</span>
              <span className="name">{l.name}</span>
              <span className="total">
                {money(l.lineTotalCents)}
                {l.discountCents > 0 && <small className="discount"> −{money(l.discountCents)}</small>}
              </span>
            </li>
          ))}
        </ol>
      )}
      {view.state !== 'welcome' && view.discountsCents > 0 && (
        <p data-testid="customer-discounts">{t('display.discounts', { amount: money(view.discountsCents) })}</p>
      )}
      {view.state !== 'welcome' && view.taxes.length > 0 && (
        <ul className="lines taxes" data-testid="customer-taxes">
          {view.taxes.map((x) => (
            <li key={x.label}>
              <span className="name">{x.label}</span>
              <span className="total">{money(x.taxCents)}</span>
            </li>
          ))}
        </ul>
      )}
      {(view.state === 'due' || view.state === 'card' || view.state === 'keyed' || view.state === 'declined') && (
        <>
          {view.paidCents > 0 && (
            <p>{t('display.totalAndPaid', { total: money(view.totalCents), paid: money(view.paidCents) })}</p>
          )}
          <p className="label">{view.paidCents > 0 ? t('display.stillDue') : t('display.total')}</p>
          <p className="amount" data-testid="customer-due">
            {money(view.dueCents)}
          </p>
          {view.state === 'card' && <p className="big">{t('display.tapOnTerminal')}</p>}
          {view.state === 'keyed' && <p className="big">{t('display.keyedIn')}</p>}
          {view.state === 'declined' && <p className="big bad">{t('display.declined')}</p>}
        </>
      )}
      {view.state === 'paid' && (
        <>
          <p className="big good">{t('display.thankYou')}</p>
          {view.roundingCents !== 0 && (
            <p data-testid="customer-rounding">
              {t('display.rounding', {
                amount: `${view.roundingCents > 0 ? '+' : '−'}${money(Math.abs(view.roundingCents))}`,
              })}
            </p>
          )}
          {view.changeCents > 0 && (
            <p className="amount" data-testid="customer-change">
              {t('display.change', { amount: money(view.changeCents) })}
            </p>
          )}
        </>
      )}
      {view.servedBy && view.state !== 'welcome' && (
        <p className="served">{t('display.servedBy', { name: view.servedBy })}</p>
      )}
    </main>
  );
}

createRoot(document.getElementById('customer')!).render(
  <StrictMode>
    <CustomerDisplay />
  </StrictMode>,
);
