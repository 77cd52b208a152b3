/** Per step of a script version: calls that reached it, ended there, answers and dispositions (team leads: their team). */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type ScriptLanguage, type ScriptVersion, localized, stepById } from '@contract';
import { stepLabel } from '../components/ScriptRunView';
import { type ServerAccess, scriptKeys, scriptsApi } from '../api';
import { Field } from './fields';

export function ScriptAnalyticsView({ access, language, scripts }: { access: ServerAccess; language: ScriptLanguage; scripts: readonly ScriptVersion[] }) {
  const { t } = useTranslation('scripts');
  const [scriptId, setScriptId] = useState(scripts[0]?.id ?? '');
  const [version, setVersion] = useState<number | null>(null);
  const versions = useQuery({ queryKey: scriptKeys.versions(scriptId), queryFn: () => scriptsApi.versions(access, scriptId), enabled: scriptId !== '' });
  useEffect(() => setVersion(null), [scriptId]);
  const chosen = version ?? versions.data?.[0]?.version ?? null;
  const definition = useQuery({ queryKey: scriptKeys.version(scriptId, chosen ?? 0), queryFn: () => scriptsApi.version(access, scriptId, chosen!), enabled: chosen !== null });
  const labelOf = (stepId: string, fallback: string) => (definition.data ? stepLabel(stepById(definition.data.definition, stepId), language) : fallback);
  const stats = useQuery({ queryKey: scriptKeys.analytics(scriptId, chosen ?? 0), queryFn: () => scriptsApi.analytics(access, scriptId, chosen!), enabled: chosen !== null });
  const percent = (count: number) => (stats.data && stats.data.calls > 0 ? `${Math.round((count / stats.data.calls) * 100)}%` : '—');

  return (
    <div className="script-analytics">
      <div className="script-form__row">
        <Field label={t('analytics.script')}>
          {(id) => <select id={id} value={scriptId} onChange={(event) => setScriptId(event.target.value)}>{scripts.map((script) => <option key={script.id} value={script.id}>{localized(script.definition.name, language)}</option>)}</select>}
        </Field>
        <Field label={t('analytics.version')}>
          {(id) => (
            <select id={id} value={chosen ?? ''} onChange={(event) => setVersion(Number(event.target.value))}>
              {(versions.data ?? []).map((item) => <option key={item.version} value={item.version}>v{item.version} · {new Date(item.publishedAt ?? item.createdAt).toLocaleDateString(language)}{item.createdByName ? ` · ${item.createdByName}` : ''}</option>)}
            </select>
          )}
        </Field>
      </div>
      {(versions.isLoading || stats.isLoading) && <p role="status">{t('analytics.loading')}</p>}
      {(versions.error || stats.error) && <p role="alert" className="script-error">{t('analytics.failed', { detail: String((versions.error ?? stats.error)?.message) })}</p>}
      {stats.data && (
        <>
          <p>{t('analytics.calls', { count: stats.data.calls })}</p>
          <table className="script-table">
            <caption className="visually-hidden">{t('analytics.caption')}</caption>
            <thead>
              <tr><th scope="col">{t('analytics.step')}</th><th scope="col">{t('analytics.reached')}</th><th scope="col">{t('analytics.ended')}</th><th scope="col">{t('analytics.answers')}</th><th scope="col">{t('analytics.dispositions')}</th></tr>
            </thead>
            <tbody>
              {stats.data.steps.map((step) => (
                <tr key={step.stepId} className={step.endedHere > 0 && step.type !== 'end' ? 'script-table__drop' : undefined}>
                  <th scope="row"><code>{step.stepId}</code> <span className="script-muted">{t(`panel.kind.${step.type}`)}</span><br />{labelOf(step.stepId, step.label)}</th>
                  <td>{step.reached} <span className="script-muted">({percent(step.reached)})</span></td>
                  <td>{step.endedHere}{step.endedHere > 0 && step.type !== 'end' && <span className="script-badge script-badge--error"> {t('analytics.dropOff')}</span>}</td>
                  <td>{step.answers === null ? (step.type === 'ask' ? t('analytics.freeText', { count: step.answered }) : '—') : step.answers.map((answer) => `${answer.value}: ${answer.count}`).join(', ') || '—'}</td>
                  <td>{step.dispositions.map((item) => `${item.disposition ?? t('analytics.none')}: ${item.count}`).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
