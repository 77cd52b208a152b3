import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineId, LineStatus } from '../engine/types';
import { useLines } from '../hooks';

interface LineChange {
  line: LineId;
  status: LineStatus;
  remote: string;
}

/** Polite live region: screen readers hear each line's change of state once. */
export function LineAnnouncer() {
  const { t } = useTranslation('softphone');
  const lines = useLines();
  const previous = useRef(lines.map((line) => line.status));
  const [change, setChange] = useState<LineChange | null>(null);

  useEffect(() => {
    const changed = lines.find((line, index) => line.status !== previous.current[index] && line.status !== 'idle');
    previous.current = lines.map((line) => line.status);
    if (!changed) return;
    // A transition: the announcement renders after the ring's own render (the screen pop's),
    // not in the INVITE's task; screen readers hear it a moment later all the same.
    startTransition(() => setChange({ line: changed.id, status: changed.status, remote: changed.remoteName ?? changed.remoteNumber ?? '' }));
  }, [lines]);

  const message = useMemo(() => (change ? t('announce', {
    line: t('line.title', { number: change.line + 1 }),
    status: t(`line.status.${change.status}`),
    remote: change.remote,
  }) : ''), [change, t]);

  return (
    <div className="softphone-visually-hidden" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
