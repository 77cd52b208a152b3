import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DISPOSITIONS } from '@contract';
import { Alert } from '@components/Alert';
import { Button } from '@components/Button';
import { Dialog } from '@components/Dialog';
import { completeQueueItem, useCustomerTimeline, useSyncSession } from '@features/sync';
import type { QueueEntry } from '../model';
import { useCalledAt } from '../store';

/** The interaction of the call placed from the item: the customer's newest one since the dial. */
function useLinkedInteraction(customerId: string, calledAt: string | null): { id: string; disposition: string | null } | null {
  const timeline = useCustomerTimeline(calledAt ? customerId : null, 5);
  if (!calledAt || !timeline) return null;
  const row = timeline.find((candidate) => candidate.occurredAt >= calledAt);
  return row ? { id: row.id, disposition: typeof row.disposition === 'string' ? row.disposition : null } : null;
}

export function CompleteDialog({ entry, customerName, onClose, onDone }: {
  entry: QueueEntry; customerName: string; onClose: () => void; onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('queues');
  const session = useSyncSession();
  const calledAt = useCalledAt(entry.id);
  const linked = useLinkedInteraction(entry.customerId, calledAt);
  const interactionId = linked?.id ?? null;
  const [disposition, setDisposition] = useState('');
  // The call's wrap-up already says how it went: offer that outcome for the item too.
  const wrapupDisposition = linked?.disposition ?? null;
  useEffect(() => {
    if (wrapupDisposition) setDisposition((current) => current || wrapupDisposition);
  }, [wrapupDisposition]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const errorId = useId();
  useEffect(() => setError(null), [disposition]);

  const save = async () => {
    if (!disposition) {
      setError(t('complete.required'));
      return;
    }
    if (!session) return;
    setBusy(true);
    try {
      await completeQueueItem(session.store, entry.id, disposition, interactionId);
      onDone(t('saved.completed', { customer: customerName }));
    } catch (failure) {
      setError(t('failed', { error: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  };

  const spanish = i18n.language.startsWith('es');
  return (
    <Dialog open title={t('complete.title', { customer: customerName })} closeLabel={t('close')} onClose={onClose}>
      <form
        className="queue-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label htmlFor={selectId}>{t('complete.outcome')}</label>
        <select
          id={selectId}
          value={disposition}
          onChange={(event) => setDisposition(event.target.value)}
          aria-invalid={error !== null || undefined}
          aria-describedby={error ? errorId : undefined}
          autoFocus
        >
          <option value="">{t('complete.choose')}</option>
          {DEFAULT_DISPOSITIONS.map((option) => (
            <option key={option.code} value={option.code}>
              {spanish ? option.es : option.en}
            </option>
          ))}
        </select>
        <p className="queue-form__hint">
          {calledAt ? t('complete.linkedCall', { time: new Date(calledAt).toLocaleTimeString(i18n.language) }) : t('complete.noCall')}
        </p>
        {error && <Alert id={errorId}>{error}</Alert>}
        <Button type="submit" variant="primary" busy={busy}>
          {t('complete.save')}
        </Button>
      </form>
    </Dialog>
  );
}
