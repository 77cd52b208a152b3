import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@components/Alert';
import { Button } from '@components/Button';
import { Dialog } from '@components/Dialog';
import { rescheduleQueueItem, useSyncSession } from '@features/sync';
import type { QueueEntry } from '../model';

/** `YYYY-MM-DDTHH:mm` in local time, what <input type="datetime-local"> reads and writes. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO instant of a local datetime-local value, or null when it is empty or not in the future. */
export function futureInstant(value: string, now: Date): string | null {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms > now.getTime() ? new Date(ms).toISOString() : null;
}

export function RescheduleDialog({ entry, customerName, onClose, onDone }: {
  entry: QueueEntry; customerName: string; onClose: () => void; onDone: (message: string) => void;
}) {
  const { t } = useTranslation('queues');
  const session = useSyncSession();
  const [value, setValue] = useState(() => toLocalInput(new Date(Date.now() + 3_600_000)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const save = async () => {
    const dueAt = futureInstant(value, new Date());
    if (!dueAt) {
      setError(t('reschedule.invalid'));
      return;
    }
    if (!session) return;
    setBusy(true);
    try {
      await rescheduleQueueItem(session.store, entry.id, dueAt);
      onDone(t('saved.rescheduled', { customer: customerName }));
    } catch (failure) {
      setError(t('failed', { error: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open title={t('reschedule.title', { customer: customerName })} closeLabel={t('close')} onClose={onClose}>
      <form
        className="queue-form compact-controls"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label htmlFor={inputId}>{t('reschedule.when')}</label>
        <input
          id={inputId}
          type="datetime-local"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          aria-invalid={error !== null || undefined}
          aria-describedby={error ? errorId : undefined}
          autoFocus
        />
        {error && <Alert id={errorId}>{error}</Alert>}
        <Button type="submit" variant="primary" busy={busy}>
          {t('reschedule.save')}
        </Button>
      </form>
    </Dialog>
  );
}
