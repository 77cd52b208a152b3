import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLines, useTransferHandoffSource } from '@features/softphone';

/**
 * The simulator playing an agent's phone: sends `outgoing` as the hand-off of its transfers and
 * shows the hand-off a transferred call brought on each line (what the card shows an agent).
 */
export function CallerHandoff({ outgoing }: { outgoing: string | null }) {
  const { t } = useTranslation('caller');
  const source = useCallback(() => outgoing, [outgoing]);
  useTransferHandoffSource(outgoing === null ? null : source);
  const received = useLines().filter((line) => line.handoff !== null && line.status !== 'idle');
  if (received.length === 0) return null;
  return (
    <section className="caller__handoff" aria-label={t('handoff.title')}>
      {received.map((line) => (
        <p key={line.id} data-handoff-line={line.id}>
          {t('handoff.line', { number: line.id + 1 })} <code>{line.handoff}</code>
        </p>
      ))}
    </section>
  );
}
