import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineId } from '../engine/types';
import { useSoftphoneActions } from '../hooks';

/**
 * Where to transfer a line's call: "Transfer now" sends a blind REFER, "Consult first" holds the
 * call and rings the target on the other line (attended transfer, completed from that line).
 */
export function TransferForm({ line }: { line: LineId }) {
  const { t } = useTranslation('softphone');
  const id = useId();
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [target, setTarget] = useState('');
  const { blindTransfer, consult, openTransfer } = useSoftphoneActions();
  const empty = target.trim() === '';

  useEffect(() => inputRef.current?.focus(), []);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (empty) return;
    void blindTransfer(line, target);
  };

  return (
    <form className="softphone-transfer" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && openTransfer(null)}>
      <label htmlFor={id}>{t('line.transferLabel', { number: line + 1 })}</label>
      <input
        id={id}
        ref={inputRef}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        maxLength={40}
        placeholder={t('dialer.placeholder')}
        value={target}
        onChange={(event) => setTarget(event.target.value)}
      />
      <div className="softphone-line__controls">
        <button type="submit" className="softphone-button" disabled={empty}>
          {t('line.transferNow')}
        </button>
        <button type="button" className="softphone-button" disabled={empty} onClick={() => void consult(line, target)}>
          {t('line.consult')}
        </button>
      </div>
    </form>
  );
}
