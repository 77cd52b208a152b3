import { memo, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { formatDueTime } from '../due-format';
import type { QueueEntry } from '../model';
import type { RowLabels } from '../row-labels';
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
  /** The list's `t`, fixed texts and language: a language change re-renders every row. */
  t: TFunction<'queues'>;
  labels: RowLabels;
  language: string;
}

/**
 * One item. The row itself is the roving focus stop of the list (arrow keys move between rows,
 * letters act on the focused row); its buttons stay reachable with Tab. Memoised: its props are
 * primitives and stable objects, so a scroll renders only the rows coming into view. Kept small
 * (a scroll mounts a few per frame): fixed texts come translated from the list, the priority
 * explanation is only built for the active or hovered row.
 */
export const QueueRow = memo(function QueueRow({ entry, index, setSize, active, customerName, phone, onAction, onMove, onFocusRow, t, labels, language }: QueueRowProps) {
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
        kind: labels.kind[entry.kind],
        due: `${labels.due[entry.due]} ${dueText}`,
        score: entry.priority ? entry.priority.score.toFixed(1) : labels.noScore,
      })}
      tabIndex={active ? 0 : -1}
      className={`queue-row queue-row--${entry.due}${entry.ownership === 'mine' ? ' queue-row--mine' : ''}`}
      data-item-id={entry.id}
      onKeyDown={onKeyDown}
      onFocus={() => onFocusRow(index)}
    >
      <div className="queue-row__top">
        <span className="queue-row__name">{name}</span>
        <PriorityBadgeView priority={entry.priority} tabbable={active} explain={active} estimated={entry.estimated} lastKnown={entry.lastKnown} t={t} />
      </div>
      <div className="queue-row__meta">
        <span className={`queue-due queue-due--${entry.due}`}>{labels.due[entry.due]}</span>
        <span>{t('item.dueAt', { time: dueText })}</span>
        <span>{labels.kind[entry.kind]}</span>
        <span>{labels.ownership[entry.ownership]}</span>
        {entry.pending && <span className="queue-row__pending">{labels.pending}</span>}
      </div>
      <div className="queue-row__actions">
        {entry.ownership === 'mine' ? (
          <button type="button" className="compact-button compact-button--small" tabIndex={active ? 0 : -1} onClick={() => onAction(entry, 'release', info)}>
            {labels.actions.release}
          </button>
        ) : (
          <button type="button" className="compact-button compact-button--small" tabIndex={active ? 0 : -1} onClick={() => onAction(entry, 'claim', info)}>
            {labels.actions.claim}
          </button>
        )}
        <button
          type="button"
          tabIndex={active ? 0 : -1}
          className="compact-button compact-button--small compact-button--primary"
          disabled={!phone}
          title={phone ? t('actions.callTitle', { number: phone }) : labels.actions.noPhone}
          onClick={() => onAction(entry, 'call', info)}
        >
          {labels.actions.call}
        </button>
        <button type="button" className="compact-button compact-button--small" tabIndex={active ? 0 : -1} onClick={() => onAction(entry, 'complete', info)}>
          {labels.actions.complete}
        </button>
        <button type="button" className="compact-button compact-button--small" tabIndex={active ? 0 : -1} onClick={() => onAction(entry, 'reschedule', info)}>
          {labels.actions.reschedule}
        </button>
      </div>
    </div>
  );
});
