/** The 360° card for one customer: identity, consents, value, complaints, exclusions, emotions, priority, timeline. */
import { useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cardActions, useCardStore } from '../store';
import { useCardData } from '../useCardData';
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

export function CustomerCard({ customerId, callKey, callStartedAt }: CustomerCardProps) {
  const { t } = useTranslation('customerCard');
  const now = useNow();
  const [timelineLimit, setTimelineLimit] = useState(200);
  const data = useCardData(customerId, timelineLimit, now);
  const popMs = useCardStore((state) => (callKey ? state.calls[callKey]?.popLatencyMs ?? null : null));
  const loaded = data !== undefined && data !== null;

  // INVITE → card painted: measured after the frame that shows the customer's data.
  useLayoutEffect(() => {
    if (!loaded || !callKey || callStartedAt === null || popMs !== null) return undefined;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => cardActions.recordPopLatency(callKey, Date.now() - callStartedAt), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [loaded, callKey, callStartedAt, popMs]);

  if (data === undefined) return null;
  if (data === null) return <p className="cc-muted">{t('card.timelineEmpty')}</p>;
  const { customer } = data;
  const excluded = data.exclusions.length > 0;
  return (
    <article
      className="cc-card" aria-label={t('card.label', { name: customer.displayName })} data-customer-id={customer.id}
      data-call-key={callKey ?? undefined} data-pop-ms={popMs ?? undefined}
    >
      <header className="cc-card__head">
        <h2 className="cc-card__name">{customer.displayName}</h2>
        <span className="cc-badge cc-badge--priority">{t('card.priority', { score: data.priority.score })}</span>
        <span className={`cc-badge ${excluded ? 'cc-badge--warn' : 'cc-badge--ok'}`}>{excluded ? t('card.excluded') : t('card.notExcluded')}</span>
      </header>
      {callKey && <HandoverNote timeline={data.timeline} now={now} />}
      <div className="cc-card__grid">
        <IdentitySection data={data} />
        <ConsentsSection data={data} />
        <ValueSection data={data} />
        <ComplaintsSection data={data} now={now} />
        <ExclusionSection findings={data.exclusions} />
        <EmotionSection data={data} callKey={callKey} />
        <PrioritySection priority={data.priority} />
      </div>
      <Timeline rows={data.timeline} onNearEnd={() => setTimelineLimit((limit) => (data.timeline.length >= limit ? limit + 500 : limit))} />
    </article>
  );
}
