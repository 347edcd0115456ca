import { brandName, formatCents } from '../format';
import { useSale } from '../store/sale';
import { useShallow } from 'zustand/react/shallow';
import { useReceipt } from '../store/receipt';
import { ReceiptView } from './ReceiptView';

export function ResultPanel() {
  const { outcome, error, newSale } = useSale(useShallow((s) => ({ outcome: s.outcome, error: s.error, newSale: s.newSale })));
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
