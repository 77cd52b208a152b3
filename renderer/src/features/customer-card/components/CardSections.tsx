/** The card's read-mostly sections. Every customer value renders as text (never as HTML). */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  consentChannelSchema, DEFAULT_EXCLUSION_THRESHOLD_VALUES, type ConsentChannel, type ExclusionFinding, type PriorityScore,
} from '@contract';
import { Alert } from '@components/Alert';
import { setConsent, useReferenceRows, useSyncSession, type CustomerRow, type InteractionRow } from '@features/sync';
import { ageInDays, emotionTrend, slaState, surveyHistory } from '../model/card-facts';
import { taxonomyFrom, taxonomyLabel } from '../model/wrapup-rules';
import { formatDate, formatDay, formatDuration, formatMoney, formatNumber, languageOf } from '../format';
import { useCardStore } from '../store';
import type { CardData } from '../useCardData';
import { EmotionChart } from './EmotionChart';

export function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={['cc-section', className].filter(Boolean).join(' ')} aria-labelledby={id}>
      <h3 id={id} className="cc-section__title">{title}</h3>
      {children}
    </section>
  );
}

export function ConsentsSection({ data }: { data: CardData }) {
  const { t, i18n } = useTranslation('customerCard');
  const session = useSyncSession();
  const [problem, setProblem] = useState<string | null>(null);
  const language = languageOf(i18n.language);
  const byChannel = new Map(data.consents.map((row) => [String(row.channel), row]));
  const decide = async (channel: ConsentChannel, decision: 'grant' | 'revoke') => {
    if (!session) return;
    setProblem(null);
    try {
      await setConsent(session.store, data.customer.id, channel, decision, 'agent_call');
    } catch (error) {
      setProblem(t('identify.failed', { detail: error instanceof Error ? error.message : String(error) }));
    }
  };
  return (
    <Section title={t('card.consents')}>
      <ul className="cc-list">
        {consentChannelSchema.options.map((channel) => {
          const row = byChannel.get(channel);
          const label = t(`consentChannel.${channel}`);
          const revoked = row?.status === 'revoked';
          const revokedAt = row?.revokedAt ?? row?.changedAt ?? row?.stampedAt;
          return (
            <li key={channel} className="cc-consent" data-consent={channel} data-status={row ? String(row.status) : 'unknown'}>
              <span className="cc-consent__channel">{label}</span>
              <span className={revoked ? 'cc-consent__state cc-consent__state--revoked' : 'cc-consent__state'}>
                {revoked
                  ? (revokedAt ? t('card.consentRevoked', { date: formatDate(revokedAt, language) }) : t('card.consentRevokedNoDate'))
                  : row?.status === 'granted' ? t('card.consentGranted') : t('card.consentUnknown')}
              </span>
              {revoked || row?.status !== 'granted' ? (
                <button type="button" className="button button--ghost cc-small" onClick={() => void decide(channel, 'grant')}>{t('card.grant', { channel: label })}</button>
              ) : (
                <button type="button" className="button button--ghost cc-small" onClick={() => void decide(channel, 'revoke')}>{t('card.revoke', { channel: label })}</button>
              )}
            </li>
          );
        })}
      </ul>
      <p className="cc-muted cc-small">{t('card.stickyNote')}</p>
      {problem && <Alert>{problem}</Alert>}
    </Section>
  );
}

