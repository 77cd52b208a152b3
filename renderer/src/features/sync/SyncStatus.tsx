/**
 * The sync status control: connection, pending count, last sync, progress during downloads and
 * backlog drains, and the dead letters with a plain-language reason and retry/discard.
 * Announced politely to screen readers; never blocks the rest of the screen.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { connectionWord, type ConnectionWord } from './connection';
import { useDeadLetters, useEngineStatus, usePendingCount, useSyncSession, useSyncStateRows } from './hooks';
import { discardDeadLetter, retryDeadLetter } from './push';
import type { DeadLetter, SyncPhase } from './rows';

function DeadLetterItem({ letter, onRetry, onDiscard }: { letter: DeadLetter; onRetry: () => void; onDiscard: () => void }) {
  const { t } = useTranslation('sync');
  const entity = t(`entity.${letter.entity ?? 'unknown'}`);
  const canRetry = letter.origin !== 'corrupt_record' && letter.origin !== 'pull';
  return (
    <li data-testid="sync-dead-letter" data-reason={letter.reason}>
      <strong>{t('deadLetters.entity', { entity })}</strong>
      <p>{t(`reason.${letter.reason}`)}</p>
      <small title={letter.message}>{letter.message}</small>
      <div>
        {canRetry && <button type="button" onClick={onRetry}>{t('deadLetters.retry')}</button>}
        <button type="button" onClick={onDiscard}>{t('deadLetters.discard')}</button>
      </div>
    </li>
  );
}

/**
 * Its own component, so the status line's frequent updates (every sync phase) do not re-render
 * a long dead-letter list: it renders only when the dead letters change.
 */
const DeadLetters = memo(function DeadLetters() {
  const { t } = useTranslation('sync');
  const session = useSyncSession();
  const deadLetters = useDeadLetters();
  if (deadLetters.length === 0) return null;
  const retry = (id: string) => {
    if (!session) return;
    void retryDeadLetter(session.store.db, id).then(() => session.engine.requestSync(true));
  };
  const discard = (id: string) => {
    if (session && window.confirm(t('deadLetters.discardConfirm'))) void discardDeadLetter(session.store.db, id);
  };
  return (
    <details open>
      <summary>{t('deadLetters.title', { count: deadLetters.length })}</summary>
      <ul>
        {deadLetters.map((letter) => (
          <DeadLetterItem key={letter.id} letter={letter} onRetry={() => retry(letter.id)} onDiscard={() => discard(letter.id)} />
        ))}
      </ul>
    </details>
  );
});

export function SyncStatus() {
  const { t, i18n } = useTranslation('sync');
  const session = useSyncSession();
  const status = useEngineStatus();
  const pending = usePendingCount();
  const { meta, activity } = useSyncStateRows();

  // Followers show what the leader window reports; the leader shows its own live state.
  const shared = activity?.key === 'activity' ? activity : null;
  const reachable = status.leader ? status.reachable : (shared?.reachable ?? true);
  const connection: ConnectionWord = connectionWord({ online: status.online, reachable });
  const phase: SyncPhase = status.leader ? status.phase : (shared?.phase ?? 'idle');
  const progress = status.leader ? status.progress : shared && shared.phase !== 'idle' ? { done: shared.done, total: shared.total } : null;
  const lastSyncAt = meta?.key === 'meta' ? meta.lastSyncAt : null;
  const lastSynced = lastSyncAt
    ? t('lastSynced', { time: new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(new Date(lastSyncAt)) })
    : t('neverSynced');

  return (
    <section className="sync-status" aria-label={t('title')} data-connection={connection} data-leader={status.leader}>
      <div role="status" aria-live="polite">
        <span data-testid="sync-connection">{t(`connection.${connection}`)}</span>
        {' · '}
        <span data-testid="sync-pending" data-count={pending}>{pending > 0 ? t('pending', { count: pending }) : t('allSent')}</span>
        {' · '}
        <span data-testid="sync-last">{lastSynced}</span>
        {!status.leader && session && <span className="sync-follower"> · {t('follower')}</span>}
      </div>
      {phase !== 'idle' && progress && (
        <div className="sync-progress">
          <label htmlFor="sync-progress-bar">{t(`phase.${phase}`)}</label>{' '}
          {progress.total !== null
            ? <progress id="sync-progress-bar" max={progress.total} value={progress.done} />
            : <progress id="sync-progress-bar" />}
          <span> {progress.total !== null ? t('progressCount', progress) : t('progressDone', progress)}</span>
        </div>
      )}
      <DeadLetters />
    </section>
  );
}
