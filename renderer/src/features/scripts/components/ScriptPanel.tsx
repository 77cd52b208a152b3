/**
 * The script panel beside the customer card. It follows the call on the line: picks the script
 * by queue, direction, complaint type and emotion from the locally cached published scripts,
 * runs it (answers kept locally until the wrap-up saves them into the interaction), jumps to
 * the de-escalation branch when the agent marks the caller angry, and keeps the version it
 * started with. Team leads and admins open the script studio from here.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CallFacts, type Emotion, type ScriptFacts, type ScriptLanguage, type ScriptVersion, localized, selectScript,
} from '@contract';
import { useLines, type LineSnapshot } from '@features/softphone';
import { createQueueItem, useCustomer, useCustomerComplaints, useCustomerConsents, useCustomerTimeline, useSyncSession } from '@features/sync';
import { type ServerAccess, roleFromToken } from '../api';
import { useCachedScripts, useScriptCacheRefresh } from '../cache';
import { customerFacts } from '../facts';
import { QUEUES } from '../queues';
import { runActions, scriptCallKey, useActiveCallScript, useCallScript, useRunStore } from '../run-store';
import { ScriptRunView } from './ScriptRunView';
import { ScriptStudio } from '../authoring/ScriptStudio';
import '../scripts.css';

/** The current call's emotion, complaint type and customer, as the customer card knows them. */
export interface ScriptCallContext {
  emotion: { emotion: Emotion; intensity: number } | null;
  complaintTypeId: string | null;
  customerId: string | null;
}

export interface ScriptPanelProps {
  getAccessToken: ServerAccess['getAccessToken'];
  /** Hook that reads the current call's context (the customer card's `useCurrentCallContext`). */
  useCallContext: () => ScriptCallContext;
}

const LIVE: readonly LineSnapshot['status'][] = ['connected', 'held'];

function activeLine(all: readonly LineSnapshot[]): LineSnapshot | null {
  return all.find((line) => line.status === 'connected') ?? all.find((line) => LIVE.includes(line.status)) ?? null;
}

export function ScriptPanel({ getAccessToken, useCallContext }: ScriptPanelProps) {
  const { t, i18n } = useTranslation('scripts');
  const language: ScriptLanguage = i18n.language.startsWith('es') ? 'es' : 'en';
  const session = useSyncSession();
  const backendUrl = session?.backendUrl ?? null;
  const access = useMemo<ServerAccess | null>(() => (backendUrl ? { backendUrl, getAccessToken } : null), [backendUrl, getAccessToken]);
  useScriptCacheRefresh(access);
  const [role, setRole] = useState<string | null>(null);
  useEffect(() => {
    void Promise.resolve(getAccessToken()).then((token) => setRole(roleFromToken(token)));
  }, [getAccessToken, session]);
  const [studioOpen, setStudioOpen] = useState(false);
  const canAuthor = role === 'team_lead' || role === 'admin';

  const context = useCallContext();
  const scripts = useCachedScripts();

  return (
    <section className="panel script-panel" aria-labelledby="script-panel-title" data-testid="script-panel">
      <div className="panel__header">
        <h2 id="script-panel-title" className="panel__title">{t('panel.title')}</h2>
        {canAuthor && (
          <button type="button" className="button button--ghost" onClick={() => setStudioOpen(true)}>
            {t('studio.open')}
          </button>
        )}
      </div>
      <div className="panel__body">
        <LiveCallScript context={context} scripts={scripts} language={language} />
      </div>
      {canAuthor && access && <ScriptStudio open={studioOpen} onClose={() => setStudioOpen(false)} access={access} language={language} scripts={scripts ?? []} isAdmin={role === 'admin'} />}
    </section>
  );
}

/**
 * The one part of the panel that follows the softphone's lines. A call ringing (or anything else
 * on a line that is not live) re-renders this alone: the live line it picks is the same object,
 * so the memoised script area below skips, and the INVITE's task stays short for the screen pop.
 */
function LiveCallScript({ context, scripts, language }: Omit<AreaProps, 'liveKey' | 'line'>) {
  const line = activeLine(useLines());
  return <CallScriptArea liveKey={line ? scriptCallKey(line) : null} line={line} context={context} scripts={scripts} language={language} />;
}

interface AreaProps {
  liveKey: string | null;
  line: LineSnapshot | null;
  context: ScriptCallContext;
  scripts: ScriptVersion[] | undefined;
  language: ScriptLanguage;
}

