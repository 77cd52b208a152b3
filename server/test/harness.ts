/**
 * Test harness: a real Fastify app over a suite's database (both engines), the demo accounts and
 * reference lists seeded, and small helpers to sign in, push and pull through HTTP (app.inject).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { formatHlc } from '@contract/hlc';
import type { LoginResponse } from '@contract/auth';
import type { Mutation, PullResponse, PushResponse, SyncEntity, SyncOp } from '@contract/sync';
import { buildApp, type AppOptions } from '../src/app';
import type { Database } from '../src/db/database';
import { DEMO_PASSWORD, seedDemoAccounts, type SeededAccounts } from '../src/seed/accounts';
import { seedReferenceData } from '../src/seed/reference';

export const TEST_SECRET = Buffer.from('test-secret-test-secret-test-secret-0123456789', 'utf8');

export function uuidv7(): string {
  const bytes = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An HLC stamp at `wallMs` (tests pick clocks explicitly to order concurrent writes). */
export function hlc(wallMs: number, node = 'test', counter = 0): string {
  return formatHlc({ wallMs, counter, node });
}

let clock = Date.now();
/** A fresh, increasing HLC stamp. */
export function nextHlc(node = 'test'): string {
  clock += 1;
  return hlc(clock, node);
}

export function mutation(entity: SyncEntity, op: SyncOp, entityId: string, patch: Record<string, unknown>, clientTs = nextHlc()): Mutation {
  return { id: uuidv7(), entity, entityId, op, patch, clientTs };
}

export interface Session { token: string; login: LoginResponse }

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  accounts: SeededAccounts;
  sessions: Record<'agent1' | 'agent2' | 'agent3' | 'lead1' | 'admin', Session>;
  push(session: Session, mutations: readonly Mutation[], clientId?: string): Promise<{ status: number; body: PushResponse & { error?: { code: string; message: string; details?: unknown } } }>;
  pull(session: Session, cursor?: string, limit?: number): Promise<{ status: number; body: PullResponse & { error?: { code: string } } }>;
  /** Pulls every page from `cursor`. */
  pullAll(session: Session, cursor?: string, limit?: number): Promise<PullResponse['changes']>;
  close(): Promise<void>;
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const body = response.json<LoginResponse>();
  return { token: body.accessToken, login: body };
}

export async function createTestApp(db: Database, options: Partial<AppOptions> = {}): Promise<TestApp> {
  await seedReferenceData(db);
  const accounts = await seedDemoAccounts(db);
  const app = await buildApp({ db, authSecret: TEST_SECRET, ...options });
  await app.ready();
  const names = ['agent1', 'agent2', 'agent3', 'lead1', 'admin'] as const;
  const sessions = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await login(app, name)] as const))) as TestApp['sessions'];

  const push: TestApp['push'] = async (session, mutations, clientId = 'test-client-1') => {
    const response = await app.inject({
      method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${session.token}` }, payload: { clientId, mutations },
    });
    return { status: response.statusCode, body: response.json() };
  };
  const pull: TestApp['pull'] = async (session, cursor = '0', limit = 1000) => {
    const response = await app.inject({ method: 'GET', url: `/api/sync/pull?cursor=${cursor}&limit=${limit}`, headers: { authorization: `Bearer ${session.token}` } });
    return { status: response.statusCode, body: response.json() };
  };
  return {
    app, db, accounts, sessions, push, pull,
    async pullAll(session, cursor = '0', limit = 1000) {
      const all: PullResponse['changes'] = [];
      for (let next = cursor; ;) {
        const page = await pull(session, next, limit);
        if (page.status !== 200) throw new Error(`pull failed: ${page.status} ${JSON.stringify(page.body)}`);
        all.push(...page.body.changes);
        next = page.body.cursor;
        if (!page.body.hasMore) return all;
      }
    },
    close: () => app.close(),
  };
}

/** Row counts of every table plus the change-log head: "nothing changed" means equal snapshots. */
export async function snapshotCounts(db: Database): Promise<Record<string, number>> {
  const tables = ['customers', 'customer_phones', 'customer_identities', 'identity_removals', 'consents', 'consent_events', 'interactions',
    'complaints', 'complaint_interactions', 'outcome_retags', 'queue_items', 'applied_mutations', 'change_log'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const state = await db.kysely.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
  counts.last_seq = state.last_seq;
  return counts;
}
