import { LOCALES, translator, type Locale } from '../../../preload/i18n';
import { CustomerDisplayCard, PrinterCard } from './PrinterCard';
import { useEffect, useState } from 'react';
import type { AppStatus, Role } from '../../../preload/contract';
import { useStaff } from '../store/staff';
import { describedBy, FieldError } from './FieldError';

/** Managers: add, disable/enable and reset PINs of staff; set the idle lock. */
export function StaffScreen({ status }: { status: AppStatus }) {
  const { staff, error, notice, load, add, setActive, resetPin: saveResetPin, setIdleLock, setLanguage } = useStaff();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [pin, setPin] = useState('');
  const [resetFor, setResetFor] = useState<string | null>(null);
  const [resetPin, setResetPin] = useState('');
  const [idleMinutes, setIdleMinutes] = useState(String(Math.round(status.idleLockSeconds / 60)));
  // Validated in the field's own unit (whole minutes), with the message next to it.
  const idleError = /^\d{1,2}$/.test(idleMinutes) && Number(idleMinutes) >= 1 && Number(idleMinutes) <= 60 ? null : 'Type whole minutes from 1 to 60.';

  useEffect(() => void load(), [load]);

  return (
    <section className="panel wide" aria-label="Staff">
      <h1>Staff &amp; settings</h1>
      {notice && (
        <p className="notice good" role="status" data-testid="staff-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert" data-testid="staff-error">
          {error.message}
        </p>
      )}
      <table className="tx-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th>Language</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id} data-testid={`staff-row-${s.name}`}>
              <td>{s.name}</td>
              <td>{s.role}</td>
              <td>{!s.active ? 'disabled' : s.locked ? 'locked (wrong PINs)' : 'active'}</td>
              <td>
                <select
                  aria-label={`Language for ${s.name}`}
                  data-testid={`staff-language-${s.name}`}
                  value={s.language ?? ''}
                  onChange={(e) => void setLanguage(s, (e.target.value || null) as Locale | null)}
                >
                  <option value="">The shop’s</option>
                  {LOCALES.map((l) => (
                    <option key={l} value={l} lang={l}>
                      {translator(l).t('language.name')}
                    </option>
                  ))}
                </select>
              </td>
              <td className="actions-cell">
                <button type="button" className="secondary small" onClick={() => void setActive(s)}>
                  {s.active ? 'Disable' : 'Enable'}
                </button>
                {resetFor === s.id ? (
                  <form
                    className="inline"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void saveResetPin(s, resetPin).then((ok) => ok && setResetFor(null));
                      setResetPin('');
                    }}
                  >
                    <input
                      aria-label={`New PIN for ${s.name}`}
                      type="password"
                      inputMode="numeric"
                      maxLength={12}
                      value={resetPin}
                      onChange={(e) => setResetPin(e.target.value.replace(/\D/g, ''))}
                    />
                    <button type="submit" className="secondary small">
                      Save PIN
                    </button>
                  </form>
                ) : (
                  <button type="button" className="secondary small" onClick={() => setResetFor(s.id)}>
                    Reset PIN
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Add staff</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void add(name, role, pin).then((ok) => {
            if (ok) {
              setName('');
              setPin('');
            }
          });
        }}
      >
        <label>
          Name
          <input data-testid="add-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Role
          <select data-testid="add-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="cashier">Cashier (PIN 4+ digits)</option>
            <option value="manager">Manager (PIN 6+ digits)</option>
          </select>
        </label>
        <label>
          PIN
          <input
            data-testid="add-pin"
            type="password"
            inputMode="numeric"
            maxLength={12}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <button type="submit" className="primary" data-testid="add-submit" disabled={!name.trim() || pin.length < 4}>
          Add
        </button>
      </form>

      <h2>Idle lock</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (!idleError) void setIdleLock(Number(idleMinutes));
        }}
      >
        <label>
          Lock the counter after (minutes)
          <input
            data-testid="idle-minutes"
            inputMode="numeric"
            value={idleMinutes}
            onChange={(e) => setIdleMinutes(e.target.value.trim())}
            {...describedBy('idle-error', idleError)}
          />
          <FieldError id="idle-error" message={idleError} />
        </label>
        <button type="submit" className="secondary" data-testid="idle-save" disabled={!!idleError}>
          Save
        </button>
      </form>

      <PrinterCard />
      <CustomerDisplayCard />
    </section>
  );
}
