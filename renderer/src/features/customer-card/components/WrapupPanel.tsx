/**
 * After-call work, filled in during and after the call: emotions (Alt+1…6), complaint type from
 * the taxonomy (typing filters it) opening a new complaint or linking an open one, disposition
 * (keys 1–9), notes, first-contact resolution and an optional callback. Save writes with strict
 * durability: when it says saved, it is on disk, and the outbox takes it to the server.
 * The call's script (handed in by the app, `WrapupScriptSource`) blocks saving while a required
 * answer is missing and rides along in the same write (`scriptAnswers` with the walked path);
 * the customer chosen on the card during the call goes onto the record too (`customerId`).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Emotion } from '@contract';
import { Alert } from '@components/Alert';
import { useAgentState, useCallRecordId, useSoftphoneActions } from '@features/softphone';
import {
  createQueueItem, openComplaint, recordInteraction, saveWrapup, useCustomerComplaints, useReferenceRows, useSyncSession, type WrapupFields,
} from '@features/sync';
import type { LineView } from '../model/active-call';
import { ageInDays } from '../model/card-facts';
import {
  dispositionForHotkey, dispositionsFrom, draftOnTimeout, effectiveAfterCallWork, EMOTIONS, searchTaxonomy, secondsLeft, taxonomyFrom, taxonomyLabel,
  wrapupProblems, type EmotionReading, type WrapupDraft, type WrapupProblem,
} from '../model/wrapup-rules';
import { useAfterCallWorkPolicy } from '../model/wrapup-rules-policy';
import { languageOf } from '../format';
import { cardActions, type CallCard } from '../store';

const iso = (ms: number | null | undefined): string | null => (typeof ms === 'number' ? new Date(ms).toISOString() : null);

/** How long a save waits for the app to store the call's record before writing one itself. */
const RECORD_WAIT_MS = 5_000;

async function waitFor<T>(read: () => T | null, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  while (read() === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return read();
}

/** What the wrap-up reads from the call's script run (the app composes it from the scripts feature). */
export interface WrapupScriptState {
  callKey: string;
  fields: { scriptId: string; scriptVersion: number; scriptAnswers: Record<string, unknown> };
  /** Required questions on the walked path still unanswered: saving is blocked until answered. */
  missing: ReadonlyArray<{ stepId: string; label: { en: string; es: string } }>;
  suggestedDisposition: string | null;
}

/** How the wrap-up reaches the call's script, without this feature knowing the scripts feature. */
export interface WrapupScriptSource {
  /** Hook: the script state of the call on `line` (null when no script ran on it). */
  useForCall(line: LineView | null): WrapupScriptState | null;
  /** The same, read at save time (answers given a moment ago included). */
  read(line: LineView | null): WrapupScriptState | null;
  /** Shows the run and puts the keyboard focus on the step to answer. */
  focusStep(callKey: string, stepId: string): void;
  /** The wrap-up is saved: the run is done. */
  finish(callKey: string): void;
}

const noScript = (): WrapupScriptState | null => null;

function isTyping(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || (target.tagName === 'INPUT' && !['radio', 'checkbox'].includes((target as HTMLInputElement).type)));
}

interface WrapupPanelProps {
  call: CallCard;
  customerId: string | null;
  line: LineView | null;
  script?: WrapupScriptSource;
}

