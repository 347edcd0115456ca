import { useT } from '../base/i18n';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '00', '0', 'Backspace'] as const;

export function Numpad({ onKey, disabled }: { onKey: (k: string) => void; disabled: boolean }) {
  const { t } = useT();
  return (
    <div className="numpad" role="group" aria-label={t('keypad.label')}>
      {KEYS.map((k) => (
        <button
          key={k}
          type="button"
          className="key"
          disabled={disabled}
          aria-label={k === 'Backspace' ? t('keypad.delete') : k}
          onClick={() => onKey(k)}
        >
          {k === 'Backspace' ? '⌫' : k}
        </button>
      ))}
    </div>
  );
}
