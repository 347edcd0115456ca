import { useEffect } from 'react';
import { usePrinter } from '../devices/printer-store';
import { useStatus } from '../base/status-store';
import { useT } from '../base/i18n';

/**
 * On the result screen: with a receipt printer set up, the receipt prints by itself once; what the
 * printer did is said in words, and "Reprint" tries again (a printer problem never undoes the sale).
 */
export function PrintLine({ attemptId }: { attemptId: string }) {
  const kind = useStatus((s) => s.status?.printer ?? 'none');
  const state = usePrinter((p) => p.receipts[attemptId]);
  const print = usePrinter((p) => p.print);
  const { t } = useT();
  useEffect(() => {
    if (kind !== 'none' && state === undefined) void print(attemptId);
  }, [kind, attemptId, state, print]);
  if (kind === 'none' || state === undefined) return null;
  if (state === 'printing')
    return (
      <p className="muted" role="status" data-testid="print-state">
        {t('print.printing')}
      </p>
    );
  return (
    <p
      className={`notice ${state.printed ? 'good' : 'warn'}`}
      role="status"
      data-testid="print-state"
      data-printed={String(state.printed)}
    >
      {state.message}{' '}
      {!state.printed && (
        <button type="button" className="secondary small" data-testid="reprint" onClick={() => void print(attemptId)}>
          {t('print.reprint')}
        </button>
      )}
    </p>
  );
}
