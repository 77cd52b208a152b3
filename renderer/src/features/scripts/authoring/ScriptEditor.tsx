/**
 * The script editor for team leads and admins: script settings, the outline of the branches, a
 * form per step, validation (here and on the server) before publishing, preview, and JSON
 * import/export with the JSON Schema. The draft is kept in localStorage so nothing is lost.
 * The studio shows who owns the open script; a lead opening another team's or a center-wide
 * script gets it read-only (preview, export, or a copy for their team). Saving the shared draft
 * names the revision it started from; when a colleague saved meanwhile the lead chooses between
 * their draft and keeping their own text as a copy.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  type Emotion, type ScriptDefinition, type ScriptIssue, type ScriptLanguage, type ScriptVersion, type StepType,
  STEP_TYPES, emotionSchema, localized, validateScript,
} from '@contract';
import { useReferenceRows } from '@features/sync';
import { type Draft, type ServerAccess, ScriptApiError, conflictingDraft, scriptKeys, scriptsApi } from '../api';
import { refreshScriptCache } from '../cache';
import { copyScript, freshStepId, newScript, newStep, parseImport, renameStep, scriptJsonSchema } from './draft';
import { DraftConflict } from './DraftConflict';
import { type EditorSession, NO_SESSION, baseRevisionFor, isReadOnly, loadEditorSession, ownerView, storeEditorSession } from './editor-session';
import { OwnerLine, ReadOnlyNotice } from './OwnerNotice';
import { issueText } from './issue-text';
import { Field, StepSelect, TextPair } from './fields';
import { Outline } from './Outline';
import { Preview } from './Preview';
import { StepForm } from './StepForm';

const DRAFT_KEY = 'centralita-script-draft';
const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

function loadDraft(): ScriptDefinition | null {
  try {
    const parsed = parseImport(localStorage.getItem(DRAFT_KEY) ?? '');
    return parsed.ok ? parsed.script : null;
  } catch {
    return null;
  }
}

function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ScriptEditor({ access, language, scripts, isAdmin }: { access: ServerAccess; language: ScriptLanguage; scripts: readonly ScriptVersion[]; isAdmin: boolean }) {
  const { t } = useTranslation('scripts');
  const [draft, setDraft] = useState<ScriptDefinition | null>(loadDraft);
  const [session, setSession] = useState<EditorSession>(() => (loadDraft() ? loadEditorSession() : NO_SESSION));
  const [conflict, setConflict] = useState<{ refused: 'save' | 'publish'; theirs: Draft | null } | null>(null);
  // Bumped on every open: the settings' uncontrolled inputs (edited as text, applied on blur) restart from the new script.
  const [openCount, setOpenCount] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [issues, setIssues] = useState<ScriptIssue[] | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string } | null>(null);
  const [newType, setNewType] = useState<StepType>('say');
  const fileRef = useRef<HTMLInputElement>(null);
  // The team's shared drafts on the server (this browser's own draft stays in localStorage too).
  const queryClient = useQueryClient();
  const drafts = useQuery({ queryKey: scriptKeys.drafts(), queryFn: () => scriptsApi.drafts(access) });
  // Owners and edit rights come from the server, never from the offline cache.
  const listed = useQuery({ queryKey: scriptKeys.latest(), queryFn: () => scriptsApi.latest(access) });
  const readOnly = isReadOnly(session, listed.data);
  const editRights = new Map((listed.data ?? []).map((item) => [item.id, item.canEdit] as const));
  const dispositionRows = useReferenceRows('dispositions');
  const taxonomyRows = useReferenceRows('taxonomy');
  const reference = useMemo(() => ({
    ...(dispositionRows?.length ? { dispositions: dispositionRows.map((row) => row.id) } : {}),
    ...(taxonomyRows?.length ? { complaintTypes: taxonomyRows.map((row) => row.id) } : {}),
  }), [dispositionRows, taxonomyRows]);

  useEffect(() => {
    try {
      if (draft) localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    } catch {
      // storage full: the draft stays in memory
    }
  }, [draft]);
  useEffect(() => storeEditorSession(session), [session]);

  /** Opens `definition` in the editor; `baseRevision` when it is the team's shared draft at that revision. */
  const open = (definition: ScriptDefinition, baseRevision: number | null = null) => {
    setDraft(structuredClone(definition));
    setOpenCount((count) => count + 1);
    setSession({ openedId: definition.id, base: baseRevision === null ? null : { scriptId: definition.id, revision: baseRevision } });
    setSelected(definition.start);
    setIssues(null);
    setStatus(null);
    setConflict(null);
  };

  const openPublished = (definition: ScriptDefinition) => {
    open(definition);
    const pending = drafts.data?.find((item) => item.scriptId === definition.id);
    if (pending) setStatus({ kind: 'ok', text: t('editor.draftExists', { name: pending.updatedByName ?? '' }) });
  };

  const takenIds = () => new Set([...scripts.map((script) => script.id), ...(listed.data ?? []).map((item) => item.id), ...(drafts.data ?? []).map((item) => item.scriptId)]);

  /**
   * Keeps the editor's text as a new script of the lead's own: after a draft conflict (edited
   * further before saving) or from a read-only script ("save as a copy for my team": saved as the
   * team's draft at once).
   */
  const keepAsCopy = async (saveNow: boolean) => {
    if (!draft) return;
    const copy = copyScript(draft, takenIds());
    open(copy);
    if (!saveNow) setStatus({ kind: 'ok', text: t('editor.copyMade', { id: copy.id }) });
    else if (await saveServerDraft(copy, null)) setStatus({ kind: 'ok', text: t('editor.copySaved', { id: copy.id }) });
  };

  const loadTheirs = (theirs: Draft) => {
    const parsed = parseImport(JSON.stringify(theirs.definition));
    if (!parsed.ok) {
      setIssues(parsed.issues);
      setStatus({ kind: 'error', text: t('editor.draftUnreadable', { id: theirs.scriptId }) });
      return;
    }
    open(parsed.script, theirs.revision);
    setStatus({ kind: 'ok', text: t('editor.conflict.loaded', { name: theirs.updatedByName ?? '' }) });
  };

  const openServerDraft = async (scriptId: string) => {
    try {
      const stored = await scriptsApi.draft(access, scriptId);
      const parsed = parseImport(JSON.stringify(stored.definition));
      if (!parsed.ok) {
        setIssues(parsed.issues);
        setStatus({ kind: 'error', text: t('editor.draftUnreadable', { id: scriptId }) });
        return;
      }
      open(parsed.script, stored.revision);
      setStatus({ kind: 'ok', text: t('editor.draftOpened', { id: scriptId, name: stored.updatedByName ?? '' }) });
    } catch (error) {
      setStatus({ kind: 'error', text: t('editor.draftFailed', { detail: error instanceof Error ? error.message : String(error) }) });
    }
  };

  /** Saves over the revision the editor started from (`baseRevision` null: start a new draft). True when saved. */
  const saveServerDraft = async (definition = draft, baseRevision = definition ? baseRevisionFor(session, definition.id) : null): Promise<boolean> => {
    if (!definition) return false;
    setStatus({ kind: 'busy', text: t('editor.draftSaving') });
    try {
      const saved = await scriptsApi.saveDraft(access, definition, baseRevision);
      setSession({ openedId: definition.id, base: { scriptId: definition.id, revision: saved.revision } });
      setConflict(null);
      await queryClient.invalidateQueries({ queryKey: scriptKeys.drafts() });
      setStatus({ kind: 'ok', text: t('editor.draftSaved') });
      return true;
    } catch (error) {
      const refused = conflictingDraft(error);
      if (refused) {
        setConflict({ refused: 'save', theirs: refused.draft });
        setStatus(null);
        void queryClient.invalidateQueries({ queryKey: scriptKeys.drafts() });
        return false;
      }
      const text = error instanceof ScriptApiError && error.status === 403 ? t('editor.notYours') : t('editor.draftFailed', { detail: error instanceof Error ? error.message : String(error) });
      setStatus({ kind: 'error', text });
      return false;
    }
  };

  const check = async (): Promise<ScriptIssue[]> => {
    if (!draft) return [];
    const local = validateScript(draft, reference).issues;
    let found = local;
    try {
      const server = await scriptsApi.validate(access, draft);
      found = server.issues;
    } catch {
      // offline: the local check (same validator) still applies
    }
    setIssues(found);
    return found;
  };

  const publish = async () => {
    if (!draft) return;
    setStatus({ kind: 'busy', text: t('editor.publishing') });
    const found = await check();
    if (found.length > 0) {
      setStatus({ kind: 'error', text: t('editor.fixFirst', { count: found.length }) });
      return;
    }
    try {
      const published = await scriptsApi.publish(access, draft, baseRevisionFor(session, draft.id));
      setSession({ openedId: draft.id, base: null }); // publishing removed the shared draft
      setConflict(null);
      await refreshScriptCache(access).catch(() => undefined);
      await queryClient.invalidateQueries({ queryKey: scriptKeys.drafts() });
      await queryClient.invalidateQueries({ queryKey: scriptKeys.latest() });
      setStatus({ kind: 'ok', text: t('editor.published', { version: published.version }) });
    } catch (error) {
      const refused = conflictingDraft(error);
      if (refused) {
        // A colleague saved the team's draft since this editor started: publishing would drop it.
        setConflict({ refused: 'publish', theirs: refused.draft });
        setStatus(null);
        return;
      }
      if (error instanceof ScriptApiError && error.status === 403) {
        setStatus({ kind: 'error', text: t('editor.notYours') });
        return;
      }
      if (error instanceof ScriptApiError && error.issues.length) {
        // The server's own checks (e.g. a disposition retired meanwhile): listed in the UI's language.
        setIssues(error.issues);
        setStatus({ kind: 'error', text: t('editor.fixFirst', { count: error.issues.length }) });
        return;
      }
      setStatus({ kind: 'error', text: t('editor.publishFailed', { detail: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const importFile = async (file: File) => {
    const result = parseImport(await file.text());
    if (!result.ok) {
      setIssues(result.issues);
      setStatus({ kind: 'error', text: t('editor.importFailed', { name: file.name }) });
      return;
    }
    open(result.script);
    setStatus({ kind: 'ok', text: t('editor.imported', { name: file.name }) });
  };

  const toolbar = (
    <div className="script-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <Field label={t('editor.openScript')}>
        {(id) => (
          <select id={id} value="" onChange={(event) => {
            const value = event.target.value;
            const chosen = scripts.find((script) => script.id === value);
            if (value.startsWith('draft:')) void openServerDraft(value.slice('draft:'.length));
            else if (chosen) openPublished(chosen.definition);
            else if (value === '__new') open(newScript(`script-${scripts.length + 1}`));
          }}>
            <option value="">{t('editor.choose')}</option>
            {scripts.map((script) => (
              <option key={script.id} value={script.id}>
                {localized(script.definition.name, language)} (v{script.version}){editRights.get(script.id) === false ? ` — ${t('editor.readOnlyMark')}` : ''}
              </option>
            ))}
            {(drafts.data ?? []).length > 0 && (
              <optgroup label={t('editor.teamDrafts')}>
                {drafts.data!.map((item) => (
                  <option key={item.scriptId} value={`draft:${item.scriptId}`}>{t('editor.draftOption', { id: item.scriptId, name: item.updatedByName ?? '' })}</option>
                ))}
              </optgroup>
            )}
            <option value="__new">{t('editor.newScript')}</option>
          </select>
        )}
      </Field>
      <button type="button" className="button button--secondary" onClick={() => fileRef.current?.click()}>{t('editor.import')}</button>
      <input ref={fileRef} type="file" accept="application/json,.json" hidden aria-label={t('editor.import')} onChange={(event) => { const file = event.target.files?.[0]; if (file) void importFile(file); event.target.value = ''; }} />
      {draft && !readOnly && <button type="button" className="button button--secondary" onClick={() => void saveServerDraft()}>{t('editor.saveDraft')}</button>}
      {draft && <button type="button" className="button button--secondary" onClick={() => download(`${draft.id}.json`, draft)}>{t('editor.export')}</button>}
      <button type="button" className="button button--ghost" onClick={() => download('centralita-script.schema.json', scriptJsonSchema())}>{t('editor.schema')}</button>
    </div>
  );

  if (!draft) return <div className="script-editor">{toolbar}<p className="script-muted">{t('editor.empty')}</p>{issues && <IssueList issues={issues} onSelect={setSelected} />}</div>;

  const stepIds = draft.steps.map((step) => step.id);
  const step = draft.steps.find((candidate) => candidate.id === selected) ?? null;
  const set = (change: Partial<ScriptDefinition>) => { if (!readOnly) { setDraft({ ...draft, ...change }); setIssues(null); } };
  const idOwner = ownerView(draft.id, listed.data, drafts.data);
  const issueSteps = new Set((issues ?? []).map((issue) => issue.stepId).filter((id): id is string => id !== null));

  return (
    <div className="script-editor">
      {toolbar}
      <OwnerLine view={idOwner} isAdmin={isAdmin} />
      {readOnly && <ReadOnlyNotice view={idOwner} onCopy={() => void keepAsCopy(true)} />}
      {conflict && (
        <DraftConflict refused={conflict.refused} theirs={conflict.theirs} language={language} onKeepCopy={() => void keepAsCopy(false)}
          onLoadTheirs={() => conflict.theirs && loadTheirs(conflict.theirs)} onSaveAsNew={() => void saveServerDraft(draft, null)} />
      )}
      <div className="script-editor__grid">
        <div className="script-editor__side">
          <h3>{t('editor.outline')}</h3>
          <Outline script={draft} language={language} selected={selected} issueSteps={issueSteps} onSelect={setSelected} />
          {!readOnly && <div className="script-form__row">
            <Field label={t('editor.newStepType')}>
              {(id) => <select id={id} value={newType} onChange={(event) => setNewType(event.target.value as StepType)}>{STEP_TYPES.map((type) => <option key={type} value={type}>{t(`panel.kind.${type}`)}</option>)}</select>}
            </Field>
            <button type="button" className="button button--secondary" onClick={() => {
              const id = freshStepId(draft);
              set({ steps: [...draft.steps, newStep(newType, id, draft.start)] });
              setSelected(id);
            }}>{t('editor.addStep')}</button>
          </div>}
        </div>
        <div className="script-editor__main">
          {/* Read-only: every control of the settings and the step form is disabled at once. */}
          <fieldset className="script-lock" disabled={readOnly}>
            <details className="script-settings">
              <summary>{t('editor.settings')}</summary>
              <Field label={t('editor.scriptId')}>{(id) => <input id={id} value={draft.id} onChange={(event) => set({ id: event.target.value })} />}</Field>
              <TextPair label={t('editor.name')} value={draft.name} onChange={(name) => set({ name })} />
              <TextPair label={t('editor.description')} value={draft.description} onChange={(description) => set({ description })} multiline />
              <StepSelect label={t('editor.start')} value={draft.start} stepIds={stepIds} onChange={(start) => start && set({ start })} />
              <fieldset className="script-form__pair">
                <legend>{t('editor.selection')}</legend>
                <Field label={t('editor.queues')} hint={t('editor.commaHint')}>{(id) => <input id={id} key={openCount} defaultValue={draft.selection.queues.join(', ')} onBlur={(event) => set({ selection: { ...draft.selection, queues: list(event.target.value) } })} />}</Field>
                <Field label={t('editor.complaintTypes')} hint={t('editor.commaHint')}>{(id) => <input id={id} key={openCount} defaultValue={draft.selection.complaintTypes.join(', ')} onBlur={(event) => set({ selection: { ...draft.selection, complaintTypes: list(event.target.value) } })} />}</Field>
                {(['inbound', 'outbound'] as const).map((direction) => (
                  <label key={direction} className="script-check">
                    <input type="checkbox" checked={draft.selection.directions.includes(direction)} onChange={(event) => set({ selection: { ...draft.selection, directions: event.target.checked ? [...draft.selection.directions, direction] : draft.selection.directions.filter((d) => d !== direction) } })} />
                    {t(`preview.${direction}`)}
                  </label>
                ))}
                <EmotionChecks label={t('editor.emotions')} value={draft.selection.emotions} onChange={(emotions) => set({ selection: { ...draft.selection, emotions } })} />
                <Field label={t('editor.priority')}>{(id) => <input id={id} type="number" min={-100} max={100} value={draft.selection.priority} onChange={(event) => set({ selection: { ...draft.selection, priority: Math.trunc(Number(event.target.value) || 0) } })} />}</Field>
              </fieldset>
              <fieldset className="script-form__pair">
                <legend>{t('editor.deescalation')}</legend>
                <StepSelect label={t('editor.deescalationStep')} value={draft.deescalation?.step ?? null} stepIds={stepIds} allowNone noneLabel={t('editor.none')}
                  onChange={(stepId) => set({ deescalation: stepId ? { emotions: draft.deescalation?.emotions ?? ['angry'], step: stepId } : null })} />
                {draft.deescalation && <EmotionChecks label={t('editor.deescalationEmotions')} value={draft.deescalation.emotions} onChange={(emotions) => set({ deescalation: emotions.length ? { ...draft.deescalation!, emotions } : null })} />}
              </fieldset>
              <Field label={t('editor.variables')} hint={t('editor.commaHint')}>
                {(id) => <input id={id} key={openCount} defaultValue={draft.variables.map((variable) => variable.name).join(', ')} onBlur={(event) => set({ variables: list(event.target.value).map((name) => ({ name, initial: draft.variables.find((v) => v.name === name)?.initial ?? null })) })} />}
              </Field>
            </details>
            {step ? (
              <StepForm
                key={`${openCount}:${step.id}`} step={step} stepIds={stepIds} dispositions={reference.dispositions ?? []}
                onChange={(changed) => set({ steps: draft.steps.map((candidate) => (candidate.id === step.id ? changed : candidate)) })}
                onRename={(to) => { set(renameStep(draft, step.id, to)); setSelected(to); }}
                onDelete={() => { set({ steps: draft.steps.filter((candidate) => candidate.id !== step.id) }); setSelected(draft.start); }}
              />
            ) : <p className="script-muted">{t('editor.pickStep')}</p>}
          </fieldset>
          <div className="script-actions">
            <button type="button" className="button button--secondary" onClick={() => void check()}>{t('editor.validate')}</button>
            {!readOnly && <button type="button" className="button button--primary" aria-busy={status?.kind === 'busy' || undefined} onClick={() => void publish()}>{t('editor.publish')}</button>}
          </div>
          {status && <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'script-error' : 'script-ok'}>{status.text}</p>}
          {issues && <IssueList issues={issues} onSelect={setSelected} />}
          <details className="script-settings">
            <summary>{t('preview.title')}</summary>
            <Preview definition={draft} language={language} />
          </details>
        </div>
      </div>
    </div>
  );
}

function EmotionChecks({ label, value, onChange }: { label: string; value: readonly Emotion[]; onChange: (value: Emotion[]) => void }) {
  const { t } = useTranslation('scripts');
  return (
    <fieldset className="script-form__inline">
      <legend>{label}</legend>
      {emotionSchema.options.map((emotion) => (
        <label key={emotion} className="script-check">
          <input type="checkbox" checked={value.includes(emotion)} onChange={(event) => onChange(event.target.checked ? [...value, emotion] : value.filter((e) => e !== emotion))} />
          {t(`emotion.${emotion}`)}
        </label>
      ))}
    </fieldset>
  );
}

function IssueList({ issues, onSelect }: { issues: readonly ScriptIssue[]; onSelect: (stepId: string) => void }) {
  const { t } = useTranslation('scripts');
  if (issues.length === 0) return <p className="script-ok" role="status">{t('editor.valid')}</p>;
  return (
    <div className="script-issues" role="alert">
      <h3>{t('editor.issues', { count: issues.length })}</h3>
      <ul>
        {issues.map((issue, index) => (
          <li key={index}>
            <code>{issue.code}</code>{' '}
            {issue.stepId ? <button type="button" className="button button--ghost" onClick={() => onSelect(issue.stepId!)}>{issue.stepId}</button> : <span>{issue.field}</span>}
            : {issueText(t, issue)}
          </li>
        ))}
      </ul>
    </div>
  );
}
