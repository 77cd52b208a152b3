/**
 * Every interaction, newest first, virtualised: only the rows in view are in the DOM, so a
 * customer with 10,000 interactions scrolls smoothly. Each row shows the outcome and any re-tags.
 * Below the last cached entry the footer offers older interactions from the server: they are
 * stored in the local cache, so the same newest-first read simply grows (one row per id). When the
 * agent scrolls to the end, the next older page loads by itself; the footer's button stays for
 * keyboard users, for a timeline too short to scroll, and to retry after a failure.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useMemo, useRef, type WheelEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispositionOption, TaxonomyOption } from '@contract';
import { useOutcomeTags, useReferenceRows, type EntityRow, type InteractionRow } from '@features/sync';
import { readEmotion } from '../model/card-facts';
import { olderFooter, scrolledNearEnd } from '../model/older-history';
import { useOlderHistoryPages } from '../useOlderHistoryPages';
import { dispositionsFrom, taxonomyFrom, taxonomyLabel } from '../model/wrapup-rules';
import { formatDate, languageOf, type Language } from '../format';
import { Section } from './CardSections';
import { OlderHistoryFooter } from './OlderHistoryFooter';

const ROW_ESTIMATE = 84;
const NO_RETAGS: readonly EntityRow[] = [];

interface TimelineProps {
  customerId: string;
  /** Newest first. */
  rows: readonly InteractionRow[];
  /** Every cached interaction of the customer is in `rows` (the read returned fewer than its limit). */
  allCachedShown: boolean;
  /** The view is near the last row: read more of the cache. */
  onNearEnd(): void;
  /** An older page is about to be asked for: make room for it in the read. */
  onOlderPage(): void;
}

export function Timeline({ customerId, rows, allCachedShown, onNearEnd, onOlderPage }: TimelineProps) {
  const { t, i18n } = useTranslation('customerCard');
  const scrollRef = useRef<HTMLDivElement>(null);
  const older = useOlderHistoryPages(customerId);
  const footer = olderFooter({ allCachedShown, loading: older.loading, complete: older.complete, error: older.error });
  const { loadOlder } = older;
  const loadOlderPage = useCallback(() => {
    onOlderPage();
    loadOlder();
  }, [onOlderPage, loadOlder]);
  // Only the agent's own scrolling (or wheeling down at the end) asks the server by itself: a card
  // that merely opens never fires a request, and after a failure the agent retries on purpose.
  const autoLoad = footer === 'offer';
  const loadIfNearEnd = useCallback(() => {
    const element = scrollRef.current;
    if (autoLoad && element && scrolledNearEnd(element.scrollTop, element.clientHeight, element.scrollHeight, ROW_ESTIMATE * 2)) loadOlderPage();
  }, [autoLoad, loadOlderPage]);
  // Only a scroll DOWN counts (the virtualiser correcting row heights above the view may move it).
  const lastScrollTop = useRef(0);
  const onScroll = useCallback(() => {
    const top = scrollRef.current?.scrollTop ?? 0;
    const down = top > lastScrollTop.current;
    lastScrollTop.current = top;
    if (down) loadIfNearEnd();
  }, [loadIfNearEnd]);
  const onWheel = useCallback((event: WheelEvent<HTMLDivElement>) => {
    if (event.deltaY > 0) loadIfNearEnd();
  }, [loadIfNearEnd]);
  const language = languageOf(i18n.language);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_ESTIMATE, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const visibleIds = items.map((item) => rows[item.index]?.id).filter((id): id is string => typeof id === 'string');
  const retags = useOutcomeTags(visibleIds);
  const dispositionRows = useReferenceRows('dispositions');
  const taxonomyRows = useReferenceRows('taxonomy');
  // Stable while the lists do not change, so unchanged entries skip rendering (TimelineEntry is memoised).
  const dispositions = useMemo(() => dispositionsFrom(dispositionRows), [dispositionRows]);
  const taxonomy = useMemo(() => taxonomyFrom(taxonomyRows), [taxonomyRows]);
  const retagsById = useMemo(() => {
    const byId = new Map<string, EntityRow[]>();
    for (const tag of retags ?? []) {
      const id = String(tag.interactionId);
      byId.set(id, [...(byId.get(id) ?? []), tag]);
    }
    return byId;
  }, [retags]);
  const countId = useId();
  const focusTimeline = useCallback(() => scrollRef.current?.focus(), []);
  const footerView = footer === 'none' ? null : <OlderHistoryFooter state={footer} onLoad={loadOlderPage} focusAfterEnd={focusTimeline} />;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (rows.length > 0 && last >= rows.length - 10) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  return (
    <Section title={t('card.timeline')} className="cc-timeline">
      {rows.length === 0 ? (
        <>
          <p className="cc-muted">{t(allCachedShown && footer !== 'end' ? 'history.noneCached' : 'card.timelineEmpty')}</p>
          {footerView}
        </>
      ) : (
        <>
          <p id={countId} className="cc-muted cc-small">{t('card.timelineCount', { count: rows.length })}</p>
          <div
            ref={scrollRef} className="cc-timeline__scroll" tabIndex={0} role="region" aria-labelledby={countId} onScroll={onScroll} onWheel={onWheel}
          >
            <ol className="cc-timeline__list" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const row = rows[item.index]!;
                return (
                  <li
                    key={row.id} ref={virtualizer.measureElement} data-index={item.index} className="cc-entry" data-interaction-id={row.id}
                    data-occurred-at={row.occurredAt}
                    style={{ transform: `translateY(${item.start}px)` }} aria-setsize={rows.length} aria-posinset={item.index + 1}
                  >
                    <TimelineEntry row={row} retags={retagsById.get(row.id) ?? NO_RETAGS} dispositions={dispositions} taxonomy={taxonomy} language={language} />
                  </li>
                );
              })}
            </ol>
            {footerView}
          </div>
        </>
      )}
    </Section>
  );
}

