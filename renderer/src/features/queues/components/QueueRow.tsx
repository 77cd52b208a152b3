import { memo, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { formatDueTime } from '../due-format';
import type { QueueEntry } from '../model';
import { PriorityBadgeView } from './PriorityBadge';

export type RowAction = 'claim' | 'release' | 'call' | 'complete' | 'reschedule';

interface QueueRowProps {
  entry: QueueEntry;
  index: number;
  setSize: number;
  active: boolean;
  /** The cached customer's name and first phone (read for the whole viewport by the list). */
  customerName: string | null;
  phone: string | null;
  onAction: (entry: QueueEntry, action: RowAction, customer: { name: string; phone: string | null }) => void;
  onMove: (toIndex: number) => void;
  onFocusRow: (index: number) => void;
  /** The list's `t` and language: a new `t` (language change) re-renders every row. */
  t: TFunction<'queues'>;
  language: string;
}

/**
 * One item. The row itself is the roving focus stop of the list (arrow keys move between rows,
 * letters act on the focused row); its buttons stay reachable with Tab. Memoised: its props are
 * primitives and stable objects, so a scroll renders only the rows coming into view.
 */
export const QueueRow = memo(function QueueRow({ entry, index, setSize, active, customerName, phone, onAction, onMove, onFocusRow, t, language }: QueueRowProps) {
  const name = customerName ?? entry.customerName ?? t('item.unknownCustomer', { id: entry.customerId.slice(0, 8) });
  const info = { name, phone };
  const dueText = formatDueTime(entry.dueAt, language);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: setSize - 1, PageDown: index + 8, PageUp: index - 8 };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      onMove(Math.max(0, Math.min(setSize - 1, move)));
      return;
    }
    const actions: Record<string, RowAction> = { c: 'claim', Enter: 'call', d: 'complete', r: 'reschedule' };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      if (action === 'claim' && entry.ownership === 'mine') return;
      if (action === 'call' && !phone) return;
      onAction(entry, action, info);
    }
  };

  return (
    <div
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-label={t('item.label', {
        customer: name,
        kind: t(`kind.${entry.kind}`),
        due: `${t(`due.${entry.due}`)} ${dueText}`,
        score: entry.priority ? entry.priority.score.toFixed(1) : t('item.noScore'),
      })}
      tabIndex={active ? 0 : -1}
      className={`queue-row queue-row--${entry.due}${entry.ownership === 'mine' ? ' queue-row--mine' : ''}`}
      data-item-id={entry.id}
      onKeyDown={onKeyDown}
      onFocus={() => onFocusRow(index)}
    >
      <div className="queue-row__top">
        <span className="queue-row__name">{name}</span>
        <PriorityBadgeView priority={entry.priority} tabbable={active} estimated={entry.estimated} t={t} />
      </div>
      <div className="queue-row__meta">
        <span className={`queue-due queue-due--${entry.due}`}>{t(`due.${entry.due}`)}</span>
        <span>{t('item.dueAt', { time: dueText })}</span>
        <span>{t(`kind.${entry.kind}`)}</span>
        <span className="queue-row__owner">{t(`ownership.${entry.ownership}`)}</span>
        {entry.pending && <span className="queue-row__pending">{t('item.pending')}</span>}
      </div>
      <div className="queue-row__actions">
        {entry.ownership === 'mine' ? (
          <button type="button" className="compact-button compact-button--small" tabIndex={active ? 0 : -1} onClick={() => onAction(entry, 'release', info)}>
            {t('actions.release')}
          </button>
        ) : (
          <button type="button" className="compact-button compact-button--small" tabIndex={active ? 0 : -1} onClick={() => onAction(entry, 'claim', info)}>
            {t('actions.claim')}
          </button>
        )}
        <button
          type="button"
          tabIndex={active ? 0 : -1}
          className="compact-button compact-button--small compact-button--primary"
          disabled={!phone}
          title={phone ? t('actions.callTitle', { number: phone }) : t('actions.noPhone')}
          onClick={() => onAction(entry, 'call', info)}
        >
          {t('actions.call')}
        </button>
        <button type="button" className="compact-button compact-button--small" tabIndex={active ? 0 : -1} onClick={() => onAction(entry, 'complete', info)}>
          {t('actions.complete')}
        </button>
        <button type="button" className="compact-button compact-button--small" tabIndex={active ? 0 : -1} onClick={() => onAction(entry, 'reschedule', info)}>
          {t('actions.reschedule')}
        </button>
      </div>
    </div>
  );
});