export function WrapupPanel({ call, customerId, line, script }: WrapupPanelProps) {
  const { t, i18n } = useTranslation('customerCard');
  const language = languageOf(i18n.language);
  const session = useSyncSession();
  const dispositions = dispositionsFrom(useReferenceRows('dispositions'));
  // Center policy from the backend (cached): after-call-work length and the timeout's disposition.
  const acw = effectiveAfterCallWork(useAfterCallWorkPolicy(), dispositions);
  const taxonomy = taxonomyFrom(useReferenceRows('taxonomy'));
  const complaints = useCustomerComplaints(customerId) ?? [];
  const open = complaints.filter((complaint) => complaint.status !== 'resolved');
  const [typeQuery, setTypeQuery] = useState('');
  const [problems, setProblems] = useState<WrapupProblem[]>([]);
  // A module-level adapter from the app: the same hook on every render.
  const useCallScript = script?.useForCall ?? noScript;
  const callScript = useCallScript(line);
  // After a refused save, the script questions still unanswered (live: an answer removes its line).
  const [scriptChecked, setScriptChecked] = useState(false);
  const scriptMissing = scriptChecked ? callScript?.missing ?? [] : [];
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const draft = call.draft;
  const update = (patch: Partial<WrapupDraft>) => cardActions.updateDraft(call.key, patch);
  const callOver = !line || line.status === 'ended' || line.status === 'idle';
  // The app records every ended call (interaction record); the wrap-up attaches to that record.
  const callId = line?.callId ?? null;
  const recordId = useCallRecordId(callId);
  const record = useRef(recordId);
  record.current = recordId;
  // Saving ends after-call work: the agent is offered calls again.
  const mode = useAgentState().mode;
  const agentMode = useRef(mode);
  agentMode.current = mode;
  const { setAgentMode } = useSoftphoneActions();
  const ids = { title: useId(), type: useId(), notes: useId(), due: useId(), cbNote: useId(), problems: useId() };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    const option = dispositionForHotkey(dispositions, event.key);
    if (option) {
      event.preventDefault();
      update({ disposition: option.code });
    }
  };

  /** `enforceScript` false: the after-call-work timeout saves whatever the script has by then. */
  const save = async (draft: WrapupDraft, enforceScript = true) => {
    const now = new Date();
    const found = wrapupProblems(draft, dispositions, now);
    const scriptState = script?.read(line) ?? null;
    const missing = enforceScript ? scriptState?.missing ?? [] : [];
    setProblems(found);
    setScriptChecked(missing.length > 0);
    if (missing.length > 0 && found.length === 0) script?.focusStep(scriptState!.callKey, missing[0]!.stepId);
    if (found.length > 0 || missing.length > 0 || !session) return;
    setSaving(true);
    setFailure(null);
    try {
      // The call's record is written a moment after hang-up: wait for it rather than write a second one.
      const interactionId = callId === null ? null : await waitFor(() => record.current, RECORD_WAIT_MS);
      let complaintId: string | null = null;
      if (draft.complaintTypeId && customerId && draft.complaintChoice === 'new') {
        complaintId = await openComplaint(session.store, { customerId, typeId: draft.complaintTypeId, description: draft.notes.trim(), interactionId });
      } else if (draft.complaintChoice && draft.complaintChoice !== 'new') {
        complaintId = draft.complaintChoice;
      }
      const wrapup: WrapupFields = {
        disposition: draft.disposition!, emotionStart: draft.emotionStart, emotionEnd: draft.emotionEnd, complaintTypeId: draft.complaintTypeId,
        complaintId, notes: draft.notes.trim(), firstContactResolution: draft.firstContactResolution,
        ...(scriptState ? scriptState.fields : {}),
        // The customer picked, linked or created on the card during the call: the record moves onto them.
        ...(customerId ? { customerId } : {}),
      };
      if (interactionId) {
        await saveWrapup(session.store, interactionId, wrapup);
      } else {
        await recordInteraction(session.store, {
          customerId, channel: 'call', direction: call.direction, queue: null, remoteNumber: call.number.slice(0, 64),
          line: line ? line.id + 1 : null, queuedAt: iso(line?.startedAt), answeredAt: iso(line?.connectedAt), endedAt: iso(line?.endedAt ?? Date.now()),
          holdSeconds: Math.min(86_400, Math.round((line?.holdMs ?? 0) / 1000)), transferTarget: line?.transferTarget?.slice(0, 128) ?? null, wrapup,
        });
      }
      if (draft.callback && customerId) {
        await createQueueItem(session.store, {
          kind: complaintId ? 'complaint_follow_up' : 'callback', customerId, dueAt: new Date(draft.callback.dueAt).toISOString(),
          note: draft.callback.note.trim() || draft.notes.trim(), complaintId,
        });
      }
      if (scriptState) script?.finish(scriptState.callKey);
      cardActions.markSaved(call.key);
      if (agentMode.current === 'after-call-work') setAgentMode({ mode: 'available' });
    } catch (error) {
      setFailure(t('wrapup.failed', { detail: error instanceof Error ? error.message : String(error) }));
    } finally {
      setSaving(false);
    }
  };

  // After-call work: when the time runs out, the default disposition is saved and the agent is free.
  const endedAt = callOver ? line?.endedAt ?? null : null;
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    if (endedAt === null) return undefined;
    const timer = window.setInterval(() => setNowMs(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [endedAt]);
  const left = endedAt === null ? null : secondsLeft(endedAt, nowMs, acw.seconds);
  const latest = useRef({ save, draft, dispositions, acw });
  latest.current = { save, draft, dispositions, acw };
  const expired = useRef(false);
  useEffect(() => {
    if (left !== 0 || expired.current) return;
    expired.current = true;
    const { save: saveNow, draft: current, dispositions: options, acw: policy } = latest.current;
    void saveNow(draftOnTimeout(current, options, new Date(), policy.defaultDisposition), false);
  }, [left]);
  const defaultLabel = dispositions.find((option) => option.code === acw.defaultDisposition)?.[language] ?? acw.defaultDisposition;

  const suggested = dispositions.find((option) => option.code === callScript?.suggestedDisposition) ?? null;
  const matches = typeQuery.trim() === '' ? [] : searchTaxonomy(taxonomy, typeQuery, language);
  return (
    <section className="cc-wrapup" aria-labelledby={ids.title} onKeyDown={onKeyDown} data-testid="wrapup">
      <h2 id={ids.title} className="cc-section__title">{t('wrapup.title')}</h2>
      {left !== null && (
        <p className="cc-acw" role="timer" data-seconds-left={left}>
          {t('wrapup.acw', { time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`, disposition: defaultLabel })}
        </p>
      )}
      <p className="cc-muted cc-small">{t('wrapup.emotionHint')}</p>
      <div className="cc-row">
        <EmotionPicker legend={t('wrapup.emotionStart')} value={draft.emotionStart} onChange={(emotionStart) => update({ emotionStart })} />
        <EmotionPicker legend={t('wrapup.emotionEnd')} value={draft.emotionEnd} onChange={(emotionEnd) => update({ emotionEnd })} />
      </div>

      <fieldset className="cc-fieldset">
        <legend>{t('wrapup.complaintType')}</legend>
        <label className="field__label" htmlFor={ids.type}>{t('wrapup.complaintSearch')}</label>
        <input id={ids.type} className="field__input cc-input" type="search" value={typeQuery} autoComplete="off" onChange={(event) => setTypeQuery(event.target.value)} />
        {matches.length > 0 && (
          <ul className="cc-options" aria-label={t('wrapup.complaintType')}>
            {matches.map((match) => (
              <li key={match.node.id}>
                <button
                  type="button" className="button button--ghost cc-small" aria-pressed={draft.complaintTypeId === match.node.id}
                  onClick={() => update({ complaintTypeId: match.node.id, complaintChoice: customerId ? (draft.complaintChoice ?? 'new') : null })}
                >
                  {match.path}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="cc-radios" role="radiogroup" aria-label={t('wrapup.complaintType')}>
          <label>
            <input type="radio" name={`${call.key}-complaint`} checked={draft.complaintTypeId === null} onChange={() => update({ complaintTypeId: null, complaintChoice: null })} />
            {t('wrapup.complaintNone')}
          </label>
          {draft.complaintTypeId && <strong className="cc-chosen">{taxonomyLabel(taxonomy, draft.complaintTypeId, language)}</strong>}
          {draft.complaintTypeId && customerId && (
            <>
              <label>
                <input type="radio" name={`${call.key}-complaint-choice`} checked={draft.complaintChoice === 'new'} onChange={() => update({ complaintChoice: 'new' })} />
                {t('wrapup.complaintNew')}
              </label>
              {open.map((complaint) => (
                <label key={complaint.id}>
                  <input
                    type="radio" name={`${call.key}-complaint-choice`} checked={draft.complaintChoice === complaint.id}
                    onChange={() => update({ complaintChoice: complaint.id, complaintTypeId: String(complaint.typeId ?? draft.complaintTypeId) })}
                  />
                  {t('wrapup.complaintLink', { type: taxonomyLabel(taxonomy, complaint.typeId, language), age: ageInDays(complaint.openedAt, new Date()) ?? 0 })}
                </label>
              ))}
            </>
          )}
        </div>
      </fieldset>

      <fieldset className="cc-fieldset">
        <legend>{t('wrapup.disposition')}</legend>
        <p className="cc-muted cc-small">{t('wrapup.dispositionHint')}</p>
        {suggested && draft.disposition !== suggested.code && (
          <p className="cc-small" data-testid="wrapup-script-suggestion">
            {t('wrapup.scriptSuggests', { disposition: suggested[language] })}{' '}
            <button type="button" className="button button--ghost cc-small" onClick={() => update({ disposition: suggested.code })}>{t('wrapup.scriptSuggestsUse')}</button>
          </p>
        )}
        <div className="cc-radios cc-radios--grid">
          {dispositions.map((option) => (
            <label key={option.code}>
              <input type="radio" name={`${call.key}-disposition`} value={option.code} checked={draft.disposition === option.code} onChange={() => update({ disposition: option.code })} />
              {option.hotkey !== null && <kbd>{option.hotkey}</kbd>} {option[language]}
            </label>
          ))}
        </div>
      </fieldset>

      <label className="field__label" htmlFor={ids.notes}>{t('wrapup.notes')}</label>
      <textarea id={ids.notes} className="cc-input cc-notes" value={draft.notes} maxLength={10_000} rows={3} onChange={(event) => update({ notes: event.target.value })} />

      <fieldset className="cc-fieldset cc-radios">
        <legend>{t('wrapup.fcr')}</legend>
        <label><input type="radio" name={`${call.key}-fcr`} checked={draft.firstContactResolution === true} onChange={() => update({ firstContactResolution: true })} />{t('wrapup.yes')}</label>
        <label><input type="radio" name={`${call.key}-fcr`} checked={draft.firstContactResolution === false} onChange={() => update({ firstContactResolution: false })} />{t('wrapup.no')}</label>
      </fieldset>

      {customerId && (
        <fieldset className="cc-fieldset">
          <legend>
            <label>
              <input
                type="checkbox" checked={draft.callback !== null}
                onChange={(event) => update({ callback: event.target.checked ? { dueAt: defaultDue(), note: '' } : null })}
              />
              {t('wrapup.callback')}
            </label>
          </legend>
          {draft.callback && (
            <>
              <label className="field__label" htmlFor={ids.due}>{t('wrapup.callbackDue')}</label>
              <input id={ids.due} className="cc-input" type="datetime-local" value={draft.callback.dueAt} onChange={(event) => update({ callback: { ...draft.callback!, dueAt: event.target.value } })} />
              <label className="field__label" htmlFor={ids.cbNote}>{t('wrapup.callbackNote')}</label>
              <input id={ids.cbNote} className="field__input cc-input" value={draft.callback.note} maxLength={2000} onChange={(event) => update({ callback: { ...draft.callback!, note: event.target.value } })} />
            </>
          )}
        </fieldset>
      )}

      {(problems.length > 0 || scriptMissing.length > 0) && (
        <div id={ids.problems} role="alert" className="alert alert--error">
          <p className="alert__text">{t('wrapup.problems')}</p>
          <ul>
            {problems.map((problem) => <li key={problem}>{t(`wrapup.problem.${problem}`)}</li>)}
            {scriptMissing.map((step) => (
              <li key={step.stepId}>
                <button type="button" className="button button--ghost cc-small" onClick={() => callScript && script?.focusStep(callScript.callKey, step.stepId)}>
                  {t('wrapup.problem.scriptAnswer', { step: step.label[language] })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure && <Alert>{failure}</Alert>}
      <button type="button" className="button button--primary" aria-busy={saving || undefined} disabled={!callOver} onClick={() => void save(draft)}>
        {saving ? t('wrapup.saving') : t('wrapup.save')}
      </button>
    </section>
  );
}

/** A callback tomorrow at 10:00 local time, in the datetime-local format. */
function defaultDue(): string {
  const due = new Date();
  due.setDate(due.getDate() + 1);
  due.setHours(10, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}T${pad(due.getHours())}:${pad(due.getMinutes())}`;
}

function EmotionPicker({ legend, value, onChange }: { legend: string; value: EmotionReading | null; onChange(value: EmotionReading | null): void }) {
  const { t } = useTranslation('customerCard');
  const emotionId = useId();
  const intensityId = useId();
  return (
    <fieldset className="cc-fieldset cc-emotion">
      <legend>{legend}</legend>
      <label className="visually-hidden" htmlFor={emotionId}>{legend}</label>
      <select
        id={emotionId} className="cc-input" value={value?.emotion ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? null : { emotion: event.target.value as Emotion, intensity: value?.intensity ?? 1 })}
      >
        <option value="">{t('wrapup.notSet')}</option>
        {EMOTIONS.map((emotion, index) => <option key={emotion} value={emotion}>{`${index + 1}. ${t(`emotion.${emotion}`)}`}</option>)}
      </select>
      <label className="field__label" htmlFor={intensityId}>{t('wrapup.intensity')}</label>
      <select
        id={intensityId} className="cc-input" value={value?.intensity ?? 1} disabled={!value}
        onChange={(event) => value && onChange({ ...value, intensity: Number(event.target.value) })}
      >
        {[1, 2, 3].map((level) => <option key={level} value={level}>{level}</option>)}
      </select>
    </fieldset>
  );
}
