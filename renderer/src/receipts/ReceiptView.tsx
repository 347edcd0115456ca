import { useEffect } from 'react';
import { loadCatalog, speaking } from '../base/catalogs';
import { footerKey, receiptHeadlineCents, receiptRows } from '../../../common/i18n/receipt';
import { useReceipt } from './receipt-store';
import { useT } from '../base/i18n';
import { useStatus } from '../base/status-store';
import { EmailReceipt } from '../mail/EmailReceipt';

/**
 * The receipt on screen as it prints — in the receipt's own language (the customer's) — with
 * print / save as PDF around it in the cashier's language (reprint is the same buttons later).
 */
export function ReceiptView({ onClose }: { onClose?: () => void }) {
  const { receipt: r, notice, error, print, savePdf, close } = useReceipt();
  const { t } = useT();
  const canEmail = useStatus((s) => !!s.status?.emailReceipts);
  // The customer's language may not be the cashier's: its words are fetched (useT draws again then).
  const locale = r?.locale;
  useEffect(() => {
    if (locale) void loadCatalog(locale).catch(() => undefined);
  }, [locale]);
  if (!r) return null;
  const paper = speaking(r.locale);
  return (
    <section className="panel narrow receipt" aria-label={t('history.receipt')} data-testid="receipt">
      <div lang={r.locale}>
        <h1>{r.shop}</h1>
        {r.training && <p className="notice warn">{paper.t('receipt.training')}</p>}
        <p className="big">
          {paper.t(`receipt.title.${r.kind}`)} {paper.money(receiptHeadlineCents(r), r.currency)}
        </p>
        <p>{paper.dateTime(r.time)}</p>
        <dl>
          {receiptRows(r)
            .filter((row) => row.value)
            .map((row, i) => (
              <div key={i} className="dl-row">
                <dt>{row.label}</dt>
                <dd data-testid={`receipt-${row.id}`}>{row.value}</dd>
              </div>
            ))}
        </dl>
        <p>{paper.t(footerKey(r))}</p>
      </div>
      {canEmail && <EmailReceipt attemptId={r.attemptId} />}
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
          {t('receipt.close')}
        </button>
        <button type="button" className="secondary" data-testid="receipt-pdf" onClick={() => void savePdf()}>
          {t('receipt.savePdf')}
        </button>
        <button type="button" className="primary" data-testid="receipt-print" onClick={() => void print()}>
          {t('receipt.print')}
        </button>
      </div>
    </section>
  );
}
