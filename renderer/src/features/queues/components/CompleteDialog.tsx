import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@components/Alert';
import { Button } from '@components/Button';
import { Dialog } from '@components/Dialog';
import { useReferenceLists } from '@features/outcomes';
import { completeQueueItem, useCustomerTimeline, useSyncSession } from '@features/sync';
import { forgetLink, useCallbackLink, type CallbackLink } from '../callback-links';
import type { QueueEntry } from '../model';

/** The interaction of the call placed from the item: its own record, else the customer's newest since the dial. */
function useLinkedInteraction(customerId: string, link: CallbackLink | null): { id: string; disposition: string | null } | null {
  const timeline = useCustomerTimeline(link ? customerId : null, 5);
  if (!link || !timeline) return null;
  const row = timeline.find((candidate) => candidate.id === link.interactionId) ?? timeline.find((candidate) => candidate.occurredAt >= link.dialledAt);
  return row ? { id: row.id, disposition: typeof row.disposition === 'string' ? row.disposition : null } : null;
}

export function CompleteDialog({ entry, customerName, onClose, onDone }: {
  entry: QueueEntry; customerName: string; onClose: () => void; onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('queues');
  const session = useSyncSession();
  const link = useCallbackLink(session?.store.userId ?? null, entry.id);
  const calledAt = link?.dialledAt ?? null;
  const linked = useLinkedInteraction(entry.customerId, link);
  const { dispositions } = useReferenceLists();
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
      // Done by hand: the call's wrap-up must not complete it a second time.
      forgetLink(session.store.userId, entry.id);
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
        className="queue-form compact-controls"
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
          {dispositions.map((option) => (
            <option key={option.code} value={option.code}>
              {spanish ? option.es : option.en}
            </option>
          ))}
        </select>
        <p className="queue-form__hint">
          {calledAt ? t('complete.linkedCall', { time: new Date(calledAt).toLocaleTimeString(i18n.language) }) : t('complete.noCall')}
        </p>
        {calledAt && <p className="queue-form__hint">{t('complete.automatic')}</p>}
        {error && <Alert id={errorId}>{error}</Alert>}
        <Button type="submit" variant="primary" busy={busy}>
          {t('complete.save')}
        </Button>
      </form>
    </Dialog>
  );
}
