import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { emotionSchema } from '@contract';
import { useAccess } from '../access';
import { fetchBoard, fetchCalls, outcomesKeys, type CallFilters, type TeamCallRow } from '../api';
import { formatDateTime, formatSeconds } from '../labels';
import { useReferenceLists, type ReferenceLists } from '../reference';
import { CallReview } from './CallReview';
import { QueryState } from './QueryState';

/** A date input's value (local day) as the start of that day in ISO, or undefined. */
export function dayStart(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
/** The end of a date input's day (exclusive: the next midnight). */
export function dayEnd(value: string): string | undefined {
  const start = dayStart(value);
  return start ? new Date(new Date(start).getTime() + 86_400_000).toISOString() : undefined;
}

interface Draft { agent: string; from: string; to: string; disposition: string; emotion: string; complaintType: string; fcr: string; transferred: string }
const EMPTY: Draft = { agent: '', from: '', to: '', disposition: '', emotion: '', complaintType: '', fcr: '', transferred: '' };

function toFilters(draft: Draft): CallFilters {
  const filters: CallFilters = {};
  if (draft.agent) filters.agent = draft.agent;
  const from = dayStart(draft.from);
  const to = dayEnd(draft.to);
  if (from) filters.from = from;
  if (to) filters.to = to;
  if (draft.disposition) filters.disposition = draft.disposition;
  if (draft.emotion) filters.emotion = draft.emotion;
  if (draft.complaintType) filters.complaintType = draft.complaintType;
  if (draft.fcr === 'true' || draft.fcr === 'false') filters.fcr = draft.fcr;
  if (draft.transferred === 'true' || draft.transferred === 'false') filters.transferred = draft.transferred;
  return filters;
}

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="lead-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function CallRow({ row, selected, onReview, reference }: { row: TeamCallRow; selected: boolean; onReview: () => void; reference: ReferenceLists }) {
  const { t, i18n } = useTranslation('outcomes');
  const lang = i18n.language;
  const { dispositionLabel, complaintTypeLabel } = reference;
  const emotion = (value: TeamCallRow['emotionStart']) => (value ? t(`emotions.${value.emotion}`) : t('common.none'));
  return (
    <tr aria-selected={selected} className={selected ? 'lead-row--selected' : undefined} data-call-id={row.id}>
      <td>{formatDateTime(row.startedAt, lang)}</td>
      <td>{row.agentName}</td>
      <td>{row.customerName ?? t('common.none')}</td>
      <td>{dispositionLabel(row.disposition, lang)}</td>
      <td>
        {emotion(row.emotionStart)} → {emotion(row.emotionEnd)}
      </td>
      <td>{complaintTypeLabel(row.complaintTypeId, lang)}</td>
      <td>{row.firstContactResolution === null ? t('common.none') : t(row.firstContactResolution ? 'common.yes' : 'common.no')}</td>
      <td>{t(row.transferred ? 'common.yes' : 'common.no')}</td>
      <td>{row.retagCount}</td>
      <td>{formatSeconds(row.handleSeconds)}</td>
      <td>
        <button
          type="button"
          className="compact-button"
          aria-label={t('calls.reviewCall', { customer: row.customerName ?? row.agentName, time: formatDateTime(row.startedAt, lang) })}
          onClick={onReview}
        >
          {t('calls.review')}
        </button>
      </td>
    </tr>
  );
}

