import type { Receipt } from '../../../preload/contract';
import { brandName, formatCents } from '../format';
import { useReceipt } from '../store/receipt';

const TITLES: Record<Receipt['kind'], string> = {
  purchase: 'Sale',
  verify: 'Card verification',
  preauth: 'Card hold (pre-authorization)',
  capture: 'Sale (captured hold)',
  refund: 'Refund',
  reverse: 'Void',
  release: 'Hold released',
};

/** The receipt on screen, with print / save as PDF (reprint is the same buttons later). */
export function ReceiptView({ onClose }: { onClose?: () => void }) {
  const { receipt: r, notice, error, print, savePdf, close } = useReceipt();
  if (!r) return null;
  return (
    <section className="panel narrow receipt" aria-label="Receipt" data-testid="receipt">
      <h1>{r.shop}</h1>
      {r.training && <p className="notice warn">TRAINING — NOT A REAL TRANSACTION</p>}
      <p className="big">
        {TITLES[r.kind]} {formatCents(r.kind === 'verify' ? 0 : r.amountCents, r.currency)}
      </p>
      <dl>
        <dt>When</dt>
        <dd>{new Date(r.time).toLocaleString('en-CA')}</dd>
        {r.sale && (
          <>
            <dt>Sale #{r.sale.number} total</dt>
            <dd data-testid="receipt-sale-total">{formatCents(r.sale.totalCents, r.currency)}</dd>
            {r.sale.tenders.map((t, i) => (
              <div key={i} className="dl-row">
                <dt>Paid by {t.label}</dt>
                <dd data-testid="receipt-tender">{formatCents(t.amountCents, r.currency)}</dd>
              </div>
            ))}
          </>
        )}
        {r.cash && (
          <>
            <dt>Cash tendered</dt>
            <dd data-testid="receipt-tendered">{formatCents(r.cash.tenderedCents, r.currency)}</dd>
            <dt>Change</dt>
            <dd data-testid="receipt-change">{formatCents(r.cash.changeCents, r.currency)}</dd>
          </>
        )}
        {!!r.tipCents && (
          <>
            <dt>Sale</dt>
            <dd>{formatCents(r.amountCents - r.tipCents, r.currency)}</dd>
            <dt>Tip</dt>
            <dd data-testid="receipt-tip">{formatCents(r.tipCents, r.currency)}</dd>
          </>
        )}
        {r.cardLast4 && (
          <>
            <dt>Card</dt>
            <dd data-testid="receipt-card">
              {brandName(r.cardType)} •••• {r.cardLast4}
            </dd>
          </>
        )}
        {r.approvalCode && (
          <>
            <dt>Approval</dt>
            <dd>{r.approvalCode}</dd>
          </>
        )}
        {r.transactionId && (
          <>
            <dt>Helcim transaction</dt>
            <dd>{r.transactionId}</dd>
          </>
        )}
        {r.originalTransactionId && (
          <>
            <dt>Original</dt>
            <dd>{r.originalTransactionId}</dd>
          </>
        )}
        <dt>Cashier</dt>
        <dd>{r.cashier}</dd>
        {r.approver && (
          <>
            <dt>Authorized by</dt>
            <dd>{r.approver}</dd>
          </>
        )}
      </dl>
      {notice && (
        <p className="notice good" role="status" data-testid="receipt-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error.message}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="secondary"
          data-testid="receipt-close"
          onClick={() => {
            close();
            onClose?.();
          }}
        >
          Close
        </button>
        <button type="button" className="secondary" data-testid="receipt-pdf" onClick={() => void savePdf()}>
          Save PDF
        </button>
        <button type="button" className="primary" data-testid="receipt-print" onClick={() => void print()}>
          Print
        </button>
      </div>
    </section>
  );
}
