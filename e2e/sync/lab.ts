/**
 * Helpers for the sync e2e tests: open the sync-lab page (served by the real backend), sign in
 * through the feature's public API, and read the server's view of the data through its own
 * sync API (a separate client, so what we check is what the server really holds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { changeSchema, loginResponseSchema, pullResponseSchema, type Change } from '../../contract/src/index';
import { freePort, repoRoot } from '../support/backend';

export const PASSWORD = 'centralita';

type Json = Record<string, unknown>;
/** The slice of `window.__centralitaSync` (renderer/src/sync-lab/lab-api.ts) the tests use. */
export interface LabApi {
  signIn(username: string, password: string, options: { periodMs?: number; downloadInWorker?: boolean }): Promise<{ userId: string; accessToken: string; databaseName: string }>;
  createCustomer(customer: Json): Promise<string>;
  updateCustomer(customerId: string, changes: Json): Promise<unknown>;
  addIdentity(customerId: string, kind: string, value: string): Promise<string>;
  setConsent(customerId: string, channel: string, decision: 'grant' | 'revoke', source: string): Promise<void>;
  recordInteraction(interaction: Json): Promise<string>;
  recordInteractions(interactions: Json[]): Promise<string[]>;
  saveWrapup(interactionId: string, wrapup: Json): Promise<void>;
  openComplaint(complaint: Json): Promise<string>;
  createQueueItem(item: Json): Promise<string>;
  findCustomerByPhone(phone: string): Promise<Json | undefined>;
  searchCustomers(query: string, limit?: number): Promise<Json[]>;
  getCustomer(customerId: string): Promise<Json | undefined>;
  getInteraction(interactionId: string): Promise<Json | undefined>;
  pendingCount(): Promise<number>;
  outboxIds(): Promise<string[]>;
  deadLetters(): Promise<Array<{ id: string; origin: string; reason: string; message: string; entityId: string | null }>>;
  cursor(): Promise<{ cursor: string; lastSyncAt: string | null } | null>;
  status(): { leader: boolean; online: boolean; reachable: boolean; phase: string };
  requestSync(): void;
  whenIdle(): Promise<void>;
  customerCount(): Promise<number>;
  putRawOutboxRecord(record: Json): Promise<number>;
  seedVersion1Database(userId: string, count: number, phoneFor?: { customerId: string; phone: string }): Promise<{ ids: string[]; version: number }>;
  schemaVersion(): number;
  timeline(customerId: string): Promise<Json[]>;
  watchCustomer(customerId: string | null): void;
  resolveCustomerId(customerId: string): Promise<string>;
  interactionsOf(customerId: string): Promise<string[]>;
  identitiesOf(customerId: string): Promise<string[]>;
  consentsOf(customerId: string): Promise<Array<{ id: string; channel: unknown; status: unknown }>>;
  complaintsOf(customerId: string): Promise<string[]>;
  queueItemsOf(customerId: string): Promise<string[]>;
  outboxEntries(): Promise<Array<{ id: string; entity: string; op: string; entityId: string; clientTs: string; customerId: string | null }>>;
  stop(): Promise<void>;
}
export interface LabGlobal {
  __centralitaSync: LabApi;
}

/** sync-lab.html is a test-only page: the build includes it only with CENTRALITA_TEST_PAGES=1. */
export function assertLabBuilt(): void {
  if (!existsSync(join(repoRoot, 'out', 'renderer', 'sync-lab.html'))) {
    throw new Error('out/renderer/sync-lab.html is missing: build with `CENTRALITA_TEST_PAGES=1 npx electron-vite build` (npm test and npm run bench do).');
  }
}

export async function openLab(page: Page, baseUrl: string, lang: 'en' | 'es' = 'en'): Promise<void> {
  assertLabBuilt();
  await page.goto(`${baseUrl}/sync-lab.html?lang=${lang}`);
  await expect(page.locator('body[data-lab-ready="true"]')).toBeAttached();
}

export async function signInLab(page: Page, username: string, options: { periodMs?: number; downloadInWorker?: boolean } = {}) {
  return page.evaluate(([user, password, opts]) => (globalThis as unknown as LabGlobal).__centralitaSync.signIn(user, password, opts), [username, PASSWORD, options] as const);
}

export async function pendingCount(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.pendingCount());
}

export async function expectPending(page: Page, count: number, timeout = 60_000): Promise<void> {
  await expect.poll(() => pendingCount(page), { timeout, message: `pending outbox entries should reach ${count}` }).toBe(count);
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', String(count), { timeout: 10_000 });
}

export async function apiLogin(baseUrl: string, username: string): Promise<{ token: string; userId: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status} ${await response.text()}`);
  const body = loginResponseSchema.parse(await response.json());
  return { token: body.accessToken, userId: body.user.id };
}

/** Every change the server's log holds for this user, from cursor 0, validated. */
export async function serverChanges(baseUrl: string, username: string): Promise<Change[]> {
  const { token } = await apiLogin(baseUrl, username);
  const changes: Change[] = [];
  let cursor = '0';
  for (;;) {
    const response = await fetch(`${baseUrl}/api/sync/pull?cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`pull: HTTP ${response.status} ${await response.text()}`);
    const page = pullResponseSchema.parse(await response.json());
    changes.push(...page.changes.map((change) => changeSchema.parse(change)));
    if (!page.hasMore || page.cursor === cursor) return changes;
    cursor = page.cursor;
  }
}

/** Latest state per entity id, as the server reports it. */
export function latestByEntity(changes: readonly Change[]): Map<string, Change> {
  const latest = new Map<string, Change>();
  for (const change of changes) latest.set(change.entityId, change);
  return latest;
}

/**
 * A backend process this test controls completely: fixed port and data directory, so it can be
 * SIGKILLed (no graceful shutdown, like a crash) and restarted on the same origin with its data.
 */
export class KillableBackend {
  private child: ChildProcess | null = null;
  private log = '';
  readonly dataDir = mkdtempSync(join(tmpdir(), 'centralita-sync-e2e-'));
  private constructor(readonly port: number) {}

  static async create(): Promise<KillableBackend> {
    return new KillableBackend(await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'server', 'src', 'main.ts')], {
      cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env, HOST: '127.0.0.1', PORT: String(this.port), DATA_DIR: this.dataDir,
        WEB_ROOT: join(repoRoot, 'out', 'renderer'), CENTRALITA_DEMO: '1', NODE_ENV: 'test',
      },
    });
    const collect = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.child = child;
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        if ((await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2_000) })).ok) return;
      } catch {
        // not up yet
      }
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`backend exited early:\n${this.log}`);
      if (Date.now() > deadline) throw new Error(`backend did not start:\n${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGKILL to the whole process group: an abrupt crash, mid-request. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    this.child = null;
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
