import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '../model';
import { customerWindow, useVisibleCustomers } from '../visible-customers';
import { QueueRow, type RowAction } from './QueueRow';

const ROW_HEIGHT = 104;
const OVERSCAN = 6;

interface QueueListProps {
  entries: readonly QueueEntry[];
  label: string;
  describedBy: string;
  onAction: (entry: QueueEntry, action: RowAction, customer: { name: string; phone: string | null }) => void;
}

/**
 * The virtualised rows. A component of its own so a scroll re-renders only the list (never the
 * filters, dialogs or re-tags around it), and memoised rows so rows already on screen skip it.
 */
export const QueueList = memo(function QueueList({ entries, label, describedBy, onAction }: QueueListProps) {
  const { t, i18n } = useTranslation('queues');
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = entries.length;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });

  useEffect(() => {
    if (active >= count && count > 0) setActive(count - 1);
  }, [active, count]);

  const focusRow = useCallback(
    (index: number) => {
      setActive(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
      // The row may only exist after the virtualiser renders it.
      requestAnimationFrame(() => {
        const id = entries[index]?.id;
        const row = id ? scrollRef.current?.querySelector<HTMLElement>(`[data-item-id="${id}"]`) : null;
        row?.focus();
      });
    },
    [virtualizer, entries],
  );

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const customerIds = useMemo(() => customerWindow(entries, first, last), [entries, first, last]);
  const customerOf = useVisibleCustomers(customerIds);
  const activeIndex = Math.min(active, count - 1);

  return (
    <div ref={scrollRef} className="queue-scroll" data-testid="queue-scroll">
      <div role="list" aria-label={label} aria-describedby={describedBy} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
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
                onFocusRow={setActive}
                t={t}
                language={i18n.language}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});
