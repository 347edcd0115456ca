import { useT } from '../base/i18n';
import { useSale } from './sale-store';
import { useShallow } from 'zustand/react/shallow';
import { useReceipt } from '../receipts/receipt-store';
import { ReceiptView } from '../receipts/ReceiptView';
import { PrintLine } from '../receipts/PrintLine';

export function ResultPanel() {
  const { outcome, error, newSale, sale, chooseTender } = useSale(
    useShallow((s) => ({
      outcome: s.outcome,
      error: s.error,
      newSale: s.newSale,
      sale: s.sale,
      chooseTender: s.chooseTender,
    })),
  );
  const { t, money, brand } = useT();
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
          ? t('result.verified')
          : outcome.kind === 'preauth'
            ? t('result.holdApproved', { amount: money(outcome.amountCents, outcome.currency) })
            : t('result.approved', { amount: money(outcome.amountCents, outcome.currency) })
        : outcome.outcome === 'declined'
          ? t('result.declined')
          : t('result.cancelled');
    lines = [outcome.message];
    const m = (cents: number) => money(cents, outcome.currency);
    if (outcome.cash) lines.push(t('result.handedOver', { amount: m(outcome.cash.tenderedCents) }));
    if (outcome.tipCents)
      lines.push(t('result.saleAndTip', { sale: m(outcome.amountCents), tip: m(outcome.tipCents) }));
    if (outcome.cardLast4) lines.push(`${brand(outcome.cardType)} •••• ${outcome.cardLast4}`);
    if (outcome.approvalCode) lines.push(t('result.approvalCode', { code: outcome.approvalCode }));
    if (outcome.transactionId) lines.push(t('result.helcimTransaction', { id: outcome.transactionId }));
    const payments = sale?.tenders.filter((x) => x.state === 'approved').length ?? 0;
    if (sale && sale.state === 'paid' && payments > 1)
      lines.push(
        t('result.paidInFull', { number: sale.number, total: money(sale.totalCents, sale.currency), count: payments }),
      );
  } else {
    title = error?.code === 'checkout_unverified' ? t('result.notVerified') : t('result.notCompleted');
    lines = [error?.message ?? t('result.somethingWrong')];
  }
  return (
    <section
      className={`result ${tone}`}
      role="status"
      data-testid="result"
      data-outcome={outcome?.outcome ?? error?.code}
    >
      <h1>{title}</h1>
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
      {outcome && outcome.outcome !== 'approved' && sale?.state === 'open' && (
        <button
          type="button"
          className="secondary"
          data-testid="another-way"
          onClick={() => void chooseTender(sale.currency)}
        >
          {t('result.anotherWay')}
        </button>
      )}
      {outcome?.outcome === 'approved' && <PrintLine attemptId={outcome.attemptId} />}
      {outcome?.cash && outcome.drawer && (
        <p className={`notice ${outcome.drawer.printed ? 'good' : 'warn'}`} role="status" data-testid="drawer-pulse">
          {outcome.drawer.message}
        </p>
      )}
      {outcome?.outcome === 'approved' && (
        <button
          type="button"
          className="secondary"
          data-testid="show-receipt"
          onClick={() => void open(outcome.attemptId)}
        >
          {t('result.receipt')}
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
        {t('result.newSale')}
      </button>
    </section>
  );
}
