import { useEffect, useState } from 'react';
import type { PrinterConfig } from '../../../common/contract';
import { PAPER_WIDTHS, PRINTER_CODEPAGES, PRINTER_COLUMNS, PRINTER_HOST, PRINTER_KINDS } from '../../../common/limits';
import { usePrinter } from './printer-store';
import { describedBy, FieldError } from '../shared/FieldError';
import { useT } from '../base/i18n';

/** Staff & settings → Receipt printer (a manager): how this counter prints, and its drawer. */
export function PrinterCard() {
  const { config, error, said, load, save, testPage } = usePrinter();
  const [draft, setDraft] = useState<PrinterConfig | null>(null);
  const { t } = useT();
  useEffect(() => void load(), [load]);
  useEffect(() => setDraft(config), [config]);
  if (!draft) return null;
  const set = (p: Partial<PrinterConfig>) => setDraft({ ...draft, ...p });
  const hostError = draft.kind === 'network' && !PRINTER_HOST.test(draft.host) ? t('printer.hostError') : null;
  const portError =
    !Number.isInteger(draft.port) || draft.port < 1 || draft.port > 65535 ? t('printer.portError') : null;
  return (
    <form
      className="printer-card"
      data-testid="printer-card"
      onSubmit={(e) => {
        e.preventDefault();
        if (!hostError && !portError) void save(draft);
      }}
    >
      <h2>{t('printer.title')}</h2>
      <fieldset>
        <legend>{t('printer.printsOn')}</legend>
        {PRINTER_KINDS.map((k) => (
          <label key={k} className="radio">
            <input
              type="radio"
              name="printer-kind"
              data-testid={`printer-kind-${k}`}
              checked={draft.kind === k}
              onChange={() => set({ kind: k })}
            />{' '}
            {t('printer.kind', { kind: k })}
          </label>
        ))}
      </fieldset>
      {draft.kind === 'network' && (
        <div className="row">
          <label>
            {t('printer.address')}
            <input
              data-testid="printer-host"
              value={draft.host}
              onChange={(e) => set({ host: e.target.value.trim() })}
              {...describedBy('printer-host-error', hostError)}
            />
            <FieldError id="printer-host-error" message={hostError} />
          </label>
          <label>
            {t('printer.port')}
            <input
              data-testid="printer-port"
              inputMode="numeric"
              value={String(draft.port)}
              onChange={(e) => set({ port: Number(e.target.value.replace(/\D/g, '')) })}
              {...describedBy('printer-port-error', portError)}
            />
            <FieldError id="printer-port-error" message={portError} />
          </label>
        </div>
      )}
      {draft.kind === 'os' && (
        <>
          <label>
            {t('printer.deviceName')}
            <input
              data-testid="printer-device"
              value={draft.deviceName}
              onChange={(e) => set({ deviceName: e.target.value })}
            />
          </label>
          <p className="notice warn" data-testid="printer-os-drawer">
            {t('printer.osDrawer')}
          </p>
        </>
      )}
      {draft.kind !== 'none' && (
        <div className="row">
          <label>
            {t('printer.paper')}
            <select
              data-testid="printer-paper"
              value={draft.paper}
              onChange={(e) => set({ paper: Number(e.target.value) as PrinterConfig['paper'] })}
            >
              {PAPER_WIDTHS.map((w) => (
                <option key={w} value={w}>
                  {t('printer.mm', { width: w })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('printer.columns')}
            <select
              data-testid="printer-columns"
              value={draft.columns}
              onChange={(e) => set({ columns: Number(e.target.value) as PrinterConfig['columns'] })}
            >
              {PRINTER_COLUMNS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('printer.codepage')}
            <select
              data-testid="printer-codepage"
              value={draft.codepage}
              onChange={(e) => set({ codepage: e.target.value as PrinterConfig['codepage'] })}
            >
              {PRINTER_CODEPAGES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <label>
        {t('printer.shopAddress')}
        <textarea
          data-testid="printer-address"
          rows={2}
          maxLength={200}
          value={draft.shopAddress}
          onChange={(e) => set({ shopAddress: e.target.value })}
        />
      </label>
      <div className="actions">
        <button type="submit" className="primary" data-testid="printer-save" disabled={!!hostError || !!portError}>
          {t('common.save')}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="printer-test"
          disabled={config?.kind === 'none'}
          onClick={() => void testPage()}
        >
          {t('printer.testButton')}
        </button>
      </div>
      {(said || error) && (
        <p className={`notice ${said?.printed ? 'good' : 'error'}`} role="status" data-testid="printer-said">
          {said?.message ?? error?.message}
        </p>
      )}
    </form>
  );
}

/** Staff & settings → Customer display (a manager): a second window facing the customer, on the screen chosen. */
export function CustomerDisplayCard() {
  const display = usePrinter((p) => p.display);
  const saveDisplay = usePrinter((p) => p.saveDisplay);
  const { t } = useT();
  if (!display) return null;
  return (
    <div className="printer-card" data-testid="display-card">
      <h2>{t('displayCard.title')}</h2>
      <label className="radio">
        <input
          type="checkbox"
          data-testid="display-enabled"
          checked={display.enabled}
          onChange={(e) => void saveDisplay({ ...display, enabled: e.target.checked })}
        />{' '}
        {t('displayCard.enable')}
      </label>
      <label>
        {t('displayCard.screen')}
        <select
          data-testid="display-screen"
          value={display.screen}
          onChange={(e) => void saveDisplay({ ...display, screen: Number(e.target.value) })}
        >
          {[2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
