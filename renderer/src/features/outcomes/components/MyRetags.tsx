import { useTranslation } from 'react-i18next';
import { useMyOutcomeTags } from '@features/sync';
import { formatDateTime } from '../labels';
import { useRetagSummary } from './RetagChanges';

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/** For the agent: how and why a team lead re-tagged their own calls (from the synced cache). */
export function MyRetags() {
  const { t, i18n } = useTranslation('outcomes');
  const summary = useRetagSummary();
  const tags = useMyOutcomeTags() ?? [];
  return (
    <details className="lead-my-retags" data-testid="my-retags">
      <summary>
        {t('myRetags.title')} ({tags.length})
      </summary>
      {tags.length === 0 ? (
        <p className="lead-muted">{t('myRetags.empty')}</p>
      ) : (
        <ul>
          {tags.map(({ tag, interaction }) => (
            <li key={tag.id} data-retag-id={tag.id} data-interaction-id={interaction.id}>
              {t('myRetags.item', {
                when: formatDateTime(typeof tag.retaggedAt === 'string' ? tag.retaggedAt : interaction.occurredAt, i18n.language),
                changes: summary(record(tag.old), record(tag.new ?? tag)),
                reason: String(tag.reason ?? ''),
              })}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
