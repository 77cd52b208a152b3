/** The lead's server reads: shapes (as the backend answers them), fetchers and query keys. */
import type { AfterCallWorkPolicy, Emotion, KpiReportFigures, ReferenceData } from '@contract';
import { getJson, getText, putJson, type ServerAccess } from './server-read';

export interface EmotionValue { emotion: Emotion; intensity: number | null }
export interface Outcome {
  disposition: string | null;
  emotionStart: EmotionValue | null;
  emotionEnd: EmotionValue | null;
  complaintTypeId: string | null;
  firstContactResolution: boolean | null;
}

export interface TeamCallRow extends Outcome {
  id: string;
  agentId: string;
  agentName: string;
  customerId: string | null;
  customerName: string | null;
  channel: string;
  direction: string;
  startedAt: string;
  waitSeconds: number | null;
  handleSeconds: number | null;
  transferred: boolean;
  retagCount: number;
}

export interface CallFilters {
  agent?: string;
  from?: string;
  to?: string;
  disposition?: string;
  emotion?: string;
  complaintType?: string;
  fcr?: 'true' | 'false';
  transferred?: 'true' | 'false';
}

export interface CallPage { items: TeamCallRow[]; nextCursor: string | null }

export interface RetagAudit {
  id: string;
  by: { id: string; displayName: string };
  at: string | null;
  old: Record<string, unknown>;
  new: Record<string, unknown>;
  reason: string;
}

export interface CallReview {
  id: string;
  agent: { id: string; displayName: string };
  teamId: string | null;
  customer: { id: string; displayName: string | null } | null;
  channel: string;
  direction: string;
  queuedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  outcome: Outcome;
  notes: string | null;
  script: { id: string; version: number | null; answers: Record<string, unknown> } | null;
  complaint: { id: string; typeId: string; status: string; description: string | null } | null;
  retags: RetagAudit[];
  timeline: { id: string; channel: string; startedAt: string | null; agentName: string; disposition: string | null; emotionEnd: string | null; complaintTypeId: string | null }[];
}

export type { KpiFigures } from '@contract';
/** The dashboard reads the KPI reply's figures; the scope it also carries is not shown. */
export type KpiReport = KpiReportFigures;

export type AgentState = 'offline' | 'available' | 'on_call' | 'wrap_up' | 'paused';
export interface BoardAgent {
  agentId: string;
  displayName: string;
  role: 'agent' | 'team_lead';
  state: AgentState;
  pauseCode: string | null;
  since: string | null;
  secondsInState: number | null;
  stale: boolean;
  /** The pause code's limit while paused (null: no limit, or not paused). */
  pauseMaxMinutes: number | null;
  /** Paused longer than the code allows, as of the server's reading. */
  pauseOverrun: boolean;
}
export interface TeamBoard {
  at: string;
  teamId: string;
  teamName: string;
  counts: Record<AgentState, number>;
  agentsAvailable: number;
  agents: BoardAgent[];
  callsWaiting: number;
  longestWaitSeconds: number | null;
}

export interface ExcludedCustomer {
  customerId: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  reasons: { code: string; detail: Record<string, unknown> }[];
}
export interface ExclusionPage { items: ExcludedCustomer[]; nextAfter: string | null }

/** Query-key factory of the outcomes feature (one root so sign-out can drop them all). */
export const outcomesKeys = {
  all: ['outcomes'] as const,
  calls: (filters: CallFilters) => [...outcomesKeys.all, 'calls', filters] as const,
  review: (id: string) => [...outcomesKeys.all, 'review', id] as const,
  kpis: (range: KpiRequest) => [...outcomesKeys.all, 'kpis', range] as const,
  board: () => [...outcomesKeys.all, 'board'] as const,
  exclusions: () => [...outcomesKeys.all, 'exclusions'] as const,
  reference: () => [...outcomesKeys.all, 'reference'] as const,
};

export const CALL_PAGE_SIZE = 50;

export const fetchCalls = (access: ServerAccess, filters: CallFilters, cursor: string | undefined) =>
  getJson<CallPage>(access, '/api/team/interactions', { ...filters, cursor, limit: String(CALL_PAGE_SIZE) });
export const fetchReview = (access: ServerAccess, id: string) => getJson<CallReview>(access, `/api/interactions/${encodeURIComponent(id)}`);
/** One KPI read: a range, optionally one agent, per-team figures (`teams`) and an emotion series. */
export interface KpiRequest {
  from: string;
  to: string;
  agent?: string | undefined;
  teams?: boolean | undefined;
  series?: 'day' | 'week' | 'month' | undefined;
}

export const fetchKpis = (access: ServerAccess, request: KpiRequest) =>
  getJson<KpiReport>(access, '/api/kpis', { from: request.from, to: request.to, agent: request.agent, teams: request.teams ? '1' : undefined, series: request.series });
export const fetchBoard = (access: ServerAccess) => getJson<TeamBoard>(access, '/api/team/board');
export const fetchExclusions = (access: ServerAccess, after: string | undefined) =>
  getJson<ExclusionPage>(access, '/api/exclusions', { after, limit: '200' });
export const fetchExclusionsCsv = (access: ServerAccess) => getText(access, '/api/exclusions', { format: 'csv' });
/** The reference data as the server has it now (the admin's settings form reads it fresh, not from the cache). */
export const fetchReference = (access: ServerAccess) => getJson<ReferenceData>(access, '/api/reference');
/** Admins only (the server answers 403 to anyone else); 422 names a default disposition it will not take. */
export const saveAfterCallWork = (access: ServerAccess, policy: AfterCallWorkPolicy) => putJson<AfterCallWorkPolicy>(access, '/api/admin/after-call-work', policy);
