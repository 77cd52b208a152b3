/**
 * What the editor remembers about its open script besides the text: the id it was opened as
 * (to know whether the signed-in lead may change it) and the shared draft's revision it started
 * from (sent as `baseRevision` when saving). Kept in localStorage beside the local draft, so a
 * reload neither loses the base revision nor unlocks a read-only script.
 */
import type { ListedScript, ScriptOwnerInfo } from '@contract';
import type { DraftSummary } from '../api';

export interface EditorSession {
  openedId: string | null;
  base: { scriptId: string; revision: number } | null;
}

const SESSION_KEY = 'centralita-script-draft-session';
export const NO_SESSION: EditorSession = { openedId: null, base: null };

export function loadEditorSession(): EditorSession {
  try {
    const value = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Partial<EditorSession> | null;
    const base = value?.base && typeof value.base.scriptId === 'string' && Number.isInteger(value.base.revision) ? value.base : null;
    return { openedId: typeof value?.openedId === 'string' ? value.openedId : null, base };
  } catch {
    return NO_SESSION;
  }
}

export function storeEditorSession(session: EditorSession): void {
  try {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // storage full: the session stays in memory
  }
}

/** The revision to save over: only the base of this very script id (a renamed script starts afresh). */
export function baseRevisionFor(session: EditorSession, scriptId: string): number | null {
  return session.base?.scriptId === scriptId ? session.base.revision : null;
}

/** Who owns `scriptId` and whether the signed-in user may change it; null while it was never saved (or unknown offline). */
export interface OwnerView { owner: ScriptOwnerInfo; canEdit: boolean }

export function ownerView(scriptId: string, listed: readonly ListedScript[] | undefined, drafts: readonly DraftSummary[] | undefined): OwnerView | null {
  const published = listed?.find((item) => item.id === scriptId);
  if (published) return { owner: published.owner, canEdit: published.canEdit };
  const draft = drafts?.find((item) => item.scriptId === scriptId);
  return draft ? { owner: { teamId: draft.teamId, teamName: draft.teamName }, canEdit: draft.canEdit } : null;
}

/** Read-only when the script as opened belongs to someone the user may not change it for (the server refuses it too). */
export function isReadOnly(session: EditorSession, listed: readonly ListedScript[] | undefined): boolean {
  return session.openedId !== null && listed?.find((item) => item.id === session.openedId)?.canEdit === false;
}
