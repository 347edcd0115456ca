import { useEffect, useState } from 'react';
import type { PrinterConfig } from '../../../preload/contract';
import { PAPER_WIDTHS, PRINTER_CODEPAGES, PRINTER_COLUMNS, PRINTER_HOST, PRINTER_KINDS } from '../../../preload/limits';
import { usePrinter } from '../store/printer';
import { describedBy, FieldError } from './FieldError';

const KIND_LABEL: Record<PrinterConfig['kind'], string> = {
  none: 'None (receipts go to the print dialog)',
  network: 'Network receipt printer (ESC/POS, port 9100)',
  os: 'Printer installed in this computer (USB, with its driver)',
};

/** Staff & settings → Receipt printer (a manager): how this counter prints, and its drawer. */
export function PrinterCard() {
  const { config, error, said, load, save, testPage } = usePrinter();
  const [draft, setDraft] = useState<PrinterConfig | null>(null);
  useEffect(() => void load(), [load]);
  useEffect(() => setDraft(config), [config]);
  if (!draft) return null;
  const set = (p: Partial<PrinterConfig>) => setDraft({ ...draft, ...p });
  const hostError = draft.kind === 'network' && !PRINTER_HOST.test(draft.host) ? 'Type the printer’s IP address or host name.' : null;
  const portError = !Number.isInteger(draft.port) || draft.port < 1 || draft.port > 65535 ? 'A port is 1 to 65535 (usually 9100).' : null;
  return (
    <form
      className="printer-card"
      data-testid="printer-card"
      onSubmit={(e) => {
        e.preventDefault();
        if (!hostError && !portError) void save(draft);
      }}
    >
      <h2>Receipt printer</h2>
      <fieldset>
        <legend>This counter prints on</legend>
        {PRINTER_KINDS.map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="printer-kind" data-testid={`printer-kind-${k}`} checked={draft.kind === k} onChange={() => set({ kind: k })} />{' '}
            {KIND_LABEL[k]}
          </label>
        ))}
      </fieldset>
      {draft.kind === 'network' && (
        <div className="row">
          <label>
            Address
            <input
              data-testid="printer-host"
              value={draft.host}
              onChange={(e) => set({ host: e.target.value.trim() })}
              {...describedBy('printer-host-error', hostError)}
            />
            <FieldError id="printer-host-error" message={hostError} />
          </label>
          <label>
            Port
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
            Printer name (as the computer lists it)
            <input data-testid="printer-device" value={draft.deviceName} onChange={(e) => set({ deviceName: e.target.value })} />
          </label>
          <p className="notice warn" data-testid="printer-os-drawer">
            With a printer installed in the computer, the cash drawer follows the printer driver’s own setting: the app cannot open it. Set the driver to open
            the drawer on cash sales, or use a network printer.
          </p>
        </>
      )}
      {draft.kind !== 'none' && (
        <div className="row">
          <label>
            Paper
            <select data-testid="printer-paper" value={draft.paper} onChange={(e) => set({ paper: Number(e.target.value) as PrinterConfig['paper'] })}>
              {PAPER_WIDTHS.map((w) => (
                <option key={w} value={w}>
                  {w} mm
                </option>
              ))}
            </select>
          </label>
          <label>
            Characters per line
            <select data-testid="printer-columns" value={draft.columns} onChange={(e) => set({ columns: Number(e.target.value) as PrinterConfig['columns'] })}>
              {PRINTER_COLUMNS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            Code page
            <select data-testid="printer-codepage" value={draft.codepage} onChange={(e) => set({ codepage: e.target.value as PrinterConfig['codepage'] })}>
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
        Shop address on receipts
        <textarea data-testid="printer-address" rows={2} maxLength={200} value={draft.shopAddress} onChange={(e) => set({ shopAddress: e.target.value })} />
      </label>
      <div className="actions">
        <button type="submit" className="primary" data-testid="printer-save" disabled={!!hostError || !!portError}>
          Save
        </button>
        <button type="button" className="secondary" data-testid="printer-test" disabled={config?.kind === 'none'} onClick={() => void testPage()}>
          Print test page
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
  if (!display) return null;
  return (
    <div className="printer-card" data-testid="display-card">
      <h2>Customer display</h2>
      <label className="radio">
        <input
          type="checkbox"
          data-testid="display-enabled"
          checked={display.enabled}
          onChange={(e) => void saveDisplay({ ...display, enabled: e.target.checked })}
        />{' '}
        Show the amount, the payment and “thank you” to the customer on a second screen
      </label>
      <label>
        On screen
        <select data-testid="display-screen" value={display.screen} onChange={(e) => void saveDisplay({ ...display, screen: Number(e.target.value) })}>
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
