import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutcomeTags, usePendingEntityIds } from '@features/sync';
import { useAccess } from '../access';
import { fetchReview, outcomesKeys, type EmotionValue, type Outcome } from '../api';
import { formatDateTime } from '../labels';
import { useReferenceLists } from '../reference';
import { QueryState } from './QueryState';
import { RetagForm } from './RetagForm';
import { RetagChanges } from './RetagChanges';

function Emotion({ value }: { value: EmotionValue | null }) {
  const { t } = useTranslation('outcomes');
  if (!value) return <>{t('common.none')}</>;
  return (
    <>
      {t(`emotions.${value.emotion}`)}
      {value.intensity !== null ? ` (${value.intensity})` : ''}
    </>
  );
}

function OutcomeList({ outcome }: { outcome: Outcome }) {
  const { t, i18n } = useTranslation('outcomes');
  const { dispositionLabel, complaintTypeLabel } = useReferenceLists();
  return (
    <dl className="lead-facts">
      <dt>{t('fields.disposition')}</dt>
      <dd data-field="disposition">{dispositionLabel(outcome.disposition, i18n.language)}</dd>
      <dt>{t('fields.complaintTypeId')}</dt>
      <dd>{complaintTypeLabel(outcome.complaintTypeId, i18n.language)}</dd>
      <dt>{t('review.emotionStart')}</dt>
      <dd>
        <Emotion value={outcome.emotionStart} />
      </dd>
      <dt>{t('review.emotionEnd')}</dt>
      <dd>
        <Emotion value={outcome.emotionEnd} />
      </dd>
      <dt>{t('fields.firstContactResolution')}</dt>
      <dd>{outcome.firstContactResolution === null ? t('common.none') : t(outcome.firstContactResolution ? 'common.yes' : 'common.no')}</dd>
    </dl>
  );
}

