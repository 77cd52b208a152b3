import { useTranslation } from 'react-i18next';
import type { LineId } from '../engine/types';
import { useSoftphoneActions } from '../hooks';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** DTMF keypad of one line: click a key, or type digits while it has focus. */
export function Keypad({ line }: { line: LineId }) {
  const { t } = useTranslation('softphone');
  const { sendDtmf } = useSoftphoneActions();
  return (
    <div
      className="softphone-keypad"
      role="group"
      aria-label={t('line.keypadLabel', { number: line + 1 })}
      onKeyDown={(event) => {
        if ((KEYS as readonly string[]).includes(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey) {
          event.preventDefault();
          void sendDtmf(line, event.key);
        }
      }}
    >
      {KEYS.map((key) => (
        <button key={key} type="button" className="softphone-keypad__key" onClick={() => void sendDtmf(line, key)}>
          {key}
        </button>
      ))}
    </div>
  );
}
