import { useId, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegistrationState, useSoftphoneActions } from '../hooks';

export function Dialer({ inputRef, initialNumber = '' }: { inputRef: RefObject<HTMLInputElement | null>; initialNumber?: string }) {
  const { t } = useTranslation('softphone');
  const id = useId();
  const [number, setNumber] = useState(initialNumber);
  const { dial } = useSoftphoneActions();
  const registered = useRegistrationState().status === 'registered';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await dial(number)) setNumber('');
  };

  return (
    <form className="softphone-dialer" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>{t('dialer.label')}</label>
      <div className="softphone-dialer__row">
        <input
          id={id}
          ref={inputRef}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          maxLength={40}
          placeholder={t('dialer.placeholder')}
          value={number}
          onChange={(event) => setNumber(event.target.value)}
        />
        <button type="submit" className="softphone-button softphone-button--call" disabled={!registered || number.trim() === ''}>
          {t('dialer.call')}
        </button>
      </div>
    </form>
  );
}
