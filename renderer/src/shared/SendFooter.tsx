import type { BridgeError } from '../../../common/contract';
import { useT } from '../base/i18n';

/**
 * The bottom of a money screen (refund, void, capture, release): main's error, why the button is not
 * ready yet, Cancel, and the button that sends the request to Helcim.
 */
export function SendFooter(p: {
  /** Test ids: `${prefix}-error`, `${prefix}-waiting`, `${prefix}-submit`. */
  prefix: string;
  error: BridgeError | null;
  waitingFor: string | null;
  busy: boolean;
  label: string;
  onCancel: () => void;
  onSend: () => void;
}) {
  const { t } = useT();
  return (
    <>
      {p.error && (
        <p className="notice error" role="alert" data-testid={`${p.prefix}-error`}>
          {p.error.message}
        </p>
      )}
      {p.waitingFor && !p.busy && (
        <p className="muted small" role="status" data-testid={`${p.prefix}-waiting`}>
          {t('common.toContinue', { what: p.waitingFor })}
        </p>
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={p.onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid={`${p.prefix}-submit`}
          disabled={!!p.waitingFor || p.busy}
          onClick={p.onSend}
        >
          {p.busy ? t('common.sendingToHelcim') : p.label}
        </button>
      </div>
    </>
  );
}