/** One call for review: notes, script answers, emotions, complaint, timeline, re-tags and the re-tag form. */
export function CallReview({ interactionId, onClose }: { interactionId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('outcomes');
  const { dispositionLabel, complaintTypeLabel } = useReferenceLists();
  const access = useAccess();
  const localTags = useOutcomeTags([interactionId]) ?? [];
  const pendingIds = usePendingEntityIds();
  const pendingTags = localTags.filter((tag) => pendingIds.has(tag.id));
  const review = useQuery({
    queryKey: outcomesKeys.review(interactionId),
    queryFn: () => fetchReview(access, interactionId),
    // While a re-tag waits in the outbox, look again so the audit row shows once the server has it.
    refetchInterval: pendingTags.length > 0 ? 3_000 : false,
  });
  const data = review.data;
  // Once the outbox has sent a re-tag, read the review again so the server's audit row shows.
  const pendingCount = pendingTags.length;
  const previousPending = useRef(pendingCount);
  const { refetch } = review;
  useEffect(() => {
    if (pendingCount < previousPending.current) void refetch();
    previousPending.current = pendingCount;
  }, [pendingCount, refetch]);
  const serverTagIds = new Set(data?.retags.map((r) => r.id) ?? []);
  // Re-tags made here that the review read does not have yet (waiting in the outbox, or just sent).
  const waiting = localTags.filter((tag) => !serverTagIds.has(tag.id) && typeof tag.reason === 'string' && !('retaggedBy' in tag));

  return (
    <section className="lead-review" aria-labelledby="lead-review-title">
      <div className="lead-review__header">
        <h2 id="lead-review-title">{t('review.title')}</h2>
        <button type="button" className="compact-button" onClick={onClose}>
          {t('review.close')}
        </button>
      </div>
      <QueryState loading={review.isLoading} error={review.error} onRetry={() => void review.refetch()} />
      {data && (
        <>
          <dl className="lead-facts">
            <dt>{t('review.agent')}</dt>
            <dd>{data.agent.displayName}</dd>
            <dt>{t('review.customer')}</dt>
            <dd>{data.customer?.displayName ?? t('common.none')}</dd>
            <dt>{t('review.channel')}</dt>
            <dd>
              {data.channel} · {data.direction}
            </dd>
            <dt>{t('review.times')}</dt>
            <dd>
              {formatDateTime(data.queuedAt, i18n.language)} / {formatDateTime(data.answeredAt, i18n.language)} / {formatDateTime(data.endedAt, i18n.language)}
            </dd>
            <dt>{t('review.complaint')}</dt>
            <dd>
              {data.complaint
                ? `${complaintTypeLabel(data.complaint.typeId, i18n.language)} · ${data.complaint.status}${data.complaint.description ? ` · ${data.complaint.description}` : ''}`
                : t('review.noComplaint')}
            </dd>
          </dl>
          <h3>{t('review.outcome')}</h3>
          <OutcomeList outcome={data.outcome} />
          <h3>{t('review.notes')}</h3>
          <p className="lead-notes">{data.notes || t('review.noNotes')}</p>
          <h3>{t('review.script')}</h3>
          {data.script ? (
            <>
              <p className="lead-muted">
                {data.script.id} v{data.script.version ?? '?'}
              </p>
              <dl className="lead-facts">
                {Object.entries(data.script.answers).map(([question, answer]) => (
                  <div key={question} className="lead-facts__pair">
                    <dt>{question}</dt>
                    <dd>{typeof answer === 'string' ? answer : JSON.stringify(answer)}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : (
            <p className="lead-muted">{t('review.noScript')}</p>
          )}
          <h3>{t('review.timeline')}</h3>
          {data.timeline.length === 0 ? (
            <p className="lead-muted">{t('review.noTimeline')}</p>
          ) : (
            <ol className="lead-timeline">
              {[...data.timeline, { id: data.id, channel: data.channel, startedAt: data.queuedAt ?? data.answeredAt, agentName: data.agent.displayName, disposition: data.outcome.disposition, emotionEnd: data.outcome.emotionEnd?.emotion ?? null, complaintTypeId: data.outcome.complaintTypeId }]
                .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''))
                .map((entry) => (
                  <li key={entry.id} aria-current={entry.id === data.id ? 'true' : undefined} className={entry.id === data.id ? 'lead-timeline__this' : undefined}>
                    {formatDateTime(entry.startedAt, i18n.language)} · {entry.channel} · {entry.agentName} · {dispositionLabel(entry.disposition, i18n.language)}
                    {entry.emotionEnd ? ` · ${t(`emotions.${entry.emotionEnd}`)}` : ''}
                    {entry.complaintTypeId ? ` · ${complaintTypeLabel(entry.complaintTypeId, i18n.language)}` : ''}
                    {entry.id === data.id ? ` (${t('review.thisCall')})` : ''}
                  </li>
                ))}
            </ol>
          )}
          <h3>{t('review.retags')}</h3>
          {data.retags.length === 0 && waiting.length === 0 ? (
            <p className="lead-muted">{t('review.noRetags')}</p>
          ) : (
            <ul className="lead-retags" data-testid="retag-audit">
              {data.retags.map((retag) => (
                <li key={retag.id} data-retag-id={retag.id}>
                  <p>{t('review.retagBy', { who: retag.by.displayName, when: formatDateTime(retag.at, i18n.language) })}</p>
                  <RetagChanges old={retag.old} next={retag.new} />
                  <p>
                    {t('review.reasonLabel')}: {retag.reason}
                  </p>
                </li>
              ))}
              {waiting.map((tag) => (
                <li key={tag.id} data-retag-id={tag.id} className="lead-retags__pending">
                  <p>{pendingIds.has(tag.id) ? t('review.pendingRetag') : t('review.sentRetag')}</p>
                  <RetagChanges old={{}} next={tag} />
                  <p>
                    {t('review.reasonLabel')}: {String(tag.reason ?? '')}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <RetagForm interactionId={data.id} current={data.outcome} />
        </>
      )}
    </section>
  );
}