/** The team's calls with filters, paged by the server's cursor, and the review of the chosen one. */
export function TeamCalls() {
  const { t, i18n } = useTranslation('outcomes');
  const access = useAccess();
  const lang = i18n.language;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filters, setFilters] = useState<CallFilters>({});
  const [selected, setSelected] = useState<string | null>(null);
  const reference = useReferenceLists();
  const board = useQuery({ queryKey: outcomesKeys.board(), queryFn: () => fetchBoard(access), refetchInterval: 5_000 });
  const calls = useInfiniteQuery({
    queryKey: outcomesKeys.calls(filters),
    queryFn: ({ pageParam }) => fetchCalls(access, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = calls.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(toFilters(draft));
  };

  return (
    <div className="lead-calls">
      <form className="lead-filters" aria-label={t('calls.filters')} onSubmit={apply}>
        <Field label={t('calls.agent')}>
          {(id) => (
            <select id={id} value={draft.agent} onChange={set('agent')}>
              <option value="">{t('common.any')}</option>
              {(board.data?.agents ?? []).map((agent) => (
                <option key={agent.agentId} value={agent.agentId}>
                  {agent.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('calls.from')}>{(id) => <input id={id} type="date" value={draft.from} onChange={set('from')} />}</Field>
        <Field label={t('calls.to')}>{(id) => <input id={id} type="date" value={draft.to} onChange={set('to')} />}</Field>
        <Field label={t('calls.disposition')}>
          {(id) => (
            <select id={id} value={draft.disposition} onChange={set('disposition')}>
              <option value="">{t('common.any')}</option>
              {reference.dispositions.map((d) => (
                <option key={d.code} value={d.code}>
                  {reference.dispositionLabel(d.code, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('calls.emotion')}>
          {(id) => (
            <select id={id} value={draft.emotion} onChange={set('emotion')}>
              <option value="">{t('common.any')}</option>
              {emotionSchema.options.map((e) => (
                <option key={e} value={e}>
                  {t(`emotions.${e}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('calls.complaintType')}>
          {(id) => (
            <select id={id} value={draft.complaintType} onChange={set('complaintType')}>
              <option value="">{t('common.any')}</option>
              {reference.complaintTypes.map((type) => (
                <option key={type.id} value={type.id}>
                  {lang.startsWith('es') ? type.es : type.en}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('calls.fcr')}>
          {(id) => (
            <select id={id} value={draft.fcr} onChange={set('fcr')}>
              <option value="">{t('common.any')}</option>
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          )}
        </Field>
        <Field label={t('calls.transferred')}>
          {(id) => (
            <select id={id} value={draft.transferred} onChange={set('transferred')}>
              <option value="">{t('common.any')}</option>
              <option value="true">{t('common.yes')}</option>
              <option value="false">{t('common.no')}</option>
            </select>
          )}
        </Field>
        <div className="lead-filters__actions">
          <button type="submit" className="compact-button compact-button--primary">
            {t('calls.apply')}
          </button>
          <button
            type="button"
            className="compact-button"
            onClick={() => {
              setDraft(EMPTY);
              setFilters({});
            }}
          >
            {t('calls.reset')}
          </button>
        </div>
      </form>
      <div className="lead-calls__body">
        <div className="lead-calls__list">
          <QueryState loading={calls.isLoading} error={calls.error} onRetry={() => void calls.refetch()} />
          {calls.data && rows.length === 0 && <p className="lead-muted">{t('calls.empty')}</p>}
          {rows.length > 0 && (
            <div className="lead-table-wrap" tabIndex={0} role="region" aria-label={t('calls.table')}>
              <table className="lead-table">
                <caption className="visually-hidden">{t('calls.table')}</caption>
                <thead>
                  <tr>
                    {(['started', 'agent', 'customer', 'disposition', 'emotion', 'complaint', 'fcr', 'transferred', 'retags', 'handle'] as const).map((column) => (
                      <th key={column} scope="col">
                        {t(`calls.columns.${column}`)}
                      </th>
                    ))}
                    <th scope="col">
                      <span className="visually-hidden">{t('calls.review')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <CallRow key={row.id} row={row} selected={row.id === selected} onReview={() => setSelected(row.id)} reference={reference} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.length > 0 && <p className="lead-muted">{t('calls.count', { count: rows.length })}</p>}
          {calls.hasNextPage && (
            <button type="button" className="compact-button" disabled={calls.isFetchingNextPage} onClick={() => void calls.fetchNextPage()}>
              {t('calls.more')}
            </button>
          )}
        </div>
        {selected && <CallReview key={selected} interactionId={selected} onClose={() => setSelected(null)} />}
      </div>
    </div>
  );
}
