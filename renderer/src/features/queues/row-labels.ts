/**
 * The rows' fixed texts, translated once per language instead of on every row mount: a scroll
 * mounts a few rows per frame, and each `t()` walks i18next's resolution and interpolation.
 */
import type { TFunction } from 'i18next';
import type { DueState, Ownership } from './model';
import type { QueueItemKind } from '@contract';

export interface RowLabels {
  kind: Record<QueueItemKind, string>;
  due: Record<DueState, string>;
  ownership: Record<Ownership, string>;
  actions: { claim: string; release: string; call: string; complete: string; reschedule: string; noPhone: string };
  noScore: string;
  pending: string;
}

export function rowLabels(t: TFunction<'queues'>): RowLabels {
  return {
    kind: { callback: t('kind.callback'), complaint_follow_up: t('kind.complaint_follow_up') },
    due: { overdue: t('due.overdue'), due_today: t('due.due_today'), later: t('due.later') },
    ownership: { mine: t('ownership.mine'), unassigned: t('ownership.unassigned') },
    actions: {
      claim: t('actions.claim'),
      release: t('actions.release'),
      call: t('actions.call'),
      complete: t('actions.complete'),
      reschedule: t('actions.reschedule'),
      noPhone: t('actions.noPhone'),
    },
    noScore: t('item.noScore'),
    pending: t('item.pending'),
  };
}
