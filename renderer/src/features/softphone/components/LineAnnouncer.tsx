import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLines } from '../hooks';

/** Polite live region: screen readers hear each line's change of state once. */
export function LineAnnouncer() {
  const { t } = useTranslation('softphone');
  const lines = useLines();
  const previous = useRef(lines.map((line) => line.status));
  const [message, setMessage] = useState('');

  useEffect(() => {
    const changed = lines.find((line, index) => line.status !== previous.current[index] && line.status !== 'idle');
    previous.current = lines.map((line) => line.status);
    if (!changed) return;
    setMessage(t('announce', {
      line: t('line.title', { number: changed.id + 1 }),
      status: t(`line.status.${changed.status}`),
      remote: changed.remoteName ?? changed.remoteNumber ?? '',
    }));
  }, [lines, t]);

  return (
    <div className="softphone-visually-hidden" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