const CallScriptArea = memo(function CallScriptArea({ liveKey, line, context, scripts, language }: AreaProps) {
  const { t } = useTranslation('scripts');
  const active = useActiveCallScript();
  const live = useCallScript(liveKey);
  const focus = useRunStore((state) => state.focus);
  const [queues, setQueues] = useState<Record<string, string>>({});
  const [followUpDone, setFollowUpDone] = useState<Record<string, boolean>>({});
  const session = useSyncSession();

  // Customer data from the local cache.
  const customer = useCustomer(context.customerId);
  const complaints = useCustomerComplaints(context.customerId);
  const consents = useCustomerConsents(context.customerId);
  const timeline = useCustomerTimeline(context.customerId, 20);
  const direction = line?.direction ?? null;
  const openComplaintCount = (complaints ?? []).filter((row) => row.status !== 'resolved').length;
  const defaultQueue = direction === 'outbound' ? (openComplaintCount > 0 ? 'follow_up' : 'proactive') : 'general';
  const queue = (liveKey && queues[liveKey]) || defaultQueue;

  const now = Date.now();
  const facts: ScriptFacts = useMemo(() => {
    const call: CallFacts = {
      direction, queue, line: line ? line.id + 1 : null,
      durationSeconds: line?.connectedAt ? Math.max(0, Math.round((now - line.connectedAt) / 1000)) : 0,
      transferred: Boolean(line?.transferTarget), emotion: context.emotion?.emotion ?? null, emotionIntensity: context.emotion?.intensity ?? null,
      complaintType: context.complaintTypeId,
    };
    return { customer: customerFacts(customer, complaints ?? [], consents ?? [], timeline ?? [], now), call, now };
    // `now` changes every render; the facts only need refreshing when the inputs do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customer, complaints, consents, timeline, direction, queue, line?.id, line?.connectedAt, line?.transferTarget, context.emotion, context.complaintTypeId]);

  const suggested = scripts ? selectScript(scripts, { queue, direction, complaintType: context.complaintTypeId, emotion: context.emotion?.emotion ?? null }) : null;

  // Start the run when a call goes live; restart with a better script while nothing was answered yet.
  useEffect(() => {
    if (!liveKey || !suggested) return;
    const untouched = live && !live.pinned && Object.keys(live.run.answers).length === 0 && live.run.frames.length <= 1 && !live.run.deescalated;
    if (!live || (untouched && live.definition.id !== suggested.id)) runActions.start(liveKey, suggested.definition, suggested.version, facts);
    else runActions.activate(liveKey);
  }, [liveKey, live, suggested, facts]);

  // The agent changed the emotion: the script may jump to its de-escalation branch.
  const emotion = context.emotion?.emotion ?? null;
  useEffect(() => {
    if (liveKey && emotion) runActions.emotionChanged(liveKey, facts);
    // Only a change of emotion triggers this, not every change of facts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [liveKey, emotion]);

  const shown = live ?? (active && !active.finished ? active : null);
  if (!shown) {
    if (!liveKey) return <p className="script-muted">{t('panel.idle')}</p>;
    if (scripts === undefined) return <p className="script-muted" role="status">{t('panel.loading')}</p>;
    return <p className="script-muted">{t('panel.noMatch')}</p>;
  }

  const pick = (id: string) => {
    const chosen = scripts?.find((script) => script.id === id);
    if (chosen) runActions.start(shown.callKey, chosen.definition, chosen.version, facts, true);
  };
  const end = shown.run.ended ? shown.definition.steps.find((step) => step.id === shown.run.ended?.stepId) : undefined;
  const followUp = end?.type === 'end' ? end.followUp : null;
  const scheduleFollowUp = async () => {
    if (!session || !context.customerId || !followUp) return;
    const dueAt = new Date(Date.now() + followUp.inHours * 3_600_000).toISOString();
    await createQueueItem(session.store, { kind: followUp.kind, customerId: context.customerId, dueAt, note: localized(followUp.note, language).replace(/\{\{[^}]*\}\}/g, '').trim(), complaintId: null });
    setFollowUpDone((state) => ({ ...state, [shown.callKey]: true }));
  };

  return (
    <div className="script-area">
      <div className="script-meta">
        <label className="script-field">
          <span>{t('panel.queue')}</span>
          <select value={queue} disabled={!liveKey} onChange={(event) => liveKey && setQueues((state) => ({ ...state, [liveKey]: event.target.value }))}>
            {QUEUES.map((name) => <option key={name} value={name}>{t(`queue.${name}`)}</option>)}
          </select>
        </label>
        <label className="script-field">
          <span>{t('panel.script')}</span>
          <select value={shown.definition.id} onChange={(event) => pick(event.target.value)} data-testid="script-choice">
            {!scripts?.some((script) => script.id === shown.definition.id) && <option value={shown.definition.id}>{localized(shown.definition.name, language)}</option>}
            {(scripts ?? []).map((script) => <option key={script.id} value={script.id}>{localized(script.definition.name, language)}</option>)}
          </select>
        </label>
        <span className="script-version" data-testid="script-version">{t('panel.version', { version: shown.version })}</span>
      </div>
      {suggested && suggested.id !== shown.definition.id && liveKey === shown.callKey && (
        <p className="script-hint">
          {t('panel.suggestion', { name: localized(suggested.definition.name, language) })}{' '}
          <button type="button" className="button button--ghost" onClick={() => pick(suggested.id)}>{t('panel.switch')}</button>
        </p>
      )}
      {!liveKey && <p className="script-hint">{t('panel.afterCall')}</p>}
      <ScriptRunView
        definition={shown.definition}
        run={shown.run}
        facts={facts}
        language={language}
        onAdvance={(answer) => runActions.advance(shown.callKey, facts, answer)}
        onBack={() => runActions.back(shown.callKey)}
        focusRequest={focus?.callKey === shown.callKey ? focus : null}
        endActions={followUp && context.customerId ? (
          followUpDone[shown.callKey]
            ? <p role="status">{t('panel.followUpScheduled')}</p>
            : <button type="button" className="button button--secondary" onClick={() => void scheduleFollowUp()}>{t('panel.scheduleFollowUp')}</button>
        ) : null}
      />
    </div>
  );
});
