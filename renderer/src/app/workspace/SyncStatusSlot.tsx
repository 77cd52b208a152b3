import { useTranslation } from 'react-i18next';
import { SyncStatus, useSyncSession } from '@features/sync';
import type { SyncLifecycle } from '../sync/useSyncLifecycle';

/** The sync status control's place in the header; says plainly when sync is not running. */
export function SyncStatusSlot({ lifecycle }: { lifecycle: SyncLifecycle }) {
  const { t } = useTranslation();
  const session = useSyncSession();
  if (session !== null) {
    return (
      <div className="sync-slot">
        <SyncStatus />
      </div>
    );
  }
  const hint = lifecycle === 'failed' ? t('workspace.sync.failedHint') : t('workspace.sync.notConnectedHint');
  return (
    <div className="sync-slot sync-slot--idle" role="status" title={hint}>
      <span className="status-dot" aria-hidden="true" />
      <span className="sync-slot__label">{t('workspace.sync.label')}:</span>
      <span>{lifecycle === 'failed' ? t('workspace.sync.failed') : t('workspace.sync.notConnected')}</span>
      <span className="visually-hidden">{hint}</span>
    </div>
  );
}
