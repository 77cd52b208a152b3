import { useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '../model';
import { rowLabels } from '../row-labels';
import { rowsToRender } from '../row-window';
import { customerWindow, useVisibleCustomers } from '../visible-customers';
import { QueueRow, type RowAction } from './QueueRow';

const ROW_HEIGHT = 104;
const OVERSCAN = 6;

interface QueueListProps {
  entries: readonly QueueEntry[];
  label: string;
  describedBy: string;
  /** Only the first page is read yet: more rows follow below. */
  busy?: boolean;
  onAction: (entry: QueueEntry, action: RowAction, customer: { name: string; phone: string | null }) => void;
}

/**
 * The virtualised rows. A component of its own so a scroll re-renders only the list (never the
 * filters, dialogs or re-tags around it), and memoised rows so rows already on screen skip it.
 * The virtualiser writes nothing per scroll event: rows sit at fixed offsets (`index × height`),
 * so the list re-renders only when the window of visible rows changes (`directDomUpdates`).
 * The active row is tracked by item id: when the order changes (the scores arrive) it stays the
 * active row, stays rendered, and keeps or gets back the keyboard focus.
 */
export const QueueList = memo(function QueueList({ entries, label, describedBy, busy = false, onAction }: QueueListProps) {
  const { t, i18n } = useTranslation('queues');
  const labels = useMemo(() => rowLabels(t), [t]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The item whose row (or a control in it) had the focus last; cleared when focus leaves the list.
  const focusedId = useRef<string | null>(null);
  const count = entries.length;
  // When the active item leaves the list, the row that takes its place becomes the active one.
  const lastActive = useRef(0);
  const activeIndex = useMemo(() => {
    const index = activeId === null ? -1 : entries.findIndex((entry) => entry.id === activeId);
    return index >= 0 ? index : Math.max(0, Math.min(lastActive.current, count - 1));
  }, [entries, activeId, count]);
  lastActive.current = activeIndex;
  const rangeExtractor = useCallback((range: Range) => rowsToRender(range, activeIndex), [activeIndex]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    rangeExtractor,
    directDomUpdates: true,
  });

  const focusItem = useCallback(
    (index: number) => {
      virtualizer.scrollToIndex(index, { align: 'auto' });
      // The row may only exist after the virtualiser renders it.
      requestAnimationFrame(() => {
        const id = entries[index]?.id;
        const row = id ? scrollRef.current?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(id)}"]`) : null;
        row?.focus();
      });
    },
    [virtualizer, entries],
  );
  const focusRow = useCallback(
    (index: number) => {
      const id = entries[index]?.id;
      if (id) setActiveId(id);
      focusItem(index);
    },
    [entries, focusItem],
  );
  const onFocusRow = useCallback((index: number) => setActiveId(entries[index]?.id ?? null), [entries]);

  // A new order (scores arrived, an item left) can move or re-create the focused row: when the
  // focus fell back to the page, put it back on the same item at its new place.
  useLayoutEffect(() => {
    const id = focusedId.current;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!id || !lost) return;
    const index = entries.findIndex((entry) => entry.id === id);
    if (index >= 0) focusItem(index);
    else if (count > 0) focusItem(lastActive.current);
  }, [entries, count, focusItem]);

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-item-id]');
    focusedId.current = row?.dataset.itemId ?? null;
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    // Focus moved elsewhere on purpose; a row taken out of the page blurs with no related target.
    if (event.relatedTarget && !event.currentTarget.contains(event.relatedTarget)) focusedId.current = null;
  };

  const items = virtualizer.getVirtualItems();
  // The customers of the window around the viewport (not of the active row far away, if any).
  const visible = virtualizer.range;
  const first = Math.max(0, (visible?.startIndex ?? 0) - OVERSCAN);
  const last = Math.min(count - 1, (visible?.endIndex ?? -1) + OVERSCAN);
  const customerIds = useMemo(() => customerWindow(entries, first, last), [entries, first, last]);
  const customerOf = useVisibleCustomers(customerIds);

  return (
    <div ref={scrollRef} className="queue-scroll" data-testid="queue-scroll" onFocus={onFocus} onBlur={onBlur}>
      <div role="list" aria-label={label} aria-describedby={describedBy} aria-busy={busy || undefined} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const entry = entries[item.index]!;
          const customer = customerOf(entry.customerId);
          return (
            <div key={entry.id} className="queue-scroll__slot" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
              <QueueRow
                entry={entry}
                index={item.index}
                setSize={count}
                active={item.index === activeIndex}
                customerName={customer?.displayName ?? null}
                phone={customer?.phones[0] ?? null}
                onAction={onAction}
                onMove={focusRow}
                onFocusRow={onFocusRow}
                t={t}
                labels={labels}
                language={i18n.language}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});
