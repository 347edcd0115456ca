import { useEffect } from 'react';
import type { AppStatus } from '../../../preload/contract';
import { formatCents } from '../format';
import { useSale } from '../store/sale';
import { useHistory } from '../store/history';
import { CheckoutFrame } from './CheckoutFrame';
import { Numpad } from './Numpad';
import { ResultPanel } from './ResultPanel';

export function SaleScreen({ status }: { status: AppStatus }) {
  const sale = useSale();
  const caps = status.session?.capabilities;
  const currency = status.currency;
  const canCharge = !!caps?.['purchase.start'] && sale.amountCents > 0 && sale.phase === 'entry';
  const canVerify = !!caps?.['verify.start'] && sale.phase === 'entry';

  // The numpad also works from the keyboard: digits, Backspace, Escape (clear), Enter (charge).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useSale.getState();
      if (s.phase === 'result' && (e.key === 'Enter' || e.key === 'Escape')) {
        e.preventDefault();
        useHistory.getState().close();
        s.newSale();
        return;
      }
      if (s.phase !== 'entry' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (/^\d$/.test(e.key) || e.key === 'Backspace') s.pressKey(e.key);
      else if (e.key === 'Escape') s.pressKey('Clear');
      else if (e.key === 'Enter') void s.charge(currency);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [currency]);

  if (sale.phase === 'checkout' || sale.phase === 'finishing') return <CheckoutFrame />;
  if (sale.phase === 'result') return <ResultPanel />;

  return (
    <section className="sale" aria-label="New sale">
      <div className="amount" data-testid="amount" aria-live="polite">
        {formatCents(sale.amountCents, currency)}
      </div>
      {sale.error && (
        <p className="notice error" role="alert" data-testid="sale-error">
          {sale.error.message}
        </p>
      )}
      <Numpad onKey={sale.pressKey} disabled={sale.phase !== 'entry'} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => sale.pressKey('Clear')} disabled={sale.phase !== 'entry'}>
          Clear
        </button>
        <button type="button" className="secondary" data-testid="verify" disabled={!canVerify} onClick={() => void sale.verify(currency)}>
          Verify card
        </button>
        <button type="button" className="primary" data-testid="charge" disabled={!canCharge} onClick={() => void sale.charge(currency)}>
          {sale.phase === 'starting' ? 'Opening card entry…' : `Charge ${formatCents(sale.amountCents, currency)}`}
        </button>
      </div>
    </section>
  );
}