interface EntryProps {
  row: InteractionRow;
  retags: readonly EntityRow[];
  dispositions: readonly DispositionOption[];
  taxonomy: readonly TaxonomyOption[];
  language: Language;
}

/** One interaction; memoised, so a new call in the timeline renders only the new entry. */
const TimelineEntry = memo(function TimelineEntry({ row, retags, dispositions, taxonomy, language }: EntryProps) {
  const { t } = useTranslation('customerCard');
  const start = readEmotion(row.emotionStart);
  const end = readEmotion(row.emotionEnd);
  const disposition = dispositions.find((option) => option.code === row.disposition);
  return (
    <>
      <div className="cc-entry__head">
        <strong>{t(`channel.${String(row.channel)}`, { defaultValue: String(row.channel ?? '') })}</strong>
        {typeof row.direction === 'string' && <span> · {t(`direction.${row.direction}`, { defaultValue: row.direction })}</span>}
        <span className="cc-muted"> · {formatDate(row.occurredAt, language)}</span>
        {typeof row.agentName === 'string' || typeof row.agentId === 'string'
          ? <span className="cc-muted"> · {t('card.handledBy', { agent: String(row.agentName ?? row.agentId).slice(0, 40) })}</span> : null}
      </div>
      <div className="cc-entry__facts">
        {disposition ? <span className="cc-tag">{disposition[language]}</span> : typeof row.disposition === 'string' && <span className="cc-tag">{row.disposition}</span>}
        {(start || end) && (
          <span className="cc-tag">
            {start ? `${t(`emotion.${start.emotion}`)} (${start.intensity})` : '–'} → {end ? `${t(`emotion.${end.emotion}`)} (${end.intensity})` : '–'}
          </span>
        )}
        {typeof row.complaintTypeId === 'string' && row.complaintTypeId !== '' && <span className="cc-tag">{taxonomyLabel(taxonomy, row.complaintTypeId, language)}</span>}
      </div>
      {typeof row.notes === 'string' && row.notes !== '' && <p className="cc-note">{row.notes}</p>}
      {retags.map((tag) => (
        <p key={tag.id} className="cc-retag">{t('card.retag', { who: String(tag.retaggedBy ?? '').slice(0, 40), reason: String(tag.reason ?? '') })}</p>
      ))}
    </>
  );
});
