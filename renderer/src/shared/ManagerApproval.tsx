import { useEffect } from 'react';
import { useManagers } from './approval-store';
import { useT, currentT } from '../base/i18n';

/**
 * The manager's part of an override, on the cashier's screen: their name and PIN for this one
 * action. Main issues the approval; this only collects what the manager types.
 */
export function ManagerApproval(p: {
  managerId: string;
  setManagerId: (id: string) => void;
  pin: string;
  setPin: (pin: string) => void;
  covers: string;
  /** The action's last error: when one comes back, the PIN is cleared (it is never left typed in its field). */
  error?: unknown;
}) {
  const managers = useManagers((r) => r.managers);
  const loadManagers = useManagers((r) => r.loadManagers);
  useEffect(() => void loadManagers(), [loadManagers]);
  const { setPin } = p;
  useEffect(() => {
    if (p.error) setPin('');
  }, [p.error, setPin]);
  const { t } = useT();
  return (
    <fieldset className="override">
      <legend>{t('approval.legend')}</legend>
      <label htmlFor="ret-manager">{t('approval.manager')}</label>
      <select
        id="ret-manager"
        data-testid="ret-manager"
        value={p.managerId}
        onChange={(e) => p.setManagerId(e.target.value)}
      >
        <option value="">{t('common.choose')}</option>
        {managers.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <label htmlFor="ret-pin">{t('approval.pin')}</label>
      <input
        id="ret-pin"
        data-testid="ret-pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={p.pin}
        onChange={(e) => p.setPin(e.target.value.replace(/\D/g, ''))}
      />
      <p className="muted small">{p.covers}</p>
    </fieldset>
  );
}

/** Why an override button is not ready yet, in words shown next to it (null: ready). */
export const overrideWaitingFor = (managerId: string, pin: string) =>
  !managerId ? currentT().t('approval.waitName') : pin.length < 6 ? currentT().t('approval.waitPin') : null;
