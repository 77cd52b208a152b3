import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PriorityScore } from '@contract';

/**
 * The score with its explanation: each factor's input and contribution, shown on hover and on
 * keyboard focus (the badge is focusable and the explanation is its accessible description).
 */
export function PriorityBadge({ priority, tabbable = true, estimated = false }: { priority: PriorityScore | null; tabbable?: boolean; estimated?: boolean }) {
  const { t } = useTranslation('queues');
  const tipId = useId();
  const score = priority ? priority.score.toFixed(1) : '—';
  const level = !priority ? 'none' : priority.score >= 50 ? 'high' : priority.score >= 25 ? 'medium' : 'low';
  return (
    <span className="queue-priority">
      <button
        type="button"
        tabIndex={tabbable ? 0 : -1}
        className={`queue-priority__badge queue-priority__badge--${level}${estimated ? ' queue-priority__badge--estimated' : ''}`}
        data-estimated={estimated || undefined}
        aria-label={priority ? t('priority.label', { score }) : t('item.noScore')}
        aria-describedby={tipId}
      >
        {score}
      </button>
      <span id={tipId} role="tooltip" className="queue-priority__tip">
        {priority ? (
          <>
            <strong>{t('priority.explain', { score })}</strong>
            {estimated && <em className="queue-priority__estimated">{t('priority.estimated')}</em>}
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
    </span>
  );
}
