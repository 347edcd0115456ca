import { LANGUAGE_NAMES, LOCALES, type Locale } from '../../../common/i18n/locales';
import { CustomerDisplayCard, PrinterCard } from '../devices/PrinterCard';
import { ShopDatabaseCard } from '../shop/ShopDatabaseCard';
import { TaxCard } from '../tax/TaxCard';
import { DiscountCard } from '../discounts/DiscountCard';
import { MailCard } from '../mail/MailCard';
import { BackupCard } from '../backup/BackupCard';
import { HealthCard } from '../health/HealthCard';
import { UpdatesCard } from '../health/UpdatesCard';
import { useEffect, useState } from 'react';
import type { AppStatus, Role, StaffRecord } from '../../../common/contract';
import { ResultsTable, type Column } from '../shared/ResultsTable';
import { FilterForm } from '../shared/FilterForm';
import { useStaff } from './staff-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { useT } from '../base/i18n';

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
  const { t } = useT();
  const idleError =
    /^\d{1,2}$/.test(idleMinutes) && Number(idleMinutes) >= 1 && Number(idleMinutes) <= 60
      ? null
      : t('staff.idleError');

  useEffect(() => void load(), [load]);

  const columns: Column<StaffRecord>[] = [
    { header: t('staff.name'), cell: (s) => s.name },
    { header: t('staff.role'), cell: (s) => t('role.name', { role: s.role }) },
    {
      header: t('staff.status'),
      cell: (s) => t('staff.state', { state: !s.active ? 'disabled' : s.locked ? 'locked' : 'active' }),
    },
    {
      header: t('staff.language'),
      cell: (s) => (
        <select
          aria-label={t('staff.languageFor', { name: s.name })}
          data-testid={`staff-language-${s.name}`}
          value={s.language ?? ''}
          onChange={(e) => void setLanguage(s, (e.target.value || null) as Locale | null)}
        >
          <option value="">{t('staff.shopLanguage')}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      ),
    },
    {
      header: t('tx.actions'),
      hidden: true,
      className: 'actions-cell',
      cell: (s) => (
        <>
          <button type="button" className="secondary small" onClick={() => void setActive(s)}>
            {t('staff.toggle', { active: String(s.active) })}
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
                aria-label={t('staff.newPinFor', { name: s.name })}
                type="password"
                inputMode="numeric"
                maxLength={12}
                value={resetPin}
                onChange={(e) => setResetPin(e.target.value.replace(/\D/g, ''))}
              />
              <button type="submit" className="secondary small">
                {t('staff.savePin')}
              </button>
            </form>
          ) : (
            <button type="button" className="secondary small" onClick={() => setResetFor(s.id)}>
              {t('staff.resetPin')}
            </button>
          )}
        </>
      ),
    },
  ];

  return (
    <section className="panel wide" aria-label={t('staff.region')}>
      <h1>{t('staff.heading')}</h1>
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
      <ResultsTable columns={columns} rows={staff} rowKey={(s) => s.id} rowTestId={(s) => `staff-row-${s.name}`} />

      <h2>{t('staff.add')}</h2>
      <FilterForm
        valid={!!name.trim() && pin.length >= 4}
        onSubmit={() =>
          void add(name, role, pin).then((ok) => {
            if (ok) {
              setName('');
              setPin('');
            }
          })
        }
      >
        <label>
          {t('staff.name')}
          <input data-testid="add-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('staff.role')}
          <select data-testid="add-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="cashier">{t('staff.roleCashier')}</option>
            <option value="manager">{t('staff.roleManager')}</option>
          </select>
        </label>
        <label>
          {t('staff.pin')}
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
          {t('staff.addButton')}
        </button>
      </FilterForm>

      <h2>{t('staff.idle')}</h2>
      <FilterForm valid={!idleError} onSubmit={() => void setIdleLock(Number(idleMinutes))}>
        <label>
          {t('staff.idleLabel')}
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
          {t('common.save')}
        </button>
      </FilterForm>

      <PrinterCard />
      <CustomerDisplayCard />
      <TaxCard />
      <DiscountCard />
      <MailCard />
      <ShopDatabaseCard />
      <BackupCard />
      <HealthCard />
      <UpdatesCard />
    </section>
  );
}
