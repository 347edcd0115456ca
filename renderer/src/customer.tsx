/**
 * The customer display: a second window facing the customer. No controls; it only shows what main
 * sends through its own preload (window.customerDisplay.subscribe) — the amount, where the payment
 * stands, the change and a thank-you.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CustomerView } from '../../preload/contract';
import { formatCents } from './format';
import './customer.css';

declare global {
  interface Window {
    customerDisplay: { subscribe(listener: (view: CustomerView) => void): void };
  }
}

function CustomerDisplay() {
  const [view, setView] = useState<CustomerView | null>(null);
  useEffect(() => window.customerDisplay.subscribe(setView), []);
  if (!view) return null;
  const money = (cents: number) => formatCents(cents, view.currency);
  return (
    <main className={`customer ${view.state}`} data-testid="customer-display" data-state={view.state}>
      <h1>{view.shop}</h1>
      {view.state === 'welcome' && <p className="big">Welcome</p>}
      {(view.state === 'due' || view.state === 'card' || view.state === 'declined') && (
        <>
          {view.paidCents > 0 && (
            <p>
              Total {money(view.totalCents)} · paid {money(view.paidCents)}
            </p>
          )}
          <p className="label">{view.paidCents > 0 ? 'Still due' : 'Total'}</p>
          <p className="amount" data-testid="customer-due">
            {money(view.dueCents)}
          </p>
          {view.state === 'card' && <p className="big">Tap, insert or swipe your card on the terminal.</p>}
          {view.state === 'declined' && <p className="big bad">Card declined. Please try another card or another way to pay.</p>}
        </>
      )}
      {view.state === 'paid' && (
        <>
          <p className="big good">Approved — thank you!</p>
          {view.changeCents > 0 && (
            <p className="amount" data-testid="customer-change">
              Your change: {money(view.changeCents)}
            </p>
          )}
        </>
      )}
      {view.servedBy && view.state !== 'welcome' && <p className="served">Served by {view.servedBy}</p>}
    </main>
  );
}

createRoot(document.getElementById('customer')!).render(
  <StrictMode>
    <CustomerDisplay />
  </StrictMode>,
);
