/** Runs the draft against a cached customer with a chosen emotion, complaint type, direction and queue. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Emotion, type ScriptDefinition, type ScriptLanguage, type ScriptRun, advance, back, emotionSchema, onEmotionChange, startRun,
} from '@contract';
import { useCustomer, useCustomerComplaints, useCustomerConsents, useCustomerSearch, useCustomerTimeline } from '@features/sync';
import { ScriptRunView } from '../components/ScriptRunView';
import { QUEUES } from '../queues';
import { customerFacts } from '../facts';
import { Field } from './fields';

export function Preview({ definition, language }: { definition: ScriptDefinition; language: ScriptLanguage }) {
  const { t } = useTranslation('scripts');
  const [query, setQuery] = useState('');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [emotion, setEmotion] = useState<Emotion | ''>('');
  const [complaintType, setComplaintType] = useState('');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [queue, setQueue] = useState('general');
  const matches = useCustomerSearch(query.trim(), 8);
  const customer = useCustomer(customerId);
  const complaints = useCustomerComplaints(customerId);
  const consents = useCustomerConsents(customerId);
  const timeline = useCustomerTimeline(customerId, 20);
  const facts = useMemo(() => {
    const now = Date.now();
    return {
      customer: customerFacts(customer, complaints ?? [], consents ?? [], timeline ?? [], now),
      call: { direction, queue, line: 1, durationSeconds: 60, transferred: false, emotion: emotion || null, emotionIntensity: emotion ? 2 : null, complaintType: complaintType.trim() || null },
      now,
    };
  }, [customer, complaints, consents, timeline, direction, queue, emotion, complaintType]);
  const [run, setRun] = useState<ScriptRun | null>(null);
  const restart = () => setRun(startRun(definition, 0, facts));

  return (
    <div className="script-preview">
      <div className="script-form__row">
        <Field label={t('preview.customer')}>
          {(id) => <input id={id} type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t('preview.search')} />}
        </Field>
        <Field label={t('preview.emotion')}>
          {(id) => (
            <select id={id} value={emotion} onChange={(event) => {
              const next = event.target.value as Emotion | '';
              setEmotion(next);
              // A mid-call switch to angry takes the de-escalation branch, as on a real call.
              if (run && next) setRun(onEmotionChange(definition, run, { ...facts, call: { ...facts.call, emotion: next } }));
            }}>
              <option value="">{t('preview.noEmotion')}</option>
              {emotionSchema.options.map((name) => <option key={name} value={name}>{t(`emotion.${name}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('preview.complaint')}>{(id) => <input id={id} value={complaintType} onChange={(event) => setComplaintType(event.target.value)} placeholder="delivery_delay" />}</Field>
        <Field label={t('preview.direction')}>
          {(id) => (
            <select id={id} value={direction} onChange={(event) => setDirection(event.target.value as 'inbound' | 'outbound')}>
              <option value="inbound">{t('preview.inbound')}</option>
              <option value="outbound">{t('preview.outbound')}</option>
            </select>
          )}
        </Field>
        <Field label={t('panel.queue')}>
          {(id) => <select id={id} value={queue} onChange={(event) => setQueue(event.target.value)}>{QUEUES.map((name) => <option key={name} value={name}>{t(`queue.${name}`)}</option>)}</select>}
        </Field>
      </div>
      {matches && matches.length > 0 && query.trim() !== '' && (
        <ul className="script-matches" aria-label={t('preview.matches')}>
          {matches.map((row) => (
            <li key={row.id}>
              <button type="button" className={`button button--ghost${row.id === customerId ? ' script-choice--selected' : ''}`} aria-pressed={row.id === customerId} onClick={() => setCustomerId(row.id)}>
                {row.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="script-muted">{customer ? t('preview.as', { name: customer.displayName }) : t('preview.anonymous')}</p>
      <button type="button" className="button button--primary" onClick={restart}>{run ? t('preview.restart') : t('preview.start')}</button>
      {run && (
        <ScriptRunView
          definition={definition} run={run} facts={facts} language={language}
          onAdvance={(answer) => {
            const result = advance(definition, run, facts, answer);
            if (result.ok) setRun(result.run);
            return result.ok ? null : result.problem;
          }}
          onBack={() => setRun(back(run))}
        />
      )}
    </div>
  );
}
