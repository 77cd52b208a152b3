import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveRegion } from '@components/Alert';
import { Panel } from '@components/Panel';
import { MyRetags, useReferenceLists } from '@features/outcomes';
import { claimQueueItem, releaseQueueItem, useSyncSession } from '@features/sync';
import { useSoftphoneActions } from '@features/softphone';
import { forgetLink, rememberDial } from '../callback-links';
import type { QueueEntry } from '../model';
import type { ServerAccess } from '../server-read';
import { useQueueFilters } from '../store';
import { useWorkQueue, type WorkQueue } from '../useWorkQueue';
import { CallbackCompletion, type CompletedFromCall } from './CallbackCompletion';
import { ClaimRollbacks } from './ClaimRollbacks';
import { CompleteDialog } from './CompleteDialog';
import { QueueFiltersBar } from './QueueFiltersBar';
import { QueueList } from './QueueList';
import type { RowAction } from './QueueRow';
import { RescheduleDialog } from './RescheduleDialog';

export interface WorkQueuePanelProps {
  /** The signed-in user's access token for the backend's priority scores (the shell's session). */
  getAccessToken: ServerAccess['getAccessToken'];
  className?: string;
}

type OpenDialog = { kind: 'complete' | 'reschedule'; entry: QueueEntry; customerName: string } | null;

function ScoreStatusLine({ queue }: { queue: WorkQueue }) {
  const { t, i18n } = useTranslation('queues');
  const { scoreStatus: status, scoresAt } = queue;
  let text: string;
  if (scoresAt === null) text = t(`scores.${status === 'stale' || status === 'lastKnownOffline' ? 'unavailable' : status === 'lastKnown' ? 'loading' : status}`);
  else if (status === 'stale') text = t('scores.stale', { time: new Date(scoresAt).toLocaleTimeString(i18n.language) });
  // Saved at an earlier sign-in, maybe another day: date and time.
  else if (status === 'lastKnown' || status === 'lastKnownOffline') text = t(`scores.${status}`, { time: new Date(scoresAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }) });
  else text = t(`scores.${status}`);
  return <p className={`queue-scores queue-scores--${status}`}>{text}</p>;
}

/** The agent's work queue: own and team-unassigned items by priority, virtualised. */
export function WorkQueuePanel({ getAccessToken, className }: WorkQueuePanelProps) {
  const { t, i18n } = useTranslation('queues');
  const session = useSyncSession();
  const backendUrl = session?.backendUrl ?? null;
  const access = useMemo<ServerAccess | null>(() => (backendUrl ? { backendUrl, getAccessToken } : null), [backendUrl, getAccessToken]);
  const queue = useWorkQueue(access);
  const filters = useQueueFilters();
  const phone = useSoftphoneActions();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [announcement, setAnnouncement] = useState('');
  const hintId = useId();
  const count = queue.entries.length;

  const onAction = useCallback(
    (entry: QueueEntry, action: RowAction, customer: { name: string; phone: string | null }) => {
      if (!session) return;
      const run = async () => {
        switch (action) {
          case 'claim':
            await claimQueueItem(session.store, entry.id);
            setAnnouncement(t('saved.claimed', { customer: customer.name }));
            break;
          case 'release':
            await releaseQueueItem(session.store, entry.id);
            setAnnouncement(t('saved.released', { customer: customer.name }));
            break;
          case 'call':
            // One action: take the item (if not yet ours) and dial; the card pops as for any call.
            // The dial is remembered so the call's wrap-up completes the item (CallbackCompletion).
            if (entry.ownership !== 'mine') await claimQueueItem(session.store, entry.id);
            if (customer.phone) {
              const { userId } = session.store;
              rememberDial(userId, { itemId: entry.id, customerId: entry.customerId, number: customer.phone, dialledAt: new Date().toISOString() });
              if (!(await phone.dial(customer.phone))) forgetLink(userId, entry.id);
            }
            break;
          case 'complete':
          case 'reschedule':
            setDialog({ kind: action, entry, customerName: customer.name });
            break;
        }
      };
      run().catch((error: unknown) => setAnnouncement(t('failed', { error: error instanceof Error ? error.message : String(error) })));
    },
    [session, phone, t],
  );

  const { dispositionLabel } = useReferenceLists();
  const onCompletedFromCall = useCallback(
    (done: CompletedFromCall) => setAnnouncement(t('saved.completedFromCall', { outcome: dispositionLabel(done.disposition, i18n.language) })),
    [t, dispositionLabel, i18n.language],
  );
  const onCompletionFailed = useCallback(
    (error: unknown) => setAnnouncement(t('failed', { error: error instanceof Error ? error.message : String(error) })),
    [t],
  );

  const closeDialog = (message?: string) => {
    setDialog(null);
    if (message) setAnnouncement(message);
  };

  let body;
  if (!session) body = <p className="queue-empty">{t('notSignedIn')}</p>;
  else if (!queue.ready) body = <p className="queue-empty" aria-busy="true">{t('loading')}</p>;
  else if (queue.total === 0 && !queue.partial) {
    body = (
      <div className="queue-empty">
        <p className="queue-empty__title">{t('empty.title')}</p>
        <p>{t('empty.body')}</p>
      </div>
    );
  } else {
    body = (
      <>
        <QueueFiltersBar filters={filters} complaintTypes={queue.complaintTypes} />
        <p className="queue-summary" aria-busy={queue.partial || undefined}>
          {queue.partial ? (
            t(queue.scoreStatus === 'lastKnown' || queue.scoreStatus === 'lastKnownOffline' ? 'readingRestByScore' : 'readingRest', { shown: count })
          ) : (
            <>
              {t('summary', { count: queue.total, overdue: queue.overdue, mine: queue.mine })}
              {count !== queue.total && <> · {t('showing', { shown: count, total: queue.total })}</>}
            </>
          )}
        </p>
        <ScoreStatusLine queue={queue} />
        <p id={hintId} className="visually-hidden">
          {t('actions.keyboardHint')}
        </p>
        {count === 0 ? (
          <p className="queue-empty">{t('noMatch')}</p>
        ) : (
          <QueueList entries={queue.entries} label={t('title')} describedBy={hintId} busy={queue.partial} onAction={onAction} />
        )}
      </>
    );
  }

  return (
    <Panel as="aside" title={t('title')} className={['queue-panel', className].filter(Boolean).join(' ')}>
      <ClaimRollbacks customerOf={queue.customerOf} />
      {session && <CallbackCompletion itemRow={queue.itemRow} now={queue.now} onCompleted={onCompletedFromCall} onFailed={onCompletionFailed} />}
      {body}
      {session && <MyRetags />}
      <LiveRegion>{announcement}</LiveRegion>
      {dialog?.kind === 'complete' && <CompleteDialog entry={dialog.entry} customerName={dialog.customerName} onClose={() => closeDialog()} onDone={closeDialog} />}
      {dialog?.kind === 'reschedule' && <RescheduleDialog entry={dialog.entry} customerName={dialog.customerName} onClose={() => closeDialog()} onDone={closeDialog} />}
    </Panel>
  );
}
