import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferenceLists } from '@features/outcomes';
import type { QueueFilters } from '../model';
import { clearQueueFilters, setQueueFilters } from '../store';

export function QueueFiltersBar({ filters, complaintTypes }: { filters: QueueFilters; complaintTypes: readonly string[] }) {
  const { t, i18n } = useTranslation('queues');
  const { complaintTypeLabel } = useReferenceLists();
  const ids = { kind: useId(), due: useId(), type: useId() };
  const active = filters.kind !== 'all' || filters.due !== 'all' || filters.complaintType !== 'all';
  return (
    <fieldset className="queue-filters compact-controls">
      <legend className="visually-hidden">{t('filters.label')}</legend>
      <label htmlFor={ids.kind}>{t('filters.kind')}</label>
      <select id={ids.kind} value={filters.kind} onChange={(event) => setQueueFilters({ kind: event.target.value as QueueFilters['kind'] })}>
        <option value="all">{t('filters.all')}</option>
        <option value="callback">{t('kind.callback')}</option>
        <option value="complaint_follow_up">{t('kind.complaint_follow_up')}</option>
      </select>
      <label htmlFor={ids.due}>{t('filters.due')}</label>
      <select id={ids.due} value={filters.due} onChange={(event) => setQueueFilters({ due: event.target.value as QueueFilters['due'] })}>
        <option value="all">{t('filters.all')}</option>
        <option value="overdue">{t('due.overdue')}</option>
        <option value="due_today">{t('due.due_today')}</option>
        <option value="later">{t('due.later')}</option>
      </select>
      <label htmlFor={ids.type}>{t('filters.complaintType')}</label>
      <select id={ids.type} value={filters.complaintType} onChange={(event) => setQueueFilters({ complaintType: event.target.value })}>
        <option value="all">{t('filters.all')}</option>
        <option value="none">{t('filters.none')}</option>
        {complaintTypes.map((typeId) => (
          <option key={typeId} value={typeId}>
            {complaintTypeLabel(typeId, i18n.language)}
          </option>
        ))}
      </select>
      {active && (
        <button type="button" className="queue-link-button" onClick={clearQueueFilters}>
          {t('filters.clear')}
        </button>
      )}
    </fieldset>
  );
}
