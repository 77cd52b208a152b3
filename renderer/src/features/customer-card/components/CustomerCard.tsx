/**
 * The 360° card for one customer, painted progressively: the identity and key facts first (from
 * the row the phone lookup already holds), then, after that frame, consents, complaints,
 * exclusions, emotions, priority and the timeline, read in one live query.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HISTORY_DEFAULT_LIMIT } from '@contract';
import type { CustomerRow } from '@features/sync';
import { limitForOlderPage } from '../model/older-history';
import { markPop } from '../model/pop-marks';
import { useCardStore } from '../store';
import { useCardCustomer, useCardDetails, type CardData } from '../useCardData';
import { usePaintedOnce } from '../usePaintedOnce';
import { HandoverNote } from './HandoverNote';
import { ComplaintsSection, ConsentsSection, EmotionSection, ExclusionSection, PrioritySection, ValueSection } from './CardSections';
import { IdentitySection } from './IdentitySection';
import { Timeline } from './Timeline';

interface CustomerCardProps {
  customerId: string;
  /** The call this card popped for (measures the pop, shows the call's emotion); null when browsing. */
  callKey: string | null;
  /** Epoch ms the INVITE reached the softphone. */
  callStartedAt: number | null;
  /** The row the phone lookup found: painted at once, before any further read. */
  knownCustomer?: CustomerRow | null;
  /** On a transferred call: what the previous agent sent along with the transfer. */
  handoff?: string | null;
  /** Called once the details (consents, complaints, timeline…) are rendered. */
  onDetailsShown?: () => void;
}

/** Re-render every 30 s so SLA countdowns and ages stay true. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export const CustomerCard = memo(function CustomerCard({ customerId, callKey, callStartedAt, knownCustomer = null, handoff = null, onDetailsShown }: CustomerCardProps) {
  const { t } = useTranslation('customerCard');
  const now = useNow();
  // The live re-read of the customer row waits for the first paint (the lookup's row is shown).
  const [liveRow, setLiveRow] = useState(false);
  const customer = useCardCustomer(customerId, knownCustomer, liveRow);
  const popMs = useCardStore((state) => (callKey ? state.calls[callKey]?.popLatencyMs ?? null : null));
  const pop = useMemo(() => (callKey && callStartedAt !== null ? { callKey, startedAt: callStartedAt } : null), [callKey, callStartedAt]);
  const factsPainted = usePaintedOnce(Boolean(customer), pop);
  if (factsPainted && !liveRow) setLiveRow(true);
  const [timelineLimit, setTimelineLimit] = useState(200);
  // The details are read only once the identity and key facts are on screen.
  const details = useCardDetails(factsPainted ? customer ?? null : null, timelineLimit, now);
  const data: CardData | null = useMemo(() => (customer && details ? { customer, ...details } : null), [customer, details]);
  const timelineLength = data?.timeline.length ?? 0;
  const onNearEnd = useCallback(() => setTimelineLimit((limit) => (timelineLength >= limit ? limit + 500 : limit)), [timelineLength]);
  const onOlderPage = useCallback(() => setTimelineLimit((limit) => limitForOlderPage(limit, timelineLength, HISTORY_DEFAULT_LIMIT)), [timelineLength]);
  const detailsShown = data !== null;
  useLayoutEffect(() => {
    if (detailsShown && callKey) markPop('details', callKey);
    if (detailsShown) onDetailsShown?.();
  }, [detailsShown, callKey, onDetailsShown]);

  if (customer === undefined) return null;
  if (customer === null) return <p className="cc-muted">{t('card.timelineEmpty')}</p>;
  const excluded = data ? data.exclusions.length > 0 : null;
  return (
    <article
      className="cc-card" aria-label={t('card.label', { name: customer.displayName })} data-customer-id={customer.id}
      data-call-key={callKey ?? undefined} data-pop-ms={popMs ?? undefined} aria-busy={data ? undefined : true}
    >
      <header className="cc-card__head">
        <h2 className="cc-card__name">{customer.displayName}</h2>
        {data && <span className="cc-badge cc-badge--priority">{t('card.priority', { score: data.priority.score })}</span>}
        {excluded !== null && <span className={`cc-badge ${excluded ? 'cc-badge--warn' : 'cc-badge--ok'}`}>{excluded ? t('card.excluded') : t('card.notExcluded')}</span>}
      </header>
      {callKey && <HandoverNote handoff={handoff} timeline={data?.timeline} now={now} />}
      <div className="cc-card__grid">
        <IdentitySection customer={customer} identities={data?.identities} />
        <ValueSection customer={customer} timeline={data?.timeline} />
        {data ? (
          <>
            <ConsentsSection data={data} />
            <ComplaintsSection data={data} now={now} />
            <ExclusionSection findings={data.exclusions} />
            <EmotionSection data={data} callKey={callKey} />
            <PrioritySection priority={data.priority} />
          </>
        ) : <p className="cc-muted">{t('card.loadingDetails')}</p>}
      </div>
      {data && (
        <Timeline customerId={customer.id} rows={data.timeline} allCachedShown={data.timelineAllCached} onNearEnd={onNearEnd} onOlderPage={onOlderPage} />
      )}
    </article>
  );
});
