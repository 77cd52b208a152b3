/**
 * The scripts API (server-only reads and the lead's writes). The shell passes the backend URL
 * and a token getter in, so the feature never reaches into the app's session.
 */
import type { DraftSave, ListedScript, ScriptDefinition, ScriptIssue, ScriptOwnerInfo, ScriptPublish, ScriptVersion } from '@contract';

export interface ServerAccess {
  backendUrl: string;
  getAccessToken: () => string | null | Promise<string | null>;
}

export class ScriptApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly issues: ScriptIssue[] = [], readonly details: unknown = null) {
    super(message);
    this.name = 'ScriptApiError';
  }
}

async function request<T>(access: ServerAccess, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const token = await access.getAccessToken();
  let response: Response;
  try {
    response = await fetch(new URL(path, access.backendUrl).href, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ScriptApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: { issues?: ScriptIssue[] } } } | null)?.error;
    throw new ScriptApiError(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status}`, error?.details?.issues ?? [], error?.details ?? null);
  }
  return payload as T;
}

export interface VersionSummary { version: number; name: string; createdByName: string | null; createdAt: string; publishedAt: string | null }

export interface StepAnalytics {
  stepId: string;
  type: string;
  label: string;
  reached: number;
  endedHere: number;
  answered: number;
  answers: Array<{ value: string; count: number }> | null;
  dispositions: Array<{ disposition: string | null; count: number }>;
}
/**
 * A script's shared server-side draft (unpublished work of its team's leads or an admin). Saving
 * over it sends `revision` back as the base; a 409 `draft_conflict` carries the newer draft.
 */
export interface DraftSummary extends ScriptOwnerInfo { scriptId: string; updatedByName: string | null; updatedAt: string; revision: number; canEdit: boolean }
export interface Draft extends DraftSummary { definition: unknown }

/** The newer draft a refused save was told about; null when the draft was published or discarded meanwhile. */
export function conflictingDraft(error: unknown): { draft: Draft | null } | null {
  if (!(error instanceof ScriptApiError) || error.status !== 409 || error.code !== 'draft_conflict') return null;
  const draft = (error.details as { draft?: Draft | null } | null)?.draft ?? null;
  return { draft };
}

export interface ScriptAnalytics { scriptId: string; version: number; calls: number; steps: StepAnalytics[] }

export const scriptsApi = {
  latest: (access: ServerAccess) => request<{ items: ListedScript[] }>(access, 'GET', '/api/scripts').then((body) => body.items),
  versions: (access: ServerAccess, id: string) => request<{ items: VersionSummary[] }>(access, 'GET', `/api/scripts/${encodeURIComponent(id)}/versions`).then((body) => body.items),
  version: (access: ServerAccess, id: string, version: number) => request<ScriptVersion>(access, 'GET', `/api/scripts/${encodeURIComponent(id)}/versions/${version}`),
  validate: (access: ServerAccess, definition: unknown) => request<{ ok: boolean; issues: ScriptIssue[] }>(access, 'POST', '/api/scripts/validate', { definition }),
  /** `draftRevision`: the shared draft the editor started from (null: none); a colleague's newer draft gives a 409 draft_conflict. */
  publish: (access: ServerAccess, definition: ScriptDefinition, draftRevision: number | null) =>
    request<ScriptVersion>(access, 'POST', '/api/scripts', { definition, draftRevision } satisfies ScriptPublish),
  drafts: (access: ServerAccess) => request<{ items: DraftSummary[] }>(access, 'GET', '/api/scripts/drafts').then((body) => body.items),
  draft: (access: ServerAccess, id: string) => request<Draft>(access, 'GET', `/api/scripts/${encodeURIComponent(id)}/draft`),
  saveDraft: (access: ServerAccess, definition: ScriptDefinition, baseRevision: number | null) =>
    request<DraftSummary>(access, 'PUT', `/api/scripts/${encodeURIComponent(definition.id)}/draft`, { definition, baseRevision } satisfies DraftSave),
  analytics: (access: ServerAccess, id: string, version: number) => request<ScriptAnalytics>(access, 'GET', `/api/scripts/${encodeURIComponent(id)}/analytics?version=${version}`),
};

/** Query keys (React Query) for the server-only reads. */
export const scriptKeys = {
  all: ['scripts'] as const,
  latest: () => [...scriptKeys.all, 'latest'] as const,
  drafts: () => [...scriptKeys.all, 'drafts'] as const,
  versions: (id: string) => [...scriptKeys.all, 'versions', id] as const,
  version: (id: string, version: number) => [...scriptKeys.all, 'version', id, version] as const,
  analytics: (id: string, version: number) => [...scriptKeys.all, 'analytics', id, version] as const,
};

/** The signed-in role, read from the access token for the UI only (the server enforces roles). */
export function roleFromToken(token: string | null): string | null {
  const payload = token?.split('.')[0];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown };
    return typeof json.role === 'string' ? json.role : null;
  } catch {
    return null;
  }
}
