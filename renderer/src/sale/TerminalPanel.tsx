import { useEffect, useRef } from 'react';
import type { AppStatus } from '../../../common/contract';
import { TRAINING_HELCIM_ORIGIN } from '../../../common/checkout-host';
import { useT } from '../base/i18n';
import { useSale } from './sale-store';

/** How often the screen asks main where the terminal sale stands (main paces its own Helcim lookups). */
const ASK_EVERY_MS = 1_000;

/**
 * The customer is at the Smart Terminal. Main finds the result in Helcim's list; the cashier can say
 * the customer cancelled (main still asks Helcim before it believes it). In training, the simulator's
 * terminal is drawn beside it, for the trainee to play the customer.
 */
export function TerminalPanel({ status }: { status: AppStatus }) {
  const terminal = useSale((s) => s.terminal);
  const checkTerminal = useSale((s) => s.checkTerminal);
  const customerCancelled = useSale((s) => s.customerCancelled);
  const { t, money } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const timer = setInterval(() => void checkTerminal(), ASK_EVERY_MS);
    return () => clearInterval(timer);
  }, [checkTerminal]);
  if (!terminal) return null;
  return (
    <section className="terminal-wait" aria-label={t('terminal.region')} data-testid="terminal-wait">
      <div>
        <h1 ref={heading} tabIndex={-1}>
          {money(terminal.amountCents, terminal.currency)}
        </h1>
        <p className="big" role="status">
          {t('terminal.customerActs')}
        </p>
        <p className="muted">{t('terminal.which', { code: terminal.deviceCode, invoice: terminal.invoiceNumber })}</p>
        <button
          type="button"
          className="secondary"
          data-testid="customer-cancelled"
          onClick={() => void customerCancelled()}
        >
          {t('terminal.customerCancelled')}
        </button>
      </div>
      {status.mode === 'training' && <TrainingTerminal deviceCode={terminal.deviceCode} />}
    </section>
  );
}

/** Training only: the simulator's terminal, drawn as the device, where the trainee plays the customer. */
export function TrainingTerminal({ deviceCode }: { deviceCode: string }) {
  const { t } = useT();
  return (
    <iframe
      title={t('terminal.training')}
      className="training-terminal"
      data-testid="training-terminal"
      src={`${TRAINING_HELCIM_ORIGIN}/terminal/${deviceCode}`}
      // Its page runs no script (its CSP has none); allow-scripts only lets tools look inside it.
      sandbox="allow-forms allow-same-origin allow-scripts"
      referrerPolicy="no-referrer"
    />
  );
}
