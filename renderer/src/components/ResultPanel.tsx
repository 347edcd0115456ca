import { brandName, formatCents } from '../format';
import { useSale } from '../store/sale';
import { useShallow } from 'zustand/react/shallow';
import { useReceipt } from '../store/receipt';
import { ReceiptView } from './ReceiptView';
import { PrintLine } from './PrintLine';

export function ResultPanel() {
  const { outcome, error, newSale, sale, chooseTender } = useSale(
    useShallow((s) => ({ outcome: s.outcome, error: s.error, newSale: s.newSale, sale: s.sale, chooseTender: s.chooseTender })),
  );
  const receipt = useReceipt((r) => r.receipt);
  const open = useReceipt((r) => r.open);
  const closeReceipt = useReceipt((r) => r.close);
  if (receipt) return <ReceiptView />;
  let tone = 'bad';
  let title: string;
  let lines: string[];
  if (outcome) {
    tone = outcome.outcome === 'approved' ? 'good' : outcome.outcome === 'cancelled' ? 'neutral' : 'bad';
    title =
      outcome.outcome === 'approved'
        ? outcome.kind === 'verify'
          ? 'Card verified'
          : outcome.kind === 'preauth'
            ? `Hold approved ${formatCents(outcome.amountCents, outcome.currency)}`
            : `Approved ${formatCents(outcome.amountCents, outcome.currency)}`
        : outcome.outcome === 'declined'
          ? 'Declined'
          : 'Cancelled';
    lines = [outcome.message];
    if (outcome.cash) lines.push(`Handed over ${formatCents(outcome.cash.tenderedCents, outcome.currency)}`);
    if (outcome.tipCents) lines.push(`Sale ${formatCents(outcome.amountCents, outcome.currency)} + tip ${formatCents(outcome.tipCents, outcome.currency)}`);
    if (outcome.cardLast4) lines.push(`${brandName(outcome.cardType)} •••• ${outcome.cardLast4}`);
    if (outcome.approvalCode) lines.push(`Approval code ${outcome.approvalCode}`);
    if (outcome.transactionId) lines.push(`Helcim transaction ${outcome.transactionId}`);
    if (sale && sale.state === 'paid' && sale.tenders.filter((t) => t.state === 'approved').length > 1)
      lines.push(
        `Sale #${sale.number} ${formatCents(sale.totalCents, sale.currency)} paid in full by ${sale.tenders.filter((t) => t.state === 'approved').length} payments.`,
      );
  } else {
    title = error?.code === 'checkout_unverified' ? 'Not verified — do not hand over goods' : 'Payment not completed';
    lines = [error?.message ?? 'Something went wrong.'];
  }
  return (
    <section className={`result ${tone}`} role="status" data-testid="result" data-outcome={outcome?.outcome ?? error?.code}>
      <h1>{title}</h1>
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
      {outcome && outcome.outcome !== 'approved' && sale?.state === 'open' && (
        <button type="button" className="secondary" data-testid="another-way" onClick={() => void chooseTender(sale.currency)}>
          Another way to pay…
        </button>
      )}
      {outcome?.outcome === 'approved' && <PrintLine attemptId={outcome.attemptId} />}
      {outcome?.cash && outcome.drawer && (
        <p className={`notice ${outcome.drawer.printed ? 'good' : 'warn'}`} role="status" data-testid="drawer-pulse">
          {outcome.drawer.message}
        </p>
      )}
      {outcome?.outcome === 'approved' && (
        <button type="button" className="secondary" data-testid="show-receipt" onClick={() => void open(outcome.attemptId)}>
          Receipt…
        </button>
      )}
      <button
        type="button"
        className="primary"
        data-testid="new-sale"
        onClick={() => {
          closeReceipt();
          newSale();
        }}
        autoFocus
      >
        New sale
      </button>
    </section>
  );
}
