import { useEffect, useRef } from 'react';
import type { AppStatus } from '../../../common/contract';
import { useShallow } from 'zustand/react/shallow';
import { chargeCents, useSale } from './sale-store';
import { addTypedLine, dropPending, pendingWords, scanCode } from './cart-store';
import { listenForScans } from './scanner-listener';
import { CartPanel } from './CartPanel';
import { useReceipt } from '../receipts/receipt-store';
import { CheckoutFrame } from './CheckoutFrame';
import { TerminalPanel } from './TerminalPanel';
import { CashPanel } from './CashPanel';
import { TenderPanel } from './TenderPanel';
import { CustomerLanguage } from './CustomerLanguage';
import { useStatus } from '../base/status-store';
import { Numpad } from '../shared/Numpad';
import { currentT, useT } from '../base/i18n';
import { ResultPanel } from './ResultPanel';
import { focusOf, saleKeyAction } from './keys';

export function SaleScreen({ status }: { status: AppStatus }) {
  const sale = useSale(
    useShallow((s) => ({
      amountCents: s.amountCents,
      saleOpen: s.sale !== null,
      chargeCents: chargeCents(s),
      cartLines: s.cart.length,
      pending: s.pending,
      showTyped: s.showTyped,
      phase: s.phase,
      error: s.error,
      pressKey: s.pressKey,
      charge: s.charge,
      hold: s.hold,
      verify: s.verify,
      chargeOnTerminal: s.chargeOnTerminal,
      startCash: s.startCash,
      chooseTender: s.chooseTender,
      resume: s.resume,
      tendering: s.tendering,
      lastWords: s.lastWords,
    })),
  );
  const { t, money, time, locale } = useT();
  const caps = status.session?.capabilities;
  const currency = status.currency;
  // Helcim unreachable: card tenders are off (said why and since when); cash goes on.
  const helcimDown = status.helcimReachable === false;
  const cardsOn = !helcimDown;
  const toCharge = sale.chargeCents > 0 && sale.phase === 'entry';
  const canCharge = cardsOn && !!caps?.['purchase.start'] && toCharge;
  // A card check and a hold (a deposit) are typed amounts, never a cart's sale.
  const canVerify = cardsOn && !!caps?.['verify.start'] && sale.phase === 'entry' && sale.cartLines === 0;
  const canHold =
    cardsOn && !!caps?.['preauth.start'] && sale.amountCents > 0 && sale.phase === 'entry' && sale.cartLines === 0;
  const canCash = !!caps?.['cash.sale'] && toCharge;
  const canAdd = !!caps?.['sale.cart'] && sale.amountCents > 0 && sale.phase === 'entry';
  // A paired terminal is the default way to charge; typing a card into Helcim's form stays for phone orders.
  const terminalCode = status.terminalCode;
  const canTerminal = cardsOn && !!terminalCode && !!caps?.['terminal.start'] && toCharge;
  // The customer display shows the amount as it is typed, before any tender starts (0: cleared); a
  // cart's sale it shows with its lines (main), and a weight being typed is not an amount.
  const typedForDisplay = sale.phase === 'entry' && !sale.saleOpen && !sale.pending ? sale.amountCents : 0;
  const canShowTyped = !!caps?.['display.typed'];
  const showTyped = sale.showTyped;
  useEffect(() => {
    if (canShowTyped) showTyped(typedForDisplay, currency);
  }, [canShowTyped, typedForDisplay, currency, showTyped]);
  // Focus starts on the amount (after sign-in, after each sale), where the keys go.
  const amountBox = useRef<HTMLDivElement>(null);
  const entering = sale.phase === 'entry' || sale.phase === 'starting';
  useEffect(() => {
    if (entering) amountBox.current?.focus();
  }, [entering]);
  // An item waiting for its price or weight: the keys (and Enter) go to the keypad, not the button pressed.
  const waiting = sale.pending !== null;
  useEffect(() => {
    if (waiting) amountBox.current?.focus();
  }, [waiting]);

  // A scanner's code, whatever has focus on this screen (scanner-listener.ts): into the cart; after a
  // sale's result, the first item of the next sale; never into a sale being paid.
  useEffect(
    () =>
      listenForScans((code) => {
        const s = useSale.getState();
        if (s.phase === 'result') {
          useReceipt.getState().close();
          s.newSale();
        }
        if (useSale.getState().phase === 'entry') void scanCode(code, currency);
        else useSale.setState({ error: { code: 'invalid_payload', message: currentT().t('cart.scanWhilePaying') } });
      }),
    [currency],
  );

  // The numpad also works from the keyboard: digits, Backspace, Escape (clear), Enter (charge) — but a
  // focused control keeps its own keys (saleKeyAction). Escape cancels an open card form.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useSale.getState();
      const action = saleKeyAction(s.phase, e.key, focusOf(document.activeElement), e.ctrlKey || e.metaKey || e.altKey);
      if (!action) return;
      e.preventDefault();
      if (s.pending && (action === 'charge' || action === 'clear')) {
        // An item waiting for its price or weight: Enter adds it, Escape drops it.
        if (action === 'charge') void addTypedLine(currency);
        else dropPending();
      } else if (action === 'new-sale') {
        useReceipt.getState().close();
        s.newSale();
      } else if (action === 'cancel-checkout') void s.cancelCheckout();
      else if (action === 'charge') {
        const st = useStatus.getState().status;
        if (st?.helcimReachable === false) s.startCash();
        else void (st?.terminalCode ? s.chargeOnTerminal(currency) : s.charge(currency));
      } else s.pressKey(action === 'digit' ? e.key : action === 'backspace' ? 'Backspace' : 'Clear');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [currency]);

  if (sale.phase === 'checkout' || sale.phase === 'finishing') return <CheckoutFrame />;
  if (sale.phase === 'terminal') return <TerminalPanel status={status} />;
  if (sale.phase === 'cash') return <CashPanel currency={currency} />;
  if (sale.phase === 'tender' || (sale.phase === 'starting' && sale.tendering)) return <TenderPanel status={status} />;
  // The box shows what the keypad is typing (a price, a weight) or, with nothing typed, the cart's total.
  const pending = sale.pending;
  const shown =
    pending?.needs === 'weight'
      ? `${(sale.amountCents / 1000).toLocaleString(locale, { minimumFractionDigits: 3 })} ${pending.item.soldBy}`
      : money(sale.cartLines > 0 && sale.amountCents === 0 ? sale.chargeCents : sale.amountCents, currency);
  const charged = money(sale.chargeCents, currency);
  if (sale.phase === 'result') return <ResultPanel />;

  return (
    <section className="sale" aria-label={t('sale.region')}>
      <CartPanel currency={currency} canAddItems={!!caps?.['catalog.add'] || !!caps?.['catalog.addAtCounter']} />
      {/* Two columns on a counter's landscape screen (the amount and keys; the ways to take it), so the
          primary action is never below the fold, whatever notices are showing (styles.css). */}
      <div className="sale-entry">
        {/* Long amounts ($10,000.00 and up) get a smaller type so they never spill out of the box. */}
        <div
          ref={amountBox}
          tabIndex={-1}
          className={shown.length > 9 ? 'amount long' : 'amount'}
          data-testid="amount"
          aria-live="polite"
          aria-label={t('sale.amountLabel', { amount: shown })}
        >
          {shown}
        </div>
        {pending && (
          <p className="notice" role="status" data-testid="pending-item">
            {pendingWords(pending)}
          </p>
        )}
        {helcimDown && (
          <p className="notice warn" role="status" data-testid="helcim-down">
            {status.helcimDownSince
              ? t('sale.helcimDownSince', { time: time(status.helcimDownSince) })
              : t('sale.helcimDown')}
          </p>
        )}
        {sale.error && (
          <p className="notice error" role="alert" data-testid="sale-error">
            {sale.error.message}
          </p>
        )}
        {sale.lastWords && (
          <p className="notice" role="status" data-testid="sale-words">
            {sale.lastWords}
          </p>
        )}
        {status.halfPaidSales.map((h) => (
          <p className="notice warn" role="status" key={h.saleId} data-testid="half-paid">
            {h.paidCents > 0
              ? t('sale.halfPaid', {
                  number: h.number,
                  paid: money(h.paidCents, currency),
                  total: money(h.totalCents, currency),
                })
              : // Nothing taken yet: "half paid ($0.00 of …)" would be wrong — a payment is being checked.
                t('sale.beingChecked', { number: h.number, total: money(h.totalCents, currency) })}{' '}
            <button
              type="button"
              className="secondary small"
              data-testid={`resume-${h.number}`}
              onClick={() => void sale.resume(h.saleId)}
            >
              {t('sale.finishOrAbandon')}
            </button>
          </p>
        ))}
        <CustomerLanguage shop={status.shopLanguage} />
        <Numpad onKey={sale.pressKey} disabled={sale.phase !== 'entry'} />
      </div>
      <div className="actions sale-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => sale.pressKey('Clear')}
          disabled={sale.phase !== 'entry'}
        >
          {t('sale.clear')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="add-typed"
          disabled={!canAdd}
          onClick={() => void addTypedLine(currency)}
        >
          {t('cart.addTyped')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="verify"
          disabled={!canVerify}
          onClick={() => void sale.verify(currency)}
        >
          {t('sale.verify')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="cash"
          disabled={!canCash}
          onClick={() => sale.startCash()}
        >
          {t('sale.cash')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="split"
          disabled={!canCash}
          onClick={() => void sale.chooseTender(currency)}
        >
          {t('sale.split')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="hold"
          disabled={!canHold}
          onClick={() => void sale.hold(currency)}
        >
          {t('sale.hold')}
        </button>
        {terminalCode ? (
          <>
            <button
              type="button"
              className="secondary"
              data-testid="charge"
              disabled={!canCharge}
              onClick={() => void sale.charge(currency)}
            >
              {t('sale.keyIn')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="charge-terminal"
              disabled={!canTerminal}
              onClick={() => void sale.chargeOnTerminal(currency)}
            >
              {sale.phase === 'starting'
                ? t('sale.sendingToTerminal')
                : t('sale.chargeOnTerminal', { amount: charged })}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            data-testid="charge"
            disabled={!canCharge}
            onClick={() => void sale.charge(currency)}
          >
            {sale.phase === 'starting' ? t('sale.openingCardEntry') : t('sale.charge', { amount: charged })}
          </button>
        )}
      </div>
    </section>
  );
}
