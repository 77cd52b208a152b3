import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PriorityScore } from '@contract';

interface PriorityBadgeProps {
  priority: PriorityScore | null;
  tabbable?: boolean;
  estimated?: boolean;
  /** The server's score as saved at the last read, the live read not having answered. */
  lastKnown?: boolean;
}

interface BadgeViewProps extends PriorityBadgeProps {
  t: TFunction<'queues'>;
  /**
   * Build the explanation now (the queue's active row). Otherwise it is built on hover or focus:
   * rows mounting while scrolling skip its ~10 elements and translations.
   */
  explain?: boolean;
}

/** The explanation: each weighted factor's input and contribution. */
function PriorityExplanation({ id, priority, estimated, lastKnown, score, t }: { id: string; priority: PriorityScore | null; estimated: boolean; lastKnown: boolean; score: string; t: TFunction<'queues'> }) {
  return (
    <span id={id} role="tooltip" className="queue-priority__tip">
      {priority ? (
        <>
          <strong>{t('priority.explain', { score })}</strong>
          {estimated && <em className="queue-priority__estimated">{t('priority.estimated')}</em>}
          {lastKnown && <em className="queue-priority__estimated">{t('priority.lastKnown')}</em>}
          <ul>
            {priority.factors
              .filter((factor) => factor.weight > 0)
              .map((factor) => (
                <li key={factor.factor}>
                  {t('priority.factor', {
                    factor: t(`priority.factors.${factor.factor}`),
                    input: factor.input,
                    contribution: factor.contribution.toFixed(1),
                    weight: factor.weight,
                  })}
                </li>
              ))}
          </ul>
        </>
      ) : (
        t('priority.notScored')
      )}
    </span>
  );
}

/**
 * The badge with the queue's `t` passed in: the list's rows use it so a row mounting while
 * scrolling does not pay a `useTranslation` of its own (react-i18next clones the i18n instance
 * on every mount). Memoised: a row re-rendering for its focus leaves the explanation alone.
 */
export const PriorityBadgeView = memo(function PriorityBadgeView({ priority, tabbable = true, estimated = false, lastKnown = false, explain = true, t }: BadgeViewProps) {
  const tipId = useId();
  const [wanted, setWanted] = useState(false);
  const score = priority ? priority.score.toFixed(1) : '—';
  const level = !priority ? 'none' : priority.score >= 50 ? 'high' : priority.score >= 25 ? 'medium' : 'low';
  const shown = explain || wanted;
  const want = () => setWanted(true);
  return (
    <span className="queue-priority" onMouseEnter={shown ? undefined : want} onFocus={shown ? undefined : want}>
      <button
        type="button"
        tabIndex={tabbable ? 0 : -1}
        className={`queue-priority__badge queue-priority__badge--${level}${estimated ? ' queue-priority__badge--estimated' : ''}${lastKnown ? ' queue-priority__badge--last-known' : ''}`}
        data-estimated={estimated || undefined}
        data-last-known={lastKnown || undefined}
        aria-label={priority ? t(lastKnown ? 'priority.labelLastKnown' : 'priority.label', { score }) : t('item.noScore')}
        aria-describedby={shown ? tipId : undefined}
      >
        {score}
      </button>
      {shown && <PriorityExplanation id={tipId} priority={priority} estimated={estimated} lastKnown={lastKnown} score={score} t={t} />}
    </span>
  );
});

/**
 * The score with its explanation: each factor's input and contribution, shown on hover and on
 * keyboard focus (the badge is focusable and the explanation is its accessible description).
 */
export function PriorityBadge(props: PriorityBadgeProps) {
  const { t } = useTranslation('queues');
  return <PriorityBadgeView {...props} t={t} />;
}
