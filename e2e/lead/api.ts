/** Direct backend calls for the lead e2e: sign in, read, and push sync mutations as a given user. */
import { randomBytes } from 'node:crypto';
import { loginResponseSchema } from '../../contract/src/auth';
import { DEMO_PASSWORD } from '../support/fixtures';

export interface ApiUser { token: string; userId: string; teamId: string | null }

export async function login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<ApiUser> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status} ${await response.text()}`);
  const body = loginResponseSchema.parse(await response.json());
  return { token: body.accessToken, userId: body.user.id, teamId: body.user.teamId ?? null };
}

export async function getJson<T>(baseUrl: string, user: ApiUser, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${user.token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

export async function sendJson(baseUrl: string, user: ApiUser, method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` }, body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

export const postJson = (baseUrl: string, user: ApiUser, path: string, body: unknown) => sendJson(baseUrl, user, 'POST', path, body);

function uuidv7(): string {
  const hex = Date.now().toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface PushedMutation { id: string; entity: string; entityId: string; op: string; patch: Record<string, unknown>; clientTs: string }

let ticks = 0;
/** A mutation as a client's outbox would send it (fresh ids, an HLC stamp that only grows). */
export function mutation(entity: string, op: string, patch: Record<string, unknown>, entityId = uuidv7()): PushedMutation {
  ticks += 1;
  return { id: uuidv7(), entity, entityId, op, patch, clientTs: `${String(Date.now()).padStart(15, '0')}-${ticks.toString(16).padStart(4, '0')}-e2eClient` };
}

export function pushMutations(baseUrl: string, user: ApiUser, mutations: PushedMutation[], clientId = 'e2e-api-client') {
  return postJson(baseUrl, user, '/api/sync/push', { clientId, mutations });
}

/** Pushes one outcome re-tag as `user`, the way a client's outbox would. */
export function pushRetag(baseUrl: string, user: ApiUser, interactionId: string, reason: string) {
  return pushMutations(baseUrl, user, [mutation('outcome_tag', 'insert', { interactionId, disposition: 'escalated', reason })], 'e2e-retag-client');
}

export interface Review {
  id: string;
  agent: { id: string; displayName: string };
  outcome: { complaintTypeId: string | null };
  retags: { reason: string; new: Record<string, unknown> }[];
}

export interface Kpis { complaintTypes: { typeId: string; count: number }[] }
export const complaintCount = (kpis: Kpis, typeId: string): number => kpis.complaintTypes.find((row) => row.typeId === typeId)?.count ?? 0;