/** Key facts from the customer row; the survey answers follow once the timeline is read (`timeline` undefined until then). */
export function ValueSection({ customer, timeline }: { customer: CustomerRow; timeline: readonly InteractionRow[] | undefined }) {
  const { t, i18n } = useTranslation('customerCard');
  const language = languageOf(i18n.language);
  const loyalty = typeof customer.loyaltyLevel === 'string' ? customer.loyaltyLevel : 'none';
  const surveys = timeline ? surveyHistory(timeline).slice(0, 6) : null;
  return (
    <Section title={t('card.value')}>
      <dl className="cc-facts">
        <dt>{t('card.loyalty')}</dt>
        <dd>{t(`loyalty.${loyalty}`, { defaultValue: loyalty })}</dd>
        <dt>{t('card.clv')}</dt>
        <dd>{formatMoney(customer.clv, language)}</dd>
        <dt>{t('card.influencer')}</dt>
        <dd>
          {customer.influencer === true
            ? t('card.influencerReach', { reach: formatNumber(Number(customer.influencerReach ?? 0), language) })
            : t('card.notInfluencer')}
        </dd>
        <dt>{t('card.surveys')}</dt>
        <dd>
          {surveys === null ? <span className="cc-muted">{t('card.loadingDetails')}</span> : surveys.length === 0 ? t('card.noSurveys') : (
            <ul className="cc-inline-list">
              {surveys.map((answer, index) => (
                <li key={`${answer.kind}-${answer.at}-${index}`}>
                  {answer.kind.toUpperCase()} {answer.score} · {formatDay(answer.at, language)}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </Section>
  );
}

export function ComplaintsSection({ data, now }: { data: CardData; now: Date }) {
  const { t, i18n } = useTranslation('customerCard');
  const language = languageOf(i18n.language);
  const taxonomy = taxonomyFrom(useReferenceRows('taxonomy'));
  const frequent = data.exclusions.find((finding) => finding.code === 'unusual_call_frequency');
  const windowDays = DEFAULT_EXCLUSION_THRESHOLD_VALUES.callWindowDays;
  const since = now.getTime() - windowDays * 86_400_000;
  const recentCalls = (complaintId: string, linked: unknown): number => {
    const ids = new Set(Array.isArray(linked) ? linked.map(String) : []);
    return data.timeline.filter((row) => row.channel === 'call' && Date.parse(row.occurredAt) >= since && (row.complaintId === complaintId || ids.has(row.id))).length;
  };
  return (
    <Section title={t('card.complaints')}>
      {data.openComplaints.length === 0 ? <p className="cc-muted">{t('card.noComplaints')}</p> : (
        <ul className="cc-list">
          {data.openComplaints.map((complaint) => {
            const sla = slaState(complaint.slaDueAt, now);
            const calls = recentCalls(complaint.id, complaint.interactionIds);
            const high = frequent?.code === 'unusual_call_frequency' && frequent.detail.complaintId === complaint.id;
            return (
              <li key={complaint.id} className="cc-complaint" data-sla={sla.kind}>
                <strong>{taxonomyLabel(taxonomy, complaint.typeId, language)}</strong>
                <span className="cc-muted"> · {t('card.openedDaysAgo', { count: ageInDays(complaint.openedAt, now) ?? 0 })}</span>
                <div className={sla.kind === 'overdue' ? 'cc-sla cc-sla--overdue' : 'cc-sla'}>
                  {sla.kind === 'none' ? t('card.slaNone')
                    : sla.kind === 'due' ? t('card.slaDue', { time: formatDuration(t, sla.minutesLeft) })
                      : t('card.slaOverdue', { time: formatDuration(t, sla.minutesOverdue) })}
                </div>
                <div className={high ? 'cc-calls cc-calls--high' : 'cc-calls'}>
                  {t('card.callsRecent', { count: calls, days: windowDays })}
                  {high && <strong> · {t('card.callsHigh')}</strong>}
                </div>
                {typeof complaint.description === 'string' && complaint.description !== '' && <p className="cc-note">{complaint.description}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

export function ExclusionSection({ findings }: { findings: readonly ExclusionFinding[] }) {
  const { t, i18n } = useTranslation('customerCard');
  const language = languageOf(i18n.language);
  const describe = (finding: ExclusionFinding): string => {
    switch (finding.code) {
      case 'open_complaint': return t('reasons.open_complaint', { count: finding.detail.count, types: finding.detail.types.join(', ') });
      case 'sla_breached': return t('reasons.sla_breached', { hours: finding.detail.hoursOverdue });
      case 'negative_emotion': return t('reasons.negative_emotion', { emotion: t(`emotion.${finding.detail.emotion}`), date: formatDay(finding.detail.at, language) });
      case 'unusual_call_frequency': return t('reasons.unusual_call_frequency', { calls: finding.detail.calls, days: finding.detail.windowDays });
      case 'influencer_open_complaint': return t('reasons.influencer_open_complaint', { reach: formatNumber(finding.detail.reach, language) });
      case 'consent_revoked': return t('reasons.consent_revoked', { channels: finding.detail.channels.map((channel) => t(`consentChannel.${channel}`, { defaultValue: channel })).join(', ') });
    }
  };
  return (
    <Section title={t('card.exclusion')}>
      <p data-excluded={findings.length > 0}>{findings.length > 0 ? t('card.excluded') : t('card.notExcluded')}</p>
      {findings.length > 0 && (
        <ul className="cc-list">
          {findings.map((finding) => <li key={finding.code} data-reason={finding.code}>{describe(finding)}</li>)}
        </ul>
      )}
    </Section>
  );
}

export function EmotionSection({ data, callKey }: { data: CardData; callKey: string | null }) {
  const { t, i18n } = useTranslation('customerCard');
  const language = languageOf(i18n.language);
  const current = useCardStore((state) => (callKey ? state.calls[callKey]?.draft.emotionEnd ?? null : null));
  const points = emotionTrend(data.timeline);
  return (
    <Section title={t('card.emotions')}>
      {callKey && (
        <p className="cc-current-emotion" data-emotion={current?.emotion ?? ''}>
          {current ? t('card.currentEmotion', { emotion: t(`emotion.${current.emotion}`), intensity: current.intensity }) : t('card.currentEmotionNone')}
        </p>
      )}
      {points.length === 0 ? <p className="cc-muted">{t('card.noEmotions')}</p> : (
        <>
          <EmotionChart points={points} label={t('card.chartLabel', { count: points.length })} />
          <ol className="cc-inline-list cc-small" aria-label={t('card.chartLabel', { count: points.length })}>
            {points.map((point) => (
              <li key={point.interactionId}>{formatDay(point.at, language)}: {t(`emotion.${point.emotion}`)} ({point.intensity})</li>
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}

export function PrioritySection({ priority }: { priority: PriorityScore }) {
  const { t } = useTranslation('customerCard');
  return (
    <Section title={t('card.priorityTitle')}>
      <p className="cc-priority"><strong>{priority.score}</strong> / 100</p>
      <details>
        <summary>{t('card.priorityExplain')}</summary>
        <table className="cc-table">
          <thead>
            <tr><th scope="col">{t('card.factor')}</th><th scope="col">{t('card.input')}</th><th scope="col">{t('card.weight')}</th><th scope="col">{t('card.points')}</th></tr>
          </thead>
          <tbody>
            {priority.factors.map((factor) => (
              <tr key={factor.factor}>
                <th scope="row">{t(`factors.${factor.factor}`)}</th>
                <td>{factor.input}</td>
                <td>{factor.weight}</td>
                <td>{factor.contribution}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Section>
  );
}
