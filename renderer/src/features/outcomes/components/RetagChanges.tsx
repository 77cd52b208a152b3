import { useTranslation } from 'react-i18next';
import { useReferenceLists } from '../reference';

const FIELDS = ['disposition', 'complaintTypeId', 'emotionEnd', 'firstContactResolution'] as const;
type Field = (typeof FIELDS)[number];

function useFormatValue() {
  const { t, i18n } = useTranslation('outcomes');
  const { dispositionLabel, complaintTypeLabel } = useReferenceLists();
  return (field: Field, value: unknown): string => {
    if (value === undefined || value === null) return t('common.none');
    switch (field) {
      case 'disposition':
        return dispositionLabel(String(value), i18n.language);
      case 'complaintTypeId':
        return complaintTypeLabel(String(value), i18n.language);
      case 'emotionEnd': {
        const reading = value as { emotion?: string; intensity?: number };
        return reading.emotion ? `${t(`emotions.${reading.emotion}`)}${reading.intensity ? ` (${reading.intensity})` : ''}` : t('common.none');
      }
      case 'firstContactResolution':
        return t(value ? 'common.yes' : 'common.no');
    }
  };
}

/** The fields a re-tag changed, "field: before → after", for the audit list and the agent's view. */
export function retagChangedFields(next: Record<string, unknown>): Field[] {
  return FIELDS.filter((field) => field in next && next[field] !== undefined);
}

export function RetagChanges({ old, next }: { old: Record<string, unknown>; next: Record<string, unknown> }) {
  const { t } = useTranslation('outcomes');
  const format = useFormatValue();
  return (
    <ul className="lead-retag-changes">
      {retagChangedFields(next).map((field) => (
        <li key={field}>
          {t('review.changes', { field: t(`fields.${field}`), from: field in old ? format(field, old[field]) : '…', to: format(field, next[field]) })}
        </li>
      ))}
    </ul>
  );
}

export function useRetagSummary(): (old: Record<string, unknown>, next: Record<string, unknown>) => string {
  const { t } = useTranslation('outcomes');
  const format = useFormatValue();
  return (old, next) =>
    retagChangedFields(next)
      .map((field) => t('review.changes', { field: t(`fields.${field}`), from: field in old ? format(field, old[field]) : '…', to: format(field, next[field]) }))
      .join('; ');
}
